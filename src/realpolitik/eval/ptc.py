"""Propaganda Techniques Corpus (SemEval-2020 Task 11): framing spans with the task's overlap measure.

The measure gives partial credit by characters: a predicted span scores the share of its characters
that gold spans of the same technique cover; precision is the mean over predicted spans, recall the
same the other way round over gold spans. Overlapping spans of one class in one article are merged
first (as the task's span-identification scorer does), so no character counts twice. "overall"
ignores the technique (task SI: where is there propaganda at all).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .common import EvalError, f1, predict, ratio

NAME = "ptc"
FOLDER = "datasets/propaganda_ptc"
ANY = "*"  # the technique-agnostic class
HEADLINE = ("name_calling", "loaded_language")

#: The corpus's 14 classes → our technique names (merged classes take their first member's name).
GOLD_NAMES = {
    "Appeal_to_Authority": "appeal_to_authority", "Appeal_to_fear-prejudice": "appeal_to_fear",
    "Bandwagon,Reductio_ad_hitlerum": "bandwagon", "Black-and-White_Fallacy": "black_and_white_fallacy",
    "Causal_Oversimplification": "causal_oversimplification", "Doubt": "doubt",
    "Exaggeration,Minimisation": "exaggeration", "Flag-Waving": "flag_waving",
    "Loaded_Language": "loaded_language", "Name_Calling,Labeling": "name_calling", "Repetition": "repetition",
    "Slogans": "slogans", "Thought-terminating_Cliches": "thought_terminating_cliches",
    "Whataboutism,Straw_Men,Red_Herring": "whataboutism",
}
#: Our names for members of the corpus's merged classes, and spelling variants.
ALIASES = {
    "reductio_ad_hitlerum": "bandwagon", "straw_men": "whataboutism", "straw_man": "whataboutism",
    "red_herring": "whataboutism", "minimisation": "exaggeration", "minimization": "exaggeration",
    "labeling": "name_calling", "labelling": "name_calling", "appeal_to_fear_prejudice": "appeal_to_fear",
    "black_and_white": "black_and_white_fallacy", "thought_terminating_cliche": "thought_terminating_cliches",
    "flag_waving": "flag_waving", "slogan": "slogans",
}
TECHNIQUES = tuple(sorted(set(GOLD_NAMES.values())))


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


_GOLD_NORM = {_norm(k): v for k, v in GOLD_NAMES.items()}


def technique(name: str | None) -> str:
    """A technique name from the corpus or from our record → one of TECHNIQUES (or itself, normalised)."""
    n = _norm(name or "")
    n = _GOLD_NORM.get(n, n)
    return ALIASES.get(n, n)


@dataclass(frozen=True)
class TSpan:
    article: str
    start: int
    end: int
    technique: str


@dataclass
class Article:
    id: str
    text: str


def read(shared: Path, *, limit: int | None = None) -> tuple[list[Article], list[TSpan]]:
    """The first `limit` training articles (by id) and their gold spans."""
    folder = shared / FOLDER
    labels = folder / "train-task2-TC.labels"
    files = sorted((folder / "train-articles").glob("article*.txt"))
    if not files or not labels.exists():
        raise EvalError(f"PTC data not found: {folder}/train-articles and train-task2-TC.labels")
    files = files[:limit] if limit else files
    articles = [Article(f.stem.removeprefix("article"), f.read_text(encoding="utf-8")) for f in files]
    keep = {a.id for a in articles}
    spans = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 4 and cols[0] in keep:
            spans.append(TSpan(cols[0], int(cols[2]), int(cols[3]), technique(cols[1])))
    return articles, spans


def spans_of(article_id: str, record: dict | None) -> list[TSpan]:
    if not record:
        return []
    return [TSpan(article_id, f["start"], f["end"], technique(f.get("technique")))
            for f in record.get("framing", []) or [] if isinstance(f.get("start"), int) and f["end"] > f["start"]]


def _merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(intervals):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _covered(span: tuple[int, int], union: list[tuple[int, int]]) -> int:
    return sum(max(0, min(span[1], e) - max(span[0], s)) for s, e in union)


def _sums(gold: list[TSpan], pred: list[TSpan], cls: str) -> tuple[float, int, float, int]:
    """(precision numerator, predicted spans, recall numerator, gold spans) for one class."""
    g_by, p_by = defaultdict(list), defaultdict(list)
    for s in gold:
        if cls == ANY or s.technique == cls:
            g_by[s.article].append((s.start, s.end))
    for s in pred:
        if cls == ANY or s.technique == cls:
            p_by[s.article].append((s.start, s.end))
    pn = rn = 0.0
    np_ = ng = 0
    for art in set(g_by) | set(p_by):
        g, p = _merge(g_by[art]), _merge(p_by[art])
        np_ += len(p)
        ng += len(g)
        pn += sum(_covered(s, g) / (s[1] - s[0]) for s in p)
        rn += sum(_covered(s, p) / (s[1] - s[0]) for s in g)
    return pn, np_, rn, ng


def _prf(pn: float, np_: int, rn: float, ng: int) -> dict[str, float]:
    p, r = ratio(pn, np_), ratio(rn, ng)
    return {"precision": p, "recall": r, "f1": f1(p, r), "predicted": np_, "gold": ng}


def score(gold: list[TSpan], pred: list[TSpan]) -> dict[str, float]:
    """Overall (technique-agnostic), name_calling+loaded_language (micro), and per technique."""
    out: dict[str, float] = {}
    out.update({f"overall.{k}": v for k, v in _prf(*_sums(gold, pred, ANY)).items()})
    per = {t: _sums(gold, pred, t) for t in TECHNIQUES}
    head = [sum(per[t][i] for t in HEADLINE) for i in range(4)]
    out.update({f"name_calling+loaded_language.{k}": v for k, v in _prf(*head).items()})
    for t in TECHNIQUES:
        out.update({f"{t}.{k}": v for k, v in _prf(*per[t]).items()})
    return out


def evaluate(shared: Path, *, nlp: Any = None, limit: int | None = None, **_: Any) -> dict:
    articles, gold = read(shared, limit=limit)
    records = predict(({"text": a.text, "source": f"article{a.id}.txt"} for a in articles), nlp=nlp, batch_size=8)
    pred = [s for a, r in zip(articles, records) for s in spans_of(a.id, r)]
    return {"dataset": NAME, "items": len(articles), "metrics": score(gold, pred)}
