"""The seed article (or any gold file in the seed-gold format), scored by shared/tools/score_gold.py.

The matching rules are the shared scorer's own: this module loads that file and calls its
functions, so a number here is the number `score_gold.py` prints.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from .common import EvalError, need, ratio

NAME = "seed"
SECTIONS = ("actors", "events", "arms_transfers", "claims", "framing")


@dataclass
class GoldCase:
    """One gold file and the text it annotates."""

    name: str
    gold: dict
    text: str


def load_scorer(shared: Path) -> ModuleType:
    """Import shared/tools/score_gold.py as a module (it uses the standard library only)."""
    path = need(shared / "tools" / "score_gold.py", "gold scorer")
    spec = importlib.util.spec_from_file_location("realpolitik_shared_score_gold", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read(shared: Path | None, *, gold: str | Path | None = None, text: str | Path | None = None) -> GoldCase:
    """Read a gold file (default: the seed's) and its text.

    Without `text`, the gold's `document` path is read relative to the gold file's folder, its
    parent, or `shared`.
    """
    gold_path = Path(gold) if gold else need(shared / "gold" / "seed.gold.json", "seed gold file")
    if not gold_path.exists():
        raise EvalError(f"gold file not found: {gold_path}")
    try:
        data = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"unreadable gold file {gold_path}: {exc}") from exc
    if text is None:
        doc = data.get("document")
        if not doc:
            raise EvalError(f"{gold_path} names no `document`; give the text file too")
        places = [gold_path.parent / doc, gold_path.parent.parent / doc]
        if shared is not None:
            places.append(Path(shared) / doc)
        found = next((p for p in places if p.exists()), None)
        if found is None:
            raise EvalError(f"text of {gold_path.name} not found: {doc}")
        text = found
    text_path = Path(text)
    if not text_path.exists():
        raise EvalError(f"text file not found: {text_path}")
    return GoldCase(gold_path.name, data, text_path.read_text(encoding="utf-8"))


def score(scorer: ModuleType, gold: dict, text: str, record: dict | None) -> dict[str, dict]:
    """Every section's result from the shared scorer, for one analysis record (None: empty)."""
    analysis: dict[str, Any] = record or {}
    actors = scorer.Actors(analysis)
    return {
        "actors": scorer.score_actors(gold, text, analysis, actors),
        "events": scorer.score_events(gold, text, analysis.get("events", []), actors),
        "arms_transfers": scorer.score_transfers(gold, text, analysis.get("arms_transfers", []), actors),
        "claims": scorer.score_claims(gold, text, analysis.get("claims", []), actors),
        "framing": scorer.score_framing(gold, text, analysis.get("framing", []), actors),
    }


def metrics(sections: dict[str, dict]) -> dict[str, float]:
    """Flat numbers: found/required/recall per section, modality violations, false alarms."""
    out: dict[str, float] = {}
    for name in SECTIONS:
        s = sections[name]
        out[f"{name}.found"] = s["found"]
        out[f"{name}.required"] = s["required"]
        out[f"{name}.recall"] = ratio(s["found"], s["required"])
    out["events.found_ignoring_modality"] = sections["events"].get("found_ignoring_modality", 0)
    out["modality_violations"] = (len(sections["events"].get("modality_violations", []))
                                  + len(sections["arms_transfers"].get("modality_violations", [])))
    out["false_alarms"] = len(sections["framing"].get("false_alarms", []))
    return out


def evaluate(shared: Path, *, gold=None, text=None, nlp: Any = None, limit: int | None = None,
             record: dict | None = None) -> dict:
    """Analyse the gold's text and score it (`record` skips the analysis: score that record)."""
    scorer = load_scorer(shared)
    case = read(shared, gold=gold, text=text)
    if record is None:
        from .common import predict

        record = predict([{"text": case.text, "source": case.name}], nlp=nlp)[0]
    sections = score(scorer, case.gold, case.text, record)
    details = {k: {x: v[x] for x in v if x not in ("found", "required")} for k, v in sections.items()}
    return {"dataset": NAME, "items": 1, "gold": case.name, "metrics": metrics(sections), "details": details}

