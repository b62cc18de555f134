#!/usr/bin/env bash
# The cluster on this 2-core machine: the fan-out workload (1,000 clients in 10 rooms of 100, their
# connections spread over the nodes, 2 senders per room) on 1, 2 and 3 WebTalk nodes sharing
# PostgreSQL and Redis, and the store workload on one node on PostgreSQL. Every node is pinned to
# CPU 0 and the load tool to CPU 1, so absolute scaling cannot show here: what this measures is the
# efficiency, the CPU all the nodes together spend per delivery (and the latency added by crossing
# nodes), against one node doing the same. Each run gets a fresh database (dropped after).
# Usage: bench/cluster.sh [seconds-per-run] (default 20); RESULT lines go to bench/results/cluster-*.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-20}"
WARMUP="${BENCH_WARMUP:-45}"
RATE="${BENCH_RATE:-10000}"
mkdir -p bench/results
OUT="bench/results/cluster-$(date -u +%Y%m%dT%H%M%SZ).txt"
LOG="${OUT%.txt}.log"
pg_isready -q -h 127.0.0.1 -p 5432 || { echo "bench: PostgreSQL is not running on 127.0.0.1:5432"; exit 2; }
[ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ] || { echo "bench: Redis is not running on 127.0.0.1:6379"; exit 2; }

echo "bench: building WebTalk and the load tool"
mvn -q -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/runtime-classpath.txt -Dmdep.includeScope=runtime
mvn -q -f bench/pom.xml -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt

PIDS=()
URLS=()
DB=""

start_nodes() {
  local count=$1 redis=$2
  DB="webtalk_bench_$$_$count"
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $DB" >/dev/null
  PIDS=(); URLS=()
  for n in $(seq 1 "$count"); do
    local port=$((5190 + n))
    local env=(PORT=$port HOST=127.0.0.1 DATA_DIR=/tmp/webtalk-bench-node-$n ADMIN_PASSWORD=bench-admin-123 SECRET_KEY=bench-secret-key-0123456789
      MAX_CONNECTIONS_PER_ADDRESS=0 ROOMS_PER_ADDRESS=0 JOINS_PER_ADDRESS=0 NODE_ID=bench-$n
      DATABASE_URL=postgresql://postgres@127.0.0.1:5432/$DB)
    [ "$redis" = yes ] && env+=(REDIS_URL=redis://127.0.0.1:6379/0)
    rm -rf "/tmp/webtalk-bench-node-$n"
    env "${env[@]}" taskset -c 0 java -cp "target/classes:$(cat target/runtime-classpath.txt)" webtalk.app.Main >> "$LOG" 2>&1 &
    PIDS+=($!); URLS+=("http://127.0.0.1:$port")
  done
  for url in "${URLS[@]}"; do
    for _ in $(seq 1 150); do curl -sf -o /dev/null "$url/health/ready" && break; sleep 0.2; done
    curl -sf -o /dev/null "$url/health/ready" || { echo "bench: $url did not start (see $LOG)"; exit 1; }
  done
  sleep 2  # the nodes have read each other's directory entries
}

stop_nodes() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
  redis-cli -h 127.0.0.1 --scan --pattern "webtalk:$DB:*" | xargs -r redis-cli -h 127.0.0.1 del >/dev/null
  sleep 1
}

load() {
  local joined_urls joined_pids
  joined_urls=$(IFS=,; echo "${URLS[*]}"); joined_pids=$(IFS=,; echo "${PIDS[*]}")
  taskset -c 1 java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" webtalk.bench.LoadTool \
    --url "$joined_urls" --pid "$joined_pids" --rooms-from-rest --admin-password bench-admin-123 "$@" 2>&1 | tee -a "$LOG" \
    | grep --line-buffered -E "^bench|^RESULT" | while read -r line; do echo "$line"; case "$line" in RESULT*) echo "$line" >> "$OUT";; esac; done
}

for nodes in 1 2 3; do
  echo "bench: fan-out at $RATE deliveries/s on $nodes cluster node(s)"
  start_nodes "$nodes" yes
  load --label "cluster-$nodes" --mode chat --clients 1000 --rooms 10 --senders 2 --rate "$RATE" --seconds "$SECONDS_PER_RUN" --warmup "$WARMUP"
  stop_nodes
done
echo "bench: store workload on one node on PostgreSQL"
start_nodes 1 no
load --label postgres-1 --mode store --clients 500 --outstanding 8 --seconds "$SECONDS_PER_RUN"
stop_nodes
echo "bench: results in $OUT"
