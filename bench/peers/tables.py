#!/usr/bin/python3
"""Prints the peers benchmark's tables (Markdown) from the outputs bench/run peers left in OUT; the last
line is the headline. A tool whose run failed is a row with its error. Usage: tables.py OUT SHIFTED"""
import glob, json, os, sys

TOOLS = ["driftwatch", "evidently", "nannyml", "alibi", "whylogs"]
LABEL = {"driftwatch": "Driftwatch", "evidently": "Evidently 0.7.23", "nannyml": "NannyML 0.13.1",
         "alibi": "Alibi Detect 0.13.0", "whylogs": "whylogs 1.6.4"}


def meta(path):
    try:
        return json.load(open(path + ".meta.json"))
    except (OSError, ValueError):
        return {"exit": None, "error": "not run"}


def load(path, lines=False):
    """(data, error): the output, or why there is none."""
    m = meta(path)
    if m.get("exit") != 0:
        return None, m.get("error") or "not run"
    try:
        text = open(path).read()
        return ([json.loads(l) for l in text.splitlines() if l.startswith("{")] if lines else json.loads(text)), None
    except (OSError, ValueError) as e:
        return None, f"unreadable output: {e}"


def pct(k, n):
    return f"{100.0 * k / n:.1f}%" if n else "–"


def wide(out, shifted):
    print("### Wide files: 356,000 × 100, each tool's own defaults\n")
    print("| tool | default decision | reading both CSVs + the default report (Driftwatch: the whole process) | "
          "peak memory of the process | data set drifts | shifted columns flagged | unshifted columns flagged |")
    print("|---|---|---|---|---|---|---|")
    runs = {}
    for t in TOOLS:
        d, err = load(f"{out}/wide/{t}.json")
        m = meta(f"{out}/wide/{t}.json")
        if d is None:
            print(f"| {LABEL[t]} | – | – | – | failed: {err} | – | – |")
            continue
        flags = per_column_flags(t, d)
        runs[t] = d
        hit = sum(1 for c in flags if flags[c] and c in shifted)
        false = sum(1 for c in flags if flags[c] and c not in shifted)
        took = m["seconds"] if t == "driftwatch" else d["read_seconds"] + d["report_seconds"]
        print(f"| {LABEL[t]} | {DECISION[t]} | {took:.1f} s | {m['peak_rss_mib']:,.0f} MiB | "
              f"{'yes' if dataset_drift(t, d) else 'no'} | {hit} of {len(shifted)} | {false} of {len(flags) - len(shifted)} |")
    return runs


DECISION = {
    "driftwatch": "KS + PSI, BH at 5 % FDR, effect floors",
    "evidently": "Wasserstein (normed) ≥ 0.1 per column; ≥ 50 % of columns",
    "nannyml": "Jensen-Shannon, 10 chunks, reference ± 3σ; any alert",
    "alibi": "KS per feature, Bonferroni at 0.05",
    "whylogs": "KS on KLL sketches, p < 0.05 band",
}


def per_column_flags(tool, d):
    if tool == "driftwatch":
        return {c["name"]: c["drift"] for c in d["columns"]}
    key = {"evidently": "default_drift", "nannyml": "default_drift", "alibi": "drift"}.get(tool)
    if key:
        return {c: v[key] for c, v in d["columns"].items()}
    return {c: v["category"] == "DRIFT" for c, v in d["columns"].items()}


def dataset_drift(tool, d):
    return d["drift"] if tool == "driftwatch" else d["dataset_drift"]


def stats_of(all_tests):
    out = {}
    for c in all_tests["columns"]:
        t = {x["test"]: x for x in c["tests"]}
        out[c["name"]] = {"ks_d": t["ks"]["statistic"], "ks_p_value": t["ks"]["p_value"], "psi": t["psi"]["statistic"],
                          "wasserstein": t["wasserstein"].get("normalized_statistic"),
                          "jensen_shannon": t["jensenshannon"]["statistic"]}
    return out


AGREEMENT = [  # statistic, peer, the peer's field, why they may differ
    ("KS D", "nannyml", "ks_d", "NannyML bins a reference over 10,000 rows into 10,000 equal-width bins (its 'auto' "
     "method), so its D is approximate"),
    ("KS D", "alibi", "ks_d", "same D, returned as float32"),
    ("KS D", "whylogs", "ks_d", "D from KLL sketches (k = 1024): a sketch's rank error"),
    ("KS p-value", "evidently", "ks_p_value", "both the two-sample KS p (SciPy's ks_2samp on Evidently's side)"),
    ("KS p-value", "alibi", "ks_p_value", "float32 p; underflows to 0 below 1e-38"),
    ("KS p-value", "whylogs", "ks_p_value", "p of the sketch D"),
    ("PSI", "evidently", "psi", "Evidently: equal-width Sturges bins over reference + current; Driftwatch: "
     "the reference's frozen quantile bins (Evidently #1400): different statistics by design"),
    ("Wasserstein (normed)", "evidently", "default_value", "both W1 divided by the reference's standard deviation"),
    ("Jensen-Shannon", "nannyml", "jensen_shannon", "NannyML: Doane bins of the reference; Driftwatch: its PSI "
     "bins; base 2 both"),
]


def agreement(out, runs):
    ours, err = load(f"{out}/wide/driftwatch-all.json")
    print("\n### Per-column statistics where the tools compute the same test (100 columns)\n")
    if ours is None:
        print(f"Driftwatch's run with every test failed: {err}")
        return
    ours = stats_of(ours)
    key = {"KS D": "ks_d", "KS p-value": "ks_p_value", "PSI": "psi", "Wasserstein (normed)": "wasserstein",
           "Jensen-Shannon": "jensen_shannon"}
    print("| statistic | peer | max abs difference | largest relative difference (values > 1e-6) | same side of 0.05 / "
          "threshold | why |")
    print("|---|---|---|---|---|---|")
    for stat, peer, field, why in AGREEMENT:
        if peer not in runs:
            print(f"| {stat} | {LABEL[peer]} | – | – | – | peer failed |")
            continue
        diffs, rels, same = [], [], 0
        cols = runs[peer]["columns"]
        for c, v in cols.items():
            a, b = ours[c][key[stat]], v[field]
            if a is None or b is None:
                continue
            diffs.append(abs(a - b))
            if min(abs(a), abs(b)) > 1e-6:  # relative differences of p-values near 0 say nothing
                rels.append(abs(a - b) / max(abs(a), abs(b)))
            cut = 0.05 if "p-value" in stat else {"PSI": 0.1, "Wasserstein (normed)": 0.1, "Jensen-Shannon": 0.1}.get(stat)
            same += 1 if cut is None or (a < cut) == (b < cut) else 0
        if not diffs:
            print(f"| {stat} | {LABEL[peer]} | – | – | – | no comparable values |")
            continue
        rel = f"{max(rels):.1%}" if rels else "–"
        print(f"| {stat} | {LABEL[peer]} | {max(diffs):.2e} | {rel} | {same} of {len(diffs)} | {why} |")


def calibration(out):
    scenarios = [("no-drift", "no drift, 50 features, n = 10,000", "alert rate", "≤ 5 %"),
                 ("shift", "0.2σ on 5 of 50 features, n = 10,000", "detection rate", "≥ 99 %"),
                 ("negligible", "0.01σ on all 50 features, n = 1,000,000", "alert rate", "≤ 5 %")]
    print("\n### Alert fatigue: each tool's own data-set decision on the same windows\n")
    print("| scenario | windows | " + " | ".join(LABEL[t] for t in TOOLS) + " | goal |")
    print("|---|---|" + "---|" * len(TOOLS) + "---|")
    rates = {}
    for name, title, what, goal in scenarios:
        cells, found, extra, n = [], [], [], 0
        for t in TOOLS:
            rows, err = load(f"{out}/calibration/{name}/{t}.jsonl", lines=True)
            if rows is None:
                cells.append(f"failed: {err}")
                found.append("–")
                extra.append("–")
                continue
            n = max(n, len(rows))
            alerts = sum(r["alert"] for r in rows)
            rates[(name, t)] = 100.0 * alerts / len(rows) if rows else None
            cells.append(pct(alerts, len(rows)))
            found.append(pct(sum(len([f for f in r["drifted"] if f < 5]) for r in rows), 5 * len(rows)))
            extra.append(f"{sum(len([f for f in r['drifted'] if f >= 5]) for r in rows) / max(1, len(rows)):.2f}")
        print(f"| {title} ({what}) | {n} | " + " | ".join(cells) + f" | {goal} |")
        if name == "shift":
            print(f"| (same: shifted features found) | {n} | " + " | ".join(found) + " | |")
            print(f"| (same: unshifted features flagged per window) | {n} | " + " | ".join(extra) + " | |")
    return rates


def cbpe(out):
    print("\n### Performance without labels: NannyML's CBPE and Driftwatch's `estimated:` on the same windows\n")
    res = {}
    for t in ("driftwatch", "nannyml"):
        rows, err = load(f"{out}/cbpe/{t}.jsonl", lines=True)
        if rows is None:
            print(f"{LABEL[t]} failed: {err}\n")
            continue
        res[t] = rows
    if not res:
        return
    print("| metric | " + " | ".join(f"{LABEL[t]}: {c}" for t in res for c in
                                     ("in band, no change", "MAE covariate", "MAE concept")) + " |")
    print("|---|" + "---|" * (3 * len(res)))
    for m in ("accuracy", "precision", "recall", "f1", "roc_auc"):
        cells = []
        for t, rows in res.items():
            q = [r for r in rows if r["metric"] == m and r["scenario"] == "quiet"]
            inside = sum(r["lower"] <= r["realized"] <= r["upper"] for r in q)
            cells.append(pct(inside, len(q)))
            for s in ("covariate", "concept"):
                e = [abs(r["estimated"] - r["realized"]) for r in rows if r["metric"] == m and r["scenario"] == s]
                cells.append(f"{sum(e) / len(e):.4f}" if e else "–")
        print(f"| {m} | " + " | ".join(cells) + " |")


def sketches(out):
    print("\n### Sketches: profiling the 10M-row file\n")
    print("| tool | what | rows | wall time | rows/s | peak memory |")
    print("|---|---|---|---|---|---|")
    for t, what in (("driftwatch", "`drift --sketch on` (KLL sketches of both files, tests), -Xmx256m"),
                    ("whylogs", "`why.log` of both files in 200,000-row chunks, profiles merged, drift scores")):
        d, err = load(f"{out}/profile/{t}.json")
        m = meta(f"{out}/profile/{t}.json")
        if d is None:
            print(f"| {LABEL[t]} | {what} | – | – | – | failed: {err} |")
            continue
        rows = d["rows"] if t == "whylogs" else sum(d["columns"][0][k] for k in
                                                     ("n_reference", "missing_reference", "n_current", "missing_current"))
        print(f"| {LABEL[t]} | {what} | {rows:,} | {m['seconds']:.1f} s | {rows / m['seconds']:,.0f} | "
              f"{m['peak_rss_mib']:,.0f} MiB |")


def main():
    out, shifted = sys.argv[1], {f"f{j}" for j in range(int(sys.argv[2]))}
    runs = wide(out, shifted)
    agreement(out, runs)
    rates = calibration(out)
    cbpe(out)
    sketches(out)
    parts = [f"{LABEL[t].split(' ')[0]} {rates[('no-drift', t)]:.0f}%/{rates.get(('negligible', t), float('nan')):.0f}%"
             for t in TOOLS if ("no-drift", t) in rates]
    print("\nalert rate without drift / with negligible drift: " + ", ".join(parts))


if __name__ == "__main__":
    main()
