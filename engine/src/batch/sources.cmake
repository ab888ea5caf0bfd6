# Nightly batch re-screening: party register, runs, hit ledger, reviews (docs/batch.md).
# Included from engine/CMakeLists.txt.
target_sources(chokepoint_engine PRIVATE
  ${CMAKE_CURRENT_SOURCE_DIR}/src/batch/register.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/batch/reconcile.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/batch/batch_run.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/batch/ownership_hits.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/src/batch/review.cpp
)
