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


# --------------------------------------------------------------------------------------------
# Descriptive words in a plain report are not framing
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Air defence units shot down four drones over the harbour on Sunday.",
    "Two transport helicopters were shot down near the pass.",
    "Gunmen fired a barrage of mortar shells at the depot before dawn.",
])
def test_war_figures_used_of_real_weapons_are_plain_report(analyse, text):
    """"Shot down" and "a barrage of" are figures of speech for ideas and criticism, literal for weapons."""
    record = analyse(text)
    assert not [f for f in record["framing"] if "shot down" in f["text"] or "barrage" in f["text"]], _framing(record)


@pytest.mark.parametrize("text, phrase", [
    ("The committee chairman shot down the proposal within an hour.", "shot down"),
    ("The mayor faced a barrage of insults at the meeting.", "a barrage of"),
])
def test_the_same_figures_used_of_words_stay_loaded(analyse, text, phrase):
    record = analyse(text)
    assert any(phrase in f["text"] for f in record["framing"]), _framing(record)


@pytest.mark.parametrize("a, ca, b, cb", [("Egypt", "EGY", "Ethiopia", "ETH"), ("Ethiopia", "ETH", "Egypt", "EGY")])
def test_possessive_label_aims_at_the_possessor_only_where_it_is_the_labelled(analyse, a, ca, b, cb):
    """"A's proxies" labels A; "B's occupiers" are B's enemies, so the pattern leaves them alone."""
    record = analyse(f"Officials said {a}'s proxies had crossed the river while {b}'s occupiers watched.")
    proxies = [f for f in record["framing"] if "proxies" in f["text"]]
    assert proxies and {_target_country(record, f["target"]) for f in proxies} == {ca}, _framing(record)
    assert not [f for f in record["framing"] if "occupiers" in f["text"]
                and _target_country(record, f["target"]) == cb], _framing(record)


@pytest.mark.parametrize("word, iso3", [("Chinese", "CHN"), ("American", "USA"), ("Indian", "IND"), ("Pakistani", "PAK")])
def test_a_states_propaganda_is_a_label_for_every_state(analyse, word, iso3):
    record = analyse(f"Analysts dismissed the claim as {word} propaganda.")
    spans = [f for f in record["framing"] if "propaganda" in f["text"]]
    assert spans and {_target_country(record, f["target"]) for f in spans} == {iso3}, _framing(record)


# --------------------------------------------------------------------------------------------
# Targets from the sentences before
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("state, country", [("Bolivia", "BOL"), ("Paraguay", "PRY")])
def test_target_with_no_actor_in_its_sentence_is_the_party_named_before(analyse, state, country):
    """A loaded word whose sentence names nobody is aimed at the party the text last named."""
    record = analyse(f"{state} moved two brigades to the border on Monday. "
                     f"Villagers described the brutal raids that followed.")
    spans = [f for f in record["framing"] if "brutal" in f["text"]]
    assert spans, _framing(record)
    assert {actor_country(record, f["target"]) for f in spans} == {country}, _framing(record)
