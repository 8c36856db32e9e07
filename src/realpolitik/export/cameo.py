"""The CAMEO view of a record: the events a CAMEO-coded dataset (PETRARCH, GDELT, ICEWS) would hold.

A record keeps every event with its modality; CAMEO codes one event per statement and an act that
did not happen only as the statement about it. Plain data in, plain data out: it works on record
events (dicts), so exports and scorers use it without spaCy. Decisions in docs/design.md.
"""

from __future__ import annotations

#: modalities of events CAMEO codes as acts: the act happened, or a party says it did (CAMEO codes
#: what a source reports; a disputed act is still the reported act). Negated, speculative
#: ("may have") and guessed acts are not coded; a refusal or denial is coded as its own event.
CAMEO_HAPPENED = {"asserted", "reported", "disputed"}
#: modalities of acts still to come: CAMEO codes a planned or scheduled act as the act ("will
#: meet", "is scheduled to attend") unless an actor's statement of intent stands for it
CAMEO_PLANNED = {"future", "hypothetical"}
#: PLOVER categories of statements of intent (CAMEO 03x express intent, 13x threaten)
_INTENT_CATEGORIES = {"AGREE", "THREATEN"}


def cameo_view(events: list[dict]) -> list[dict]:
    """The events a CAMEO-coded dataset (PETRARCH, GDELT, ICEWS) holds for a record's events.

    The record keeps every event with its modality; a CAMEO coding codes one event per statement
    and an act that did not happen only as the statement about it. So: acts that happened or are
    reported to have happened stay; negated and speculative acts go. A planned act stays as the act
    ("is scheduled to attend"), except where a statement of intent (03x "express intent to", 13x
    "threaten") was coded from the same words with the same sides: an actor's stated intent
    ("wants to attack X", "said it would send a team") stands for the act, while a future the
    writer reports in their own words ("X will meet Y": the intent asserted, the act future) is a
    scheduled act, coded as the act without the intent. A reported act that a party's accusation
    was derived from ("the US said that Iraq attacked": 1123, the US accusing Iraq) is coded as
    the accusation, the statement being what the sentence reports. Works on record events (dicts with plover,
    modality, source, target and evidence) and on the coder's own event dicts.
    """
    def key(e: dict) -> tuple:
        ev = e.get("evidence")
        span = (ev.get("start"), ev.get("end")) if isinstance(ev, dict) else tuple(ev or ())
        return span, e.get("source"), e.get("target")

    planned = {key(e): e for e in events if e.get("modality") in CAMEO_PLANNED}
    dropped: set[int] = set()
    accusations = [(e.get("source"), e.get("target"), key(e)[0]) for e in events if e.get("plover") == "ACCUSE"]
    for e in events:
        # "the US said that Iraq attacked": the accusation derived from the reported act codes it
        span = key(e)[0]
        if e.get("modality") in ("reported", "disputed") and e.get("source") is not None and len(span) == 2 and any(
                s == e.get("attributed_to") and t == e.get("source") and len(w) == 2 and w[0] <= span[0] and span[1] <= w[1]
                for s, t, w in accusations):
            dropped.add(id(e))
    for e in events:
        act = planned.get(key(e))
        if act is None or e.get("plover") not in _INTENT_CATEGORIES or e.get("modality") not in CAMEO_HAPPENED:
            continue
        scheduled = e.get("modality") == "asserted" and act.get("modality") == "future"
        dropped.add(id(e) if scheduled else id(act))
    return [e for e in events if id(e) not in dropped
            and e.get("modality") in CAMEO_HAPPENED | CAMEO_PLANNED]
