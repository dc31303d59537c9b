#!/usr/bin/python3
"""The deterministic train/test split of a labelled flow data set, written as two CSVs NAD reads with its built-in schema.

Run from the repository root (Debian's Python: /usr/bin/python3 has pandas and scikit-learn):
    nad schema show unsw-nb15 > /tmp/unsw.json
    /usr/bin/python3 bench/reference/flow_split.py --schema /tmp/unsw.json \
        --data data/flows/unsw-nb15-testing-sample.csv.gz --out /tmp/unsw-split
    /usr/bin/python3 bench/reference/flow_split.py --schema /tmp/cic.json --data 'data/flows/cic-ids2017-improved/*.csv.gz' \
        --by-day 2017-07-06,2017-07-07 --out /tmp/cic-days

The rule (pre-registered in docs/results.md, "Flow data sets"):
- every file given (globs expanded, sorted by name) is pooled; all must have the same header;
- exact duplicates are removed first, as NAD's Evaluation/Deduplication defines them: the same value
  in every feature column of the schema (numbers compared as numbers, Infinity/NaN/empty as NAD reads
  them: +-1e12) and the same label; connection fields and ignored columns do not count; the first
  row in file order is kept;
- default: stratified 70/30 by the label (train_test_split, random_state=42); a label with fewer
  than 2 rows goes to the training side;
  --by-day D1,D2: test = the rows whose Timestamp (date part, first 10 characters) is one of the
  days given, train = the others (no randomness).
Writes OUT/train.csv and OUT/test.csv: the source's header line and cells unchanged (only rows
chosen), and OUT/split.json (counts), and prints a one-line summary.
"""
import argparse
import csv
import glob
import gzip
import io
import json
import os

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split

SEED = 42
BIG = 1e12  # NAD's stand-in for Infinity/NaN/empty in a 'missing' column (docs/schemas.md)


def read_text(path):
    raw = open(path, "rb").read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # NAD's Latin-1 policy: Windows-1252
    return text


def read_files(paths):
    header_line, frames = None, []
    for path in paths:
        text = read_text(path)
        first = text.split("\n", 1)[0].rstrip("\r")
        if header_line is None:
            header_line = first
        elif first != header_line:
            raise SystemExit(f"error: {path} has another header than {paths[0]}")
        rows = list(csv.reader(io.StringIO(text)))
        body = [r for r in rows[1:] if any(c.strip() for c in r)]  # empty / ',,,' rows skipped as NAD does
        body = [r for r in body if r != rows[0]]  # repeated header rows skipped as NAD does
        frames.append(pd.DataFrame(body, columns=range(len(rows[0]))).assign(_file=os.path.basename(path)))
    cells = pd.concat(frames, ignore_index=True)
    names = [n.strip() for n in next(csv.reader([header_line]))]
    return header_line, names, cells


def column_index(names, name):
    return names.index(name)  # the first of a duplicated column, as NAD keeps it


def number(cell):
    s = cell.strip()
    low = s.lower()
    if s == "" or low == "nan":
        return BIG
    if low in ("infinity", "inf", "+infinity"):
        return BIG
    if low in ("-infinity", "-inf"):
        return -BIG
    return float(s)


def dedup_key(schema, names, cells):
    key = pd.DataFrame(index=cells.index)
    for c in schema["columns"]:
        col = cells[column_index(names, c["name"])]
        key[c["name"]] = col if c.get("kind") == "categorical" else col.map(number)
    key["__label"] = label_of(schema, names, cells)
    return key


def label_of(schema, names, cells):
    return cells[column_index(names, schema["label"]["column"])].str.strip()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--schema", required=True, help="schema JSON (nad schema show NAME > x.json)")
    parser.add_argument("--data", required=True, nargs="+", help="CSV/CSV.gz files or globs (pooled)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--by-day", help="comma-separated dates (YYYY-MM-DD) whose rows form the test side")
    parser.add_argument("--timestamp", default="Timestamp")
    args = parser.parse_args()
    schema = json.load(open(args.schema))
    paths = sorted({p for g in args.data for p in (glob.glob(g) or [g])})
    header_line, names, cells = read_files(paths)
    labels = label_of(schema, names, cells)

    duplicated = dedup_key(schema, names, cells).duplicated(keep="first")
    kept = cells[~duplicated.to_numpy()]
    kept_labels = labels[~duplicated.to_numpy()]

    if args.by_day:
        days = set(args.by_day.split(","))
        on_test_day = kept[column_index(names, args.timestamp)].str.strip().str[:10].isin(days).to_numpy()
        train_rows, test_rows = kept.index[~on_test_day], kept.index[on_test_day]
        rule = f"by day: test = {sorted(days)}"
    else:
        counts = kept_labels.value_counts()
        rare = kept_labels.map(counts).to_numpy() < 2
        splittable = kept.index[~rare]
        train_rows, test_rows = train_test_split(splittable, test_size=0.3, stratify=kept_labels[~rare].to_numpy(),
                                                 random_state=SEED)
        train_rows = np.concatenate([np.asarray(train_rows), kept.index[rare]])
        rule = "stratified 70/30 by label, seed 42"
    train_rows, test_rows = np.sort(np.asarray(train_rows)), np.sort(np.asarray(test_rows))

    os.makedirs(args.out, exist_ok=True)
    width = len(names)
    for side, rows in (("train", train_rows), ("test", test_rows)):
        with open(os.path.join(args.out, f"{side}.csv"), "w", newline="") as f:
            f.write(header_line + "\n")
            csv.writer(f, lineterminator="\n").writerows(cells.loc[rows, list(range(width))].itertuples(index=False, name=None))

    normal = {v.lower() for v in schema["label"]["normal"]}
    is_normal = labels.str.lower().isin(normal)
    summary = {
        "files": [os.path.basename(p) for p in paths], "rule": rule, "rows": int(len(cells)),
        "duplicates_removed": int(duplicated.sum()),
        "train_rows": int(len(train_rows)), "train_normal": int(is_normal[train_rows].sum()),
        "test_rows": int(len(test_rows)), "test_normal": int(is_normal[test_rows].sum()),
        "train_labels": labels[train_rows].value_counts().to_dict(), "test_labels": labels[test_rows].value_counts().to_dict(),
    }
    with open(os.path.join(args.out, "split.json"), "w") as f:
        json.dump(summary, f, indent=1)
    print(f"{len(paths)} file(s), {summary['rows']:,} rows, {summary['duplicates_removed']:,} exact duplicates removed; {rule}: "
          f"train {summary['train_rows']:,} ({summary['train_normal']:,} normal), test {summary['test_rows']:,} ({summary['test_normal']:,} normal)")


if __name__ == "__main__":
    main()
