# Party-network tests. Included from tests/CMakeLists.txt, so CMAKE_CURRENT_SOURCE_DIR is tests/.
chokepoint_add_test(graph_test
  ${CMAKE_CURRENT_SOURCE_DIR}/graph/graph_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/graph/ownership_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/graph/ownership_solver_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/graph/tracer_diff_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/graph/list_links_test.cpp
)
target_link_libraries(graph_test PRIVATE nlohmann_json::nlohmann_json)
