"""args.transfer_sides: who gives and who takes in a supply or receipt frame. Sentences are our own."""

from __future__ import annotations

import pytest

from realpolitik.nlp.args import transfer_sides


def _sides(nlp, text: str, lemma: str, direction: str) -> tuple[str | None, str | None]:
    doc = nlp(text)
    frame = next(t for t in doc if t.lemma_ == lemma)
    giver, taker = transfer_sides(frame, direction)
    return (giver.text if giver is not None else None, taker.text if taker is not None else None)


@pytest.mark.parametrize("text, lemma, direction, giver, taker", [
    ("Norway supplied rifles to Kenya.", "supply", "supplier", "Norway", "Kenya"),
    ("Kenya supplied rifles to Norway.", "supply", "supplier", "Kenya", "Norway"),
    ("Norway provided Kenya with rifles.", "provide", "supplier", "Norway", "Kenya"),
    ("Kenya provided Norway with rifles.", "provide", "supplier", "Kenya", "Norway"),
    ("Kenya was supplied with rifles by Norway.", "supply", "supplier", "Norway", "Kenya"),
    ("Rifles were sent to Kenya by Norway.", "send", "supplier", "Norway", "Kenya"),
    ("Kenya received rifles from Norway.", "receive", "recipient", "Norway", "Kenya"),
    ("Norway received rifles from Kenya.", "receive", "recipient", "Kenya", "Norway"),
    ("They discussed the delivery of rifles from Norway to Kenya.", "delivery", "supplier", "Norway", "Kenya"),
    ("They discussed the delivery of rifles from Kenya to Norway.", "delivery", "supplier", "Kenya", "Norway"),
])
def test_transfer_sides(nlp, text, lemma, direction, giver, taker):
    assert _sides(nlp, text, lemma, direction) == (giver, taker)


def test_a_made_in_modifier_is_no_side(nlp):
    # "Norwegian-made" says where the rifles were made, not who gave them
    giver, taker = _sides(nlp, "Kenya received Norwegian-made rifles.", "receive", "recipient")
    assert giver is None and taker == "Kenya"
