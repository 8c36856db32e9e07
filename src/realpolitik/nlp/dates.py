"""Resolve date expressions ("on Tuesday", "last month", "since 2010") against the publication date."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def resolve(text: str, published: str | None) -> tuple[str | None, str | None]:
    """(start, end) ISO dates, or year-only strings, that `text` refers to; (None, None) if unknown.

    Relative expressions need `published`; absolute ones do not. "since 2010" is open-ended.
    """
    low = text.lower().strip()
    anchor = date.fromisoformat(published) if published else None
    years = _YEAR.findall(low)
    month = next((_MONTHS[w] for w in re.findall(r"[a-z]+", low) if w in _MONTHS and len(w) > 2), None)
    if years:
        year = int(years[0])
        if low.startswith(("since", "from")) and len(years) == 1:
            return str(year), None
        if len(years) >= 2 and ("between" in low or "to" in low or "-" in low or "until" in low):
            return str(year), years[-1]
        if month:
            day = re.search(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b", _YEAR.sub("", low))
            if day and 1 <= int(day.group(1)) <= calendar.monthrange(year, month)[1]:
                d = date(year, month, int(day.group(1))).isoformat()
                return d, d
            return _month(year, month)
        return str(year), str(year)
    if anchor is None:
        return None, None
    if low in ("today", "this morning", "tonight", "this evening", "this afternoon"):
        return anchor.isoformat(), anchor.isoformat()
    if low in ("yesterday", "last night"):
        d = (anchor - timedelta(days=1)).isoformat()
        return d, d
    if low == "tomorrow":
        d = (anchor + timedelta(days=1)).isoformat()
        return d, d
    for name, wd in _WEEKDAYS.items():
        if name in low:
            back = (anchor.weekday() - wd) % 7
            if "next" in low:
                d = anchor + timedelta(days=(wd - anchor.weekday()) % 7 or 7)
            else:
                d = anchor - timedelta(days=back or (7 if "last" in low else 0))
            return d.isoformat(), d.isoformat()
    if "last month" in low or "previous month" in low:
        y, m = (anchor.year, anchor.month - 1) if anchor.month > 1 else (anchor.year - 1, 12)
        return _month(y, m)
    if "this month" in low:
        return _month(anchor.year, anchor.month)
    if "next month" in low:
        y, m = (anchor.year, anchor.month + 1) if anchor.month < 12 else (anchor.year + 1, 1)
        return _month(y, m)
    if "last week" in low:
        return (anchor - timedelta(days=anchor.weekday() + 7)).isoformat(), \
            (anchor - timedelta(days=anchor.weekday() + 1)).isoformat()
    if "last year" in low:
        return str(anchor.year - 1), str(anchor.year - 1)
    if "this year" in low:
        return str(anchor.year), str(anchor.year)
    if "next year" in low:
        return str(anchor.year + 1), str(anchor.year + 1)
    if month:
        year = anchor.year if month <= anchor.month else anchor.year - 1
        return _month(year, month)
    return None, None


def _month(year: int, month: int) -> tuple[str, str]:
    last = calendar.monthrange(year, month)[1]
    return date(year, month, 1).isoformat(), date(year, month, last).isoformat()


def of_word(tok, doc) -> dict | None:
    """The date of the act `tok` names: a DATE entity in its phrase, else the only one in its
    sentence, resolved against the document's `published` date; None when there is none or several."""
    sent = tok.sent
    subtree = {t.i for t in tok.subtree}
    candidates = [e for e in sent.ents if e.label_ == "DATE"]
    inside = [e for e in candidates if e.root.i in subtree or e.root.head.i == tok.i]
    chosen = inside[0] if inside else (candidates[0] if len(candidates) == 1 else None)
    if chosen is None:
        return None
    start, end = resolve(chosen.text, doc._.rp_published)
    return {"text": chosen.text, "start": start, "end": end}
