#!/usr/bin/env bash
# What a start of the image's way (Java 25 with the AOT cache from the training run) spends
# its time on: the JVM's own start, then Spring's start-up steps (reading the configuration
# classes and their conditions, creating the beans, creating the web servers), recorded by
# bench/StartupSteps.java, a launcher that runs the application's main class with Spring's
# step recording on (the cache is trained through it, so that it fits). The median of
# REPEAT starts on Redis.
#
#   bench/startup-steps.sh                   # ~3 min
#
# Knobs: REPEAT (5), JAVA25_HOME (default: the first JDK 25 under /usr/lib/jvm), ports
# APP_PORT (8087), REDIS_PORT (6397).
# Prints each step's median milliseconds and its share of the first page, nested as Spring
# nests the steps, down to those that take at least 2 % of it; the smaller ones are summed
# per level. The rest of a step's time is its own.
set -u -o pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
REPEAT="${REPEAT:-5}"
APP_PORT="${APP_PORT:-8087}" REDIS_PORT="${REDIS_PORT:-6397}"
OUT="$HERE/results/startup-steps-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

. "$HERE/lib.sh"

[ "${NO_INSTALL:-0}" = 1 ] || install_packages curl jq python3 redis-server redis-tools procps
for tool in curl jq python3 redis-server redis-cli; do command -v "$tool" >/dev/null || die "$tool is missing"; done
JAVA25=$(java_of "app@25") || exit 1
[ -x "$(dirname "$JAVA25")/javac" ] && [ -x "$(dirname "$JAVA25")/jar" ] \
  || die "Java 25 at $(dirname "$JAVA25") is not a JDK (javac and jar are needed); set JAVA25_HOME"
mapfile -t IMAGE_OPTS < <(sed -n 's/^ENTRYPOINT //p' "$ROOT/Dockerfile" | jq -r '.[1:-2][]' | grep -v '^-XX:AOTCache=')
[ ${#IMAGE_OPTS[@]} -gt 0 ] || die "cannot read the Dockerfile's ENTRYPOINT"

build_jar
cp "$JAR" "$OUT/application.jar"
java -Djarmode=tools -jar "$OUT/application.jar" extract --destination "$OUT/app" >/dev/null || die "extracting failed"
mkdir -p "$OUT/launcher"
"$(dirname "$JAVA25")/javac" --release 17 -d "$OUT/launcher" -cp "$OUT/app/application.jar:$OUT/app/lib/*" \
  "$HERE/StartupSteps.java" || die "compiling the launcher failed"
# A jar: a cache may not be trained with a directory on the class path.
"$(dirname "$JAVA25")/jar" cf "$OUT/app/launcher.jar" -C "$OUT/launcher" . || die "packing the launcher failed"
start_redis
mapfile -t ARGS < <(app_args redis "$APP_PORT")
LAUNCH=(-cp application.jar:launcher.jar StartupSteps)

log "training run"
(cd "$OUT/app" && "$ROOT/deploy/training-run.sh" "$APP_PORT" "$JAVA25" -XX:AOTCacheOutput=app.aot "${IMAGE_OPTS[@]}" \
  -Dsteps.file="$OUT/training-steps.tsv" "${LAUNCH[@]}" "${ARGS[@]}") >"$OUT/training.log" 2>&1 \
  || die "the training run failed (see $OUT/training.log)"

for r in $(seq 1 "$REPEAT"); do
  redis-cli -p "$REDIS_PORT" FLUSHALL >/dev/null
  port_busy "$APP_PORT" && die "port $APP_PORT is taken"
  start=$(now_ms)
  # AOTMode=on: a start that cannot use the cache fails instead of running without it.
  (cd "$OUT/app" && exec "$JAVA25" -XX:AOTCache=app.aot -XX:AOTMode=on "${IMAGE_OPTS[@]}" -Xlog:startuptime \
    -Dsteps.file="$OUT/steps-$r.tsv" "${LAUNCH[@]}" "${ARGS[@]}") >"$OUT/run-$r.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  until [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$APP_PORT/login")" = 200 ]; do
    alive "$pid" || die "start $r exited (see $OUT/run-$r.log)"
    (( $(now_ms) - start < 300000 )) || die "start $r did not serve within 5 minutes (see $OUT/run-$r.log)"
    sleep 0.02
  done
  served=$(( $(now_ms) - start ))
  # The steps are written once the application's start has returned, which may be just after
  # its first page.
  for _ in $(seq 1 300); do [ -s "$OUT/steps-$r.tsv" ] && break; sleep 0.1; done
  stop "$pid" 20
  [ -s "$OUT/steps-$r.tsv" ] || die "no steps recorded (see $OUT/run-$r.log)"
  vm=$(sed -n 's/.*\[startuptime *\] Create VM, \([0-9.]*\) secs/\1/p' "$OUT/run-$r.log" | awk '{ printf "%d", $1 * 1000 }')
  read -r started running < <(sed -n 's/.*Started [A-Za-z]* in \([0-9.]*\) seconds (process running for \([0-9.]*\)).*/\1 \2/p' \
    "$OUT/run-$r.log" | awk '{ printf "%d %d", $1 * 1000, $2 * 1000 }')
  [ -n "$vm" ] && [ -n "$started" ] && [ -n "$running" ] \
    || die "start $r: no \"Create VM\" or \"Started ... (process running for ...)\" line (see $OUT/run-$r.log)"
  printf '%s\t%s\t%s\t%s\t%s\n' "$r" "$served" "$vm" "$started" "$running" >>"$OUT/starts.tsv"
  log "start $r: first page after $served ms (the JVM created in $vm ms; Spring started in $started ms)"
done
cleanup

python3 - "$OUT" "$REPEAT" <<'EOF' >"$OUT/report.md" || die "the report failed"
import statistics, sys
from collections import defaultdict
out, repeat = sys.argv[1], int(sys.argv[2])
starts = [list(map(int, line.split("\t"))) for line in open(f"{out}/starts.tsv").read().splitlines()]
med = lambda values: statistics.median(values) if values else 0
served = med([s[1] for s in starts])
vm, started, running = (med([s[i] for s in starts]) for i in (2, 3, 4))
# Per start: each step keyed by its path of names (a bean by its name), summed where a key repeats.
durations = defaultdict(list)
children = defaultdict(set)
for r in range(1, repeat + 1):
    steps, per_key = {}, defaultdict(int)
    for line in open(f"{out}/steps-{r}.tsv").read().splitlines():
        sid, parent, name, ms, *tags = line.split("\t")
        tags = dict(t.split("=", 1) for t in (tags[0].split(" ") if tags and tags[0] else []) if "=" in t)
        label = name + (f" {tags['beanName']}" if "beanName" in tags else "")
        steps[sid] = (parent, label, int(ms))
    def path(sid):
        parent, label, _ = steps[sid]
        return (path(parent) if parent in steps else ()) + (label,)
    for sid, (parent, label, ms) in steps.items():
        key = path(sid)
        per_key[key] += ms
        if len(key) > 1:
            children[key[:-1]].add(key)
    for key, ms in per_key.items():
        durations[key].append(ms)
floor = 0.02 * served
print(f"{repeat} starts, Java 25 with the AOT cache, Redis; medians in ms. The site serves its first page")
print("before Spring's start has ended (the management server, whose steps are not recorded here,")
print("starts after it), so the steps add up to more than the first page.\n")
print("| step | ms | × the first page |")
print("|---|---:|---:|")
def row(label, ms, depth=0):
    print(f"| {'&nbsp;' * 4 * depth}{label} | {ms:.0f} | {ms / served:.2f} |")
def median_of(key):  # a step that some starts did not take counts as 0 ms in those
    return med(durations[key] + [0] * (repeat - len(durations[key])))
def show(keys, depth):
    rest = 0
    for key in sorted(keys, key=lambda k: -median_of(k)):
        ms = median_of(key)
        if ms < floor:
            rest += ms
            continue
        row(key[-1], ms, depth)
        show(children.get(key, ()), depth + 1)
    if rest >= floor / 2:
        row("the other steps here, each under 2 %", rest, depth)
row("process start to first page", served)
row("the JVM created (the cache mapped, its classes loaded)", vm, 1)
row("then until Spring's clock starts", running - started - vm, 1)
row("Spring's \"Started in\"", started, 1)
show([k for k in durations if len(k) == 1], 2)
EOF
cat "$OUT/report.md"
log "done: $OUT/report.md"
