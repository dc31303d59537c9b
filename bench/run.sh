#!/usr/bin/env bash
# Prints NAD's foundation benchmark table (reading, training, scoring). Usage: bench/run.sh [repeats]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project bench/Nad.Bench -c Release -- "${1:-5}"
