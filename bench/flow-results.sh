#!/usr/bin/env bash
# NAD beside scikit-learn on the bundled flow samples (data/flows), on the same deterministic split
# (pre-registered in docs/results.md, "Flow data sets"): for each data set
#   bench/reference/flow_split.py (dedup, then split) -> nad train + nad evaluate (hybrid, random-forest)
#   -> bench/reference/flow_peer.py (scikit-learn forest and histogram boosting on the same files),
# and prints one Markdown table per data set. Needs /usr/bin/python3 with pandas and scikit-learn
# (Debian 12: apt-get install -y python3-sklearn python3-pandas).
# Usage: bench/flow-results.sh [--keep DIR]   (--keep: write the splits, models and JSON there and keep them)
set -euo pipefail
cd "$(dirname "$0")/.."
keep=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --keep) keep="$2"; shift 2 ;;
    *) echo "error: unknown option '$1' (usage: bench/flow-results.sh [--keep DIR])" >&2; exit 2 ;;
  esac
done
if [ -n "$keep" ]; then out="$keep"; mkdir -p "$out"; else out=$(mktemp -d); trap 'rm -rf "$out"' EXIT; fi
export OMP_WAIT_POLICY=PASSIVE
py=/usr/bin/python3
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
dotnet build src/Nad.Cli -c Release -v quiet -nologo >&2
nad() { dotnet src/Nad.Cli/bin/Release/net10.0/nad.dll "$@"; }

# name | schema | split options | data (globs quoted: flow_split.py expands them)
sets=(
  "unsw-nb15|unsw-nb15||data/flows/unsw-nb15-testing-sample.csv.gz"
  "cic-ids2017-improved|cic-ids2017-improved||data/flows/cic-ids2017-improved/*.csv.gz"
  "cic-ids2017-improved-by-day|cic-ids2017-improved|--by-day 2017-07-06,2017-07-07|data/flows/cic-ids2017-improved/*.csv.gz"
)
for entry in "${sets[@]}"; do
  IFS='|' read -r name schema split data <<<"$entry"
  dir="$out/$name"
  mkdir -p "$dir"
  nad schema show "$schema" >"$dir/schema.json"
  # shellcheck disable=SC2086 # $split is zero or two words
  $py bench/reference/flow_split.py --schema "$dir/schema.json" --data "$data" --out "$dir" $split >&2
  for model in hybrid random-forest; do
    echo "$name: NAD $model ..." >&2
    nad train --schema "$schema" --model "$model" --data "$dir/train.csv" --out "$dir/$model.nadmodel" >"$dir/train-$model.txt" 2>&1
    nad evaluate --model "$dir/$model.nadmodel" --data "$dir/test.csv" --json >"$dir/nad-$model.json" 2>>"$dir/train-$model.txt"
  done
  echo "$name: scikit-learn ..." >&2
  $py bench/reference/flow_peer.py --schema "$dir/schema.json" --train "$dir/train.csv" --test "$dir/test.csv" --json "$dir/sklearn.json" >&2
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

$py - "$out" "${sets[@]}" <<'EOF'
import json, sys
out, sets = sys.argv[1], sys.argv[2:]
for entry in sets:
    name, schema, split, data = entry.split("|")
    d = f"{out}/{name}"
    s = json.load(open(f"{d}/split.json"))
    print(f"### {name} (schema `{schema}`)\n")
    print(f"{s['rows']:,} rows in {len(s['files'])} file(s), {s['duplicates_removed']:,} exact duplicates removed; {s['rule']}: "
          f"train {s['train_rows']:,} rows ({s['train_normal']:,} normal), test {s['test_rows']:,} rows ({s['test_normal']:,} normal).\n")
    print("| model | threshold | accuracy | precision | recall | F1 | FPR on normal | ROC-AUC | PR-AUC |")
    print("|---|---|---|---|---|---|---|---|---|")
    for model in ("hybrid", "random-forest"):
        e = json.load(open(f"{d}/nad-{model}.json"))
        m = e["metrics"]
        t = e.get("threshold")
        print(f"| NAD {model}{' (default)' if model == 'hybrid' else ''} | {t if isinstance(t, str) else f'{t:.4f}'} | {m['accuracy']:.2%} | {m['precision']:.2%} | "
              f"{m['recall']:.2%} | {m['f1']:.2%} | {m['falsePositiveRate']:.2%} | {m['rocAuc']:.4f} | {m['prAuc']:.4f} |")
    k = json.load(open(f"{d}/sklearn.json"))
    for r in k["results"]:
        print(f"| {r['model']} | {r['threshold']:.4f} | {r['accuracy']:.2%} | {r['precision']:.2%} | {r['recall']:.2%} | {r['f1']:.2%} | "
              f"{r['fpr']:.2%} | {r['roc_auc']:.4f} | {r['pr_auc']:.4f} |")
    print()
    # Rows flagged per test label: NAD's byAttack beside scikit-learn's by_label.
    flagged = [{a["group"]: a["detected"] for a in json.load(open(f"{d}/nad-{m}.json"))["byAttack"]} for m in ("hybrid", "random-forest")]
    flagged += [{n: v[0] for n, v in r["by_label"].items()} for r in k["results"]]
    rows = {n: v[1] for n, v in k["results"][0]["by_label"].items()}
    print("| test label | rows | NAD hybrid | NAD random-forest | " + " | ".join(r["model"] for r in k["results"]) + " |")
    print("|---|---|---|---|" + "---|" * len(k["results"]))
    for n in sorted(rows, key=lambda n: (n != "normal", -rows[n], n)):
        print(f"| {n} | {rows[n]:,} | " + " | ".join(f"{f.get(n, '?'):,}" if n in f else "?" for f in flagged) + " |")
    print()
EOF

# The TrafficLabelling sample: count its labels; with one class there is nothing to detect.
$py - <<'EOF'
import csv, gzip, io
rows = list(csv.reader(io.StringIO(gzip.open("data/flows/cic-ids2017-trafficlabelling-sample.csv.gz").read().decode("utf-8-sig", "replace"))))
label = [n.strip() for n in rows[0]].index("Label")
counts = {}
for r in rows[1:]:
    if any(c.strip() for c in r):
        counts[r[label].strip()] = counts.get(r[label].strip(), 0) + 1
print("### cic-ids2017 (TrafficLabelling sample)\n")
print(f"Not evaluated: its labels are {counts}; with one class there is no attack to detect and no detection metric.")
EOF
