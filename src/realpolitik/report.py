"""Readable terminal reports (rich tables) of analyses and store query results.

Article text is untrusted: every cell is a `rich.text.Text`, never markup, so brackets in a
quote cannot restyle or hide anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console, Group
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from .records import Analysis

#: Columns whose short values read best unwrapped.
_NO_WRAP = frozenset({"date", "category", "modality", "status", "qty", "type", "country", "mentions",
                      "documents", "score", "share", "tone", "labelled", "rows", "table"})
#: Longest evidence snippet shown in a table cell; the JSON output always has the full span.
SNIPPET = 90


def snippet(text: str | None, width: int = SNIPPET) -> str:
    """One line of at most `width` characters."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _cell(value: Any) -> Text:
    if value is None or value == "":
        return Text("–", style="dim")
    if isinstance(value, float):
        return Text(f"{value:.2f}")
    return Text(str(value))


def table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Table:
    """A rich Table whose cells are plain text."""
    out = Table(title=title, title_justify="left", title_style="bold", expand=False)
    for column in columns:
        out.add_column(column, overflow="fold", no_wrap=column in _NO_WRAP)
    for row in rows:
        out.add_row(*(_cell(v) for v in row))
    return out


def _names(analysis: Analysis) -> dict[str, str]:
    return {a.id: a.name for a in analysis.actors}


def _arrow(names: dict[str, str], source: str | None, target: str | None) -> str:
    return f"{names.get(source or '', source) or '?'} → {names.get(target or '', target) or '?'}"


def render_analysis(analysis: Analysis, *, name: str | None = None) -> Group:
    """The report of one document: a header and one table per kind of record."""
    doc, names = analysis.document, _names(analysis)
    head = Text(doc.title or name or doc.id[:12], style="bold")
    meta = Text(f"id {doc.id[:12]} · {doc.published or 'no date'} · {doc.source or 'no source'}"
                f" · {doc.length:,} characters", style="dim")
    parts: list[Any] = [Rule(head), meta]
    parts += _section("Actors", ("name", "id", "type", "country", "role", "mentions"),
                      [(a.name, a.id, a.type, a.country, a.role, len(a.mentions)) for a in analysis.actors])
    parts += _section("Events", ("id", "category", "mode", "source → target", "modality", "date", "evidence"),
                      [(e.id, e.plover, e.mode, _arrow(names, e.source, e.target), e.modality,
                        e.date.start if e.date else None, snippet(e.evidence.text))
                       for e in analysis.events])
    parts += _section("Arms transfers", ("id", "supplier → recipient", "weapon", "qty", "status",
                                         "period", "modality", "evidence"),
                      [(t.id, _arrow(names, t.supplier, t.recipient), t.weapon.name, t.quantity,
                        t.status, _period(t.period), t.modality, snippet(t.evidence.text))
                       for t in analysis.arms_transfers])
    parts += _section("Claims", ("id", "speaker", "cue", "modality", "content"),
                      [(c.id, names.get(c.speaker, c.speaker), c.cue, c.modality, snippet(c.content.text))
                       for c in analysis.claims])
    parts += _section("Framing", ("wording", "technique", "aimed at", "words of"),
                      [(f.text, f.technique, names.get(f.target or "", f.target),
                        names.get(f.attributed_to, f.attributed_to)) for f in analysis.framing])
    parts += _section("Slant (the writer's own wording)", ("actor", "mentions", "labelled", "share", "tone"),
                      [(names.get(s.actor, s.actor), s.mentions, s.labelled, s.share_labelled, s.tone)
                       for s in analysis.slant])
    return Group(*parts)


def _period(period: Any) -> str | None:
    if period is None or (period.start is None and period.end is None):
        return None
    return period.start if not period.end or period.end == period.start else f"{period.start}–{period.end}"


def _section(title: str, columns: Sequence[str], rows: list[Sequence[Any]]) -> list[Any]:
    if not rows:
        return [Text(f"{title}: none found", style="dim")]
    return [table(title, columns, rows)]


def print_rows(console: Console, title: str, columns: Sequence[tuple[str, str]], rows: list[dict]) -> None:
    """Print query results as a table; `columns` are (header, key) pairs."""
    if not rows:
        console.print(Text(f"{title}: nothing matches", style="dim"))
        return
    console.print(table(title, [h for h, _ in columns], ([r.get(k) for _, k in columns] for r in rows)))
