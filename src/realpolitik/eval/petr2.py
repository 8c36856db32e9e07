"""PETRARCH-2 validation sentences: (source, target, CAMEO) triples, the PETRARCH validation convention.

Actors compare by their first three letters (the country or IGO prefix of a CAMEO actor code:
USAGOV → USA, IGOEUREEC → IGO, ---REB → --- for "no country"); codes compare exactly and at the
root (first two digits). Each gold triple is matched at most once; what is left on either side is
missed or extra, counted as a percentage of the gold triples like the published validations.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..export.cameo import cameo_view
from .common import EvalError, need, one_to_one, predict, ratio, side_code

NAME = "petr2"
XML = "datasets/petr2_gsr_validation/PETR2_GSR_validation.xml"
JSONL = "datasets/petr2_gsr_validation/derived/petr2_gsr_validation.jsonl"
CAMEO2PLOVER = "datasets/plover_gsr_cameo/CAMEO2PLOVER-2021.txt"
NO_COUNTRY = "---"

_SENTENCE = re.compile(r"<Sentence\b([^>]*?)/?>(.*?)</Sentence>", re.S)
_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_PARSE = re.compile(r"<Parse>(.*?)</Parse>", re.S)


@dataclass(frozen=True)
class Triple:
    source: str   # three-letter prefix, "---" for none
    target: str
    code: str | None


@dataclass
class GoldSentence:
    id: str
    text: str
    date: str | None = None
    triples: list[Triple] = field(default_factory=list)
    no_events: bool = False


def prefix(code: str | None) -> str:
    """The country/IGO part of a CAMEO actor code; "---" when there is none."""
    return (code or NO_COUNTRY)[:3].upper() or NO_COUNTRY


def root(code: str | None) -> str | None:
    return code[:2] if code and len(code) >= 2 else None


def parse_xml(raw: str) -> list[GoldSentence]:
    """Tolerant reader: the file's <Sentence .../> tags are self-closed yet hold content, so regex."""
    raw = re.sub(r"<!--.*?-->", "", raw, flags=re.S)
    if "<Sentences>" in raw:  # the header before it has a placeholder <EventCoding...>
        raw = raw[raw.index("<Sentences>"):]
    out = []
    for m in _SENTENCE.finditer(raw):
        attrs = dict(_ATTR.findall(m.group(1)))
        body = m.group(2)
        text_m = _TEXT.search(body)
        text = " ".join(text_m.group(1).split()) if text_m else ""
        if not text:  # one record has an empty <Text>: rebuild it from its CoNLL-U parse
            parse = _PARSE.search(body)
            text = text_from_conllu(parse.group(1)) if parse else ""
        triples, no_events = [], False
        for c in _CODING.finditer(body):
            a = dict(_ATTR.findall(c.group(1)))
            if a.get("noevents", "").lower() == "true":
                no_events = True
            elif "eventcode" in a:
                triples.append(Triple(prefix(a.get("sourcecode")), prefix(a.get("targetcode")), a["eventcode"]))
        out.append(GoldSentence(id=attrs.get("id", str(len(out))), date=attrs.get("date"),
                                text=text,
                                triples=triples, no_events=no_events))
    return [s for s in out if s.text]


def text_from_conllu(block: str) -> str:
    """The sentence a CoNLL-U block spells (FORM column, no space where MISC says SpaceAfter=No)."""
    out = []
    for line in block.splitlines():
        cols = line.split("\t")
        if len(cols) >= 10 and cols[0].isdigit():
            out.append(cols[1] + ("" if "SpaceAfter=No" in cols[9] else " "))
    return "".join(out).strip()


def parse_jsonl(lines: list[str]) -> list[GoldSentence]:
    out = []
    for line in lines:
        if not line.strip():
            continue
        r = json.loads(line)
        out.append(GoldSentence(id=r["id"], text=r["text"], date=r.get("date"), no_events=bool(r.get("no_events")),
                                triples=[Triple(prefix(e["source"]), prefix(e["target"]), e["event"])
                                         for e in r.get("expected", [])]))
    return out


def read(shared: Path) -> list[GoldSentence]:
    """The validation sentences, from the XML (or the derived JSONL when the XML is absent)."""
    xml, jsonl = shared / XML, shared / JSONL
    try:
        if xml.exists():
            return parse_xml(xml.read_text(encoding="utf-8"))
        return parse_jsonl(need(jsonl, "PETR2 validation file").read_text(encoding="utf-8").splitlines())
    except (OSError, ValueError, KeyError) as exc:
        raise EvalError(f"unreadable PETR2 validation file: {exc}") from exc


def read_cameo2plover(path: Path) -> dict[str, str]:
    """CAMEO code → PLOVER category, from the `code: PLOVER, mode, context # note` table."""
    table = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r"\s*(\d{2,4})\s*:\s*([A-Z]+)", line)
            if m:
                table[m.group(1)] = m.group(2)
    return table


def plover_of(code: str | None, table: dict[str, str]) -> str | None:
    """The PLOVER category of a CAMEO code: its own row, else its nearest parent's."""
    while code:
        if code in table:
            return table[code]
        code = code[:-1]
    return None


@dataclass(frozen=True)
class PredEvent:
    source: str
    target: str
    code: str | None
    plover: str | None = None
    confidence: float = 0.5


def events_of(record: dict | None, *, view: str = "cameo") -> list[PredEvent]:
    """A record's events as triples: its CAMEO view (`export.cameo.cameo_view`, what a CAMEO coding
    of the text holds), or with view="all" every event whatever its modality."""
    if not record:
        return []
    events = record.get("events", [])
    if view == "cameo":
        events = cameo_view(events)
    return [PredEvent(prefix(side_code(record, e, "source")), prefix(side_code(record, e, "target")),
                      e.get("cameo"), e.get("plover"), float(e.get("confidence") or 0))
            for e in events]


def score(gold: list[GoldSentence], pred: list[list[PredEvent]], cameo2plover: dict[str, str] | None = None) -> dict:
    """Correct / missed / extra triples (exact code, code root, PLOVER category) and root accuracy."""
    table = cameo2plover or {}
    n_gold = n_pred = exact = by_root = by_plover = extra_no_event = 0
    root_ok = root_n = 0
    for g, events in zip(gold, pred):
        triples = list({(e.source, e.target, e.code): e for e in events}.values())
        n_gold += len(g.triples)
        n_pred += len(triples)
        if not g.triples:
            extra_no_event += len(triples)
            continue
        same_actors = lambda t, p: t.source == p.source and t.target == p.target  # noqa: E731
        exact += one_to_one(g.triples, triples, lambda t, p: same_actors(t, p) and p.code == t.code)
        by_root += one_to_one(g.triples, triples,
                              lambda t, p: same_actors(t, p) and root(p.code) is not None and root(p.code) == root(t.code))
        if table:
            by_plover += one_to_one(g.triples, triples, lambda t, p: same_actors(t, p) and p.plover is not None
                                    and p.plover == plover_of(t.code, table))
        root_n += 1
        best = max(events, key=lambda e: e.confidence, default=None)
        root_ok += best is not None and root(best.code) in {root(t.code) for t in g.triples}
    pct = lambda x: 100.0 * ratio(x, n_gold)  # noqa: E731
    return {
        "sentences": len(gold), "gold_triples": n_gold, "predicted_triples": n_pred,
        "correct": by_root, "missed": n_gold - by_root, "extra": n_pred - by_root,
        "correct_pct": pct(by_root), "missed_pct": pct(n_gold - by_root), "extra_pct": pct(n_pred - by_root),
        "correct_exact": exact, "correct_exact_pct": pct(exact),
        "correct_plover": by_plover, "correct_plover_pct": pct(by_plover),
        "extra_on_no_event_sentences": extra_no_event,
        # the share of what we predict that lies in sentences the gold codes no event in
        "predicted_outside_gold_pct": 100.0 * ratio(extra_no_event, n_pred),
        "cameo_root_accuracy": ratio(root_ok, root_n),
    }


def _published(date: str | None) -> str | None:
    return f"{date[:4]}-{date[4:6]}-{date[6:8]}" if date and len(date) == 8 and date.isdigit() else None


def evaluate(shared: Path, *, nlp: Any = None, limit: int | None = None, **_: Any) -> dict:
    gold = read(shared)
    gold = gold[:limit] if limit else gold
    records = predict(({"text": g.text, "published": _published(g.date), "source": g.id} for g in gold), nlp=nlp)
    table = read_cameo2plover(shared / CAMEO2PLOVER)
    # the headline scores the CAMEO view of each record, the gold being a CAMEO coding; the same
    # figures on every event whatever its modality show what that view leaves out
    metrics = score(gold, [events_of(r) for r in records], table)
    metrics["all_events"] = score(gold, [events_of(r, view="all") for r in records], table)
    return {"dataset": NAME, "items": len(gold), "metrics": metrics}
