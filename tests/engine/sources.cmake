# Engine tests. Included from tests/CMakeLists.txt, so CMAKE_CURRENT_SOURCE_DIR is tests/.
chokepoint_add_test(classify_thresholds_test ${CMAKE_CURRENT_SOURCE_DIR}/engine/classify_thresholds_test.cpp)
chokepoint_add_test(catalog_eras_test ${CMAKE_CURRENT_SOURCE_DIR}/engine/catalog_eras_test.cpp)
chokepoint_add_test(rule_pack_test ${CMAKE_CURRENT_SOURCE_DIR}/engine/rule_pack_test.cpp)
chokepoint_add_test(codec_test ${CMAKE_CURRENT_SOURCE_DIR}/engine/codec_test.cpp)
target_link_libraries(codec_test PRIVATE nlohmann_json::nlohmann_json)
