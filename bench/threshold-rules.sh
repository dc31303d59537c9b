#!/usr/bin/env bash
# Old vs new threshold rule, trained on KDDTrain+ only, evaluated once on KDDTest+ and KDDTest-21.
# Prints a markdown table: threshold, training time, accuracy, detection rate, FPR on normal rows.
#
#   bench/threshold-rules.sh [out-dir] [variant ...]
#   variant = MODEL[@name=value,name=value]:RULE   (RULE = held-out | novel | novel-balanced)
#   NAD="dotnet path/to/nad.dll" overrides how nad is run (default: the Release build in src/Nad.Cli).
# Example: bench/threshold-rules.sh out/thresholds random-forest:held-out random-forest:novel
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/out/threshold-rules}"; shift || true
variants=("$@")
if [ ${#variants[@]} -eq 0 ]; then
  for m in random-forest lightgbm gradient-boosting hybrid; do
    for r in held-out novel novel-balanced; do variants+=("$m:$r"); done
  done
fi
NAD="${NAD:-dotnet $root/src/Nad.Cli/bin/Release/net10.0/nad.dll}"
data="$root/data/nsl-kdd"
mkdir -p "$out"
echo "load before: $(uptime)" >&2
echo "| model | parameters | rule | threshold | train s | train CPU s | KDDTest+ accuracy | detection rate | FPR on normal | KDDTest-21 accuracy | detection rate | FPR on normal |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for v in "${variants[@]}"; do
  spec="${v%%:*}"; rule="${v##*:}"
  model="${spec%%@*}"; params=()
  if [[ "$spec" == *@* ]]; then IFS=',' read -ra kv <<< "${spec#*@}"; for p in "${kv[@]}"; do params+=(--param "$p"); done; fi
  name="$(echo "$spec-$rule" | tr '@,=' '_-_')"
  file="$out/$name.nadmodel"
  start=$(date +%s.%N)
  # CPU seconds (user + system) say more than wall time on a shared machine.
  /usr/bin/time -f "%U %S" -o "$out/$name.cpu" $NAD train --model "$model" "${params[@]}" --threshold "$rule" \
    --data "$data/Network_anomaly_data.csv.gz" --out "$file" > "$out/$name.train.txt" 2>&1 || { cat "$out/$name.train.txt" >&2; exit 1; }
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  $NAD evaluate --model "$file" --data "$data/KDDTest+.csv.gz" --json 2>/dev/null > "$out/$name.KDDTest+.json"
  $NAD evaluate --model "$file" --data "$data/KDDTest-21.csv.gz" --json 2>/dev/null > "$out/$name.KDDTest-21.json"
  cpu=$(awk 'END { print $1 + $2 }' "$out/$name.cpu")
  /usr/bin/python3 - "$out/$name" "$model" "${spec#"$model"}" "$rule" "$seconds" "$cpu" <<'PY'
import json, sys
base, model, params, rule, seconds, cpu = sys.argv[1:]
plus, m21 = (json.load(open(f"{base}.{f}.json")) for f in ("KDDTest+", "KDDTest-21"))
cells = lambda m: f"{m['accuracy']:.2%} | {m['recall']:.2%} | {m['falsePositiveRate']:.2%}"
print(f"| {model} | {params.lstrip('@') or '-'} | {rule} | {plus['threshold']:.4f} | {float(seconds):.1f} | {float(cpu):.1f} | {cells(plus['metrics'])} | {cells(m21['metrics'])} |", flush=True)
PY
done
echo "load after: $(uptime)" >&2
