# Shared by the bench/ scripts: process bookkeeping, a Redis and a PostgreSQL of their own on
# loopback, nginx, starting the application, reading its threads and the store's CPU, users
# with curl, and filling H2, PostgreSQL or Redis with sessions in the app's layout (the SQL
# stores need JAR and unzip; Redis python3 and redis-cli). Expects OUT (results directory)
# and the port variables REDIS_PORT and PG_PORT to be set by the caller.

log() { echo "[bench $(date +%T)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

PIDS=()
# Whether PID is still running (a process that exited but was not reaped yet is not).
alive() { local state; state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1; [[ "$state" != Z* ]]; }
stop() {  # stop PID [SECONDS]: TERM, then KILL after SECONDS (10)
  local pid=$1 i
  forget "$pid"
  alive "$pid" || { wait "$pid" 2>/dev/null; return 0; }
  kill -TERM "$pid" 2>/dev/null
  for i in $(seq 1 $(( ${2:-10} * 5 ))); do alive "$pid" || break; sleep 0.2; done
  alive "$pid" && kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  return 0
}
# A stopped process leaves the list: its number may be reused by another process.
forget() { local p kept=(); for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || kept+=("$p"); done; PIDS=("${kept[@]}"); }
cleanup() { local i; for (( i=${#PIDS[@]}-1; i>=0; i-- )); do stop "${PIDS[$i]}"; done; PIDS=(); }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
seconds_since() { awk -v n="$(( $(date +%s%N) - $1 ))" 'BEGIN { printf "%.1f", n / 1e9 }'; }  # since a date +%s%N
trap cleanup EXIT
trap 'log interrupted; exit 130' INT TERM

# One line per check, PASS or FAIL with its figure; FAILED=1 once any check failed.
FAILED=0
verdict() {  # name ok(0/1) figure
  local word=PASS
  [ "$2" = 0 ] || { word=FAIL; FAILED=1; }
  echo "$word $1: $3" | tee -a "$OUT/verdicts.txt"
}

port_busy() { (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }
wait_http() {  # url seconds
  local deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "$1")" = 200 ] && return 0
    sleep 0.1
  done
  return 1
}

install_packages() {  # Debian packages that are missing
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "apt-get install ${missing[*]}"
    timeout 600 apt-get update -q >/dev/null || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -q --no-install-recommends "${missing[@]}" \
      >/dev/null || die "apt-get install failed"
  fi
}

start_redis() {
  port_busy "$REDIS_PORT" && die "port $REDIS_PORT is taken; set REDIS_PORT"
  mkdir -p "$OUT/redis"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$OUT/redis" \
    --logfile "$OUT/redis/redis.log" &
  REDIS_PID=$!; PIDS+=("$REDIS_PID")
  for _ in $(seq 1 50); do
    alive "$REDIS_PID" || die "redis on port $REDIS_PORT did not start (see $OUT/redis/redis.log)"
    [ "$(redis-cli -p "$REDIS_PORT" PING 2>/dev/null)" = PONG ] && return 0; sleep 0.1
  done
  die "redis did not start"
}

# A throwaway PostgreSQL cluster with pg_stat_statements (Debian's binaries); PostgreSQL
# refuses to run as root, so as root it runs as the postgres user.
start_postgres() {
  port_busy "$PG_PORT" && die "port $PG_PORT is taken; set PG_PORT"
  local bin as=() data="$OUT/postgres"
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  mkdir -p "$data"
  if [ "$(id -u)" = 0 ]; then chown postgres "$data"; as=(runuser -u postgres --); fi
  "${as[@]}" "$bin/initdb" -D "$data" -A trust -U postgres -E UTF8 >"$OUT/postgres-initdb.log" 2>&1 \
    || die "initdb failed (see $OUT/postgres-initdb.log)"
  "${as[@]}" "$bin/postgres" -D "$data" -p "$PG_PORT" -k "$data" -c listen_addresses=127.0.0.1 \
    -c shared_preload_libraries=pg_stat_statements -c max_connections=50 >"$OUT/postgres.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 100); do psql_bench -c "SELECT 1" >/dev/null 2>&1 && break; sleep 0.1; done
  psql_bench -c "CREATE DATABASE sessions" >/dev/null || die "postgres did not start"
  PG_PID=$(head -1 "$data/postmaster.pid")  # the server itself (under runuser as root)
  psql_bench -d sessions -c "CREATE EXTENSION pg_stat_statements" >/dev/null
}
psql_bench() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -X -q -A -t "$@"; }


# nginx with the repository's deploy/nginx.conf (what compose runs), its upstream pointed at
# the given loopback ports, listening on LB_PORT; requests that took a second or more are
# logged to $OUT/nginx/slow.log (when, how long, which instance, status). Sets BALANCER_PID.
start_balancer() {  # port...
  local servers="" p
  for p in "$@"; do servers+="server 127.0.0.1:$p; "; done
  mkdir -p "$OUT/nginx"
  : >"$OUT/nginx/slow.log"  # this balancer's requests only
  local slow='log_format slow "$time_iso8601 $request_time s $status $upstream_addr $upstream_status $upstream_response_time \\"$request\\"";'
  slow+=' map $request_time $slow { ~^0 0; default 1; }'
  slow+=" access_log $OUT/nginx/slow.log slow if=\$slow;"
  sed -e "s|server app-scaled:8080;|$servers|" -e "s|listen 80;|listen 127.0.0.1:$LB_PORT;|" \
    -e "s|access_log off;|$slow|" "$ROOT/deploy/nginx.conf" >"$OUT/nginx/nginx.conf"
  nginx -c "$OUT/nginx/nginx.conf" -p "$OUT/nginx" \
    -g "daemon off; pid $OUT/nginx/nginx.pid; error_log $OUT/nginx/error.log;" &
  BALANCER_PID=$!; PIDS+=("$BALANCER_PID")
  wait_http "http://127.0.0.1:$LB_PORT/login" 10 || die "nginx did not start"
}

build_jar() {
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests) || die "build failed"
  JAR="$(ls "$ROOT"/target/spring-session-reference-*.jar | head -1)"
}

# The application's arguments for one target: a store (memory, h2, redis or postgres), on
# this app's repositories, or with "-ss" (h2-ss, redis-ss, postgres-ss) on Spring Session's;
# "@25" (redis@25) names the Java release it runs on (java_of).
app_args() {  # target port
  set -- "${1%@*}" "$2"
  echo "--server.port=$2"
  echo "--management.server.port=${MGMT_PORT:-0}"  # 0: any free port
  echo "--server.address=127.0.0.1"; echo "--management.server.address=127.0.0.1"  # loopback only
  [[ "$1" == *-ss ]] && echo "--app.sessions.repository=spring-session"
  case "${1%-ss}" in
    memory)   echo "--spring.profiles.active=memory" ;;
    h2)       echo "--spring.datasource.url=$(H2_URL)" ;;
    redis)    echo "--spring.profiles.active=redis"; echo "--spring.data.redis.port=$REDIS_PORT" ;;
    postgres) echo "--spring.profiles.active=postgres"
              echo "--spring.datasource.url=jdbc:postgresql://127.0.0.1:$PG_PORT/sessions"
              echo "--spring.datasource.username=postgres"; echo "--spring.datasource.password=" ;;
  esac
}

# The java command of a target: the one on the PATH, or for "...@25" Java 25 (JAVA25_HOME,
# default the first JDK 25 under /usr/lib/jvm).
java_of() {  # target
  [[ "$1" == *@* ]] || { echo java; return; }
  local release=${1##*@} variable home
  [[ "$release" =~ ^[0-9]+$ ]] || die "not a Java release: $1"
  variable=JAVA${release}_HOME; home=${!variable:-}
  [ -n "$home" ] || home=$(ls -d /usr/lib/jvm/*-"$release"-* /usr/lib/jvm/*-"$release" 2>/dev/null | head -1)
  [ -x "$home/bin/java" ] || die "no Java $release found; set JAVA${release}_HOME"
  echo "$home/bin/java"
}

# Starts the application (JVM options: JAVA_OPTS, default ParallelGC; the jar: JAR) and
# waits until it serves; sets STARTED_PID. Arguments after the log go to the application and
# replace app_args' own of the same name (Spring would join the two values with a comma).
start_java() {  # target port log [app argument...]
  port_busy "$2" && die "port $2 is taken"
  local defaults args=() arg extra java
  mapfile -t defaults < <(app_args "$1" "$2"); java=$(java_of "$1") || exit 1
  for arg in "${defaults[@]}"; do
    for extra in "${@:4}"; do [[ "${extra%%=*}" == "${arg%%=*}" ]] && continue 2; done
    args+=("$arg")
  done
  "$java" ${JAVA_OPTS:--XX:+UseParallelGC} -jar "$JAR" "${args[@]}" "${@:4}" >>"$3" 2>&1 &
  STARTED_PID=$!; PIDS+=("$STARTED_PID")
  wait_http "http://127.0.0.1:$2/login" 120 || die "$1 did not start (see $3)"
}

# Each thread of a JVM: "tid group ticks switches kernel-ticks", the CPU ticks (user +
# system), the context switches (voluntary and not) and the system ticks alone (time in the
# kernel: system calls, waking and being woken) it has had so far (bench/ab.sh,
# bench/warmup.sh).
# Keyed by thread id, so that a thread started within a window counts from zero; one that
# ended within it is left out (both scripts' default JAVA_OPTS keep the JVM's compiler
# threads, and Tomcat ends only idle ones).
thread_snapshot() {  # pid
  local task
  for task in /proc/"$1"/task/*; do
    # utime and stime: fields 14 and 15, counted after the thread's name, which has spaces
    echo "${task##*/}|$(cat "$task/comm" 2>/dev/null)|$(sed 's/.*) //' "$task/stat" 2>/dev/null | awk '{ print $12 + $13 "|" $13 }')|$(
      awk '/^(non)?voluntary_ctxt_switches/ { s += $2 } END { print s + 0 }' "$task/status" 2>/dev/null)"
  done | awk -F'|' '
    { g = "" }
    $2 ~ /^(http-nio-|ForkJoinPool-)/ { g = "request-threads" } $2 ~ /^lettuce/ { g = "redis-client" }
    $2 ~ /^C[12] / { g = "jit" } $2 ~ /^(GC |ParGC|G1 |VM Thread)/ { g = "gc" }
    $3 != "" { print $1, (g == "" ? "rest" : g), $3, $5, $4 }'
}

# The CPU ticks (user + system) a store's server has had so far: Redis's process, or the
# PostgreSQL server with the processes it forked (a backend per connection, autovacuum's
# workers), those still running and, through the server's own count of its children's
# time, those that ended (one that ends between the two reads may be missed or counted
# twice: a backend lives as long as its pooled connection); nothing for memory and H2.
store_ticks() {  # target
  local p
  case "${1%%[-@]*}" in
    redis) sed 's/.*) //' "/proc/$REDIS_PID/stat" | awk '{ print $12 + $13 }' ;;
    postgres)  # utime stime cutime cstime: fields 14 to 17
      { sed 's/.*) //' "/proc/$PG_PID/stat" | awk '{ print $12 + $13 + $14 + $15 }'
        for p in $(pgrep -P "$PG_PID"); do sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{ print $12 + $13 }'; done
      } | awk '{ t += $1 } END { print t + 0 }' ;;
    *) echo 0 ;;
  esac
}
# Users, with curl: each keeps a cookie jar in $OUT/users/.
csrf() { grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
sign_in() {  # url jar name
  local token; token=$(curl -s -c "$2" -b "$2" "$1/login" | csrf)
  curl -s -o /dev/null -c "$2" -b "$2" --data-urlencode "_csrf=$token" --data-urlencode "name=$3" "$1/login"
}
sign_out() {  # url jar
  local token; token=$(curl -s -c "$2" -b "$2" "$1/" | csrf)
  curl -s -o /dev/null -c "$2" -b "$2" --data-urlencode "_csrf=$token" "$1/logout"
}
# What the home page says to this user: "ok" (own name), "login" (signed out), "mismatch"
# (another name: the worst failure), or "failed" (anything else: 5xx, no answer).
home_is() {  # url jar name
  local answer status body
  answer=$(curl -s -m 5 -b "$2" -w '\n%{http_code}' "$1/") || { echo failed; return; }
  status=${answer##*$'\n'}; body=${answer%$'\n'*}
  if [ "$status" = 200 ] && [[ "$body" == *"You are registered as $3."* ]]; then echo ok
  elif [ "$status" = 302 ]; then echo login
  elif [ "$status" = 200 ]; then echo mismatch
  else echo failed; fi
}

sign_in_users() {  # url
  rm -rf "$OUT/users"; mkdir -p "$OUT/users"
  local i; for i in $(seq 1 "$USERS"); do sign_in "$1" "$OUT/users/$i" "user-$i"; done
}
signed_in_users() {  # url
  local i n=0
  for i in $(seq 1 "$USERS"); do [ "$(home_is "$1" "$OUT/users/$i" "user-$i")" = ok ] && n=$((n + 1)); done
  echo "$n"
}

# --- Filling a store in the app's layout (bench/million.sh; bench/ab.sh's fill=) ---------

# Spring Session's own schema scripts, from the jar the app runs (the app's initializer
# finds the tables there and goes on).
schema_sql() {  # postgresql|h2
  local lib; lib=$(unzip -Z1 "$JAR" | grep 'BOOT-INF/lib/spring-session-jdbc-.*\.jar$') || die "no spring-session-jdbc in $JAR"
  unzip -p "$JAR" "$lib" >"$OUT/spring-session-jdbc.jar"
  unzip -p "$OUT/spring-session-jdbc.jar" "org/springframework/session/jdbc/schema-$1.sql"
}

# INSERT ... SELECT statements for H2 and PostgreSQL: the session rows, then their
# attributes as the app writes them for a signed-in user (JSON: the name, the page count).
# Sessions live for FILL_LIFETIME seconds from now (1800; in the future: million.sh's old
# count counts them; bench/ab.sh gives them 12 h, so that no sweep empties the store during
# its run). Ids ascend with the row number: H2's copy-on-write B-trees take random ids
# about 4 times slower and 7 times larger, and no query looks at them in order.
fill_rows() {  # range-expression column
  local now lifetime=${FILL_LIFETIME:-1800}; now=$(now_ms)
  local id="'bench-' || LPAD(CAST($2 AS VARCHAR), 30, '0')" name="'user-' || $2"
  echo "INSERT INTO SPRING_SESSION (PRIMARY_ID, SESSION_ID, CREATION_TIME, LAST_ACCESS_TIME, MAX_INACTIVE_INTERVAL,
    EXPIRY_TIME, PRINCIPAL_NAME)
  SELECT $id, LPAD(CAST($2 AS VARCHAR), 32, '0'), $now, $now, $lifetime,
    $now + $((lifetime * 1000)), $name FROM $1;"
  local attribute json
  for attribute in name visits; do
    json="'\"' || $name || '\"'"; [ "$attribute" = visits ] && json="'0'"
    echo "INSERT INTO SPRING_SESSION_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
  SELECT $id, '$attribute', CAST($json AS BYTEA) FROM $1;"
  done
}
# The name's index in Redis is under Spring Session's attribute name (RedisKeys.nameIndex).
INDEX_ATTRIBUTE=org.springframework.session.FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME

# RESP for redis-cli --pipe into the Redis on REDIS_PORT, emptied first: per session the
# hash (the fields RedisSessionStore writes for a signed-in user: times as plain digits,
# attributes as JSON: the name, the page count) with an idle timeout of FILL_LIFETIME
# seconds (1800, as the app's default), and the name's index set with the absolute lifetime
# (12 h, or FILL_LIFETIME if longer), as redis-index.lua keeps it. million.sh's
# check_filled_session proves the layout.
redis_fill() {  # n
  local lifetime=${FILL_LIFETIME:-1800}
  redis-cli -p "$REDIS_PORT" FLUSHALL >/dev/null
  python3 - "$1" "$(now_ms)" "$lifetime" "$INDEX_ATTRIBUTE" <<'EOF' | timeout 600 redis-cli -p "$REDIS_PORT" --pipe >"$OUT/redis-fill-$1.log" 2>&1
import base64, os, sys
n, now, idle = int(sys.argv[1]), sys.argv[2].encode(), int(sys.argv[3])
ttl, index_ttl = b"%d" % (idle * 1000), b"%d" % (max(idle, 43200) * 1000)
INDEX = sys.argv[4].encode()
def cmd(*args):
    return b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in args)
out, batch = sys.stdout.buffer, []
for i in range(1, n + 1):
    sid = base64.urlsafe_b64encode(os.urandom(24))  # 32 chars, like RandomSessionIdGenerator
    key, name, index = b"spring:session:sessions:" + sid, b'"user-%d"' % i, b"spring:session:index:%s:user-%d" % (INDEX, i)
    batch += [cmd(b"HSET", key, b"creationTime", now, b"lastAccessedTime", now, b"maxInactiveInterval", b"%d" % idle,
                  b"sessionAttr:name", name, b"sessionAttr:visits", b"0"),
              cmd(b"PEXPIRE", key, ttl), cmd(b"SADD", index, sid), cmd(b"PEXPIRE", index, index_ttl)]
    if len(batch) >= 40000:
        out.write(b"".join(batch)); batch.clear()
out.write(b"".join(batch))
EOF
  grep -q '^errors: 0,' "$OUT/redis-fill-$1.log" || die "redis fill: commands failed (see $OUT/redis-fill-$1.log)"
  [ "$(redis-cli -p "$REDIS_PORT" DBSIZE)" = $(( 2 * $1 )) ] || die "redis fill: DBSIZE is not 2 x $1 (see $OUT/redis-fill-$1.log)"
}

H2_URL() { echo "jdbc:h2:file:$OUT/h2/sessions"; }
h2_jar() {  # the H2 the app runs: the file format must match
  local lib; lib=$(unzip -Z1 "$JAR" | grep 'BOOT-INF/lib/h2-.*\.jar$') || die "no h2 in $JAR"
  [ -f "$OUT/h2.jar" ] || unzip -p "$JAR" "$lib" >"$OUT/h2.jar"
  echo "$OUT/h2.jar"
}
# H2 is opened by one process at a time: filled before the app starts.
h2_fill() {  # n
  local h2 status=0
  rm -rf "$OUT/h2"
  { schema_sql h2; fill_rows "SYSTEM_RANGE(1, $1)" X; } >"$OUT/h2-fill.sql"
  h2=$(h2_jar) || exit 1
  timeout 600 java -cp "$h2" org.h2.tools.RunScript -url "$(H2_URL)" -user sa -password "" \
    -script "$OUT/h2-fill.sql" >"$OUT/h2-fill-$1.log" 2>&1 || status=$?
  [ "$status" != 124 ] || die "h2 fill of $1 sessions took more than 600 s"
  [ "$status" = 0 ] || die "h2 fill failed (see $OUT/h2-fill-$1.log)"
}
