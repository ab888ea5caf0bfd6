# Ledger-audit benchmark: runs the real binary. Included from bench/CMakeLists.txt.
add_executable(audit_bench ${CMAKE_CURRENT_SOURCE_DIR}/audit/audit_bench.cpp)
target_compile_definitions(audit_bench PRIVATE CHOKEPOINT_SOURCE_DIR="${CHOKEPOINT_SOURCE_DIR}"
                                               CHOKEPOINT_BINARY="$<TARGET_FILE:chokepoint>")
add_dependencies(audit_bench chokepoint)
