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
        if hasattr(stats, "false_discovery_control"):  # SciPy >= 1.11
            return {"adjusted": [float(x) for x in stats.false_discovery_control(case["p"], method="bh")]}
        p = np.asarray(case["p"], float)  # older SciPy (Debian 12 has 1.10): the textbook step-up form
        order = np.argsort(p)
        stepped = np.minimum.accumulate((p[order] * len(p) / np.arange(1, len(p) + 1))[::-1])[::-1]
        out = np.empty(len(p)); out[order] = np.minimum(stepped, 1)
        return {"adjusted": [float(x) for x in out]}
    if kind == "js":
        return {"statistic": float(distance.jensenshannon(case["p"], case["q"], base=2))}
    if kind == "wasserstein":
        a, b = np.array(case["a"], float), np.array(case["b"], float)
        w = float(stats.wasserstein_distance(a, b))
        sd = float(np.std(a))
        return {"statistic": w, "normalized": w / sd if sd > 0 else None}
    if kind == "classification":
        from sklearn import metrics
        y, score = np.array(case["labels"]), np.array(case["scores"])
        pred = (score >= 0.5).astype(int)
        return {"accuracy": metrics.accuracy_score(y, pred), "precision": metrics.precision_score(y, pred),
                "recall": metrics.recall_score(y, pred), "f1": metrics.f1_score(y, pred),
                "roc_auc": metrics.roc_auc_score(y, score)}
    if kind == "regression":
        y, p = np.array(case["labels"]), np.array(case["predictions"])
        return {"mae": float(np.mean(np.abs(p - y))), "rmse": float(np.sqrt(np.mean((p - y) ** 2)))}
    if kind == "proportions":  # candidate (count2/nobs2) minus baseline, as statsmodels' wald method
        from statsmodels.stats.proportion import confint_proportions_2indep, test_proportions_2indep
        c = case
        low, high = confint_proportions_2indep(c["x2"], c["n2"], c["x1"], c["n1"], method="wald", compare="diff",
                                               alpha=c["alpha"])
        t = test_proportions_2indep(c["x2"], c["n2"], c["x1"], c["n1"], method="wald", compare="diff")
        return {"low": float(low), "high": float(high), "p_value": float(t.pvalue)}
    if kind == "means":
        from statsmodels.stats.weightstats import CompareMeans, DescrStatsW
        a, b = np.array(case["a"], float), np.array(case["b"], float)
        cm = CompareMeans(DescrStatsW(b), DescrStatsW(a))
        low, high = cm.tconfint_diff(alpha=case["alpha"], usevar="unequal")
        _, p, _ = cm.ttest_ind(usevar="unequal")
        return {"low": float(low), "high": float(high), "p_value": float(p)}
    if kind == "srm":
        f_exp = np.array(case["shares"], float) / np.sum(case["shares"]) * np.sum(case["counts"])
        return {"p_value": float(stats.chisquare(case["counts"], f_exp).pvalue)}
    if kind == "pca_error":  # NannyML's data reconstruction: StandardScaler, PCA keeping a variance share
        from sklearn.preprocessing import StandardScaler
        from sklearn.decomposition import PCA
        ref, cur = np.array(case["reference"], float), np.array(case["current"], float)
        scaler = StandardScaler().fit(ref)
        pca = PCA(n_components=case["variance"], svd_solver="full").fit(scaler.transform(ref))

        def err(x):
            z = scaler.transform(x)
            return np.sqrt(((z - pca.inverse_transform(pca.transform(z))) ** 2).sum(axis=1))
        return {"reference_error": float(err(ref).mean()), "error": float(err(cur).mean()),
                "components": int(pca.n_components_)}
    if kind == "isotonic":
        from sklearn.isotonic import IsotonicRegression
        iso = IsotonicRegression(out_of_bounds="clip").fit(np.array(case["scores"], float), np.array(case["labels"], float))
        return {"predicted": [float(v) for v in iso.predict(np.array(case["at"], float))]}
    if kind == "roc_auc":
        from sklearn.metrics import roc_auc_score
        return {"auc": float(roc_auc_score(case["labels"], case["scores"]))}
    raise ValueError(kind)

cases = json.load(sys.stdin)["cases"]
json.dump({"results": [run(c) for c in cases]}, sys.stdout)
