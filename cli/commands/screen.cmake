target_sources(chokepoint PRIVATE
  ${CMAKE_CURRENT_SOURCE_DIR}/commands/screen_cmd.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/commands/screen_batch.cpp
)
target_sources(chokepoint PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/commands/graph_cmd.cpp)
