#!/usr/bin/env python3
"""frames.py RECORDING.jfr [TOP]: the hottest methods of a flight recording's CPU samples,
by own time and by time on the stack (share of all samples), and own time by library.
JFR names the jfr tool to read it with (default: the one on the PATH)."""
import collections
import json
import os
import subprocess
import sys

recording, top = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 25
events = json.loads(subprocess.run([os.environ.get("JFR", "jfr"), "print", "--json", "--events", "jdk.ExecutionSample", recording],
                                   check=True, capture_output=True, text=True).stdout)["recording"]["events"]
own, on_stack, areas = collections.Counter(), collections.Counter(), collections.Counter()
AREAS = [("com.example.", "this app"), ("gg.jte", "jte"), ("org.springframework.expression", "SpEL"),
         ("org.springframework.security", "Spring Security"), ("org.springframework.session", "Spring Session"),
         ("io.lettuce", "Lettuce"), ("io.netty", "Netty"), ("org.springframework.data.redis", "Spring Data Redis"),
         ("org.postgresql", "PostgreSQL driver"), ("org.h2", "H2"), ("com.zaxxer", "HikariCP"),
         ("tools.jackson", "Jackson"), ("org.apache.catalina", "Tomcat"), ("org.apache.coyote", "Tomcat"),
         ("org.apache.tomcat", "Tomcat"), ("org.springframework.web", "Spring MVC"), ("java.", "JDK"),
         ("jdk.", "JDK"), ("sun.", "JDK")]


def name(frame):
    method = frame["method"]
    return method["type"]["name"].replace("/", ".") + "." + method["name"]


for event in events:
    frames = event["values"]["stackTrace"]["frames"] if event["values"].get("stackTrace") else []
    if not frames:
        continue
    own[name(frames[0])] += 1
    for method in {name(f) for f in frames}:
        on_stack[method] += 1
    # The area: the first frame from the top that belongs to a named library (the JDK
    # only where no library is on the stack: a HashMap lookup counts for its caller).
    area = next((label for f in frames for prefix, label in AREAS if label != "JDK" and name(f).startswith(prefix)),
                "JDK" if all(name(f).startswith(("java.", "jdk.", "sun.")) for f in frames) else "other")
    areas[area] += 1

total = sum(own.values()) or 1
print(f"# {recording}: {total} CPU samples")
print("\n## Own time by area (first named library from the top of the stack)")
for area, n in areas.most_common():
    print(f"{100 * n / total:5.1f}%  {area}")
print(f"\n## Top {top} methods, own time")
for method, n in own.most_common(top):
    print(f"{100 * n / total:5.1f}%  {method}")
print(f"\n## Top {top} methods of this app and its libraries, on the stack")
shown = 0
for method, n in on_stack.most_common():
    if method.startswith(("java.", "jdk.", "sun.", "org.apache.tomcat.util.threads", "org.apache.catalina.core",
                          "org.apache.coyote", "org.apache.tomcat.util.net", "org.apache.catalina.connector")):
        continue
    print(f"{100 * n / total:5.1f}%  {method}")
    shown += 1
    if shown == top:
        break
