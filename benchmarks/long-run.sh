#!/usr/bin/env bash
# Shows that the plugin's own memory and open files stay bounded over a long bench: one run of the example handler
# with a long load window sampled every 50 ms, while the Maven JVM's RSS and open file descriptors are read every
# 5 s. Prints the series, then how RSS and descriptors at the end of the load compare with their start.
# Usage: benchmarks/long-run.sh [duration, default 60s] [connections, default 2000]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-60s}
connections=${2:-2000}
out=target/long-run
mkdir -p "$out"

mvn -B -q install -DskipTests -Dinvoker.skip
mvn -B -f examples/hello-handler/pom.xml verify -Dallocbench.allocators=system -Dallocbench.duration="$duration" \
  -Dallocbench.sampleInterval=50ms -Dallocbench.connections="$connections" -Dallocbench.cooldown=5s \
  -Dallocbench.outputDirectory="$PWD/$out/bench" > "$out/maven.log" 2>&1 &
maven=$!
trap 'kill "$maven" 2>/dev/null || true' EXIT

printf '%6s  %12s  %8s  %s\n' "t (s)" "Maven RSS" "Maven fds" "last progress line"
t=0
rows=()
# Bounded: the loop ends with the Maven process, and at the latest after an hour.
while kill -0 "$maven" 2>/dev/null && [ "$t" -lt 3600 ]; do
  rss=$(awk '/^VmRSS/{print $2}' "/proc/$maven/status" 2>/dev/null || true)
  fds=$(ls "/proc/$maven/fd" 2>/dev/null | wc -l || true)
  progress=$(grep -oE '\[system\] [0-9]+/[0-9]+ s .*' "$out/maven.log" | tail -1 || true)
  if [ -n "$rss" ]; then
    printf '%6d  %9d KiB  %8d  %s\n' "$t" "$rss" "$fds" "$progress"
    # Only rows inside the window: after its last second the connections are closed.
    if [[ "$progress" =~ \]\ ([0-9]+)/([0-9]+)\ s ]] && [ "${BASH_REMATCH[1]}" -lt "${BASH_REMATCH[2]}" ]; then
      rows+=("$rss $fds")
    fi
  fi
  sleep 5
  t=$((t + 5))
done
wait "$maven" || { echo "the bench failed; see $out/maven.log" >&2; exit 1; }
trap - EXIT

samples=$(grep -c '' "$out/bench/samples.csv")
echo
echo "samples written: $((samples - 1)) (one every 50 ms); results: $out/bench/results.json"
if [ "${#rows[@]}" -ge 2 ]; then
  read -r rss0 fds0 <<< "${rows[0]}"
  read -r rss1 fds1 <<< "${rows[${#rows[@]}-1]}"
  awk -v a="$rss0" -v b="$rss1" -v c="$fds0" -v d="$fds1" -v n="$connections" 'BEGIN {
    printf "Maven RSS during the load: first %d KiB, last %d KiB, ratio last/first %.2f\n", a, b, b / a
    printf "Maven open files during the load: first %d, last %d (connections %d), ratio last/first %.2f\n", c, d, n, d / c
  }'
fi
