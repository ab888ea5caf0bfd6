# Snapshot import, diff and `lists update` (the only HTTP client in the data library). Included
# from data/src/sources.cmake, where CMAKE_CURRENT_SOURCE_DIR is data/.
find_package(Poco REQUIRED COMPONENTS Foundation Net NetSSL Crypto)

target_sources(chokepoint_data PRIVATE
  ${CMAKE_CURRENT_SOURCE_DIR}/src/import/list_import.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/import/list_diff.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/import/list_update.cpp
)
target_include_directories(chokepoint_data PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
target_link_libraries(chokepoint_data
  PRIVATE Poco::NetSSL Poco::Net Poco::Crypto Poco::Foundation OpenSSL::Crypto
          nlohmann_json::nlohmann_json spdlog::spdlog)
