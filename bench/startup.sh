#!/usr/bin/env bash
# Start time of `java -jar JAR`: wall time from the launch to the first 200 of /health/ready, and
# the JVM's CPU time (user + system) at that moment, for four cases:
#   fresh    an empty DATA_DIR (migrations run, an admin password is generated and hashed)
#   restart  the same DATA_DIR again (nothing to migrate, the stored hash is kept)
#   new-pw   a restart with a new ADMIN_PASSWORD (since 2026-12-06 checked, and hashed, at the
#            password's first use instead of in the start)
#   same-pw  a restart with that ADMIN_PASSWORD again (likewise)
# Usage: bench/startup.sh [runs-per-case] [JAR...]   (default 5 runs, target/webtalk.jar)
# Several JARs are measured in turn, run by run, so that a noisy machine hurts them alike.
set -euo pipefail
RUNS=${1:-5}
shift || true
JARS=("$@")
[ ${#JARS[@]} -gt 0 ] || JARS=(target/webtalk.jar)
for jar in "${JARS[@]}"; do
  [ -f "$jar" ] || { echo "no $jar: build it with mvn -q -DskipTests package" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'pkill -f "$work" 2>/dev/null || true; rm -rf "$work"' EXIT

# one_start JAR DATA_DIR [ENV...] -> "wall_ms cpu_ms"
one_start() {
  local jar=$1 data=$2 port pid start end cpu
  shift 2
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  start=$(date +%s%N)
  env "$@" DATA_DIR="$data" HOST=127.0.0.1 PORT="$port" java -jar "$jar" >"$work/last.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 3000); do   # at most 30 s
    curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" && break
    kill -0 "$pid" 2>/dev/null || { echo "server exited:" >&2; cat "$work/last.log" >&2; exit 1; }
    sleep 0.01
  done
  end=$(date +%s%N)
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(( (end - start) / 1000000 )) $cpu"
}

declare -A wall cpu
for run in $(seq 1 "$RUNS"); do
  for jar in "${JARS[@]}"; do
    data="$work/data-$run-$(basename "$jar")"
    for case in fresh restart new-pw same-pw; do
      extra=()
      case $case in *-pw) extra=(ADMIN_PASSWORD=startup-bench-password) ;; esac
      read -r w c < <(one_start "$jar" "$data" "${extra[@]}")
      wall["$jar $case"]+="$w "; cpu["$jar $case"]+="$c "
      echo "run $run/$RUNS $(basename "$jar") $case: ${w} ms wall, ${c} ms CPU" >&2
      sleep 1
    done
  done
done

stats() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {printf "%d (%d–%d)", a[int((NR+1)/2)], a[1], a[NR]}'; }
echo
echo "| jar | case | wall ms, median (min–max) | JVM CPU ms, median (min–max) |"
echo "|---|---|---|---|"
for jar in "${JARS[@]}"; do
  for case in fresh restart new-pw same-pw; do
    echo "| $(basename "$jar") | $case | $(echo "${wall["$jar $case"]}" | stats) | $(echo "${cpu["$jar $case"]}" | stats) |"
  done
done
echo
echo "$RUNS runs per case; $(nproc) cores; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
