#!/usr/bin/env bash
# NAD and scikit-learn (Debian's, /usr/bin/python3) on the same machine, one after the other,
# the same models trained the same way; prints one Markdown table with ratios.
# Usage: bench/side_by_side.sh [--models random-forest,lightgbm]   (default: all nine shared models and hybrid)
# hybrid (NAD's default model) runs on NAD's side only: scikit-learn has none. With hybrid and random-forest
# both in --models, the table ends with a "default model" block: NAD's hybrid beside scikit-learn's forest.
set -euo pipefail
cd "$(dirname "$0")/.."
models="logistic-regression,svm,decision-tree,random-forest,gradient-boosting,lightgbm,neural-network,bagging,voting,hybrid"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --models) models="$2"; shift 2 ;;
    *) echo "error: unknown option '$1' (usage: bench/side_by_side.sh [--models a,b,c])" >&2; exit 2 ;;
  esac
done
# OpenMP workers (LightGBM in NAD, HistGradientBoosting in scikit-learn) spin while idle by default,
# which starves everything else on a small shared machine; NAD sets this for itself, here it is set for both.
export OMP_WAIT_POLICY=PASSIVE
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
dotnet build bench/Nad.Bench -c Release -v quiet -nologo >&2
echo "NAD ($models) ..." >&2
dotnet bench/Nad.Bench/bin/Release/net10.0/Nad.Bench.dll zoo --models "$models" --json "$out/nad.json" >&2
reference=$(tr ',' '\n' <<<"$models" | grep -vx 'hybrid' | paste -sd, -)
if [ -n "$reference" ]; then
  echo "scikit-learn ($reference) ..." >&2
  /usr/bin/python3 bench/reference/supervised.py --models "$reference" --json "$out/sklearn.json" >&2
else
  echo '{"stack": "scikit-learn (not run: no shared model asked for)", "results": []}' >"$out/sklearn.json"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
/usr/bin/python3 bench/reference/side_by_side_table.py "$out/nad.json" "$out/sklearn.json"
