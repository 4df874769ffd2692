#!/usr/bin/env bash
# Warm-up: how a new instance's speed grows under full load, from its first request. The
# JIT compiles the request path while the load runs, on the same cores, so an instance
# serves at a fraction of its speed for its first minutes; bench/run.sh waits JVM_WARMUP
# (150 s) for that before it measures.
#
#   bench/warmup.sh                                   # memory@25 and postgres@25, ~8 min
#   TARGETS="redis@25 h2@25" WINDOWS=8 bench/warmup.sh
#
# Knobs: TARGETS (as in bench/run.sh), WINDOWS (12), DURATION (15 s per window),
# CONNECTIONS (32 users), JAVA_OPTS (-XX:+UseParallelGC, and a fixed number of compiler
# threads so that none ends within a window), PEERS, APP_PORT (8081),
# REDIS_PORT (6390), PG_PORT (5441).
# Prints per target and window: seconds of load before it and since the JVM started (the
# pauses between windows, for the users' sign-in, let the JIT work on idle cores), the
# signed-in page's req/s, app CPU ms per page, and the CPU the JIT's compiler threads spent
# in it; then the first window that reaches 90 % of the last three windows' median.
set -u -o pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
PEERS="${PEERS:-$ROOT/../shared/bench/peers}"
TARGETS="${TARGETS:-memory@25 postgres@25}"
WINDOWS="${WINDOWS:-12}"
export DURATION="${DURATION:-15}" CONNECTIONS="${CONNECTIONS:-32}"
APP_PORT="${APP_PORT:-8081}" REDIS_PORT="${REDIS_PORT:-6390}" PG_PORT="${PG_PORT:-5441}"
export JAVA_OPTS="${JAVA_OPTS:--XX:+UseParallelGC -XX:-UseDynamicNumberOfCompilerThreads}"
OUT="$HERE/results/warmup-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

. "$HERE/lib.sh"

# CPU seconds (user + system) of the JVM's compiler threads so far.
jit_seconds() {  # pid
  thread_snapshot "$1" | awk -v hz="$(getconf CLK_TCK)" '$2 == "jit" { t += $3 } END { printf "%.1f", t / hz }'
}

[ -x "$PEERS/load.sh" ] || die "peers' harness not found at $PEERS (set PEERS)"
build_jar
[[ " $TARGETS " == *" redis"* ]] && start_redis
[[ " $TARGETS " == *" postgres"* ]] && start_postgres
for t in $TARGETS; do
  rm -rf "$OUT/h2"
  started=$(date +%s%N)
  start_java "$t" "$APP_PORT" "$OUT/$t.log"
  pid=$STARTED_PID
  redis=(); [[ "$t" == redis* ]] && redis=(REDIS_PORT="$REDIS_PORT")
  : >"$OUT/$t.tsv"
  for w in $(seq 1 "$WINDOWS"); do
    jit_before=$(jit_seconds "$pid")
    since_start=$(seconds_since "$started")
    # The functional check once, before the first window (load.sh's SMOKE=1).
    line=$(env LABEL="$t" WARMUP=0 SMOKE=$((w == 1)) SCENARIOS=home APP_PID="$pid" "${redis[@]}" \
      RESULTS_DIR="$OUT/$t-w$w" "$PEERS/load.sh" "http://127.0.0.1:$APP_PORT" SESSION | grep 'req/s') \
      || die "$t: the load failed in window $w (see $OUT/$t-w$w)"
    rps=$(grep -o '[0-9.]* req/s' <<<"$line" | cut -d' ' -f1)
    cpu=$(grep -o 'app=[0-9.NA]*' <<<"$line" | cut -d= -f2)
    jit=$(awk -v a="$jit_before" -v b="$(jit_seconds "$pid")" 'BEGIN { printf "%.1f", b - a }')
    printf '%s\t%d\t%s\t%s\t%s\t%s\n' "$t" $(((w - 1) * DURATION)) "$since_start" "$rps" "$cpu" "$jit" \
      | tee -a "$OUT/$t.tsv"
  done
  stop "$pid"
  python3 - "$OUT/$t.tsv" <<'EOF' | tee -a "$OUT/summary.txt"
import statistics, sys
rows = [line.split("\t") for line in open(sys.argv[1]).read().splitlines()]
rps = [float(r[3]) for r in rows]
full = statistics.median(rps[-3:])
start = next((i for i in range(len(rps)) if rps[i] >= 0.9 * full), None)
steady = (f"90 % of that first reached after {rows[start][1]} s of load ({rows[start][2]} s after the JVM started)"
          if start is not None else "never 90 % of that")
print(f"{rows[0][0]}: full speed {full:.0f} req/s (median of the last 3 windows); {steady}; "
      f"the first window served {rps[0] / full:.2f}x; JIT {sum(float(r[5]) for r in rows):.0f} s of CPU in all")
EOF
done
cleanup
log "done: $OUT"
