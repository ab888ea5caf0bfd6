target_sources(chokepoint PRIVATE
  ${CMAKE_CURRENT_SOURCE_DIR}/commands/audit_cmd.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/commands/audit_report.cpp
)
