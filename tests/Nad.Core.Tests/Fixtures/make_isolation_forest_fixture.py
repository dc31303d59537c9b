#!/usr/bin/python3
"""Reference numbers for the Isolation Forest tests, from Debian's python3-sklearn / python3-scipy.

Run from the repository root:  /usr/bin/python3 tests/Nad.Core.Tests/Fixtures/make_isolation_forest_fixture.py
Writes isolation_forest_blob.csv (x0..x3, sklearn_score) and average_path_length.csv (n, c).
"""
import os

import numpy as np
import scipy.special
import sklearn
from sklearn.ensemble import IsolationForest

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240607)

# A correlated Gaussian blob, a smaller second blob, and scattered far points: 400 rows, 4 columns.
blob = rng.multivariate_normal([0, 0, 0, 0], np.diag([1.0, 2.0, 0.5, 1.5]) + 0.3, size=340)
second = rng.normal(loc=[4, -3, 1, 0], scale=0.4, size=(40, 4))
far = rng.uniform(-9, 9, size=(20, 4))
X = np.vstack([blob, second, far])

# Many trees so that the reference ranking is stable (the test compares rankings, not seeds).
forest = IsolationForest(n_estimators=2000, max_samples=256, random_state=0).fit(X)
score = -forest.score_samples(X)  # the paper's s(x): higher = more anomalous

with open(os.path.join(here, "isolation_forest_blob.csv"), "w") as f:
    f.write(f"# sklearn {sklearn.__version__} IsolationForest(n_estimators=2000, max_samples=256, random_state=0); -score_samples\n")
    f.write("x0,x1,x2,x3,sklearn_score\n")
    for row, s in zip(X, score):
        f.write(",".join(f"{v:.9g}" for v in row) + f",{s:.9g}\n")

# c(n) = 2 H(n-1) - 2 (n-1)/n with the exact harmonic number H(m) = digamma(m+1) + gamma.
with open(os.path.join(here, "average_path_length.csv"), "w") as f:
    f.write(f"# scipy {scipy.__version__}: c(n) = 2*(digamma(n) + euler_gamma) - 2*(n-1)/n\n")
    f.write("n,c\n")
    for n in [1, 2, 3, 4, 5, 10, 100, 256, 1000, 1025, 4096, 100000, 10**9]:
        c = 0.0 if n <= 1 else 2 * (scipy.special.digamma(n) + np.euler_gamma) - 2 * (n - 1) / n
        f.write(f"{n},{c:.17g}\n")
