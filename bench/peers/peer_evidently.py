"""Evidently 0.7 with its documented defaults: DataDriftPreset (per column Wasserstein normed >= 0.1 for
numeric columns of a reference over 1,000 rows; the dataset drifts when >= 50 % of columns drift)."""
from peerlib import clock, emit, frame, main, read_csv, windows


def report(ref, cur, method=None):
    from evidently import Report
    from evidently.presets import DataDriftPreset
    preset = DataDriftPreset() if method is None else DataDriftPreset(method=method)
    return Report([preset]).run(current_data=cur, reference_data=ref).dict()["metrics"]


def columns(metrics):
    out = {}
    for m in metrics:
        cfg = m["config"]
        if cfg["type"].endswith("ValueDrift"):
            out[cfg["column"]] = {"method": cfg["method"], "value": m["value"], "threshold": cfg.get("threshold")}
    return out


def share(metrics):
    return next(m["value"]["share"] for m in metrics if m["config"]["type"].endswith("DriftedColumnsCount"))


def drifted(col):
    # p-value tests drift below the threshold, distances at or above it
    p_value = col["method"].lower().startswith(("k-s", "ks", "chi", "z-", "anderson", "mann"))
    return col["value"] < col["threshold"] if p_value else col["value"] >= col["threshold"]


def wide(ref_csv, cur_csv):
    t0 = clock()
    ref, cur = read_csv(ref_csv), read_csv(cur_csv)
    t1 = clock()
    default = report(ref, cur)
    t2 = clock()
    cols = columns(default)
    ks, psi = columns(report(ref, cur, "ks")), columns(report(ref, cur, "psi"))
    emit({"tool": "evidently", "read_seconds": t1 - t0, "report_seconds": t2 - t1, "dataset_drift": share(default) >= 0.5,
          "columns": {c: {"default_method": v["method"], "default_value": v["value"], "default_drift": bool(drifted(v)),
                          "ks_p_value": ks[c]["value"], "psi": psi[c]["value"]} for c, v in cols.items()}})


def window_verdicts(folder):
    for name, r, c in windows(folder):
        t = clock()
        metrics = report(frame(r), frame(c))
        cols = columns(metrics)
        emit({"window": name, "alert": share(metrics) >= 0.5, "seconds": clock() - t,
              "drifted": sorted(int(k[1:]) for k, v in cols.items() if drifted(v))})


if __name__ == "__main__":
    main({"wide": wide, "windows": window_verdicts})
