#!/usr/bin/python3
"""scikit-learn's versions of NAD's supervised models on NSL-KDD, side by side with `Nad.Bench zoo`.

Run from the repository root (Debian 12: apt-get install -y python3-sklearn python3-pandas):
    /usr/bin/python3 bench/reference/supervised.py [--models random-forest,lightgbm] [--json out.json] [--raw]

Trained the way NAD trains them: one-hot of protocoltype/service/flag fitted on the training
file, log1p of byte and count columns (--raw: numbers as they are, the reference project's
setting), standardized inputs for the linear models and the MLP; the threshold maximizes F1 on
a 20% hold-out of the training rows stratified by attack name, then the model is refit on all
rows (the timed fit) and tested once on KDDTest+ and KDDTest-21. Nothing is tuned on a test file.
Times start from the encoded float matrix (pandas encoding not counted; NAD's include encoding);
batch_from_records_rows_per_s also times the encoding of the test records, as a deployed scorer pays it.
"""
import argparse
import json
import os
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.ensemble import (BaggingClassifier, GradientBoostingClassifier, HistGradientBoostingClassifier,
                              RandomForestClassifier, VotingClassifier)
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, precision_recall_curve, precision_score, recall_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC
from sklearn.tree import DecisionTreeClassifier

CATEGORICAL = ["protocoltype", "service", "flag"]
# NAD's log1p columns: bytes and counts (NslKddSchema kinds Bytes and Count).
LOG_COLUMNS = ["duration", "srcbytes", "dstbytes", "wrongfragment", "urgent", "hot", "numfailedlogins",
               "numcompromised", "numroot", "numfilecreations", "numshells", "numaccessfiles",
               "numoutboundcmds", "count", "srvcount", "dsthostcount", "dsthostsrvcount"]
SEED = 42


def tree(): return DecisionTreeClassifier(max_leaf_nodes=128, min_samples_leaf=2, random_state=SEED)
def boosting(): return GradientBoostingClassifier(n_estimators=100, max_leaf_nodes=20, min_samples_leaf=10, learning_rate=0.2, random_state=SEED)
def forest(jobs): return RandomForestClassifier(n_estimators=100, n_jobs=jobs, random_state=SEED)


# NAD's model names → the scikit-learn estimator with NAD's settings (docs/benchmark/benchmark.md "settings").
MODELS = {
    "logistic-regression": lambda jobs: make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=200)),
    "svm": lambda jobs: make_pipeline(StandardScaler(), LinearSVC(C=1.0, dual=False)),
    "decision-tree": lambda jobs: tree(),
    "random-forest": forest,
    "gradient-boosting": lambda jobs: boosting(),
    "lightgbm": lambda jobs: HistGradientBoostingClassifier(max_iter=100, max_leaf_nodes=31, min_samples_leaf=20,
                                                            learning_rate=0.1, early_stopping=False, random_state=SEED),
    "neural-network": lambda jobs: make_pipeline(StandardScaler(), MLPClassifier(
        hidden_layer_sizes=(64, 32), learning_rate_init=0.001, alpha=0.0001, batch_size=128, max_iter=30,
        early_stopping=True, validation_fraction=0.1, n_iter_no_change=4, random_state=SEED)),
    "bagging": lambda jobs: BaggingClassifier(tree(), n_estimators=10, n_jobs=jobs, random_state=SEED),
    "voting": lambda jobs: VotingClassifier([("rf", forest(jobs)), ("gb", boosting()), ("dt", tree())], voting="soft"),
}


def load(name):
    frame = pd.read_csv(f"data/nsl-kdd/{name}")
    return frame.drop(columns=["attack", "lastflag"]), frame["attack"].to_numpy()


def encode(train, *others, raw=False):
    columns = encoded_columns(train, raw)
    return [encode_like(columns, f, raw) for f in [train, *others]]


def encoded_columns(train, raw=False):
    return pd.get_dummies(train if raw else log_scaled(train), columns=CATEGORICAL, dtype=float).columns


def encode_like(columns, frame, raw=False):
    """The records of `frame` as the model's float matrix (the training file's one-hot columns): what a deployed scorer does per batch."""
    frame = frame if raw else log_scaled(frame)
    return pd.get_dummies(frame, columns=CATEGORICAL, dtype=float).reindex(columns=columns, fill_value=0.0).to_numpy(np.float32)


def log_scaled(frame):
    return frame.assign(**{c: np.log1p(frame[c]) for c in LOG_COLUMNS})


def attack_score(model, x):
    return model.predict_proba(x)[:, 1] if hasattr(model, "predict_proba") else model.decision_function(x)


def max_f1_threshold(truth, scores):
    precision, recall, thresholds = precision_recall_curve(truth, scores)
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    return thresholds[int(np.argmax(f1[:-1]))]


def timed_fit(name, jobs, x, y):
    model = MODELS[name](jobs)
    start = time.perf_counter()
    model.fit(x, y)
    return model, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", default=",".join(MODELS))
    parser.add_argument("--json", help="also write the results here (for bench/side_by_side.sh)")
    parser.add_argument("--raw", action="store_true", help="no log1p: numbers as they are")
    args = parser.parse_args()
    names = [m.strip() for m in args.models.split(",") if m.strip()]
    unknown = [m for m in names if m not in MODELS]
    if unknown:
        parser.error(f"unknown model(s) {', '.join(unknown)}; known: {', '.join(MODELS)}")

    train, train_names = load("Network_anomaly_data.csv.gz")
    test_plus, names_plus = load("KDDTest+.csv.gz")
    test_21, names_21 = load("KDDTest-21.csv.gz")
    x_train, x_plus, x_21 = encode(train, test_plus, test_21, raw=args.raw)
    y_train, y_plus, y_21 = (train_names != "normal"), (names_plus != "normal"), (names_21 != "normal")
    # Stratified by attack name as NAD's StratifiedSplit; a name seen once cannot be split, so it stays in the fit part.
    counts = pd.Series(train_names).value_counts()
    strata = np.where(pd.Series(train_names).map(counts).to_numpy() >= 2, train_names, "rare")
    fit_rows, held_rows = train_test_split(np.arange(len(x_train)), test_size=0.2, stratify=strata, random_state=SEED)
    cores = os.cpu_count()
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}, {cores} cores; encoding: one-hot{'' if args.raw else ' + log1p'}, "
          f"{x_train.shape[1]} columns", flush=True)

    results = []
    for name in names:
        held_model, _ = timed_fit(name, -1, x_train[fit_rows], y_train[fit_rows])
        threshold = max_f1_threshold(y_train[held_rows], attack_score(held_model, x_train[held_rows]))
        model, fit_all = timed_fit(name, -1, x_train, y_train)
        fit_one = timed_fit(name, 1, x_train, y_train)[1] if name in ("random-forest", "bagging", "voting") else fit_all
        # Batch rate: the median of five timed runs after half a second of warm-up runs (NAD's ZooBench times itself the same way).
        scores_plus = attack_score(model, x_plus)
        warm = time.perf_counter()
        while time.perf_counter() - warm < 0.5:
            attack_score(model, x_plus)
        seconds = []
        for _ in range(5):
            start = time.perf_counter()
            attack_score(model, x_plus)
            seconds.append(time.perf_counter() - start)
        batch = len(x_plus) / sorted(seconds)[len(seconds) // 2]
        # The same from the records (DataFrame rows), encoding included, as NAD's rate always is.
        columns = encoded_columns(train, args.raw)
        seconds = []
        for _ in range(5):
            start = time.perf_counter()
            attack_score(model, encode_like(columns, test_plus, args.raw))
            seconds.append(time.perf_counter() - start)
        batch_records = len(x_plus) / sorted(seconds)[len(seconds) // 2]
        one_model = timed_fit(name, 1, x_train, y_train)[0] if name in ("random-forest", "bagging", "voting") else model
        start = time.perf_counter()
        for i in range(50):
            attack_score(one_model, x_plus[i:i + 1])
        one_ms = (time.perf_counter() - start) / 50 * 1000
        row = {"model": name, "fit_1_thread_s": fit_one, "fit_all_cores_s": fit_all, "batch_rows_per_s": batch, "batch_from_records_rows_per_s": batch_records,
               "one_record_us": one_ms * 1000, "threshold": float(threshold)}
        for test, truth, scores in [("KDDTest+", y_plus, scores_plus), ("KDDTest-21", y_21, attack_score(model, x_21))]:
            predicted = scores >= threshold
            normal = ~truth
            row[test] = {"accuracy": accuracy_score(truth, predicted), "precision": precision_score(truth, predicted),
                         "recall": recall_score(truth, predicted), "f1": f1_score(truth, predicted),
                         "roc_auc": roc_auc_score(truth, scores), "fpr": float(predicted[normal].mean())}
        results.append(row)
        print(f"  {name}: fit {fit_one:.2f} s (1 thread), {fit_all:.2f} s ({cores} cores); KDDTest+ accuracy {row['KDDTest+']['accuracy']:.2%}",
              flush=True)

    print()
    for test in ("KDDTest+", "KDDTest-21"):
        print(f"### scikit-learn, trained on the whole training file, tested on {test}")
        print()
        print("| model | accuracy | precision | recall | F1 | ROC-AUC | FPR on normal | fit s (1 thread / all cores) | batch rows/s | one record µs |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for r in results:
            m = r[test]
            print(f"| {r['model']} | {m['accuracy']:.2%} | {m['precision']:.2%} | {m['recall']:.2%} | {m['f1']:.2%} | {m['roc_auc']:.4f} | "
                  f"{m['fpr']:.2%} | {r['fit_1_thread_s']:.2f} / {r['fit_all_cores_s']:.2f} | {r['batch_rows_per_s']:,.0f} | {r['one_record_us']:,.0f} |")
        print()
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"stack": f"scikit-learn {sklearn.__version__}", "cores": cores, "results": results}, out, indent=1)


if __name__ == "__main__":
    main()
