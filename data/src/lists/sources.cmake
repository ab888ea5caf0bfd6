# List-format parsers. Included from data/src/sources.cmake, so CMAKE_CURRENT_SOURCE_DIR is data/.
target_sources(chokepoint_data PRIVATE
  ${CMAKE_CURRENT_SOURCE_DIR}/src/lists/csl_common.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/lists/csl_csv.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/lists/csl_json.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/lists/csv_reader.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/lists/dpl_tsv.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/lists/list_formats.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/lists/ofac_remarks.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/lists/parse_util.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/lists/sdn_csv.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/lists/sdn_xml.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/lists/un_xml.cpp
)
target_link_libraries(chokepoint_data PRIVATE nlohmann_json::nlohmann_json)
