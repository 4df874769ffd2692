#!/usr/bin/env bash
# A/B: several JVMs of this app (other settings, another jar, another store or Java release)
# measured in alternating windows, so that the machine's drift, which is larger than most
# changes worth trying, falls on all of them alike. The JVMs are started one after the
# other and all kept running; each is warmed in turn, then each round loads each JVM for
# one window while the others idle (every other round in reverse order).
#
#   VARIANTS='redis@25
#   redis@25 --server.tomcat.threads.max=8
#   redis@25 jar=/tmp/other.jar' bench/ab.sh
#
# VARIANTS: one JVM per line: a target (as in bench/run.sh: memory, h2, redis or postgres,
# "-ss" for Spring Session's repositories, "@25" for Java 25), then application arguments
# (--name=value; words split on spaces, no quoting; one that bench/lib.sh's app_args also sets
# replaces its value, e.g. --spring.profiles.active; not the ports or addresses);
# a word jar=PATH runs that jar instead of the one built here; on H2 or Redis, a word fill=N
# writes N signed-in sessions first, in the app's layout, as bench/million.sh does, each to
# live 12 h, into a store of the variant's own: its own H2 file, or a Redis of its own
# (FILL_REDIS_PORT + the variant's number). fill=1000 against fill=1000000: the page with a
# million sessions stored, both warm, each on its own store; the files are deleted at the end.
# JVM options go in JAVA_OPTS, for every variant alike. The other variants share one Redis and
# one PostgreSQL.
# Knobs: ROUNDS (4), DURATION (15 s per window), CONNECTIONS (32 users), JVM_WARMUP (150 s
# of the page's load per JVM before the first round), JAVA_OPTS (ParallelGC, a fixed number
# of compiler threads), PEERS, APP_PORT (8081: the first JVM; the next ones count up),
# REDIS_PORT (6390), FILL_REDIS_PORT (6400), PG_PORT (5441).
# Prints per window (windows.tsv, with a header): round, variant, req/s, p99 ms, app CPU ms
# per page (load.sh's, over the load alone); then, over the whole of load.sh's run (the
# users' sign-in before the load included), per page: the store server's CPU ms (Redis's
# process, PostgreSQL's processes), the app's context switches, the app's CPU ms in the
# kernel, and its CPU ms by thread group (Tomcat's threads, their names cut short by
# Linux, so its poller and acceptor with the request threads; or virtual threads'
# carriers; Lettuce's, the JIT's, the GC's and the VM thread's, the rest); then per variant
# the median req/s and its ratio to variant 0, round by round (other pairs: from
# windows.tsv).
set -u -o pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
PEERS="${PEERS:-$ROOT/../shared/bench/peers}"
VARIANTS="${VARIANTS:-memory@25
redis@25}"
ROUNDS="${ROUNDS:-4}"
export DURATION="${DURATION:-15}" CONNECTIONS="${CONNECTIONS:-32}"
JVM_WARMUP="${JVM_WARMUP:-150}"
# A fixed number of compiler threads, as in bench/warmup.sh: none ends within a window.
export JAVA_OPTS="${JAVA_OPTS:--XX:+UseParallelGC -XX:-UseDynamicNumberOfCompilerThreads}"
MGMT_PORT=0  # each JVM its own free management port
APP_PORT="${APP_PORT:-8081}" REDIS_PORT="${REDIS_PORT:-6390}" PG_PORT="${PG_PORT:-5441}"
FILL_REDIS_PORT="${FILL_REDIS_PORT:-6400}"
FILL_LIFETIME=43200  # filled sessions outlive the run: no expiry or sweep during it
OUT="$HERE/results/ab-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

. "$HERE/lib.sh"
# The H2 variants' files (gigabytes with fill=) go when the run ends, however it ends.
trap "cleanup; rm -rf '$OUT'/v*/h2" EXIT

# Per page served: context switches, the app's CPU ms in the kernel, then CPU ms by thread
# group, from two snapshots.
per_page() {  # before after requests
  awk -v n="$3" -v hz="$(getconf CLK_TCK)" '
    FNR == NR { ticks[$1] = $3; sw[$1] = $4; sys[$1] = $5; next }
    { cpu[$2] += $3 - ticks[$1]; switched += $4 - sw[$1]; kernel += $5 - sys[$1] }
    END {
      if (n <= 0) { print "NA\tNA\tNA"; exit }
      printf "%.2f\t%.3f\t", switched / n, kernel * 1000 / hz / n
      split("request-threads redis-client jit gc rest", groups, " ")
      for (i = 1; i <= 5; i++) if (groups[i] in cpu) printf "%s%s=%.3f", (i > 1 ? " " : ""), groups[i], cpu[groups[i]] * 1000 / hz / n
      print ""
    }' "$1" "$2"
}

[ -x "$PEERS/load.sh" ] || die "peers' harness not found at $PEERS (set PEERS)"
mapfile -t lines < <(grep -v '^[[:space:]]*$' <<<"$VARIANTS")
((${#lines[@]} > 0)) || die "no variants (VARIANTS)"
for line in "${lines[@]}"; do  # every line checked before anything starts
  read -r -a words <<<"$line"
  [[ "${words[0]}" =~ ^(memory|(h2|redis|postgres)(-ss)?)(@[0-9]+)?$ ]] || die "not a target: '${words[0]}' in '$line'"
  for w in "${words[@]:1}"; do
    [[ "$w" != jar=* || -f "${w#jar=}" ]] || die "no jar at ${w#jar=}"
    if [[ "$w" == fill=* ]]; then
      [[ "${words[0]}" =~ ^(h2|redis) ]] || die "'$w' in '$line': fill=N is for H2 and Redis (bench/million.sh fills PostgreSQL)"
      [[ "${w#fill=}" =~ ^[0-9]+$ ]] || die "'$w' in '$line': N is a number of sessions"
      [[ ! "$line" =~ --spring\.(datasource\.url|data\.redis\.(host|port|url|cluster|sentinel))[.=] ]] \
        || die "'$line': fill=N fills the variant's own store, not another one"
      [[ "${words[0]}" != h2* ]] || command -v unzip >/dev/null || die "fill=N on H2 needs unzip"
      [[ "${words[0]}" != redis* ]] || { command -v python3 && command -v redis-cli; } >/dev/null \
        || die "fill=N on Redis needs python3 and redis-cli"
    fi
    [[ ! "$w" =~ ^--(server|management\.server)\.(port|address)= ]] || die "'$w': ab.sh sets the ports and addresses"
    [[ "$w" != -X* && "$w" != -D* ]] || die "'$w' is a JVM option: JAVA_OPTS applies to every variant"
  done
done
build_jar
built=$JAR
[[ "$VARIANTS" == *redis* ]] && start_redis
shared_redis_pid=${REDIS_PID:-}
[[ "$VARIANTS" == *postgres* ]] && start_postgres
pids=() targets=() ports=() redis_ports=() redis_pids=()
for i in "${!lines[@]}"; do
  read -r -a words <<<"${lines[$i]}"
  JAR=$built args=() fill=""
  for w in "${words[@]:1}"; do
    case "$w" in jar=*) JAR=$(readlink -f "${w#jar=}") ;; fill=*) fill=${w#fill=} ;; *) args+=("$w") ;; esac
  done
  # OUT for app_args and the fills only: each JVM on H2 has a database file of its own, under
  # OUT/v<i>/h2; a filled Redis keeps its log under OUT/v<i>/redis.
  mkdir -p "$OUT/v$i"
  redis_ports[$i]=$REDIS_PORT redis_pids[$i]=$shared_redis_pid
  if [ -n "$fill" ]; then
    started=$(date +%s)
    if [[ "${words[0]}" == redis* ]]; then
      redis_ports[$i]=$((FILL_REDIS_PORT + i))
      REDIS_PORT=${redis_ports[$i]} OUT="$OUT/v$i" start_redis
      redis_pids[$i]=$REDIS_PID REDIS_PID=$shared_redis_pid
      REDIS_PORT=${redis_ports[$i]} OUT="$OUT/v$i" redis_fill "$fill"
      log "variant $i: $fill sessions written into its Redis in $(( $(date +%s) - started )) s"
    else
      OUT="$OUT/v$i" h2_fill "$fill"
      log "variant $i: $fill sessions written into its H2 file in $(( $(date +%s) - started )) s"
    fi
  fi
  REDIS_PORT=${redis_ports[$i]} OUT="$OUT/v$i" start_java "${words[0]}" $((APP_PORT + i)) "$OUT/variant-$i.log" "${args[@]}"
  pids+=("$STARTED_PID") targets+=("${words[0]}") ports+=($((APP_PORT + i)))
  echo "variant $i: ${lines[$i]} ($("$(java_of "${words[0]}")" -version 2>&1 | head -1); $JAR)" | tee -a "$OUT/summary.txt"
done
for i in "${!lines[@]}"; do
  log "variant $i: ${JVM_WARMUP}s of the page's load"
  env LABEL="v$i" WARMUP=0 DURATION="$JVM_WARMUP" SCENARIOS=home APP_PID="${pids[$i]}" RESULTS_DIR="$OUT/warmup-$i" \
    "$PEERS/load.sh" "http://127.0.0.1:${ports[$i]}" SESSION >"$OUT/warmup-$i.txt" 2>&1 \
    || die "variant $i: the warm-up load failed (see $OUT/warmup-$i.txt)"
done
sleep 20  # the last JVMs' compilers finish what the warm-up queued
printf 'round\tvariant\treq/s\tp99 ms\tapp CPU ms per page\tstore server CPU ms per page\tcontext switches per page\tapp kernel CPU ms per page\tCPU ms per page by thread group\n' \
  >"$OUT/windows.tsv"
for r in $(seq 1 "$ROUNDS"); do
  # Every other round in reverse order, so that a drift within a round favours no variant.
  order=("${!lines[@]}"); ((r % 2)) || mapfile -t order < <(printf '%s\n' "${order[@]}" | tac)
  for i in "${order[@]}"; do
    alive "${pids[$i]}" || die "variant $i has stopped (see $OUT/variant-$i.log)"
    REDIS_PID=${redis_pids[$i]}
    thread_snapshot "${pids[$i]}" >"$OUT/threads-before"; store_before=$(store_ticks "${targets[$i]}")
    redis=(); [[ "${targets[$i]}" == redis* ]] && redis=(REDIS_PORT="${redis_ports[$i]}")
    env LABEL="v$i" WARMUP=0 SMOKE=0 SCENARIOS=home APP_PID="${pids[$i]}" "${redis[@]}" \
      RESULTS_DIR="$OUT/r$r-v$i" SUMMARY_TSV="$OUT/r$r-v$i/summary.tsv" \
      "$PEERS/load.sh" "http://127.0.0.1:${ports[$i]}" SESSION >"$OUT/r$r-v$i.txt" 2>&1 \
      || die "variant $i: the load failed in round $r (see $OUT/r$r-v$i.txt)"
    thread_snapshot "${pids[$i]}" >"$OUT/threads-after"; store_after=$(store_ticks "${targets[$i]}")
    # load.sh's summary: req/s, p99, mismatches, requests, app CPU ms per request
    read -r rps p99 mismatches requests cpu < <(awk -F'\t' 'NR == 2 { print $3, $5, $9, $10, $11 }' \
      "$OUT/r$r-v$i/summary.tsv")
    [ -n "${rps:-}" ] || die "variant $i: no result in round $r (see $OUT/r$r-v$i.txt)"
    [ "$mismatches" = 0 ] || die "variant $i: $mismatches pages showed another user's name in round $r"
    store=$(awk -v t=$((store_after - store_before)) -v n="$requests" -v hz="$(getconf CLK_TCK)" \
      'BEGIN { printf (n > 0 ? "%.3f" : "NA"), (n > 0 ? t * 1000 / hz / n : 0) }')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$i" "$rps" "$p99" "$cpu" "$store" \
      "$(per_page "$OUT/threads-before" "$OUT/threads-after" "$requests")" | tee -a "$OUT/windows.tsv"
  done
done
cleanup
python3 - "$OUT/windows.tsv" "${#lines[@]}" <<'EOF' | tee -a "$OUT/summary.txt"
import collections, statistics, sys
rows = [line.split("\t") for line in open(sys.argv[1]).read().splitlines()[1:]]
rps = collections.defaultdict(dict)
for r in rows:
    rps[int(r[1])][int(r[0])] = float(r[2])
print("variant  median req/s  x variant 0 (median; each round)")
for v in range(int(sys.argv[2])):
    ratios = [rps[v][k] / rps[0][k] for k in sorted(rps[v]) if rps[0].get(k)]
    print(f"{v:7}  {statistics.median(rps[v].values()):12.0f}  "
          + (f"{statistics.median(ratios):.2f}; " + " ".join(f"{x:.2f}" for x in ratios) if ratios else "-"))
EOF
log "done: $OUT"
