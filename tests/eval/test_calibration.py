"""eval/calibration.py: judging each record, the fit, the reliability bins (invented texts and gold)."""

from __future__ import annotations

import json
import random

import pytest

from realpolitik.confidence import probability
from realpolitik.eval.calibration import (NewsDoc, _judge_module, constant_model, fit_logistic, judge_records,
                                          read_folder, reliability)

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


@pytest.fixture(scope="module")
def scorer(shared_dir):
    return _judge_module(shared_dir)


def test_each_record_gets_the_scorers_verdict(scorer):
    record = {"actors": ACTORS, "events": [
        ev(1, "ASSAULT", "FRE", "SYL", "Freedonia shelled"),       # correct
        ev(2, "ASSAULT", "FRE", "SYL", "shelled the Sylvanian"),   # the same gold item again: a duplicate
        ev(3, "ASSAULT", "SYL", "FRE", "Freedonia shelled"),       # sides the wrong way round: wrong
        ev(4, "ASSAULT", "FRE", "SYL", "on Monday"),               # about no gold item: spurious
        ev(5, "ASSAULT", "SYL", "FRE", "envoy met Freedonian"),    # about the optional item only: not judged
        ev(6, "CONSULT", "FRE", "SYL", "envoy met Freedonian"),    # the optional item, matched: correct
    ]}
    assert judge_records(scorer, GOLD, TEXT, record) == {"events": [True, False, False, False, None, True]}


def test_a_section_the_gold_does_not_judge_gets_no_verdicts(scorer):
    record = {"actors": ACTORS, "events": [ev(1, "ASSAULT", "FRE", "SYL", "Freedonia shelled")]}
    assert judge_records(scorer, {**GOLD, "exhaustive": []}, TEXT, record) == {}


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
