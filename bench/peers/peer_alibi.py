"""Alibi Detect 0.13 with its documented defaults: KSDrift(x_ref, p_val=0.05), one two-sample KS test per
feature, Bonferroni across features (correction='bonferroni'), the batch drifts when any feature does."""
import numpy as np
from peerlib import clock, emit, main, read_csv, windows


def detector(ref):
    from alibi_detect.cd import KSDrift
    return KSDrift(ref, p_val=0.05)


def wide(ref_csv, cur_csv):
    t0 = clock()
    ref, cur = read_csv(ref_csv), read_csv(cur_csv)
    t1 = clock()
    out = detector(ref.to_numpy()).predict(cur.to_numpy(), drift_type="feature")["data"]
    t2 = clock()
    emit({"tool": "alibi-detect", "read_seconds": t1 - t0, "report_seconds": t2 - t1,
          "dataset_drift": bool(np.any(out["is_drift"])),
          "columns": {c: {"ks_d": float(out["distance"][j]), "ks_p_value": float(out["p_val"][j]),
                          "drift": bool(out["is_drift"][j])} for j, c in enumerate(ref.columns)}})


def window_verdicts(folder):
    for name, r, c in windows(folder):
        t = clock()
        out = detector(np.asarray(r)).predict(np.asarray(c), drift_type="batch")["data"]
        p = np.asarray(out["p_val"])
        emit({"window": name, "alert": bool(out["is_drift"]), "seconds": clock() - t,
              "drifted": [int(j) for j in np.flatnonzero(p < out["threshold"])]})


if __name__ == "__main__":
    main({"wide": wide, "windows": window_verdicts})
