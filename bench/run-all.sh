#!/usr/bin/env bash
# Runs the same workloads against WebTalk (SQLite, persistence on), the reference Node.js
# Socket.IO server and the original Flask-SocketIO stack, each pinned to CPU 0 with the load
# tool on CPU 1, all on loopback; appends RESULT lines to bench/results/ and rewrites
# docs/benchmarks.md. Usage: bench/run-all.sh [seconds-per-run]   (default 20)
# BENCH_SERVERS="webtalk node" runs only those servers, BENCH_WORKLOADS="busy idle" only those
# workloads (of: fanout busy idle store); the report then covers what ran. To rerun one workload
# into an earlier report: bench/report.py <earlier>.txt <rerun>.txt > docs/benchmarks.md
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-20}"
mkdir -p bench/results
OUT="bench/results/$(date -u +%Y%m%dT%H%M%SZ).txt"
LOG="${OUT%.txt}.log"
PORT=5190
IDLE=19000   # the machine's hard limit is 20,000 open files per process
SERVERS="${BENCH_SERVERS:-webtalk node flask}"
# Every server gets this long under the measured load before the window opens. A JVM is still
# compiling hot code after 15 s (that cost 1.2 CPU-s per million deliveries in the window);
# 45 s measures the steady state of all three. BENCH_WARMUP=15 shows the cold figure.
WARMUP="${BENCH_WARMUP:-45}"
WORKLOADS=" ${BENCH_WORKLOADS:-fanout busy idle store} "
wants() { case "$WORKLOADS" in *" $1 "*) return 0;; *) return 1;; esac; }

echo "bench: building WebTalk and the load tool"
mvn -q -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/runtime-classpath.txt -Dmdep.includeScope=runtime
mvn -q -f bench/pom.xml -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
npm ci --prefix bench/peers/node --no-audit --no-fund --loglevel=error
/usr/bin/python3 -c "import flask_socketio, eventlet" 2>/dev/null \
  || { echo "bench: the original stack is missing: apt-get install -y python3-flask-socketio python3-eventlet"; exit 2; }

load() {
  taskset -c 1 java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" webtalk.bench.LoadTool \
    --url "http://127.0.0.1:$PORT" --pid "$SERVER_PID" "$@" 2>&1 | tee -a "$LOG" | grep --line-buffered -E "^bench|^RESULT" \
    | while read -r line; do echo "$line"; case "$line" in RESULT*) echo "$line" >> "$OUT";; esac; done
}

start() {
  local name=$1
  case "$name" in
    webtalk)
      rm -rf /tmp/webtalk-bench-data
      PORT=$PORT HOST=127.0.0.1 DATA_DIR=/tmp/webtalk-bench-data ADMIN_PASSWORD=bench-admin-123 MAX_CONNECTIONS_PER_ADDRESS=0 \
        ROOMS_PER_ADDRESS=0 JOINS_PER_ADDRESS=0 \
        taskset -c 0 java -cp "target/classes:$(cat target/runtime-classpath.txt)" webtalk.app.Main >> "$LOG" 2>&1 &
      ;;
    node) taskset -c 0 node bench/peers/node/server.js $PORT >> "$LOG" 2>&1 & ;;
    flask) taskset -c 0 /usr/bin/python3 bench/peers/flask/server.py $PORT >> "$LOG" 2>&1 & ;;
  esac
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/socket.io/?EIO=4&transport=polling" && return 0
    sleep 0.2
  done
  echo "bench: $name did not start"; exit 1
}

stop() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  sleep 1
}

for server in $SERVERS; do
  rooms="--label $server"
  [ "$server" = webtalk ] && rooms="--label $server --rooms-from-rest --admin-password bench-admin-123"
  for rate in 10000 40000; do
    wants fanout || break
    echo "bench: $server chat at $rate deliveries/s"
    start "$server"
    # shellcheck disable=SC2086
    load $rooms --mode chat --clients 1000 --rooms 10 --senders 2 --rate $rate --seconds "$SECONDS_PER_RUN" --warmup "$WARMUP"
    stop
  done
  if [ "$server" != flask ] && wants busy; then
    # A busy room: every connection receives 1,000 messages/s, so frames bound for one connection
    # can share a write. 20 senders at 50 messages/s each stay within WebTalk's per-person rate
    # limit (at most 6,000 a minute). The original stack saturates far below this; it is not run.
    echo "bench: $server busy room, 100 clients at 100000 deliveries/s"
    start "$server"
    # shellcheck disable=SC2086
    load $rooms --mode chat --clients 100 --rooms 1 --senders 20 --rate 100000 --seconds "$SECONDS_PER_RUN" --warmup "$WARMUP"
    stop
  fi
  wants idle || continue
  idle=$IDLE
  [ "$server" = flask ] && idle=1000   # eventlet's WSGI server serves at most 1,024 connections by default
  echo "bench: $server with $idle idle connections"
  start "$server"
  # shellcheck disable=SC2086
  load $rooms --mode idle --clients $idle
  stop
done

case " $SERVERS " in *" webtalk "*) wants store || SERVERS=none;; esac
case " $SERVERS " in *" webtalk "*) ;; *)
  /usr/bin/python3 bench/report.py "$OUT" > docs/benchmarks.md
  echo "bench: results in $OUT, report in docs/benchmarks.md"; exit 0;;
esac

echo "bench: WebTalk SQLite write throughput (store before ack)"
# Closed loop, 8 messages in flight per connection (more would pass the per-person rate limit).
start webtalk
load --label webtalk --rooms-from-rest --admin-password bench-admin-123 --mode store --clients 500 --outstanding 8 --seconds "$SECONDS_PER_RUN"
stop

echo "bench: the SQLite store alone, group commit, one core"
mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
taskset -c 0 java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" webtalk.store.StoreThroughput 300000 1000 \
  | tee -a "$LOG" | grep "^RESULT" >> "$OUT"

/usr/bin/python3 bench/report.py "$OUT" > docs/benchmarks.md
echo "bench: results in $OUT, report in docs/benchmarks.md"
