chokepoint_add_test(cli_test ${CMAKE_CURRENT_SOURCE_DIR}/cli/cli_test.cpp)
target_link_libraries(cli_test PRIVATE nlohmann_json::nlohmann_json)
target_compile_definitions(cli_test PRIVATE CHOKEPOINT_BINARY="$<TARGET_FILE:chokepoint>")
add_dependencies(cli_test chokepoint)

chokepoint_add_test(screen_cli_test ${CMAKE_CURRENT_SOURCE_DIR}/cli/screen_cli_test.cpp)
target_link_libraries(screen_cli_test PRIVATE nlohmann_json::nlohmann_json)
target_compile_definitions(screen_cli_test PRIVATE CHOKEPOINT_BINARY="$<TARGET_FILE:chokepoint>")
add_dependencies(screen_cli_test chokepoint)

chokepoint_add_test(graph_cli_test ${CMAKE_CURRENT_SOURCE_DIR}/cli/graph_cli_test.cpp)
target_link_libraries(graph_cli_test PRIVATE nlohmann_json::nlohmann_json)
target_compile_definitions(graph_cli_test PRIVATE CHOKEPOINT_BINARY="$<TARGET_FILE:chokepoint>")
add_dependencies(graph_cli_test chokepoint)

chokepoint_add_test(audit_cli_test ${CMAKE_CURRENT_SOURCE_DIR}/cli/audit_cli_test.cpp)
target_link_libraries(audit_cli_test PRIVATE nlohmann_json::nlohmann_json)
target_compile_definitions(audit_cli_test PRIVATE CHOKEPOINT_BINARY="$<TARGET_FILE:chokepoint>")
add_dependencies(audit_cli_test chokepoint)
