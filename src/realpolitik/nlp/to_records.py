"""The only code that reads spaCy Docs and writes plain records (records.py)."""

from __future__ import annotations

from spacy.tokens import Doc

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
        events=[_event(e, text) for e in doc._.rp_events or []],
        arms_transfers=[_transfer(t, text) for t in doc._.rp_transfers or []],
        claims=[_claim(c, text) for c in doc._.rp_claims or []],
        framing=[FramingSpan(**f) for f in doc._.rp_framing or []],
        slant=[Slant(**s) for s in doc._.rp_slant or []],
        weapons=[WeaponMention(s.start_char, s.end_char, s.text, s._.rp_weapon.get("name"),
                               s._.rp_weapon.get("family"), s._.rp_weapon.get("category"),
                               s._.rp_weapon.get("manufacturer"))
                 for s in doc.spans.get(WEAPON_SPANS, [])],
    )


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
        confidence=e.get("confidence", 0.5),
        more_evidence=[_ev(text, span) for span in e.get("more_evidence", [])],
        **_side_from(e))


def _side_from(e: dict) -> dict:
    """`side_from` ("context": a side the document, not the sentence, gives; see nlp/context.py),
    passed on once the Event record has the field (records.py and the JSON schema add it)."""
    if e.get("side_from") and "side_from" in getattr(Event, "__dataclass_fields__", {}):
        return {"side_from": e["side_from"]}
    return {}


def _transfer(t: dict, text: str) -> ArmsTransfer:
    return ArmsTransfer(
        id=t["id"], weapon=Weapon(**t["weapon"]), modality=t["modality"], evidence=_ev(text, t["evidence"]),
        supplier=t.get("supplier"), recipient=t.get("recipient"), supplier_country=t.get("supplier_country"),
        recipient_country=t.get("recipient_country"), quantity=t.get("quantity"), status=t.get("status"),
        period=Period(**t["period"]) if t.get("period") else None, confidence=t.get("confidence", 0.5))


def _claim(c: dict, text: str) -> Claim:
    return Claim(
        id=c["id"], speaker=c["speaker"], cue=c["cue"], content=_ev(text, c["content"]),
        modality=c["modality"], evidence=_ev(text, c["evidence"]), speaker_country=c.get("speaker_country"),
        stance=[Stance(**s) for s in c.get("stance", [])])
