# Ledger audit: shipments judged as of their ship date. Included from engine/CMakeLists.txt.
target_sources(chokepoint_engine PRIVATE
  ${CMAKE_CURRENT_SOURCE_DIR}/src/audit/auditor.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/audit/audit_json.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/audit/network_builder.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/audit/red_flags.cpp
)
