"""eval/calibration.py: judging each record, the fit, the reliability bins (invented texts and gold)."""

from __future__ import annotations

import json
import random

import pytest

from realpolitik.confidence import probability
from realpolitik.eval.calibration import (ANALYST_PRECISION, ANALYST_RECALL, NewsDoc, analyst_threshold,
                                          constant_model, fit_logistic, judge_records, read_folder, reliability,
                                          section_scores, sweep)

TEXT = ("Freedonia shelled the Sylvanian port of Ostra on Monday. "
        "Sylvania's envoy met Freedonian officials in Geneva on Friday.")


def _span(needle: str) -> dict:
    i = TEXT.index(needle)
    return {"start": i, "end": i + len(needle), "text": needle}


GOLD = {"exhaustive": ["events"], "events": [
    {"id": "g1", "plover": "ASSAULT", "source": "FRE", "target": "SYL", "modality": "asserted",
     "evidence": "Freedonia shelled the Sylvanian port of Ostra", "required": True},
    {"id": "g2", "plover": "CONSULT", "source": "SYL", "target": "FRE", "symmetric": True,
     "modality": "asserted", "evidence": "Sylvania's envoy met Freedonian officials", "required": False}]}

ACTORS = [{"id": c, "name": n, "type": "state", "country": c, "mentions": []}
          for c, n in (("FRE", "Freedonia"), ("SYL", "Sylvania"))]


def ev(i: int, plover: str, source: str, target: str, needle: str) -> dict:
    return {"id": f"e{i}", "plover": plover, "source": source, "target": target, "source_country": source,
            "target_country": target, "modality": "asserted", "evidence": _span(needle), "confidence": 0.5}


def test_each_record_gets_the_scorers_verdict():
    record = {"actors": ACTORS, "events": [
        ev(1, "ASSAULT", "FRE", "SYL", "Freedonia shelled"),       # correct
        ev(2, "ASSAULT", "FRE", "SYL", "shelled the Sylvanian"),   # the same gold item again: a duplicate
        ev(3, "ASSAULT", "SYL", "FRE", "Freedonia shelled"),       # sides the wrong way round: wrong
        ev(4, "ASSAULT", "FRE", "SYL", "on Monday"),               # about no gold item: spurious
        ev(5, "ASSAULT", "SYL", "FRE", "envoy met Freedonian"),    # about the optional item only: not judged
        ev(6, "CONSULT", "FRE", "SYL", "envoy met Freedonian"),    # the optional item, matched: correct
    ]}
    assert judge_records(GOLD, TEXT, record) == {"events": [True, False, False, False, None, True]}
    counts = section_scores(GOLD, TEXT, record, "events")
    assert counts == {"correct": 2, "judged": 5, "found": 1, "required": 1}


def test_a_section_the_gold_does_not_judge_gets_no_verdicts():
    record = {"actors": ACTORS, "events": [ev(1, "ASSAULT", "FRE", "SYL", "Freedonia shelled")]}
    assert judge_records({**GOLD, "exhaustive": []}, TEXT, record) == {}
    assert section_scores({**GOLD, "exhaustive": []}, TEXT, record, "events")["judged"] == 0


def test_the_sweep_keeps_records_at_or_above_each_threshold_per_split():
    """A sure right record and an unsure wrong one: above the unsure one's confidence only the right
    one is kept, on the fitted document (x01) and the held-back one (x09) alike."""
    docs = [NewsDoc(name, TEXT, GOLD) for name in ("x01", "x09")]
    right, wrong = ev(1, "ASSAULT", "FRE", "SYL", "Freedonia shelled"), ev(3, "ASSAULT", "SYL", "FRE", "on Monday")
    record = {"actors": ACTORS, "events": [{**right, "confidence": 0.9}, {**wrong, "confidence": 0.3}]}
    rows = sweep(docs, [record, record], "events", (0.0, 0.5, 0.95))
    assert [r["dev"]["precision"] for r in rows] == [0.5, 1.0, None]
    assert [r["all"]["records"] for r in rows] == [4, 2, 0] and rows[1]["check"] == rows[1]["dev"]
    assert [r["dev"]["recall"] for r in rows] == [1.0, 1.0, 0.0]


def _row(t: float, p: float | None, r: float) -> dict:
    figures = {"records": 10, "precision": p, "recall": r}
    return {"threshold": t, "dev": figures, "check": figures, "all": figures}


def test_the_analyst_threshold_is_the_smallest_meeting_the_rule():
    hi = ANALYST_PRECISION + 0.05
    rows = [_row(0.0, 0.5, 0.6), _row(0.3, hi, ANALYST_RECALL + 0.1), _row(0.6, 1.0, ANALYST_RECALL)]
    assert analyst_threshold(rows) == {**rows[1], "rule_met": True}
    # precision reached only below the recall floor: the rule fails; the most precise row with enough
    # recall is taken
    rows = [_row(0.0, 0.5, 0.6), _row(0.3, 0.7, 0.3), _row(0.5, 0.7, 0.25), _row(0.6, 1.0, ANALYST_RECALL / 2)]
    assert analyst_threshold(rows) == {**rows[1], "rule_met": False}
    assert analyst_threshold([_row(0.0, None, 0.0)])["threshold"] == 0.0


def test_fit_finds_the_direction_of_each_feature():
    rng = random.Random(7)
    rows, labels = [], []
    for _ in range(400):
        both, raw = float(rng.random() < 0.5), rng.random()
        p = probability({"features": ["both", "raw"], "weights": [2.0, 1.0], "bias": -2.0},
                        {"both": both, "raw": raw})
        rows.append({"both": both, "raw": raw})
        labels.append(int(rng.random() < p))
    model = fit_logistic(rows, labels, l2=0.01)
    weights = dict(zip(model["features"], model["weights"]))
    assert 1.0 < weights["both"] < 3.0 and weights["raw"] > 0 and -3.0 < model["bias"] < -1.0


def test_a_constant_model_is_the_smoothed_precision():
    assert probability(constant_model(1, 8), {}) == pytest.approx(0.2, abs=1e-3)
    assert probability(constant_model(0, 6), {"raw": 0.9}) == pytest.approx(0.125, abs=1e-3)


def test_reliability_bins():
    bins = reliability([(0.05, False), (0.15, True), (0.12, False), (1.0, True)])
    assert [b["records"] for b in bins] == [1, 2, 0, 0, 0, 0, 0, 0, 0, 1]
    assert bins[1]["precision"] == 0.5 and bins[9]["precision"] == 1.0 and bins[2]["precision"] is None


def test_folder_and_the_split_by_number(tmp_path):
    for name in ("x03", "x09"):
        (tmp_path / f"{name}.txt").write_text(TEXT)
        (tmp_path / f"{name}.gold.json").write_text(json.dumps({**GOLD, "title": "T", "outlet": "O"}))
    (tmp_path / "lonely.gold.json").write_text("{}")
    docs = read_folder(tmp_path)
    assert [(d.name, d.fit) for d in docs] == [("x03", True), ("x09", False)]
    assert docs[0].meta() == {"text": TEXT, "title": "T", "published": None, "source": "O"}
    assert not NewsDoc("notes", TEXT, {}).fit
