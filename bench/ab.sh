#!/usr/bin/env bash
# Before/after: WebTalk alone, two checkouts of it run alternately on the same machine, twice
# (all workloads, then the fan-out ones again), so a change is judged against the run-to-run
# noise of the same session rather than against figures from another day.
# Usage: bench/ab.sh BEFORE_DIR AFTER_DIR   (e.g. a `git worktree add /tmp/before <rev>` and this checkout)
# Each run's RESULT lines land in that checkout's bench/results/; its docs/benchmarks.md is rewritten
# with WebTalk alone, so restore it afterwards (git checkout docs/benchmarks.md docs/benchmarks-cpu.svg).
set -euo pipefail
before=$(cd "$1" && pwd)
after=$(cd "$2" && pwd)
for pair in 1 2; do
  workloads="fanout busy idle store"
  [ "$pair" = 2 ] && workloads="fanout busy"
  for tree in "$before" "$after"; do
    echo "ab: pair $pair, $tree, $(date -u +%H:%M:%S)"
    (cd "$tree" && BENCH_SERVERS=webtalk BENCH_WORKLOADS="$workloads" bash bench/run-all.sh "${SECONDS_PER_RUN:-20}" \
      | grep -E "^RESULT|^bench: results")
  done
done
