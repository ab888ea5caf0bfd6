# `chokepoint lists ...`. Included from cli/sources.cmake.
target_sources(chokepoint PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/commands/lists_cmd.cpp)
