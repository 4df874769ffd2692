#!/usr/bin/env bash
# Scale-out checks on loopback: what docker-compose.yml and the Dockerfile describe, run as
# local processes (no Docker engine needed). The app runs as the image runs it: the layered
# jar extracted like the Dockerfile does, its AOT cache written by the Dockerfile's training
# run, on the Java release of the image (JAVA25_HOME for 25; default the first JDK of that
# release under /usr/lib/jvm), started with the Dockerfile's ENTRYPOINT and the
# environment that `docker-compose config` gives its service, and judged healthy by the
# Dockerfile's HEALTHCHECK command. Only host names and ports are changed for loopback.
# Each check prints PASS or FAIL with its figures; the script exits non-zero if any failed.
#
#   bench/scale.sh                          # every check, ~8 min
#   CHECKS="sentinel sentinel-frozen cluster" bench/scale.sh
#
# Checks:
#   redis     two instances on one Redis (with a password, as in compose) behind nginx
#             (deploy/nginx.conf, round robin, no sticky sessions): signed in through the
#             balancer, signed in on both instances; a new sign-in and a cart item on one
#             are seen on the other; sign-out on one ends it on both; USERS users keep loading their pages
#             while one instance is killed (SIGKILL): nobody is signed out or sees another
#             user's name, failed requests are counted.
#   postgres  the same, both instances on one PostgreSQL.
#   sentinel  one Redis master, one replica, three sentinels (redis-server --sentinel),
#             the app configured only by SPRING_DATA_REDIS_SENTINEL_*: USERS users signed
#             in, the master killed; figures: requests failed and seconds until served again;
#             afterwards every user is still signed in.
#   sentinel-frozen  the same, the master frozen (SIGSTOP) instead: a host that hangs keeps
#             its connections open.
#   cluster   Redis Cluster of 3 masters + 3 replicas (redis-cli --cluster create), the app
#             configured only by SPRING_DATA_REDIS_CLUSTER_NODES: sessions spread over every
#             master; a master killed; the same figures.
# Everything it starts listens on 127.0.0.1 from BASE_PORT (18000) up and is stopped at exit.
set -u -o pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
CHECKS="${CHECKS:-redis postgres sentinel sentinel-frozen cluster}"
USERS="${USERS:-16}"
SECONDS_UNDER_LOAD="${SECONDS_UNDER_LOAD:-20}"
BASE_PORT="${BASE_PORT:-18000}"
REDIS_PORT=$((BASE_PORT + 1)) PG_PORT=$((BASE_PORT + 2)) LB_PORT=$((BASE_PORT + 3))
OUT="$HERE/results/scale-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

. "$HERE/lib.sh"


# --- The image, reproduced ----------------------------------------------------------------

# The jar's layers, extracted and merged into one directory as the Dockerfile's COPY lines
# do; then the Dockerfile's training run writes the AOT cache, on the Java release the image
# runs (JAVA25_HOME for 25) and a port of this script's.
extract_image() {
  local layers="$OUT/layers" layer java training
  cp "$JAR" "$OUT/application.jar"
  java -Djarmode=tools -jar "$OUT/application.jar" extract --layers --destination "$layers" >/dev/null \
    || die "extracting the layers failed"
  mkdir -p "$OUT/image"
  for layer in $(grep -o 'extracted/[a-z-]*/' "$ROOT/Dockerfile" | cut -d/ -f2); do
    cp -r "$layers/$layer/." "$OUT/image/"
  done
  java=$(java_of "image@$(sed -n 's/^FROM eclipse-temurin:\([0-9]*\)-jre AS runtime$/\1/p' "$ROOT/Dockerfile")") || exit 1
  mapfile -t ENTRYPOINT < <(sed -n 's/^ENTRYPOINT //p' "$ROOT/Dockerfile" | jq -r '.[]')
  mapfile -t HEALTHCHECK < <(sed -n 's/^ *CMD \(\[.*\]\)$/\1/p' "$ROOT/Dockerfile" | jq -r '.[]')
  read -ra training < <(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$ROOT/Dockerfile" | sed -n 's/^RUN .* && training-run\.sh \(.*\) && redis-cli .*/\1/p')
  [ ${#ENTRYPOINT[@]} -gt 0 ] && [ ${#HEALTHCHECK[@]} -gt 0 ] && [ ${#training[@]} -gt 2 ] \
    || die "cannot read the Dockerfile"
  ENTRYPOINT[0]=$java
  local port=$((BASE_PORT + 9)) redis
  # The Dockerfile trains on a Redis of the training stage's own; here one on REDIS_PORT.
  start_redis; redis=${PIDS[-1]}
  training=("${training[@]/#--spring.data.redis.port=*/--spring.data.redis.port=$REDIS_PORT}")
  (cd "$OUT/image" && "$ROOT/deploy/training-run.sh" "$port" "$java" "${training[@]:2}" --server.port="$port") \
    >"$OUT/training.log" 2>&1 || die "the training run failed (see $OUT/training.log)"
  stop "$redis"
  [ -s "$OUT/image/app.aot" ] || die "the training run wrote no cache (see $OUT/training.log)"
}

# A compose service's environment, interpolated by docker-compose itself (KEY=VALUE lines).
compose_env() {  # service
  (cd "$ROOT" && docker-compose --profile postgres --profile scale config) \
    | yq -r --arg s "$1" '.services[$s].environment | to_entries[] | "\(.key)=\(.value)"'
}

# Starts one instance like a container of SERVICE, with loopback addresses in place of
# compose's host names; waits until the Dockerfile's HEALTHCHECK passes. Sets STARTED_PID.
start_instance() {  # service port management-port log [VAR=value ...]
  local service=$1 port=$2 management=$3 log=$4; shift 4
  port_busy "$port" && die "port $port is taken"
  local env; mapfile -t env < <(compose_env "$service")
  [ ${#env[@]} -gt 0 ] || die "no environment for $service in docker-compose.yml"
  (cd "$OUT/image" && exec env "${env[@]}" SERVER_PORT="$port" MANAGEMENT_SERVER_PORT="$management" "$@" \
    "${ENTRYPOINT[@]}") >>"$log" 2>&1 &
  STARTED_PID=$!; PIDS+=("$STARTED_PID")
  local i
  for i in $(seq 1 240); do
    MANAGEMENT_SERVER_PORT="$management" timeout 3 "${HEALTHCHECK[@]}" 2>/dev/null && return 0
    alive "$STARTED_PID" || die "$service on $port exited (see $log)"
    sleep 0.5
  done
  die "$service on $port did not become healthy (see $log)"
}

# Every user loads its page over and over until the file STOP appears; one line per answer.
load_pages() {  # url
  rm -f "$OUT/answers" "$OUT/stop"
  local i
  for i in $(seq 1 "$USERS"); do
    ( while [ ! -e "$OUT/stop" ]; do home_is "$1" "$OUT/users/$i" "user-$i"; done >>"$OUT/answers" ) &
  done
}
stop_pages() { touch "$OUT/stop"; wait_for_jobs; }
wait_for_jobs() { local job; for job in $(jobs -p); do [[ " ${PIDS[*]} " == *" $job "* ]] || wait "$job"; done; }
count() { grep -c "^$1\$" "$OUT/answers"; }

# One user's page, loaded every 100 ms from now until it shows the user's name again.
# Prints "<failed requests> <seconds>"; gives up after 60 s.
watch_recovery() {  # url jar name
  local start failed=0 answer; start=$(now_ms)
  while (( $(now_ms) - start < 60000 )); do
    answer=$(home_is "$1" "$2" "$3")
    [ "$answer" = ok ] && break
    failed=$((failed + 1))
    [ "$answer" = failed ] || echo "$answer" >>"$OUT/recovery-surprises"
    sleep 0.1
  done
  awk -v f="$failed" -v ms="$(( $(now_ms) - start ))" 'BEGIN { printf "%d %.1f\n", f, ms / 1000 }'
}

# --- The checks ------------------------------------------------------------------------------

# Two instances of SERVICE behind nginx.
check_balanced() {  # label service [VAR=value ...]
  local label=$1 service=$2; shift 2
  local a=$((BASE_PORT + 10)) b=$((BASE_PORT + 11))
  start_instance "$service" "$a" $((a + 100)) "$OUT/$label-1.log" "$@"; local first=$STARTED_PID
  start_instance "$service" "$b" $((b + 100)) "$OUT/$label-2.log" "$@"; local second=$STARTED_PID
  start_balancer "$a" "$b"
  local lb="http://127.0.0.1:$LB_PORT" one="http://127.0.0.1:$a" two="http://127.0.0.1:$b" jar="$OUT/$label.jar"
  rm -f "$jar"

  sign_in "$lb" "$jar" Ada
  local on_one on_two; on_one=$(home_is "$one" "$jar" Ada); on_two=$(home_is "$two" "$jar" Ada)
  verdict "$label: signed in through the balancer, signed in on both instances" \
    $([ "$on_one $on_two" = "ok ok" ]; echo $?) "instance 1: $on_one, instance 2: $on_two"

  sign_in "$one" "$jar" Grace
  local seen; seen=$(home_is "$two" "$jar" Grace)
  verdict "$label: a sign-in on one instance is seen on the other" $([ "$seen" = ok ]; echo $?) "$seen"

  local token cart
  token=$(curl -s -b "$jar" -c "$jar" "$one/shop" | csrf)
  curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "_csrf=$token" --data "product=mug" "$one/shop/add"
  cart=$(curl -s -b "$jar" "$two/shop" | grep -o '[0-9]* items\? in the cart' | head -1)
  verdict "$label: a cart item added on one instance is in the cart on the other" \
    $([ "$cart" = "1 item in the cart" ]; echo $?) "instance 2 says: ${cart:-nothing}"

  cp "$jar" "$jar.old"
  sign_out "$two" "$jar"
  local replay; replay=$(home_is "$one" "$jar.old" Grace)
  verdict "$label: sign-out on one instance ends the session on the other" \
    $([ "$replay" = login ]; echo $?) "old cookie on the other instance: $replay"

  sign_in_users "$lb"
  load_pages "$lb"
  sleep $((SECONDS_UNDER_LOAD / 2))
  { kill -KILL "$second"; wait "$second"; } 2>/dev/null
  sleep $((SECONDS_UNDER_LOAD / 2))
  stop_pages
  local still; still=$(signed_in_users "$lb")
  local ok failed login mismatch
  ok=$(count ok); failed=$(count failed); login=$(count login); mismatch=$(count mismatch)
  verdict "$label: one of two instances killed under load ($USERS users)" \
    $(( login + mismatch > 0 || still != USERS )) \
    "$ok pages served, $failed failed, $login signed out, $mismatch showed another user; still signed in $still/$USERS"
  stop "$first"
  stop "$BALANCER_PID"
}

check_redis() {
  REDIS_PASSWORD=$(compose_env app-scaled | sed -n 's/^SPRING_DATA_REDIS_PASSWORD=//p')
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --requirepass "$REDIS_PASSWORD" --save "" --appendonly no \
    --dir "$OUT" --logfile "$OUT/redis.log" &
  local redis=$!; PIDS+=("$redis")
  check_balanced redis app-scaled SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT="$REDIS_PORT"
  stop "$redis"
}

check_postgres() {
  start_postgres
  local user password
  user=$(compose_env app-postgres | sed -n 's/^SPRING_DATASOURCE_USERNAME=//p')
  password=$(compose_env app-postgres | sed -n 's/^SPRING_DATASOURCE_PASSWORD=//p')
  psql_bench -c "CREATE ROLE $user LOGIN PASSWORD '$password'" >/dev/null
  psql_bench -c "ALTER DATABASE sessions OWNER TO $user" >/dev/null
  check_balanced postgres app-postgres SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/sessions"
}

# Waits until the master's replicas have everything it has now (WAIT would not do: it waits
# only for the calling client's own writes, and redis-cli has none).
await_replicas() {  # master-port
  local written i
  written=$(redis-cli -p "$1" INFO replication | tr -d '\r' | sed -n 's/^master_repl_offset://p')
  for i in $(seq 1 500); do
    redis-cli -p "$1" INFO replication | tr -d '\r' | awk -F'offset=' -v written="$written" '
      /^slave[0-9]+:/ { replicas++; split($2, acked, ","); if (acked[1] + 0 < written + 0) behind++ }
      END { exit !(replicas > 0 && behind == 0) }' && return 0
    sleep 0.02
  done
  die "the replicas of $1 did not catch up"
}

# Runs a command that takes a Redis master away (the users signed in already), and measures
# until the page of USER (whose session lived on that master) is served again.
measure_failover() {  # label url kill-command user
  local label=$1 url=$2 kill_master=$3 user=$4
  rm -f "$OUT/recovery-surprises"
  eval "$kill_master"
  local failed seconds; read -r failed seconds < <(watch_recovery "$url" "$OUT/users/$user" "user-$user")
  local still; still=$(signed_in_users "$url")
  local surprises; surprises=$(sort "$OUT/recovery-surprises" 2>/dev/null | uniq -c | tr -s ' \n' ' ')
  verdict "$label, replica promoted" $(( still != USERS )) \
    "requests failed during failover $failed, served again after ${seconds}s, still signed in $still/$USERS${surprises:+, other answers: $surprises}"
}

check_sentinel() {
  sentinel_failover "master killed" KILL
}

check_sentinel-frozen() {
  sentinel_failover "master frozen (SIGSTOP)" STOP
}

sentinel_failover() {  # what-happens signal
  local master=$((BASE_PORT + 20)) replica=$((BASE_PORT + 21)) s nodes="" dir="$OUT/sentinel-$2" servers=()
  mkdir -p "$dir"
  redis-server --port "$master" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" \
    --logfile "$dir/master.log" &
  local master_pid=$!; PIDS+=("$master_pid"); servers+=("$master_pid")
  redis-server --port "$replica" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" \
    --replicaof 127.0.0.1 "$master" --logfile "$dir/replica.log" &
  PIDS+=($!); servers+=($!)
  for s in 22 23 24; do
    cat >"$dir/sentinel-$s.conf" <<EOF
port $((BASE_PORT + s))
bind 127.0.0.1
sentinel monitor sessions 127.0.0.1 $master 2
sentinel down-after-milliseconds sessions 1000
sentinel failover-timeout sessions 5000
EOF
    redis-server "$dir/sentinel-$s.conf" --sentinel --logfile "$dir/sentinel-$s.log" &
    PIDS+=($!); servers+=($!)
    nodes+="${nodes:+,}127.0.0.1:$((BASE_PORT + s))"
  done
  local i
  for i in $(seq 1 100); do
    redis-cli -p $((BASE_PORT + 22)) INFO sentinel 2>/dev/null | grep -q 'slaves=1,sentinels=3' && break
    sleep 0.2
  done
  local app=$((BASE_PORT + 30))
  start_instance app-scaled "$app" $((app + 100)) "$dir/app.log" SPRING_DATA_REDIS_HOST=127.0.0.1 \
    SPRING_DATA_REDIS_PASSWORD= SPRING_DATA_REDIS_SENTINEL_MASTER=sessions SPRING_DATA_REDIS_SENTINEL_NODES="$nodes"
  local pid=$STARTED_PID
  sign_in_users "http://127.0.0.1:$app"
  await_replicas "$master"
  measure_failover "sentinel (down-after-milliseconds 1000): $1" "http://127.0.0.1:$app" "kill -$2 $master_pid" 1
  stop "$pid"
  kill -CONT "$master_pid" 2>/dev/null
  for s in "${servers[@]}"; do stop "$s"; done
}

check_cluster() {
  local nodes=() list="" p i
  declare -A NODE_PID
  mkdir -p "$OUT/cluster"
  for i in 40 41 42 43 44 45; do
    p=$((BASE_PORT + i))
    redis-server --port "$p" --bind 127.0.0.1 --save "" --appendonly no --dir "$OUT/cluster" \
      --cluster-enabled yes --cluster-config-file "nodes-$p.conf" --cluster-node-timeout 1000 \
      --logfile "$OUT/cluster/$p.log" &
    PIDS+=($!); NODE_PID[$p]=$!; nodes+=("127.0.0.1:$p"); list+="${list:+,}127.0.0.1:$p"
  done
  for p in "${nodes[@]}"; do
    for i in $(seq 1 50); do redis-cli -p "${p#*:}" PING 2>/dev/null | grep -q PONG && break; sleep 0.1; done
  done
  redis-cli --cluster create "${nodes[@]}" --cluster-replicas 1 --cluster-yes >"$OUT/cluster/create.log" 2>&1 \
    || die "redis-cli --cluster create failed (see $OUT/cluster/create.log)"
  for i in $(seq 1 100); do
    redis-cli -p $((BASE_PORT + 40)) CLUSTER INFO | grep -q 'cluster_state:ok' && break; sleep 0.2
  done
  local app=$((BASE_PORT + 50))
  start_instance app-scaled "$app" $((app + 100)) "$OUT/cluster.log" SPRING_DATA_REDIS_HOST=127.0.0.1 \
    SPRING_DATA_REDIS_PASSWORD= SPRING_DATA_REDIS_CLUSTER_NODES="$list"
  local pid=$STARTED_PID
  sign_in_users "http://127.0.0.1:$app"
  local masters spread="" empty=0
  masters=$(redis-cli -p $((BASE_PORT + 40)) CLUSTER NODES | awk '$3 ~ /master/ { split($2, a, "[:@]"); print a[2] }')
  for p in $masters; do
    local keys; keys=$(redis-cli -p "$p" DBSIZE)
    spread+="${spread:+, }$p: $keys"
    [ "$keys" -gt 0 ] || empty=1
    await_replicas "$p"
  done
  verdict "cluster: sessions spread over every master" "$empty" "keys per master: $spread"
  # The master that holds user 1's session.
  local id slot victim
  id=$(awk '$6 == "SESSION" { print $7 }' "$OUT/users/1" | base64 -d)
  slot=$(redis-cli -p $((BASE_PORT + 40)) CLUSTER KEYSLOT "spring:session:sessions:$id")
  victim=$(redis-cli -p $((BASE_PORT + 40)) CLUSTER NODES | awk -v s="$slot" '$3 ~ /master/ {
    for (i = 9; i <= NF; i++) { n = split($i, r, "-"); hi = (n == 2) ? r[2] : r[1]
      if (r[1] + 0 <= s && s <= hi + 0) { split($2, a, "[:@]"); print a[2] } } }')
  [ -n "$victim" ] || die "cannot tell which master holds user 1's session"
  measure_failover "cluster (cluster-node-timeout 1000): master killed" "http://127.0.0.1:$app" "kill -KILL ${NODE_PID[$victim]}" 1
  stop "$pid"
}

[ "${NO_INSTALL:-0}" = 1 ] || install_packages redis-server redis-tools postgresql nginx curl procps jq yq docker-compose
(cd "$ROOT" && docker-compose --profile postgres --profile scale config -q) || die "docker-compose.yml does not validate"
echo "PASS docker-compose.yml validates (docker-compose config)" | tee -a "$OUT/verdicts.txt"
build_jar
extract_image
for check in $CHECKS; do
  case "$check" in
    redis|postgres|sentinel|sentinel-frozen|cluster) "check_$check" ;;
    *) die "unknown check $check" ;;
  esac
done
cleanup
echo
cat "$OUT/verdicts.txt"
exit "$FAILED"
