target_sources(chokepoint_engine PRIVATE
  ${CMAKE_CURRENT_SOURCE_DIR}/src/codec/item_json.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/codec/classification_json.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/codec/list_entry_json.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/codec/screen_json.cpp
)
