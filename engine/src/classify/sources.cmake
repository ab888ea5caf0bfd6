target_sources(chokepoint_engine PRIVATE
  ${CMAKE_CURRENT_SOURCE_DIR}/src/classify/figures.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/classify/classifier.cpp
)
