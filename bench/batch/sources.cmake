# The nightly batch benchmark (1,000,000 registered parties). Included from bench/CMakeLists.txt.
if(TARGET chokepoint::data)
  add_executable(batch_bench ${CMAKE_CURRENT_SOURCE_DIR}/batch/batch_bench.cpp)
  target_include_directories(batch_bench PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/screen)
  target_link_libraries(batch_bench PRIVATE chokepoint::engine chokepoint::data)
  target_compile_definitions(batch_bench PRIVATE CHOKEPOINT_SOURCE_DIR="${CHOKEPOINT_SOURCE_DIR}")
endif()
