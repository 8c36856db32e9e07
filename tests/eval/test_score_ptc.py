"""SemEval-2020 Task 11 character-overlap measure on hand-made spans."""

import pytest

from realpolitik.eval.ptc import TSpan, score, spans_of, technique

GOLD = [TSpan("a", 0, 10, "loaded_language"), TSpan("a", 20, 30, "name_calling")]


def test_technique_names():
    assert technique("Name_Calling,Labeling") == "name_calling"
    assert technique("Loaded_Language") == "loaded_language"
    assert technique("Appeal_to_fear-prejudice") == "appeal_to_fear"
    assert technique("Bandwagon,Reductio_ad_hitlerum") == technique("reductio_ad_hitlerum") == "bandwagon"
    assert technique("Whataboutism,Straw_Men,Red_Herring") == technique("red_herring") == "whataboutism"
    assert technique("Exaggeration,Minimisation") == "exaggeration"
    assert technique("Flag-Waving") == technique("flag_waving") == "flag_waving"
    assert technique("Thought-terminating_Cliches") == "thought_terminating_cliches"


def test_perfect():
    m = score(GOLD, list(GOLD))
    assert m["overall.f1"] == m["name_calling+loaded_language.f1"] == m["loaded_language.f1"] == 1.0


def test_empty():
    m = score(GOLD, [])
    assert m["overall.precision"] == m["overall.recall"] == m["overall.f1"] == 0.0
    assert m["name_calling+loaded_language.recall"] == 0.0
    assert score([], [])["overall.f1"] == 0.0


def test_partial_hand_computed():
    pred = [TSpan("a", 5, 15, "loaded_language"),  # half its characters are gold loaded language
            TSpan("a", 20, 30, "doubt")]           # the right place, the wrong technique
    m = score(GOLD, pred)
    assert m["overall.precision"] == 0.75 and m["overall.recall"] == 0.75 and m["overall.f1"] == 0.75
    assert m["loaded_language.precision"] == 0.5 and m["loaded_language.recall"] == 0.5
    assert m["name_calling.recall"] == 0.0 and m["doubt.precision"] == 0.0
    assert m["name_calling+loaded_language.precision"] == 0.5
    assert m["name_calling+loaded_language.recall"] == 0.25
    assert m["name_calling+loaded_language.f1"] == pytest.approx(1 / 3)


def test_overlapping_spans_of_one_class_merge():
    pred = [TSpan("a", 0, 6, "loaded_language"), TSpan("a", 4, 10, "loaded_language")]
    m = score(GOLD, pred)
    assert m["loaded_language.predicted"] == 1 and m["loaded_language.f1"] == 1.0


def test_record_framing_to_spans():
    record = {"framing": [{"start": 3, "end": 9, "technique": "name_calling"}, {"start": 4, "end": 4, "technique": "x"}]}
    assert spans_of("a", record) == [TSpan("a", 3, 9, "name_calling")]
    assert spans_of("a", None) == []
