#!/usr/bin/env bash
# Drives ONE forked server (system allocator, built-in JSON handler, -Xms2g -Xmx2g) with the plugin's load generator,
# wrk and autocannon, interleaved (ours, wrk, autocannon, ours, ...), and prints per run and as medians per tool:
# req/s in the measured window, connections held, errors, the tool's CPU in the window and over its whole process,
# CPU milliseconds per 1,000 responses and responses per CPU-second in the window, max RSS; then the ratios against
# the targets (ours/wrk >= 1.0 and ours/autocannon >= 1.5 in req/s, ours/wrk <= 1.5 in CPU per 1,000 responses).
#
# usage: benchmarks/loadgen-vs-peers.sh [connections=10000] [seconds=10] [rounds=3]
#   TOOLS="ours"  runs only some of the tools (e.g. at 50,000 connections, which wrk and autocannon cannot open from
#                 one source address); the open-file limit is raised to what the connections need where root may.
#   SOURCES=N     has ours spread its connections over N loopback source addresses (127.0.0.1, 127.0.0.2, ...);
#                 0, the default, takes as few as the port range allows, as the plugin does.
#   SYSCALLS=1    after the rounds, runs each tool once more, not counted, and counts its system calls per request
#                 written with `perf trace -s` over CENSUS (4) seconds inside its window (all threads); perf's
#                 tracing slows the tool, so that run's rate is not a figure.
#
# The window. The server counts the requests it answers (CountingJsonHandler, a test class wrapping the built-in
# JSON handler) and tells the count at /allocbench-count. wrk and autocannon run for LEAD (3 s, to connect) + the
# window + TAIL (3 s); the script reads the tool's CPU time (/proc/<pid>/stat) and the server's count at the window's
# two edges, so their connecting and their last seconds are outside it. Our generator reads its own /proc/self/stat at
# its window's edges (after its warm-up, ramp and settle time) and counts its responses in the window itself; it runs
# exactly as the plugin runs it: a JVM of its own with the plugin's default generator JVM options (LoadMain
# --print-jvm-options), an unmeasured warm-up of WARMUP (default 5s) at 200 connections, the ramp, a settle time
# SETTLE (default 3s, as long as the peers' LEAD, unmeasured), then the window. Whole-process CPU and max RSS come
# from /usr/bin/time and include each tool's start (for ours: the JVM's start, the warm-up, ramp and settle time).
# The server is warmed up first (wrk, 100 connections, 10 s, not counted) so that no tool pays for its JIT.
# Loopback only. Installs wrk (apt-get) and autocannon (npm, into ~/.cache/allocbench/peers) when missing.
# The server is stopped at the end whatever happens.
set -euo pipefail

CONNECTIONS=${1:-10000}
SECONDS_PER_RUN=${2:-10}
ROUNDS=${3:-3}
TOOLS=${TOOLS:-ours wrk autocannon}
SOURCES=${SOURCES:-0}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/target/loadgen-vs-peers"
PEERS=${ALLOCBENCH_PEER_TOOLS:-$HOME/.cache/allocbench/peers}
WARMUP=${WARMUP:-5s}
SETTLE=${SETTLE:-3s}
SYSCALLS=${SYSCALLS:-0}
CENSUS=4
LEAD=3
TAIL=3
RUN_TIMEOUT=$((SECONDS_PER_RUN + 180))
CLK_TCK=$(getconf CLK_TCK)
mkdir -p "$OUT"

log() { printf '%s\n' "$*" >&2; }
has_tool() { [[ " $TOOLS " == *" $1 "* ]]; }

# --- tools ----------------------------------------------------------------------------------------------------------
if has_tool wrk && ! command -v wrk >/dev/null; then
  log "installing wrk (apt-get)"
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q wrk >&2; else sudo apt-get install -y -q wrk >&2; fi
fi
AUTOCANNON=$(command -v autocannon || true)
if has_tool autocannon && [ -z "$AUTOCANNON" ]; then
  AUTOCANNON="$PEERS/node_modules/.bin/autocannon"
  if [ ! -x "$AUTOCANNON" ]; then
    log "installing autocannon (npm) into $PEERS"
    mkdir -p "$PEERS"
    npm install --no-audit --no-fund --prefix "$PEERS" autocannon >&2
  fi
fi

# --- build ----------------------------------------------------------------------------------------------------------
if [ ! -f "$ROOT/target/test-classes/io/github/allocbench/load/CountingJsonHandler.class" ] \
   || [ ! -s "$OUT/classpath.txt" ] || [ -n "$(find "$ROOT/src" -newer "$OUT/classpath.txt" -print -quit)" ]; then
  log "building the plugin and its test classes (mvn test-compile)"
  (cd "$ROOT" && mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=runtime \
      -Dmdep.outputFile="$OUT/classpath.txt" >&2)
fi
# StandaloneServer and CountingJsonHandler serve only this script, so they live with the test classes.
CP="$ROOT/target/classes:$ROOT/target/test-classes:$(cat "$OUT/classpath.txt")"
read -r -a GENERATOR_JVM_OPTIONS <<<"$(java -cp "$CP" io.github.allocbench.child.LoadMain --print-jvm-options \
  --connections "$CONNECTIONS")"
WARMUP_CONNECTIONS=$((CONNECTIONS < 200 ? CONNECTIONS : 200))

# --- open files -----------------------------------------------------------------------------------------------------
# Each side of a connection is a file descriptor: the server and the tool each need one per connection plus some.
NEEDED_FILES=$((CONNECTIONS + 1024))
if [ "$(ulimit -Hn)" != unlimited ] && [ "$(ulimit -Hn)" -lt "$NEEDED_FILES" ]; then
  ulimit -Hn "$NEEDED_FILES" 2>/dev/null || {
    log "$CONNECTIONS connections need an open-file limit of $NEEDED_FILES for the server and for the tool; the" \
        "hard limit here is $(ulimit -Hn), and raising it takes root with CAP_SYS_RESOURCE (ulimit -Hn, systemd" \
        "LimitNOFILE, limits.conf, docker run --ulimit nofile=N:N)."
    exit 1
  }
fi
# Every tool gets the hard limit (a JVM raises its own; wrk and node do not).
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

java -Dallocbench.handler=io.github.allocbench.load.CountingJsonHandler -cp "$CP" \
  io.github.allocbench.load.StandaloneServer system "$OUT/server.log" \
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
# Samples the connections established to the server once a second; "held" is the fewest seen in the window's
# seconds for wrk and autocannon, and what ours reports for itself.
sample_connections() {
  local file=$1
  : >"$file"
  while true; do
    ss -Htn state established "( sport = :$PORT )" 2>/dev/null | wc -l >>"$file"
    sleep 1
  done
}

answered() { curl -sf --max-time 5 "${URL}allocbench-count"; }
# CPU seconds (user + system, all threads) of process $1 so far.
cpu_of() { awk -v hz="$CLK_TCK" '{sub(/.*\) /, ""); printf "%.2f", ($12 + $13) / hz}' "/proc/$1/stat"; }
# The tool under /usr/bin/time and timeout: the grandchild of $1, once it has started.
tool_pid() {
  local child
  for _ in $(seq 1 50); do
    child=$(pgrep -P "$1" | head -1 || true)
    [ -n "$child" ] && pgrep -P "$child" | head -1 && return 0
    sleep 0.1
  done
  return 1
}

# run <tool> <round>: prints "tool round rps held errors window_cpu_s total_cpu_s max_rss_kb window_responses"
run() {
  local tool=$1 round=$2 out="$OUT/$1-$2.out" timing="$OUT/$1-$2.time" held="$OUT/$1-$2.held"
  local rps errors window_cpu responses held_min
  if [ "$tool" = ours ]; then
    sample_connections "$held" &
    SAMPLER_PID=$!
    /usr/bin/time -v -o "$timing" timeout "$RUN_TIMEOUT" java "${GENERATOR_JVM_OPTIONS[@]}" -cp "$CP" \
      io.github.allocbench.child.LoadMain --port "$PORT" --connections "$CONNECTIONS" \
      --duration "${SECONDS_PER_RUN}s" --warmup "$WARMUP" --warmup-connections "$WARMUP_CONNECTIONS" \
      --settle "$SETTLE" --sources "$SOURCES" >"$out" 2>&1 || true
    rps=$(sed -n 's/.* rps=\([0-9.]*\).*/\1/p' "$out")
    errors=$(sed -n 's/.* errors=\([0-9]*\).*/\1/p' "$out")
    held_min=$(sed -n 's/.* held=\([0-9]*\).*/\1/p' "$out")
    window_cpu=$(sed -n 's/.* windowCpuSeconds=\([0-9.-]*\).*/\1/p' "$out")
    responses=$(awk -v r="${rps:-0}" -v s="$SECONDS_PER_RUN" 'BEGIN {printf "%.0f", r * s}')
  else
    local runfor=$((SECONDS_PER_RUN + LEAD + TAIL)) timer pid c0 c1 t0 t1 n0 n1
    case $tool in
      wrk)
        /usr/bin/time -v -o "$timing" timeout "$RUN_TIMEOUT" wrk -t2 -c"$CONNECTIONS" -d"${runfor}s" \
          "$URL" >"$out" 2>&1 & ;;
      autocannon)
        /usr/bin/time -v -o "$timing" timeout "$RUN_TIMEOUT" "$AUTOCANNON" -c "$CONNECTIONS" -d "$runfor" \
          -j "$URL" >"$out" 2>"$out.err" & ;;
    esac
    timer=$!
    if ! pid=$(tool_pid "$timer"); then
      log "$tool did not start"
      wait "$timer" || true
      echo "$tool $round 0 0 NA 0 0 0 0"
      return
    fi
    sleep "$LEAD"
    sample_connections "$held" &
    SAMPLER_PID=$!
    # The CPU time is read first: the count's request waits behind the requests in flight (up to a second or
    # two at 10,000 connections), alike at both edges, so that its window has the same length, shifted by it.
    t0=$(date +%s.%N); c0=$(cpu_of "$pid"); n0=$(answered)
    sleep "$SECONDS_PER_RUN"
    t1=$(date +%s.%N); c1=$(cpu_of "$pid"); n1=$(answered)
    wait "$timer" || true
    responses=$((n1 - n0))
    rps=$(awk -v n="$responses" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", n / (b - a)}')
    window_cpu=$(awk -v a="$c0" -v b="$c1" 'BEGIN {printf "%.2f", b - a}')
    case $tool in
      wrk)
        errors=$(awk '/Socket errors:/ {gsub(",", ""); s += $4 + $6 + $8 + $10} /Non-2xx or 3xx/ {s += $NF}
                      END {print s + 0}' "$out") ;;
      autocannon)
        errors=$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
                          console.log(r.errors + r.timeouts + r.non2xx)' "$out" 2>/dev/null || true) ;;
    esac
  fi
  kill "$SAMPLER_PID" 2>/dev/null || true
  wait "$SAMPLER_PID" 2>/dev/null || true
  SAMPLER_PID=""
  # The sampler's first and last readings may fall outside the window; the rest are inside it.
  [ "$tool" = ours ] || held_min=$(sed '1d;$d' "$held" | sort -n | head -1)
  local user sys rss
  user=$(awk -F': ' '/User time/ {print $2}' "$timing")
  sys=$(awk -F': ' '/System time/ {print $2}' "$timing")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$timing")
  printf '%s %s %s %s %s %s %s %s %s\n' "$tool" "$round" "${rps:-0}" "${held_min:-0}" "${errors:-NA}" \
    "${window_cpu:--1}" "$(awk -v u="${user:-0}" -v s="${sys:-0}" 'BEGIN {printf "%.2f", u + s}')" "${rss:-0}" \
    "${responses:-0}"
}

# census <tool>: one more run of the tool, not counted; `perf trace -s` counts the system calls of all its threads
# over CENSUS seconds inside its window. Every tool writes each request with one call (write, writev, sendmsg or
# sendto: a GET of a hundred bytes, no pipelining), so the calls are counted per request written; the server's count
# cannot bound a few seconds as sharply, its request waits behind those in flight. Prints one line: the tool, the
# requests written, then "syscall calls-per-request (failed-per-request)" for each call made at least once per 100.
census() {
  local tool=$1 out="$OUT/census-$1.out" trace="$OUT/census-$1.trace" timer pid delay n0 n1
  case $tool in
    ours)
      [[ $WARMUP =~ ^[0-9]+s$ && $SETTLE =~ ^[0-9]+s$ ]] || { log "the census needs WARMUP and SETTLE in whole" \
        "seconds (e.g. 5s), not $WARMUP and $SETTLE"; return; }
      # The window opens after the JVM's start, the warm-up, the ramp and the settle time; 4 s is left for the start
      # and the ramp, and the window (SECONDS_PER_RUN) outlasts the count.
      timeout "$RUN_TIMEOUT" java "${GENERATOR_JVM_OPTIONS[@]}" -cp "$CP" io.github.allocbench.child.LoadMain \
        --port "$PORT" --connections "$CONNECTIONS" --duration "$((CENSUS + 6))s" --warmup "$WARMUP" \
        --warmup-connections "$WARMUP_CONNECTIONS" --settle "$SETTLE" --sources "$SOURCES" >"$out" 2>&1 &
      timer=$!
      delay=$(($(sed 's/s$//' <<<"$WARMUP") + $(sed 's/s$//' <<<"$SETTLE") + 4)) ;;
    wrk)
      timeout "$RUN_TIMEOUT" wrk -t2 -c"$CONNECTIONS" -d"$((LEAD + CENSUS + 4))s" "$URL" >"$out" 2>&1 &
      timer=$!
      delay=$((LEAD + 2)) ;;
    autocannon)
      timeout "$RUN_TIMEOUT" "$AUTOCANNON" -c "$CONNECTIONS" -d "$((LEAD + CENSUS + 4))" -j "$URL" >"$out" 2>&1 &
      timer=$!
      delay=$((LEAD + 2)) ;;
  esac
  # timeout's child is the tool itself.
  for _ in $(seq 1 50); do pid=$(pgrep -P "$timer" | head -1 || true); [ -n "$pid" ] && break; sleep 0.1; done
  if [ -z "$pid" ]; then
    log "$tool did not start for the census"
    wait "$timer" || true
    return
  fi
  sleep "$delay"
  perf trace -s -m 8M -p "$pid" -o "$trace" -- sleep "$CENSUS" >/dev/null 2>&1 || log "perf trace failed for $tool"
  wait "$timer" || true
  local calls="$OUT/census-$1.calls" n
  awk '$1 ~ /^[a-z_0-9]+$/ && $2 ~ /^[0-9]+$/ && $3 ~ /^[0-9]+$/ && NF >= 8 {calls[$1] += $2; errs[$1] += $3}
       END {for (c in calls) print c, calls[c], errs[c]}' "$trace" >"$calls"
  n=$(awk '$1 ~ /^(write|writev|sendmsg|sendto)$/ {s += $2 - $3} END {print s + 0}' "$calls")
  printf '%-10s  %9d  %s\n' "$tool" "$n" "$(awk -v n="$n" 'n > 0 && $2 / n >= 0.01 {
           printf "%.2f %s %.2f\n", $2 / n, $1, $3 / n}' "$calls" | sort -gr |
    awk '{printf "%s%s %s%s", (NR > 1 ? ", " : ""), $2, $1, ($3 > 0 ? " (" $3 " failed)" : "")}')"
}

echo "machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
  "$(awk '/cpu MHz/ {printf "%.0f MHz", $4; exit}' /proc/cpuinfo))," \
  "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr)," \
  "$(java -version 2>&1 | head -1)$(has_tool wrk && echo ", wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')")$(
  has_tool autocannon && echo ", autocannon $("$AUTOCANNON" --version 2>/dev/null | head -1)")"
echo "server: pid $SERVER_PID on 127.0.0.1:$PORT, system allocator, JsonApiHandler counted by CountingJsonHandler," \
  "-Xms2g -Xmx2g, 64 threads"
echo "load: $CONNECTIONS connections, ${SECONDS_PER_RUN}s window per run, $ROUNDS rounds interleaved ($TOOLS);" \
  "open-file limit $(ulimit -n)"
has_tool ours && echo "our generator: java ${GENERATOR_JVM_OPTIONS[*]}, warm-up $WARMUP at $WARMUP_CONNECTIONS" \
  "connections and settle $SETTLE before its window"
echo "peers: started ${LEAD}s before the window, which the server's count and /proc/<pid>/stat bound"
echo "warming the server up: wrk -t2 -c100 -d10s (not counted)"
if command -v wrk >/dev/null; then
  timeout 60 wrk -t2 -c100 -d10s "$URL" >"$OUT/server-warmup.out" 2>&1 || true
else
  WARM_CONNECTIONS=$((CONNECTIONS < 100 ? CONNECTIONS : 100))
  timeout 60 java "${GENERATOR_JVM_OPTIONS[@]}" -cp "$CP" io.github.allocbench.child.LoadMain --port "$PORT" \
    --connections "$WARM_CONNECTIONS" --duration 10s >"$OUT/server-warmup.out" 2>&1 || true
fi
sleep 2
echo
# window_cpu: the tool's CPU seconds in the window; ms/1k: window CPU milliseconds per 1,000 responses;
# req/cpu_s: responses per CPU-second in the window; total_cpu: the whole process, start included.
HEADER='%-10s  %5s  %9s  %6s  %6s  %10s  %7s  %9s  %9s  %10s\n'
printf "$HEADER" tool round req/s held errors window_cpu ms/1k req/cpu_s total_cpu max_rss_kb
RESULTS="$OUT/results.txt"
: >"$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  for tool in $TOOLS; do
    kill -0 "$SERVER_PID" 2>/dev/null || { log "the server died; see $OUT/server.log"; exit 1; }
    line=$(run "$tool" "$round")
    echo "$line" >>"$RESULTS"
    awk '{per = ($9 > 0 && $6 >= 0) ? 1000000 * $6 / $9 : -1; rpc = $6 > 0 ? $9 / $6 : 0
          printf "%-10s  %5s  %9.0f  %6s  %6s  %10.2f  %7.1f  %9.0f  %9.2f  %10s\n",
                 $1, $2, $3, $4, $5, $6, per, rpc, $7, $8}' <<<"$line"
    sleep 2   # let the server close the previous tool's connections
  done
done

echo
printf '%-10s  %12s  %6s  %7s  %14s  %15s  %12s  %8s\n' tool "median req/s" held errors "median ms/1k" \
  "median req/cpu_s" "median total" "max rss"
median() { sort -g | awk '{a[NR] = $1} END {if (NR == 0) print 0; else if (NR % 2) print a[(NR + 1) / 2];
                                             else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
declare -A RPS PER
for tool in $TOOLS; do
  RPS[$tool]=$(awk -v t=$tool '$1 == t {print $3}' "$RESULTS" | median)
  held=$(awk -v t=$tool '$1 == t {print $4}' "$RESULTS" | median)
  errors=$(awk -v t=$tool '$1 == t {s += $5} END {print s + 0}' "$RESULTS")
  PER[$tool]=$(awk -v t=$tool '$1 == t && $9 > 0 && $6 >= 0 {print 1000000 * $6 / $9}' "$RESULTS" | median)
  rpc=$(awk -v t=$tool '$1 == t && $6 > 0 {print $9 / $6}' "$RESULTS" | median)
  total=$(awk -v t=$tool '$1 == t {print $7}' "$RESULTS" | median)
  rss=$(awk -v t=$tool '$1 == t && $8 > m {m = $8} END {printf "%.0f MiB", m / 1024}' "$RESULTS")
  printf '%-10s  %12.0f  %6s  %7s  %14.1f  %15.0f  %12s  %8s\n' "$tool" "${RPS[$tool]}" "$held" "$errors" \
    "${PER[$tool]}" "$rpc" "$total" "$rss"
done
echo
if has_tool ours && has_tool wrk; then
  awk -v o="${RPS[ours]}" -v w="${RPS[wrk]}" -v po="${PER[ours]}" -v pw="${PER[wrk]}" 'BEGIN {
    printf "ratio req/s ours/wrk = %.2f (target >= 1.0); CPU per 1,000 responses ours/wrk = %.2f (target <= 1.5)\n",
      (w > 0 ? o / w : 0), (pw > 0 ? po / pw : 0) }'
fi
if has_tool ours && has_tool autocannon; then
  awk -v o="${RPS[ours]}" -v a="${RPS[autocannon]}" 'BEGIN {
    printf "ratio req/s ours/autocannon = %.2f (target >= 1.5)\n", (a > 0 ? o / a : 0) }'
fi
if has_tool ours; then
  echo "ours spread its connections over $(for round in $(seq 1 "$ROUNDS"); do
    sed -n 's/.* sources=\([0-9]*\).*/\1/p' "$OUT/ours-$round.out"; done | sort -u | paste -sd/)" \
    "loopback source address(es) (127.0.0.1, 127.0.0.2, ...)"
fi
if [ "$SYSCALLS" = 1 ]; then
  command -v perf >/dev/null || { log "SYSCALLS=1 needs perf (Debian: apt-get install linux-perf)"; exit 1; }
  echo
  echo "system calls per request, ${CENSUS}s inside one more window per tool under perf trace (not counted above):"
  printf '%-10s  %9s  %s\n' tool requests "calls per request written"
  for tool in $TOOLS; do
    census "$tool"
    sleep 2
  done
fi
echo "raw outputs: $OUT"
