"""Quality gate: every evaluation scores at least its floor in floors.json (docs/evaluation.md).

One pipeline is loaded and each dataset is analysed once (PTC on all its articles). Raising a
floor is a normal commit (`python -m realpolitik.eval.floors --update`); lowering one needs a
written reason in the same commit.
"""

from pathlib import Path

import pytest

from realpolitik.eval import run
from realpolitik.eval.floors import GATE, check, read_floors

FLOORS = Path(__file__).with_name("floors.json")


@pytest.fixture(scope="module")
def floors():
    return read_floors(FLOORS)


@pytest.fixture(scope="module")
def nlp(shared_dir):
    from realpolitik.pipeline import load

    return load()


def test_every_gated_metric_has_a_floor(floors):
    for name, spec in GATE.items():
        entry = floors.get(name)
        assert entry is not None, f"floors.json has no entry for {name}"
        bounded = {**entry.get("min", {}), **entry.get("max", {})}
        assert set(spec["metrics"]) <= set(bounded), f"{name}: metrics without a floor"
        assert entry.get("limit") == spec["limit"], f"{name}: floors were measured on another subset"


@pytest.mark.shared
@pytest.mark.parametrize("dataset", list(GATE))
def test_scores_stay_above_their_floors(dataset, shared_dir, nlp, floors):
    result = run(dataset, shared=shared_dir, limit=GATE[dataset]["limit"], nlp=nlp, quiet=True)
    failures = check(dataset, result["metrics"], floors)
    assert not failures, "\n".join(failures)
