# Party-network benchmark. Included from bench/CMakeLists.txt, so CMAKE_CURRENT_SOURCE_DIR is bench/.
add_executable(graph_bench ${CMAKE_CURRENT_SOURCE_DIR}/graph/graph_bench.cpp)
target_link_libraries(graph_bench PRIVATE chokepoint::engine)
