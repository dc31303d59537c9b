#!/usr/bin/python3
"""scikit-learn on the same flow train/test files as NAD (written by flow_split.py), with the schema's feature columns.

Run from the repository root (Debian's Python: /usr/bin/python3 has pandas and scikit-learn):
    nad schema show unsw-nb15 > /tmp/unsw.json
    /usr/bin/python3 bench/reference/flow_peer.py --schema /tmp/unsw.json --train /tmp/unsw-split/train.csv \
        --test /tmp/unsw-split/test.csv [--models random-forest,hist-gradient-boosting] [--json out.json]

Features, as NAD's FeatureEncoder builds them from a schema (docs/schemas.md, pre-registered in
docs/results.md, "Flow data sets"):
- categorical columns: one-hot of the values seen in the training file (an unseen value: all zeros);
- numeric columns: signed log1p, sign(x) * log1p(|x|);
- a column marked `missing`: Infinity -> +-1e12, NaN and empty -> 1e12, and a 0/1 '<name> (missing)'
  column; a column with an `absentValue`: the value is kept and its '(missing)' column set.
Label: attack = the label column's value is not one of the schema's normal values (case-insensitive).
Threshold: max F1 on a 20% hold-out of the training file stratified by label (a label seen once stays
in the fit part), then the model is refit on the whole training file and scored once on the test file.
"""
import argparse
import csv
import json
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.metrics import (accuracy_score, average_precision_score, f1_score, precision_recall_curve, precision_score,
                             recall_score, roc_auc_score)
from sklearn.model_selection import train_test_split

SEED = 42
BIG = 1e12

# The settings of bench/reference/supervised.py (NAD's random-forest and lightgbm peers).
MODELS = {
    "random-forest": lambda: RandomForestClassifier(n_estimators=100, n_jobs=1, random_state=SEED),
    "hist-gradient-boosting": lambda: HistGradientBoostingClassifier(max_iter=100, max_leaf_nodes=31, min_samples_leaf=20,
                                                                     learning_rate=0.1, early_stopping=False, random_state=SEED),
}


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    names = [n.strip() for n in rows[0]]
    first = {}
    for i, n in enumerate(names):
        first.setdefault(n, i)  # a duplicated column: the first is kept, as NAD does
    return first, rows[1:]


def number(cell):
    s = cell.strip()
    low = s.lower()
    if s == "" or low == "nan":
        return BIG, 1.0
    if low in ("infinity", "inf", "+infinity"):
        return BIG, 1.0
    if low in ("-infinity", "-inf"):
        return -BIG, 1.0
    return float(s), 0.0


class Encoder:
    def __init__(self, schema, index, rows):
        self.schema, self.columns = schema, schema["columns"]
        self.vocab = {c["name"]: sorted({r[index[c["name"]]].strip() for r in rows})
                      for c in self.columns if c.get("kind") == "categorical"}

    def encode(self, index, rows):
        numeric, indicators, onehot = [], [], []
        for c in self.columns:
            name = c["name"]
            cells = [r[index[name]] for r in rows]
            if c.get("kind") == "categorical":
                values = np.array([s.strip() for s in cells])
                onehot.append(np.stack([(values == v) for v in self.vocab[name]], axis=1).astype(np.float32))
                continue
            if c.get("missing"):
                parsed = [number(s) for s in cells]
                x = np.array([p[0] for p in parsed])
                indicators.append(np.array([p[1] for p in parsed]))
            else:
                x = np.array([float(s) for s in cells])
                if "absentValue" in c:
                    indicators.append((x == float(c["absentValue"])).astype(float))
            numeric.append(np.sign(x) * np.log1p(np.abs(x)))
        parts = [np.stack(numeric, axis=1)] if numeric else []
        if indicators:
            parts.append(np.stack(indicators, axis=1))
        return np.hstack(parts + onehot).astype(np.float32)


def labels(schema, index, rows):
    column = index[schema["label"]["column"]]
    names = np.array([r[column].strip() for r in rows])
    normal = {v.lower() for v in schema["label"]["normal"]}
    return names, np.array([n.lower() not in normal for n in names])


def max_f1_threshold(truth, scores):
    precision, recall, thresholds = precision_recall_curve(truth, scores)
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    return float(thresholds[int(np.argmax(f1[:-1]))])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--schema", required=True)
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--json")
    args = parser.parse_args()
    schema = json.load(open(args.schema))
    train_index, train_rows = read(args.train)
    test_index, test_rows = read(args.test)
    encoder = Encoder(schema, train_index, train_rows)
    x_train, x_test = encoder.encode(train_index, train_rows), encoder.encode(test_index, test_rows)
    names, y_train = labels(schema, train_index, train_rows)
    test_names, y_test = labels(schema, test_index, test_rows)
    counts = pd.Series(names).value_counts()
    strata = np.where(pd.Series(names).map(counts).to_numpy() >= 2, names, "rare")
    fit_rows, held_rows = train_test_split(np.arange(len(x_train)), test_size=0.2, stratify=strata, random_state=SEED)
    print(f"scikit-learn {sklearn.__version__}: {x_train.shape[1]} encoded columns; train {len(x_train):,} rows "
          f"({(~y_train).sum():,} normal), test {len(x_test):,} ({(~y_test).sum():,} normal)", flush=True)

    results = []
    for name in [m.strip() for m in args.models.split(",") if m.strip()]:
        held = MODELS[name]().fit(x_train[fit_rows], y_train[fit_rows])
        threshold = max_f1_threshold(y_train[held_rows], held.predict_proba(x_train[held_rows])[:, 1])
        start = time.perf_counter()
        model = MODELS[name]().fit(x_train, y_train)
        fit_s = time.perf_counter() - start
        scores = model.predict_proba(x_test)[:, 1]
        predicted = scores >= threshold
        row = {"model": f"scikit-learn {name}", "threshold": threshold, "fit_s": fit_s,
               "accuracy": accuracy_score(y_test, predicted), "precision": precision_score(y_test, predicted, zero_division=0),
               "recall": recall_score(y_test, predicted), "f1": f1_score(y_test, predicted),
               "fpr": float(predicted[~y_test].mean()), "roc_auc": roc_auc_score(y_test, scores),
               "pr_auc": average_precision_score(y_test, scores),
               # rows flagged per test label ('normal' for the normal rows), as nad evaluate's byAttack
               "by_label": {("normal" if not y_test[test_names == n][0] else n): [int(predicted[test_names == n].sum()), int((test_names == n).sum())]
                            for n in sorted(set(test_names))}}
        results.append(row)
        print(f"  {name}: threshold {threshold:.4f}, accuracy {row['accuracy']:.2%}, F1 {row['f1']:.2%}, FPR {row['fpr']:.2%}, "
              f"ROC-AUC {row['roc_auc']:.4f} (fit {fit_s:.2f} s)", flush=True)
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"stack": f"scikit-learn {sklearn.__version__}", "columns": int(x_train.shape[1]), "results": results}, out, indent=1)


if __name__ == "__main__":
    main()
