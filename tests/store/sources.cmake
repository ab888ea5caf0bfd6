# Store tests. Raw SQLite and OpenSSL let the tests play the attacker (drop the append-only
# triggers, rewrite rows) and recompute the documented hash formula independently.
chokepoint_add_test(store_test ${CMAKE_CURRENT_SOURCE_DIR}/store/store_test.cpp)
target_link_libraries(store_test PRIVATE SQLite::SQLite3 OpenSSL::Crypto)

# List snapshots: the Store alone (synthetic producers), then import/diff/update through the
# parsers, a local Poco HTTP server standing in for the official sites, and the CLI.
find_package(Poco REQUIRED COMPONENTS Foundation Net)
chokepoint_add_test(list_import_test
  ${CMAKE_CURRENT_SOURCE_DIR}/store/list_snapshot_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/store/list_import_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/store/list_update_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/store/list_real_data_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/store/lists_cli_test.cpp
)
target_link_libraries(list_import_test
  PRIVATE SQLite::SQLite3 Poco::Net Poco::Foundation nlohmann_json::nlohmann_json)
target_compile_definitions(list_import_test PRIVATE CHOKEPOINT_BINARY="$<TARGET_FILE:chokepoint>")
add_dependencies(list_import_test chokepoint)
