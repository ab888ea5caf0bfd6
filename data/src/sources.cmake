# chokepoint::data — the chip catalog (and, later, the list importers). Included from
# data/CMakeLists.txt, so CMAKE_CURRENT_SOURCE_DIR is data/.
add_library(chokepoint_data
  ${CMAKE_CURRENT_SOURCE_DIR}/src/catalog.cpp
)
add_library(chokepoint::data ALIAS chokepoint_data)
target_include_directories(chokepoint_data PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)
target_link_libraries(chokepoint_data
  PUBLIC chokepoint::engine
  PRIVATE pugixml::pugixml)
# The fallback for Catalog::DefaultPath() when neither CHOKEPOINT_CATALOG nor
# CHOKEPOINT_SOURCE_DIR is set: the tree this binary was built from.
target_compile_definitions(chokepoint_data PRIVATE CHOKEPOINT_SOURCE_DIR="${CHOKEPOINT_SOURCE_DIR}")

# List-format parsers and the snapshot import each keep their own source list.
include(${CMAKE_CURRENT_SOURCE_DIR}/src/lists/sources.cmake OPTIONAL)
include(${CMAKE_CURRENT_SOURCE_DIR}/src/import/sources.cmake OPTIONAL)
include(${CMAKE_CURRENT_SOURCE_DIR}/src/graph/sources.cmake OPTIONAL)

target_sources(chokepoint_data PRIVATE
  ${CMAKE_CURRENT_SOURCE_DIR}/src/ledger/ledger_csv.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/ledger/ledger_audit.cpp
)
include(${CMAKE_CURRENT_SOURCE_DIR}/src/register/sources.cmake OPTIONAL)
