#!/usr/bin/env bash
# The failover time distribution of a WebTalk cluster: three nodes on loopback behind a real nginx
# (round-robin, no stickiness; started by tools/cluster.sh on a fresh database and Redis key prefix,
# both dropped after), CLIENTS default Socket.IO clients (polling, upgrade, reconnection on) in
# ROOMS rooms, each sending a message now and then with an ack (RATE messages/s in all). Then KILLS
# times: kill -9 one node mid-traffic, measure for each of its clients the time until it has rejoined
# on a live node, until it has caught up by ultimo_id with every acknowledged message, and until the
# surviving nodes' members have seen its old name leave (usuario_saiu); start the node again; the next
# kill takes the next node. Checks 0 acknowledged messages lost, 0 duplicated, 0 out of order.
# Usage: bench/failover.sh [kills] (default 10); CLIENTS (300), ROOMS (10), RATE (30), PORT (5400).
# Prints the distribution (min, p50, p90, p99, max per measure); raw lines go to
# bench/results/failover-<timestamp>.txt. Ctrl+C stops the nodes and nginx and drops the database.
set -euo pipefail
cd "$(dirname "$0")/.."
KILLS="${1:-10}"
CLIENTS="${CLIENTS:-300}"
ROOMS="${ROOMS:-10}"
RATE="${RATE:-30}"
export PORT="${PORT:-5400}"
export NODES=3
export DATABASE="webtalk_failover_$$"
export CLUSTER_DIR="target/failover-$$"
export ADMIN_PASSWORD="failover-admin-123"
# One address for every client (all on loopback): lift the per-address budgets for the run.
export MAX_CONNECTIONS_PER_ADDRESS=0 JOINS_PER_ADDRESS=0 ROOMS_PER_ADDRESS=0
mkdir -p bench/results
OUT="bench/results/failover-$(date -u +%Y%m%dT%H%M%SZ).txt"
[ "$KILLS" -ge 1 ] && [ "$KILLS" -le 100 ] || { echo "failover: kills must be 1-100"; exit 2; }

TOOL_PID=""
STATUS=1
cleanup() {
  trap - EXIT INT TERM
  set +e  # a failing step here (e.g. wait on the killed tool) must not skip the rest
  [ -n "$TOOL_PID" ] && kill "$TOOL_PID" 2>/dev/null && wait "$TOOL_PID" 2>/dev/null
  DROP=1 tools/cluster.sh down || true
  [ "${STATUS:-1}" = 0 ] && rm -rf "$CLUSTER_DIR"  # kept (with the nodes' logs) when something failed
  return 0
}
trap cleanup EXIT
trap 'echo "failover: interrupted"; exit 130' INT TERM

echo "failover: building WebTalk and the load tool"
mvn -q -DskipTests package
mvn -q -f bench/pom.xml -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt

{
  echo "# bench/failover.sh $KILLS — $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo '+changes')"
  echo "# $CLIENTS clients in $ROOMS rooms, $RATE messages/s, $NODES nodes behind nginx on 127.0.0.1:$PORT; $(nproc) cores"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$OUT"
tools/cluster.sh up
# The tool kills the nodes itself (SIGKILL to the pid in the pid file, timed) and starts them again.
java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" webtalk.bench.Failover \
  --url "http://127.0.0.1:$PORT" --clients "$CLIENTS" --rooms "$ROOMS" --rate "$RATE" --kills "$KILLS" --nodes "$NODES" \
  --admin-password "$ADMIN_PASSWORD" --pid-file "$CLUSTER_DIR/node-%d.pid" --start-command "tools/cluster.sh start %d" \
  --round-seconds 40 --max-minutes 20 > "$CLUSTER_DIR/tool.out" 2>&1 &
TOOL_PID=$!
echo "failover: running $KILLS kills (about a minute each); rounds in $CLUSTER_DIR/tool.out"
STATUS=0
wait "$TOOL_PID" || STATUS=$?
TOOL_PID=""
grep -v -E "^(SLF4J|WARNING)" "$CLUSTER_DIR/tool.out" >> "$OUT" || true
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT"
{ echo "# node warnings (WARN/ERROR lines of the nodes' logs):"; grep -h -E " (WARN|ERROR) " "$CLUSTER_DIR"/node-*.log | sort | cut -c1-300; } >> "$OUT" || true
grep -E "^ROUND" "$CLUSTER_DIR/tool.out" || true
grep -E "^(FAILOVER|RESULT)" "$CLUSTER_DIR/tool.out" || true
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$STATUS" = 0 ] || { echo "failover: FAILED (exit $STATUS); node logs: see $OUT"; tail -20 "$CLUSTER_DIR/tool.out"; for f in "$CLUSTER_DIR"/node-*.log; do echo "== $f"; grep -E "ERROR|WARN" "$f" | tail -5; done; }
echo "failover: raw results in $OUT"
exit "$STATUS"
