# The customer-master importer for the party register. Included from data/src/sources.cmake.
target_sources(chokepoint_data PRIVATE ${CMAKE_CURRENT_LIST_DIR}/party_register_csv.cpp)
target_link_libraries(chokepoint_data PRIVATE nlohmann_json::nlohmann_json)
