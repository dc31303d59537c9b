#!/usr/bin/python3
"""Expected values for Nad.Core.Exploration, computed with Debian's scipy/numpy.

Run from the repository root with Debian's python (apt-get install -y python3-scipy python3-numpy):
    /usr/bin/python3 tests/Nad.Core.Tests/Exploration/Fixtures/make_scipy_fixture.py
It rewrites scipy_fixture.json beside this script. The inputs are stored in the JSON too, so
the C# tests read both the inputs and the expected values from one place.
"""
import json
import os

import numpy as np
import scipy
from scipy import stats
from scipy.stats import contingency

rng = np.random.default_rng(20240607)


def ints(n, low, high):
    return [float(v) for v in rng.integers(low, high, n)]


def reals(n, loc, scale):
    return [round(float(v), 4) for v in rng.normal(loc, scale, n)]


# ---- Mann-Whitney U: asymptotic normal approximation, tie correction, continuity correction.
mann_whitney = []
mw_inputs = [
    ([1, 2, 3, 4, 5, 6, 7, 8], [3, 5, 7, 9, 11, 13, 15, 17, 19]),
    (ints(40, 0, 6), ints(35, 1, 8)),              # heavy ties
    (reals(60, 0.0, 1.0), reals(45, 0.4, 1.3)),    # no ties
    ([0.0] * 30 + [1.0] * 5, [0.0] * 20 + [1.0] * 15 + [2.0] * 3),  # mostly zeros, like NSL-KDD counts
    (ints(300, 0, 50), ints(250, 5, 60)),
]
for x, y in mw_inputs:
    x = [float(v) for v in x]
    y = [float(v) for v in y]
    for alternative in ("two-sided", "less", "greater"):
        r = stats.mannwhitneyu(x, y, alternative=alternative, method="asymptotic", use_continuity=True)
        u1 = float(r.statistic)  # U of the first sample, whatever the alternative
        mann_whitney.append({
            "x": x, "y": y, "alternative": alternative,
            "u": u1, "p": float(r.pvalue),
            # rank-biserial correlation: P(x > y) - P(x < y) = 2 U1 / (n1 n2) - 1
            "rank_biserial": 2.0 * u1 / (len(x) * len(y)) - 1.0,
        })

# ---- Two-sample Kolmogorov-Smirnov, two-sided.
ks = []
ks_inputs = [
    ([1, 2, 3, 4, 5], [3, 4, 5, 6, 7, 8]),
    (reals(20, 0.0, 1.0), reals(25, 0.5, 1.0)),
    (ints(30, 0, 5), ints(40, 1, 6)),              # ties
    (reals(50, 0.0, 1.0), reals(50, 0.3, 1.0)),    # equal sizes
    (reals(80, 0.0, 1.0), reals(120, 0.1, 1.2)),   # n1 n2 = 9600: still exact
    (reals(400, 0.0, 1.0), reals(300, 0.1, 1.0)),  # large: asymptotic
    (ints(2000, 0, 30), ints(1500, 0, 28)),        # large with ties
]
for x, y in ks_inputs:
    x = [float(v) for v in x]
    y = [float(v) for v in y]
    n1, n2 = len(x), len(y)
    exact = n1 * n2 <= 10000
    r = stats.ks_2samp(x, y, alternative="two-sided", method="exact" if exact else "asymp")
    d = float(r.statistic)
    m, n = sorted([float(n1), float(n2)], reverse=True)
    en = m * n / (m + n)
    entry = {"x": x, "y": y, "d": d, "exact": exact, "p_scipy": float(r.pvalue)}
    # NAD's large-sample p-value: Kolmogorov's limiting distribution at sqrt(en) * D
    # (scipy's kstwobign), as in R's ks.test(exact = FALSE).
    entry["p"] = float(r.pvalue) if exact else float(stats.kstwobign.sf(np.sqrt(en) * d))
    ks.append(entry)

# ---- Chi-square test of independence (no Yates correction) and Cramer's V.
chi_square = []
for table in (
    [[10, 20, 30], [6, 9, 17]],
    [[120, 35], [40, 90]],
    [[5, 0, 12, 3], [7, 2, 0, 9], [1, 8, 4, 4]],
    [[1000, 230, 45], [80, 900, 12], [33, 41, 400], [5, 2, 60]],
):
    statistic, p, dof, _ = stats.chi2_contingency(np.array(table), correction=False)
    chi_square.append({
        "table": table, "statistic": float(statistic), "p": float(p), "dof": int(dof),
        "cramers_v": float(contingency.association(np.array(table), method="cramer", correction=False)),
    })

# ---- Benjamini-Hochberg adjusted p-values (step-up, monotone, capped at 1).
def bh(p):
    p = np.asarray(p, dtype=float)
    m = len(p)
    order = np.argsort(p)
    ranked = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(adjusted, 1.0)
    return out

benjamini_hochberg = []
for p in (
    [0.01, 0.04, 0.03, 0.2, 0.5, 0.001],
    [0.9, 0.9, 0.01, 0.02, 0.03, 0.04, 0.05, 0.5, 0.0, 1e-12],
):
    benjamini_hochberg.append({"p": p, "adjusted": [float(v) for v in bh(p)]})

# ---- Pearson and Spearman correlation coefficients.
correlation = []
for x, y in (
    (reals(30, 0, 1), None),
    (ints(50, 0, 10), None),
    ([1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 7, 5]),
):
    x = [float(v) for v in x]
    if y is None:
        y = [round(v * 0.6 + float(e), 4) for v, e in zip(x, rng.normal(0, 1, len(x)))]
    y = [float(v) for v in y]
    correlation.append({
        "x": x, "y": y,
        "pearson": float(stats.pearsonr(x, y)[0]),
        "spearman": float(stats.spearmanr(x, y)[0]),
    })

# ---- Descriptive statistics: mean, sample std (ddof 1), quartiles by linear interpolation.
descriptive = []
for values in (reals(25, 10, 3), ints(40, 0, 7), [0.0, 0.0, 0.0, 5.0]):
    v = np.asarray(values, dtype=float)
    descriptive.append({
        "values": [float(a) for a in v],
        "mean": float(v.mean()), "std": float(v.std(ddof=1)),
        "min": float(v.min()), "q1": float(np.percentile(v, 25)), "median": float(np.median(v)),
        "q3": float(np.percentile(v, 75)), "max": float(v.max()),
    })

# ---- Population stability index, NAD's definition: bins are the distinct deciles of the base
# sample (numpy linear quantiles), intervals (-inf, e1], (e1, e2], ..., (ek, +inf); empty bins
# count as 0.0001 of their sample; PSI = sum (actual - expected) * ln(actual / expected).
def psi(base, other):
    base = np.asarray(base, dtype=float)
    other = np.asarray(other, dtype=float)
    edges = np.unique(np.quantile(base, np.linspace(0.1, 0.9, 9)))
    def shares(a):
        idx = np.searchsorted(edges, a, side="left")  # index of first edge >= value
        counts = np.bincount(idx, minlength=len(edges) + 1).astype(float)
        return np.maximum(counts / len(a), 1e-4)
    e, a = shares(base), shares(other)
    return float(np.sum((a - e) * np.log(a / e)))

population_stability = []
for base, other in (
    (reals(200, 0, 1), reals(150, 0.3, 1.2)),
    (ints(300, 0, 4), ints(200, 0, 6)),
    (reals(100, 5, 2), reals(100, 5, 2)),
):
    population_stability.append({"base": [float(v) for v in base], "other": [float(v) for v in other], "psi": psi(base, other)})

fixture = {
    "generator": f"scipy {scipy.__version__}, numpy {np.__version__}",
    "mann_whitney": mann_whitney,
    "kolmogorov_smirnov": ks,
    "chi_square": chi_square,
    "benjamini_hochberg": benjamini_hochberg,
    "correlation": correlation,
    "descriptive": descriptive,
    "population_stability": population_stability,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scipy_fixture.json")
with open(path, "w") as f:
    json.dump(fixture, f, indent=1)
    f.write("\n")
print(f"wrote {path}")
