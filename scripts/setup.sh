#!/usr/bin/env bash
# Installs what chokepoint needs on Debian 12 (as root) and builds it.
#   scripts/setup.sh [BUILD_DIR] [extra cmake arguments...]
#   CHOKEPOINT_BENCH_TOOLS=1 scripts/setup.sh   also installs wrk for bench/api/run.sh
# Idempotent: packages already present are not fetched again; the build is incremental.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake ninja-build pkg-config libsqlite3-dev libssl-dev libpugixml-dev
          libspdlog-dev libfmt-dev doctest-dev libicu-dev nlohmann-json3-dev libcli11-dev libpoco-dev
          libboost-graph-dev)
# Extra packages a caller needs beyond the build (scripts/test.sh: Chromium for the report check).
read -r -a extra <<<"${CHOKEPOINT_EXTRA_PACKAGES:-}"
packages+=("${extra[@]}")
# The API load benchmark (bench/api/run.sh) needs wrk; the build and the tests do not.
if [ "${CHOKEPOINT_BENCH_TOOLS:-0}" = 1 ]; then packages+=(wrk); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then echo "setup: run as root to install packages" >&2; exit 3; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build_dir="${1:-build}"
shift || true
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"
