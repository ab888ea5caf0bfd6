# `chokepoint serve` and `chokepoint keys`. Included from cli/sources.cmake.
target_sources(chokepoint PRIVATE
  ${CMAKE_CURRENT_SOURCE_DIR}/commands/serve_cmd.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/commands/keys_cmd.cpp
)
target_link_libraries(chokepoint PRIVATE chokepoint::api)
