"""records.py: side_from in the record and its schema, and the confidence filter of analyst output."""

from __future__ import annotations

import jsonschema
import pytest

from realpolitik.records import ANALYST_MIN_CONFIDENCE, Analysis
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


def test_analyst_default_is_a_probability():
    assert 0.0 <= ANALYST_MIN_CONFIDENCE <= 1.0
