#!/usr/bin/env bash
# Refreshes the browser build of the official socket.io-client served from the jar
# (src/main/resources/public/vendor). It is kept in the repository because no WebJar of
# socket.io-client 4.x is served from Maven Central here, and the server must build and run with
# only a JDK and Maven. Needs npm. Usage: tools/update-vendor.sh [version]
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:-4.8.1}"
work=$(mktemp -d)
(cd "$work" && npm pack "socket.io-client@$version" --silent >/dev/null && tar xzf socket.io-client-*.tgz)
rm -f src/main/resources/public/vendor/socket.io-*.min.js
cp "$work/package/dist/socket.io.min.js" "src/main/resources/public/vendor/socket.io-$version.min.js"
cp "$work/package/LICENSE" src/main/resources/public/vendor/socket.io-LICENSE.txt
rm -rf "$work"
echo "vendored socket.io-client $version; update the <script> tags in src/main/resources/public/*.html"
