#!/usr/bin/python3
"""Reference numbers for the DBSCAN tests, from Debian's python3-sklearn.

Run from the repository root:  /usr/bin/python3 tests/Nad.Core.Tests/Fixtures/make_dbscan_fixture.py
Writes dbscan_blobs.csv: x0, x1, x2 (float32 values, so C# floats hold them exactly), then
scikit-learn's DBSCAN label, core flag, k-distance (k = min_samples, the row itself first) and
whether the row is an ambiguous border point (within eps of core points of two clusters, so its
label depends on visit order). The provenance line holds eps, min_samples and the silhouette.
"""
import os

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN
from sklearn.metrics import pairwise_distances, silhouette_score
from sklearn.neighbors import NearestNeighbors

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(2026)
# Four blobs of different spread in 3-D, two touching, plus uniform noise over the box.
centers = np.array([[0, 0, 0], [6, 0, 1], [0, 7, -2], [2.2, 1.8, 0.5]])
spreads = [0.6, 0.9, 0.5, 0.4]
sizes = [150, 120, 80, 50]
blobs = [rng.normal(c, s, size=(n, 3)) for c, s, n in zip(centers, spreads, sizes)]
noise = rng.uniform([-4, -4, -5], [10, 11, 4], size=(40, 3))
X = np.vstack(blobs + [noise]).astype(np.float32).astype(np.float64)
X = X[rng.permutation(len(X))]

eps, min_samples = 0.7, 6
D = pairwise_distances(X)
# No distance sits so close to eps that float rounding could move a row across it.
margin = np.abs(D - eps).min()
assert margin > 1e-5, margin

db = DBSCAN(eps=eps, min_samples=min_samples).fit(X)
labels = db.labels_
core = np.zeros(len(X), dtype=bool)
core[db.core_sample_indices_] = True
kdist = NearestNeighbors(n_neighbors=min_samples).fit(X).kneighbors(X)[0][:, -1]
mask = labels != -1
silhouette = silhouette_score(X[mask], labels[mask])
ambiguous = np.array([
    (not core[i]) and labels[i] != -1 and len(set(labels[(D[i] <= eps) & core])) > 1
    for i in range(len(X))
])

with open(os.path.join(here, "dbscan_blobs.csv"), "w") as f:
    f.write(f"# sklearn {sklearn.__version__} DBSCAN(eps={eps}, min_samples={min_samples}); "
            f"clusters={labels.max() + 1}; noise={int((labels == -1).sum())}; core={int(core.sum())}; "
            f"ambiguous_border={int(ambiguous.sum())}; silhouette_without_noise={silhouette!r}\n")
    f.write("x0,x1,x2,label,core,kdistance,ambiguous\n")
    for row, label, c, k, a in zip(X, labels, core, kdist, ambiguous):
        f.write(",".join(repr(float(np.float32(v))) for v in row) + f",{label},{int(c)},{k!r},{int(a)}\n")
print(open(os.path.join(here, "dbscan_blobs.csv")).readline())
