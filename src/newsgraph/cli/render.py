"""Readable plain-text summaries of records, for people at a terminal."""

from __future__ import annotations

from ..records import DocumentRecord


def _or_dash(value: object) -> str:
    return "-" if value in (None, "", ()) else str(value)


def render_document(record: DocumentRecord) -> str:
    art = record.article
    head = art.title or art.origin or art.id
    lines = [
        f"== {head}",
        f"   id {art.id}  published {_or_dash(art.published)}  source {_or_dash(art.source)}",
    ]
    if record.entities:
        lines.append("Entities")
        for e in sorted(record.entities, key=lambda e: -len(e.mentions)):
            titles = f" ({'; '.join(e.titles)})" if e.titles else ""
            country = f" [{e.country}]" if e.country else ""
            lines.append(f"  {e.type:<6} {e.name}{titles}{country}  x{len(e.mentions)}")
    if record.quotes:
        lines.append("Quotes")
        for q in record.quotes:
            who = q.speaker_name or q.speaker_text or "unknown speaker"
            lines.append(f'  {who} ({q.kind}, {_or_dash(q.cue)}): "{q.text}"')
    if record.events:
        lines.append("Events")
        for ev in record.events:
            src = ev.source.name if ev.source else "-"
            tgt = ev.target.name if ev.target else "-"
            lines.append(f'  {ev.type:<9} {src} -> {tgt}  [{ev.modality}]  "{ev.trigger.text}"')
    if record.quantities:
        lines.append("Figures")
        for qty in record.quantities:
            qual = f"{qty.qualifier} " if qty.qualifier else ""
            unit = f" {qty.unit}" if qty.unit else ""
            value = "?" if qty.value is None else f"{qty.value:,.15g}"
            lines.append(f'  {qty.kind:<10} {qual}{value}{unit}   "{qty.text}"')
    if record.places:
        lines.append("Places")
        for p in record.places:
            where = (
                f"{p.lat:.2f}, {p.lon:.2f}" if p.lat is not None and p.lon is not None else "no coordinates"
            )
            lines.append(f"  {p.name} [{_or_dash(p.country)}] {where}  x{len(p.mentions)}")
    if record.times:
        lines.append("Dates")
        for t in record.times:
            span = (
                _or_dash(t.value_start)
                if t.value_start == t.value_end
                else f"{_or_dash(t.value_start)} .. {_or_dash(t.value_end)}"
            )
            lines.append(f'  "{t.text}" -> {span}')
    return "\n".join(lines)
