#!/usr/bin/env python3
"""Trust curves of FFL runs (the FFL paper's Fig. 2): the mean trust of honest participants and of
attackers per round, from the `ffl.trust_honest` and `ffl.trust_attackers` columns of each run's
metrics.csv, drawn as one self-contained SVG (no plotting library needed).

    python3 tools/figures/ffl_trust.py OUT.svg TITLE RUN_DIR[=LABEL] [RUN_DIR[=LABEL] ...]
"""
import csv
import os
import sys

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 720, 360, 56, 200, 34, 44
COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]


def read(run_dir):
    with open(os.path.join(run_dir, "metrics.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    series = {}
    for key in ("ffl.trust_honest", "ffl.trust_attackers"):
        points = [(int(r["round"]), float(r[key])) for r in rows if r.get(key) not in (None, "")]
        if points:
            series[key] = points
    if not series:
        sys.exit(f"{run_dir}: no ffl.trust_* columns in metrics.csv (not an FFL run?)")
    return series


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    out, title, runs = sys.argv[1], sys.argv[2], sys.argv[3:]
    curves = []
    for i, spec in enumerate(runs):
        path, _, label = spec.partition("=")
        series = read(path)
        label = label or os.path.basename(path.rstrip("/"))
        colour = COLOURS[i % len(COLOURS)]
        for key, dash, who in (("ffl.trust_honest", "", "honest"), ("ffl.trust_attackers", "6,4", "attackers")):
            if key in series:
                curves.append((f"{label}: {who}", colour, dash, series[key]))
    last = max(p[-1][0] for *_, p in curves)
    pw, ph = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(r):
        return LEFT + pw * (r - 1) / max(last - 1, 1)

    def y(v):
        return TOP + ph * (1 - v)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" font-family="sans-serif" font-size="12">',
             f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
             f'<text x="{LEFT}" y="20" font-size="14">{title}</text>']
    for v in (0, 0.25, 0.5, 0.75, 1):
        parts.append(f'<line x1="{LEFT}" y1="{y(v):.1f}" x2="{LEFT + pw}" y2="{y(v):.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v:g}</text>')
    step = max(1, round(last / 5 / 10) * 10) if last >= 20 else 1
    for r in range(step, last + 1, step):
        parts.append(f'<text x="{x(r):.1f}" y="{TOP + ph + 16}" text-anchor="middle">{r}</text>')
    parts.append(f'<text x="{LEFT + pw / 2:.1f}" y="{HEIGHT - 8}" text-anchor="middle">round</text>')
    parts.append(f'<text x="14" y="{TOP + ph / 2:.1f}" transform="rotate(-90 14 {TOP + ph / 2:.1f})" text-anchor="middle">mean trust ν</text>')
    parts.append(f'<rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}" fill="none" stroke="#333"/>')
    for i, (label, colour, dash, points) in enumerate(curves):
        path = " ".join(f"{'M' if j == 0 else 'L'}{x(r):.1f},{y(v):.1f}" for j, (r, v) in enumerate(points))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="1.6"{dash_attr}/>')
        ly = TOP + 12 + 18 * i
        parts.append(f'<line x1="{LEFT + pw + 10}" y1="{ly - 4}" x2="{LEFT + pw + 34}" y2="{ly - 4}" stroke="{colour}" stroke-width="2"{dash_attr}/>')
        parts.append(f'<text x="{LEFT + pw + 38}" y="{ly}">{label}</text>')
    parts.append("</svg>")
    with open(out, "w") as f:
        f.write("\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
