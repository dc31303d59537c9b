#!/usr/bin/env bash
# Load benchmark of the detection service against the reference Flask + scikit-learn app, with wrk on
# loopback. Needs Debian wrk, python3-flask, python3-sklearn, gunicorn. Usage: bench/service/run.sh [seconds]
# Prints one RESULT line per run; docs/benchmarks.md records them.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_RUN="${1:-10}"
OUT="$PWD/out"
mkdir -p "$OUT"
/usr/bin/python3 make_bodies.py "$OUT"
dotnet build ../../src/Nad.Cli -c Release -v q -nologo >/dev/null
NAD="../../src/Nad.Cli/bin/Release/net10.0/nad.dll"

wait_for() { for _ in $(seq 1 900); do curl -sf -o /dev/null "$1" && return 0; sleep 1; done; echo "timeout waiting for $1" >&2; return 1; }
wait_port() { for _ in $(seq 1 900); do curl -s -o /dev/null "$1" && return 0; sleep 1; done; return 1; }
bench() { # name connections body url
  printf '%-34s ' "$1"
  BODY="$3" wrk -t2 -c"$2" -d"${SECONDS_PER_RUN}s" --latency -s post.lua "$4" | grep RESULT || echo "no result (wrk failed)"
}

# NAD: trains the default random forest on the full training file the first time (cached in out/nad-data).
Nad__RateLimit__Enabled=false dotnet "$NAD" serve --urls http://127.0.0.1:5077 --data-dir "$OUT/nad-data" 2>"$OUT/nad.log" &
NAD_PID=$!
trap 'kill $NAD_PID 2>/dev/null || true; [ -n "${REF_PID:-}" ] && kill $REF_PID 2>/dev/null || true' EXIT
wait_for http://127.0.0.1:5077/health/ready
curl -sf -X POST -H 'Content-Type: application/json' --data-binary @"$OUT/one.json" http://127.0.0.1:5077/api/v1/supervised/predict >/dev/null
bench "nad single c16"   16 "$OUT/one.json"       http://127.0.0.1:5077/api/v1/supervised/predict
bench "nad batch1000 c4" 4  "$OUT/batch1000.json" http://127.0.0.1:5077/api/v1/supervised/predict
echo "nad memory: $(grep VmRSS /proc/$NAD_PID/status)   peak: $(grep VmHWM /proc/$NAD_PID/status)"
kill -TERM $NAD_PID; wait $NAD_PID || true

# Reference: Flask's built-in server, then gunicorn with one worker.
/usr/bin/python3 reference_app.py --cache "$OUT/sklearn-rf.pkl" --train-only
/usr/bin/python3 reference_app.py --cache "$OUT/sklearn-rf.pkl" --port 5078 2>"$OUT/flask.log" &
REF_PID=$!
wait_port http://127.0.0.1:5078/
bench "flask single c16"   16 "$OUT/one.json"       http://127.0.0.1:5078/predict
bench "flask batch1000 c4" 4  "$OUT/batch1000.json" http://127.0.0.1:5078/predict
kill $REF_PID; wait $REF_PID 2>/dev/null || true
gunicorn -w 1 -b 127.0.0.1:5078 --chdir "$PWD" "reference_app:create_app('$OUT/sklearn-rf.pkl')" 2>"$OUT/gunicorn.log" &
REF_PID=$!
wait_port http://127.0.0.1:5078/
bench "gunicorn-1 single c16"   16 "$OUT/one.json"       http://127.0.0.1:5078/predict
bench "gunicorn-1 batch1000 c4" 4  "$OUT/batch1000.json" http://127.0.0.1:5078/predict
