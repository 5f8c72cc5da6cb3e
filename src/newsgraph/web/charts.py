"""Small server-side SVG charts: they render without scripts and print well.

Every label is escaped through ``markupsafe``; colours come from one palette
shared with the pages' scripts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from ..plover import CONFLICT_TYPES, COOPERATION_TYPES

EVENT_TYPES = COOPERATION_TYPES + CONFLICT_TYPES

# Greens and blues for cooperation, warm colours for conflict: the split reads at a glance.
EVENT_COLOURS = {
    "AGREE": "#1b9e77",
    "CONSULT": "#66a61e",
    "SUPPORT": "#2c7fb8",
    "CONCEDE": "#41b6c4",
    "COOPERATE": "#006d2c",
    "AID": "#74c476",
    "RETREAT": "#9ecae1",
    "REQUEST": "#fdae61",
    "ACCUSE": "#f46d43",
    "REJECT": "#d73027",
    "THREATEN": "#a50026",
    "PROTEST": "#e6ab02",
    "SANCTION": "#8c510a",
    "MOBILIZE": "#b35806",
    "COERCE": "#762a83",
    "ASSAULT": "#67001f",
}
OTHER_COLOUR = "#888888"


def event_colour(event_type: str | None) -> str:
    return EVENT_COLOURS.get((event_type or "").upper(), OTHER_COLOUR)


def _months_between(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last`` inclusive, so gaps show as gaps."""
    try:
        year, month = int(first[:4]), int(first[5:7])
        end_year, end_month = int(last[:4]), int(last[5:7])
    except ValueError:
        return sorted({first, last})
    months: list[str] = []
    while (year, month) <= (end_year, end_month) and len(months) < 600:
        months.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return months


def _type_order(types: set[str]) -> list[str]:
    known = [t for t in EVENT_TYPES if t in types]
    return known + sorted(types - set(known))


def timeline_bars(rows: Sequence[Mapping[str, Any]], *, width: int = 760, height: int = 230) -> Markup:
    """Stacked bars of event counts per month, one colour per event type."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        period = str(row.get("period") or "")[:7]
        if period and row.get("n"):
            counts[period][str(row.get("type") or "OTHER")] += int(row["n"])
    if not counts:
        return Markup('<p class="empty">No dated events yet.</p>')
    periods = _months_between(min(counts), max(counts)) if len(counts) > 1 else sorted(counts)
    types = _type_order({t for per in counts.values() for t in per})
    peak = max(sum(per.values()) for per in counts.values())
    left, right, top, bottom = 36, 10, 10, 42
    plot_w, plot_h = width - left - right, height - top - bottom
    band = plot_w / len(periods)
    bar_w = max(2.0, band * 0.75)
    parts = [
        Markup(
            '<svg class="chart timeline" viewBox="0 0 {w} {h}" width="100%" role="img" '
            'aria-label="events per month by type" xmlns="http://www.w3.org/2000/svg">'
        ).format(w=width, h=height)
    ]
    for tick in sorted({0, peak // 2, peak}):
        y = top + plot_h - plot_h * tick / peak
        parts.append(
            Markup(
                '<line x1="{l}" x2="{r}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                '<text x="{tx}" y="{ty:.1f}" class="tick" text-anchor="end">{v}</text>'
            ).format(l=left, r=width - right, y=y, tx=left - 4, ty=y + 4, v=tick)
        )
    label_every = max(1, round(len(periods) / 12))
    for i, period in enumerate(periods):
        x = left + i * band + (band - bar_w) / 2
        y = top + plot_h
        for event_type in types:
            n = counts.get(period, {}).get(event_type, 0)
            if not n:
                continue
            bar_h = plot_h * n / peak
            y -= bar_h
            parts.append(
                Markup(
                    '<rect x="{x:.1f}" y="{y:.1f}" width="{bw:.1f}" height="{bh:.1f}" fill="{c}">'
                    "<title>{p} {t}: {n}</title></rect>"
                ).format(
                    x=x, y=y, bw=bar_w, bh=bar_h, c=event_colour(event_type), p=period, t=event_type, n=n
                )
            )
        if i % label_every == 0:
            parts.append(
                Markup('<text x="{x:.1f}" y="{y}" class="tick" text-anchor="middle">{p}</text>').format(
                    x=left + i * band + band / 2, y=top + plot_h + 16, p=period
                )
            )
    parts.append(Markup("</svg>"))
    parts.append(legend(types))
    return Markup("").join(parts)


def legend(types: list[str]) -> Markup:
    """Colour keys for the given event types, as an HTML list."""
    items = [
        Markup(
            '<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="{c}"/></svg> {t}</li>'
        ).format(c=event_colour(t), t=t)
        for t in types
    ]
    return Markup('<ul class="legend">{}</ul>').format(Markup("").join(items))


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _event_day(event: Mapping[str, Any]) -> date | None:
    time = event.get("time") or {}
    return _day(time.get("value_start")) or _day(event.get("published"))


def entity_timeline(
    as_source: Sequence[Mapping[str, Any]],
    as_target: Sequence[Mapping[str, Any]],
    quotes: Sequence[Mapping[str, Any]],
    *,
    width: int = 760,
) -> Markup:
    """Three lanes on one time axis: events as source, events as target, quotes."""
    lanes = [
        ("as source", [(d, e) for e in as_source if (d := _event_day(e))]),
        ("as target", [(d, e) for e in as_target if (d := _event_day(e))]),
        ("quotes", [(d, q) for q in quotes if (d := _day(q.get("published")))]),
    ]
    days = [d for _, items in lanes for d, _ in items]
    if not days:
        return Markup('<p class="empty">No dated events or quotes.</p>')
    first, last = min(days), max(days)
    span = (last - first).days
    left, right, lane_h, top = 80, 16, 34, 8
    height = top + lane_h * len(lanes) + 26
    plot_w = width - left - right

    def x_of(day: date) -> float:
        return left + plot_w * ((day - first).days / span if span else 0.5)

    parts = [
        Markup(
            '<svg class="chart entity-timeline" viewBox="0 0 {w} {h}" width="100%" role="img" '
            'aria-label="events and quotes over time" xmlns="http://www.w3.org/2000/svg">'
        ).format(w=width, h=height)
    ]
    for lane_index, (name, items) in enumerate(lanes):
        y = top + lane_h * lane_index + lane_h / 2
        parts.append(
            Markup(
                '<line x1="{l}" x2="{r}" y1="{y}" y2="{y}" class="grid"/>'
                '<text x="{tx}" y="{ty}" class="tick" text-anchor="end">{n} ({c})</text>'
            ).format(l=left, r=width - right, y=y, tx=left - 6, ty=y + 4, n=name, c=len(items))
        )
        for seen, (day, item) in enumerate(sorted(items, key=lambda pair: pair[0])):
            # Stack same-day marks a little so each one stays visible and clickable.
            jitter = ((seen % 3) - 1) * 6
            if name == "quotes":
                colour, label = "#555555", f"{day}: “{str(item.get('text') or '')[:120]}”"
            else:
                source = (item.get("source") or {}).get("name") or "?"
                target = (item.get("target") or {}).get("name") or "?"
                colour = event_colour(item.get("type"))
                label = f"{day}: {item.get('type')} {source} → {target}"
            parts.append(
                Markup(
                    '<a href="/articles/{a}"><circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{c}">'
                    "<title>{t}</title></circle></a>"
                ).format(
                    a=quote(str(item.get("article_id") or ""), safe=""),
                    x=x_of(day),
                    y=y + jitter,
                    c=colour,
                    t=label,
                )
            )
    axis_y = top + lane_h * len(lanes) + 16
    for day in sorted({first, last}):
        parts.append(
            Markup('<text x="{x:.1f}" y="{y}" class="tick" text-anchor="middle">{d}</text>').format(
                x=x_of(day), y=axis_y, d=day.isoformat()
            )
        )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
