#!/usr/bin/env bash
# Lighthouse scores (performance, accessibility, best practices) and CLS of WebTalk's pages — lobby,
# room, admin (login and dashboard) and a room's projector screen — on mobile and desktop, against
# Debian's Chromium. Not part of CI (minutes, and the numbers depend on the machine's load).
#
#   tools/lighthouse.sh [pages…]      pages: lobby room projector admin-login admin (default: all)
#
# Installs npm `lighthouse` into tools/lighthouse/node_modules (from its lock; never into the server),
# builds target/webtalk.jar if it is missing, starts WebTalk on a free loopback port with a fresh
# DATA_DIR, seeds rooms and a conversation, runs Lighthouse once per page and form factor, prints a
# table and keeps the JSON reports in target/lighthouse/. Stops only the server it started.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOL=$ROOT/tools/lighthouse
OUT=$ROOT/target/lighthouse
CHROMIUM=${CHROME_PATH:-/usr/bin/chromium}
PAGES=("$@")
[ ${#PAGES[@]} -gt 0 ] || PAGES=(lobby room projector admin-login admin)

command -v node >/dev/null || { echo "node is missing: apt-get install -y nodejs npm" >&2; exit 1; }
[ -x "$CHROMIUM" ] || { echo "$CHROMIUM is missing: apt-get install -y chromium" >&2; exit 1; }
if [ ! -x "$TOOL/node_modules/.bin/lighthouse" ]; then
  (cd "$TOOL" && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ ! -f target/webtalk.jar ]; then
  mvn -q -DskipTests package
fi

DATA=$(mktemp -d /tmp/webtalk-lighthouse.XXXXXX)
SERVER=""
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$DATA"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ADMIN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
BASE=http://127.0.0.1:$PORT
HOST=127.0.0.1 PORT=$PORT DATA_DIR=$DATA ADMIN_PASSWORD=$ADMIN_PASSWORD ROOMS_PER_ADDRESS=0 \
  java -Xmx256m -jar target/webtalk.jar >"$DATA/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 120); do
  curl -fs "$BASE/health/ready" >/dev/null 2>&1 && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$DATA/server.log" >&2; exit 1; }
  sleep 0.5
done
curl -fs "$BASE/health/ready" >/dev/null || { echo "the server did not get ready" >&2; exit 1; }

ROOM=$(node "$TOOL/seed.mjs" "$BASE")
# The admin dashboard needs a session: its cookie goes with every request Lighthouse makes.
COOKIE=$(curl -fs -c - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"senha\":\"$ADMIN_PASSWORD\"}" "$BASE/api/admin/login" | sed 's/^#HttpOnly_//' | awk '!/^#/ && NF >= 7 { print $6 "=" $7 }' | tail -1)
[ -n "$COOKIE" ] || { echo "no admin session cookie" >&2; exit 1; }

rm -rf "$OUT" && mkdir -p "$OUT"
FLAGS="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking \
--disable-component-update --disable-sync --disable-extensions --no-first-run --disable-quic"
for page in "${PAGES[@]}"; do
  headers=()
  case $page in
    lobby) url=$BASE/ ;;
    room) url=$BASE/chat/$ROOM ;;
    projector) url=$BASE/sala/$ROOM/projetar ;;
    admin-login) url=$BASE/admin ;;
    admin) url=$BASE/admin; headers=(--extra-headers "{\"Cookie\":\"$COOKIE\"}") ;;
    *) echo "unknown page $page (lobby room projector admin-login admin)" >&2; exit 2 ;;
  esac
  for form in mobile desktop; do
    preset=()
    [ "$form" = desktop ] && preset=(--preset=desktop)
    echo "lighthouse $page ($form): $url" >&2
    # A second try when Lighthouse loses its trace (NO_NAVSTART and the like happen on a busy machine).
    for try in 1 2; do
      if CHROME_PATH=$CHROMIUM "$TOOL/node_modules/.bin/lighthouse" "$url" "${preset[@]}" "${headers[@]}" \
          --only-categories=performance,accessibility,best-practices --output=json \
          --output-path="$OUT/$page.$form.json" --chrome-flags="$FLAGS" --quiet; then
        break
      fi
      rm -f "$OUT/$page.$form.json"
      echo "lighthouse failed on $page ($form), try $try" >&2
    done
  done
done

echo
echo "WebTalk $(git describe --always --dirty 2>/dev/null || echo '?'), $(date -u +%Y-%m-%dT%H:%MZ), Lighthouse $("$TOOL/node_modules/.bin/lighthouse" --version), $("$CHROMIUM" --version 2>/dev/null)"
node "$TOOL/report.mjs" "$OUT"/*.json
