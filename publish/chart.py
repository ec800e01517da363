"""An inline SVG stacked bar chart of verdicts by nation: plain markup, no JavaScript."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from html import escape

from rules.taxonomy import (
    ALLOWED,
    CONFLICTING,
    COUNCIL_VERDICTS,
    NOT_STATED,
    NOTICE,
    PERMISSION,
    PROHIBITED,
    UNKNOWN,
)

# Open to closed, green to red; the undecided in greys. Distinguishable in greyscale by order and legend.
COLOURS: dict[str, str] = {
    ALLOWED: "#1a9641", NOTICE: "#a6d96a", PERMISSION: "#fdae61", PROHIBITED: "#d7191c",
    CONFLICTING: "#7b3294", NOT_STATED: "#bababa", UNKNOWN: "#636363",
}
LABEL_WIDTH, BAR_WIDTH, BAR_HEIGHT, GAP, LEGEND_HEIGHT = 140, 520, 26, 10, 28


def verdict_chart(counts: dict[str, Counter[str]], label: Callable[[str], str] = str) -> str:
    """SVG of one horizontal bar per nation, split by verdict (council x activity rows), with a legend; `label`
    names a verdict for people (the code itself by default)."""
    biggest = max((sum(c.values()) for c in counts.values()), default=0) or 1
    height = LEGEND_HEIGHT + len(counts) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + 60
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
              f'viewBox="0 0 {width} {height}" aria-labelledby="chart-title">'),
             '<title id="chart-title">Published verdicts by nation (one per council and activity)</title>']
    parts += _legend(label)
    for index, (nation, counter) in enumerate(counts.items()):
        y = LEGEND_HEIGHT + GAP + index * (BAR_HEIGHT + GAP)
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT * 0.68:.1f}" text-anchor="end" '
                     f'font-size="13">{escape(nation)}</text>')
        x = float(LABEL_WIDTH)
        for verdict in COUNCIL_VERDICTS:
            count = counter.get(verdict, 0)
            if not count:
                continue
            w = BAR_WIDTH * count / biggest
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR_HEIGHT}" '
                         f'fill="{COLOURS[verdict]}"><title>{escape(nation)}: {count} {escape(label(verdict))}'
                         f'</title></rect>')
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + BAR_HEIGHT * 0.68:.1f}" font-size="12">'
                     f'{sum(counter.values())}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _legend(label: Callable[[str], str]) -> list[str]:
    parts, x = [], 10.0
    for verdict in COUNCIL_VERDICTS:
        parts.append(f'<rect x="{x:.0f}" y="6" width="12" height="12" fill="{COLOURS[verdict]}"/>'
                     f'<text x="{x + 16:.0f}" y="16" font-size="11">{escape(label(verdict))}</text>')
        x += 16 + 7 * len(label(verdict)) + 14
    return parts
