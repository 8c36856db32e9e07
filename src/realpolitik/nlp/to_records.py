"""The only code that reads spaCy Docs and writes plain records (records.py)."""

from __future__ import annotations

from dataclasses import asdict

from spacy.tokens import Doc

from ..confidence import calibrate
from ..records import (Actor, Analysis, ArmsTransfer, Claim, DateRef, Document, Event, Evidence,
                       FramingSpan, Location, Mention, Period, Slant, Stance, Weapon, WeaponMention)
from .extensions import ACTOR_SPANS, GROUP_SPANS, WEAPON_SPANS


def to_analysis(doc: Doc, document: Document) -> Analysis:
    """Turn an annotated Doc into an Analysis of `document` (whose text the Doc holds)."""
    info = doc._.rp_actor_info or {}
    text = document.text or doc.text  # Doc.text joins every token: never rebuild it per record
    actors: dict[str, Actor] = {}
    mentions = list(doc.spans.get(ACTOR_SPANS, [])) + list(doc.spans.get(GROUP_SPANS, []))
    for span in sorted(mentions, key=lambda s: s.start):
        a = info.get(span._.rp_actor)
        if a is None:
            continue
        actor = actors.get(a["id"])
        if actor is None:
            actor = actors[a["id"]] = Actor(a["id"], a["name"], a["type"], a.get("country"), a.get("sector"),
                                            a.get("role"), a.get("wikidata"))
        actor.mentions.append(Mention(span.start_char, span.end_char, span.text, span._.rp_kind or "name",
                                       span._.rp_gpe_role))
    return Analysis(
        document=document,
        actors=list(actors.values()),
        events=[_calibrated("events", _event(e, text), info) for e in doc._.rp_events or []],
        arms_transfers=[_calibrated("arms_transfers", _transfer(t, text), info) for t in doc._.rp_transfers or []],
        claims=[_claim(c, text) for c in doc._.rp_claims or []],
        framing=[FramingSpan(**f) for f in doc._.rp_framing or []],
        slant=[Slant(**s) for s in doc._.rp_slant or []],
        weapons=[WeaponMention(s.start_char, s.end_char, s.text, s._.rp_weapon.get("name"),
                               s._.rp_weapon.get("family"), s._.rp_weapon.get("category"),
                               s._.rp_weapon.get("manufacturer"))
                 for s in doc.spans.get(WEAPON_SPANS, [])],
    )


def _calibrated(kind: str, record: Event | ArmsTransfer, info: dict) -> Event | ArmsTransfer:
    """The last step: the stage's raw score becomes the calibrated probability (confidence.py), from
    the record and its `_features` (which the record dict leaves out)."""
    if kind == "events":
        record._features["speaker_party"] = float(_speaker_party(record, info))
    record.confidence = calibrate(kind, asdict(record))
    return record


def _speaker_party(e: Event, info: dict) -> bool:
    """Whether the one the event is attributed to is one of its sides (an actor or its country): a
    party's own account of its act or of what was done to it."""
    speaker = e.attributed_to
    if speaker in (None, "AUTHOR"):
        return False
    country = (info.get(speaker) or {}).get("country")
    sides = {e.source, e.target, e.source_country, e.target_country} - {None}
    return speaker in sides or (country is not None and country in sides)


def _ev(text: str, span: tuple[int, int]) -> Evidence:
    return Evidence(span[0], span[1], text[span[0]:span[1]])


def _event(e: dict, text: str) -> Event:
    return Event(
        id=e["id"], plover=e["plover"], modality=e["modality"], evidence=_ev(text, e["evidence"]),
        mode=e.get("mode"), context=list(e.get("context") or []), cameo=e.get("cameo"), quad=e.get("quad"),
        goldstein=e.get("goldstein"), source=e.get("source"), target=e.get("target"),
        source_country=e.get("source_country"), target_country=e.get("target_country"),
        attributed_to=e.get("attributed_to"),
        date=DateRef(**e["date"]) if e.get("date") else None,
        location=Location(**e["location"]) if e.get("location") else None,
        confidence=e.get("confidence", 0.5), side_from=e.get("side_from"),
        more_evidence=[_ev(text, span) for span in e.get("more_evidence", [])],
        _features=dict(e.get("_features") or {}))


def _transfer(t: dict, text: str) -> ArmsTransfer:
    return ArmsTransfer(
        id=t["id"], weapon=Weapon(**t["weapon"]), modality=t["modality"], evidence=_ev(text, t["evidence"]),
        supplier=t.get("supplier"), recipient=t.get("recipient"), supplier_country=t.get("supplier_country"),
        recipient_country=t.get("recipient_country"), quantity=t.get("quantity"), status=t.get("status"),
        period=Period(**t["period"]) if t.get("period") else None, confidence=t.get("confidence", 0.5),
        side_from=t.get("side_from"), _features={"in_service": float(t.get("basis") == "in_service")})


def _claim(c: dict, text: str) -> Claim:
    return Claim(
        id=c["id"], speaker=c["speaker"], cue=c["cue"], content=_ev(text, c["content"]),
        modality=c["modality"], evidence=_ev(text, c["evidence"]), speaker_country=c.get("speaker_country"),
        stance=[Stance(**s) for s in c.get("stance", [])])
