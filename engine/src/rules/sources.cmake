target_sources(chokepoint_engine PRIVATE
  ${CMAKE_CURRENT_SOURCE_DIR}/src/rules/facts.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/rules/condition.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/rules/loader.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/rules/rule_pack.cpp
)
target_compile_definitions(chokepoint_engine PRIVATE CHOKEPOINT_SOURCE_DIR="${CHOKEPOINT_SOURCE_DIR}")
