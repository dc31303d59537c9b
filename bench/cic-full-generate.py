#!/usr/bin/env python3
"""Writes a CIC-IDS2017-sized data set (improved CIC-IDS2017 layout) into a folder of day files.

The rows are the real sample rows of data/flows/cic-ids2017-improved/, repeated and perturbed
(Flow Duration + 0..999 us, a random Src Port, a fresh id) so they are not all exact duplicates.
Each label goes to the day it was recorded on (Monday: BENIGN only; Tuesday: Patator; Wednesday:
DoS and Heartbleed; Thursday: web attacks and infiltration; Friday: Botnet, Portscan, DDoS), in
the real data set's proportions, scaled to the requested total (default 2,830,743: CIC-IDS2017's
row count). Only for bench/cic-full-memory.sh: never committed, never a test fixture.

Usage: cic-full-generate.py OUT_FOLDER [ROWS]
"""
import csv, glob, gzip, io, os, random, sys

# Rows per label in the full improved CIC-IDS2017 (its README's sampling table).
REAL = {"BENIGN": 1582566, "DDoS": 95144, "DoS GoldenEye": 7567, "DoS Hulk": 158468, "DoS Slowhttptest": 1740,
        "DoS Slowloris": 3859, "FTP-Patator": 3972, "SSH-Patator": 2961, "Heartbleed": 11,
        "Infiltration - Portscan": 71767, "Infiltration": 36, "Portscan": 159066, "Botnet": 736,
        "Web Attack - Brute Force": 73, "Web Attack - SQL Injection": 13, "Web Attack - XSS": 18}
DAYS = {"Monday": [], "Tuesday": ["FTP-Patator", "SSH-Patator"],
        "Wednesday": ["DoS GoldenEye", "DoS Hulk", "DoS Slowhttptest", "DoS Slowloris", "Heartbleed"],
        "Thursday": ["Web Attack - Brute Force", "Web Attack - SQL Injection", "Web Attack - XSS", "Infiltration", "Infiltration - Portscan"],
        "Friday": ["Botnet", "Portscan", "DDoS"]}

def main():
    out = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 2830743
    here = os.path.dirname(os.path.abspath(__file__))
    header, pools = None, {}
    for path in sorted(glob.glob(os.path.join(here, "..", "data", "flows", "cic-ids2017-improved", "*.csv.gz"))):
        with gzip.open(path, "rb") as f:
            text = f.read().decode("utf-8", errors="surrogateescape")
        rows = list(csv.reader(io.StringIO(text)))
        header = rows[0]
        label_at = header.index("Label")
        for row in rows[1:]:
            if row and row[0] != "id":
                pools.setdefault(row[label_at], []).append(row)
    at = {name: header.index(name) for name in ("id", "Src Port", "Flow Duration")}
    scale = total / sum(REAL.values())
    rng = random.Random(42)
    os.makedirs(out, exist_ok=True)
    next_id, written = 1, 0
    for day, attacks in DAYS.items():
        counts = {"BENIGN": round(REAL["BENIGN"] * scale / len(DAYS))}
        counts.update({label: round(REAL[label] * scale) for label in attacks})
        plan = [label for label, n in counts.items() for _ in range(n)]
        rng.shuffle(plan)
        with open(os.path.join(out, f"{day}.csv"), "w", newline="", encoding="utf-8", errors="surrogateescape") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(header)
            for label in plan:
                row = list(rng.choice(pools[label]))
                row[at["id"]] = str(next_id)
                row[at["Src Port"]] = str(rng.randint(1024, 65535))
                row[at["Flow Duration"]] = str(int(float(row[at["Flow Duration"]])) + rng.randint(0, 999))
                writer.writerow(row)
                next_id += 1
        written += len(plan)
        print(f"{day}.csv: {len(plan):,} rows", file=sys.stderr)
    print(written)

main()
