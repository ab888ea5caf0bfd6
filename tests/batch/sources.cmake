# Batch re-screening: the fixture pair, real-format snapshots derived from ../shared, and the CLI
# with kill-and-resume trials.
chokepoint_add_test(batch_test
  ${CMAKE_CURRENT_SOURCE_DIR}/batch/batch_fixture_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/batch/batch_real_test.cpp
)
