# Screening tests. Included from tests/CMakeLists.txt, so CMAKE_CURRENT_SOURCE_DIR is tests/.
# screen_index_test's quality case loads the real lists through chokepoint::data (linked by
# chokepoint_add_test when the target exists) and skips without ../shared.
chokepoint_add_test(screen_test
  ${CMAKE_CURRENT_SOURCE_DIR}/screen/screen_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/screen/screen_index_test.cpp
)
