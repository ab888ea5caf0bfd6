# List-format parser tests. Included from tests/CMakeLists.txt, so CMAKE_CURRENT_SOURCE_DIR is tests/.
chokepoint_add_test(lists_test
  ${CMAKE_CURRENT_SOURCE_DIR}/lists/lists_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/lists/lists_dpl_un_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/lists/lists_real_test.cpp)
