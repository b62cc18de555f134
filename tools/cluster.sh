#!/usr/bin/env bash
# A local WebTalk cluster for a course or a demo: three nodes on loopback (ports 5001-5003) on this
# machine's PostgreSQL and Redis, behind Debian's nginx on one port (5000, round-robin, no sticky
# sessions). Usage:
#   tools/cluster.sh up      build if needed, create database webtalk_cluster, start nodes and nginx
#   tools/cluster.sh status  each node's /health/ready
#   tools/cluster.sh kill N  kill -9 node N (1-3), to watch the others take over
#   tools/cluster.sh start N start node N again
#   tools/cluster.sh down    stop nginx and the nodes (the database is kept; DROP=1 drops it too)
# Settings: PORT (5000), NODES (3), DATABASE (webtalk_cluster), ADMIN_PASSWORD (admin-cluster-demo),
# CLUSTER_DIR (target/cluster: pid files, logs, nginx.conf). Other settings in the environment (e.g.
# MAX_CONNECTIONS_PER_ADDRESS) reach the nodes.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-5000}"
NODES="${NODES:-3}"
DATABASE="${DATABASE:-webtalk_cluster}"
ADMIN_PASSWORD="${ADMIN_PASSWORD:-admin-cluster-demo}"
RUN="${CLUSTER_DIR:-target/cluster}"
mkdir -p "$RUN"

node_port() { echo $((PORT + $1)); }

# A process that is there and not a zombie (a killed node is reaped by whoever adopted it, maybe late).
alive() { [ -r "/proc/$1/stat" ] && [ "$(sed 's/^.*) //' "/proc/$1/stat" | cut -c1)" != Z ]; }
running() { [ -f "$RUN/node-$1.pid" ] && alive "$(cat "$RUN/node-$1.pid")"; }

start_node() {
  local n=$1 port
  port=$(node_port "$n")
  running "$n" && { echo "cluster: node-$n is already running (pid $(cat "$RUN/node-$n.pid"))"; return 0; }
  mkdir -p "$RUN/node-$n"
  DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$DATABASE" REDIS_URL="redis://127.0.0.1:6379/0" NODE_ID="node-$n" \
    SECRET_KEY="$(cat "$RUN/secret.key")" ADMIN_PASSWORD="$ADMIN_PASSWORD" HOST=127.0.0.1 PORT="$port" DATA_DIR="$RUN/node-$n" \
    TRUSTED_PROXIES=127.0.0.1 DRAIN_SECONDS=2 nohup java -jar target/webtalk.jar >> "$RUN/node-$n.log" 2>&1 &
  echo $! > "$RUN/node-$n.pid"
  for _ in $(seq 1 150); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" && { echo "cluster: node-$n ready on 127.0.0.1:$port"; return 0; }
    running "$n" || { echo "cluster: node-$n exited:"; tail -5 "$RUN/node-$n.log"; exit 1; }
    sleep 0.2
  done
  echo "cluster: node-$n did not become ready (see $RUN/node-$n.log)"; exit 1
}

nginx_conf() {
  local servers=""
  for n in $(seq 1 "$NODES"); do servers+="        server 127.0.0.1:$(node_port "$n") max_fails=1 fail_timeout=5s;"$'\n'; done
  cat > "$RUN/nginx.conf" <<CONF
daemon on;
worker_processes 1;
worker_rlimit_nofile 8192;
pid $PWD/$RUN/nginx.pid;
error_log $PWD/$RUN/nginx-error.log warn;
events { worker_connections 4096; }  # a client holds two (itself and its node) and more while it upgrades
http {
    access_log off;
    client_body_temp_path $PWD/$RUN/body;
    proxy_temp_path $PWD/$RUN/proxy;
    fastcgi_temp_path $PWD/$RUN/fastcgi;
    uwsgi_temp_path $PWD/$RUN/uwsgi;
    scgi_temp_path $PWD/$RUN/scgi;
    map \$http_upgrade \$webtalk_connection { default upgrade; '' ''; }
    upstream webtalk {
$servers        keepalive 16;
    }
    server {
        listen 127.0.0.1:$PORT;
        client_max_body_size 80k;
        proxy_http_version 1.1;
        proxy_set_header Host \$http_host;
        proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        proxy_set_header Upgrade \$http_upgrade;
        proxy_set_header Connection \$webtalk_connection;
        proxy_read_timeout 75s;
        proxy_next_upstream error timeout http_502 http_503;
        # A session's request (?sid=) is never replayed on another node: a long-poll GET whose answer
        # the owner already gave to a node that died relaying it would be asked again, and the owner
        # would answer with what comes after (the lost packets a hole in a live session). Failing it
        # makes the client reconnect and catch up by ultimo_id instead (docs/cluster.md, Failover).
        location / {
            error_page 418 = @session;
            if (\$arg_sid) { return 418; }
            proxy_pass http://webtalk;
        }
        location @session {
            proxy_next_upstream off;
            proxy_pass http://webtalk;
        }
    }
}
CONF
}

case "${1:-}" in
  up)
    command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "cluster: nginx is missing: apt-get install -y nginx"; exit 2; }
    pg_isready -q -h 127.0.0.1 -p 5432 || { echo "cluster: PostgreSQL is not running on 127.0.0.1:5432"; exit 2; }
    [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ] || { echo "cluster: Redis is not running on 127.0.0.1:6379"; exit 2; }
    # (re)build when the jar is missing or older than the sources
    if [ ! -f target/webtalk.jar ] || [ -n "$(find src/main pom.xml -newer target/webtalk.jar -print -quit)" ]; then
      echo "cluster: building target/webtalk.jar"; mvn -q -DskipTests package
    fi
    [ -f "$RUN/secret.key" ] || head -c 32 /dev/urandom | base64 > "$RUN/secret.key"
    psql -q -h 127.0.0.1 -U postgres -d postgres -tc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'" | grep -q 1 \
      || psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $DATABASE" >/dev/null
    for n in $(seq 1 "$NODES"); do start_node "$n"; done
    nginx_conf
    /usr/sbin/nginx -c "$PWD/$RUN/nginx.conf"
    echo "cluster: up — http://127.0.0.1:$PORT/ (admin password: $ADMIN_PASSWORD), logs in $RUN/"
    ;;
  status)
    for n in $(seq 1 "$NODES"); do
      echo "node-$n: $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(node_port "$n")/health/ready" || true) $(curl -s "http://127.0.0.1:$(node_port "$n")/health/ready" || echo down)"
    done
    ;;
  kill)
    running "$2" || { echo "cluster: node-$2 is not running"; exit 1; }
    kill -9 "$(cat "$RUN/node-$2.pid")"
    for _ in $(seq 1 50); do running "$2" || break; sleep 0.1; done  # gone, so that `start` may follow at once
    echo "cluster: node-$2 killed"
    ;;
  start) start_node "$2" ;;
  down)
    [ -f "$RUN/nginx.pid" ] && /usr/sbin/nginx -c "$PWD/$RUN/nginx.conf" -s stop 2>/dev/null || true
    pids=()
    for file in "$RUN"/node-*.pid; do [ -f "$file" ] && pids+=("$(cat "$file")") && rm -f "$file"; done
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done  # SIGTERM: each node drains, then exits
    # Wait for them (bounded): a node still running would write its presence back into Redis after the keys are gone.
    for _ in $(seq 1 100); do
      left=0; for pid in "${pids[@]}"; do alive "$pid" && left=1; done
      [ "$left" = 0 ] && break; sleep 0.2
    done
    for pid in "${pids[@]}"; do alive "$pid" && { echo "cluster: pid $pid did not stop in 20 s: kill -9"; kill -9 "$pid"; }; done
    if [ "${DROP:-0}" = 1 ]; then
      psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" >/dev/null
      redis-cli -h 127.0.0.1 --scan --pattern "webtalk:$DATABASE:*" | xargs -r redis-cli -h 127.0.0.1 del >/dev/null
    fi
    echo "cluster: down"
    ;;
  *) sed -n '2,12p' "$0"; exit 2 ;;
esac
