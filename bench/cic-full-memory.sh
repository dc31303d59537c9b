#!/usr/bin/env bash
# Memory on a CIC-IDS2017-sized data set (issue 14): ~2.83M rows in day files, trained as one data set.
# Generates the rows from the real improved CIC-IDS2017 samples (bench/cic-full-generate.py: repeated,
# perturbed, each label on its day) into a temp folder (deleted after; never committed), then runs
#   nad train --schema cic-ids2017-improved --data DIR/ --model random-forest
# under /usr/bin/time -v and prints rows, CSV size, wall time, peak RSS and the read/train times nad reports.
# Usage: bench/cic-full-memory.sh [ROWS] [extra nad train options...]   (default ROWS: 2830743)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-2830743}; shift || true
dotnet build src/Nad.Cli -c Release -v q -nologo >/dev/null
work=$(mktemp -d /tmp/nad-cic-full-XXXX)
trap 'rm -rf "$work"' EXIT
generated=$(python3 bench/cic-full-generate.py "$work/days" "$rows" 2>/dev/null)
size=$(du -sh "$work/days" | cut -f1)
/usr/bin/time -v dotnet src/Nad.Cli/bin/Release/net10.0/nad.dll train --schema cic-ids2017-improved --data "$work/days/" \
    --model random-forest --out "$work/m.nadmodel" "$@" >"$work/out.txt" 2>"$work/err.txt" || { cat "$work/err.txt"; exit 1; }
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB RAM; $(date -u +%Y-%m-%dT%H:%MZ)"
echo "data: $generated rows generated, $size of CSV in $(ls "$work/days" | wc -l) day files"
grep -E "^read |removed|testing on|done in" "$work/err.txt" | sed 's/^/nad: /'
grep -E "Elapsed \(wall|Maximum resident" "$work/err.txt" | sed 's/^\s*/time: /'
