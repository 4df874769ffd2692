"""chart.py: the benchmark as one SVG picture, standard library only.

For each scenario, one row of horizontal bars per target (in run order) in two panels:
median req/s on the left, median p99 latency on the right. With more than one round a
thin whisker spans the min–max over rounds. This app's targets get the accent colour,
the peers (flask*, express*) grey. Every bar is labelled with its median."""
import statistics
from xml.sax.saxutils import escape, quoteattr

WIDTH = 900
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Helvetica, Arial, sans-serif"
ACCENT, PEER, INK, MUTED, RULE = "#2f6db5", "#a3a3a3", "#222222", "#666666", "#cccccc"
ROW, BAR, GAP = 22, 14, 14  # row pitch, bar thickness, space between panels
CHAR_PX = 7.2  # rough width of one 12-13 px character, for sizing text columns
VALUE_ROOM = 52  # space right of the longest bar for its value label
PANELS = (("req_s", "req/s, more is better", "{:.0f}"), ("p99_ms", "p99 ms, less is better", "{:.1f}"))


def is_peer(target):
    return target.startswith(("flask", "express"))


def values(rows, column):
    """The numbers of one column over rounds, skipping empty and NA cells."""
    return [float(r[column]) for r in rows if r.get(column) not in (None, "", "NA")]


def text(x, y, s, size=12, anchor="start", weight="normal", fill=INK):
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}">{escape(s)}</text>')


def panel(x0, width, y0, targets, rows_of, column, number_format):
    """One panel's bars, whiskers and value labels; rows start at y0."""
    stats = {t: values(rows_of[t], column) for t in targets}
    top = max((max(v) for v in stats.values() if v), default=0) or 1
    scale = (width - VALUE_ROOM) / top
    parts = [f'<line x1="{x0}" y1="{y0 - 3}" x2="{x0}" y2="{y0 + len(targets) * ROW - 5}" stroke="{RULE}"/>']
    for i, t in enumerate(targets):
        v = stats[t]
        mid = y0 + i * ROW + BAR / 2
        if not v:
            parts.append(text(x0 + 4, mid + 4, "–", fill=MUTED))
            continue
        median = statistics.median(v)
        parts.append(f'<rect x="{x0}" y="{mid - BAR / 2:.1f}" width="{median * scale:.1f}" height="{BAR}" '
                     f'fill="{PEER if is_peer(t) else ACCENT}"/>')
        end = median * scale
        if len(v) > 1:
            lo, hi = x0 + min(v) * scale, x0 + max(v) * scale
            parts.append(f'<path d="M{lo:.1f},{mid:.1f}H{hi:.1f}M{lo:.1f},{mid - 4:.1f}V{mid + 4:.1f}'
                         f'M{hi:.1f},{mid - 4:.1f}V{mid + 4:.1f}" stroke="{INK}" stroke-width="1" fill="none"/>')
            end = max(end, max(v) * scale)
        parts.append(text(x0 + end + 5, mid + 4, number_format.format(median)))
    return parts


def draw(rounds, path, title="Benchmark"):
    """Write the chart to path. rounds: (target, scenario) -> summary.tsv rows, one per
    round, in run order (as report.py collects them)."""
    targets = list(dict.fromkeys(t for t, _ in rounds))
    scenarios = list(dict.fromkeys(s for _, s in rounds))
    n_rounds = max(len(v) for v in rounds.values())
    label_width = max(len(t) for t in targets) * CHAR_PX + 16
    panel_width = (WIDTH - label_width - 2 * GAP) / 2
    panel_x = (label_width, label_width + panel_width + GAP)

    note = f"median of {n_rounds} rounds, whisker = min–max" if n_rounds > 1 else "one round"
    parts = [text(0, 18, title, size=15, weight="bold"),
             f'<rect x="0" y="28" width="10" height="10" fill="{ACCENT}"/>', text(14, 37, "this app"),
             text(WIDTH - 1, 37, note, anchor="end", fill=MUTED)]
    if any(is_peer(t) for t in targets):
        parts += [f'<rect x="80" y="28" width="10" height="10" fill="{PEER}"/>', text(94, 37, "peers (Flask, Express)")]
    y = 66
    for scenario in scenarios:
        present = [t for t in targets if rounds.get((t, scenario))]
        rows_of = {t: rounds[(t, scenario)] for t in present}
        parts.append(text(0, y, scenario, size=13, weight="bold"))
        for x, (column, heading, number_format) in zip(panel_x, PANELS):
            parts.append(text(x, y, heading, fill=MUTED))
            parts += panel(x, panel_width, y + 10, present, rows_of, column, number_format)
        for i, t in enumerate(present):
            parts.append(text(label_width - 8, y + 10 + i * ROW + BAR / 2 + 4, t, anchor="end"))
        y += 10 + len(present) * ROW + 24

    height = y - 18
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH + 20}" height="{height + 20}" '
           f'viewBox="-10 -10 {WIDTH + 20} {height + 20}" font-family={quoteattr(FONT)}>\n'
           f'<rect x="-10" y="-10" width="{WIDTH + 20}" height="{height + 20}" fill="white"/>\n'
           + "\n".join(parts) + "\n</svg>\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write(svg)
