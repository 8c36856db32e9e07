"""confidence.py: the features of a record and the calibrated mapping applied to it."""

from __future__ import annotations

import pytest

from realpolitik import confidence
from realpolitik.confidence import calibrate, features, raw_scores

MODEL = {"events": {"features": ["raw", "both_sides", "not_happened"], "weights": [2.0, 1.0, -1.5],
                    "bias": -2.0}}


def event(**kw) -> dict:
    base = {"confidence": 0.7, "modality": "asserted", "source": "GEO", "target": "RUS",
            "source_country": "GEO", "target_country": "RUS", "quad": "material_conflict",
            "side_from": None, "evidence": {"start": 0, "end": 30, "text": "Georgia shelled a Russian post"}}
    return {**base, **kw}


@pytest.mark.parametrize("first,second", [("GEO", "RUS"), ("RUS", "GEO")])
def test_features_are_the_same_whichever_side_is_which(first, second):
    f = features("events", event(source=first, target=second, source_country=first, target_country=second))
    assert f["both_sides"] == 1.0 and f["no_side"] == 0.0 and f["material"] == 1.0 and f["raw"] == 0.7


def test_features_see_context_sides_missing_sides_and_modality():
    f = features("events", event(target=None, target_country=None, side_from="context", modality="negated"))
    assert f["both_sides"] == 0.0 and f["side_from_context"] == 1.0 and f["not_happened"] == 1.0
    t = {"confidence": 0.5, "modality": "reported", "supplier": None, "recipient": None,
         "supplier_country": None, "recipient_country": None, "weapon": {"name": None}, "quantity": 3,
         "evidence": {"text": "x " * 100}}
    g = features("arms_transfers", t)
    assert g["no_side"] == 1.0 and g["reported"] == 1.0 and g["quantity"] == 1.0 and g["words"] == 2.0


def test_features_the_record_does_not_carry_come_from_its_private_features():
    f = features("events", event(_features={"nominal": 1.0, "speaker_party": True}))
    assert f["nominal"] == 1.0 and f["speaker_party"] == 1.0 and f["both_sides"] == 1.0
    assert "nominal" not in features("events", event())
    model = {"events": {"features": ["nominal"], "weights": [-2.0], "bias": 0.0}}
    assert calibrate("events", event(_features={"nominal": 1.0}), model) < calibrate("events", event(), model)


def test_calibrated_confidence_follows_the_model():
    both = calibrate("events", event(), MODEL)
    one = calibrate("events", event(target=None, target_country=None), MODEL)
    denied = calibrate("events", event(modality="negated"), MODEL)
    assert 0 < denied < one < both < 1
    assert calibrate("events", event(confidence=0.9), MODEL) > both  # more raw score, more probability


def test_without_a_model_or_inside_raw_scores_the_raw_score_stays(monkeypatch):
    assert calibrate("arms_transfers", {"confidence": 0.55}, MODEL) == 0.55
    monkeypatch.setattr(confidence, "load_mapping", lambda path=None: MODEL)
    assert calibrate("events", event()) != 0.7
    with raw_scores():
        assert calibrate("events", event()) == 0.7
    assert calibrate("events", event()) != 0.7
