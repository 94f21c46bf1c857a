#!/usr/bin/env bash
# Drives ONE forked server (system allocator, built-in JSON handler, -Xms2g -Xmx2g) with the plugin's load generator,
# wrk and autocannon, interleaved (ours, wrk, autocannon, ours, ...), and prints per tool the median req/s,
# connections held, errors, the tool's own CPU seconds and max RSS, and the ratios ours/wrk and ours/autocannon.
#
# usage: benchmarks/loadgen-vs-peers.sh [connections=10000] [seconds=10] [rounds=2]
# The server is warmed up first (wrk, 100 connections, 10 s, not counted) so that no tool pays for its JIT. Our
# generator runs exactly as the plugin runs it: in a JVM of its own with the plugin's default generator JVM options
# (LoadMain --print-jvm-options), an unmeasured warm-up of WARMUP (default 5s) at 200 connections, then the ramp, the
# plugin's default settle time SETTLE (3s, unmeasured) and the measured run. Its CPU and RSS below are the whole
# process's: the JVM's start, the warm-up and the settle time included.
# Loopback only. Installs wrk (apt-get) and autocannon (npm, into ~/.cache/allocbench/peers) when missing.
# The server is stopped at the end whatever happens.
set -euo pipefail

CONNECTIONS=${1:-10000}
SECONDS_PER_RUN=${2:-10}
ROUNDS=${3:-2}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/target/loadgen-vs-peers"
TOOLS=${ALLOCBENCH_PEER_TOOLS:-$HOME/.cache/allocbench/peers}
WARMUP=${WARMUP:-5s}
SETTLE=${SETTLE:-3s}
RUN_TIMEOUT=$((SECONDS_PER_RUN + 180))
mkdir -p "$OUT"

log() { printf '%s\n' "$*" >&2; }

# --- tools ----------------------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  log "installing wrk (apt-get)"
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q wrk >&2; else sudo apt-get install -y -q wrk >&2; fi
fi
AUTOCANNON=$(command -v autocannon || true)
if [ -z "$AUTOCANNON" ]; then
  AUTOCANNON="$TOOLS/node_modules/.bin/autocannon"
  if [ ! -x "$AUTOCANNON" ]; then
    log "installing autocannon (npm) into $TOOLS"
    mkdir -p "$TOOLS"
    npm install --no-audit --no-fund --prefix "$TOOLS" autocannon >&2
  fi
fi

# --- build ----------------------------------------------------------------------------------------------------------
if [ ! -f "$ROOT/target/test-classes/io/github/allocbench/load/StandaloneServer.class" ] || [ ! -s "$OUT/classpath.txt" ] \
   || [ -n "$(find "$ROOT/src" -newer "$OUT/classpath.txt" -print -quit)" ]; then
  log "building the plugin and its test classes (mvn test-compile)"
  (cd "$ROOT" && mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=runtime \
      -Dmdep.outputFile="$OUT/classpath.txt" >&2)
fi
# StandaloneServer serves only this script, so it lives with the test classes.
CP="$ROOT/target/classes:$ROOT/target/test-classes:$(cat "$OUT/classpath.txt")"
read -r -a GENERATOR_JVM_OPTIONS <<<"$(java -cp "$CP" io.github.allocbench.child.LoadMain --print-jvm-options \
  --connections "$CONNECTIONS")"
WARMUP_CONNECTIONS=$((CONNECTIONS < 200 ? CONNECTIONS : 200))

# Every tool gets the hard open-file limit (a JVM raises its own; wrk and node do not).
ulimit -n "$(ulimit -Hn)"

# --- server ---------------------------------------------------------------------------------------------------------
HOST_PID=""
SERVER_PID=""
SAMPLER_PID=""
cleanup() {
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
  if [ -n "$HOST_PID" ] && kill -0 "$HOST_PID" 2>/dev/null; then
    kill "$HOST_PID" 2>/dev/null || true           # its shutdown hook stops the forked server
    for _ in $(seq 1 100); do kill -0 "$HOST_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$HOST_PID" 2>/dev/null || true
  fi
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

java -cp "$CP" io.github.allocbench.load.StandaloneServer system "$OUT/server.log" \
  -Xms2g -Xmx2g -XX:+AlwaysPreTouch -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError >"$OUT/server.out" 2>&1 &
HOST_PID=$!
for _ in $(seq 1 120); do
  grep -q '^allocbench-server ' "$OUT/server.out" 2>/dev/null && break
  kill -0 "$HOST_PID" 2>/dev/null || { cat "$OUT/server.out" >&2; exit 1; }
  sleep 0.5
done
LINE=$(grep '^allocbench-server ' "$OUT/server.out") || { log "server not ready after 60 s"; exit 1; }
PORT=$(sed -n 's/.*port=\([0-9]*\).*/\1/p' <<<"$LINE")
SERVER_PID=$(sed -n 's/.*pid=\([0-9]*\).*/\1/p' <<<"$LINE")
URL="http://127.0.0.1:$PORT/"

# --- one run --------------------------------------------------------------------------------------------------------
# Samples the connections established to the server once a second; "held" is the most seen.
sample_connections() {
  local file=$1
  : >"$file"
  while true; do
    ss -Htn state established "( sport = :$PORT )" 2>/dev/null | wc -l >>"$file"
    sleep 1
  done
}

# run <tool> <round>: prints "tool round rps held errors cpu_s max_rss_kb"
run() {
  local tool=$1 round=$2 out="$OUT/$1-$2.out" timing="$OUT/$1-$2.time" held="$OUT/$1-$2.held"
  sample_connections "$held" &
  SAMPLER_PID=$!
  case $tool in
    ours)
      /usr/bin/time -v -o "$timing" timeout "$RUN_TIMEOUT" java "${GENERATOR_JVM_OPTIONS[@]}" -cp "$CP" \
        io.github.allocbench.child.LoadMain --port "$PORT" --connections "$CONNECTIONS" \
        --duration "${SECONDS_PER_RUN}s" --warmup "$WARMUP" --warmup-connections "$WARMUP_CONNECTIONS" \
        --settle "$SETTLE" >"$out" 2>&1 || true ;;
    wrk)
      /usr/bin/time -v -o "$timing" timeout "$RUN_TIMEOUT" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" \
        "$URL" >"$out" 2>&1 || true ;;
    autocannon)
      /usr/bin/time -v -o "$timing" timeout "$RUN_TIMEOUT" "$AUTOCANNON" -c "$CONNECTIONS" -d "$SECONDS_PER_RUN" \
        -j "$URL" >"$out" 2>"$out.err" || true ;;
  esac
  kill "$SAMPLER_PID" 2>/dev/null || true
  wait "$SAMPLER_PID" 2>/dev/null || true
  SAMPLER_PID=""
  local rps errors
  case $tool in
    ours)
      # Responses in the measured window (after the ramp) over the window, as the plugin reports it.
      rps=$(sed -n 's/.* rps=\([0-9.]*\).*/\1/p' "$out")
      errors=$(sed -n 's/.* errors=\([0-9]*\).*/\1/p' "$out") ;;
    wrk)
      # Total over elapsed time, connecting included.
      rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
      errors=$(awk '/Socket errors:/ {gsub(",", ""); s += $4 + $6 + $8 + $10} /Non-2xx or 3xx/ {s += $NF}
                    END {print s + 0}' "$out") ;;
    autocannon)
      # Total over elapsed time, as wrk counts: autocannon's own average is over the one-second samples it
      # managed to take, which at 10,000 connections were only a few (2.7 of them gave a bogus 32,757 req/s here).
      rps=$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
                     console.log(r.requests.total / r.duration)' "$out" 2>/dev/null || true)
      errors=$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
                        console.log(r.errors + r.timeouts + r.non2xx)' "$out" 2>/dev/null || true) ;;
  esac
  local user sys rss
  user=$(awk -F': ' '/User time/ {print $2}' "$timing")
  sys=$(awk -F': ' '/System time/ {print $2}' "$timing")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$timing")
  printf '%s %s %s %s %s %s %s\n' "$tool" "$round" "${rps:-0}" "$(sort -n "$held" | tail -1)" "${errors:-NA}" \
    "$(awk -v u="${user:-0}" -v s="${sys:-0}" 'BEGIN {printf "%.2f", u + s}')" "${rss:-0}"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr)," \
  "$(java -version 2>&1 | head -1), wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), autocannon $("$AUTOCANNON" --version 2>/dev/null | head -1)"
echo "server: pid $SERVER_PID on 127.0.0.1:$PORT, system allocator, JsonApiHandler, -Xms2g -Xmx2g, 64 threads"
echo "load: $CONNECTIONS connections, ${SECONDS_PER_RUN}s per run, $ROUNDS rounds interleaved; open-file limit $(ulimit -n)"
echo "our generator: java ${GENERATOR_JVM_OPTIONS[*]}, warm-up $WARMUP at $WARMUP_CONNECTIONS connections and settle" \
  "$SETTLE per run"
echo "warming the server up: wrk -t2 -c100 -d10s (not counted)"
timeout 60 wrk -t2 -c100 -d10s "$URL" >"$OUT/server-warmup.out" 2>&1 || true
sleep 2
echo
echo "tool        round  req/s      held   errors  cpu_s  max_rss_kb"
RESULTS="$OUT/results.txt"
: >"$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  for tool in ours wrk autocannon; do
    kill -0 "$SERVER_PID" 2>/dev/null || { log "the server died; see $OUT/server.log"; exit 1; }
    line=$(run "$tool" "$round")
    echo "$line" >>"$RESULTS"
    awk '{printf "%-10s  %5s  %9.0f  %5s  %7s  %5s  %10s\n", $1, $2, $3, $4, $5, $6, $7}' <<<"$line"
    sleep 2   # let the server close the previous tool's connections
  done
done

echo
echo "tool        median req/s  median held  errors (all rounds)  median cpu_s  max rss"
median() { sort -g | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
declare -A MED
for tool in ours wrk autocannon; do
  rps=$(awk -v t=$tool '$1 == t {print $3}' "$RESULTS" | median)
  held=$(awk -v t=$tool '$1 == t {print $4}' "$RESULTS" | median)
  errors=$(awk -v t=$tool '$1 == t {s += $5} END {print s + 0}' "$RESULTS")
  cpu=$(awk -v t=$tool '$1 == t {print $6}' "$RESULTS" | median)
  rss=$(awk -v t=$tool '$1 == t && $7 > m {m = $7} END {printf "%.0f MiB", m / 1024}' "$RESULTS")
  MED[$tool]=$rps
  printf '%-10s  %12.0f  %11s  %19s  %12s  %7s\n' "$tool" "$rps" "$held" "$errors" "$cpu" "$rss"
done
echo
awk -v o="${MED[ours]}" -v w="${MED[wrk]}" -v a="${MED[autocannon]}" 'BEGIN {
  printf "ratio ours/wrk = %.2f (target >= 0.8), ours/autocannon = %.2f (target >= 1.2)\n",
    (w > 0 ? o / w : 0), (a > 0 ? o / a : 0) }'
echo "raw outputs: $OUT"
