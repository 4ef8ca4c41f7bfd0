#!/usr/bin/env bash
# bench/run ingest: 8 clients post KServe payload-logger events (binary mode) for 60 s to one replica on the
# test PostgreSQL; records acknowledged per second, acknowledgement p99, peak heap, and records stored =
# records acknowledged. Usage: run.sh DATA   (INGEST_CLIENTS, INGEST_SECONDS, INGEST_ROWS: rows per request)
set -euo pipefail
data="$1"; here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/../.." && pwd)"
clients="${INGEST_CLIENTS:-8}"; seconds="${INGEST_SECONDS:-60}"; rows="${INGEST_ROWS:-10}"; port=18181
dir="$data/ingest"; rm -rf "$dir"; mkdir -p "$dir"
pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster 15 main start
su postgres -c "psql -qc 'DROP DATABASE IF EXISTS driftwatch_bench'" && su postgres -c "createdb -O driftwatch driftwatch_bench"
/usr/bin/python3 - "$dir" <<'PY'
import json, random, sys
d = sys.argv[1]; r = random.Random(1)
with open(f"{d}/reference.jsonl", "w") as f:
    for i in range(2000):
        f.write(json.dumps({"@timestamp": "2026-12-01T00:00:00Z", "input": {"a": r.gauss(0, 1), "b": r.random() * 100,
                "c": r.choice(["monthly", "yearly"])}, "prediction": r.randint(0, 1)}) + "\n")
PY
cat > "$dir/routing.yaml" <<'YAML'
route: {receiver: log}
receivers:
  - name: log
    console: {}
YAML
cat > "$dir/driftwatch.yaml" <<YAML
store: {url: "jdbc:postgresql://127.0.0.1:5432/driftwatch_bench", user: driftwatch, password_env: BENCH_PG_PASSWORD}
http: {address: 127.0.0.1, port: $port}
alerts: routing.yaml
models:
  - name: bench
    source: {type: store, inference_service: bench-isvc, input_names: [a, b, c]}
    reference: {file: reference.jsonl}
    features:
      - {name: a, type: numeric}
      - {name: b, type: numeric}
      - {name: c, type: categorical}
    prediction: {type: categorical}
    window: 1m
    schedule: {interval: 30s}
YAML
export BENCH_PG_PASSWORD=driftwatch
java -Xmx512m -jar "$repo/monitor/target/driftwatch.jar" run --config "$dir/driftwatch.yaml" > "$dir/daemon.log" 2>&1 &
daemon=$!
trap 'kill $daemon 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 1; done
( peak=0; while kill -0 $daemon 2>/dev/null; do
    h=$(curl -s "http://127.0.0.1:$port/metrics" | awk '/^jvm_memory_used_bytes\{area="heap"\}/ {print int($2)}')
    [ -n "$h" ] && [ "$h" -gt "$peak" ] && peak=$h && echo "$peak" > "$dir/peak-heap"
    sleep 1; done ) &
load=$(java -cp "$repo/bench/jmh/target/benchmarks.jar" io.driftwatch.bench.IngestLoad "http://127.0.0.1:$port" bench-isvc \
  "$clients" "$seconds" "$rows")
stored=$(su postgres -c "psql -tAc \"SELECT COUNT(*) FROM ingest_event WHERE kind = 'q'\" driftwatch_bench")
kill $daemon; wait $daemon 2>/dev/null || true
/usr/bin/python3 - "$load" "$stored" "$rows" "$(cat "$dir/peak-heap" 2>/dev/null || echo 0)" "$clients" <<'PY'
import json, sys
l = json.loads(sys.argv[1]); stored = int(sys.argv[2]) * int(sys.argv[3]); heap = int(sys.argv[4]) / 2**20
print(json.dumps(l), file=sys.stderr)
same = "=" if stored == l["records_acknowledged"] else "!="
print(f"{sys.argv[5]} clients, {sys.argv[3]} rows per request: {l['records_per_second']:,.0f} records/s acknowledged "
      f"(goal >= 20,000), ack p50 {l['p50_ms']} ms, p99 {l['p99_ms']} ms (goal < 200), refused {l['refused']}, "
      f"peak heap {heap:.0f} MiB of 512; stored {stored:,} {same} acknowledged {l['records_acknowledged']:,}")
PY
