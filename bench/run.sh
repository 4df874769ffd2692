#!/usr/bin/env bash
# The benchmark: this app on every store (memory baseline, H2, Redis, PostgreSQL), on its
# own repositories and on Spring Session's ("-ss" targets), side by side with the same app
# built on Flask-Session and on express-session, interleaved in one run on this machine,
# with the same load (wrk, browser-like: cookies and CSRF tokens).
#
#   bench/run.sh                       # every target once, ~35 min
#   REPEAT=3 bench/run.sh              # medians over 3 interleaved rounds
#   TARGETS="redis redis-ss" bench/run.sh
#
# Targets: memory h2 redis postgres (this app's repositories), h2-ss redis-ss postgres-ss
# (Spring Session's), flask-full express-full (the peers serving the same page as this app:
# layout, CSRF-protected sign-out form, security headers, visit counter), flask express
# (the peers' minimal one-line page). A JVM target with "@25" (memory@25, redis@25) runs the
# same jar on Java 25 (JAVA25_HOME) instead of the java on the PATH.
# Knobs: TARGETS, REPEAT (1), DURATION (15 s per scenario), CONNECTIONS (32 users),
# JVM_WARMUP (150 s: under this load on two cores the page reaches 90 % of its full speed
# after about 60 s of it in memory and 90 s on PostgreSQL, bench/warmup.sh; the harness gives
# half of the warm-up to the sign-in cycle, so PostgreSQL wants 300; measured sooner, a JVM
# target shows its warm-up, not its speed), JAVA_OPTS (-XX:+UseParallelGC), PEERS (the peers' harness, default ../shared/bench/peers), ports
# APP_PORT (8081), REDIS_PORT (6390), PG_PORT (5441), FLASK_PORT (5001), EXPRESS_PORT (5002).
# Prints per target and scenario: req/s, p50/p99, errors, cross-user mismatches, store
# commands per request, app CPU per request, the ratio to the in-memory baseline of the
# same round on the same Java release, Java 25 against the java on the PATH, the peers'
# ratios, and store round trips per request from a short sequential accounting pass; and
# draws chart.svg (bench/chart.py).
# Everything it starts (Redis, PostgreSQL, apps) runs on loopback and is stopped at exit.
set -u -o pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
PEERS="${PEERS:-$ROOT/../shared/bench/peers}"
TARGETS="${TARGETS:-memory h2 h2-ss redis redis-ss postgres postgres-ss flask-full express-full}"
REPEAT="${REPEAT:-1}"
export DURATION="${DURATION:-15}" CONNECTIONS="${CONNECTIONS:-32}"
JVM_WARMUP="${JVM_WARMUP:-150}"
APP_PORT="${APP_PORT:-8081}" REDIS_PORT="${REDIS_PORT:-6390}" PG_PORT="${PG_PORT:-5441}"
FLASK_PORT="${FLASK_PORT:-5001}" EXPRESS_PORT="${EXPRESS_PORT:-5002}"
OUT="$HERE/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
export SUMMARY_TSV="$OUT/summary.tsv"

. "$HERE/lib.sh"

APP_PID=""
start_app() {  # target
  local started; started=$(date +%s%N)
  rm -rf "$OUT/h2"
  start_java "$1" "$APP_PORT" "$OUT/$1.log"
  APP_PID=$STARTED_PID
  echo "$1 $(( ($(date +%s%N) - started) / 1000000 ))" >>"$OUT/startup.txt"
}
start_flask() {  # peer directory: flask or flask-full
  port_busy "$FLASK_PORT" && die "port $FLASK_PORT is taken"
  REDIS_PORT="$REDIS_PORT" gunicorn -w 4 -k sync -b "127.0.0.1:$FLASK_PORT" --log-level warning \
    --chdir "$PEERS/$1" app:app >"$OUT/$1.log" 2>&1 &
  APP_PID=$!; PIDS+=("$APP_PID")
  wait_http "http://127.0.0.1:$FLASK_PORT/login" 30 || die "flask did not start"
}
start_express() {  # peer directory: express or express-full
  port_busy "$EXPRESS_PORT" && die "port $EXPRESS_PORT is taken"
  (cd "$PEERS/$1" && NODE_ENV=production PORT="$EXPRESS_PORT" HOST=127.0.0.1 WORKERS=2 \
    REDIS_URL="redis://127.0.0.1:$REDIS_PORT" exec node app.js >"$OUT/$1.log" 2>&1) &
  APP_PID=$!; PIDS+=("$APP_PID")
  wait_http "http://127.0.0.1:$EXPRESS_PORT/login" 30 || die "express did not start"
}
stop_app() { stop "$APP_PID"; wait "$APP_PID" 2>/dev/null; APP_PID=""; }

# Round trips per request, measured one request at a time: Redis MONITOR lines from
# clients (commands run inside a script are not round trips); PostgreSQL
# pg_stat_statements calls (the counting query and the minutely sweep of expired rows
# excluded).
store_calls() {  # target
  local store=${1%@*}
  case "${store%-ss}" in
    redis) grep -cv ' lua]' "$OUT/monitor.raw" ;;
    postgres) echo $(( $(psql_bench -d sessions -c "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query NOT LIKE '%EXPIRY_TIME <%'") - 1 )) ;;
  esac
}
account() {  # target
  local t=$1 store=${1%@*} url="http://127.0.0.1:$APP_PORT" jar="$OUT/account.jar" n=20 token before after
  store=${store%-ss}
  [[ "$store" == redis || "$store" == postgres ]] || return 0
  rm -f "$jar"
  local monitor=""
  if [ "$store" = redis ]; then
    redis-cli -p "$REDIS_PORT" MONITOR >"$OUT/monitor.raw" & monitor=$!
  fi
  [ "$store" = postgres ] && psql_bench -d sessions -c "SELECT pg_stat_statements_reset()" >/dev/null
  sleep 0.5
  before=$(store_calls "$t")
  for _ in $(seq 1 $n); do curl -s -o /dev/null "$url/login"; done
  sleep 0.5; after=$(store_calls "$t"); echo "$t anonymous $(( after - before )) $n" >>"$OUT/roundtrips.txt"
  token=$(curl -s -c "$jar" -b "$jar" "$url/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" --data-urlencode "name=Accountant" "$url/login"
  sleep 0.5; before=$(store_calls "$t")
  for _ in $(seq 1 $n); do curl -s -o /dev/null -b "$jar" "$url/"; done
  sleep 0.5; after=$(store_calls "$t"); echo "$t home $(( after - before )) $n" >>"$OUT/roundtrips.txt"
  [ -n "$monitor" ] && { kill "$monitor"; wait "$monitor" 2>/dev/null; }
}

run_target() {  # target round
  local t=$1 r=$2 url cookie warmup=5 redis=()
  # Each target starts from an empty session table (postgres and postgres-ss share it).
  [[ "$t" == postgres* ]] && psql_bench -d sessions -c "TRUNCATE spring_session CASCADE" >/dev/null 2>&1
  case "$t" in
    memory*|h2*|redis*|postgres*)
      start_app "$t"; url="http://127.0.0.1:$APP_PORT"; cookie=SESSION; warmup=$JVM_WARMUP ;;
    flask|flask-full) start_flask "$t"; url="http://127.0.0.1:$FLASK_PORT"; cookie=session ;;
    express|express-full) start_express "$t"; url="http://127.0.0.1:$EXPRESS_PORT"; cookie=connect.sid ;;
    *) die "unknown target $t" ;;
  esac
  [[ "$t" == redis* || "$t" == flask* || "$t" == express* ]] && redis=(REDIS_PORT="$REDIS_PORT" REDIS_FLUSH=1)
  log "round $r: $t"
  env LABEL="$t" WARMUP="$warmup" SCENARIOS="home login-cycle login-page" APP_PID="$APP_PID" "${redis[@]}" \
    RESULTS_DIR="$OUT/$t-r$r" "$PEERS/load.sh" "$url" "$cookie" | tee -a "$OUT/summary.txt"
  [ "$r" = 1 ] && account "$t"
  stop_app
}

[ -x "$PEERS/load.sh" ] || die "peers' harness not found at $PEERS (set PEERS)"
if [ "${NO_INSTALL:-0}" != 1 ]; then
  install_packages wrk redis-server redis-tools postgresql python3-flask python3-flask-session python3-redis \
    python3-flaskext.wtf gunicorn curl procps
  for peer in express express-full; do
    if [[ " $TARGETS " == *" $peer "* ]] && ! (cd "$PEERS/$peer" && [ -d node_modules ]); then
      (cd "$PEERS/$peer" && timeout 300 npm ci --no-audit --no-fund >/dev/null 2>&1) || die "npm ci failed"
    fi
  done
fi
build_jar
[[ " $TARGETS " =~ \ (redis|flask|express) ]] && start_redis
[[ " $TARGETS " == *" postgres"* ]] && start_postgres
for r in $(seq 1 "$REPEAT"); do
  for t in $TARGETS; do run_target "$t" "$r"; done
done
cleanup
python3 "$HERE/report.py" "$OUT" | tee "$OUT/report.md"
log "done: $OUT/report.md"
