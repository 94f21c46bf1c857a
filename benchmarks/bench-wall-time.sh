#!/usr/bin/env bash
# Times the default bench of the example (3 allocators, default settings, README's main command) with the next run's
# server started during each cooldown (startNextDuringCooldown=true, the default) and without (false), interleaved
# (true, false, true, false, ...), and prints per bench: its wall time (from the bench goal's first log line to its
# last) and, per allocator, what the cooldown measured: native RSS retained at the end of the cooldown, native RSS 5 s
# into it, peak native RSS and req/s; then the medians per setting and allocator side by side, and the ratio of the
# wall times. The two settings must agree on what the cooldown measured for the overlap to be harmless.
#
# usage: benchmarks/bench-wall-time.sh [rounds=2]
# Installs the plugin first (mvn install, tests skipped). Each bench takes 1.5 to 2 minutes; loopback only.
set -euo pipefail

ROUNDS=${1:-2}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/target/bench-wall-time"
EXAMPLE="$ROOT/examples/hello-handler"
mkdir -p "$OUT"

echo "installing the plugin (mvn install, tests skipped)" >&2
(cd "$ROOT" && mvn -q -B install -DskipTests -Dinvoker.skip >&2)
# The example's own build, once, so that no timed bench compiles.
mvn -q -B -f "$EXAMPLE/pom.xml" package -DskipTests >&2

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr)," \
  "$(java -version 2>&1 | head -1)"
echo "bench: examples/hello-handler, default settings (system, jemalloc, mimalloc; 10,000 connections; 10 s window;" \
  "10 s cooldown); $ROUNDS rounds, interleaved"
echo

# bench <overlap> <round>: runs one bench; prints "overlap round wall_s" and a line per run to $OUT/runs.txt
ROWS="$OUT/runs.txt"
WALLS="$OUT/walls.txt"
: >"$ROWS"
: >"$WALLS"
bench() {
  local overlap=$1 round=$2 log="$OUT/bench-$1-$2.log" dir="$OUT/result-$1-$2"
  rm -rf "$dir"
  mvn -B -f "$EXAMPLE/pom.xml" allocator:bench -Dallocbench.startNextDuringCooldown="$overlap" \
    -Dallocbench.outputDirectory="$dir" -Dorg.slf4j.simpleLogger.showDateTime=true \
    -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS >"$log" 2>&1 || { echo "bench failed: $log" >&2; exit 1; }
  # From the goal's first line to the report's line: the bench itself, without Maven's start.
  local wall
  wall=$(awk '/allocator-maven-plugin:.*:bench/ {s = $1} /\[INFO\] Report: / {e = $1}
              function sec(t,  p) {split(t, p, ":"); return p[1] * 3600 + p[2] * 60 + p[3]}
              END {printf "%.1f", sec(e) - sec(s)}' "$log")
  echo "$overlap $round $wall" >>"$WALLS"
  jq -r --arg o "$overlap" --arg r "$round" '.runs[] | [$o, $r, .allocator, (if .cooldownShared == null then "null" else .cooldownShared end),
      (.summary.retainedNativeRssKb // "NA"), ([.summary.afterLoad[]? | select(.afterMs == 5000) | .nativeRssKb][0] // "NA"),
      (.summary.peakNativeRssKb // "NA"), (.load.requestsPerSecond // 0 | floor)] | @tsv' \
    "$dir/results.json" >>"$ROWS"
  printf '%-6s %5s  wall %6.1f s\n' "$overlap" "$round" "$wall"
}

for round in $(seq 1 "$ROUNDS"); do
  for overlap in true false; do
    bench "$overlap" "$round"
  done
done

echo
printf '%-8s %-6s %-10s %8s %18s %16s %16s %9s\n' overlap round allocator shared "retained native" \
  "native at +5 s" "peak native" "req/s"
awk -F'\t' '{printf "%-8s %-6s %-10s %8s %15s kB %13s kB %13s kB %9s\n", $1, $2, $3, $4, $5, $6, $7, $8}' "$ROWS"

median() { sort -g | awk '{a[NR] = $1} END {if (NR == 0) print "NA"; else if (NR % 2) print a[(NR + 1) / 2];
                                             else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo
echo "medians (retained native RSS at the end of the cooldown, native RSS 5 s into it, in MiB):"
printf '%-10s %22s %22s\n' allocator "overlap true: retained/+5s" "false: retained/+5s"
for allocator in $(awk -F'\t' '{print $3}' "$ROWS" | awk '!seen[$0]++'); do
  cells=()
  for overlap in true false; do
    retained=$(awk -F'\t' -v o="$overlap" -v a="$allocator" '$1 == o && $3 == a && $5 != "NA" {print $5 / 1024}' \
      "$ROWS" | median)
    plus5=$(awk -F'\t' -v o="$overlap" -v a="$allocator" '$1 == o && $3 == a && $6 != "NA" {print $6 / 1024}' \
      "$ROWS" | median)
    cells+=("$(printf '%.1f / %.1f' "$retained" "$plus5")")
  done
  printf '%-10s %22s %22s\n' "$allocator" "${cells[0]}" "${cells[1]}"
done
on=$(awk '$1 == "true" {print $3}' "$WALLS" | median)
off=$(awk '$1 == "false" {print $3}' "$WALLS" | median)
echo
echo "median wall time of the bench: $on s with startNextDuringCooldown=true, $off s with false;" \
  "ratio true/false = $(awk -v a="$on" -v b="$off" 'BEGIN {printf "%.2f", a / b}') (target: true <= 90 s)"
echo "logs and results: $OUT"
