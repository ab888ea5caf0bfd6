#!/usr/bin/env bash
# Load benchmark of POST /v1/screen against all real lists (../shared/data/lists), on loopback.
#   bench/api/run.sh [BUILD_DIR] [SECONDS per run, default 30] [SOAK_SECONDS, default 300]
# Environment: THREADS (server workers, default 16), CONNS (wrk connections, default 8),
# WRK_THREADS (default 1), AUDIT_WAIT=1 (responses wait for the audit commit).
# Prints wrk's figures, then samples the server's RSS every 10 s during the soak.
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${1:-build}"
seconds="${2:-30}"
soak="${3:-300}"
threads="${THREADS:-16}"
conns="${CONNS:-8}"
wrk_threads="${WRK_THREADS:-1}"
bin="$build/cli/chokepoint"
lists="../shared/data/lists"
command -v wrk >/dev/null || { echo "install wrk: CHOKEPOINT_BENCH_TOOLS=1 scripts/setup.sh" >&2; exit 3; }
[ -d "$lists" ] || { echo "skipped: $lists is not present" >&2; exit 0; }

work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/bench.db"
echo "importing the real lists..." >&2
"$bin" --db "$db" lists import "$lists/us_csl/csl.csv" >/dev/null
"$bin" --db "$db" lists import "$lists/ofac_sdn/sdn.csv" "$lists"/ofac_sdn_supplements/{add,alt,sdn_comments}.csv >/dev/null
"$bin" --db "$db" lists import "$lists"/ofac_consolidated_nonsdn/cons_{prim,add,alt,comments}.csv >/dev/null
"$bin" --db "$db" lists import "$lists/us_bis_dpl/dpl.txt" >/dev/null
"$bin" --db "$db" lists import "$lists/un/UN_consolidated.xml" >/dev/null
export API_KEY="$("$bin" --db "$db" keys create --role screen --name bench | tail -1)"
export BODIES="$work/bodies.jsonl"
python3 bench/api/make_names.py "$lists/us_csl/csl.csv" "$BODIES"

serve_flags=(--port 0 --threads "$threads")
[ "${AUDIT_WAIT:-0}" = 1 ] && serve_flags+=(--audit-wait)
"$bin" --db "$db" --log-level error serve "${serve_flags[@]}" >"$work/serve.out" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q listening "$work/serve.out" && break; sleep 0.2; done
port="$(grep -o '[0-9]*$' "$work/serve.out" | head -1)"
url="http://127.0.0.1:$port"
echo "server pid $pid on $url, $threads workers; wrk $wrk_threads thread(s), $conns connections" >&2

wrk -t"$wrk_threads" -c"$conns" -d5s -s bench/api/screen.lua "$url" >/dev/null  # warm-up
echo "== ${seconds} s run"
wrk -t"$wrk_threads" -c"$conns" -d"${seconds}s" --latency -s bench/api/screen.lua "$url"

if [ "$soak" -gt 0 ]; then
  echo "== soak: ${soak} s, RSS sampled every 10 s (kB)"
  wrk -t"$wrk_threads" -c"$conns" -d"${soak}s" --latency -s bench/api/screen.lua "$url" >"$work/soak.txt" &
  wrk_pid=$!
  rss=()
  while kill -0 "$wrk_pid" 2>/dev/null; do
    rss+=("$(awk '/VmRSS/ {print $2}' /proc/$pid/status)")
    sleep 10
  done
  wait "$wrk_pid"
  cat "$work/soak.txt"
  echo "RSS samples: ${rss[*]}"
  printf '%s\n' "${rss[@]}" | sort -n | awk 'NR==1{min=$1} {max=$1} END {printf "RSS min %d kB, max %d kB, spread %.1f %%\n", min, max, 100*(max-min)/min}'
  # Ignore the first sample (the warm-up's allocations are settling) in the flatness verdict.
fi
curl -s "$url/metrics" | grep -E '^chokepoint_(audit|index_entries|http_connections)' || true
kill -TERM "$pid"; wait "$pid" || true
echo "audit log: $("$bin" --db "$db" audit-log verify 2>&1 | head -1)"
