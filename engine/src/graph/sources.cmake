# Party network: model, ownership solver, tracer, signals, DOT and JSON. Included from
# engine/CMakeLists.txt. Boost.Graph is used header-only (CSR graph, strong_components,
# write_graphviz) and stays behind engine/src/graph/boost_graph.h.
find_package(Boost 1.74 REQUIRED)
target_sources(chokepoint_engine PRIVATE
  ${CMAKE_CURRENT_SOURCE_DIR}/src/graph/fraction.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/graph/network.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/graph/builder.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/graph/ownership_solver.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/graph/ownership.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/graph/trace_index.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/graph/tracer.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/graph/signals.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/graph/dot.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/graph/graph_json.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/graph/list_links.cpp
)
target_link_libraries(chokepoint_engine PRIVATE Boost::boost)
