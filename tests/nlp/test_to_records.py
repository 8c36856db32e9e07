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
        raw = analyze(text, published=PUBLISHED, nlp=nlp).to_dict()
    record = analyze(text, published=PUBLISHED, nlp=nlp).to_dict()
    mapping = load_mapping()
    assert raw["events"] and len(raw["events"]) == len(record["events"])
    for kind in ("events", "arms_transfers"):
        for r, c in zip(raw[kind], record[kind], strict=True):
            assert c["confidence"] == calibrate(kind, r, mapping)
            assert c["side_from"] is None and 0.0 <= c["confidence"] <= 1.0
