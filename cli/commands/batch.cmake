# `chokepoint batch ...`, `review`, `parties ...`. Included from cli/CMakeLists.txt.
target_sources(chokepoint PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/commands/batch_cmd.cpp)
