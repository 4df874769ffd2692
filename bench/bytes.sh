#!/usr/bin/env bash
# Bytes per stored session in Redis: this app against the peers serving the same page
# (Flask-Session, express-session with connect-redis), each signing in one user on the
# same Redis, emptied before each. Redis's own MEMORY USAGE of every key a target leaves,
# right after signing in (a name-only session) and after one load of the signed-in page
# (which counts it). The figures do not drift with the machine: one run is enough.
#
#   bench/bytes.sh                                   # ~1 min
#   TARGETS="redis jar=/tmp/before.jar redis express-full" bench/bytes.sh   # built here, then another
#
# Targets: redis (this app; "jar=PATH" before it runs that jar for the next target),
# flask-full, express-full. Knobs: TARGETS, PEERS (the peers, default ../shared/bench/peers),
# ports APP_PORT (8084), REDIS_PORT (6394), FLASK_PORT (5004), EXPRESS_PORT (5005).
# Prints, per target and moment, each key's type, encoding and bytes, and the total.
set -u -o pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
PEERS="${PEERS:-$ROOT/../shared/bench/peers}"
TARGETS="${TARGETS:-redis express-full flask-full}"
APP_PORT="${APP_PORT:-8084}" REDIS_PORT="${REDIS_PORT:-6394}"
FLASK_PORT="${FLASK_PORT:-5004}" EXPRESS_PORT="${EXPRESS_PORT:-5005}"
OUT="$HERE/results/bytes-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

. "$HERE/lib.sh"

# Every key in Redis: "key type encoding bytes", one per line.
keys_and_bytes() {
  local key
  redis-cli -p "$REDIS_PORT" --scan | sort | while read -r key; do
    echo "$key $(redis-cli -p "$REDIS_PORT" TYPE "$key") $(redis-cli -p "$REDIS_PORT" OBJECT ENCODING "$key")" \
      "$(redis-cli -p "$REDIS_PORT" MEMORY USAGE "$key" SAMPLES 0)"
  done
}

report() {  # target moment
  local total=0 key type encoding bytes
  while read -r key type encoding bytes; do
    echo "| $1 | $2 | \`$key\` | $type, $encoding | $bytes |"
    total=$((total + bytes))
  done < <(keys_and_bytes)
  echo "| $1 | $2 | **all keys** | | **$total** |"
}

# Signs in with the login form's CSRF field, whatever its name (Flask-WTF: csrf_token).
sign_in_form() {  # url jar name
  local field token
  field=$(curl -s -c "$2" -b "$2" "$1/login" | grep -o 'name="\(_csrf\|csrf_token\)" value="[^"]*"' | head -1)
  token=${field#*value=\"}; token=${token%\"}; field=${field#name=\"}; field=${field%%\"*}
  [ -n "$field" ] || die "$1/login: no CSRF field"
  [ "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$2" -b "$2" --data-urlencode "$field=$token" \
    --data-urlencode "name=$3" "$1/login")" = "302 $1/" ] || die "$1: signing in did not lead to /"
}

start_target() {  # target; sets URL
  case "$1" in
    redis)
      start_java redis "$APP_PORT" "$OUT/app.log" --management.server.port=0
      URL="http://127.0.0.1:$APP_PORT" ;;
    flask-full)
      port_busy "$FLASK_PORT" && die "port $FLASK_PORT is taken"
      REDIS_PORT="$REDIS_PORT" gunicorn -w 1 -b "127.0.0.1:$FLASK_PORT" --log-level warning \
        --chdir "$PEERS/flask-full" app:app >"$OUT/flask-full.log" 2>&1 &
      STARTED_PID=$!; PIDS+=("$STARTED_PID")
      URL="http://127.0.0.1:$FLASK_PORT"; wait_http "$URL/login" 30 || die "flask-full did not start" ;;
    express-full)
      port_busy "$EXPRESS_PORT" && die "port $EXPRESS_PORT is taken"
      (cd "$PEERS/express-full" && NODE_ENV=production PORT="$EXPRESS_PORT" HOST=127.0.0.1 WORKERS=1 \
        REDIS_URL="redis://127.0.0.1:$REDIS_PORT" exec node app.js >"$OUT/express-full.log" 2>&1) &
      STARTED_PID=$!; PIDS+=("$STARTED_PID")
      URL="http://127.0.0.1:$EXPRESS_PORT"; wait_http "$URL/login" 30 || die "express-full did not start" ;;
    *) die "unknown target: $1" ;;
  esac
}

if [[ " $TARGETS " == *" express-full "* ]] && ! [ -d "$PEERS/express-full/node_modules" ]; then
  (cd "$PEERS/express-full" && timeout 300 npm ci --no-audit --no-fund >/dev/null 2>&1) || die "npm ci failed"
fi
start_redis
{
  echo "# Bytes per stored session in Redis ($(date '+%F %T'), $(redis-server --version | grep -o 'v=[0-9.]*'))"
  echo
  echo "| target | moment | key | type, encoding | bytes (MEMORY USAGE) |"
  echo "|---|---|---|---|---|"
} | tee "$OUT/report.md"
for target in $TARGETS; do
  if [[ "$target" == jar=* ]]; then JAR=${target#jar=}; continue; fi
  [ "$target" = redis ] && [ -z "${JAR:-}" ] && build_jar  # no jar named: the one built here
  redis-cli -p "$REDIS_PORT" FLUSHALL >/dev/null
  start_target "$target"
  label=$target; [ "$target" = redis ] && label="redis ($(basename "$JAR"))"
  jar="$OUT/cookies-$target"; rm -f "$jar"
  sign_in_form "$URL" "$jar" "Alice"
  report "$label" "signed in, name only" | tee -a "$OUT/report.md"
  [ "$(home_is "$URL" "$jar" Alice)" = ok ] || die "$target: the signed-in page did not greet Alice"
  report "$label" "after one page" | tee -a "$OUT/report.md"
  stop "$STARTED_PID"; wait "$STARTED_PID" 2>/dev/null; forget "$STARTED_PID"
done
log "report: $OUT/report.md"
