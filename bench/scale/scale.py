#!/usr/bin/env python3
"""bench/run scale: N models x 20 features (16 numeric, 4 categorical) on one replica with -Xmx512m.

A writer appends about 2,000 records per model per minute (JSON lines, current timestamps) while the
daemon evaluates every model each 60 s. Over the measured rounds it reports: models evaluated in every
interval, late and missed evaluations, the work of one round (evaluation seconds summed over the
interval), the process's peak RSS, and the slowest /metrics answer. N = 50, 200, 500 on H2; then 500 on
two replicas sharing a PostgreSQL (each should take about half). The last line is the 500 figure.
"""
import json, os, random, re, shutil, subprocess, sys, threading, time, urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.environ.get("DRIFTWATCH_JAR") or os.path.join(REPO, "monitor", "target", "driftwatch.jar")
WORK = os.path.join(os.environ.get("BENCH_DATA", "/tmp/driftwatch-bench"), "scale")
ROUNDS = int(os.environ.get("SCALE_ROUNDS", "2"))
PER_MINUTE = 2000
POOL = 20011
NUMERIC, CATEGORICAL = 16, 4
CATS = ["a", "b", "c", "d", "e"]
PG = "jdbc:postgresql://127.0.0.1:5432/driftwatch_test?currentSchema=scale_bench"


def record(model, ts, rnd):
    inp = {f"n{i}": round(rnd.gauss(0, 1), 4) for i in range(NUMERIC)}
    inp.update({f"c{i}": rnd.choice(CATS) for i in range(CATEGORICAL)})
    return {"@timestamp": ts, "model": model, "model_version": "1", "input": inp}


def setup(n, d, interval="60s", window="1m"):
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, "logs"))
    os.makedirs(os.path.join(d, "reference"))
    rnd = random.Random(1)
    models = []
    for m in range(n):
        name = f"m{m:03d}"
        with open(os.path.join(d, "reference", name + ".jsonl"), "w") as f:
            for i in range(2000):
                f.write(json.dumps(record(name, f"2026-11-01T00:{i // 60 % 60:02d}:{i % 60:02d}Z", rnd)) + "\n")
        open(os.path.join(d, "logs", name + ".jsonl"), "w").close()
        feats = ", ".join([f"{{name: n{i}, type: numeric}}" for i in range(NUMERIC)]
                          + [f"{{name: c{i}, type: categorical}}" for i in range(CATEGORICAL)])
        models.append(f"  - name: {name}\n    source: {{path: logs/{name}.jsonl}}\n"
                      f"    reference: {{file: reference/{name}.jsonl}}\n    features: [{feats}]\n"
                      f"    window: {window}\n    schedule: {{interval: {interval}}}\n")
    with open(os.path.join(d, "rules.yaml"), "w") as f:
        f.write("rules:\n  - name: Shift\n    expr: psi > 0.25\n    for: 2\n")
    with open(os.path.join(d, "routing.yaml"), "w") as f:
        f.write("route: {receiver: log}\nreceivers:\n  - name: log\n    console: {}\n")
    return models


def config(d, models, store):
    path = os.path.join(d, f"driftwatch-{len(models)}.yaml")
    with open(path, "w") as f:
        f.write(f"store: {store}\nhttp: {{address: 127.0.0.1, port: 0}}\nrules: [rules.yaml]\n"
                f"alerts: routing.yaml\nmodels:\n" + "".join(models))
    return path


class Writer(threading.Thread):
    """Appends PER_MINUTE records per model per minute, in one-second batches, with current timestamps."""

    def __init__(self, d, n):
        super().__init__(daemon=True)
        self.d, self.n, self.stop = d, n, threading.Event()
        rnd = random.Random(2)
        # pre-rendered bodies (only the model and timestamp change per line); a prime number of them, more
        # than a window holds, so no value repeats within one model's window
        self.bodies = [json.dumps(record("MODEL", "TS", rnd)) for _ in range(POOL)]

    def run(self):
        files = [open(os.path.join(self.d, "logs", f"m{m:03d}.jsonl"), "a") for m in range(self.n)]
        per_second = PER_MINUTE // 60 + 1
        stride = 7919  # a model's consecutive lines are far apart in the pool, and none repeats within 20,011
        ks = [m * 1009 for m in range(self.n)]
        while not self.stop.is_set():
            t = time.time()
            ts = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + f".{int(t * 1000) % 1000:03d}Z"
            for m, f in enumerate(files):
                name = f"m{m:03d}"
                lines = []
                for _ in range(per_second):
                    ks[m] += stride
                    lines.append(self.bodies[ks[m] % POOL].replace("MODEL", name, 1).replace("TS", ts, 1))
                f.write("\n".join(lines) + "\n")
                f.flush()
            self.stop.wait(max(0.0, 1.0 - (time.time() - t)))
        for f in files:
            f.close()


def start(cfg, d, name, env=None):
    log = open(os.path.join(d, name + ".log"), "w")
    e = dict(os.environ, **(env or {}))
    p = subprocess.Popen(["java", "-Xmx512m", "-jar", JAR, "run", "--config", cfg], cwd=d, stdout=log,
                         stderr=subprocess.STDOUT, env=e)
    url = None
    for _ in range(120):
        time.sleep(0.5)
        m = re.search(r"API at (http://127\.0\.0\.1:\d+)", open(os.path.join(d, name + ".log")).read())
        if m:
            url = m.group(1)
            break
        if p.poll() is not None:
            sys.exit(f"{name} exited: see {d}/{name}.log")
    return p, url


def scrape(url):
    t = time.time()
    body = urllib.request.urlopen(url + "/metrics", timeout=30).read().decode()
    took = time.time() - t
    per_model, totals = {}, {"late": 0.0, "missed": 0.0, "busy": 0.0}
    for line in body.splitlines():
        if line.startswith("driftwatch_evaluations_total{"):
            model = re.search(r'model="([^"]+)"', line).group(1)
            per_model[model] = per_model.get(model, 0) + float(line.rsplit(" ", 1)[1])
        elif line.startswith("driftwatch_evaluations_late_total{"):
            totals["late"] += float(line.rsplit(" ", 1)[1])
        elif line.startswith("driftwatch_evaluations_missed_total{"):
            totals["missed"] += float(line.rsplit(" ", 1)[1])
        elif line.startswith("driftwatch_evaluation_duration_seconds_sum{"):
            totals["busy"] += float(line.rsplit(" ", 1)[1])
    return per_model, totals, took


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure(urls, n, procs):
    """Waits one warm-up interval, then measures ROUNDS intervals, scraping every 5 s."""
    time.sleep(65)
    before = [scrape(u) for u in urls]
    cpu0 = sum(cpu_seconds(p.pid) for p in procs)
    worst_metrics = 0.0
    end = time.time() + 60 * ROUNDS
    while time.time() < end:
        time.sleep(5)
        worst_metrics = max([worst_metrics] + [scrape(u)[2] for u in urls])
    after = [scrape(u) for u in urls]
    cpu = (sum(cpu_seconds(p.pid) for p in procs) - cpu0) / ROUNDS
    counts = {}
    share = []
    for (b, _, _), (a, _, _) in zip(before, after):
        mine = 0
        for model, c in a.items():
            delta = c - b.get(model, 0)
            counts[model] = counts.get(model, 0) + delta
            mine += delta
        share.append(mine)
    every = sum(1 for m in range(n) if counts.get(f"m{m:03d}", 0) >= ROUNDS)
    late = sum(a[1]["late"] - b[1]["late"] for a, b in zip(after, before))
    missed = sum(a[1]["missed"] - b[1]["missed"] for a, b in zip(after, before))
    busy = sum(a[1]["busy"] - b[1]["busy"] for a, b in zip(after, before)) / ROUNDS
    rss = max(peak_rss_mib(p.pid) for p in procs)
    return every, late, missed, busy, rss, worst_metrics, share, cpu


def run_one(n, replicas=1):
    d = os.path.join(WORK, f"n{n}-r{replicas}")
    models = setup(n, d)
    if replicas == 1:
        store = "{path: data/dw}"
    else:
        subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "driftwatch", "-d", "driftwatch_test", "-c",
                        "DROP SCHEMA IF EXISTS scale_bench CASCADE; CREATE SCHEMA scale_bench;"],
                       env=dict(os.environ, PGPASSWORD="driftwatch"), check=True)
        store = "{url: \"" + PG + "\", user: driftwatch, password_env: PGPASSWORD}"
    cfg = config(d, models, store)
    writer = Writer(d, n)
    writer.start()
    time.sleep(61)  # a full window of records before the first evaluation
    procs, urls = [], []
    try:
        for r in range(replicas):
            p, u = start(cfg, d, f"replica{r}", {"PGPASSWORD": "driftwatch", "DRIFTWATCH_REPLICA": f"replica{r}"})
            procs.append(p)
            urls.append(u)
        return measure(urls, n, procs)
    finally:
        for p in procs:
            p.terminate()
            p.wait(60)
        writer.stop.set()
        writer.join()
        shutil.rmtree(os.path.join(d, "logs"), ignore_errors=True)


def main():
    sizes = [int(s) for s in os.environ.get("SCALE_SIZES", "50,200,500").split(",")]
    rows = []
    print(f"{'models':>7} {'replicas':>8} {'every interval':>15} {'late':>5} {'missed':>6} "
          f"{'round work s':>12} {'CPU s/round':>11} {'peak RSS MiB':>12} {'/metrics s':>10}  evaluations per replica",
          file=sys.stderr)
    for n in sizes + ([sizes[-1]] if os.environ.get("SCALE_TWO", "1") == "1" else []):
        replicas = 2 if len(rows) == len(sizes) else 1
        every, late, missed, busy, rss, metrics, share, cpu = run_one(n, replicas)
        rows.append((n, replicas, every, late, missed, busy, rss, metrics, share, cpu))
        print(f"{n:>7} {replicas:>8} {every:>9}/{n:<5} {late:>5.0f} {missed:>6.0f} {busy:>12.1f} {cpu:>11.1f} {rss:>12.0f} "
              f"{metrics:>10.3f}  {[int(s) for s in share]}", file=sys.stderr, flush=True)
    if len(rows) >= 2:
        a, b = rows[0], rows[len(sizes) - 1]
        print(f"growth {a[0]} -> {b[0]} models: CPU per round x{b[9] / max(a[9], 1e-9):.1f}, round work x{b[5] / max(a[5], 1e-9):.1f}, "
              f"peak RSS x{b[6] / max(a[6], 1e-9):.2f}", file=sys.stderr)
    n, _, every, late, missed, busy, rss, metrics, _, cpu = rows[len(sizes) - 1]
    print(f"scale: {n} models on one replica (-Xmx512m): {every}/{n} evaluated every interval, {late:.0f} late, "
          f"{missed:.0f} missed; {cpu:.1f} CPU s per 60 s round ({busy:.1f} s of evaluation time summed over "
          f"threads); peak RSS {rss:.0f} MiB; /metrics {metrics:.3f} s")


def pg_size():
    """Bytes of the soak schema's tables, indexes and TOAST in PostgreSQL."""
    out = subprocess.run(["psql", "-tA", "-h", "127.0.0.1", "-U", "driftwatch", "-d", "driftwatch_test", "-c",
                          "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n "
                          "ON n.oid = c.relnamespace WHERE n.nspname = 'soak_bench' AND c.relkind = 'r'"],
                         env=dict(os.environ, PGPASSWORD="driftwatch"), check=True, capture_output=True, text=True)
    return int(out.stdout.strip() or 0)


def soak():
    """50 models, 5 s interval, retention 5 minutes, 30 minutes: the store's size every minute."""
    n, minutes = 50, int(os.environ.get("SOAK_MINUTES", "30"))
    d = os.path.join(WORK, "soak")
    models = setup(n, d, interval="5s", window="5s")
    keep = "{evaluations: 5m, alert_events: 5m, delivered_outbox: 5m, dead_letters: 5m, action_decisions: 5m}"
    pg = os.environ.get("SOAK_STORE") == "postgres"
    if pg:
        subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "driftwatch", "-d", "driftwatch_test", "-c",
                        "DROP SCHEMA IF EXISTS soak_bench CASCADE; CREATE SCHEMA soak_bench;"],
                       env=dict(os.environ, PGPASSWORD="driftwatch"), check=True)
        store = ("{url: \"jdbc:postgresql://127.0.0.1:5432/driftwatch_test?currentSchema=soak_bench\", "
                 "user: driftwatch, password_env: PGPASSWORD, retention: " + keep + "}")
    else:
        store = "{path: data/dw, retention: " + keep + "}"
    cfg = config(d, models, store)
    writer = Writer(d, n)
    writer.start()
    time.sleep(6)
    p, url = start(cfg, d, "soak", {"PGPASSWORD": "driftwatch"})
    sizes = []
    try:
        for minute in range(1, minutes + 1):
            time.sleep(60)
            size = (pg_size() if pg else os.path.getsize(os.path.join(d, "data", "dw.mv.db"))) / 1024 / 1024
            body = urllib.request.urlopen(url + "/metrics", timeout=30).read().decode()
            pruned = sum(float(l.rsplit(" ", 1)[1]) for l in body.splitlines()
                         if l.startswith("driftwatch_store_pruned_rows_total{"))
            evaluations = sum(float(l.rsplit(" ", 1)[1]) for l in body.splitlines()
                              if l.startswith("driftwatch_evaluations_total{"))
            sizes.append(size)
            print(f"minute {minute:>3}: store {size:8.1f} MiB, {evaluations:8.0f} evaluations, {pruned:8.0f} rows pruned",
                  file=sys.stderr, flush=True)
    finally:
        p.terminate()
        p.wait(60)
        writer.stop.set()
        writer.join()
        shutil.rmtree(os.path.join(d, "logs"), ignore_errors=True)
    half = sizes[len(sizes) // 2 - 1]
    print(f"soak ({'PostgreSQL' if pg else 'H2'}): {n} models, 5 s interval, retention 5 min, {minutes} min: store {sizes[4]:.1f} MiB at 5 min, "
          f"{half:.1f} MiB at {len(sizes) // 2} min, {sizes[-1]:.1f} MiB at {minutes} min "
          f"({(sizes[-1] - half) / max(half, 1e-9) * 100:+.0f}% over the second half)")


if __name__ == "__main__":
    soak() if sys.argv[1:] == ["soak"] else main()
