# Store tests. Raw SQLite and OpenSSL let the tests play the attacker (drop the append-only
# triggers, rewrite rows) and recompute the documented hash formula independently.
chokepoint_add_test(store_test ${CMAKE_CURRENT_SOURCE_DIR}/store/store_test.cpp)
target_link_libraries(store_test PRIVATE SQLite::SQLite3 OpenSSL::Crypto)
