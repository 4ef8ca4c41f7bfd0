"""whylogs 1.6 with its documented defaults: profiles (KLL k = 1024), KS on the sketches from their
quantiles, drift bands p < 0.05 drift, 0.05-0.15 possible, > 0.15 none; a data set alerts when any column
is in the drift band. `profile` logs a large CSV in chunks and merges the profiles."""
from peerlib import clock, emit, frame, main, peak_rss_mib, read_csv, windows


def scores(ref, cur):
    import whylogs as why
    from whylogs.viz.drift.column_drift_algorithms import calculate_drift_scores
    r, c = why.log(ref).view(), why.log(cur).view()
    return calculate_drift_scores(target_view=c, reference_view=r, with_thresholds=True)


def wide(ref_csv, cur_csv):
    t0 = clock()
    ref, cur = read_csv(ref_csv), read_csv(cur_csv)
    t1 = clock()
    s = scores(ref, cur)
    t2 = clock()
    emit({"tool": "whylogs", "read_seconds": t1 - t0, "report_seconds": t2 - t1,
          "dataset_drift": any(v["drift_category"] == "DRIFT" for v in s.values()),
          "columns": {c: {"ks_d": float(v["statistic"]), "ks_p_value": float(v["pvalue"]),
                          "category": v["drift_category"]} for c, v in s.items()}})


def window_verdicts(folder):
    for name, r, c in windows(folder):
        t = clock()
        s = scores(frame(r), frame(c))
        emit({"window": name, "alert": any(v["drift_category"] == "DRIFT" for v in s.values()), "seconds": clock() - t,
              "drifted": sorted(int(k[1:]) for k, v in s.items() if v["drift_category"] == "DRIFT")})


def profile(ref_csv, cur_csv, chunk_rows="200000"):
    """Both files profiled in chunks (profiles merged), then drift scores between them: the job of
    Driftwatch's sketch mode."""
    import pandas as pd
    import whylogs as why
    from whylogs.viz.drift.column_drift_algorithms import calculate_drift_scores
    t0 = clock()
    views, rows = [], 0
    for csv in (ref_csv, cur_csv):
        merged = None
        for chunk in pd.read_csv(csv, chunksize=int(chunk_rows)):
            view = why.log(chunk).view()
            merged = view if merged is None else merged.merge(view)
            rows += len(chunk)
        views.append(merged)
    s = calculate_drift_scores(target_view=views[1], reference_view=views[0], with_thresholds=True)
    seconds = clock() - t0
    emit({"tool": "whylogs", "rows": rows, "columns": len(s), "seconds": seconds, "rows_per_second": rows / seconds,
          "peak_rss_mib": peak_rss_mib(), "drifted": sorted(c for c, v in s.items() if v["drift_category"] == "DRIFT")})


if __name__ == "__main__":
    main({"wide": wide, "windows": window_verdicts, "profile": profile})
