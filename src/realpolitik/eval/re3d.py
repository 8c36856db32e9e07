"""re3d (Dstl): entity spans per type, exact and overlapping, from actors' mentions and weapons.

How the record maps to re3d's types is written down in docs/evaluation.md (`TYPE_OF_ACTOR`,
`STATE_MENTION_TYPE`, `weapon_type` below); re3d's annotation choices decided it, e.g. country
names are Location, "the Asad regime" and "the Government of Iraq" are Organisation.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .common import EvalError, f1, overlaps, predict, ratio

NAME = "re3d"
FOLDER = "datasets/re3d"
TYPES = ("Person", "Organisation", "Location", "Nationality", "Weapon", "MilitaryPlatform")
GROUPS = {"actors": ("Person", "Organisation", "Location", "Nationality"), "weapons": ("Weapon", "MilitaryPlatform")}
#: re3d's confidence is the IBCC probability that an annotation is right; below this it is dropped.
MIN_CONFIDENCE = 0.5

TYPE_OF_ACTOR = {"person": "Person", "organization": "Organisation", "company": "Organisation",
                 "armed_group": "Organisation", "igo": "Organisation", "location": "Location"}
#: Mentions of a state, by mention kind. re3d annotates pronouns too ("he" Person, "we"/"they"/"it"
#: Organisation), so a pronoun standing for a state or group is an Organisation, for a person a Person.
STATE_MENTION_TYPE = {"name": "Location", "alias": "Location", "metonym": "Location",
                      "demonym": "Nationality", "label": "Organisation", "description": "Organisation",
                      "pronoun": "Organisation"}
#: Words of a weapon category that make it a Weapon; checked before PLATFORM_WORDS ("anti-tank missile").
WEAPON_WORDS = ("missile", "rocket", "gun", "rifle", "munition", "mortar", "bomb", "grenade", "torpedo",
                "ammunition", "shell", "launcher", "howitzer", "artillery", "explosive", "mine")
PLATFORM_WORDS = ("aircraft", "airplane", "plane", "helicopter", "ship", "vessel", "boat", "frigate", "corvette",
                  "destroyer", "submarine", "carrier", "vehicle", "tank", "uav", "drone", "fighter", "bomber",
                  "apc", "ifv", "satellite", "radar")


@dataclass(frozen=True)
class Span:
    doc: str
    start: int
    end: int
    type: str


@dataclass
class Re3dDocument:
    id: str
    title: str
    text: str
    source: str


def _json_lines(path: Path) -> list[dict]:
    """mongoexport output: one JSON object a line (a JSON array is read too)."""
    raw = path.read_text(encoding="utf-8-sig").strip()
    if raw.startswith("["):
        return json.loads(raw)
    return [json.loads(line) for line in raw.splitlines() if line.strip()]


def read(shared: Path, *, min_confidence: float = MIN_CONFIDENCE) -> tuple[list[Re3dDocument], list[Span]]:
    """Documents and the gold spans of the scored types."""
    folder = shared / FOLDER
    subsets = sorted(p.parent for p in folder.glob("*/documents.json"))
    if not subsets:
        raise EvalError(f"re3d data not found: {folder}/*/documents.json")
    docs, spans = [], []
    try:
        for sub in subsets:
            for d in _json_lines(sub / "documents.json"):
                docs.append(Re3dDocument(d["_id"], d.get("title") or "", d["text"], d.get("sourceName") or sub.name))
            if (sub / "entities.json").exists():
                for e in _json_lines(sub / "entities.json"):
                    if e.get("type") in TYPES and float(e.get("confidence", 1)) >= min_confidence:
                        spans.append(Span(e["documentId"], int(e["begin"]), int(e["end"]), e["type"]))
    except (OSError, ValueError, KeyError) as exc:
        raise EvalError(f"unreadable re3d file: {exc}") from exc
    return docs, spans


def weapon_type(category: str | None) -> str:
    """Weapon or MilitaryPlatform for one of our weapon categories."""
    words = re.findall(r"[a-z]+", (category or "").lower())
    if any(w.startswith(k) for w in words for k in WEAPON_WORDS):
        return "Weapon"
    if any(w.startswith(k) for w in words for k in PLATFORM_WORDS):
        return "MilitaryPlatform"
    return "Weapon"


def spans_of(doc_id: str, record: dict | None) -> list[Span]:
    """The record's mentions and weapon mentions as re3d-typed spans."""
    if not record:
        return []
    out = set()
    for actor in record.get("actors", []) or []:
        for m in actor.get("mentions", []) or []:
            kind = m.get("kind", "name")
            if actor.get("type") == "state":
                # a state's name where the state acts (ACE's GPE.ORG role) is an Organisation in re3d
                # and so is a plural demonym naming its people (GPE.PER): re3d types groups of people so
                t = "Organisation" if m.get("gpe_role") in ("org", "per") else STATE_MENTION_TYPE.get(kind)
            else:
                t = TYPE_OF_ACTOR.get(actor.get("type"))
            if t:
                out.add(Span(doc_id, m["start"], m["end"], t))
    out = _outermost(out)
    for w in record.get("weapons", []) or []:  # an added field; absent: nothing predicted
        if isinstance(w.get("start"), int):
            out.add(Span(doc_id, w["start"], w["end"], weapon_type(w.get("category"))))
    return sorted(out, key=lambda s: (s.doc, s.start, s.end, s.type))


def _outermost(spans: set[Span]) -> set[Span]:
    """re3d annotates no span inside another, so an actor mention inside a longer one of ours
    ("ISIL" in "an ISIL-held building") is not scored; the record keeps both."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    out, reach = set(), -1
    for s in ordered:
        if s.end <= reach and not any(o.start == s.start and o.end == s.end for o in out):
            continue
        out.add(s)
        reach = max(reach, s.end)
    return out


def _counts(gold: list[Span], pred: list[Span], type_: str) -> dict[str, int]:
    g = [s for s in set(gold) if s.type == type_]
    p = [s for s in set(pred) if s.type == type_]
    gold_by_doc, pred_by_doc = defaultdict(list), defaultdict(list)
    for s in g:
        gold_by_doc[s.doc].append((s.start, s.end))
    for s in p:
        pred_by_doc[s.doc].append((s.start, s.end))
    exact = len(set(g) & set(p))
    pred_hit = sum(any(overlaps((s.start, s.end), o) for o in gold_by_doc[s.doc]) for s in p)
    gold_hit = sum(any(overlaps((s.start, s.end), o) for o in pred_by_doc[s.doc]) for s in g)
    return {"gold": len(g), "predicted": len(p), "exact": exact, "pred_overlap": pred_hit, "gold_overlap": gold_hit}


def _prf(c: dict[str, int]) -> dict[str, float]:
    ep, er = ratio(c["exact"], c["predicted"]), ratio(c["exact"], c["gold"])
    op, orr = ratio(c["pred_overlap"], c["predicted"]), ratio(c["gold_overlap"], c["gold"])
    return {"exact_precision": ep, "exact_recall": er, "exact_f1": f1(ep, er),
            "overlap_precision": op, "overlap_recall": orr, "overlap_f1": f1(op, orr),
            "gold": c["gold"], "predicted": c["predicted"]}


def score(gold: list[Span], pred: list[Span]) -> dict[str, float]:
    """Per type and per group (micro over the group's types; a span must carry the right type)."""
    counts = {t: _counts(gold, pred, t) for t in TYPES}
    out: dict[str, float] = {}
    for t in TYPES:
        out.update({f"{t}.{k}": v for k, v in _prf(counts[t]).items()})
    for group, types in GROUPS.items():
        total = {k: sum(counts[t][k] for t in types) for k in counts[TYPES[0]]}
        out.update({f"{group}.{k}": v for k, v in _prf(total).items()})
    return out


def evaluate(shared: Path, *, nlp: Any = None, limit: int | None = None, **_: Any) -> dict:
    docs, gold = read(shared)
    docs = docs[:limit] if limit else docs
    keep = {d.id for d in docs}
    records = predict(({"text": d.text, "title": d.title or None, "source": d.source} for d in docs), nlp=nlp)
    pred = [s for d, r in zip(docs, records) for s in spans_of(d.id, r)]
    metrics = score([s for s in gold if s.doc in keep], pred)
    return {"dataset": NAME, "items": len(docs), "metrics": metrics}
