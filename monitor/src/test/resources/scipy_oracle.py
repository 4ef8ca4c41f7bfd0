"""Reference values from SciPy/NumPy for Driftwatch's statistics tests.
Reads {"cases": [...]} as JSON on stdin and writes {"results": [...]} on stdout, one result per case."""
import json, sys
import numpy as np
from scipy import stats
from scipy.spatial import distance

EPS = 1e-4

def psi(ref, cur):
    edges = np.unique(np.quantile(ref, np.arange(1, 10) / 10))
    r = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=len(edges) + 1) / len(ref)
    c = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=len(edges) + 1) / len(cur)
    r = np.where(r == 0, EPS, r); c = np.where(c == 0, EPS, c)
    return float(np.sum((c - r) * np.log(c / r)))

def run(case):
    kind = case["kind"]
    if kind == "ks":
        r = stats.ks_2samp(np.array(case["a"], float), np.array(case["b"], float), method="auto")
        return {"statistic": float(r.statistic), "p_value": float(r.pvalue)}
    if kind == "psi":
        return {"statistic": psi(np.array(case["a"], float), np.array(case["b"], float))}
    if kind == "chi2":
        cats = sorted(set(case["ref"]) | set(case["cur"]))
        table = [[case["ref"].get(k, 0) for k in cats], [case["cur"].get(k, 0) for k in cats]]
        if len(cats) < 2:
            return {"statistic": 0.0, "p_value": 1.0}
        chi2, p, dof, _ = stats.chi2_contingency(table, correction=False)
        return {"statistic": float(chi2), "p_value": float(p)}
    if kind == "bh":
        return {"adjusted": [float(x) for x in stats.false_discovery_control(case["p"], method="bh")]}
    if kind == "js":
        return {"statistic": float(distance.jensenshannon(case["p"], case["q"], base=2))}
    if kind == "wasserstein":
        a, b = np.array(case["a"], float), np.array(case["b"], float)
        w = float(stats.wasserstein_distance(a, b))
        sd = float(np.std(a))
        return {"statistic": w, "normalized": w / sd if sd > 0 else None}
    raise ValueError(kind)

cases = json.load(sys.stdin)["cases"]
json.dump({"results": [run(c) for c in cases]}, sys.stdout)
