"""Document context: the speaker of each sentence, and sides filled from the rest of the document.

Every sentence is written for these tests; pairs of documents mirror each other so that the
rules give both sides of a conflict the same reading.
"""

from __future__ import annotations

import pytest

from realpolitik.nlp.context import CONTEXT_PENALTY, dyads


@pytest.fixture(scope="module")
def events(nlp):
    """`events(text)` -> the event dicts the pipeline writes on the Doc (with `side_from`)."""
    cache: dict[str, list[dict]] = {}

    def run(text: str) -> list[dict]:
        if text not in cache:
            cache[text] = nlp(text)._.rp_events or []
        return cache[text]

    return run


def _at(text: str, events: list[dict], words: str) -> list[dict]:
    start = text.index(words)
    return [e for e in events if e["evidence"][0] <= start < e["evidence"][1]]


# a conflict pair stated once, then an act that names only one of its parties
PAIR_FILL = [
    ("Venezuelan troops shelled Guyanese border posts on Monday. A Venezuelan airstrike followed on Tuesday.",
     "Venezuelan airstrike", "VEN", "GUY"),
    ("Guyanese troops shelled Venezuelan border posts on Monday. A Guyanese airstrike followed on Tuesday.",
     "Guyanese airstrike", "GUY", "VEN"),
    ("Ethiopian troops shelled Eritrean positions. Eritrean posts were shelled again on Friday, the Ethiopian army said.",
     "Eritrean posts were shelled", "ETH", "ERI"),
    ("Eritrean troops shelled Ethiopian positions. Ethiopian posts were shelled again on Friday, the Eritrean army said.",
     "Ethiopian posts were shelled", "ERI", "ETH"),
]


@pytest.mark.parametrize("text,words,src,tgt", PAIR_FILL)
def test_missing_side_comes_from_the_documents_conflict_pair(events, text, words, src, tgt):
    found = _at(text, events(text), words)
    assert [(e["source_country"], e["target_country"]) for e in found] == [(src, tgt)]
    assert found[0]["side_from"] == "context"


def test_a_side_from_context_costs_confidence(events):
    text = PAIR_FILL[0][0]
    stated = _at(text, events(text), "troops shelled")[0]
    filled = _at(text, events(text), "Venezuelan airstrike")[0]
    assert "side_from" not in stated
    assert filled["confidence"] <= stated["confidence"] - CONTEXT_PENALTY + 1e-9


@pytest.mark.parametrize("text", [
    "Russia bombed Georgian towns. Russia shelled Ukrainian posts. A Russian airstrike followed.",
    "Ukraine shelled Russian posts. Georgia bombed Russian towns. A new Russian airstrike followed.",
])
def test_two_opponents_leave_the_side_empty(events, text):
    """Precision first: a party that fights two others in the document gives no single reading."""
    found = [e for e in events(text) if e.get("side_from")]
    assert found == []


@pytest.mark.parametrize("text,src,tgt", [
    ("Serbia's army said its units destroyed Kosovar bunkers.", "SRB", "XKX"),
    ("Kosovo's army said its units destroyed Serbian bunkers.", "XKX", "SRB"),
])
def test_the_speakers_own_forces_act_for_the_speakers_state(events, text, src, tgt):
    found = _at(text, events(text), "destroyed")
    assert [(e["source_country"], e["target_country"], e.get("side_from")) for e in found] == [(src, tgt, "context")]


@pytest.mark.parametrize("text", [
    "The US State Department said troops shelled Ukrainian towns.",
    "The Chinese foreign ministry said troops shelled Russian towns.",
])
def test_a_third_partys_report_of_unnamed_troops_names_no_agent(events, text):
    found = _at(text, events(text), "shelled")
    assert found and all(e["source"] is None for e in found)


def test_speaker_states_name_who_says_each_sentence(nlp):
    doc = nlp("Troops crossed the river, the Chilean army said. According to the Peruvian navy, "
              "two ships left port. The weather was calm.")
    states = doc._.rp_speaker_states
    assert [s["country"] for s in states] == ["CHL", "PER", None]
    assert len(states) == len(list(doc.sents))


def test_dyads_are_symmetric_and_skip_one_sided_and_cooperative_events():
    evs = [{"plover": "ASSAULT", "source": "A", "source_country": "AAA", "target": "B", "target_country": "BBB"},
           {"plover": "CONSULT", "source": "A", "source_country": "AAA", "target": "C", "target_country": "CCC"},
           {"plover": "ASSAULT", "source": "D", "source_country": "DDD", "target": None, "target_country": None}]
    pairs = dyads(evs)
    assert set(pairs) == {"AAA", "BBB"}
    assert pairs["AAA"] == {"BBB": ("B", "BBB")} and pairs["BBB"] == {"AAA": ("A", "AAA")}


@pytest.mark.parametrize("text,src,tgt", [
    ("Azerbaijan shelled Armenian border posts\n\nYerevan, May 3\n\nThe Armenian defence ministry said on Friday "
     "that the shelling lasted two hours.", "AZE", "ARM"),
    ("Armenia shelled Azerbaijani border posts\n\nBaku, May 3\n\nThe Azerbaijani defence ministry said on Friday "
     "that the shelling lasted two hours.", "ARM", "AZE"),
])
def test_a_headline_is_a_sentence_of_its_own(nlp, events, text, src, tgt):
    doc = nlp(text)
    assert list(doc.sents)[0].text.strip() == text.split("\n")[0]
    found = _at(text, events(text), "shelled")
    assert [(e["source_country"], e["target_country"]) for e in found] == [(src, tgt)]


def test_a_hard_wrapped_line_goes_on_in_the_same_sentence(nlp):
    doc = nlp("The two delegations met in Geneva and\nagreed to meet again next month.")
    assert len(list(doc.sents)) == 1


class _Index:
    """The three look-ups `dyads` makes of an ActorIndex."""

    def __init__(self, info: dict[str, dict]):
        self.info = info

    def country(self, actor_id):
        return (self.info.get(actor_id) or {}).get("country")

    def type(self, actor_id):
        return (self.info.get(actor_id) or {}).get("type")


def test_a_place_makes_an_opponent_only_for_a_state_the_document_names_as_a_party():
    index = _Index({"NOR": {"type": "state", "country": "NOR"}, "SWE": {"type": "state", "country": "SWE"},
                    "geo:1": {"type": "location", "country": "SWE"}, "geo:2": {"type": "location", "country": "FIN"},
                    "loc:sea": {"type": "location", "country": None}})
    evs = [{"plover": "ASSAULT", "source": "NOR", "source_country": "NOR", "target": t,
            "target_country": index.country(t)} for t in ("geo:1", "geo:2", "loc:sea")]
    assert dyads(evs, index) == {"NOR": {"SWE": ("geo:1", "SWE")}, "SWE": {"NOR": ("NOR", "NOR")}}
    assert set(dyads(evs)["NOR"]) == {"SWE", "FIN", "loc:sea"}  # without the index every side counts


@pytest.mark.parametrize("text,sources,tgt", [
    ("The strike answered Iranian and Syrian airstrikes on Iraq.", {"IRN", "SYR"}, "IRQ"),
    ("The strike answered Iraqi and Syrian airstrikes on Iran.", {"IRQ", "SYR"}, "IRN"),
])
def test_coordinated_modifiers_of_a_nominal_act_are_each_a_party(events, text, sources, tgt):
    found = _at(text, events(text), "Syrian airstrikes")
    assert {e["source_country"] for e in found} == sources
    assert {e["target_country"] for e in found} == {tgt}
