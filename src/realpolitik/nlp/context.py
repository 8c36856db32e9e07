"""Document context: who speaks in each sentence, and the side an act leaves unnamed.

News names both parties of a fight once and then reports most acts with one of them left out:
"airstrikes on the camp", "the Israeli bombardment", "a base in the city was hit", "our units
responded". A reader fills the missing party from the rest of the article; this module does the
same, explicitly and only where the article leaves one reading:

- `ContextTagger` (`realpolitik_context_v1`, after modality) writes `doc._.rp_speaker_states`,
  one entry per sentence: the actor who says the sentence ("X said", "..., X said" after a
  quotation, "according to X", "in a statement by X") and that actor's state.
- `fill_sides(events, doc)` (called by the event coder once its own passes are done) gives
  a conflict event with one side missing the other party of the document's conflict pair: the
  opponents the document's own fully-sided conflict events name (its *dyads*). A side is filled
  only when the known side has exactly one opponent in the document, or, with several, when the
  sentence's speaker is one of them (a party's ministry reporting its own side's strike, or a
  party describing what was done to it). Anything else stays empty: precision first.

A side filled here is marked `"side_from": "context"` and its record loses confidence
(`CONTEXT_PENALTY`), so users can tell it from a side the sentence itself states.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc

from ..kb import KnowledgeBase
from .args import ActorIndex, subject

#: what a record loses when one of its sides comes from the document rather than its sentence
CONTEXT_PENALTY = 0.15
#: the categories whose opponents make a document's conflict pairs, and whose missing side the
#: pairs may fill: acts of force and coercion (CAMEO 17-20, 15) and threats of them (13);
#: verbal disputes (accusations, demands) often name third parties and are left out
CONFLICT_PLOVER = {"ASSAULT", "COERCE", "THREATEN", "SANCTION", "MOBILIZE"}
#: categories a pair may fill: acts done to a party; a threat or a show of force names its
#: addressee in its own sentence far more reliably than an act does
FILLED_PLOVER = {"ASSAULT", "COERCE", "SANCTION"}


class ParagraphSplitter:
    """`realpolitik_paragraphs_v1`, before the parser: a line break ends a sentence.

    Headlines, sub-headlines and datelines carry no final full stop, and the parser otherwise
    reads "X fires rockets at north / Airstrike in Lebanon takes out two men / X launched a
    barrage ..." as one sentence with one root, so the headline's act gets the next paragraph's
    parties. A line that goes on in lower case is a hard-wrapped sentence, not a new one.
    """

    def __init__(self, nlp):
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if "\n" in prev.text and prev.is_space and not tok.is_space and not tok.is_lower:
                tok.is_sent_start = True
        return doc


class ContextTagger:
    """`realpolitik_context_v1`: fills doc._.rp_speaker_states."""

    def __init__(self, nlp):
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        doc._.rp_speaker_states = speaker_states(doc)
        return doc


def speaker_states(doc: Doc, index: ActorIndex | None = None) -> list[dict]:
    """One dict per sentence: `start`/`end` (token offsets), `actor` (the speaker's actor id, or
    None for the writer's own voice or an unknown speaker) and `country` (its state).

    The speaker is the one the modality stage found for the sentence's words (the subject of the
    reporting verb above them, or the object of "according to"); the sentence's main verb decides,
    else the first word of the sentence that has a speaker.
    """
    index = index or ActorIndex(doc)
    out = []
    for sent in doc.sents:
        speaker = sent.root._.rp_speaker
        if speaker is None or speaker < 0:
            speaker = next((t._.rp_speaker for t in sent if t._.rp_speaker is not None and t._.rp_speaker >= 0), None)
        actor = country = None
        if speaker is not None and speaker >= 0:
            found = index.actor_of(doc[speaker])
            if found:
                actor, country = found[0]._.rp_actor, index.side_country(found[0])
        out.append({"start": sent.start, "end": sent.end, "actor": actor, "country": country})
    return out


def speaker_country_at(doc: Doc, i: int) -> str | None:
    """The state of whoever says the sentence holding token `i` (None: the writer, or unknown)."""
    for s in doc._.rp_speaker_states or ():
        if s["start"] <= i < s["end"]:
            return s["country"]
    return None


def _side(e: dict, which: str) -> str | None:
    """A side as the pairs count it: the actor's state, else the actor itself (an IGO, a group
    with no state), so "the EU" and "Russia" can be opponents."""
    return e.get(f"{which}_country") or e.get(which)


def dyads(events: list[dict], index: ActorIndex | None = None) -> dict[str, dict[str, tuple[str, str | None]]]:
    """side -> {opponent side: (an actor id standing for it, its country)}, from the conflict
    events whose two sides the text states (every modality: a threatened or denied strike still
    names opponents).

    With `index`, a place makes a side only for a state the document also names as a party (by
    name, organ, people): "Israel bombed Gaza" in an article about Palestinians pairs Israel with
    Palestine, but a sea, or a ship's name mistaken for a town, makes no opponent.
    """
    parties = _parties(index) if index is not None else None
    out: dict[str, dict[str, tuple[str, str | None]]] = defaultdict(dict)
    for e in events:
        if e.get("plover") not in CONFLICT_PLOVER:
            continue
        a, b = _side(e, "source"), _side(e, "target")
        if a is None or b is None or a == b:
            continue
        if parties is not None and not (_party(e, "source", index, parties) and _party(e, "target", index, parties)):
            continue
        out[a].setdefault(b, (e["target"], e.get("target_country")))
        out[b].setdefault(a, (e["source"], e.get("source_country")))
    return out


def _parties(index: ActorIndex) -> set[str]:
    """The states the document names as actors, not only as places (`ActorIndex.parties`)."""
    return {index.country(a) for a, info in index.info.items()
            if info.get("type") != "location" and index.country(a)}


def _party(e: dict, which: str, index: ActorIndex, parties: set[str]) -> bool:
    if index.type(e.get(which)) != "location":
        return True
    return e.get(f"{which}_country") in parties


def forces_nouns(kb: KnowledgeBase) -> set[str]:
    """The words that name a state's armed or security forces without naming the state ("troops",
    "units", "air forces"): the sectors.tsv rows of the military and police sectors."""
    return {r["text"].lower() for r in kb.table("sectors") if r.get("sector") in ("MIL", "COP")}


#: possessives by which a reported clause names the reporter's own forces: "our units", and
#: "its troops" / "their soldiers" under the reporter's own verb ("the army said its units ...")
_OWN_POSSESSIVES = {"our", "its", "their"}
_FIRST_PERSON = {"we", "us"}


def own_forces_source(e: dict, doc: Doc, index: ActorIndex, forces: set[str]) -> tuple[str, str | None] | None:
    """"The ministry said its units destroyed the bunkers", "our forces struck", "units shot down
    ten drones, the army said": an act whose subject is the speaker's own forces, named by no
    state, is done by the speaker's state. A bare forces noun ("units", "troops") counts only when
    the act names no target ("units shot down ten drones"): "the US said troops shelled Ukrainian
    towns" is no US act, and there the document's conflict pairs decide instead."""
    tok = doc[e["_tok"]] if e.get("_tok") is not None else None
    if tok is None or tok.pos_ not in ("VERB", "AUX"):
        return None
    subj = subject(tok)
    speaker = tok._.rp_speaker
    if subj is None or index.actor_of(subj) or speaker is None or speaker < 0:
        return None
    who = index.actor_of(doc[speaker])
    state = index.side_country(who[0]) if who else None
    target = _side(e, "target")
    if state is None or state == target:
        return None
    words = " ".join(t.lower_ for t in subj.subtree if t.dep_ in ("compound", "amod") or t is subj)
    military = words in forces or subj.lower_ in forces
    owned = any(c.dep_ == "poss" and c.lower_ in _OWN_POSSESSIVES for c in subj.children)
    if subj.lower_ in _FIRST_PERSON or military and (owned or target is None):
        return who[0]._.rp_actor, state
    return None


def fill_sides(events: list[dict], doc: Doc, index: ActorIndex, forces: set[str] = frozenset()) -> list[dict]:
    """Give conflict events with one side missing the speaker's state when the speaker's own
    forces act, then the known side's opponent in the document (module docstring); an event filled
    into a copy of another one beside it is dropped."""
    own = [_filled(e, "source", o) if (o := _own(e, doc, index, forces)) else e for e in events]
    pairs = dyads(own, index)  # an act of the speaker's own forces names opponents as surely as a name
    out = []
    for e in own:
        missing = "target" if e.get("target") is None else "source" if e.get("source") is None else None
        if missing is None or e.get("plover") not in FILLED_PLOVER:
            out.append(e)
            continue
        side = _side(e, "source" if missing == "target" else "target")
        partners = pairs.get(side or "", {})
        choice = None
        if len(partners) == 1:
            choice = next(iter(partners.values()))
        elif len(partners) > 1 and e.get("_tok") is not None:
            spoken = speaker_country_at(doc, e["_tok"])
            if spoken in partners and spoken != side:
                choice = partners[spoken]
        if choice is None:
            out.append(e)
            continue
        filled = {**_filled(e, missing, choice), "_by_pair": True}
        if any(_same(filled, o) for o in out) or any(_same(filled, o) for o in own if o is not e):
            continue  # "the strike on the camp" beside "Israel struck the camp": told already
        out.append(filled)
    for e in out:
        e.pop("_by_pair", None)
    return out


def _own(e: dict, doc: Doc, index: ActorIndex, forces: set[str]) -> tuple[str, str | None] | None:
    if e.get("source") is not None or e.get("plover") not in FILLED_PLOVER:
        return None
    return own_forces_source(e, doc, index, forces)


def _filled(e: dict, missing: str, choice: tuple[str, str | None]) -> dict:
    actor, country = choice
    return {**e, missing: actor, f"{missing}_country": country, "side_from": "context",
            "confidence": round(max(0.05, e["confidence"] - CONTEXT_PENALTY), 2)}


def _same(a: dict, b: dict) -> bool:
    """The same act, sides and modality, with overlapping evidence."""
    return a is not b and a["plover"] == b["plover"] and a["modality"] == b["modality"] \
        and _side(a, "source") == _side(b, "source") and _side(a, "target") == _side(b, "target") \
        and a["evidence"][0] < b["evidence"][1] and b["evidence"][0] < a["evidence"][1]
