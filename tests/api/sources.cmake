# REST API: the store's key and batch-audit methods, the audit writer, and the real server on an
# ephemeral loopback port (in process, and the binary for SIGTERM and CLI-equality checks).
find_package(Poco REQUIRED COMPONENTS Foundation Net NetSSL Crypto)
chokepoint_add_test(api_test
  ${CMAKE_CURRENT_SOURCE_DIR}/api/api_store_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/api/api_server_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/api/api_errors_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/api/api_cli_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/api/api_tls_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/api/api_connection_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/api/api_shipment_test.cpp
)
target_link_libraries(api_test
  PRIVATE chokepoint::api chokepoint::service Poco::NetSSL Poco::Crypto Poco::Net Poco::Foundation
          nlohmann_json::nlohmann_json)
target_compile_definitions(api_test PRIVATE CHOKEPOINT_BINARY="$<TARGET_FILE:chokepoint>")
add_dependencies(api_test chokepoint)
