#!/usr/bin/env bash
# Load benchmark of the detection service against the reference Flask + scikit-learn app, with wrk on
# loopback. Needs Debian wrk, python3-flask, python3-sklearn, gunicorn.
#
#   bench/service/run.sh [seconds per run, default 10]
#
# Environment: FRESH=0 reuses out/nad-data (skips the first start that trains the models);
# NAD_DLL=path/to/nad.dll serves another build (then nothing is built).
# Prints a Markdown table (requests/s, p50, p99, records/s, resident memory) for NAD single and
# batch, Flask's built-in server and gunicorn with one worker; docs/benchmarks.md records it.
# Every server it starts is stopped on exit, also on Ctrl+C or an error.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_RUN="${1:-10}"
OUT="$PWD/out"
NAD_URL=http://127.0.0.1:5077
REF_URL=http://127.0.0.1:5078
mkdir -p "$OUT"
/usr/bin/python3 make_bodies.py "$OUT"
if [ -z "${NAD_DLL:-}" ]; then
  dotnet build ../../src/Nad.Cli -c Release -v q -nologo >/dev/null
  NAD_DLL="../../src/Nad.Cli/bin/Release/net10.0/nad.dll"
fi

SERVER_PID=""
stop_server() { # stops the running server (SIGTERM: graceful), waits for it
  if [ -n "$SERVER_PID" ]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; fi
}
trap stop_server EXIT
trap 'stop_server; exit 130' INT TERM
wait_for() { for _ in $(seq 1 900); do curl -sf -o /dev/null "$1" && return 0; sleep 1; done; echo "timeout waiting for $1" >&2; return 1; }
wait_port() { for _ in $(seq 1 900); do curl -s -o /dev/null "$1" && return 0; sleep 1; done; echo "timeout waiting for $1" >&2; return 1; }
rss_mb() { # resident memory of a server and its child processes (gunicorn's worker), MB
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1" || true); do total=$((total + $(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0))); done
  echo $((total / 1024))
}

ROWS=()
bench() { # name connections body records-per-request url [content type]
  local line rps
  line=$(CONTENT_TYPE="${6:-application/json}" BODY="$3" wrk -t2 -c"$2" -d"${SECONDS_PER_RUN}s" --latency -s post.lua "$5" | grep RESULT || echo "RESULT requests/s=0 p50_ms=0 p99_ms=0 errors=wrk-failed non2xx=0")
  rps=$(sed -E 's/.*requests\/s=([0-9]+).*/\1/' <<<"$line")
  ROWS+=("| $1 | $rps | $(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$line") ms | $(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$line") ms | $((rps * $4)) | $(rss_mb "$SERVER_PID") MB | $(sed -E 's/.*errors=([^ ]+) non2xx=([0-9]+).*/\1 \/ \2/' <<<"$line") |")
  echo "  $1: $line" >&2
}
start_nad() { # starts nad serve on the data folder, waits until ready
  Nad__RateLimit__Enabled=false dotnet "$NAD_DLL" serve --urls "$NAD_URL" --data-dir "$OUT/nad-data" 2>>"$OUT/nad.log" &
  SERVER_PID=$!
  wait_for "$NAD_URL/health/ready"
}

: >"$OUT/nad.log"
MEMORY=()
if [ "${FRESH:-1}" != 0 ]; then
  echo "NAD first start: training the default models (hybrid, Isolation Forest) on the full training file" >&2
  rm -rf "$OUT/nad-data"
  start_nad
  sleep 2
  MEMORY+=("| NAD first start, after training both default models | $(rss_mb "$SERVER_PID") MB | $(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' /proc/$SERVER_PID/status) MB |")
  stop_server
fi
echo "NAD: loads the trained models" >&2
start_nad
sleep 2
MEMORY+=("| NAD start with trained models, before any request | $(rss_mb "$SERVER_PID") MB | $(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' /proc/$SERVER_PID/status) MB |")
curl -sf -X POST -H 'Content-Type: application/json' --data-binary @"$OUT/one.json" "$NAD_URL/api/v1/supervised/predict" >/dev/null
SECONDS_PER_RUN_SAVED=$SECONDS_PER_RUN; SECONDS_PER_RUN=3   # warm-up (JIT), not reported
BODY="$OUT/batch1000.json" wrk -t2 -c4 -d3s -s post.lua "$NAD_URL/api/v1/supervised/predict" >/dev/null
BODY="$OUT/one.json" wrk -t2 -c16 -d3s -s post.lua "$NAD_URL/api/v1/supervised/predict" >/dev/null
SECONDS_PER_RUN=$SECONDS_PER_RUN_SAVED
bench "NAD single record, 16 connections" 16 "$OUT/one.json" 1 "$NAD_URL/api/v1/supervised/predict"
bench "NAD batch of 1,000, 4 connections" 4 "$OUT/batch1000.json" 1000 "$NAD_URL/api/v1/supervised/predict"
bench "NAD batch of 1,000 as CSV rows (text/csv), 4 connections" 4 "$OUT/batch1000.csv" 1000 "$NAD_URL/api/v1/supervised/predict" text/csv
MEMORY+=("| NAD after the load runs | $(rss_mb "$SERVER_PID") MB | $(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' /proc/$SERVER_PID/status) MB |")
ALERTS=$(curl -s "$NAD_URL/metrics" | awk '/^nad_alerts_stored_total/ {print $2}')
stop_server

echo "Reference: Flask's built-in server, then gunicorn with one worker" >&2
/usr/bin/python3 reference_app.py --cache "$OUT/sklearn-rf.pkl" --train-only
/usr/bin/python3 reference_app.py --cache "$OUT/sklearn-rf.pkl" --port 5078 2>"$OUT/flask.log" &
SERVER_PID=$!
wait_port "$REF_URL/"
bench "Flask built-in, single record, 16 connections" 16 "$OUT/one.json" 1 "$REF_URL/predict"
bench "Flask built-in, batch of 1,000, 4 connections" 4 "$OUT/batch1000.json" 1000 "$REF_URL/predict"
stop_server
gunicorn -w 1 -b 127.0.0.1:5078 --chdir "$PWD" "reference_app:create_app('$OUT/sklearn-rf.pkl')" 2>"$OUT/gunicorn.log" &
SERVER_PID=$!
wait_port "$REF_URL/"
bench "gunicorn 1 worker, single record, 16 connections" 16 "$OUT/one.json" 1 "$REF_URL/predict"
bench "gunicorn 1 worker, batch of 1,000, 4 connections" 4 "$OUT/batch1000.json" 1000 "$REF_URL/predict"
stop_server

echo
echo "wrk -t2, ${SECONDS_PER_RUN} s per run, loopback; $(nproc) cores; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run | requests/s | p50 | p99 | records/s | server RSS after the run | errors / non-2xx |"
echo "|---|---:|---:|---:|---:|---:|---|"
printf '%s\n' "${ROWS[@]}"
echo
echo "| NAD memory | RSS | peak RSS (VmHWM) |"
echo "|---|---:|---:|"
printf '%s\n' "${MEMORY[@]}"
echo
echo "alerts stored by NAD during its runs: ${ALERTS:-?}"
