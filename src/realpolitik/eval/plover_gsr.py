"""PLOVER gold standard records (322 CAMEO-manual sentences): event category, countries, triples.

Old category names are mapped as datasets/README.md says (DEMAND→REQUEST, DISAPPROVE and
INVESTIGATE→ACCUSE, FIGHT→ASSAULT, YIELD→CONCEDE or RETREAT); mode `host` is CONSULT/visit with the
roles swapped (the visitor is the source). Compound actors marked SRC/TAR with no separate target
are a symmetric pair: either orientation counts.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .common import EvalError, f1, need, one_to_one, predict, ratio, side_code

NAME = "plover-gsr"
PATH = "datasets/plover_gsr_cameo/PLOVER_GSR_CAMEO.json"

#: PLOVER 0.5/0.6 names in the GSR → the current categories (first: the one reported).
OLD_CATEGORIES = {
    "DEMAND": ("REQUEST",), "DISAPPROVE": ("ACCUSE",), "INVESTIGATE": ("ACCUSE",),
    "FIGHT": ("ASSAULT",), "YIELD": ("CONCEDE", "RETREAT"),
}
#: Non-ISO codes some GSR records use.
CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


@dataclass(frozen=True)
class GoldTriple:
    """One gold event: any of `pairs` (source, target) with any of `categories` matches it."""

    pairs: frozenset
    categories: frozenset


@dataclass
class GoldSentence:
    id: str
    text: str
    category: str                       # the reported (current) category
    categories: frozenset               # every accepted category
    sources: frozenset = frozenset()    # country codes accepted as source
    targets: frozenset = frozenset()    # country codes accepted as target (empty: none coded)
    triples: list[GoldTriple] = field(default_factory=list)


@dataclass(frozen=True)
class PredEvent:
    category: str | None
    source: str | None
    target: str | None
    confidence: float = 0.5


def _codes(side: Any) -> list[str]:
    if not isinstance(side, list):
        return []
    return [CODE_FIXES.get(a.get("code"), a.get("code")) for a in side if isinstance(a, dict) and a.get("code")]


def parse_record(r: dict) -> GoldSentence:
    """One GSR record → GoldSentence (pure: tests build records by hand)."""
    old = r["event"]
    cats = OLD_CATEGORIES.get(old, (old,))
    sources, targets = _codes(r.get("source")), _codes(r.get("target"))
    if r.get("mode") == "host":
        sources, targets = targets, sources
    info = r.get("textInfo")
    markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
    if not targets and len(sources) > 1 and "SRC/TAR" in markup:
        pairs = [frozenset({(a, b), (b, a)}) for i, a in enumerate(sources) for b in sources[i + 1:]]
        targets = sources
    else:
        pairs = [frozenset({(s, t)}) for s in (sources or [None]) for t in (targets or [None])]
    cats_set = frozenset(cats)
    return GoldSentence(id=r["id"], text=r["text"], category=cats[0], categories=cats_set,
                        sources=frozenset(sources), targets=frozenset(targets),
                        triples=[GoldTriple(p, cats_set) for p in pairs])


def read(shared: Path) -> list[GoldSentence]:
    """The 322 coded sentences (the DOCUMENT header record is skipped)."""
    path = need(shared / PATH, "PLOVER GSR file")
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise EvalError(f"unreadable PLOVER GSR file {path}: {exc}") from exc
    return [parse_record(r) for r in records if r.get("event") not in (None, "DOCUMENT") and r.get("text")]


def events_of(record: dict | None) -> list[PredEvent]:
    """The record's events as (category, source country, target country)."""
    if not record:
        return []
    return [PredEvent(e.get("plover"), side_code(record, e, "source"), side_code(record, e, "target"),
                      float(e.get("confidence") or 0)) for e in record.get("events", [])]


def score(gold: list[GoldSentence], pred: list[list[PredEvent]]) -> dict[str, float]:
    """Category accuracy and macro-F1 (best event per sentence), country accuracy, triple P/R/F1."""
    n = len(gold)
    correct = src_ok = src_n = tgt_ok = tgt_n = 0
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    gold_triples = pred_triples = matched = 0
    for g, events in zip(gold, pred):
        b = max(events, key=lambda e: e.confidence, default=None)  # the first on ties
        label = g.category if b is not None and b.category in g.categories else (b.category if b else None)
        if label == g.category:
            correct += 1
            tp[g.category] += 1
        else:
            fn[g.category] += 1
            if label is not None:
                fp[label] += 1
        if g.sources:
            src_n += 1
            src_ok += b is not None and b.source in g.sources
        if g.targets:
            tgt_n += 1
            tgt_ok += b is not None and b.target in g.targets
        triples = sorted({(e.source, e.target, e.category) for e in events}, key=str)
        gold_triples += len(g.triples)
        pred_triples += len(triples)
        matched += one_to_one(g.triples, triples, lambda gt, p: (p[0], p[1]) in gt.pairs and p[2] in gt.categories)
    classes = sorted({g.category for g in gold})
    per_class = {c: f1(ratio(tp[c], tp[c] + fp[c]), ratio(tp[c], tp[c] + fn[c])) for c in classes}
    p, r = ratio(matched, pred_triples), ratio(matched, gold_triples)
    out = {
        "sentences": n,
        "category_accuracy": ratio(correct, n),
        "category_macro_f1": ratio(sum(per_class.values()), len(classes)),
        "source_country_accuracy": ratio(src_ok, src_n),
        "target_country_accuracy": ratio(tgt_ok, tgt_n),
        "triple_precision": p, "triple_recall": r, "triple_f1": f1(p, r),
        "triples_gold": gold_triples, "triples_predicted": pred_triples, "triples_matched": matched,
    }
    out.update({f"{c}.f1": v for c, v in per_class.items()})
    return out


def evaluate(shared: Path, *, nlp: Any = None, limit: int | None = None, **_: Any) -> dict:
    gold = read(shared)[:limit] if limit else read(shared)
    records = predict(({"text": g.text, "published": "2000-01-01", "source": g.id} for g in gold), nlp=nlp)
    metrics = score(gold, [events_of(r) for r in records])
    return {"dataset": NAME, "items": len(gold), "metrics": metrics}
