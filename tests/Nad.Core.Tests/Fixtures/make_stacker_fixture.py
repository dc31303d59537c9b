"""Writes stacker_fixture.json: two overlapping score columns, labels, and scikit-learn's
unpenalized logistic regression on them (Debian's scikit-learn: /usr/bin/python3 make_stacker_fixture.py)."""
import json
import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

rng = np.random.default_rng(3)
n = 400
truth = rng.random(n) < 0.4
x1 = np.where(truth, rng.normal(1.0, 1.2, n), rng.normal(-1.0, 1.0, n))
x2 = np.where(truth, rng.normal(0.5, 1.0, n), rng.normal(-0.5, 0.8, n)) + 0.3 * x1
x1, x2 = x1.round(6), x2.round(6)  # fit on exactly what the fixture holds
model = LogisticRegression(penalty=None, tol=1e-12, max_iter=10000).fit(np.c_[x1, x2], truth)
json.dump({
    "sklearn": sklearn.__version__,
    "x1": x1.tolist(), "x2": x2.tolist(), "truth": truth.tolist(),
    "bias": float(model.intercept_[0]), "weight1": float(model.coef_[0, 0]), "weight2": float(model.coef_[0, 1]),
}, open("stacker_fixture.json", "w"))
