"""Modality cues on the trigger word itself and on the source of reported speech. Sentences are our own."""

from __future__ import annotations

import pytest


def _trigger(doc, lemma: str):
    return next(t for t in doc if t.lemma_ == lemma)


@pytest.mark.parametrize("text, lemma, modality", [
    ("Chile has reportedly shipped rifles to Bolivia.", "ship", "reported"),
    ("Bolivia has reportedly shipped rifles to Chile.", "ship", "reported"),
    ("Chile allegedly shipped rifles to Bolivia.", "ship", "disputed"),
    ("Chile is said to have shipped rifles to Bolivia.", "ship", "reported"),
    ("Bolivia is said to have shipped rifles to Chile.", "ship", "reported"),
    ("An unconfirmed report said Chile shipped rifles to Bolivia.", "ship", "disputed"),
    ("An unconfirmed report said Bolivia shipped rifles to Chile.", "ship", "disputed"),
    ("The minister said Chile had not shipped rifles to Bolivia.", "ship", "negated"),
])
def test_cues_reach_the_trigger(nlp, text, lemma, modality):
    doc = nlp(text)
    assert (_trigger(doc, lemma)._.rp_modality or "asserted") == modality


def test_a_plain_statement_stays_asserted(nlp):
    doc = nlp("Chile shipped rifles to Bolivia in May.")
    assert (_trigger(doc, "ship")._.rp_modality or "asserted") == "asserted"


def test_a_purpose_infinitive_is_still_not_done(nlp):
    doc = nlp("Chile sent envoys to negotiate a truce.")
    assert _trigger(doc, "negotiate")._.rp_modality in {"hypothetical", "future"}
