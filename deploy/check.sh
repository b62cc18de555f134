#!/usr/bin/env bash
# Checks the shipped deployment files with the tools that will read them, without a running systemd
# or a running nginx: `systemd-analyze verify` on the units (in a throwaway root holding the units,
# a stub start script and the distribution's own systemd units) and `nginx -t` on the site rendered
# into a throwaway nginx.conf with a self-signed certificate. Fast (about a second); CI runs it
# before `mvn verify`. Needs systemd (for systemd-analyze), nginx and openssl.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() { echo "deploy/check: $*" >&2; exit 1; }
for tool in systemd-analyze nginx openssl; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || fail "$tool is missing (apt-get install systemd nginx openssl)"
done
PATH="$PATH:/usr/sbin"

# --- systemd: the units as they will be installed, in a root of their own -------------------------
root="$work/root"
mkdir -p "$root/etc/systemd/system" "$root/usr/lib/systemd" "$root/opt/webtalk/bin" "$root/opt/webtalk/lib"
cp -r /usr/lib/systemd/system "$root/usr/lib/systemd/"          # targets the units refer to
printf '#!/bin/sh\nexec java -jar /opt/webtalk/lib/webtalk.jar\n' > "$root/opt/webtalk/bin/webtalk"
chmod 755 "$root/opt/webtalk/bin/webtalk"
mkdir -p "$root/bin" "$root/usr/bin"
for tool in /bin/sh /usr/bin/find; do cp "$tool" "$root$tool"; done  # the backup unit's commands
cp "$here"/systemd/webtalk*.service "$here"/systemd/webtalk*.timer "$here"/systemd/webtalk.socket "$root/etc/systemd/system/"
for unit in webtalk.socket webtalk.service webtalk-backup.service webtalk-backup.timer; do
  # verify's exit status misses some mistakes (an unknown key is only a warning): any output fails.
  out="$(systemd-analyze verify --root="$root" "$unit" 2>&1)" || fail "systemd-analyze verify $unit: $out"
  [ -z "$out" ] || fail "systemd-analyze verify $unit: $out"
done
# sysusers/tmpfiles snippets: parsed by the real tools, applied to the throwaway root only.
mkdir -p "$root/etc/sysusers.d" "$root/etc/tmpfiles.d"
touch "$root/etc/passwd" "$root/etc/group" "$root/etc/shadow" "$root/etc/gshadow"
cp "$here/systemd/webtalk.sysusers" "$root/etc/sysusers.d/webtalk.conf"
cp "$here/systemd/webtalk.tmpfiles" "$root/etc/tmpfiles.d/webtalk.conf"
systemd-sysusers --root="$root" >/dev/null 2>&1 || fail "systemd-sysusers rejects webtalk.sysusers: $(systemd-sysusers --root="$root" 2>&1)"
grep -q '^webtalk:' "$root/etc/passwd" || fail "webtalk.sysusers created no webtalk user"
out="$(systemd-tmpfiles --root="$root" --create 2>&1)" || fail "systemd-tmpfiles rejects webtalk.tmpfiles: $out"
[ -d "$root/var/backups/webtalk" ] || fail "webtalk.tmpfiles created no /var/backups/webtalk"
score="$(systemd-analyze security --offline=yes --root="$root" webtalk.service 2>/dev/null | tail -1 | sed 's/.*: //' || true)"
echo "deploy/check: systemd units verify (webtalk.service exposure ${score:-unknown}, systemd-analyze security)"

# --- nginx: the site in a throwaway nginx.conf, with a self-signed certificate ----------------------
ngx="$work/nginx"
mkdir -p "$ngx/logs"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$ngx/key.pem" -out "$ngx/cert.pem" >/dev/null 2>&1 || fail "openssl could not make a test certificate"
# The placeholders a person edits (docs/deploy.md) are the ones rendered here.
sed -e "s|/etc/letsencrypt/live/chat.example.org/fullchain.pem|$ngx/cert.pem|" \
    -e "s|/etc/letsencrypt/live/chat.example.org/privkey.pem|$ngx/key.pem|" \
    -e "s|/etc/letsencrypt/live/chat.example.org/chain.pem|$ngx/cert.pem|" \
    "$here/nginx/webtalk.conf" > "$ngx/site.conf"
cat > "$ngx/nginx.conf" <<CONF
pid $ngx/nginx.pid;
error_log $ngx/logs/error.log;
events {}
http {
    access_log off;
    client_body_temp_path $ngx/body;
    proxy_temp_path $ngx/proxy;
    fastcgi_temp_path $ngx/fastcgi;
    uwsgi_temp_path $ngx/uwsgi;
    scgi_temp_path $ngx/scgi;
    include $ngx/site.conf;
}
CONF
# -t parses and loads everything (certificates included) without binding ports 80/443; a warning
# (a deprecated directive, a duplicate) fails the check as an error does.
out="$(nginx -t -p "$ngx" -c "$ngx/nginx.conf" 2>&1)" || fail "nginx -t: $out"
if grep -v -e 'syntax is ok' -e 'test is successful' <<<"$out" | grep -q .; then fail "nginx -t: $out"; fi
echo "deploy/check: nginx site passes nginx -t ($(nginx -v 2>&1 | sed 's/.*: //'))"
