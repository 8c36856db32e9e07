"""Plain dataclasses for the analysis record (`realpolitik.analysis/1`).

These are the only types code outside `nlp/` sees. `Analysis.to_dict()` emits exactly the record
described in the project's spec (docs/analysis-record.md); `Analysis.from_dict()` reads it back.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .about import SCHEMA_ID

MODALITIES = ("asserted", "reported", "hypothetical", "future", "speculative", "negated", "disputed")
#: Modalities of things the text does not say happened: never to be counted as events that did.
NOT_HAPPENED = frozenset({"hypothetical", "future", "speculative", "negated", "disputed"})
ACTOR_TYPES = ("state", "person", "organization", "company", "armed_group", "location", "igo")
MENTION_KINDS = ("name", "alias", "metonym", "demonym", "label", "description", "pronoun")
GPE_ROLES = ("org", "loc", "per")
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
TRANSFER_STATUSES = ("delivered", "ordered", "planned", "used", "denied")
#: where a side of an event or transfer came from when not from its own clause: "context" (the
#: document around it: an earlier sentence, the headline's actor). None: every side is the clause's.
SIDE_FROM = ("context",)
#: The record types that carry a confidence (events and arms transfers; claims and framing do not)
CONFIDENCE_TYPES = ("events", "arms_transfers")
#: where `realpolitik eval calibrate --fit` writes the calibrated mapping and the analyst thresholds
CALIBRATION_FILE = Path(__file__).resolve().parent / "kb" / "data" / "calibration.json"


def _analyst_min_confidence(path: Path = CALIBRATION_FILE) -> dict[str, float]:
    """The analyst thresholds the last fit chose (calibration.json, `analyst_min_confidence`), 0.0 for a
    record type it has none for."""
    try:
        chosen = json.loads(path.read_text(encoding="utf-8")).get("analyst_min_confidence") or {}
    except (OSError, ValueError):
        chosen = {}
    return {kind: float(chosen.get(kind) or 0.0) for kind in CONFIDENCE_TYPES}


#: The default `--min-confidence` of analyst-grade output (`analyze`, `events`, `transfers` and the
#: exports), one threshold per record type: events and arms transfers below theirs are left out of
#: what is shown; the store keeps every record. Claims and framing carry no confidence and are never
#: filtered. The values are chosen by a documented rule (docs/evaluation.md, "Confidence") by
#: `realpolitik eval calibrate --fit`, which writes them beside the calibrated mapping they belong
#: to; without them (no fit yet) every type gets 0.0, which keeps everything.
ANALYST_MIN_CONFIDENCE: dict[str, float] = _analyst_min_confidence()

#: a threshold for all record types (one number) or per record type (missing types: 0.0)
Threshold = float | Mapping[str, float]


def threshold_for(kind: str, min_confidence: Threshold | None) -> float:
    """The threshold of one record type under `min_confidence` (None: 0.0)."""
    if min_confidence is None:
        return 0.0
    if isinstance(min_confidence, Mapping):
        return float(min_confidence.get(kind) or 0.0)
    return float(min_confidence)


def text_id(text: str) -> str:
    """The document id: SHA-256 of the text exactly as read."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Evidence:
    """A span of the document's text: Python string offsets into the text as read."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Evidence":
        return cls(start, end, text[start:end])


@dataclass
class Mention:
    start: int
    end: int
    text: str
    kind: str = "name"
    #: for a state's name, alias or metonym: "org" where the state acts (the subject of a clause, the
    #: agent of a passive, a partner "with"), "loc" where it is the territory ("in Syria"), else None;
    #: for a demonym: "per" where it names the state's people ("Syrians"). ACE 2005's GPE roles.
    gpe_role: str | None = None


@dataclass
class Actor:
    id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    wikidata: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class DateRef:
    text: str
    start: str | None
    end: str | None


@dataclass
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass
class Event:
    id: str
    plover: str
    modality: str
    evidence: Evidence
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    cameo: str | None = None
    quad: str | None = None
    goldstein: float | None = None
    source: str | None = None
    target: str | None = None
    source_country: str | None = None
    target_country: str | None = None
    attributed_to: str | None = None
    date: DateRef | None = None
    location: Location | None = None
    confidence: float = 0.5
    #: "context" when a side (source or target) was filled from the document context, not the clause
    side_from: str | None = None
    #: later mentions of the same event in the document ("the visit" after "Gantz's visit")
    more_evidence: list[Evidence] = field(default_factory=list)
    #: not part of the record (to_dict leaves it out): what the pipeline knew of the event and the
    #: record does not say (a nominal trigger, an embedded clause, ...), for the calibrated confidence
    _features: dict[str, float] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Weapon:
    name: str | None
    family: str | None = None
    category: str | None = None
    manufacturer: str | None = None


@dataclass
class Period:
    start: str | None
    end: str | None = None


@dataclass
class ArmsTransfer:
    id: str
    weapon: Weapon
    modality: str
    evidence: Evidence
    supplier: str | None = None
    recipient: str | None = None
    supplier_country: str | None = None
    recipient_country: str | None = None
    quantity: int | None = None
    status: str | None = None
    period: Period | None = None
    confidence: float = 0.5
    #: "context" when a side (supplier or recipient) was filled from the document context, not the clause
    side_from: str | None = None
    #: not part of the record (to_dict leaves it out), as Event._features
    _features: dict[str, float] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class WeaponMention:
    """A weapon named in the text, whether or not a transfer was read from it."""

    start: int
    end: int
    text: str
    name: str | None = None
    family: str | None = None
    category: str | None = None
    manufacturer: str | None = None


@dataclass
class Stance:
    toward: str
    polarity: float


@dataclass
class Claim:
    id: str
    speaker: str
    cue: str
    content: Evidence
    modality: str
    evidence: Evidence
    speaker_country: str | None = None
    stance: list[Stance] = field(default_factory=list)


@dataclass
class FramingSpan:
    start: int
    end: int
    text: str
    technique: str
    target: str | None = None
    attributed_to: str = "AUTHOR"


@dataclass
class Slant:
    """How the writer's own wording treats one actor in one document."""

    actor: str
    mentions: int
    labelled: int
    share_labelled: float
    tone: float


@dataclass
class Document:
    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    language: str = "en"
    #: ISO 3166 alpha-3 of the outlet's state, when the input or the outlet list gives it.
    outlet_country: str | None = None

    @classmethod
    def from_text(cls, text: str, **meta: Any) -> "Document":
        return cls(id=text_id(text), text=text, **meta)

    @property
    def length(self) -> int:
        return len(self.text)

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "source": self.source, "url": self.url,
                "published": self.published, "language": self.language, "length": self.length,
                "outlet_country": self.outlet_country}


def _plain(obj: Any) -> Any:
    """A dataclass as a dict, without its private fields (a name starting with "_": not in the record)."""
    if obj is None:
        return None
    return {k: v for k, v in asdict(obj).items() if not k.startswith("_")}


@dataclass
class Analysis:
    """Everything realpolitik read in one document."""

    document: Document
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    arms_transfers: list[ArmsTransfer] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    framing: list[FramingSpan] = field(default_factory=list)
    slant: list[Slant] = field(default_factory=list)
    weapons: list[WeaponMention] = field(default_factory=list)

    def above(self, min_confidence: Threshold) -> "Analysis":
        """This analysis without the events and arms transfers whose confidence is below `min_confidence`
        (one number for both, or one per record type as ANALYST_MIN_CONFIDENCE).

        Claims, framing, actors and weapons carry no confidence and are kept; at 0.0 it is `self`.
        """
        events, transfers = threshold_for("events", min_confidence), threshold_for("arms_transfers", min_confidence)
        if events <= 0 and transfers <= 0:
            return self
        return replace(self, events=[e for e in self.events if e.confidence >= events],
                       arms_transfers=[t for t in self.arms_transfers if t.confidence >= transfers])

    def to_dict(self) -> dict:
        """The `realpolitik.analysis/1` record, JSON-ready."""
        return {
            "schema": SCHEMA_ID,
            "document": self.document.to_dict(),
            "actors": [_plain(a) for a in self.actors],
            "events": [_plain(e) for e in self.events],
            "arms_transfers": [_plain(t) for t in self.arms_transfers],
            "claims": [_plain(c) for c in self.claims],
            "framing": [_plain(f) for f in self.framing],
            "slant": [_plain(s) for s in self.slant],
            "weapons": [_plain(w) for w in self.weapons],
        }

    @classmethod
    def from_dict(cls, record: dict, text: str = "") -> "Analysis":
        """Rebuild an Analysis from its record (the text is not part of the record)."""
        d = record["document"]
        doc = Document(id=d["id"], text=text, title=d.get("title"), source=d.get("source"),
                       url=d.get("url"), published=d.get("published"), language=d.get("language", "en"),
                       outlet_country=d.get("outlet_country"))
        return cls(
            document=doc,
            actors=[_build(Actor, a) for a in record.get("actors", [])],
            events=[_build(Event, e) for e in record.get("events", [])],
            arms_transfers=[_build(ArmsTransfer, t) for t in record.get("arms_transfers", [])],
            claims=[_build(Claim, c) for c in record.get("claims", [])],
            framing=[_build(FramingSpan, f) for f in record.get("framing", [])],
            slant=[_build(Slant, s) for s in record.get("slant", [])],
            weapons=[_build(WeaponMention, w) for w in record.get("weapons", [])],
        )


_NESTED = {
    (Actor, "mentions"): Mention, (Event, "evidence"): Evidence, (Event, "date"): DateRef,
    (Event, "more_evidence"): Evidence,
    (Event, "location"): Location, (ArmsTransfer, "weapon"): Weapon, (ArmsTransfer, "period"): Period,
    (ArmsTransfer, "evidence"): Evidence, (Claim, "content"): Evidence, (Claim, "evidence"): Evidence,
    (Claim, "stance"): Stance,
}


def _build(cls: type, data: dict) -> Any:
    kwargs = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        value, sub = data[f.name], _NESTED.get((cls, f.name))
        if sub is not None and value is not None:
            value = [_build(sub, v) for v in value] if isinstance(value, list) else _build(sub, value)
        kwargs[f.name] = value
    return cls(**kwargs)
