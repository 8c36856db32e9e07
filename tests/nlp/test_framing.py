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
