"""Small server-side SVG charts: they render without scripts and print well.

Every label is escaped through ``markupsafe``; colours come from one palette
shared with the pages' scripts.
"""

from __future__ import annotations

import calendar
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import quote, urlencode

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


def month_ordinal(period: str) -> int | None:
    """``YYYY-MM`` (or a longer date) as a month count, so month arithmetic is plain subtraction."""
    try:
        year, month = int(period[:4]), int(period[5:7])
    except ValueError:
        return None
    return year * 12 + month - 1 if 1 <= month <= 12 else None


def ordinal_month(ordinal: int) -> str:
    return f"{ordinal // 12:04d}-{ordinal % 12 + 1:02d}"


def month_days(period: str) -> tuple[str, str]:
    """The first and last day of month ``YYYY-MM``, for links that filter on it."""
    year, month = int(period[:4]), int(period[5:7])
    last = calendar.monthrange(year, month)[1]
    return f"{period}-01", f"{period}-{last:02d}"


@dataclass(frozen=True)
class BulkAxis:
    """The span of months a time axis draws, and the counts it leaves out (listed, not drawn)."""

    first: int  # month ordinals, inclusive
    last: int
    outside: tuple[tuple[str, int], ...]  # (YYYY-MM, count), oldest first

    @property
    def n_outside(self) -> int:
        return sum(n for _, n in self.outside)


def bulk_months(counts: Mapping[str, int]) -> BulkAxis | None:
    """The months where the bulk of the data lies; None when nothing is dated.

    A stray date (a 1972 anniversary in a corpus of 2026 news) must not stretch the axis over
    decades and squeeze every real bar to nothing. The core is the shortest run of months holding
    ``BULK_SHARE`` of the counts; months near it (within half its length, at least
    ``BULK_MIN_REACH``) join it, so a quiet month next to busy ones stays on the axis. A span
    of at most ``BULK_SPAN_KEPT`` months is always drawn whole.
    """
    by_month: dict[int, int] = defaultdict(int)
    for period, n in counts.items():
        ordinal = month_ordinal(period)
        if ordinal is not None and n > 0:
            by_month[ordinal] += n
    if not by_month:
        return None
    months = sorted(by_month)
    if months[-1] - months[0] < BULK_SPAN_KEPT:
        return BulkAxis(months[0], months[-1], ())
    total = sum(by_month.values())
    needed = BULK_SHARE * total
    best: tuple[int, int, int] | None = None  # (length, -count, start index)
    end, running = 0, 0
    best_end = 0
    for start in range(len(months)):
        while end < len(months) and running < needed:
            running += by_month[months[end]]
            end += 1
        if running < needed:
            break
        key = (months[end - 1] - months[start], -running, start)
        if best is None or key < best:
            best, best_end = key, end - 1
        running -= by_month[months[start]]
    assert best is not None
    core_first, core_last = months[best[2]], months[best_end]
    reach = max(BULK_MIN_REACH, (core_last - core_first + 1) // 2)
    kept = [m for m in months if core_first - reach <= m <= core_last + reach]
    outside = tuple((ordinal_month(m), by_month[m]) for m in months if m < kept[0] or m > kept[-1])
    return BulkAxis(kept[0], kept[-1], outside)


# The share of counts the drawn axis must hold, how far around that core nearby months still join,
# and the span short enough to draw whole whatever its shape.
BULK_SHARE = 0.95
BULK_MIN_REACH = 3
BULK_SPAN_KEPT = 24
# Past this many months the bars are years: a bar a few pixels wide is not readable.
MAX_MONTH_BARS = 120


def count_ticks(peak: int) -> list[int]:
    """Round counts for a y-axis from 0 to ``peak``: steps of 1, 2 or 5 times a power of ten."""
    if peak <= 0:
        return [0]
    raw = peak / 3
    magnitude = 10 ** max(0, math.floor(math.log10(raw))) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return list(range(0, peak + 1, step))


def _type_order(types: set[str]) -> list[str]:
    known = [t for t in EVENT_TYPES if t in types]
    return known + sorted(types - set(known))


def _link(base: str, query: Mapping[str, str], since: str, until: str) -> str:
    params = {k: v for k, v in query.items() if k not in {"since", "until", "offset"} and v}
    return f"{base}?{urlencode({**params, 'since': since, 'until': until})}"


def timeline_bars(
    rows: Sequence[Mapping[str, Any]],
    *,
    width: int = 760,
    height: int = 230,
    link_base: str | None = None,
    query: Mapping[str, str] | None = None,
) -> Markup:
    """Stacked bars of event counts per month (per year over long spans), one colour per type.

    The axis covers the bulk of the dates (see ``bulk_months``); counts outside it are listed
    under the chart with links. With ``link_base`` each bar links to that page filtered on its
    period, keeping the other filters in ``query``.
    """
    by_month: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        period = str(row.get("period") or "")[:7]
        if period and row.get("n"):
            by_month[period][str(row.get("type") or "OTHER")] += int(row["n"])
    axis = bulk_months({p: sum(per.values()) for p, per in by_month.items()})
    if axis is None and query:
        return Markup('<p class="empty">No dated events match these filters.</p>')
    if axis is None:
        return Markup(
            '<p class="empty">No dated events yet: events get a date from the article\'s publication '
            "date or a date in the text. Ingest articles with a <code>published</code> field.</p>"
        )
    yearly = axis.last - axis.first + 1 > MAX_MONTH_BARS
    if yearly:
        periods = [str(y) for y in range(axis.first // 12, axis.last // 12 + 1)]
    else:
        periods = [ordinal_month(m) for m in range(axis.first, axis.last + 1)]
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for period, per in by_month.items():
        ordinal = month_ordinal(period)
        if ordinal is None or not axis.first <= ordinal <= axis.last:
            continue
        for event_type, n in per.items():
            counts[period[:4] if yearly else period][event_type] += n
    types = _type_order({t for per in counts.values() for t in per})
    peak = max(sum(per.values()) for per in counts.values())
    left, right, top, bottom = 40, 10, 10, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    band = plot_w / len(periods)
    bar_w = max(2.0, band * 0.75)
    unit = "year" if yearly else "month"
    parts = [
        Markup(
            '<svg class="chart timeline" viewBox="0 0 {w} {h}" width="100%" role="img" '
            'aria-label="events per {u} by type" data-unit="{u}" xmlns="http://www.w3.org/2000/svg">'
        ).format(w=width, h=height, u=unit)
    ]
    for tick in count_ticks(peak):
        y = top + plot_h - plot_h * tick / peak
        parts.append(
            Markup(
                '<line x1="{l}" x2="{r}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                '<text x="{tx}" y="{ty:.1f}" class="tick" text-anchor="end">{v}</text>'
            ).format(l=left, r=width - right, y=y, tx=left - 4, ty=y + 4, v=tick)
        )
    # About one label per 70 units keeps "2026-04" labels apart at any number of bars.
    label_every = max(1, math.ceil(len(periods) * 70 / plot_w))
    for i, period in enumerate(periods):
        x = left + i * band + (band - bar_w) / 2
        y = top + plot_h
        column = []
        total = sum(counts.get(period, {}).values())
        for event_type in types:
            n = counts.get(period, {}).get(event_type, 0)
            if not n:
                continue
            bar_h = plot_h * n / peak
            y -= bar_h
            column.append(
                Markup(
                    '<rect x="{x:.1f}" y="{y:.1f}" width="{bw:.1f}" height="{bh:.1f}" fill="{c}" '
                    'data-period="{p}" data-type="{t}" data-n="{n}"><title>{p} {t}: {n}</title></rect>'
                ).format(
                    x=x, y=y, bw=bar_w, bh=bar_h, c=event_colour(event_type), p=period, t=event_type, n=n
                )
            )
        if column and link_base:
            since, until = (f"{period}-01-01", f"{period}-12-31") if yearly else month_days(period)
            parts.append(
                Markup('<a href="{u}" class="bar" aria-label="{p}: {n} events">{c}</a>').format(
                    u=_link(link_base, query or {}, since, until),
                    p=period,
                    n=total,
                    c=Markup("").join(column),
                )
            )
        else:
            parts.extend(column)
        if i % label_every == 0:
            parts.append(
                Markup('<text x="{x:.1f}" y="{y}" class="tick" text-anchor="middle">{p}</text>').format(
                    x=left + i * band + band / 2, y=top + plot_h + 16, p=period
                )
            )
    parts.append(Markup("</svg>"))
    parts.append(legend(types))
    if axis.outside:
        parts.append(_outside_note(axis, link_base, query or {}))
    return Markup("").join(parts)


def _outside_note(axis: BulkAxis, link_base: str | None, query: Mapping[str, str]) -> Markup:
    """The counts left off the axis, each month listed (with a link when the page can filter)."""
    items = []
    for period, n in axis.outside:
        text = Markup("{p} ({n})").format(p=period, n=n)
        if link_base:
            since, until = month_days(period)
            text = Markup('<a href="{u}">{t}</a>').format(u=_link(link_base, query, since, until), t=text)
        items.append(text)
    noun = "event" if axis.n_outside == 1 else "events"
    return Markup(
        '<p class="meta outside">{n} {noun} dated outside {a} – {b}, not drawn: {items}</p>'
    ).format(
        n=axis.n_outside,
        noun=noun,
        a=ordinal_month(axis.first),
        b=ordinal_month(axis.last),
        items=Markup(", ").join(items),
    )


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
    """The day the store dates the event by (its own day when known, else its article's), as the
    events page, its filters and the month chart do."""
    if "date" in event:
        return _day(event.get("date"))
    time = event.get("time") or {}
    return _day(time.get("value_start")) or _day(event.get("published"))


def entity_timeline(
    as_source: Sequence[Mapping[str, Any]],
    as_target: Sequence[Mapping[str, Any]],
    quotes: Sequence[Mapping[str, Any]],
    *,
    totals: tuple[int | None, int | None, int | None] = (None, None, None),
    width: int = 760,
) -> Markup:
    """Three lanes on one time axis: events as source, events as target, quotes.

    ``totals`` are the true counts behind each lane (the lists may hold only the latest); each
    lane's label gives the true count, and how many are drawn when that is fewer. The axis covers
    the bulk of the dates; marks outside it are listed under the chart.
    """
    names = ("as source", "as target", "quotes")
    lanes = [
        [(d, e) for e in as_source if (d := _event_day(e))],
        [(d, e) for e in as_target if (d := _event_day(e))],
        [(d, q) for q in quotes if (d := _day(q.get("published")))],
    ]
    days = [d for items in lanes for d, _ in items]
    if not days:
        return Markup('<p class="empty">No dated events or quotes for this entity.</p>')
    month_counts: dict[str, int] = defaultdict(int)
    for day in days:
        month_counts[day.isoformat()[:7]] += 1
    axis = bulk_months(month_counts)
    assert axis is not None

    def on_axis(day: date) -> bool:
        return axis.first <= day.year * 12 + day.month - 1 <= axis.last

    kept = [d for d in days if on_axis(d)]
    first, last = min(kept), max(kept)
    span = (last - first).days
    left, right, lane_h, top = 130, 16, 40, 8
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
    for lane_index, (name, items, total) in enumerate(zip(names, lanes, totals, strict=True)):
        y = top + lane_h * lane_index + lane_h / 2
        drawn = [(d, item) for d, item in items if on_axis(d)]
        true_total = len(items) if total is None else max(total, len(items))
        # The count under the lane's name, and how many are drawn when fewer: short lines that
        # fit the margin whatever the numbers.
        note = f"{len(drawn):,} drawn" if len(drawn) < true_total else ""
        parts.append(
            Markup(
                '<line x1="{l}" x2="{r}" y1="{y}" y2="{y}" class="grid"/>'
                '<text x="{tx}" y="{ty}" class="tick lane" text-anchor="end" data-lane="{name}" '
                'data-total="{total}">{name}: {count}</text>'
            ).format(
                l=left,
                r=width - right,
                y=y,
                tx=left - 8,
                ty=y + (0 if note else 4),
                name=name,
                total=true_total,
                count=f"{true_total:,}",
            )
        )
        if note:
            parts.append(
                Markup('<text x="{tx}" y="{ty}" class="tick lane-note" text-anchor="end">{n}</text>').format(
                    tx=left - 8, ty=y + 13, n=note
                )
            )
        for seen, (day, item) in enumerate(sorted(drawn, key=lambda pair: pair[0])):
            # Stack same-day marks a little so each one stays visible and clickable.
            jitter = ((seen % 3) - 1) * 6
            colour, title = _mark(name, day, item)
            parts.append(
                Markup(
                    '<a href="/articles/{a}"><circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{c}">'
                    "<title>{t}</title></circle></a>"
                ).format(
                    a=quote(str(item.get("article_id") or ""), safe=""),
                    x=x_of(day),
                    y=y + jitter,
                    c=colour,
                    t=title,
                )
            )
    axis_y = top + lane_h * len(lanes) + 16
    for tick, anchor in _day_ticks(first, last):
        parts.append(
            Markup('<text x="{x:.1f}" y="{y}" class="tick" text-anchor="{a}">{d}</text>').format(
                x=x_of(tick), y=axis_y, a=anchor, d=tick.isoformat()
            )
        )
    parts.append(Markup("</svg>"))
    if axis.outside:
        parts.append(_outside_note(axis, None, {}))
    return Markup("").join(parts)


def _mark(lane: str, day: date, item: Mapping[str, Any]) -> tuple[str, str]:
    """A mark's colour and its hover text."""
    if lane == "quotes":
        return "#555555", f"{day}: “{str(item.get('text') or '')[:120]}”"
    source = (item.get("source") or {}).get("name") or "?"
    target = (item.get("target") or {}).get("name") or "?"
    return event_colour(item.get("type")), f"{day}: {item.get('type')} {source} → {target}"


def _day_ticks(first: date, last: date, most: int = 5) -> list[tuple[date, str]]:
    """Up to ``most`` evenly spaced dates; the ends anchored inwards so no label is cut off."""
    span = (last - first).days
    if span == 0:
        return [(first, "middle")]
    count = min(most, span + 1)
    ticks = sorted({first + timedelta(days=round(span * i / (count - 1))) for i in range(count)})
    return [(t, "start" if t == first else "end" if t == last else "middle") for t in ticks]
