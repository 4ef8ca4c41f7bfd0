"""NannyML 0.13 with its documented defaults: UnivariateDriftCalculator (Jensen-Shannon on Doane bins for
continuous columns), the default chunker (10 chunks), alert thresholds from the reference chunks; a data set
alerts when any column alerts in any analysis chunk. CBPE for performance without labels."""
from peerlib import clock, emit, frame, main, read_csv, windows


def univariate(ref, cur, **kw):
    import nannyml as nml
    calc = nml.UnivariateDriftCalculator(column_names=list(ref.columns), **kw)
    calc.fit(ref)
    return calc.calculate(cur).filter(period="analysis").to_df()


def alerts(df):
    cols = [c for c in df.columns if c[-1] == "alert"]
    return {c[0]: bool(df[c].any()) for c in cols}


def wide(ref_csv, cur_csv):
    t0 = clock()
    ref, cur = read_csv(ref_csv), read_csv(cur_csv)
    t1 = clock()
    default = alerts(univariate(ref, cur))
    t2 = clock()
    whole = univariate(ref, cur, continuous_methods=["kolmogorov_smirnov", "jensen_shannon"], chunk_number=1)
    emit({"tool": "nannyml", "read_seconds": t1 - t0, "report_seconds": t2 - t1, "dataset_drift": any(default.values()),
          "columns": {c: {"default_drift": a, "ks_d": float(whole[(c, "kolmogorov_smirnov", "value")].iloc[0]),
                          "jensen_shannon": float(whole[(c, "jensen_shannon", "value")].iloc[0])}
                      for c, a in default.items()}})


def window_verdicts(folder):
    for name, r, c in windows(folder):
        t = clock()
        a = alerts(univariate(frame(r), frame(c)))
        emit({"window": name, "alert": any(a.values()), "seconds": clock() - t,
              "drifted": sorted(int(k[1:]) for k, v in a.items() if v)})


def cbpe(folder, *scenarios):
    """The windows of each scenario (score, label, window) as NannyML chunks; estimated and realized per metric."""
    import numpy as np
    import nannyml as nml
    import pandas as pd
    metrics = ["accuracy", "precision", "recall", "f1", "roc_auc"]

    def load(name):
        a = np.load(f"{folder}/{name}.npy")
        df = pd.DataFrame({"score": a[:, 0], "y": a[:, 1].astype(int)})
        df["pred"] = (df["score"] >= 0.5).astype(int)
        return df, (a[:, 2] if a.shape[1] > 2 else None)

    ref, _ = load("reference")
    for s in scenarios:
        cur, window = load(s)
        n = int(np.sum(window == window[0]))
        est = nml.CBPE(y_pred_proba="score", y_pred="pred", y_true="y", metrics=metrics, chunk_size=n,
                       problem_type="classification_binary")
        est.fit(ref)
        df = est.estimate(cur.drop(columns=["y"])).filter(period="analysis").to_df()
        for i in range(len(df)):
            rows = cur.iloc[i * n:(i + 1) * n]
            for m in metrics:
                emit({"scenario": s, "window": i, "metric": m, "estimated": float(df[(m, "value")].iloc[i]),
                      "lower": float(df[(m, "lower_confidence_boundary")].iloc[i]),
                      "upper": float(df[(m, "upper_confidence_boundary")].iloc[i]), "realized": realized(m, rows)})


def realized(metric, rows):
    from sklearn import metrics as skm
    y, p = rows["y"], rows["pred"]
    if metric == "roc_auc":
        return float(skm.roc_auc_score(y, rows["score"]))
    f = {"accuracy": skm.accuracy_score, "precision": skm.precision_score, "recall": skm.recall_score,
         "f1": skm.f1_score}[metric]
    return float(f(y, p, **({} if metric == "accuracy" else {"zero_division": 0})))


if __name__ == "__main__":
    main({"wide": wide, "windows": window_verdicts, "cbpe": cbpe})
