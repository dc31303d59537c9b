#!/usr/bin/env bash
# Side-by-side A/B of two NAD builds on a shared machine: alternates them, round after round, on
# the same trained models (out/nad-data, made by run.sh) and the same bodies, so both see the same
# load. Usage: bench/service/compare.sh A/nad.dll B/nad.dll [seconds per run=5] [rounds=3]
# Extra environment for one side: A_ENV="DOTNET_gcServer=1" B_ENV="DOTNET_TieredPGO=1" (space-separated).
set -euo pipefail
A="$(realpath "$1")"; B="$(realpath "$2")"
cd "$(dirname "$0")"
SECONDS_PER_RUN="${3:-5}"; ROUNDS="${4:-3}"
OUT="$PWD/out"; URL=http://127.0.0.1:5079
[ -f "$OUT/nad-data/models/hybrid.nadmodel" ] || { echo "run bench/service/run.sh once first (it trains out/nad-data)" >&2; exit 2; }
PID=""
stop() { if [ -n "$PID" ]; then kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; fi; }
trap stop EXIT
trap 'stop; exit 130' INT TERM
run() { # side dll env
  rm -rf "$OUT/compare-data"; mkdir -p "$OUT/compare-data"; cp -r "$OUT/nad-data/models" "$OUT/compare-data/"
  env Nad__RateLimit__Enabled=false $3 dotnet "$2" serve --urls "$URL" --data-dir "$OUT/compare-data" 2>"$OUT/compare-$1.log" &
  PID=$!
  for _ in $(seq 1 120); do curl -sf -o /dev/null "$URL/health/ready" && break; sleep 1; done
  BODY="$OUT/batch1000.json" wrk -t2 -c4 -d2s -s post.lua "$URL/api/v1/supervised/predict" >/dev/null
  BODY="$OUT/one.json" wrk -t2 -c16 -d2s -s post.lua "$URL/api/v1/supervised/predict" >/dev/null
  [ -f "$OUT/batch1000.csv" ] && CONTENT_TYPE=text/csv BODY="$OUT/batch1000.csv" wrk -t2 -c4 -d2s -s post.lua "$URL/api/v1/supervised/predict" >/dev/null
  local cpu0; cpu0=$(awk '{print $14 + $15}' "/proc/$PID/stat")
  local single batch
  single=$(BODY="$OUT/one.json" wrk -t2 -c16 -d"${SECONDS_PER_RUN}s" --latency -s post.lua "$URL/api/v1/supervised/predict" | grep RESULT)
  local cpu1; cpu1=$(awk '{print $14 + $15}' "/proc/$PID/stat")
  batch=$(BODY="$OUT/batch1000.json" wrk -t2 -c4 -d"${SECONDS_PER_RUN}s" --latency -s post.lua "$URL/api/v1/supervised/predict" | grep RESULT)
  local cpu2; cpu2=$(awk '{print $14 + $15}' "/proc/$PID/stat")
  local csv="RESULT requests/s=0 p50_ms=0" cpu3=$cpu2 # a build without text/csv answers 415: shown as 0
  [ -f "$OUT/batch1000.csv" ] && csv=$(CONTENT_TYPE=text/csv BODY="$OUT/batch1000.csv" wrk -t2 -c4 -d"${SECONDS_PER_RUN}s" --latency -s post.lua "$URL/api/v1/supervised/predict" | grep RESULT) \
    && cpu3=$(awk '{print $14 + $15}' "/proc/$PID/stat")
  local rps1 rps2 rps3; rps1=$(sed -E 's/.*requests\/s=([0-9]+).*/\1/' <<<"$single"); rps2=$(sed -E 's/.*requests\/s=([0-9]+).*/\1/' <<<"$batch")
  rps3=$(sed -E 's/.*requests\/s=([0-9]+).*/\1/' <<<"$csv"); grep -q "non2xx=0" <<<"$csv" || rps3=0
  local tick; tick=$(getconf CLK_TCK)
  # Server CPU per request / per record: the load moves it far less than throughput.
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" \
    "$rps1" "$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$single")" "$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$single")" \
    "$(awk -v c=$((cpu1 - cpu0)) -v n="$rps1" -v s="$SECONDS_PER_RUN" -v t="$tick" 'BEGIN {printf "%.0f", n ? c / t * 1e6 / (n * s) : 0}')" \
    "$((rps2 * 1000))" "$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$batch")" \
    "$(awk -v c=$((cpu2 - cpu1)) -v n="$rps2" -v s="$SECONDS_PER_RUN" -v t="$tick" 'BEGIN {printf "%.2f", n ? c / t * 1e6 / (n * s * 1000) : 0}')" \
    "$((rps3 * 1000))" "$(awk -v c=$((cpu3 - cpu2)) -v n="$rps3" -v s="$SECONDS_PER_RUN" -v t="$tick" 'BEGIN {printf "%.2f", n ? c / t * 1e6 / (n * s * 1000) : 0}')"
  stop
}
echo "| build | single req/s | p50 ms | p99 ms | server CPU µs / request | batch records/s | batch p50 ms | server CPU µs / record | CSV batch records/s | CSV: server CPU µs / record |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for round in $(seq 1 "$ROUNDS"); do
  run A "$A" "${A_ENV:-}"
  run B "$B" "${B_ENV:-}"
  echo "<!-- round $round, load average $(cut -d' ' -f1-3 /proc/loadavg) -->"
done
