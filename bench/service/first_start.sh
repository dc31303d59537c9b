#!/usr/bin/env bash
# The service's first start with each default model list, one after the other on the same machine:
# seconds from launch until /health/ready (training the models on the full bundled file included),
# resident memory after training and after a restart that loads the saved models (as run.sh
# measures it: VmRSS, and the peak VmHWM).
#
#   bench/service/first_start.sh ["hybrid,isolation-forest" "random-forest,isolation-forest" ...]
#
# Default: the current default list and the earlier one. NAD_DLL=path/to/nad.dll serves another build.
set -euo pipefail
cd "$(dirname "$0")"
LISTS=("$@")
[ ${#LISTS[@]} -gt 0 ] || LISTS=("hybrid,isolation-forest" "random-forest,isolation-forest")
URL=http://127.0.0.1:5081
OUT="$PWD/out/first-start"
if [ -z "${NAD_DLL:-}" ]; then
  dotnet build ../../src/Nad.Cli -c Release -v q -nologo >/dev/null
  NAD_DLL="../../src/Nad.Cli/bin/Release/net10.0/nad.dll"
fi
SERVER_PID=""
stop_server() { if [ -n "$SERVER_PID" ]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; fi; }
trap stop_server EXIT
trap 'stop_server; exit 130' INT TERM
READY_SECONDS=""
start() { # default list; sets SERVER_PID and READY_SECONDS (no subshell: the caller must know the server)
  local began; began=$(date +%s.%N)
  Nad__DefaultModels="$1" dotnet "$NAD_DLL" serve --urls "$URL" --data-dir "$OUT/data" 2>>"$OUT/nad.log" >/dev/null &
  SERVER_PID=$!
  for _ in $(seq 1 1800); do
    if curl -sf -o /dev/null "$URL/health/ready"; then READY_SECONDS=$(echo "$(date +%s.%N) - $began" | bc); return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server stopped; see $OUT/nad.log" >&2; return 1; }
    sleep 0.5
  done
  echo "timeout waiting for $URL" >&2; return 1
}
memory() { sleep 2; awk '/VmRSS/ {r = $2} /VmHWM/ {h = $2} END {printf "%.0f MB | %.0f MB", r / 1024, h / 1024}' "/proc/$SERVER_PID/status"; }

mkdir -p "$OUT"
: >"$OUT/nad.log"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
ROWS=()
for list in "${LISTS[@]}"; do
  rm -rf "$OUT/data"
  echo "first start with $list ..." >&2
  start "$list"
  seconds=$READY_SECONDS
  trained=$(memory)
  stop_server
  start "$list"
  loaded=$(memory)
  stop_server
  ROWS+=("| $list | $(printf '%.1f' "$seconds") s | $trained | $loaded |")
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "| default models | first start until ready (training) | RSS after training | peak RSS | RSS on a restart (models loaded) | its peak |"
echo "|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${ROWS[@]}"
