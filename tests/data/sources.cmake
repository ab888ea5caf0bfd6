# Tests for chokepoint::data. Included from tests/CMakeLists.txt, so CMAKE_CURRENT_SOURCE_DIR is tests/.
chokepoint_add_test(catalog_test ${CMAKE_CURRENT_SOURCE_DIR}/data/catalog_test.cpp)
