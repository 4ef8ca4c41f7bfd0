#!/usr/bin/python3
"""Writes the peers benchmark's seeded data as .npy files (float64, C order) for every tool alike.

Usage: scenarios.py OUTDIR [--windows NO_DRIFT SHIFT NEGLIGIBLE] [--cbpe-windows N]
  calibration/no-drift/    50 features, n = 10,000 per side, no drift
  calibration/shift/       50 features, n = 10,000, features f0..f4 shifted by 0.2 sigma
  calibration/negligible/  50 features, n = 1,000,000, every feature shifted by 0.01 sigma
  cbpe/                    reference (5,000 rows: score, label) and windows of 1,000 rows: quiet,
                           covariate (mean from -1.5 to 1.5), concept (truth moved by 1), as bench/run cbpe"""
import argparse, os
import numpy as np

FEATURES = 50


def calibration(out, name, windows, n, shifted, shift, seed):
    folder = os.path.join(out, "calibration", name)
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(seed)
    for w in range(windows):
        ref = rng.standard_normal((n, FEATURES))
        cur = rng.standard_normal((n, FEATURES))
        cur[:, :shifted] += shift
        np.save(os.path.join(folder, f"w{w:04d}.ref.npy"), ref)
        np.save(os.path.join(folder, f"w{w:04d}.cur.npy"), cur)


def rows(rng, n, mean, concept, window=None):
    x = mean + rng.standard_normal(n)
    score = 1 / (1 + np.exp(-1.2 * x))
    label = (rng.random(n) < 1 / (1 + np.exp(-2 * (x - concept)))).astype(float)
    cols = [score, label] + ([] if window is None else [np.full(n, float(window))])
    return np.column_stack(cols)


def cbpe(out, windows, seed):
    folder = os.path.join(out, "cbpe")
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(seed)
    np.save(os.path.join(folder, "reference.npy"), rows(rng, 5000, 0.0, 0.0))
    means = [-1.5 + 3.0 * w / max(1, windows - 1) for w in range(windows)]
    for name, mean, concept in (("quiet", lambda w: 0.0, 0.0), ("covariate", lambda w: means[w], 0.0),
                                ("concept", lambda w: 0.0, 1.0)):
        np.save(os.path.join(folder, f"{name}.npy"),
                np.vstack([rows(rng, 1000, mean(w), concept, w) for w in range(windows)]))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--windows", type=int, nargs=3, default=[100, 40, 3])
    p.add_argument("--cbpe-windows", type=int, default=100)
    p.add_argument("--seed", type=int, default=20261207)
    a = p.parse_args()
    calibration(a.out, "no-drift", a.windows[0], 10_000, 0, 0.0, a.seed)
    calibration(a.out, "shift", a.windows[1], 10_000, 5, 0.2, a.seed + 1)
    calibration(a.out, "negligible", a.windows[2], 1_000_000, FEATURES, 0.01, a.seed + 2)
    cbpe(a.out, a.cbpe_windows, a.seed + 3)


if __name__ == "__main__":
    main()
