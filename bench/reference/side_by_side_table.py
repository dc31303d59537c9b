#!/usr/bin/python3
"""Joins `Nad.Bench zoo --json` and `supervised.py --json` into one Markdown table (used by bench/side_by_side.sh).

Usage: side_by_side_table.py nad.json sklearn.json
Ratios say how many times better NAD is: time ratios are scikit-learn / NAD, rate ratios NAD / scikit-learn.
When NAD ran `hybrid` (its default model; scikit-learn has none) and scikit-learn ran `random-forest`, a last
block puts the two side by side: issue 3's target is the default model scoring batches at least 5x faster than
scikit-learn's forest at better KDDTest+ accuracy.
"""
import json
import sys

DEFAULT_MODEL = "hybrid"  # DetectorCatalog.DefaultModel(PredictionTarget.Attack)


def ratio(better, worse):
    return f"{better / worse:.2f}x" if worse else "n/a"


def time_ratio(nad, sklearn):  # less time is better: scikit-learn / NAD
    return ratio(sklearn, nad)


def points(nad, sklearn):
    return f"{(nad - sklearn) * 100:+.2f} pt"


def main():
    nad, ref = (json.load(open(path)) for path in sys.argv[1:3])
    reference = {r["model"]: r for r in ref["results"]}
    print(f"NAD: {nad['stack']}; reference: {ref['stack']}; {nad['cores']} cores. Ratio = how many times NAD is faster (accuracy: NAD − scikit-learn).")
    print()
    print("| model | measure | NAD | scikit-learn | ratio |")
    print("|---|---|---:|---:|---:|")
    for n in nad["results"]:
        r = reference.get(n["model"])
        rows = [
            ("fit, 1 thread (s)", n["fit_1_thread_s"], r and r["fit_1_thread_s"], "{:.2f}", time_ratio),
            (f"fit, {nad['cores']} cores (s)", n["fit_all_cores_s"], r and r["fit_all_cores_s"], "{:.2f}", time_ratio),
            ("batch scoring KDDTest+ (rows/s)", n["batch_rows_per_s"], r and r["batch_rows_per_s"], "{:,.0f}", ratio),
            ("one record (µs)", n["one_record_us"], r and r["one_record_us"], "{:,.1f}", time_ratio),
            ("KDDTest+ accuracy", n["KDDTest+"]["accuracy"], r and r["KDDTest+"]["accuracy"], "{:.2%}", points),
            ("KDDTest+ FPR on normal", n["KDDTest+"]["fpr"], r and r["KDDTest+"]["fpr"], "{:.2%}", points),
            ("KDDTest+ ROC-AUC", n["KDDTest+"]["roc_auc"], r and r["KDDTest+"]["roc_auc"], "{:.4f}", lambda a, b: f"{a - b:+.4f}"),
            ("KDDTest-21 accuracy", n["KDDTest-21"]["accuracy"], r and r["KDDTest-21"]["accuracy"], "{:.2%}", points),
        ]
        for i, (measure, mine, theirs, fmt, compare) in enumerate(rows):
            name = f"**{n['model']}**" if i == 0 else ""
            print(f"| {name} | {measure} | {fmt.format(mine)} | {fmt.format(theirs) if theirs is not None else ''} | "
                  f"{compare(mine, theirs) if theirs is not None else ''} |")
    default_model_block(nad, reference)


def default_model_block(nad, reference):
    mine = next((n for n in nad["results"] if n["model"] == DEFAULT_MODEL), None)
    theirs = reference.get("random-forest")
    if mine is None or theirs is None:
        return
    rows = [
        ("batch scoring KDDTest+ (rows/s; scikit-learn from encoded rows, NAD from records)", mine["batch_rows_per_s"], theirs["batch_rows_per_s"], "{:,.0f}", ratio),
    ]
    if "batch_from_records_rows_per_s" in theirs:
        rows.append(("batch scoring KDDTest+ from records on both sides (rows/s)", mine["batch_rows_per_s"], theirs["batch_from_records_rows_per_s"], "{:,.0f}", ratio))
    rows += [
        ("one record (µs)", mine["one_record_us"], theirs["one_record_us"], "{:,.1f}", time_ratio),
        ("KDDTest+ accuracy", mine["KDDTest+"]["accuracy"], theirs["KDDTest+"]["accuracy"], "{:.2%}", points),
        ("KDDTest+ FPR on normal", mine["KDDTest+"]["fpr"], theirs["KDDTest+"]["fpr"], "{:.2%}", points),
        ("KDDTest-21 accuracy", mine["KDDTest-21"]["accuracy"], theirs["KDDTest-21"]["accuracy"], "{:.2%}", points),
    ]
    for i, (measure, a, b, fmt, compare) in enumerate(rows):
        name = f"**default model**: NAD {DEFAULT_MODEL} vs scikit-learn random-forest" if i == 0 else ""
        print(f"| {name} | {measure} | {fmt.format(a)} | {fmt.format(b)} | {compare(a, b)} |")


if __name__ == "__main__":
    main()
