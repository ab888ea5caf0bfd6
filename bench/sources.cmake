add_executable(classify_bench ${CMAKE_CURRENT_SOURCE_DIR}/classify_bench.cpp)
target_link_libraries(classify_bench PRIVATE chokepoint::engine)
