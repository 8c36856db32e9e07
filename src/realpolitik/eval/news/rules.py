"""The gold rules of shared/gold/README.md for one article: recall, precision and violations per record type.

Pure functions over plain data: a gold dict, the article's text and an analysis record as
`Analysis.to_dict()` writes it. `score_document` is the entry point; `total` sums articles.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..common import assign

RECORD_TYPES = ("events", "arms_transfers", "claims", "framing", "persons")
#: both say the act happened (who says so is the record's attributed_to): they stand for each other
HAPPENED = frozenset({"asserted", "reported"})
#: a gold event in one of these modalities did not happen; reporting it `asserted` is a violation
NOT_HAPPENED = frozenset({"negated", "hypothetical", "future", "speculative", "disputed"})
AUTHOR = (None, "AUTHOR", "author")
_ISO3 = re.compile(r"[A-Z]{3}")

Span = tuple[int, int]


# -- text and sides ---------------------------------------------------------------------------------

def fold(s: Any) -> str:
    """Lower-case ASCII words separated by one space ('Rosoboronexport JSC' -> 'rosoboronexport jsc')."""
    s = unicodedata.normalize("NFKD", str(s or "")).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


def occurrences(text: str, needle: str) -> list[Span]:
    """Every place `needle` occurs in `text`, overlapping ones included."""
    spans, i = [], text.find(needle)
    while i >= 0:
        spans.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return spans


def evidence_of(item: dict, text: str) -> list[Span]:
    """Where a gold item's evidence strings (or its `sentence`) occur."""
    ev = item.get("evidence") or item.get("sentence")
    strings = ev if isinstance(ev, list) else [ev]
    return [s for e in strings if e for s in occurrences(text, e)]


def span_of(record: dict) -> Span | None:
    """A predicted record's character span: its evidence's offsets, else its own."""
    ev = record.get("evidence")
    for holder in (ev if isinstance(ev, dict) else {}, record):
        if isinstance(holder.get("start"), int) and isinstance(holder.get("end"), int):
            return holder["start"], holder["end"]
    return None


def touches(span: Span | None, spans: Iterable[Span]) -> bool:
    return span is not None and any(span[0] < b[1] and b[0] < span[1] for b in spans)


class Sides:
    """The actors of one analysis record: the country and the names that a side of a record stands for."""

    def __init__(self, record: dict):
        self.actors = {a.get("id"): a for a in record.get("actors", []) or [] if isinstance(a, dict)}

    def country(self, rec: dict, key: str) -> Any:
        """`KEY_country` when set; else the actor's country (a state's own id when it has none); an id that
        names no actor stands for itself."""
        if rec.get(f"{key}_country"):
            return rec[f"{key}_country"]
        actor_id = rec.get(key)
        if actor_id in (None, ""):
            return None
        actor = self.actors.get(actor_id)
        if actor is None:
            return actor_id
        if actor.get("type") == "state":
            return actor.get("country") or actor.get("id")
        return actor.get("country")

    def names(self, actor_id: Any) -> set[str]:
        actor = self.actors.get(actor_id) or {}
        names = {fold(actor.get("name")), fold(actor_id)}
        names.update(fold(m.get("text")) for m in actor.get("mentions", []) or [] if isinstance(m, dict))
        names.discard("")
        return names

    def agrees(self, gold_side: Any, rec: dict, key: str) -> bool:
        """A gold side (ISO3 code, null, or a name such as 'NATO') against side `key` of `rec`."""
        if self.country(rec, key) == gold_side:
            return True
        if not isinstance(gold_side, str) or _ISO3.fullmatch(gold_side):
            return False
        name = fold(gold_side)
        return name in self.names(rec.get(key)) or f" {name} " in f" {fold(rec.get(key))} "

    def pair(self, rec: dict) -> str:
        return f"{self.country(rec, 'source')}->{self.country(rec, 'target')}"


def allowed_modalities(g: dict) -> set[str]:
    """The gold modality, its accept_modality, and both of asserted/reported when either is there."""
    mods = {g.get("modality", "asserted"), *g.get("accept_modality", [])}
    return mods | HAPPENED if mods & HAPPENED else mods


# -- one-to-one judging ------------------------------------------------------------------------------

@dataclass
class Unit:
    """What one correct record can stand for: a gold item (a framing text: one occurrence of it)."""

    label: str
    gold: dict
    spans: list[Span]
    required: bool


@dataclass
class Tally:
    """Counts of one record type over one or more documents (recall side and precision side)."""

    required: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    wrong: int = 0
    spurious: int = 0
    duplicates: int = 0
    optional_ok: int = 0
    ignored: int = 0
    modality_violations: int = 0
    exhaustive_docs: int = 0
    errors: list[dict] = field(default_factory=list)
    #: one verdict per predicted record of an exhaustive section, in the records' order (VERDICTS)
    verdicts: list[str] = field(default_factory=list)

    COUNTS = ("required", "found", "predicted", "correct", "wrong", "spurious", "duplicates", "optional_ok",
              "ignored", "modality_violations", "exhaustive_docs")

    def add(self, other: Tally) -> None:
        for name in self.COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)
        self.verdicts.extend(other.verdicts)

    def rates(self) -> dict[str, float | None]:
        """recall = found/required, precision = correct/(predicted - ignored); None on an empty denominator,
        F1 0.0 when one of them is None or 0, None when both are None (score_news.py's convention)."""
        recall = self.found / self.required if self.required else None
        judged = self.predicted - self.ignored
        precision = self.correct / judged if judged else None
        if recall is None and precision is None:
            f = None
        else:
            f = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
        return {"recall": recall, "precision": precision, "f1": f}

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.COUNTS}


#: what `judge` says of each predicted record; only "ignored" is left out of precision
VERDICTS = ("correct", "wrong", "spurious", "duplicate", "ignored")


def judge(records: list[dict], units: list[Unit], faults: Callable[[dict, dict], list[str]],
          describe: Callable[[dict], str], *, spans_of: Callable[[dict], list] = lambda r: [span_of(r)],
          negatives: Sequence[tuple[str, list[Span]]] = ()) -> Tally:
    """Precision of an exhaustive record type (gold/README.md, "Precision").

    A record is about the units its spans overlap. Correct: it holds a unit in the largest one-to-one
    assignment. Duplicate: it matches only units other records hold. Ignored: about optional units only
    and matching none. Wrong: about a unit, matching none. Spurious: about none (named when it lies on a
    `negatives` text, a `not_framing` or `not_actors` one). `verdicts` holds one of VERDICTS per record.
    """
    units = sorted(units, key=lambda u: not u.required)
    about = [[i for i, u in enumerate(units) if any(touches(s, u.spans) for s in spans_of(r))] for r in records]
    why = [{i: faults(units[i].gold, r) for i in ab} for r, ab in zip(records, about)]
    owner = assign([[j for j in range(len(records)) if why[j].get(i) == []] for i in range(len(units))])
    t = Tally(predicted=len(records))
    for j, rec in enumerate(records):
        if j in owner:
            t.correct += 1
            t.optional_ok += not units[owner[j]].required
            t.verdicts.append("correct")
        elif any(f == [] for f in why[j].values()):
            t.duplicates += 1
            t.verdicts.append("duplicate")
            taken = next(i for i, f in why[j].items() if f == [])
            t.errors.append({"kind": "duplicate", "record": describe(rec), "gold": units[taken].label})
        elif why[j] and not any(units[i].required for i in why[j]):
            t.ignored += 1
            t.verdicts.append("ignored")
        elif why[j]:
            closest = min(why[j], key=lambda i: len(why[j][i]))
            t.wrong += 1
            t.verdicts.append("wrong")
            t.errors.append({"kind": "wrong", "record": describe(rec), "gold": units[closest].label,
                             "why": "; ".join(why[j][closest])})
        else:
            t.spurious += 1
            t.verdicts.append("spurious")
            on = [label for label, spans in negatives if any(touches(s, spans) for s in spans_of(rec))]
            t.errors.append({"kind": "spurious", "record": describe(rec),
                             "why": f"over {on[0]}" if on else "about no gold item"})
    return t


def units_of(items: Iterable[dict], text: str) -> list[Unit]:
    return [Unit(str(g.get("id")), g, evidence_of(g, text), bool(g.get("required"))) for g in items]


def quoted(text: str, span: Span | None) -> str:
    return repr(text[span[0]:span[1]][:80]) if span else "(no span)"


def missed(label: str, gold: dict, text: str, why: str = "") -> dict:
    spans = evidence_of(gold, text) if "text" not in gold else occurrences(text, gold["text"])
    return {"kind": "missed", "gold": label, "evidence": quoted(text, spans[0] if spans else None),
            **({"why": why} if why else {})}


# -- events ------------------------------------------------------------------------------------------

def event_faults(g: dict, rec: dict, sides: Sides) -> list[str]:
    faults = []
    kinds = {g["plover"], *g.get("accept_plover", [])}
    if rec.get("plover") not in kinds:
        faults.append(f"plover {rec.get('plover')} not {'/'.join(sorted(kinds))}")
    sources = [g.get("source"), *g.get("accept_sources", [])]
    targets = [g.get("target"), *g.get("accept_targets", [])]

    def oriented(src: str, tgt: str) -> bool:
        return any(sides.agrees(s, rec, src) for s in sources) and any(sides.agrees(t, rec, tgt) for t in targets)

    if not (oriented("source", "target") or (g.get("symmetric") and oriented("target", "source"))):
        faults.append(f"sides {sides.pair(rec)} not {g.get('source')}->{g.get('target')}")
    mods = allowed_modalities(g)
    if rec.get("modality", "asserted") not in mods:
        faults.append(f"modality {rec.get('modality', 'asserted')} not {'/'.join(sorted(mods))}")
    return faults


def one_way(events: list[dict]) -> list[dict]:
    """A symmetric gold event as one item per direction (a record for each direction is no duplicate)."""
    out = []
    for g in events:
        out.append(dict(g, symmetric=False) if g.get("symmetric") else g)
        if g.get("symmetric"):
            out.append(dict(g, symmetric=False, id=f"{g.get('id')}(reverse)", source=g.get("target"),
                            target=g.get("source"), accept_sources=g.get("accept_targets", []),
                            accept_targets=g.get("accept_sources", [])))
    return out


def score_events(gold: dict, text: str, record: dict, sides: Sides, exhaustive: bool) -> Tally:
    preds = record.get("events", []) or []
    t = Tally()
    for g in gold.get("events", []):
        if not g.get("required"):
            continue
        t.required += 1
        faults = [event_faults(g, p, sides) for p in preds if touches(span_of(p), evidence_of(g, text))]
        if [] in faults:
            t.found += 1
        else:
            near = [f for f in faults if len(f) == 1 and f[0].startswith("modality")]
            t.errors.append(missed(str(g.get("id")), g, text, near[0][0] if near else ""))
    t.errors.extend(event_violations(gold, text, preds))
    t.modality_violations = len(t.errors) - sum(e["kind"] == "missed" for e in t.errors)
    if exhaustive:
        def describe(p: dict) -> str:
            return (f"{p.get('plover')} {sides.pair(p)} {p.get('modality', 'asserted')} "
                    f"{quoted(text, span_of(p))}")

        negatives = [(f"forbidden sentence {f.get('sentence', '')[:40]!r}", evidence_of(f, text))
                     for f in gold.get("forbidden_events", [])]
        _merge(t, judge(preds, units_of(one_way(gold.get("events", [])), text),
                        lambda g, p: event_faults(g, p, sides), describe, negatives=negatives))
    return t


def event_violations(gold: dict, text: str, preds: list[dict]) -> list[dict]:
    """`asserted` records over a forbidden sentence, or of the kind of a gold event that did not happen."""
    out = []
    asserted = [p for p in preds if p.get("modality", "asserted") == "asserted"]
    for f in gold.get("forbidden_events", []):
        spans = evidence_of(f, text)
        out += [{"kind": "violation", "record": f"{p.get('plover')} asserted {quoted(text, span_of(p))}",
                 "why": "forbidden sentence"} for p in asserted if touches(span_of(p), spans)]
    for g in gold.get("events", []):
        if g.get("modality") in NOT_HAPPENED:
            spans, kinds = evidence_of(g, text), {g["plover"], *g.get("accept_plover", [])}
            out += [{"kind": "violation", "record": f"{p.get('plover')} asserted {quoted(text, span_of(p))}",
                     "gold": str(g.get("id")), "why": f"the gold says {g['modality']}"}
                    for p in asserted if touches(span_of(p), spans) and p.get("plover") in kinds]
    return out


# -- arms transfers ----------------------------------------------------------------------------------

#: SIPRI's armament categories, and words of a finer description that fall under each (UAV is aircraft);
#: looked up in this order, so a 'missile launcher' is missiles
ARMAMENT_WORDS = {
    "aircraft": "aircraft uav ucav drone drones unmanned helicopter fighter fga bomber trainer transport tanker "
                "awacs aew",
    "missiles": "missile missiles loitering munition munitions sam aam bvraam ssm asm atgm kamikaze rocket rockets",
    "artillery": "artillery mortar mortars howitzer howitzers gun guns mrl launcher launchers shell shells",
    "armoured vehicles": "armoured armored tank tanks apc ifv vehicle vehicles",
    "air defence systems": "air_defence air_defense sam_system air_defence_system",
    "ships": "ship ships corvette frigate destroyer submarine patrol vessel boat",
    "sensors": "radar sensor sonar",
}


def armament(description: Any) -> str | None:
    """The SIPRI armament category a category name or description falls under, or None."""
    s = fold(description)
    if not s:
        return None
    for category, words in ARMAMENT_WORDS.items():
        if s == category or any(f" {w.replace('_', ' ')} " in f" {s} " for w in words.split()):
            return category
    return None


def weapon_of(rec: dict) -> dict:
    w = rec.get("weapon") or {}
    return {"name": w} if isinstance(w, str) else w


def weapon_faults(g: dict, rec: dict) -> list[str]:
    w = weapon_of(rec)
    names = " ".join(fold(w.get(k)) for k in ("name", "family", "designation") if w.get(k))
    label = w.get("name") or w.get("category")
    if g.get("weapon"):
        gw, gf = fold(g["weapon"]), fold(g.get("family"))
        if not (gw in names or (names and names in gw) or (gf and gf == fold(w.get("family") or w.get("name")))):
            return [f"weapon {label!r} not {g['weapon']!r}"]
    elif g.get("category"):
        gc, pc = fold(g["category"]), fold(w.get("category") or rec.get("category"))
        if not pc or not (gc in pc or pc in gc or (armament(gc) is not None and armament(gc) == armament(pc))):
            return [f"weapon {label!r} not {g['category']!r}"]
    if g.get("manufacturer"):
        maker = w.get("manufacturer") or rec.get("manufacturer")
        maker = maker.get("name") if isinstance(maker, dict) else maker
        if fold(g["manufacturer"]).split()[0] not in fold(maker):
            return [f"weapon {label!r} not made by {g['manufacturer']!r}"]
    return []


#: a gold status and the predicted statuses that agree with it (a weapon used was delivered first)
STATUS_AGREES = {"delivered": {"delivered", "used"}, "used": {"used", "delivered"},
                 "ordered": {"ordered", "planned"}, "planned": {"planned", "ordered"}, "denied": {"denied"}}


def transfer_faults(g: dict, rec: dict, sides: Sides) -> list[str]:
    faults = []
    if not (sides.agrees(g["supplier"], rec, "supplier") and sides.agrees(g["recipient"], rec, "recipient")):
        faults.append(f"sides {sides.country(rec, 'supplier')}->{sides.country(rec, 'recipient')} "
                      f"not {g['supplier']}->{g['recipient']}")
    faults += weapon_faults(g, rec)
    if g.get("modality") and rec.get("modality") not in allowed_modalities(g):
        faults.append(f"modality {rec.get('modality')} not {'/'.join(sorted(allowed_modalities(g)))}")
    if g.get("status"):
        ok = set().union(*(STATUS_AGREES.get(s, {s}) for s in [g["status"], *g.get("accept_status", [])]))
        if rec.get("status") not in ok:
            faults.append(f"status {rec.get('status')} not {g['status']}")
    return faults


def score_transfers(gold: dict, text: str, record: dict, sides: Sides, exhaustive: bool) -> Tally:
    """Recall matches one to one on the fields alone (one record cannot stand for two transfers)."""
    preds = record.get("arms_transfers", []) or []
    required = [g for g in gold.get("arms_transfers", []) if g.get("required")]
    taken = set(assign([[j for j, p in enumerate(preds) if not transfer_faults(g, p, sides)]
                        for g in required]).values())
    t = Tally(required=len(required), found=len(taken))
    t.errors = [missed(str(g.get("id")), g, text) for i, g in enumerate(required) if i not in taken]
    for f in gold.get("forbidden_transfers", []):
        banned = fold(f.get("weapon_text"))
        for p in preds:
            name = fold(weapon_of(p).get("name"))
            if name and banned in name and p.get("modality", "asserted") == "asserted" \
                    and p.get("status") not in ("denied", "negated"):
                t.modality_violations += 1
                t.errors.append({"kind": "violation", "record": f"transfer {name!r} asserted",
                                 "why": "forbidden transfer"})
    if exhaustive:
        def describe(p: dict) -> str:
            return (f"transfer {sides.country(p, 'supplier')}->{sides.country(p, 'recipient')} "
                    f"{weapon_of(p).get('name') or weapon_of(p).get('category')!r} {quoted(text, span_of(p))}")

        _merge(t, judge(preds, units_of(gold.get("arms_transfers", []), text),
                        lambda g, p: transfer_faults(g, p, sides), describe))
    return t


# -- claims ------------------------------------------------------------------------------------------

def claim_faults(g: dict, rec: dict, sides: Sides) -> list[str]:
    speaker = rec.get("speaker")
    if g["speaker"] == "AUTHOR":
        ok = speaker in AUTHOR
    else:
        ok = sides.agrees(g["speaker"], rec, "speaker") or fold(g["speaker"]) in sides.names(speaker)
    return [] if ok else [f"speaker {speaker} not {g['speaker']}"]


def score_claims(gold: dict, text: str, record: dict, sides: Sides, exhaustive: bool) -> Tally:
    preds = record.get("claims", []) or []
    t = Tally()
    for g in gold.get("claims", []):
        if g.get("required"):
            t.required += 1
            spans = evidence_of(g, text)
            if any(touches(span_of(p), spans) and not claim_faults(g, p, sides) for p in preds):
                t.found += 1
            else:
                t.errors.append(missed(str(g.get("id")), g, text))
    if exhaustive:
        _merge(t, judge(preds, units_of(gold.get("claims", []), text), lambda g, p: claim_faults(g, p, sides),
                        lambda p: f"claim speaker={p.get('speaker')} {quoted(text, span_of(p))}"))
    return t


# -- framing -----------------------------------------------------------------------------------------

def framing_faults(g: dict, rec: dict, sides: Sides) -> list[str]:
    faults = []
    if g.get("target") and not sides.agrees(g["target"], rec, "target"):
        faults.append(f"target {sides.country(rec, 'target')} not {g['target']}")
    if g.get("attributed_to") and rec.get("attributed_to") in AUTHOR:
        faults.append(f"attributed to the author, not {g['attributed_to']}")
    return faults


def score_framing(gold: dict, text: str, record: dict, sides: Sides, exhaustive: bool) -> Tally:
    """Each occurrence of a gold text is one item, for recall and for precision."""
    preds = record.get("framing", []) or []
    t = Tally()
    units = [Unit(f"{g.get('id')}@{s[0]}", g, [s], bool(g.get("required")))
             for g in gold.get("framing", []) for s in occurrences(text, g["text"])]
    for u in units:
        if u.required:
            t.required += 1
            if any(touches(span_of(p), u.spans) and not framing_faults(u.gold, p, sides) for p in preds):
                t.found += 1
            else:
                t.errors.append({"kind": "missed", "gold": u.label, "evidence": quoted(text, u.spans[0])})
    if exhaustive:
        negatives = [(f"not_framing {n['text']!r}", occurrences(text, n["text"])) for n in gold.get("not_framing", [])]
        _merge(t, judge(preds, units, lambda g, p: framing_faults(g, p, sides),
                        lambda p: f"framing {p.get('technique')} target={p.get('target')} "
                                  f"{quoted(text, span_of(p))}", negatives=negatives))
    return t


# -- persons -----------------------------------------------------------------------------------------

def person_faults(g: dict, actor: dict) -> list[str]:
    """The whole name, the surname, or a part of the gold name ('Gan' for 'Gan Yu'); a missing country is
    incomplete, not wrong; another country is wrong."""
    faults = []
    gold_words, words = fold(g["name"]).split(), fold(actor.get("name")).split()
    same = gold_words == words or (gold_words and gold_words[-1] in words)
    if not (same or (words and set(words) <= set(gold_words))):
        faults.append(f"name {actor.get('name')!r} not {g['name']!r}")
    if g.get("country") and actor.get("country") and actor.get("country") != g["country"]:
        faults.append(f"country {actor.get('country')} not {g['country']}")
    return faults


def mention_spans(actor: dict) -> list[Span]:
    return [(m["start"], m["end"]) for m in actor.get("mentions", []) or []
            if isinstance(m, dict) and isinstance(m.get("start"), int)]


def score_persons(gold: dict, text: str, record: dict, sides: Sides, exhaustive: bool) -> Tally:
    """Every occurrence of a required person's mention must lie on a mention of a person actor of that name."""
    people = [a for a in record.get("actors", []) or [] if isinstance(a, dict) and a.get("type") == "person"]
    t = Tally(predicted=len(people))
    for g in gold.get("persons", []):
        if not g.get("required", True):
            continue
        for mention in g["mentions"]:
            for span in occurrences(text, mention):
                t.required += 1
                if any(touches(s, [span]) and not person_faults(g, a) for a in people for s in mention_spans(a)):
                    t.found += 1
                else:
                    t.errors.append({"kind": "missed", "gold": g["name"], "evidence": quoted(text, span)})
    if exhaustive:
        units = [Unit(g["name"], g, [s for m in g["mentions"] for s in occurrences(text, m)],
                      bool(g.get("required", True))) for g in gold.get("persons", [])]
        negatives = [(f"not_actors {n['text']!r}", occurrences(text, n["text"])) for n in gold.get("not_actors", [])]

        def describe(a: dict) -> str:
            spans = mention_spans(a)
            return f"person {a.get('name')!r} ({a.get('country')}) {quoted(text, spans[0] if spans else None)}"

        _merge(t, judge(people, units, person_faults, describe, spans_of=mention_spans, negatives=negatives))
    return t


def _merge(recall: Tally, precision: Tally) -> None:
    """Put a document's precision counts into its recall tally (the section is exhaustive there)."""
    for name in ("predicted", "correct", "wrong", "spurious", "duplicates", "optional_ok", "ignored"):
        setattr(recall, name, getattr(precision, name))
    recall.exhaustive_docs = 1
    recall.errors.extend(precision.errors)
    recall.verdicts = precision.verdicts


SCORERS = {"events": score_events, "arms_transfers": score_transfers, "claims": score_claims,
           "framing": score_framing, "persons": score_persons}


def score_document(gold: dict, text: str, record: dict | None) -> dict[str, Tally]:
    """Every record type's tally for one article (None: an empty analysis). Precision is counted only for the
    types the gold lists in `exhaustive`; persons are scored only where the gold lists persons."""
    record = record or {}
    sides = Sides(record)
    exhaustive = set(gold.get("exhaustive", []))
    out = {}
    for kind, scorer in SCORERS.items():
        if kind == "persons" and "persons" not in gold and "persons" not in exhaustive:
            continue
        tally = scorer(gold, text, record, sides, kind in exhaustive)
        if kind not in exhaustive:
            tally.predicted = 0  # only exhaustive documents count on the precision side
        out[kind] = tally
    return out


def total(scores: Iterable[dict[str, Tally]]) -> dict[str, Tally]:
    """The tallies of many documents summed per record type."""
    out: dict[str, Tally] = {}
    for doc in scores:
        for kind, tally in doc.items():
            out.setdefault(kind, Tally()).add(tally)
    return out
