"""records.py: side_from in the record and its schema, and the confidence filter of analyst output."""

from __future__ import annotations

import jsonschema
import pytest

from realpolitik.records import ANALYST_MIN_CONFIDENCE, CONFIDENCE_TYPES, Analysis, _analyst_min_confidence
from realpolitik.schema import validate


def test_side_from_is_in_the_record_and_read_back(sample_a):
    sample_a.events[0].side_from = "context"
    record = sample_a.to_dict()
    validate(record)
    assert record["events"][0]["side_from"] == "context" and record["events"][1]["side_from"] is None
    assert record["arms_transfers"][0]["side_from"] is None
    assert Analysis.from_dict(record, sample_a.document.text).to_dict() == record


def test_side_from_takes_only_context(sample_a):
    record = sample_a.to_dict()
    record["arms_transfers"][0]["side_from"] = "headline"
    with pytest.raises(jsonschema.ValidationError):
        validate(record)


def test_above_drops_low_events_and_transfers_only(sample_a):
    cut = max(e.confidence for e in sample_a.events)
    high = sample_a.above(cut)
    assert [e.confidence >= cut for e in high.events] == [True] * len(high.events)
    assert 0 < len(high.events) < len(sample_a.events)
    assert high.claims == sample_a.claims and high.framing == sample_a.framing
    assert high.actors == sample_a.actors
    assert sample_a.above(1.0).arms_transfers == [] and sample_a.above(0.0) is sample_a
    assert len(sample_a.events) == 2  # the original is not changed


def test_analyst_default_is_a_probability_per_record_type():
    assert set(ANALYST_MIN_CONFIDENCE) == set(CONFIDENCE_TYPES)
    assert all(0.0 <= v <= 1.0 for v in ANALYST_MIN_CONFIDENCE.values())


def test_analyst_thresholds_come_from_the_calibration_file(tmp_path):
    path = tmp_path / "calibration.json"
    path.write_text('{"models": {}, "analyst_min_confidence": {"events": 0.55}}')
    assert _analyst_min_confidence(path) == {"events": 0.55, "arms_transfers": 0.0}
    assert _analyst_min_confidence(tmp_path / "none.json") == {"events": 0.0, "arms_transfers": 0.0}


def test_above_takes_a_threshold_per_record_type(sample_a):
    cut = max(e.confidence for e in sample_a.events)
    only_events = sample_a.above({"events": cut})
    assert 0 < len(only_events.events) < len(sample_a.events)
    assert only_events.arms_transfers == sample_a.arms_transfers
    only_transfers = sample_a.above({"events": 0.0, "arms_transfers": 1.0})
    assert only_transfers.events == sample_a.events and only_transfers.arms_transfers == []
    assert sample_a.above({"events": 0.0}) is sample_a


def test_private_features_stay_out_of_the_record(sample_a):
    sample_a.events[0]._features["nominal"] = 1.0
    record = sample_a.to_dict()
    validate(record)
    assert "_features" not in record["events"][0] and "_features" not in record["arms_transfers"][0]
