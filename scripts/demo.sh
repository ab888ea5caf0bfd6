#!/usr/bin/env bash
# The main job on the embedded default: builds, then audits the demo shipment ledger
# (fixtures/ledger/demo_ledger.csv) against the bundled demo list and party network, each line as of
# its ship date, and shows the pieces behind it: classification by date, screening, tracing, with a
# fresh SQLite database and its audit log.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build -DCHOKEPOINT_BUILD_TESTS=OFF -DCHOKEPOINT_BUILD_BENCHMARKS=OFF

cp=build/cli/chokepoint
export CHOKEPOINT_DB="${CHOKEPOINT_DB:-$(mktemp -d)/chokepoint.db}"
run() { echo; echo "\$ chokepoint $*"; "$cp" "$@" || [ $? -eq 1 ]; }   # exit 1 = findings, expected here

run rules check
run catalog
run classify --part "NVIDIA H100 SXM5" --destination CN --as-of 2024-06-01
run classify --part "A800" --destination CN --as-of 2023-06-01
run classify --part "A800" --destination CN --as-of 2024-01-01
run classify --part "NVIDIA GeForce RTX 4090" --destination VN --as-of 2024-06-01
run classify --part "RTX 4090D" --destination CN --as-of 2024-06-01
run classify --part "H20" --destination CN --as-of 2025-06-01
run classify --spec fixtures/specs/hbm3e-stack.json --destination CN --as-of 2025-01-15
run classify --part "NVIDIA H100 SXM5" --destination CN --as-of 2024-06-01 --json
run lists import fixtures/lists/csl/csl.csv
run lists status
run screen "Central South CAD Center"
run screen "Central South CAD Center" --as-of 2014-12-31
run graph import fixtures/graph/cadence/parties.csv fixtures/graph/cadence/links.csv
run trace "Phytium" --as-of 2021-06-01
run graph import fixtures/ledger/network_parties.csv fixtures/ledger/network_links.csv
out="$(dirname "$CHOKEPOINT_DB")"
run audit fixtures/ledger/demo_ledger.csv --out "$out/results.jsonl" --csv "$out/results.csv" \
    --report "$out/report.html"
echo; echo "results: $out/results.jsonl, $out/results.csv; report: $out/report.html"
run audit-log verify
echo; echo "audit log: $CHOKEPOINT_DB"
