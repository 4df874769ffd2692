#!/usr/bin/env bash
# Reliability checks that need several processes and minutes. Each prints one line,
# PASS or FAIL, with its figure; the script exits non-zero if any check failed.
#
#   bench/reliability.sh                           # every check on every store, ~18 min
#   CHECKS="restart" STORES="redis" bench/reliability.sh
#
# Checks:
#   load      per store: USERS (64) concurrent users for LOAD_SECONDS (60) of the mixed flow
#             (GET /login, POST /login, GET /, POST /logout, and page loads), every response
#             checked to show its own user's name: 0 errors, 0 mismatches.
#   failover  Redis: two instances behind nginx (deploy/nginx.conf: round robin, no sticky sessions). First a
#             user signs out on one instance and the old cookie is replayed on the other: it
#             must land on the login page. Then USERS users load their page; one instance is
#             killed (SIGKILL) halfway: no user is signed out (0 mismatches); failed requests
#             are counted (only those in flight on the killed instance may fail).
#   restart   per store: USERS users signed in, their pages under load, the application
#             restarted (SIGTERM, then started again): afterwards every user is still
#             signed in; prints how long the stopping instance took to exit.
#   rolling   Redis: a rolling deploy of two instances behind nginx under USERS users'
#             load (ROLLING_SECONDS, 240): each stopped (SIGTERM) and started again in turn:
#             0 failed requests, 0 mismatches, every user still signed in, both restarts
#             inside the measured load; prints SIGTERM to exit and to serving again per
#             instance. JAVA_RELEASE=25 runs the instances on Java 25 (without the image's
#             AOT cache).
# Runs on loopback only: a Redis and a PostgreSQL of its own (bench/lib.sh), nginx from
# Debian's package; everything it starts is stopped at exit.
set -u -o pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
PEERS="${PEERS:-$ROOT/../shared/bench/peers}"
STORES="${STORES:-h2 redis postgres}"
CHECKS="${CHECKS:-load failover restart rolling}"
USERS="${USERS:-64}"
LOAD_SECONDS="${LOAD_SECONDS:-60}" ROLLING_SECONDS="${ROLLING_SECONDS:-240}"
APP_PORT="${APP_PORT:-8081}" APP2_PORT="${APP2_PORT:-8082}" LB_PORT="${LB_PORT:-8090}"
REDIS_PORT="${REDIS_PORT:-6391}" PG_PORT="${PG_PORT:-5442}"
OUT="$HERE/results/reliability-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
export SUMMARY_TSV="$OUT/summary.tsv"

. "$HERE/lib.sh"


# Errors, mismatches and requests of a load.sh run, from its summary rows for one label.
load_figures() {  # label -> "errors mismatches requests"
  awk -F'\t' -v l="$1" '$1 == l { e += $6; m += $9; r += $10 } END { printf "%d %d %d\n", e, m, r }' "$SUMMARY_TSV"
}

check_load() {  # store
  rm -rf "$OUT/h2"
  start_java "$1" "$APP_PORT" "$OUT/load-$1.log"; local pid=$STARTED_PID
  env LABEL="load-$1" CONNECTIONS="$USERS" DURATION="$LOAD_SECONDS" WARMUP=20 SCENARIOS="login-cycle home" \
    RESULTS_DIR="$OUT/load-$1" "$PEERS/load.sh" "http://127.0.0.1:$APP_PORT" SESSION >>"$OUT/summary.txt"
  stop "$pid"
  local errors mismatches; read -r errors mismatches _ < <(load_figures "load-$1")
  verdict "load $1 ($USERS users x ${LOAD_SECONDS}s, mixed flow)" $(( errors + mismatches > 0 )) \
    "errors $errors, mismatches $mismatches"
}

check_failover() {
  start_java redis "$APP_PORT" "$OUT/failover-1.log"; local first=$STARTED_PID
  start_java redis "$APP2_PORT" "$OUT/failover-2.log"; local second=$STARTED_PID
  start_balancer "$APP_PORT" "$APP2_PORT"
  # Sign out on one instance, replay the old cookie on the other.
  USERS=1 sign_in_users "http://127.0.0.1:$APP_PORT"
  local cookie replay
  cookie=$(awk '$6 == "SESSION" { print $7 }' "$OUT/users/1")
  sign_out "http://127.0.0.1:$APP_PORT" "$OUT/users/1"
  replay=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H "Cookie: SESSION=$cookie" "http://127.0.0.1:$APP2_PORT/")
  local ok=1; [[ -n "$cookie" && "$replay" == "302 "*"/login" ]] && ok=0
  verdict "sign-out on one instance, old cookie replayed on the other" "$ok" "answer: $replay"
  sign_in_users "http://127.0.0.1:$LB_PORT"
  env LABEL=failover CONNECTIONS="$USERS" DURATION="$LOAD_SECONDS" WARMUP=10 SCENARIOS=home \
    RESULTS_DIR="$OUT/failover" "$PEERS/load.sh" "http://127.0.0.1:$LB_PORT" SESSION >>"$OUT/summary.txt" &
  local load=$!
  sleep $(( 10 + LOAD_SECONDS / 2 ))
  kill -KILL "$second"
  wait "$load"
  local errors mismatches still; read -r errors mismatches _ < <(load_figures failover)
  still=$(signed_in_users "http://127.0.0.1:$LB_PORT")
  verdict "failover redis (2 instances behind nginx, one killed mid-run)" \
    $(( mismatches > 0 || still != USERS )) \
    "mismatches $mismatches, users still signed in $still/$USERS, failed requests $errors"
  stop "$BALANCER_PID"; stop "$first"
}

check_restart() {  # store
  rm -rf "$OUT/h2"
  start_java "$1" "$APP_PORT" "$OUT/restart-$1.log"; local pid=$STARTED_PID
  sign_in_users "http://127.0.0.1:$APP_PORT"
  local before; before=$(signed_in_users "http://127.0.0.1:$APP_PORT")
  env LABEL="restart-$1" CONNECTIONS="$USERS" DURATION=30 WARMUP=0 SMOKE=0 SCENARIOS=home \
    RESULTS_DIR="$OUT/restart-$1" "$PEERS/load.sh" "http://127.0.0.1:$APP_PORT" SESSION >/dev/null 2>&1 &
  local load=$!
  sleep 10
  local down; down=$(date +%s%N)
  # Up to the whole shutdown grace period (20 s) and a little more before KILL.
  stop "$pid" 25
  local exited; exited=$(seconds_since "$down")
  start_java "$1" "$APP_PORT" "$OUT/restart-$1.log"; pid=$STARTED_PID
  local seconds; seconds=$(seconds_since "$down")
  wait "$load"
  local after; after=$(signed_in_users "http://127.0.0.1:$APP_PORT")
  stop "$pid"
  verdict "restart $1 (under load)" $(( before != USERS || after != USERS )) \
    "users signed in before $before/$USERS, after $after/$USERS, SIGTERM to exit ${exited}s, app down ${seconds}s"
}

# A rolling deploy: two instances on one Redis behind nginx, USERS users loading their pages
# through it; each instance in turn is stopped (SIGTERM) and started again, the second only
# once the first serves. Nothing may be lost: no failed request, no user signed out, no
# mismatch.
check_rolling() {
  local app="redis${JAVA_RELEASE:+@$JAVA_RELEASE}"
  start_java "$app" "$APP_PORT" "$OUT/rolling-1.log"; local first=$STARTED_PID
  start_java "$app" "$APP2_PORT" "$OUT/rolling-2.log"; local second=$STARTED_PID
  start_balancer "$APP_PORT" "$APP2_PORT"
  sign_in_users "http://127.0.0.1:$LB_PORT"
  env LABEL=rolling CONNECTIONS="$USERS" DURATION="$ROLLING_SECONDS" WARMUP=10 SCENARIOS=home \
    RESULTS_DIR="$OUT/rolling" "$PEERS/load.sh" "http://127.0.0.1:$LB_PORT" SESSION >"$OUT/rolling-load.txt" 2>&1 &
  local load=$!; PIDS+=("$load")
  # The first stop only once the measured load runs (after load.sh's smoke test, sign-ins
  # and warm-up), then 10 s of it undisturbed.
  until grep -q "rolling: scenario home" "$OUT/rolling-load.txt"; do
    alive "$load" || die "the load ended before it started (see $OUT/rolling-load.txt)"
    sleep 1
  done
  sleep 10
  local port pid t0 exits=() downs=()
  for port in "$APP_PORT" "$APP2_PORT"; do
    pid=$first; [ "$port" = "$APP2_PORT" ] && pid=$second
    t0=$(date +%s%N)
    stop "$pid" 25
    exits+=("$(seconds_since "$t0")")
    start_java "$app" "$port" "$OUT/rolling-$port.log"
    downs+=("$(seconds_since "$t0")")
    [ "$port" = "$APP_PORT" ] && first=$STARTED_PID || second=$STARTED_PID
    # nginx takes a server that refused a connection out for fail_timeout (10 s): wait
    # until it routes to the new instance again before stopping the other one.
    sleep 11
  done
  # Both restarts must fall inside the measured load.
  local through=1; alive "$load" || through=0
  wait "$load"; local status=$?; forget "$load"
  local errors mismatches requests still; read -r errors mismatches requests < <(load_figures rolling)
  still=$(signed_in_users "http://127.0.0.1:$LB_PORT")
  local slow; slow=$(wc -l <"$OUT/nginx/slow.log")
  verdict "rolling restart $app (2 instances behind nginx, each stopped and started in turn, under load)" \
    $(( errors + mismatches > 0 || still != USERS || through == 0 || status != 0 || requests == 0 )) \
    "requests $requests, failed $errors, mismatches $mismatches, users still signed in $still/$USERS, SIGTERM to exit ${exits[*]} s, SIGTERM to serving again ${downs[*]} s, requests over 1 s at nginx $slow (nginx/slow.log), load lasted through both: $([ $through = 1 ] && echo yes || echo "no (raise ROLLING_SECONDS)")"
  stop "$BALANCER_PID"; stop "$first"; stop "$second"
}

[ -x "$PEERS/load.sh" ] || die "peers' harness not found at $PEERS (set PEERS)"
[ "${NO_INSTALL:-0}" = 1 ] || install_packages wrk redis-server redis-tools postgresql nginx curl procps
build_jar
[[ " $STORES " == *" redis "* || " $CHECKS " =~ \ (failover|rolling)\  ]] && start_redis
[[ " $STORES " == *" postgres "* ]] && start_postgres
for check in $CHECKS; do
  case "$check" in
    load|restart) for store in $STORES; do "check_$check" "$store"; done ;;
    failover) check_failover ;;
    rolling) check_rolling ;;
    *) die "unknown check $check" ;;
  esac
done
cleanup
echo
cat "$OUT/verdicts.txt"
exit "$FAILED"
