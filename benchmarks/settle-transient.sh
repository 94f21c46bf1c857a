#!/usr/bin/env bash
# Shows whether the measured window of the example's default bench opens before the server has settled: it benches
# the example (10,000 connections, 10 s window) with each `settle` of SETTLES, interleaved over the rounds, and prints
# per run the window's responses per second, second by second, the ratio of its first three seconds to the rest
# (medians; 1.00 is a flat window, well below 1 a window that opened inside a start-up transient), req/s, p99 and the
# median native RSS under load; then the medians per settle side by side.
#
# usage: benchmarks/settle-transient.sh [rounds=2]
#   SETTLES="3s 10s"   the settle times compared (allocbench.settle)
#   ALLOCATORS=system  the allocators benched in each bench (allocbench.allocators)
# Installs the plugin first (mvn install, tests skipped). Each bench of one allocator takes about a minute; loopback
# only.
set -euo pipefail

ROUNDS=${1:-2}
SETTLES=${SETTLES:-3s 10s}
ALLOCATORS=${ALLOCATORS:-system}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/target/settle-transient"
EXAMPLE="$ROOT/examples/hello-handler"
mkdir -p "$OUT"

echo "installing the plugin (mvn install, tests skipped)" >&2
(cd "$ROOT" && mvn -q -B install -DskipTests -Dinvoker.skip >&2)
mvn -q -B -f "$EXAMPLE/pom.xml" package -DskipTests >&2

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr)," \
  "$(java -version 2>&1 | head -1)"
echo "bench: examples/hello-handler, 10,000 connections, 10 s window, allocators $ALLOCATORS; settle $SETTLES;" \
  "$ROUNDS rounds, interleaved"
echo

ROWS="$OUT/runs.txt"
: >"$ROWS"
printf '%-6s %-6s %-10s %-62s %6s %8s %8s %12s\n' settle round allocator "window req/s, second by second" \
  "first3" "req/s" "p99 ms" "load native"
for round in $(seq 1 "$ROUNDS"); do
  for settle in $SETTLES; do
    dir="$OUT/result-$settle-$round"
    log="$OUT/bench-$settle-$round.log"
    rm -rf "$dir"
    # A failed check must not hide the figures: the gate and the validity rules are this script's to ignore.
    mvn -B -f "$EXAMPLE/pom.xml" allocator:bench -Dallocbench.settle="$settle" -Dallocbench.allocators="$ALLOCATORS" \
      -Dallocbench.outputDirectory="$dir" -Dallocbench.baseline.skip=true -Dallocbench.failOnInvalid=false \
      -Dallocbench.failOnViolation=false >"$log" 2>&1 || { echo "bench failed: $log" >&2; exit 1; }
    jq -r --arg s "$settle" --arg r "$round" '.runs[] | select(.load != null) |
        (.load.perSecond) as $p |
        ($p[0:3] | sort | .[1]) as $head |
        ($p[3:] | sort | if length % 2 == 1 then .[(length - 1) / 2] else (.[length / 2 - 1] + .[length / 2]) / 2 end)
          as $tail |
        [$s, $r, .allocator, ($p | map(tostring) | join(" ")),
         (if $tail > 0 then $head / $tail else 0 end), (.load.requestsPerSecond | floor),
         (.load.latencyMs.p99 | floor), (.summary.medianLoadNativeRssKb // 0)] | @tsv' \
      "$dir/results.json" >>"$ROWS"
    tail -n "$(jq '[.runs[] | select(.load != null)] | length' "$dir/results.json")" "$ROWS" |
      awk -F'\t' '{printf "%-6s %-6s %-10s %-62s %6.2f %8s %8s %9.1f MiB\n", $1, $2, $3, $4, $5, $6, $7, $8 / 1024}'
  done
done

median() { sort -g | awk '{a[NR] = $1} END {if (NR == 0) print "NA"; else if (NR % 2) print a[(NR + 1) / 2];
                                             else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo
echo "medians per settle (first three seconds / the rest, req/s, p99 ms):"
for a in ${ALLOCATORS//,/ }; do
  for settle in $SETTLES; do
    first3=$(awk -F'\t' -v s="$settle" -v a="$a" '$1 == s && $3 == a {print $5}' "$ROWS" | median)
    rate=$(awk -F'\t' -v s="$settle" -v a="$a" '$1 == s && $3 == a {print $6}' "$ROWS" | median)
    p99=$(awk -F'\t' -v s="$settle" -v a="$a" '$1 == s && $3 == a {print $7}' "$ROWS" | median)
    printf '%-10s settle %-5s first3 %5.2f   req/s %8.0f   p99 %6.0f ms\n' "$a" "$settle" "$first3" "$rate" "$p99"
  done
done
echo "logs and results: $OUT"
