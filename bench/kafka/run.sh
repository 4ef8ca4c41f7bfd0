#!/usr/bin/env bash
# bench/run kafka: a real broker (KRaft) from the bench jar, 1,000,000 records of a 20-feature model in a
# 3-partition topic and the same records in a JSON-lines file; one window read and evaluated from each.
# Usage: run.sh DATA   (KAFKA_RECORDS)
set -euo pipefail
data="$1"; here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/../.." && pwd)"
jar="$repo/bench/jmh/target/benchmarks.jar"; n="${KAFKA_RECORDS:-1000000}"
dir="$data/kafka"; rm -rf "$dir"; mkdir -p "$dir/data"
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cport=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
PROPS
java -cp "$jar" kafka.tools.StorageTool format -t "$(java -cp "$jar" kafka.tools.StorageTool random-uuid)" \
  -c "$dir/server.properties" > "$dir/format.log" 2>&1
java -Xmx1g -cp "$jar" kafka.Kafka "$dir/server.properties" > "$dir/broker.log" 2>&1 &
broker=$!
trap 'kill $broker 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 1; done
# a fixed heap: the full collection between rounds would shrink it and each round would regrow it, which a
# daemon whose heap stays at its working size does not do
java -Xms4g -Xmx4g ${KAFKA_JAVA_OPTS:-} -cp "$jar" io.driftwatch.bench.KafkaWindow "127.0.0.1:$port" "$dir" "$n" | tee "$dir/result.txt" >&2
/usr/bin/python3 - "$dir/result.txt" <<'PY'
import re, sys
rates = {m.group(1): float(m.group(2).replace(",", "")) for m in re.finditer(r"^(\w+): .*?: ([\d,]+) records/s", open(sys.argv[1]).read(), re.M)}
print(f"Kafka source: {rates['kafka']:,.0f} records/s read and evaluated (goal >= 300,000); file source on the same "
      f"records: {rates['file']:,.0f} records/s")
PY
