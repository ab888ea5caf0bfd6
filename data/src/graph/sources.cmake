# Party-network CSV import. Included from data/src/sources.cmake, so CMAKE_CURRENT_SOURCE_DIR is data/.
target_sources(chokepoint_data PRIVATE
  ${CMAKE_CURRENT_SOURCE_DIR}/src/graph/party_csv.cpp
)
