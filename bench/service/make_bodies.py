"""Writes the request bodies for the benchmark: one KDDTest+ record, and a batch of 1,000 (as JSON and as CSV rows)."""
import csv, gzip, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "out")
os.makedirs(out, exist_ok=True)
with gzip.open(os.path.join(HERE, "..", "..", "data", "nsl-kdd", "KDDTest+.csv.gz"), "rt") as f:
    rows = list(csv.reader(f))
header = rows[0][:41]

def record(r):
    return {k: (v if k in ("protocoltype", "service", "flag") else (float(v) if "." in v else int(v))) for k, v in zip(header, r[:41])}

json.dump(record(rows[1]), open(os.path.join(out, "one.json"), "w"))
json.dump([record(r) for r in rows[1:1001]], open(os.path.join(out, "batch1000.json"), "w"))
with open(os.path.join(out, "batch1000.csv"), "w", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(r[:41] for r in rows[1:1001])
