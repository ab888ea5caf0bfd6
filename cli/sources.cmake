add_executable(chokepoint
  ${CMAKE_CURRENT_SOURCE_DIR}/main.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/commands/classify_cmd.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/commands/catalog_cmd.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/commands/rules_cmd.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/commands/audit_log_cmd.cpp
)
# Commands added by later work keep their own list.
include(${CMAKE_CURRENT_SOURCE_DIR}/commands/lists.cmake OPTIONAL)
include(${CMAKE_CURRENT_SOURCE_DIR}/commands/screen.cmake OPTIONAL)
include(${CMAKE_CURRENT_SOURCE_DIR}/commands/audit.cmake OPTIONAL)
include(${CMAKE_CURRENT_SOURCE_DIR}/commands/batch.cmake OPTIONAL)
include(${CMAKE_CURRENT_SOURCE_DIR}/commands/api.cmake OPTIONAL)
target_include_directories(chokepoint PRIVATE ${CMAKE_SOURCE_DIR})
target_link_libraries(chokepoint PRIVATE chokepoint::engine chokepoint::data chokepoint::service
                      spdlog::spdlog fmt::fmt)
