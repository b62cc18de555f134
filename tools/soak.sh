#!/usr/bin/env bash
# Soak a running WebTalk: N clients in R rooms for M minutes at a rate, with random disconnects;
# checks every delivery against the store at the end (0 lost, 0 duplicated, order kept).
# Usage: tools/soak.sh URL ADMIN_PASSWORD [clients=50] [rooms=5] [minutes=1] [msgs/s per client=1] [drops/min per client=2]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" webtalk.soak.Soak "$@"
