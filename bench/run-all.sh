#!/usr/bin/env bash
# Runs the same workloads against WebTalk (SQLite, persistence on, started by the distribution's
# bin/webtalk with its default JVM settings), the reference Node.js Socket.IO server, socket.io on
# uWebSockets.js, netty-socketio and the original Flask-SocketIO stack, each pinned to CPU 0 with
# the load tool on CPU 1, all on loopback; appends RESULT lines to bench/results/ and rewrites
# docs/benchmarks.md. Usage: bench/run-all.sh [seconds-per-run]   (default 20)
# BENCH_SERVERS="webtalk node" runs only those servers (of: webtalk node uws netty flask),
# BENCH_WORKLOADS="busy idle" only those workloads (of: fanout busy idle store join reconnect cold);
# the report then covers what ran. Memory at 1,000 active clients is the fan-out run's RSS. To
# rerun one workload into an earlier report: bench/report.py <earlier>.txt <rerun>.txt > docs/benchmarks.md
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-20}"
mkdir -p bench/results
OUT="bench/results/$(date -u +%Y%m%dT%H%M%SZ).txt"
LOG="${OUT%.txt}.log"
PORT="${BENCH_PORT:-5190}"
IDLE=19000   # the machine's hard limit is 20,000 open files per process
STORM="${BENCH_STORM_CLIENTS:-5000}"   # clients in the join and reconnect storms (a smaller number for a smoke run)
SERVERS="${BENCH_SERVERS:-webtalk node uws netty flask}"
# Every server gets this long under the measured load before the window opens. A JVM is still
# compiling hot code after 15 s (that cost 1.2 CPU-s per million deliveries in the window);
# 45 s measures the steady state of all three. BENCH_WARMUP=15 shows the cold figure.
WARMUP="${BENCH_WARMUP:-45}"
WORKLOADS=" ${BENCH_WORKLOADS:-fanout busy idle store join reconnect cold} "
wants() { case "$WORKLOADS" in *" $1 "*) return 0;; *) return 1;; esac; }

echo "bench: building the load tool, the netty-socketio peer and (if it runs) WebTalk's distribution"
# WebTalk runs as a user runs it: the tar.gz's bin/webtalk (heap WEBTALK_HEAP 256m, serial GC,
# class-data sharing). Its archive is kept outside DATA_DIR (wiped for every run) so that, as on a
# server, only the first start of this run writes it and every later start maps it.
DIST=/tmp/webtalk-bench-dist
runs() { case " $SERVERS " in *" $1 "*) return 0;; *) return 1;; esac; }
if runs webtalk; then
  mvn -q -DskipTests package
  rm -rf "$DIST" && mkdir -p "$DIST"
  tar -xzf target/webtalk-*.tar.gz -C "$DIST" --strip-components=1
  export WEBTALK_CDS="$DIST/webtalk.jsa"
  # BENCH_JAVA=/path/to/bin/java runs WebTalk on that JVM (default: java on the PATH), e.g. a
  # Java 25, where bin/webtalk keeps an ahead-of-time cache instead of a class-data archive.
  if [ -n "${BENCH_JAVA:-}" ]; then export JAVA="$BENCH_JAVA"; fi
  webtalk_java=$("${JAVA:-java}" -version 2>&1 | head -1)
  echo "bench: webtalk runs on $webtalk_java" | tee -a "$LOG"
  echo "# webtalk-java: $webtalk_java" >> "$OUT"
fi
mvn -q -f bench/pom.xml -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
npm ci --prefix bench/peers/node --no-audit --no-fund --loglevel=error
npm ci --prefix bench/peers/uws --no-audit --no-fund --loglevel=error
! runs flask || /usr/bin/python3 -c "import flask_socketio, eventlet" 2>/dev/null \
  || { echo "bench: the original stack is missing: apt-get install -y python3-flask-socketio python3-eventlet"; exit 2; }

load() {
  taskset -c 1 java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" webtalk.bench.LoadTool \
    --url "http://127.0.0.1:$PORT" --pid "$SERVER_PID" "$@" 2>&1 | tee -a "$LOG" | grep --line-buffered -E "^bench|^RESULT" \
    | while read -r line; do echo "$line"; case "$line" in RESULT*) echo "$line" >> "$OUT";; esac; done
}

# start NAME [keep]: a fresh server (WebTalk on an empty DATA_DIR), or with "keep" on the same
# data (a restart); LAUNCHED_MS is when it was launched (epoch ms), for the cold start curve.
start() {
  local name=$1
  LAUNCHED_MS=$(date +%s%3N)
  case "$name" in
    webtalk)
      if [ "${2:-}" != keep ]; then
        # An empty database, already migrated by the untimed first start (as on an installed
        # server's restarts), when that start has run; else a new DATA_DIR.
        rm -rf /tmp/webtalk-bench-data
        if [ -d /tmp/webtalk-bench-template ]; then cp -r /tmp/webtalk-bench-template /tmp/webtalk-bench-data; fi
      fi
      mkdir -p /tmp/webtalk-bench-data
      PORT=$PORT HOST=127.0.0.1 DATA_DIR=/tmp/webtalk-bench-data ADMIN_PASSWORD=bench-admin-123 MAX_CONNECTIONS_PER_ADDRESS=0 \
        ROOMS_PER_ADDRESS=0 JOINS_PER_ADDRESS=0 \
        taskset -c 0 "$DIST/bin/webtalk" >> "$LOG" 2>&1 &
      ;;
    node) taskset -c 0 node bench/peers/node/server.js $PORT >> "$LOG" 2>&1 & ;;
    uws) taskset -c 0 node bench/peers/uws/server.js $PORT >> "$LOG" 2>&1 & ;;
    netty)
      taskset -c 0 java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" webtalk.bench.peers.NettySocketIoPeer $PORT >> "$LOG" 2>&1 &
      ;;
    flask) taskset -c 0 /usr/bin/python3 bench/peers/flask/server.py $PORT >> "$LOG" 2>&1 & ;;
  esac
  SERVER_PID=$!
  for _ in $(seq 1 1000); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    curl -s -o /dev/null "http://127.0.0.1:$PORT/socket.io/?EIO=4&transport=polling" && return 0
    sleep 0.02
  done
  echo "bench: $name did not start"; exit 1
}

stop() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  sleep 1
}

if runs webtalk; then
  # One untimed start and stop writes the class-data archive, so every measured start maps it, as
  # every start of an installed server after its first stop does (whichever workloads run); its
  # empty, migrated DATA_DIR is the template every measured run starts from, so none of them runs
  # the migrations (Flyway is loaded only when the schema is not current) — a restart, as above.
  echo "bench: webtalk first start (migrates an empty database, serves some traffic and writes what it learned at its stop; not measured)"
  rm -rf /tmp/webtalk-bench-template
  start webtalk
  # What an installed server's earlier run saw, briefly: joins and messages. Its class-data archive
  # (or on Java 25 its ahead-of-time cache, with how the run used its methods) is written at the
  # stop; every measured start uses it. Nothing of this run is reported, and its rooms are dropped
  # with its DATA_DIR below.
  for mode in "join --connect-first --clients 2000 --rooms 20" "chat --clients 1000 --rooms 10 --senders 2 --rate 10000 --seconds 10 --warmup 10"; do
    # shellcheck disable=SC2086
    taskset -c 1 java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" webtalk.bench.LoadTool \
      --url "http://127.0.0.1:$PORT" --pid "$SERVER_PID" --label first-start --rooms-from-rest \
      --admin-password bench-admin-123 --mode $mode >> "$LOG" 2>&1
  done
  stop
  start webtalk   # an empty DATA_DIR again, migrated: the template of every measured run
  stop
  cp -r /tmp/webtalk-bench-data /tmp/webtalk-bench-template
  rm -f /tmp/webtalk-bench-template/webtalk.lock
fi

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
  if wants join; then
    # Join storm, rooms of 100: every client connects and sends entrar at once; then, on a fresh
    # server, every connection opened first and all the entrar sent at once (the joins alone).
    storm=$STORM
    [ "$server" = flask ] && [ "$storm" -gt 1000 ] && storm=1000   # eventlet's 1,024 connections
    for first in "" --connect-first; do
      echo "bench: $server join storm ${first:-(connect and join)}, $storm clients into rooms of 100"
      start "$server"
      # shellcheck disable=SC2086
      load $rooms --mode join $first --clients $storm --rooms $((storm / 100))
      stop
    done
  fi
  if wants reconnect && [ "$server" != flask ]; then
    # Reconnect storm: the load tool stops the server (SIGTERM) under 5,000 joined clients; it is
    # started again at once on the same data, and the clients come back with ultimo_id.
    echo "bench: $server reconnect storm, $STORM clients"
    start "$server"
    # shellcheck disable=SC2086
    load $rooms --mode reconnect --clients "$STORM" --rooms $((STORM / 100)) --seconds 60 &
    storm_pid=$!
    while kill -0 "$SERVER_PID" 2>/dev/null && kill -0 "$storm_pid" 2>/dev/null; do sleep 0.02; done
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      wait "$SERVER_PID" 2>/dev/null || true
      start "$server" keep
    fi
    wait "$storm_pid" || true
    stop
  fi
  if wants cold; then
    # Cold start: a fresh server, 1,000 clients at 40k deliveries/s from the moment they are
    # joined until a minute after the launch; p99 per 5 s window.
    echo "bench: $server cold start at 40000 deliveries/s"
    start "$server"
    # shellcheck disable=SC2086
    load $rooms --mode chat --cold-start-ms "$LAUNCHED_MS" --clients 1000 --rooms 10 --senders 2 --rate 40000
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
