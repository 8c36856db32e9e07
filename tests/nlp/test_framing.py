"""Framing (nlp/framing.py): labels made of any state's name and a label head, alike for every
state; whose words a loaded phrase is; plain descriptive words are not framing. Sentences are our own."""

from __future__ import annotations

import pytest

from realpolitik.kb import KnowledgeBase, split
from realpolitik.pipeline import analyze
from realpolitik.schema import validate
from rp_helpers import PUBLISHED, actor_country

#: label heads the brief of the framing stage names; every state gets each of them in turn
_HEADS = ["regime", "occupiers", "junta", "puppets", "imperialists", "aggressors", "terrorists",
          "fascists", "neo-Nazis", "invaders", "henchmen", "proxies", "mercenaries"]


def _framing(record: dict) -> str:
    return "; ".join(f"{f['text']!r} {f['technique']} ->{f['target']} by {f['attributed_to']}"
                     for f in record["framing"]) or "no framing"


def _states() -> list[tuple[str, str, list[str]]]:
    """(iso3, name, demonyms) of every state of the knowledge base."""
    kb = KnowledgeBase.load()
    return sorted((e.id, e.name, [a.text for a in kb.aliases if a.entity_id == e.id and a.kind == "demonym"])
                  for e in kb.entities.values() if e.type == "state")


def _shared_demonyms() -> set[str]:
    """Demonyms two states share ("Congolese"): the word alone cannot say which state is meant."""
    seen: dict[str, set[str]] = {}
    for iso3, _, demonyms in _states():
        for d in demonyms:
            seen.setdefault(d, set()).add(iso3)
    return {d for d, ids in seen.items() if len(ids) > 1}


def _target_country(record: dict, target: str | None) -> str | None:
    return actor_country(record, target) or target


def test_every_state_name_and_demonym_makes_a_label_with_every_head(nlp):
    """Property over the whole knowledge base: "<demonym> <head>" and "<state name> <head>" are
    name calling aimed at that state, for all states alike (no side has labels the others lack)."""
    shared = _shared_demonyms()
    cases = []
    for n, (iso3, name, demonyms) in enumerate(_states()):
        words = [w for w in demonyms[:1] if w not in shared] + [name]
        for k, word in enumerate(words):
            heads = [_HEADS[(n + k + j) % len(_HEADS)] for j in range(3)]
            text = " ".join(f"Villagers said the {word} {h} came at dawn." for h in heads)
            cases.append((iso3, word, heads, text))
    misses = []
    for iso3, word, heads, text in cases:
        record = analyze(text, published=PUBLISHED, nlp=nlp).to_dict()
        for h in heads:
            if not any(f"{word} {h}".lower() in f["text"].lower() and f["technique"] == "name_calling"
                       and _target_country(record, f["target"]) == iso3 for f in record["framing"]):
                misses.append(f"{word} {h} ({iso3}): {_framing(record)}")
    assert not misses, f"{len(misses)} of {3 * len(cases)}: " + " | ".join(misses[:10])


@pytest.mark.parametrize("a, b", [("Israeli", "Iranian"), ("Russian", "Ukrainian"), ("American", "Chinese"),
                                  ("Turkish", "Greek"), ("Indian", "Pakistani"), ("Armenian", "Azerbaijani")])
def test_mirrored_regime_labels(analyse, a, b):
    """Both sides' "regime" is name calling of that side, in either order."""
    for x, y in ((a, b), (b, a)):
        record = analyse(f"The {x} regime accused the {y} regime of lying about the strike.")
        validate(record)
        got = {f["text"].lower().removeprefix("the "): f["target"] for f in record["framing"]}
        for word in (x, y):
            key = f"{word} regime".lower()
            assert key in got, _framing(record)
        cx = {_target_country(record, got[f"{w} regime".lower()]) for w in (x,)}
        cy = {_target_country(record, got[f"{w} regime".lower()]) for w in (y,)}
        assert cx != cy, _framing(record)


@pytest.mark.parametrize("text", [
    "Washington has long pursued regime change in the region, the report said.",
    "Some in Lima called for Chilean regime change in the 1980s, the historian wrote.",
])
def test_regime_as_a_policy_term_is_not_a_label(analyse, text):
    """"Regime change" names a policy, not a government."""
    record = analyse(text)
    assert not [f for f in record["framing"] if "regime" in f["text"].lower()], _framing(record)


# --------------------------------------------------------------------------------------------
# Whose words: reported speech outside quotation marks is the speaker's
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("speaker, country, other", [("Greece", "GRC", "Turkey"), ("Turkey", "TUR", "Greece"),
                                                     ("India", "IND", "Pakistan"), ("Pakistan", "PAK", "India")])
def test_loaded_word_after_a_speech_verb_is_the_speakers(analyse, speaker, country, other):
    """"X condemned <...> barbaric <...>": the condemnation is X's, so is its wording."""
    record = analyse(f"{speaker} condemned the barbaric shelling of its border posts by {other}.")
    spans = [f for f in record["framing"] if "barbaric" in f["text"]]
    assert spans, _framing(record)
    assert {actor_country(record, f["attributed_to"]) for f in spans} == {country}, _framing(record)


@pytest.mark.parametrize("a, b", [("Serbian", "Kosovo"), ("Kosovo", "Serbian")])
def test_closing_attribution_covers_its_paragraph(analyse, a, b):
    """News puts the "X said" of a paragraph of indirect speech at its end: the sentences before
    it in the same paragraph are the speaker's too; the next paragraph is not."""
    who = {"Serbian": "the Serbian foreign ministry", "Kosovo": "the Kosovo foreign ministry"}
    text = (f"Militias crossed the line in a shameless provocation. The patrols kept to the agreed roads "
            f"and no shot was fired, {who[a]} said on Monday.\n"
            f"The shameless provocation lasted two hours, residents told reporters.")
    record = analyse(text)
    first = [f for f in record["framing"] if f["start"] < text.index("\n")]
    assert first, _framing(record)
    assert all(f["attributed_to"] != "AUTHOR" for f in first), _framing(record)
    assert {actor_country(record, f["attributed_to"]) for f in first} == {"SRB" if a == "Serbian" else "XKX"}


def test_plain_report_stays_the_writers(analyse):
    """A sentence no speech verb heads is the writer's even when a speaker is named elsewhere."""
    record = analyse("The minister spoke on Monday. Troops carried out a brutal raid on the village.")
    spans = [f for f in record["framing"] if "brutal" in f["text"]]
    assert spans and {f["attributed_to"] for f in spans} == {"AUTHOR"}, _framing(record)


@pytest.mark.parametrize("side, country", [("Armenian", "ARM"), ("Azerbaijani", "AZE")])
def test_speakers_loaded_words_are_not_aimed_at_their_own_side(analyse, side, country):
    """A speaker's loaded word is aimed at the other side (or at nobody), never at the speaker's own."""
    record = analyse(f"{side} soldiers repelled the treacherous assault, the {side} defence ministry said.")
    spans = [f for f in record["framing"] if "treacherous" in f["text"]]
    assert spans, _framing(record)
    for f in spans:
        assert actor_country(record, f["target"]) != country, _framing(record)


@pytest.mark.parametrize("side, country", [("Armenian", "ARM"), ("Azerbaijani", "AZE")])
def test_speech_verb_as_an_aside_still_attributes(analyse, side, country):
    """"<content>, X said, adding ...": the speech verb is an aside of the sentence, the words are X's."""
    record = analyse(f"Our posts repelled a treacherous assault, the {side} defence ministry said, adding that "
                     f"two soldiers were hurt.")
    spans = [f for f in record["framing"] if "treacherous" in f["text"]]
    assert spans, _framing(record)
    assert {actor_country(record, f["attributed_to"]) for f in spans} == {country}, _framing(record)
