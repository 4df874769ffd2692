#!/usr/bin/env python3
"""report.py RESULTS_DIR: the tables of a bench/run.sh run, as Markdown, and their chart (chart.svg).

Ratios are taken within each round (same minute, same machine state), then the median
over rounds is shown."""
import csv
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import chart

out = Path(sys.argv[1])
rows = list(csv.DictReader(open(out / "summary.tsv", newline=""), delimiter="\t"))

# load.sh appends one row per (target, scenario) per round, in run order.
rounds = defaultdict(list)  # (target, scenario) -> [row per round]
for r in rows:
    rounds[(r["app"], r["scenario"])].append(r)
targets = list(dict.fromkeys(r["app"] for r in rows))
scenarios = list(dict.fromkeys(r["scenario"] for r in rows))


def num(r, k):
    v = r.get(k)
    return None if v in (None, "", "NA") else float(v)


def median(values, fmt):
    values = [v for v in values if v is not None]
    if not values:
        return "–"
    m = fmt.format(statistics.median(values))
    return m if len(values) == 1 else f"{m} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def java_suffix(target):
    """"@25" for a target run on Java 25 (redis@25), "" for the java on the PATH."""
    return target[target.index("@"):] if "@" in target else ""


def ratio(target, scenario, other):
    mine, theirs = rounds.get((target, scenario), []), rounds.get((other, scenario), [])
    return [num(a, "req_s") / num(b, "req_s") for a, b in zip(mine, theirs) if num(a, "req_s") and num(b, "req_s")]


print(f"# Benchmark {out.name}\n")
print("Rounds: " + str(max(len(v) for v in rounds.values())) + "; DURATION and CONNECTIONS as in summary.txt.\n")
print("| target | scenario | req/s | × memory | p50 ms | p99 ms | errors | mismatches | store cmds/req | app CPU ms/req |")
print("|---|---|---|---|---|---|---|---|---|---|")
for scenario in scenarios:
    for t in targets:
        rs = rounds.get((t, scenario))
        if not rs:
            continue
        # Against the baseline on the same Java release.
        baseline = "memory" + java_suffix(t)
        vs_memory = median(ratio(t, scenario, baseline), "{:.2f}") if baseline in targets else "–"
        print(f"| {t} | {scenario} | {median([num(r, 'req_s') for r in rs], '{:.0f}')} | {vs_memory} | "
              f"{median([num(r, 'p50_ms') for r in rs], '{:.2f}')} | {median([num(r, 'p99_ms') for r in rs], '{:.1f}')} | "
              f"{sum(int(r['errors']) for r in rs)} | {sum(int(r['mismatches']) for r in rs)} | "
              f"{rs[-1]['redis_cmds_req'] if rs[-1]['redis_cmds_req'] != 'NA' else '–'} | "
              f"{median([num(r, 'app_cpu_ms_req') for r in rs], '{:.3f}')} |")

pairs = [(store, store + "-ss") for store in ("h2", "redis", "postgres") if store in targets and store + "-ss" in targets]
if pairs:
    print("\n| store | scenario | req/s: this app's repositories × Spring Session's | p99 ms: this app's / Spring Session's |")
    print("|---|---|---|---|")
    for ours, theirs in pairs:
        for scenario in scenarios:
            if rounds.get((ours, scenario)) and rounds.get((theirs, scenario)):
                p99 = [num(a, "p99_ms") / num(b, "p99_ms") for a, b in zip(rounds[(ours, scenario)], rounds[(theirs, scenario)])
                       if num(a, "p99_ms") and num(b, "p99_ms")]
                print(f"| {ours} | {scenario} | {median(ratio(ours, scenario, theirs), '{:.2f}')} | {median(p99, '{:.2f}')} |")

peers = [p for p in ("express-full", "flask-full", "express", "flask") if p in targets]
mine = [t for t in targets if t.split("@")[0] in ("redis", "redis-ss")]
if peers and mine:
    print("\n| Redis store, req/s × | " + " | ".join(f"{p} ({scenario})" for p in peers for scenario in ("home", "login-cycle")) + " |")
    print("|---|" + "---|" * (2 * len(peers)))
    for t in mine:
        print(f"| {t} | " + " | ".join(median(ratio(t, scenario, p), "{:.2f}") for p in peers for scenario in ("home", "login-cycle")) + " |")

on_25 = [t for t in targets if t.endswith("@25") and t[:-3] in targets]
# The release of the java on the PATH, which the targets without "@" ran on.
PATH_JAVA = "Java " + subprocess.run(["java", "-XshowSettings:properties", "-version"], capture_output=True, text=True
                                     ).stderr.split("java.specification.version = ")[1].split()[0]
if on_25:
    print(f"\n| target | scenario | req/s: Java 25 × {PATH_JAVA} | app CPU ms/req: {PATH_JAVA} / 25 | p99 ms: {PATH_JAVA} / 25 |")
    print("|---|---|---|---|---|")
    for t in on_25:
        for scenario in scenarios:
            old, new = rounds.get((t[:-3], scenario)), rounds.get((t, scenario))
            if old and new:
                cpu = [median([num(r, "app_cpu_ms_req") for r in rs], "{:.3f}") for rs in (old, new)]
                p99 = [median([num(r, "p99_ms") for r in rs], "{:.1f}") for rs in (old, new)]
                print(f"| {t[:-3]} | {scenario} | {median(ratio(t, scenario, t[:-3]), '{:.2f}')} | "
                      f"{cpu[0]} / {cpu[1]} | {p99[0]} / {p99[1]} |")

rt = out / "roundtrips.txt"
if rt.exists():
    print("\n| target | requests | store round trips per request |")
    print("|---|---|---|")
    for line in rt.read_text().split("\n"):
        if line:
            t, kind, calls, n = line.split()
            print(f"| {t} | {kind} | {int(calls) / int(n):.2f} |")

st = out / "startup.txt"
if st.exists():
    print("\n| target | JVM start to first served request, ms |")
    print("|---|---|")
    for line in st.read_text().split("\n"):
        if line:
            t, ms = line.split()
            print(f"| {t} | {ms} |")

svg = out / "chart.svg"
chart.draw(rounds, svg, title=f"Benchmark {out.name}")
print("\n![Benchmark](chart.svg)")
print(f"wrote {svg}", file=sys.stderr)
