"""to_records: the last step gives each event and transfer its calibrated confidence and its side_from."""

from __future__ import annotations

import pytest
from rp_helpers import PUBLISHED

from realpolitik.confidence import calibrate, load_mapping, raw_scores
from realpolitik.pipeline import analyze

TEXTS = ["Chile shelled Peruvian border posts on Tuesday, and Peru sent two frigates to Argentina.",
         "Peru shelled Chilean border posts on Tuesday, and Chile sent two frigates to Argentina."]


@pytest.mark.parametrize("text", TEXTS)
def test_confidence_is_the_shipped_mapping_of_the_raw_score(nlp, text):
    with raw_scores():
        analysis = analyze(text, published=PUBLISHED, nlp=nlp)
    raw = analysis.to_dict()
    record = analyze(text, published=PUBLISHED, nlp=nlp).to_dict()
    mapping = load_mapping()
    assert raw["events"] and len(raw["events"]) == len(record["events"])
    for kind in ("events", "arms_transfers"):
        for r, obj, c in zip(raw[kind], getattr(analysis, kind), record[kind], strict=True):
            assert c["confidence"] == calibrate(kind, {**r, "_features": obj._features}, mapping)
            assert c["side_from"] is None and 0.0 <= c["confidence"] <= 1.0


def test_features_the_record_does_not_say_stay_out_of_it(nlp):
    """A nominal reading ("the attack on ...") and a verbal one differ in `_features`; neither the
    record dict nor its keys carry them."""
    with raw_scores():
        verbal = analyze("Chile shelled Peruvian border posts on Tuesday.", published=PUBLISHED, nlp=nlp)
        nominal = analyze("The Chilean attack on Peru killed four soldiers.", published=PUBLISHED,
                          nlp=nlp)
    assert verbal.events and nominal.events
    for analysis in (verbal, nominal):
        for e in analysis.events:
            assert set(e._features) >= {"nominal", "embedded", "derived", "specific_row", "speaker_party"}
        assert all(not k.startswith("_") for e in analysis.to_dict()["events"] for k in e)
    assert verbal.events[0]._features["nominal"] == 0.0
    assert any(e._features["nominal"] == 1.0 for e in nominal.events)
