# Batch re-screening: the fixture pair, real-format snapshots derived from ../shared, and the CLI
# with kill-and-resume trials.
chokepoint_add_test(batch_test
  ${CMAKE_CURRENT_SOURCE_DIR}/batch/batch_fixture_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/batch/batch_real_test.cpp
)

chokepoint_add_test(batch_cli_test ${CMAKE_CURRENT_SOURCE_DIR}/batch/batch_cli_test.cpp)
target_link_libraries(batch_cli_test PRIVATE nlohmann_json::nlohmann_json)
target_compile_definitions(batch_cli_test PRIVATE CHOKEPOINT_BINARY="$<TARGET_FILE:chokepoint>")
add_dependencies(batch_cli_test chokepoint)
