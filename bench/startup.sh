#!/usr/bin/env bash
# Start-up: how long a new instance takes to help, from process start to the first served
# page and to a signed-in user's page, for the ways of starting the jar (the "before" way
# can start another one: BEFORE_JAR), interleaved in rounds on this machine.
#
#   bench/startup.sh                         # every variant, REPEAT (5) rounds, ~8 min
#   VARIANTS="before aot-25" REPEAT=9 bench/startup.sh
#
# Variants:
#   before    the previous image: Java 17, the jar's layers extracted with Spring Boot's
#             launcher (JarLauncher), no archive; BEFORE_JAR names another jar for it (the
#             application as it was before, say)
#   java-17   Java 17, the jar extracted as application.jar + lib/ (what CDS needs)
#   cds-17    the same with a CDS archive (-XX:SharedArchiveFile) from a training run
#   java-25   Java 25 (JAVA25_HOME), extracted, no cache
#   aot-25    Java 25 with an AOT cache (-XX:AOTCache) from a training run: the image's way
#   aot-25-h2 the same with the cache trained on H2 (the image's earlier way), whatever
#             TRAIN_STORE says: what training on the store itself gains, in the same rounds
# Every variant but "before" runs with the JVM options of the Dockerfile's ENTRYPOINT.
# The training runs are deploy/training-run.sh (what the Dockerfile runs): sign-in, every
# page, the forms, sign-out, five times, on TRAIN_STORE (redis, as the Dockerfile does; h2
# or postgres to see what training on another store than the one started costs).
# Knobs: VARIANTS, REPEAT (5), BEFORE_JAR, STORE (redis, as the container runs; h2, postgres, memory),
# TRAIN_STORE (redis), JAVA25_HOME (default: the first JDK 25 under /usr/lib/jvm), ports
# APP_PORT (8083), REDIS_PORT (6393),
# PG_PORT (5444).
# Prints per variant the median and range of: ms to the first 200 from /login, ms to a
# signed-in user's page (sign-in included), Spring's own "Started in", the ratio to
# "before" within each round, and the size of the archive.
set -u -o pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
VARIANTS="${VARIANTS:-before java-17 cds-17 java-25 aot-25}"
REPEAT="${REPEAT:-5}"
STORE="${STORE:-redis}" TRAIN_STORE="${TRAIN_STORE:-redis}"
APP_PORT="${APP_PORT:-8083}" REDIS_PORT="${REDIS_PORT:-6393}" PG_PORT="${PG_PORT:-5444}"
OUT="$HERE/results/startup-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

. "$HERE/lib.sh"

[ "${NO_INSTALL:-0}" = 1 ] || install_packages curl jq redis-server redis-tools postgresql procps
JAVA17=java
JAVA25=""; [[ " $VARIANTS " == *-25* ]] && { JAVA25=$(java_of "variant@25") || exit 1; }
# The options the image starts the JVM with: the Dockerfile's ENTRYPOINT between "java" and
# "-jar", without its cache. The previous image's: ParallelGC, heap from the memory limit.
mapfile -t IMAGE_OPTS < <(sed -n 's/^ENTRYPOINT //p' "$ROOT/Dockerfile" | jq -r '.[1:-2][]' | grep -v '^-XX:AOTCache=')
[ ${#IMAGE_OPTS[@]} -gt 0 ] || die "cannot read the Dockerfile's ENTRYPOINT"
BEFORE_OPTS=(-XX:+UseParallelGC -XX:MaxRAMPercentage=75)

build_jar
[ -z "${BEFORE_JAR:-}" ] || [ -f "$BEFORE_JAR" ] || die "no such jar: $BEFORE_JAR"
java -Djarmode=tools -jar "${BEFORE_JAR:-$JAR}" extract --layers --launcher --destination "$OUT/launcher-layers" >/dev/null \
  || die "extracting the layers failed"
cp "$JAR" "$OUT/application.jar"
java -Djarmode=tools -jar "$OUT/application.jar" extract --layers --destination "$OUT/app-layers" >/dev/null \
  || die "extracting the layers failed"
mkdir -p "$OUT/launcher" "$OUT/app"
for layer in dependencies spring-boot-loader snapshot-dependencies application; do
  cp -r "$OUT/launcher-layers/$layer/." "$OUT/launcher/"
  cp -r "$OUT/app-layers/$layer/." "$OUT/app/"
done

[[ " $STORE $TRAIN_STORE " == *" redis "* ]] && start_redis
[[ " $STORE $TRAIN_STORE " == *" postgres "* ]] && start_postgres

command_of() {  # variant -> the command, one word per line, run in its directory
  case "$1" in
    before)  printf '%s\n' "$JAVA17" "${BEFORE_OPTS[@]}" org.springframework.boot.loader.launch.JarLauncher ;;
    java-17) printf '%s\n' "$JAVA17" "${IMAGE_OPTS[@]}" -jar application.jar ;;
    cds-17)  printf '%s\n' "$JAVA17" -XX:SharedArchiveFile=app.jsa "${IMAGE_OPTS[@]}" -jar application.jar ;;
    java-25) printf '%s\n' "$JAVA25" "${IMAGE_OPTS[@]}" -jar application.jar ;;
    aot-25)  printf '%s\n' "$JAVA25" -XX:AOTCache=app.aot "${IMAGE_OPTS[@]}" -jar application.jar ;;
    aot-25-h2) printf '%s\n' "$JAVA25" -XX:AOTCache=app-h2.aot "${IMAGE_OPTS[@]}" -jar application.jar ;;
    *) die "unknown variant $1" ;;
  esac
}
dir_of() { [ "$1" = before ] && echo "$OUT/launcher" || echo "$OUT/app"; }

mapfile -t STORE_ARGS < <(app_args "$STORE" "$APP_PORT")
mapfile -t TRAIN_ARGS < <(app_args "$TRAIN_STORE" "$APP_PORT")
# Every start finds the same (empty) store: a fresh H2 file, an empty Redis or table.
reset_store() {
  rm -rf "$OUT/h2"
  [[ " $STORE $TRAIN_STORE " == *" redis "* ]] && redis-cli -p "$REDIS_PORT" FLUSHALL >/dev/null
  [[ " $STORE $TRAIN_STORE " == *" postgres "* ]] && psql_bench -d sessions -c "TRUNCATE spring_session CASCADE" >/dev/null 2>&1
  return 0
}

# Training runs: the archive each cached variant starts with.
for v in $VARIANTS; do
  train_args=("${TRAIN_ARGS[@]}")
  case "$v" in
    cds-17) archive=(-XX:ArchiveClassesAtExit=app.jsa); java_bin=$JAVA17 ;;
    aot-25) archive=(-XX:AOTCacheOutput=app.aot); java_bin=$JAVA25 ;;
    aot-25-h2) archive=(-XX:AOTCacheOutput=app-h2.aot); java_bin=$JAVA25
               mapfile -t train_args < <(app_args h2 "$APP_PORT") ;;
    *) continue ;;
  esac
  reset_store
  log "training run for $v"
  (cd "$OUT/app" && "$ROOT/deploy/training-run.sh" "$APP_PORT" \
    "$java_bin" "${archive[@]}" "${IMAGE_OPTS[@]}" -jar application.jar "${train_args[@]}") \
    >"$OUT/training-$v.log" 2>&1 || die "training run for $v failed (see $OUT/training-$v.log)"
done

# One start: sets SERVED and SIGNED (ms to the first page, to a signed-in page) and STARTED
# (Spring's own figure, ms).
measure() {  # variant round
  local log="$OUT/$1-r$2.log" start cmd site="http://127.0.0.1:$APP_PORT" jar="$OUT/user.jar"
  mapfile -t cmd < <(command_of "$1")
  reset_store; rm -f "$jar"
  port_busy "$APP_PORT" && die "port $APP_PORT is taken"
  start=$(now_ms)
  (cd "$(dir_of "$1")" && exec "${cmd[@]}" "${STORE_ARGS[@]}") >"$log" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  until [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "$site/login")" = 200 ]; do
    alive "$pid" || die "$1 exited (see $log)"
    (( $(now_ms) - start < 300000 )) || die "$1 did not serve within 5 minutes (see $log)"
    sleep 0.02
  done
  SERVED=$(( $(now_ms) - start ))
  sign_in "$site" "$jar" "Newcomer"
  [ "$(home_is "$site" "$jar" "Newcomer")" = ok ] || die "$1: the signed-in page failed (see $log)"
  SIGNED=$(( $(now_ms) - start ))
  stop "$pid" 20
  STARTED=$(sed -n 's/.*Started [A-Za-z]* in \([0-9.]*\) seconds.*/\1/p' "$log" | head -1 \
    | awk '{ printf "%d", $1 * 1000 }')
  [ -n "$STARTED" ] || die "$1: no \"Started ... in\" line (see $log)"
}

for r in $(seq 1 "$REPEAT"); do
  for v in $VARIANTS; do
    measure "$v" "$r"
    log "round $r: $v first page $SERVED ms, signed-in page $SIGNED ms, Spring started in $STARTED ms"
    printf '%s\t%s\t%s\t%s\t%s\n' "$r" "$v" "$SERVED" "$SIGNED" "$STARTED" >>"$OUT/startup.tsv"
  done
done
cleanup

du -b "$OUT/app/app.jsa" "$OUT/app/app.aot" "$OUT/app/app-h2.aot" 2>/dev/null | awk '{ print $2, $1 }' | sed "s|$OUT/app/||" >"$OUT/archives.txt"
python3 - "$OUT" "$STORE" "$TRAIN_STORE" <<'EOF' | tee "$OUT/report.md"
import statistics, sys
from collections import defaultdict
out, store = sys.argv[1], sys.argv[2]
rows = [line.split("\t") for line in open(f"{out}/startup.tsv").read().splitlines()]
by = defaultdict(list)           # variant -> [(served, signed, started)]
rounds = defaultdict(dict)       # round -> variant -> served
for r, v, served, signed, started in rows:
    by[v].append((int(served), int(signed), int(started)))
    rounds[r][v] = int(served)
sizes = dict(line.split() for line in open(f"{out}/archives.txt").read().splitlines())
archive = {"cds-17": "app.jsa", "aot-25": "app.aot", "aot-25-h2": "app-h2.aot"}
def med(values, fmt="{:.0f}"):
    m = fmt.format(statistics.median(values))
    return m if len(values) == 1 else f"{m} ({fmt.format(min(values))}–{fmt.format(max(values))})"
print(f"Store: {store}; trained on {sys.argv[3]}; {max(len(v) for v in by.values())} rounds; median (range).\n")
print("| variant | process start to first page, ms | × before | to a signed-in page, ms | Spring's \"Started in\", ms | archive |")
print("|---|---|---|---|---|---|")
for v, runs in by.items():
    ratios = [rv[v] / rv["before"] for rv in rounds.values() if "before" in rv and v in rv]
    size = sizes.get(archive.get(v, ""), "")
    print(f"| {v} | {med([s for s, _, _ in runs])} | {med(ratios, '{:.2f}') if ratios else '–'} | "
          f"{med([g for _, g, _ in runs])} | {med([t for _, _, t in runs])} | "
          f"{f'{int(size) / 1e6:.0f} MB' if size else '–'} |")
EOF
log "done: $OUT/report.md"
