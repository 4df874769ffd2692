#!/usr/bin/env bash
# A/B: several JVMs of this app (other settings, another jar, another store or Java release)
# measured in alternating windows, so that the machine's drift, which is larger than most
# changes worth trying, falls on all of them alike. Every JVM starts at once and is warmed
# in turn; then each round loads each JVM for one window while the others idle.
#
#   VARIANTS='redis@25
#   redis@25 --server.tomcat.threads.max=8
#   redis@25 jar=/tmp/other.jar' bench/ab.sh
#
# VARIANTS: one JVM per line: a target (as in bench/run.sh: memory, h2, redis or postgres,
# "@25" for Java 25), then application arguments; a word jar=PATH runs that jar instead of
# the one built here. Knobs: ROUNDS (4), DURATION (15 s per window), CONNECTIONS (32 users),
# JVM_WARMUP (150 s of the page's load per JVM before the first round), JAVA_OPTS, PEERS,
# APP_PORT (8081: the first JVM; the next ones count up), REDIS_PORT (6390), PG_PORT (5441).
# Prints per window (round, variant): req/s, p99 ms, app CPU ms per page, context switches
# per page, and the CPU ms per page of the app's thread groups (Tomcat's request threads,
# Lettuce's, the JIT's, the GC's, the rest; over the whole window, the users' sign-in before
# the load included); then per variant the median req/s and its ratio to the first variant,
# round by round.
set -u -o pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
PEERS="${PEERS:-$ROOT/../shared/bench/peers}"
VARIANTS="${VARIANTS:-memory@25
redis@25}"
ROUNDS="${ROUNDS:-4}"
export DURATION="${DURATION:-15}" CONNECTIONS="${CONNECTIONS:-32}"
JVM_WARMUP="${JVM_WARMUP:-150}"
APP_PORT="${APP_PORT:-8081}" REDIS_PORT="${REDIS_PORT:-6390}" PG_PORT="${PG_PORT:-5441}"
OUT="$HERE/results/ab-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

. "$HERE/lib.sh"

# CPU ticks (user + system) of a JVM's threads so far, by group: "group ticks" lines.
thread_ticks() {  # pid
  local task
  for task in /proc/"$1"/task/*; do
    # utime and stime: fields 14 and 15, counted after the thread's name, which has spaces
    echo "$(cat "$task/comm" 2>/dev/null)|$(sed 's/.*) //' "$task/stat" 2>/dev/null | awk '{ print $12 + $13 }')"
  done | awk -F'|' '
    $1 ~ /^http-nio-.*-e/ { g = "request-threads" } $1 ~ /^lettuce/ { g = "redis-client" }
    $1 ~ /^C[12] / { g = "jit" } $1 ~ /^(GC |ParGC|VM Thread)/ { g = "gc" }
    { a[g == "" ? "rest" : g] += $2; g = "" } END { for (k in a) print k, a[k] }' | sort
}
# Context switches (voluntary and not) of a JVM's threads so far.
switches() {  # pid
  cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^(non)?voluntary_ctxt_switches/ { s += $2 } END { print s }'
}

[ -x "$PEERS/load.sh" ] || die "peers' harness not found at $PEERS (set PEERS)"
build_jar
built=$JAR
mapfile -t lines < <(grep -v '^[[:space:]]*$' <<<"$VARIANTS")
[[ "$VARIANTS" == *redis* ]] && start_redis
[[ "$VARIANTS" == *postgres* ]] && start_postgres
pids=() targets=() ports=()
for i in "${!lines[@]}"; do
  read -r -a words <<<"${lines[$i]}"
  JAR=$built args=()
  for w in "${words[@]:1}"; do [[ "$w" == jar=* ]] && JAR=${w#jar=} || args+=("$w"); done
  [ -f "$JAR" ] || die "no jar at $JAR"
  # OUT for app_args only: each JVM on H2 has a database file of its own, under OUT/v<i>/h2.
  OUT="$OUT/v$i" start_java "${words[0]}" $((APP_PORT + i)) "$OUT/variant-$i.log" "${args[@]}"
  pids+=("$STARTED_PID") targets+=("${words[0]}") ports+=($((APP_PORT + i)))
  echo "variant $i: ${lines[$i]}" | tee -a "$OUT/summary.txt"
done
for i in "${!lines[@]}"; do
  log "variant $i: ${JVM_WARMUP}s of the page's load"
  env LABEL="v$i" WARMUP=0 DURATION="$JVM_WARMUP" SCENARIOS=home APP_PID="${pids[$i]}" RESULTS_DIR="$OUT/warmup-$i" \
    "$PEERS/load.sh" "http://127.0.0.1:${ports[$i]}" SESSION >"$OUT/warmup-$i.txt" 2>&1 \
    || die "variant $i: the warm-up load failed (see $OUT/warmup-$i.txt)"
done
sleep 20  # the last JVMs' compilers finish what the warm-up queued
: >"$OUT/windows.tsv"
for r in $(seq 1 "$ROUNDS"); do
  for i in "${!lines[@]}"; do
    thread_ticks "${pids[$i]}" >"$OUT/ticks-before"; before=$(switches "${pids[$i]}")
    redis=(); [[ "${targets[$i]}" == redis* ]] && redis=(REDIS_PORT="$REDIS_PORT")
    line=$(env LABEL="v$i" WARMUP=0 SMOKE=0 SCENARIOS=home APP_PID="${pids[$i]}" "${redis[@]}" \
      RESULTS_DIR="$OUT/r$r-v$i" "$PEERS/load.sh" "http://127.0.0.1:${ports[$i]}" SESSION | grep 'req/s') \
      || die "variant $i: the load failed in round $r (see $OUT/r$r-v$i)"
    thread_ticks "${pids[$i]}" >"$OUT/ticks-after"; after=$(switches "${pids[$i]}")
    rps=$(grep -o '[0-9.]* req/s' <<<"$line" | cut -d' ' -f1)
    p99=$(grep -o 'p99 *[0-9.]*' <<<"$line" | awk '{ print $2 }')
    cpu=$(grep -o 'app=[0-9.NA]*' <<<"$line" | cut -d= -f2)
    pages=$(awk -v r="$rps" -v d="$DURATION" 'BEGIN { print r * d }')
    groups=$(join "$OUT/ticks-before" "$OUT/ticks-after" | awk -v n="$pages" -v hz="$(getconf CLK_TCK)" \
      '{ printf "%s=%.3f ", $1, ($3 - $2) * 1000 / hz / n }')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$i" "$rps" "$p99" "$cpu" \
      "$(awk -v a="$before" -v b="$after" -v n="$pages" 'BEGIN { printf "%.2f", (b - a) / n }')" "$groups" \
      | tee -a "$OUT/windows.tsv"
  done
done
cleanup
python3 - "$OUT/windows.tsv" "${#lines[@]}" <<'EOF' | tee -a "$OUT/summary.txt"
import collections, statistics, sys
rows = [line.split("\t") for line in open(sys.argv[1]).read().splitlines()]
rps = collections.defaultdict(dict)
for r in rows:
    rps[int(r[1])][int(r[0])] = float(r[2])
print("variant  median req/s  x variant 0 (median; each round)")
for v in range(int(sys.argv[2])):
    ratios = [rps[v][k] / rps[0][k] for k in sorted(rps[v]) if rps[0].get(k)]
    print(f"{v:7}  {statistics.median(rps[v].values()):12.0f}  {statistics.median(ratios):.2f}; "
          + " ".join(f"{x:.2f}" for x in ratios))
EOF
log "done: $OUT"
