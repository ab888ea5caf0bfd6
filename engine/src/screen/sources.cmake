# Restricted-party screening: normaliser, legal-form lexicon, index builder, candidates, scorer.
# Included from engine/CMakeLists.txt.
target_sources(chokepoint_engine PRIVATE
  ${CMAKE_CURRENT_SOURCE_DIR}/src/screen/normalizer.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/screen/legal_forms.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/screen/index_builder.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/screen/candidates.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/screen/screening_index.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/screen/scorer.cpp
)
