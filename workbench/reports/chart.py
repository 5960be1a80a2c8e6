"""The sourcing chart: claims by attribution kind (bars) and article text by kind (one strip).

`sourcing_chart` gives the numbers and colours; `render_svg` draws them as inline SVG for the
HTML report. The GUI panel and the PDF draw the same `SourcingChart` with QPainter.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from workbench.reports.sourcing import (
    KIND_COLORS,
    KIND_LABELS,
    KIND_ORDER,
    NO_CLAIM_COLOR,
    SourcingSummary,
    percent,
)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    color: str
    note: str = ""  # printed after the value: "(46% of claims)"


@dataclass(frozen=True, slots=True)
class SourcingChart:
    bars: tuple[Bar, ...]  # claims by attribution kind
    strip: tuple[Bar, ...]  # characters of article text by kind of claim covering them
    strip_total: int
    title: str = "Claims by kind of source"
    strip_title: str = "Article text by kind of source"


def sourcing_chart(summary: SourcingSummary) -> SourcingChart:
    total = summary.claims
    bars = tuple(
        Bar(
            KIND_LABELS[kind],
            count,
            KIND_COLORS[kind],
            percent(count / total) if total else "",
        )
        for kind, count in summary.by_kind
    )
    length = summary.text_length
    strip = tuple(
        Bar(
            KIND_LABELS[kind] if kind else "No claim",
            chars,
            KIND_COLORS[kind] if kind else NO_CLAIM_COLOR,
            percent(chars / length) if length else "",
        )
        for kind, chars in summary.text_by_kind
        if chars
    )
    return SourcingChart(bars=bars, strip=strip, strip_total=length)


# Layout of the SVG, in CSS pixels.
WIDTH = 640
LABEL_W = 150
BAR_H = 20
GAP = 8
VALUE_W = 90
STRIP_H = 22
LEGEND_CHAR_W = 7.4  # a generous average advance of 12 px sans-serif (DejaVu Sans is wide)


def render_svg(chart: SourcingChart, *, width: int = WIDTH) -> str:
    """The chart as a standalone inline <svg> element (no scripts, no external references)."""
    plot_w = width - LABEL_W - VALUE_W
    top = 26
    most = max((b.value for b in chart.bars), default=0) or 1
    parts = [
        f'<text x="0" y="16" class="chart-title">{escape(chart.title)}</text>',
    ]
    y = top
    for bar in chart.bars:
        w = round(plot_w * bar.value / most) if bar.value else 0
        parts.append(
            f'<text x="{LABEL_W - 8}" y="{y + BAR_H - 6}" text-anchor="end">{escape(bar.label)}</text>'
            f'<rect x="{LABEL_W}" y="{y}" width="{plot_w}" height="{BAR_H}" fill="#f3f3f3"/>'
            f'<rect x="{LABEL_W}" y="{y}" width="{w}" height="{BAR_H}" fill="{bar.color}">'
            f"<title>{escape(bar.label)}: {bar.value}</title></rect>"
            f'<text x="{LABEL_W + w + 6}" y="{y + BAR_H - 6}">{bar.value}'
            f"{' · ' + escape(bar.note) if bar.note and bar.value else ''}</text>"
        )
        y += BAR_H + GAP
    y += 14
    parts.append(f'<text x="0" y="{y}" class="chart-title">{escape(chart.strip_title)}</text>')
    y += 10
    x = 0.0
    strip_w = width - 2
    for bar in chart.strip:
        w = strip_w * bar.value / chart.strip_total if chart.strip_total else 0
        parts.append(
            f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{STRIP_H}" fill="{bar.color}">'
            f"<title>{escape(bar.label)}: {escape(bar.note)}</title></rect>"
        )
        x += w
    y += STRIP_H + 16
    lx = 0
    for bar in chart.strip:
        label = f"{bar.label} {bar.note}"
        item_w = 14 + round(LEGEND_CHAR_W * len(label))
        if lx and lx + item_w > width:  # wrap before an item that would not fit, never cut it off
            lx = 0
            y += 16
        parts.append(
            f'<rect x="{lx}" y="{y - 10}" width="10" height="10" fill="{bar.color}"/>'
            f'<text x="{lx + 14}" y="{y - 1}">{escape(label)}</text>'
        )
        lx += item_w + 18
    height = y + 8
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12" '
        f'aria-label="{escape(chart.title)}">' + "".join(parts) + "</svg>"
    )


__all__ = ["KIND_ORDER", "Bar", "SourcingChart", "render_svg", "sourcing_chart"]
