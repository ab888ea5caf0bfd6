#!/usr/bin/env bash
# The whole test suite: a release build and an ASan+UBSan build, warnings as errors, each run by ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
# Chromium renders the audit report headless, as a reviewer would open it; Graphviz renders
# `trace --svg`.
export CHOKEPOINT_EXTRA_PACKAGES="chromium fonts-dejavu-core graphviz"
scripts/setup.sh build -DCHOKEPOINT_WERROR=ON -DCHOKEPOINT_BUILD_TESTS=ON -DCHOKEPOINT_BUILD_BENCHMARKS=ON
(cd build && ctest --output-on-failure --parallel "$(nproc)")

scripts/setup.sh build-asan -DCHOKEPOINT_WERROR=ON -DCHOKEPOINT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DCHOKEPOINT_BUILD_TESTS=ON \
  -DCHOKEPOINT_BUILD_BENCHMARKS=OFF
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure --parallel "$(nproc)")
