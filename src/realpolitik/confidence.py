"""Calibrated confidence: the probability that a record is right, from simple features of the record.

A record's raw `confidence` is the pipeline's own score (set by the event, arms and claim stages).
`calibrate(kind, record)` maps it, with a few other features of the record, to the observed
precision of records like it: a logistic model (Platt scaling on features) fitted by
`realpolitik eval calibrate --fit` on hand-judged news and shipped as kb/data/calibration.json.
Where the file has no model for a record type (too few judged records to fit one), the raw score
passes through unchanged. Plain data in and out: no spaCy here, so the fit (eval/calibration.py)
and the pipeline's last step (nlp/to_records.py) compute the same features from the same record.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from .records import CALIBRATION_FILE, NOT_HAPPENED
#: the two sides of each record type that has a confidence
SIDES = {"events": ("source", "target"), "arms_transfers": ("supplier", "recipient")}
#: a sentence of this many words counts as long (feature `words` is the evidence's words over it)
LONG_EVIDENCE = 40

_enabled = True


@contextmanager
def raw_scores() -> Iterator[None]:
    """Within this block the pipeline writes its raw scores, uncalibrated (what a fit needs)."""
    global _enabled
    before, _enabled = _enabled, False
    try:
        yield
    finally:
        _enabled = before


def features(kind: str, record: dict) -> dict[str, float]:
    """The features of one record (a record dict as in `Analysis.to_dict()`, with the record's
    `_features` when it has them) of type `kind`."""
    first, second = SIDES[kind]
    named = (record.get(first) is not None or record.get(f"{first}_country") is not None,
             record.get(second) is not None or record.get(f"{second}_country") is not None)
    modality = record.get("modality")
    evidence = record.get("evidence") or {}
    words = len(str(evidence.get("text") or "").split())
    out = {
        "raw": float(record.get("confidence") or 0.0),
        "reported": float(modality == "reported"),
        "not_happened": float(modality in NOT_HAPPENED),
        "side_from_context": float(record.get("side_from") == "context"),
        "both_sides": float(all(named)),
        "no_side": float(not any(named)),
        "words": min(2.0, words / LONG_EVIDENCE),
    }
    if kind == "events":
        out["material"] = float(str(record.get("quad") or "").startswith("material"))
    else:
        weapon = record.get("weapon") or {}
        out["weapon_named"] = float(weapon.get("name") is not None)
        out["quantity"] = float(record.get("quantity") is not None)
    # what the pipeline knew of the record and the record does not carry (records.Event._features):
    # a nominal trigger, an embedded clause, a specific lexicon row, the speaker a party, ...
    out.update({k: float(v) for k, v in (record.get("_features") or {}).items()})
    return out


def probability(model: dict, feats: dict[str, float]) -> float:
    """A fitted logistic model's probability for these features."""
    z = model["bias"] + sum(w * feats.get(name, 0.0) for name, w in zip(model["features"], model["weights"]))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=4)
def load_mapping(path: str | None = None) -> dict:
    """The calibration file's models by record type ({} when there is no file)."""
    p = Path(path) if path else CALIBRATION_FILE
    if not p.exists():
        return {}
    return json.loads(p.read_text(encoding="utf-8")).get("models", {})


def calibrate(kind: str, record: dict, mapping: dict | None = None) -> float:
    """The calibrated confidence of a record (rounded to 2 places); the raw one without a model."""
    raw = float(record.get("confidence") or 0.0)
    if mapping is None:
        if not _enabled:
            return raw
        mapping = load_mapping()
    model = mapping.get(kind)
    if not model:
        return raw
    return round(probability(model, features(kind, record)), 2)
