#!/usr/bin/env bash
# Where the app's CPU goes on one page: runs the app on each given target under the
# benchmark's load (signed-in home page, 32 users) with Java Flight Recorder, then prints
# the hottest methods (own time) and the frames most often on the stack, per target.
#
#   bench/profile.sh                         # redis and redis-ss, ~7 min
#   TARGETS="memory redis postgres" SCENARIO=login-cycle bench/profile.sh
#   TARGETS="redis redis@25" bench/profile.sh  # the same page on Java 17 and on Java 25
#
# Knobs: TARGETS (as in bench/run.sh), SCENARIO (home), DURATION (30 s of load), JVM_WARMUP
# (150 s of load before, as in bench/run.sh), TOP (25), JAVA_OPTS, PEERS, APP_PORT (8081), REDIS_PORT (6390),
# PG_PORT (5441). The recording starts JVM_WARMUP + 20 s after the JVM (start-up and
# warm-up behind it) and ends with the load, so it covers the measured load and the end of
# the warm-up. Recordings stay in bench/results/profile-<time>/<target>.jfr.
set -u -o pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
PEERS="${PEERS:-$ROOT/../shared/bench/peers}"
TARGETS="${TARGETS:-redis redis-ss}"
SCENARIO="${SCENARIO:-home}"
export DURATION="${DURATION:-30}" CONNECTIONS="${CONNECTIONS:-32}"
JVM_WARMUP="${JVM_WARMUP:-150}" TOP="${TOP:-25}"
APP_PORT="${APP_PORT:-8081}" REDIS_PORT="${REDIS_PORT:-6390}" PG_PORT="${PG_PORT:-5441}"
OUT="$HERE/results/profile-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

. "$HERE/lib.sh"

[ -x "$PEERS/load.sh" ] || die "peers' harness not found at $PEERS (set PEERS)"
build_jar
[[ " $TARGETS " == *" redis"* ]] && start_redis
[[ " $TARGETS " == *" postgres"* ]] && start_postgres
for t in $TARGETS; do
  log "$t: warm-up ${JVM_WARMUP}s, then ${DURATION}s recorded"
  rm -rf "$OUT/h2"
  JAVA_OPTS="${JAVA_OPTS:--XX:+UseParallelGC} -XX:StartFlightRecording=filename=$OUT/$t.jfr,settings=profile,delay=$((JVM_WARMUP + 20))s" \
    start_java "$t" "$APP_PORT" "$OUT/$t.log"
  pid=$STARTED_PID
  # The JDK tools of the release the target runs on (redis@25: Java 25's jcmd and jfr).
  tools=$(dirname "$(readlink -f "$(command -v "$(java_of "$t")")")")
  redis=(); [[ "$t" == redis* ]] && redis=(REDIS_PORT="$REDIS_PORT" REDIS_FLUSH=1)
  env LABEL="$t" WARMUP="$JVM_WARMUP" SCENARIOS="$SCENARIO" APP_PID="$pid" "${redis[@]}" \
    RESULTS_DIR="$OUT/$t-load" "$PEERS/load.sh" "http://127.0.0.1:$APP_PORT" SESSION | tee -a "$OUT/summary.txt"
  "$tools/jcmd" "$pid" JFR.dump filename="$OUT/$t.jfr" >/dev/null || die "could not dump the recording of $t"
  stop "$pid"
  JFR="$tools/jfr" python3 "$HERE/frames.py" "$OUT/$t.jfr" "$TOP" | tee "$OUT/$t-frames.txt"
done
cleanup
log "done: $OUT"
