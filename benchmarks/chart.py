"""A small log-log line chart in plain SVG: p50 answer latency against data size, one line per question type.

Written by hand (about 80 lines) rather than with matplotlib: one chart does not justify a plotting stack
of ~40 MB in the test extras, and plain SVG renders in GitHub's README and any browser.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 760, 460
LEFT, RIGHT, TOP, BOTTOM = 70, 230, 40, 50
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf")


def _decades(low: float, high: float) -> list[float]:
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    return [10.0 ** e for e in range(first, last + 1)]


def latency_chart(series: Mapping[str, Mapping[float, float]], title: str, highlight: Sequence[str] = (),
                  x_label: str = "data size (× the real graph)", y_label: str = "p50 latency (ms)") -> str:
    """SVG text; `series` maps a line's name to {size: milliseconds}. Lines in `highlight` are drawn thick
    and labelled; the others thin (with a legend entry each when there are few)."""
    points = [(x, y) for line in series.values() for x, y in line.items() if x > 0 and y > 0]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11">',
             '<rect width="100%" height="100%" fill="white"/>',
             f'<text x="{LEFT}" y="22" font-size="14" font-weight="bold">{escape(title)}</text>']
    if not points:
        parts.append(f'<text x="{LEFT}" y="{HEIGHT // 2}">no data</text></svg>')
        return "\n".join(parts)
    x_ticks = _decades(min(x for x, _ in points), max(x for x, _ in points))
    y_ticks = _decades(min(y for _, y in points), max(y for _, y in points))
    x0, x1 = math.log10(x_ticks[0]), math.log10(x_ticks[-1]) or 1.0
    y0, y1 = math.log10(y_ticks[0]), math.log10(y_ticks[-1])
    if x1 == x0:
        x1 = x0 + 1
    if y1 == y0:
        y1 = y0 + 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def px(x: float) -> float:
        return LEFT + (math.log10(x) - x0) / (x1 - x0) * plot_w

    def py(y: float) -> float:
        return TOP + plot_h - (math.log10(y) - y0) / (y1 - y0) * plot_h

    for tick in x_ticks:
        parts.append(f'<line x1="{px(tick):.1f}" y1="{TOP}" x2="{px(tick):.1f}" y2="{TOP + plot_h}" stroke="#ddd"/>')
        parts.append(f'<text x="{px(tick):.1f}" y="{TOP + plot_h + 16}" text-anchor="middle">{tick:g}×</text>')
    for tick in y_ticks:
        parts.append(f'<line x1="{LEFT}" y1="{py(tick):.1f}" x2="{LEFT + plot_w}" y2="{py(tick):.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{py(tick) + 4:.1f}" text-anchor="end">{tick:g}</text>')
    parts.append(f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#333"/>')
    parts.append(f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 12}" text-anchor="middle">{escape(x_label)}</text>')
    parts.append(f'<text transform="translate(16 {TOP + plot_h / 2}) rotate(-90)" text-anchor="middle">'
                 f'{escape(y_label)}</text>')
    # A dashed guide of slope 1 (linear growth) from the lowest first point, to read the slopes against.
    first_x = min(x for x, _ in points)
    start_y = min(y for x, y in points if x == first_x)
    last_x = max(x for x, _ in points)
    if last_x > first_x:
        end_y = start_y * last_x / first_x
        parts.append(f'<line x1="{px(first_x):.1f}" y1="{py(start_y):.1f}" x2="{px(last_x):.1f}" '
                     f'y2="{py(end_y):.1f}" stroke="#555" stroke-dasharray="5 4"><title>linear growth '
                     f'(slope 1)</title></line>')
    legend_y = TOP
    parts.append(f'<line x1="{WIDTH - RIGHT + 12}" y1="{legend_y + 6}" x2="{WIDTH - RIGHT + 30}" y2="{legend_y + 6}" '
                 f'stroke="#555" stroke-dasharray="5 4"/>')
    parts.append(f'<text x="{WIDTH - RIGHT + 34}" y="{legend_y + 10}">linear (slope 1)</text>')
    legend_y += 15
    if highlight and len(series) > len(highlight):
        parts.append(f'<text x="{WIDTH - RIGHT + 12}" y="{HEIGHT - BOTTOM - 4}" fill="#777">thin lines: the other '
                     f'{len(series) - len(highlight)} types</text>')
    for number, (name, line) in enumerate(sorted(series.items(), key=lambda kv: (kv[0] not in highlight, kv[0]))):
        ordered = sorted((x, y) for x, y in line.items() if x > 0 and y > 0)
        if not ordered:
            continue
        color = PALETTE[number % len(PALETTE)]
        strong = name in highlight or len(series) <= len(PALETTE)
        width, opacity = (2.2, 1.0) if strong else (1.0, 0.45)
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in ordered)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="{width}" '
                     f'opacity="{opacity}"><title>{escape(name)}</title></polyline>')
        for x, y in ordered:
            parts.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="{2.5 if strong else 1.5}" fill="{color}" '
                         f'opacity="{opacity}"><title>{escape(name)}: {y:g} ms at {x:g}×</title></circle>')
        if strong and legend_y < HEIGHT - BOTTOM:
            parts.append(f'<line x1="{WIDTH - RIGHT + 12}" y1="{legend_y + 6}" x2="{WIDTH - RIGHT + 30}" '
                         f'y2="{legend_y + 6}" stroke="{color}" stroke-width="2.2"/>')
            parts.append(f'<text x="{WIDTH - RIGHT + 34}" y="{legend_y + 10}">{escape(name)}</text>')
            legend_y += 15
    parts.append("</svg>")
    return "\n".join(parts)
