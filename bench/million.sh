#!/usr/bin/env bash
# A million sessions: with N sessions stored (written directly into the store in the app's
# layout, not by N sign-ins) against 1,000, on Redis, PostgreSQL and H2: the signed-in page's
# req/s under load, what one Prometheus scrape of sessions_active costs the store (next to
# the counting query of an earlier version: a full SCAN MATCH of the session keys;
# COUNT(*) ... WHERE EXPIRY_TIME >= now), what the JDBC sweep of expired sessions costs, and
# how many bytes one session takes in the store.
#
#   bench/million.sh                          # every store at N=1000, 1000000, 1000; ~30 min
#   N=200000 STORES="redis postgres" bench/million.sh
#
# Knobs: STORES (redis postgres h2), N (1000000; SIZES="1000 $N 1000": the small store before
# and after the large one, so that the machine's drift shows instead of passing for a cost),
# SCRAPES (20), WARMUP_SCRAPES (5), OLD_RUNS (3, runs of the old count), DURATION (20 s of
# load), CONNECTIONS (32 users), LOAD_WARMUP (30 s), PEERS (the load harness), JAVA_OPTS,
# JAVA_RELEASE (unset: the java on the PATH; 25: Java 25, as the image runs it),
# ports APP_PORT (8091), MGMT_PORT (8092), REDIS_PORT (6392), PG_PORT (5443).
# Per store and size: the store is filled (Redis: redis-cli --pipe; PostgreSQL: INSERT ...
# SELECT FROM generate_series; H2: H2's RunScript before the app opens the file); the app
# started, one user signed in, and a filled session's cookie must show that user's page
# (the run stops if the fill is not the app's layout); a few scrapes to warm up, then
# SCRAPES scrapes timed (curl); then the signed-in page under load (the peers' load.sh, its
# "home" scenario: CONNECTIONS users, each signed in, loading their page). Once the app has
# stopped, every hundredth filled JDBC session is expired and the app's sweep statement
# timed.
# The store's own work per scrape: Redis INFO commandstats (scan, dbsize), PostgreSQL
# pg_stat_statements; H2 runs in the app's process, so its queries (and every store's sweep)
# are timed by a small JDBC program or psql on the store once the app is stopped. Bytes:
# Redis MEMORY USAGE of the signed-in user's session and name index, and used_memory per
# stored session; PostgreSQL the tables' total size per session.
# Prints the tables and writes them to $OUT/report.md. Everything runs on loopback and is
# stopped at exit.
set -u -o pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
STORES="${STORES:-redis postgres h2}"
N="${N:-1000000}"
SIZES="${SIZES:-1000 $N 1000}"
SCRAPES="${SCRAPES:-20}" WARMUP_SCRAPES="${WARMUP_SCRAPES:-5}"
OLD_RUNS="${OLD_RUNS:-3}"
export DURATION="${DURATION:-20}" CONNECTIONS="${CONNECTIONS:-32}"
LOAD_WARMUP="${LOAD_WARMUP:-30}"
PEERS="${PEERS:-$ROOT/../shared/bench/peers}"
APP_PORT="${APP_PORT:-8091}" MGMT_PORT="${MGMT_PORT:-8092}"
REDIS_PORT="${REDIS_PORT:-6392}" PG_PORT="${PG_PORT:-5443}"
OUT="$HERE/results/million-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

. "$HERE/lib.sh"

# Never the ports of a Redis or PostgreSQL someone else runs here.
for p in "$REDIS_PORT" "$PG_PORT"; do [[ "$p" == 6379 || "$p" == 5432 ]] && die "port $p is reserved"; done


ms_since() { awk -v n="$(( $(date +%s%N) - $1 ))" 'BEGIN { printf "%.1f", n / 1e6 }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.1f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
max() { sort -g | tail -1; }
note() { echo "- $*" >>"$OUT/notes.md"; log "$*"; }

# psql only (the app ignores it): no statement of ours may hang the run; no NOTICEs.
export PGOPTIONS="-c statement_timeout=600s -c client_min_messages=warning"

# --- Filling the stores (in lib.sh: schema_sql, fill_rows, h2_fill, redis_fill) -------------

# The sweep, once the app has stopped: every hundredth filled session expires, then the
# app's own statement (JdbcSessionSql.deleteExpired) deletes them, timed.
EXPIRE_ONE_IN_100="UPDATE SPRING_SESSION SET EXPIRY_TIME = 0 WHERE PRIMARY_ID LIKE 'bench-%' AND SUBSTRING(SESSION_ID, 31, 2) = '00'"
SWEEP="DELETE FROM SPRING_SESSION WHERE EXPIRY_TIME < "

postgres_fill() {  # n
  psql_bench -d sessions -c "DROP TABLE IF EXISTS spring_session_attributes, spring_session" >/dev/null
  schema_sql postgresql | psql_bench -d sessions -v ON_ERROR_STOP=1 >/dev/null || die "postgres schema failed"
  fill_rows "generate_series(1, $1) AS i" i | psql_bench -d sessions -v ON_ERROR_STOP=1 >/dev/null || die "postgres fill failed"
  # What the app's count reads, right after the insert's session ended, then after VACUUM
  # ANALYZE (which also sets the visibility map, so the old count may scan the index only).
  PG_LIVE_FILLED=$(psql_bench -d sessions -c "$PG_COUNT")
  psql_bench -d sessions -c "VACUUM (ANALYZE) spring_session, spring_session_attributes" || die "vacuum failed"
  PG_LIVE_VACUUMED=$(psql_bench -d sessions -c "$PG_COUNT")
  note "postgres N=$1: n_live_tup $PG_LIVE_FILLED right after the insert, $PG_LIVE_VACUUMED after VACUUM (ANALYZE)"
}
# The app's count (JdbcSessionSql.postgresCountStored, the table name as the app writes it).
PG_COUNT="SELECT COALESCE((SELECT n_live_tup FROM pg_stat_all_tables WHERE relid = to_regclass('SPRING_SESSION')), 0)"

# The new and the old count, each OLD_RUNS + 1 times in one JVM on the file (the first run
# of each is left out: it reads the file cold), then the sweep of one in a hundred; prints
# "new <median ms> <count>", "old <median ms> <count>" and "sweep <ms> <rows deleted>".
h2_time() {
  cat >"$OUT/H2Count.java" <<'EOF'
import java.sql.*;
import java.util.*;

public class H2Count {
	public static void main(String[] args) throws Exception {
		int runs = Integer.parseInt(args[1]);
		try (Connection c = DriverManager.getConnection(args[0], "sa", "")) {
			time(c, "new", "SELECT COUNT(*) FROM SPRING_SESSION", runs);
			time(c, "old", "SELECT COUNT(*) FROM SPRING_SESSION WHERE EXPIRY_TIME >= ?", runs);
			try (Statement s = c.createStatement()) {
				s.executeUpdate(args[2]);
			}
			long start = System.nanoTime();
			try (PreparedStatement s = c.prepareStatement(args[3] + "?")) {
				s.setLong(1, System.currentTimeMillis());
				int deleted = s.executeUpdate();
				System.out.printf(Locale.ROOT, "sweep %.2f %d%n", (System.nanoTime() - start) / 1e6, deleted);
			}
		}
	}

	static void time(Connection c, String label, String sql, int runs) throws SQLException {
		double[] ms = new double[runs];
		long count = 0;
		for (int i = -1; i < runs; i++) {
			long start = System.nanoTime();
			try (PreparedStatement s = c.prepareStatement(sql)) {
				if (sql.contains("?")) {
					s.setLong(1, System.currentTimeMillis());
				}
				try (ResultSet r = s.executeQuery()) {
					r.next();
					count = r.getLong(1);
				}
			}
			if (i >= 0) {
				ms[i] = (System.nanoTime() - start) / 1e6;
			}
		}
		Arrays.sort(ms);
		double median = (runs % 2 == 1) ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
		System.out.printf(Locale.ROOT, "%s %.2f %d%n", label, median, count);
	}
}
EOF
  timeout 300 java -cp "$(h2_jar)" "$OUT/H2Count.java" "$(H2_URL)" "$OLD_RUNS" "$EXPIRE_ONE_IN_100" "$SWEEP"
}

# --- Measuring ---------------------------------------------------------------------------

redis_stat() {  # -> "scan_calls scan_usec dbsize_calls dbsize_usec" since the last RESETSTAT
  redis-cli -p "$REDIS_PORT" INFO commandstats | tr -d '\r' | awk -F'[:,=]' '
    $1 == "cmdstat_scan" { sc = $3; su = $5 } $1 == "cmdstat_dbsize" { dc = $3; du = $5 }
    END { printf "%d %d %d %d\n", sc, su, dc, du }'
}
pg_stat() {  # statement-pattern -> "calls mean_ms" since the last reset
  psql_bench -d sessions -F ' ' -c "SELECT coalesce(sum(calls), 0), round(coalesce(sum(total_exec_time) / nullif(sum(calls), 0), 0)::numeric, 3)
    FROM pg_stat_statements WHERE query LIKE '$1' AND query NOT LIKE '%pg_stat_statements%'"
}

# The app, warmed up by one sign-in and WARMUP_SCRAPES scrapes, then SCRAPES timed ones;
# sets SCRAPE_MS (median), SCRAPE_MAX, ACTIVE (the last value) and ACTIVE_RANGE (min..max).
# The store's counters are reset after the warm-up, so they cover the timed scrapes only.
scrape() {  # store n
  local label="$1-$2-$RUN" url="http://127.0.0.1:$MGMT_PORT/actuator/prometheus" i
  port_busy "$MGMT_PORT" && die "port $MGMT_PORT is taken; set MGMT_PORT"
  start_java "$1${JAVA_RELEASE:+@$JAVA_RELEASE}" "$APP_PORT" "$OUT/$label.log"; APP_PID=$STARTED_PID
  sign_in "http://127.0.0.1:$APP_PORT" "$OUT/$label.jar" "warm-up"
  [ "$(home_is "http://127.0.0.1:$APP_PORT" "$OUT/$label.jar" warm-up)" = ok ] || die "$1: sign-in failed"
  # The first scrapes run interpreted code (the JIT is not there yet): not timed.
  for i in $(seq 1 "$WARMUP_SCRAPES"); do curl -s -m 60 -o /dev/null "$url" || die "$1: no answer from $url"; done
  case "$1" in
    redis) redis-cli -p "$REDIS_PORT" CONFIG RESETSTAT >/dev/null ;;
    postgres) psql_bench -d sessions -c "SELECT pg_stat_statements_reset()" >/dev/null ;;
  esac
  : >"$OUT/$label-times.txt"; : >"$OUT/$label-values.txt"
  for i in $(seq 1 "$SCRAPES"); do
    curl -s -m 60 -o "$OUT/$label-scrape.txt" -w '%{time_total}\n' "$url" >>"$OUT/$label-times.txt" \
      || die "$1: scrape failed"
    awk '/^sessions_active[ {]/ { printf "%.0f\n", $NF }' "$OUT/$label-scrape.txt" >>"$OUT/$label-values.txt"
  done
  case "$1" in
    redis) read -r SCAN_CALLS SCAN_USEC DBSIZE_CALLS DBSIZE_USEC < <(redis_stat) ;;
    postgres) read -r PG_CALLS PG_MEAN < <(pg_stat '%n_live_tup%') ;;
  esac
  check_filled_session "$1"
  [ "$1" = redis ] && read -r HASH_BYTES INDEX_BYTES < <(redis_session_bytes)
  load_pages "$label"
  stop "$APP_PID"
  SCRAPE_MS=$(awk '{ print $1 * 1000 }' "$OUT/$label-times.txt" | median)
  SCRAPE_MAX=$(awk '{ printf "%.1f\n", $1 * 1000 }' "$OUT/$label-times.txt" | max)
  ACTIVE=$(tail -1 "$OUT/$label-values.txt")
  ACTIVE_RANGE="$(sort -n "$OUT/$label-values.txt" | head -1)..$(sort -n "$OUT/$label-values.txt" | tail -1)"
  [ -n "$ACTIVE" ] || die "$1: no sessions_active in the scrape (see $OUT/$label-scrape.txt)"
}

# A session the fill wrote is a real one to the app: user-7's page, with its cookie (the
# session id, base64, as Spring Session's cookie serializer writes it).
check_filled_session() {  # store
  local id
  case "$1" in
    redis) id=$(redis-cli -p "$REDIS_PORT" SRANDMEMBER "spring:session:index:$INDEX_ATTRIBUTE:user-7") ;;
    *) id=$(printf '%032d' 7) ;;
  esac
  [ "$(home_is "http://127.0.0.1:$APP_PORT" "SESSION=$(printf %s "$id" | base64 -w0)" user-7)" = ok ] \
    || die "$1: a filled session is not signed in: the fill does not match the app's layout"
}

# Redis MEMORY USAGE of the warm-up user's real session: "hash-bytes index-bytes".
redis_session_bytes() {
  local index="spring:session:index:$INDEX_ATTRIBUTE:warm-up" id
  id=$(redis-cli -p "$REDIS_PORT" SRANDMEMBER "$index")
  echo "$(redis-cli -p "$REDIS_PORT" MEMORY USAGE "spring:session:sessions:$id" SAMPLES 0)" \
    "$(redis-cli -p "$REDIS_PORT" MEMORY USAGE "$index" SAMPLES 0)"
}

# The signed-in page under load (load.sh's "home": CONNECTIONS users, each signed in and
# loading their page, every answer checked for the user's own name).
load_pages() {  # label
  env LABEL="$1" WARMUP="$LOAD_WARMUP" SCENARIOS=home APP_PID="$APP_PID" RESULTS_DIR="$OUT/$1-load" \
    SUMMARY_TSV="$OUT/load.tsv" "$PEERS/load.sh" "http://127.0.0.1:$APP_PORT" SESSION >"$OUT/$1-load.txt" 2>&1 \
    || die "load failed (see $OUT/$1-load.txt)"
  grep -q "^$1"$'\t' "$OUT/load.tsv" || die "the load measured nothing (see $OUT/$1-load.txt)"
}

# One row of each table. Scrapes: store n active scrape-median scrape-max new-work new-ms
# old-work old-ms. Pages: (the run's load label) store n sweep-ms bytes-per-session
# how-the-bytes-were-counted.
row() { (IFS=$'\t'; echo "$*") >>"$OUT/rows.tsv"; }
page_row() { (IFS=$'\t'; echo "$1-$2-$RUN"$'\t'"$*") >>"$OUT/pages.tsv"; }

# The previous countActive: SCAN MATCH spring:session:sessions:* COUNT 1000 until the
# cursor is back at 0, on one connection. Not redis-cli --scan: it takes --count only from
# Redis 7.2 on, and before asks for 10 keys per call (100 times the round trips). Prints
# the keys found and the milliseconds the loop took (the client's view).
old_redis_count() {
  timeout 300 python3 - "$REDIS_PORT" <<'EOF'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
f = s.makefile("rb")
def read():
    line = f.readline()[:-2]
    if line[:1] == b"*":
        return [read() for _ in range(int(line[1:]))]
    if line[:1] == b"$":
        return f.read(int(line[1:]) + 2)[:-2]
    raise SystemExit(line.decode())
args = [b"SCAN", b"0", b"MATCH", b"spring:session:sessions:*", b"COUNT", b"1000"]
found, start = 0, time.perf_counter()
while True:
    s.sendall(b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in args))
    cursor, keys = read()
    found += len(keys)
    if cursor == b"0":
        break
    args[1] = cursor
print(found, "%.1f" % ((time.perf_counter() - start) * 1000))
EOF
}

run_redis() {  # n
  local n=$1 t0 i walls=() old_calls old_usec found wall
  t0=$(date +%s%N); redis_fill "$n"; note "redis N=$n: filled in $(ms_since "$t0") ms ($(( 2 * n )) keys)"
  local used; used=$(redis-cli -p "$REDIS_PORT" INFO memory | tr -d '\r' | sed -n 's/^used_memory://p')
  scrape redis "$n"
  page_row redis "$n" "–" "$(( used / n ))" "used_memory / N: $used B; MEMORY USAGE of a signed-in session $HASH_BYTES B + its name index $INDEX_BYTES B"
  local new_ms; new_ms=$(awk -v u=$(( SCAN_USEC + DBSIZE_USEC )) -v s="$SCRAPES" 'BEGIN { printf "%.3f", u / s / 1000 }')
  local new_work; new_work=$(awk -v a="$SCAN_CALLS" -v b="$DBSIZE_CALLS" -v s="$SCRAPES" -v m="$new_ms" \
    'BEGIN { printf "scan %.1f + dbsize %.1f calls, %s ms", a / s, b / s, m }')
  redis-cli -p "$REDIS_PORT" CONFIG RESETSTAT >/dev/null
  for i in $(seq 1 "$OLD_RUNS"); do
    read -r found wall < <(old_redis_count) || die "old redis count failed"
    walls+=("$wall")
  done
  read -r old_calls old_usec _ < <(redis_stat)
  local old_ms; old_ms=$(awk -v u="$old_usec" -v r="$OLD_RUNS" 'BEGIN { printf "%.3f", u / r / 1000 }')
  note "redis N=$n: sessions_active over $SCRAPES scrapes $ACTIVE_RANGE (true: $(( n + 1 ))); old SCAN found $found"
  row redis "$n" "$ACTIVE" "$SCRAPE_MS" "$SCRAPE_MAX" "$new_work" "$new_ms" \
    "scan $(( old_calls / OLD_RUNS )) calls, $old_ms ms" "$(printf '%s\n' "${walls[@]}" | median)"
}

run_postgres() {  # n
  local n=$1 t0 i walls=()
  t0=$(date +%s%N); postgres_fill "$n"; note "postgres N=$n: filled and vacuumed in $(ms_since "$t0") ms"
  local bytes; bytes=$(psql_bench -d sessions -c "SELECT pg_total_relation_size('spring_session') + pg_total_relation_size('spring_session_attributes')")
  scrape postgres "$n"
  psql_bench -d sessions -c "$EXPIRE_ONE_IN_100" >/dev/null || die "expiring for the sweep failed"
  local sweep_ms; sweep_ms=$({ echo '\timing on'; echo "$SWEEP $(now_ms);"; } | psql_bench -d sessions | awk '/^Time:/ { print $2 }')
  page_row postgres "$n" "$sweep_ms" "$(( bytes / n ))" "both tables with their indexes, $bytes B, after the fill and VACUUM"
  # The old count, with "now" as the old app bound it: the current time in ms.
  psql_bench -d sessions -c "EXPLAIN (ANALYZE, BUFFERS) SELECT COUNT(*) FROM spring_session WHERE EXPIRY_TIME >= $(now_ms)" \
    >"$OUT/postgres-$n-old-plan.txt"
  # The client's time from psql's \timing, all runs on one connection.
  psql_bench -d sessions -c "SELECT pg_stat_statements_reset()" >/dev/null
  for i in $(seq 1 "$OLD_RUNS"); do
    echo "SELECT COUNT(*) FROM spring_session WHERE EXPIRY_TIME >= $(now_ms);"
  done | { echo '\timing on'; cat; } | psql_bench -d sessions >"$OUT/postgres-$n-old-runs.txt" || die "old count failed"
  mapfile -t walls < <(awk '/^Time:/ { print $2 }' "$OUT/postgres-$n-old-runs.txt")
  local old_calls old_mean; read -r old_calls old_mean < <(pg_stat '%EXPIRY_TIME >=%')
  note "postgres N=$n: sessions_active over $SCRAPES scrapes $ACTIVE_RANGE (true: $(( n + 1 ))); old count's plan: $(grep -o -m1 -E '(Parallel )?(Index Only |Index |Bitmap Heap |Seq )Scan( using [a-z0-9_]+)? on [a-z_]+' "$OUT/postgres-$n-old-plan.txt")"
  row postgres "$n" "$ACTIVE" "$SCRAPE_MS" "$SCRAPE_MAX" "$PG_CALLS calls / $SCRAPES scrapes, $PG_MEAN ms" "$PG_MEAN" \
    "$old_mean ms (server)" "$(printf '%s\n' "${walls[@]}" | median)"
}

run_h2() {  # n
  local n=$1 t0 new_ms new_count old_ms old_count
  t0=$(date +%s%N); h2_fill "$n"; note "h2 N=$n: filled in $(ms_since "$t0") ms"
  scrape h2 "$n"
  local sweep_ms deleted
  { read -r _ new_ms new_count; read -r _ old_ms old_count; read -r _ sweep_ms deleted; } < <(h2_time) || die "h2 timing failed"
  note "h2 N=$n: the sweep deleted $deleted rows"
  page_row h2 "$n" "$sweep_ms" "$(( $(stat -c %s "$OUT/h2/sessions.mv.db") / n ))" "the database file after the run"
  note "h2 N=$n: sessions_active over $SCRAPES scrapes $ACTIVE_RANGE (true: $(( n + 1 ))); direct COUNT(*) $new_count, old COUNT WHERE $old_count"
  row h2 "$n" "$ACTIVE" "$SCRAPE_MS" "$SCRAPE_MAX" "COUNT(*) $new_ms ms (direct)" "$new_ms" "$old_ms ms (direct)" "$old_ms"
}

# --- The run -----------------------------------------------------------------------------

started=$(date +%s) load_before=$(cut -d' ' -f1-3 /proc/loadavg)
[ -x "$PEERS/load.sh" ] || die "the load harness not found at $PEERS (set PEERS)"
[ "${NO_INSTALL:-0}" = 1 ] || install_packages redis-server redis-tools postgresql curl procps python3 unzip wrk perl
build_jar
[[ " $STORES " == *" redis "* ]] && start_redis
[[ " $STORES " == *" postgres "* ]] && start_postgres
: >"$OUT/notes.md"
RUN=0
for store in $STORES; do
  for n in $SIZES; do
    RUN=$((RUN + 1))
    log "$store, N=$n"
    "run_$store" "$n"
  done
done
cleanup

# The table. "old / new": the old count's store time over the new one's per scrape (for H2
# both timed directly on the file, so excluding the app and HTTP).
{
  echo "# N sessions stored: the signed-in page, the sweep, the bytes ($(date '+%F %T'), $(nproc) cores)"
  echo
  python3 - "$OUT" <<'EOF'
import csv, sys
out = sys.argv[1]
load = {r["app"]: r for r in csv.DictReader(open(f"{out}/load.tsv"), delimiter="\t")}
pages = [line.split("\t") for line in open(f"{out}/pages.tsv").read().splitlines()]
# Each store's baseline: the mean of its runs with the fewest sessions (before and after).
smallest = {}
for label, store, n, *_ in pages:
    smallest.setdefault(store, []).append((int(n), float(load[label]["req_s"])))
baseline = {store: [rps for n, rps in runs if n == min(n for n, _ in runs)] for store, runs in smallest.items()}
print("| store | N stored | signed-in page req/s | × fewest stored (mean of its runs) | p99 ms | errors / mismatches | sweep of 1 % (N/100 rows), ms | bytes per session | bytes counted |")
print("|---|---:|---:|---:|---:|---|---:|---:|---|")
for label, store, n, sweep, per_session, how in pages:
    r = load[label]
    rps = float(r["req_s"])
    base = sum(baseline[store]) / len(baseline[store])
    print(f"| {store} | {int(n):,} | {rps:.0f} | {rps / base:.2f} | {float(r['p99_ms']):.1f} | "
          f"{r['errors']} / {r['mismatches']} | {sweep} | {per_session} | {how} |")
EOF
  echo
  echo "Load: load.sh \"home\", $CONNECTIONS users, ${DURATION} s after ${LOAD_WARMUP} s of warm-up, one run per row."
  echo
  echo "# sessions_active: what one scrape costs the store ($(date '+%F %T'), $(nproc) cores)"
  echo
  echo "| store | N | sessions_active | scrape ms median / max | store work per scrape (now) | old count: store work | old count: wall ms | old / new |"
  echo "|---|---:|---:|---:|---|---|---:|---:|"
  while IFS=$'\t' read -r store n active med mx work new_ms old_work old_wall; do
    old_ms=$(grep -o '[0-9.]* ms' <<<"$old_work" | awk '{ print $1 }')
    ratio=$(awk -v o="$old_ms" -v m="$new_ms" 'BEGIN { if (m > 0) printf (o / m < 10 ? "%.1fx" : "%.0fx"), o / m; else print "n/a" }')
    echo "| $store | $n | $active | $med / $mx | $work | $old_work | $old_wall | $ratio |"
  done <"$OUT/rows.tsv"
  echo
  echo "Scrapes: $SCRAPES per row (median / max of curl's time_total) after $WARMUP_SCRAPES untimed ones; one user"
  echo "signed in, so the true count is N+1. Old count: median of $OLD_RUNS runs (H2: after one cold run)."
  echo "Load average (1/5/15 min) before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  cat "$OUT/notes.md"
  echo
  echo "Total runtime: $(( $(date +%s) - started )) s"
} | tee "$OUT/report.md"
log "done: $OUT/report.md"
