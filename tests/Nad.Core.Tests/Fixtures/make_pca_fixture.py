#!/usr/bin/python3
"""Reference numbers for the PCA tests, from Debian's python3-sklearn.

Run from the repository root:  /usr/bin/python3 tests/Nad.Core.Tests/Fixtures/make_pca_fixture.py
Writes pca_data.csv (x0..x5) and pca_reference.csv (component, explained_variance, kept by n_components=0.95).
"""
import os

import numpy as np
import sklearn
from sklearn.decomposition import PCA

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(11)
# 300 rows in 6 columns: three strong latent directions, three weak noise directions.
latent = rng.normal(size=(300, 3)) * [5.0, 3.0, 1.5]
mixing = np.linalg.qr(rng.normal(size=(6, 6)))[0][:3]
X = latent @ mixing + rng.normal(scale=0.3, size=(300, 6)) + [10, -2, 0, 4, 1, 7]

full = PCA().fit(X)
kept = PCA(n_components=0.95, svd_solver="full").fit(X)
with open(os.path.join(here, "pca_data.csv"), "w") as f:
    f.write("x0,x1,x2,x3,x4,x5\n")
    for row in X:
        f.write(",".join(f"{v:.9g}" for v in row) + "\n")
with open(os.path.join(here, "pca_reference.csv"), "w") as f:
    f.write(f"# sklearn {sklearn.__version__} PCA().explained_variance_; PCA(n_components=0.95) keeps {kept.n_components_}\n")
    f.write("component,explained_variance,kept\n")
    for i, v in enumerate(full.explained_variance_):
        f.write(f"{i},{v:.12g},{1 if i < kept.n_components_ else 0}\n")
