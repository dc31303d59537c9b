#!/usr/bin/env bash
# Traffic extraction benchmark (issue 8): builds a large capture from the shared samples
# (repeated with shifted times and addresses), then prints packets/s, records/s (wall and per
# CPU-second) and peak memory. Usage: bench/traffic.sh [repetitions=600] [runs=3] [ipv6]
# ("ipv6": the same capture with every IPv4 packet rewritten as IPv6)
# The samples: $NAD_SHARED_TRAFFIC, or shared/data/traffic beside the repository (or further up).
set -euo pipefail
cd "$(dirname "$0")/.."
samples="${NAD_SHARED_TRAFFIC:-}"
if [ -z "$samples" ]; then
  dir="$(pwd)"
  while [ "$dir" != "/" ]; do
    dir="$(dirname "$dir")"
    if [ -d "$dir/shared/data/traffic" ]; then samples="$dir/shared/data/traffic"; break; fi
  done
fi
if [ -z "$samples" ] || [ ! -d "$samples" ]; then
  echo "shared/data/traffic not found beside the repository; set NAD_SHARED_TRAFFIC" >&2
  exit 2
fi
dotnet run --project bench/Nad.Traffic.Bench -c Release -- "$samples" "${1:-600}" "${2:-3}" - ${3:-}
