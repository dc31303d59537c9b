#!/usr/bin/python3
"""scikit-learn's IsolationForest on NSL-KDD, side by side with `Nad.Bench isolation-forest`.

Run from the repository root (Debian 12: apt-get install -y python3-sklearn python3-pandas):
    /usr/bin/python3 bench/reference/isolation_forest.py [--seeds 5] [--log1p]
Encoding: one-hot of protocoltype/service/flag (122 columns in all), numbers as they are
(the reference project's setting); --log1p applies NAD's log1p to byte and count columns.
Prints fit time, KDDTest+ scoring time and rows/s, one record's latency, ROC-AUC on
KDDTest+ / KDDTest-21, and the share of KDDTest+ the default threshold ("auto") flags.
"""
import argparse
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score

CATEGORICAL = ["protocoltype", "service", "flag"]
# NAD's log1p columns: bytes and counts (NslKddSchema kinds Bytes and Count).
LOG_COLUMNS = ["duration", "srcbytes", "dstbytes", "wrongfragment", "urgent", "hot", "numfailedlogins",
               "numcompromised", "numroot", "numfilecreations", "numshells", "numaccessfiles",
               "numoutboundcmds", "count", "srvcount", "dsthostcount", "dsthostsrvcount"]


def load(name):
    frame = pd.read_csv(f"data/nsl-kdd/{name}")
    return frame.drop(columns=["attack", "lastflag"]), (frame["attack"] != "normal").to_numpy()


def encode(train, *others, log1p=False):
    frames = [train, *others]
    if log1p:
        frames = [f.assign(**{c: np.log1p(f[c]) for c in LOG_COLUMNS}) for f in frames]
    dummies = pd.get_dummies(frames[0], columns=CATEGORICAL, dtype=float)
    return [pd.get_dummies(f, columns=CATEGORICAL, dtype=float).reindex(columns=dummies.columns, fill_value=0.0).to_numpy(np.float32)
            for f in frames]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--log1p", action="store_true")
    args = parser.parse_args()

    train, train_attack = load("Network_anomaly_data.csv.gz")
    test_plus, truth_plus = load("KDDTest+.csv.gz")
    test_21, truth_21 = load("KDDTest-21.csv.gz")
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; encoding: one-hot{' + log1p' if args.log1p else ''}")
    print("training | seed | fit s | score KDDTest+ s | rows/s | one record ms | AUC KDDTest+ | AUC KDDTest-21 | flagged KDDTest+")
    for name, rows in [("all rows", np.ones(len(train), bool)), ("normal rows", ~train_attack)]:
        x_train, x_plus, x_21 = encode(train[rows], test_plus, test_21, log1p=args.log1p)
        aucs_plus, aucs_21 = [], []
        for seed in range(1, args.seeds + 1):
            start = time.perf_counter()
            forest = IsolationForest(n_estimators=100, max_samples=256, random_state=seed).fit(x_train)
            fit = time.perf_counter() - start
            start = time.perf_counter()
            scores = -forest.score_samples(x_plus)
            score = time.perf_counter() - start
            start = time.perf_counter()
            for i in range(50):
                forest.score_samples(x_plus[i:i + 1])
            one = (time.perf_counter() - start) / 50 * 1000
            auc_plus = roc_auc_score(truth_plus, scores)
            auc_21 = roc_auc_score(truth_21, -forest.score_samples(x_21))
            aucs_plus.append(auc_plus)
            aucs_21.append(auc_21)
            flagged = (forest.predict(x_plus) == -1).mean()
            print(f"{name} | {seed} | {fit:.3f} | {score:.3f} | {len(x_plus) / score:,.0f} | {one:.2f} | {auc_plus:.4f} | {auc_21:.4f} | {flagged:.2%}")
        print(f"{name}: ROC-AUC KDDTest+ {np.mean(aucs_plus):.3f} ± {np.std(aucs_plus, ddof=1):.3f}, "
              f"KDDTest-21 {np.mean(aucs_21):.3f} ± {np.std(aucs_21, ddof=1):.3f}")


if __name__ == "__main__":
    main()
