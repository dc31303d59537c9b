#!/usr/bin/env bash
# A/B of two NAD builds with both servers up at once, in short alternating bursts (A, B, A, B, ...):
# load drift on a shared machine and the order within a round (which compare.sh cannot remove)
# hit both alike. Each burst's server CPU (user + system ticks) and requests are summed per build.
# Usage: bench/service/interleave.sh A/nad.dll B/nad.dll [bursts per build=12] [seconds per burst=2] [body=out/batch1000.json] [content type=application/json]
# Prints one Markdown row per build: records/s over its bursts, server CPU µs per record, bursts won.
set -euo pipefail
A="$(realpath "$1")"; B="$(realpath "$2")"
cd "$(dirname "$0")"
BURSTS="${3:-12}"; SECS="${4:-2}"; BODY_FILE="$(realpath "${5:-out/batch1000.json}")"; TYPE="${6:-application/json}"
OUT="$PWD/out"
[ -f "$OUT/nad-data/models/hybrid.nadmodel" ] || { echo "run bench/service/run.sh once first (it trains out/nad-data)" >&2; exit 2; }
RECORDS=$(case "$BODY_FILE" in *.csv) wc -l <"$BODY_FILE" ;; *) grep -o '"duration"' "$BODY_FILE" | wc -l ;; esac)
PIDS=()
stop() { for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; PIDS=(); }
trap stop EXIT
trap 'stop; exit 130' INT TERM
start() { # side dll port
  rm -rf "$OUT/interleave-$1"; mkdir -p "$OUT/interleave-$1"; cp -r "$OUT/nad-data/models" "$OUT/interleave-$1/"
  Nad__RateLimit__Enabled=false dotnet "$2" serve --urls "http://127.0.0.1:$3" --data-dir "$OUT/interleave-$1" 2>"$OUT/interleave-$1.log" &
  PIDS+=($!)
  for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$3/health/ready" && break; sleep 1; done
  CONTENT_TYPE="$TYPE" BODY="$BODY_FILE" wrk -t2 -c4 -d3s -s post.lua "http://127.0.0.1:$3/api/v1/supervised/predict" >/dev/null # warm-up
}
start A "$A" 5091; start B "$B" 5092
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
declare -A CPU=([A]=0 [B]=0) REQ=([A]=0 [B]=0) WON=([A]=0 [B]=0)
for burst in $(seq 1 "$BURSTS"); do
  declare -A PER=()
  for side in A B; do
    if [ "$side" = A ]; then pid=${PIDS[0]}; port=5091; else pid=${PIDS[1]}; port=5092; fi
    c0=$(ticks "$pid")
    line=$(CONTENT_TYPE="$TYPE" BODY="$BODY_FILE" wrk -t2 -c4 -d"${SECS}s" -s post.lua "http://127.0.0.1:$port/api/v1/supervised/predict" | grep RESULT)
    c1=$(ticks "$pid")
    grep -q "non2xx=0" <<<"$line" || { echo "build $side answered errors: $line" >&2; exit 1; }
    n=$(sed -E 's/.*requests\/s=([0-9]+).*/\1/' <<<"$line"); n=$((n * SECS))
    CPU[$side]=$((CPU[$side] + c1 - c0)); REQ[$side]=$((REQ[$side] + n))
    PER[$side]=$(awk -v c=$((c1 - c0)) -v n="$n" 'BEGIN {print n ? c / n : 1e9}')
  done
  if awk -v a="${PER[A]}" -v b="${PER[B]}" 'BEGIN {exit !(a < b)}'; then WON[A]=$((WON[A] + 1)); else WON[B]=$((WON[B] + 1)); fi
done
tick=$(getconf CLK_TCK)
echo "<!-- $BURSTS bursts of ${SECS}s each, $(basename "$BODY_FILE") ($TYPE, $RECORDS records), load average $(cut -d' ' -f1-3 /proc/loadavg) -->"
echo "| build | records/s (its bursts) | server CPU µs / record | bursts with less CPU per record |"
echo "|---|---:|---:|---:|"
for side in A B; do
  awk -v s="$side" -v c="${CPU[$side]}" -v n="${REQ[$side]}" -v r="$RECORDS" -v t="$tick" -v b="$BURSTS" -v secs="$SECS" -v w="${WON[$side]}" \
    'BEGIN {printf "| %s | %.0f | %.2f | %d of %d |\n", s, n * r / (b * secs), c / t * 1e6 / (n * r), w, b}'
done
