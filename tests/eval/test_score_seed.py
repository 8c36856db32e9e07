"""The seed-gold scorer wrapper, on a tiny hand-made gold file (rules: shared/tools/score_gold.py)."""

import json

import pytest

from realpolitik.eval import EvalError, seed

TEXT = ("Israel sold drones to Azerbaijan. Azerbaijan did not attack Armenia. "
        "Iran met Armenia in Yerevan. The Zionist regime said talks continue.")
GOLD = {
    "document": "tiny.txt",
    "actors": [{"id": "ISR", "type": "state", "name": "Israel", "mentions": ["Israel"]},
               {"id": "AZE", "type": "state", "name": "Azerbaijan", "mentions": ["Azerbaijan"]}],
    "events": [
        {"id": "E1", "required": False, "plover": "ASSAULT", "source": "AZE", "target": "ARM",
         "modality": "negated", "evidence": "did not attack Armenia"},
        {"id": "E2", "required": True, "plover": "CONSULT", "source": "IRN", "target": "ARM",
         "modality": "asserted", "evidence": "Iran met Armenia"},
    ],
    "arms_transfers": [{"id": "T1", "required": True, "supplier": "ISR", "recipient": "AZE", "weapon": None,
                        "category": "unmanned aerial vehicle", "evidence": "sold drones"}],
    "claims": [{"id": "C1", "required": True, "speaker": "ISR", "evidence": "said talks continue"}],
    "framing": [{"id": "F1", "required": True, "text": "Zionist regime", "technique": "name_calling", "target": "ISR"}],
    "not_framing": [{"text": "Azerbaijan"}],
}


def span(needle):
    start = TEXT.index(needle)
    return {"start": start, "end": start + len(needle), "text": needle}


def mentions(needle):
    out, i = [], TEXT.find(needle)
    while i >= 0:
        out.append({"start": i, "end": i + len(needle), "text": needle, "kind": "name"})
        i = TEXT.find(needle, i + 1)
    return out


def perfect_record():
    return {
        "actors": [
            {"id": "ISR", "name": "Israel", "type": "state", "country": "ISR",
             "mentions": mentions("Israel") + [dict(span("Zionist regime"), kind="label")]},
            {"id": "AZE", "name": "Azerbaijan", "type": "state", "country": "AZE", "mentions": mentions("Azerbaijan")},
            {"id": "ARM", "name": "Armenia", "type": "state", "country": "ARM", "mentions": mentions("Armenia")},
            {"id": "IRN", "name": "Iran", "type": "state", "country": "IRN", "mentions": mentions("Iran")},
        ],
        "events": [
            {"id": "e1", "plover": "ASSAULT", "source": "AZE", "target": "ARM", "modality": "negated",
             "evidence": span("Azerbaijan did not attack Armenia")},
            {"id": "e2", "plover": "CONSULT", "source": "IRN", "target": "ARM", "modality": "asserted",
             "evidence": span("Iran met Armenia in Yerevan")},
        ],
        "arms_transfers": [{"id": "t1", "supplier": "ISR", "recipient": "AZE", "supplier_country": "ISR",
                            "recipient_country": "AZE", "modality": "asserted",
                            "weapon": {"name": None, "category": "unmanned aerial vehicle"},
                            "evidence": span("Israel sold drones to Azerbaijan")}],
        "claims": [{"id": "c1", "speaker": "ISR", "speaker_country": "ISR", "cue": "said", "modality": "reported",
                    "content": span("talks continue"), "evidence": span("said talks continue")}],
        "framing": [dict(span("Zionist regime"), technique="name_calling", target="ISR", attributed_to="AUTHOR")],
    }


@pytest.fixture(scope="module")
def scorer(shared_dir):
    return seed.load_scorer(shared_dir)


def test_perfect_record_finds_everything(scorer):
    m = seed.metrics(seed.score(scorer, GOLD, TEXT, perfect_record()))
    for section in seed.SECTIONS:
        assert m[f"{section}.found"] == m[f"{section}.required"] > 0
        assert m[f"{section}.recall"] == 1.0
    assert m["modality_violations"] == 0
    assert m["false_alarms"] == 0


def test_empty_record_scores_zero_without_crashing(scorer):
    for record in (None, {}, {"actors": [], "events": []}):
        m = seed.metrics(seed.score(scorer, GOLD, TEXT, record))
        assert all(m[f"{s}.found"] == 0 and m[f"{s}.recall"] == 0.0 for s in seed.SECTIONS)
        assert m["modality_violations"] == 0


def test_partial_record_counts_a_denial_as_a_violation(scorer):
    record = perfect_record()
    record["events"][0]["modality"] = "asserted"  # "did not attack" reported as a fact
    record["claims"] = []
    record["framing"].append(dict(span("Azerbaijan"), technique="loaded_language"))  # a false alarm
    m = seed.metrics(seed.score(scorer, GOLD, TEXT, record))
    assert m["modality_violations"] == 1
    assert (m["claims.found"], m["claims.required"], m["claims.recall"]) == (0, 1, 0.0)
    assert m["events.found"] == 1  # E2 is still found
    assert m["false_alarms"] == 1
    # "Azerbaijan" occurs twice and both occurrences are actor mentions: 1 Israel + 2 Azerbaijan
    assert m["actors.found"] == m["actors.required"] == 3


def test_read_user_gold_file(tmp_path, shared_dir):
    (tmp_path / "tiny.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "tiny.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    case = seed.read(shared_dir, gold=tmp_path / "tiny.gold.json")
    assert case.text == TEXT and case.gold["framing"][0]["id"] == "F1"
    result = seed.evaluate(shared_dir, gold=tmp_path / "tiny.gold.json", record=perfect_record())
    assert result["metrics"]["framing.found"] == 1


def test_missing_gold_file_is_a_one_line_error(tmp_path, shared_dir):
    with pytest.raises(EvalError, match="gold file not found"):
        seed.read(shared_dir, gold=tmp_path / "nope.json")
