"""Shared pieces of the evaluations: finding ../shared, counting, and running the pipeline."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any


class EvalError(RuntimeError):
    """An evaluation cannot run (its data is missing or unreadable); the message is one line."""


def find_shared(shared: str | os.PathLike | None = None) -> Path:
    """The `shared/` folder: the argument, else $REALPOLITIK_SHARED, else `../shared` beside the repo.

    `../shared` is looked for upwards from the current directory and from this package, so the
    same call works from the repository root, from tests/ and from an installed checkout.
    """
    if shared is not None:
        path = Path(shared)
        if not path.is_dir():
            raise EvalError(f"shared folder not found: {path}")
        return path
    env = os.environ.get("REALPOLITIK_SHARED")
    if env:
        path = Path(env)
        if not path.is_dir():
            raise EvalError(f"REALPOLITIK_SHARED points to a missing folder: {path}")
        return path
    for start in (Path.cwd(), Path(__file__).resolve().parent):
        for parent in (start, *start.parents):
            if (parent / "shared" / "datasets").is_dir():
                return parent / "shared"
    raise EvalError("no shared/ folder found: set REALPOLITIK_SHARED or put it beside the repository")


def need(path: Path, what: str) -> Path:
    """Return `path`, or raise EvalError naming what is missing."""
    if not path.exists():
        raise EvalError(f"{what} not found: {path}")
    return path


def ratio(num: float, den: float) -> float:
    """num / den, with 0.0 for an empty denominator (an empty prediction scores 0, never crashes)."""
    return float(num) / den if den else 0.0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def prf(tp_pred: float, n_pred: int, tp_gold: float, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 from matched counts on each side.

    The two matched counts differ for overlap matching (one prediction may cover two gold spans).
    """
    p, r = ratio(tp_pred, n_pred), ratio(tp_gold, n_gold)
    return {"precision": p, "recall": r, "f1": f1(p, r), "predicted": n_pred, "gold": n_gold}


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def assign(candidates: Sequence[Sequence[int]]) -> dict[int, int]:
    """Largest one-to-one assignment of items to predictions by augmenting paths, items taken in
    order (put the ones that must win first): `candidates[i]` are the predictions item i accepts;
    returns {prediction: item}."""
    owner: dict[int, int] = {}

    def place(i: int, visited: set[int]) -> bool:
        for j in candidates[i]:
            if j in visited:
                continue
            visited.add(j)
            if j not in owner or place(owner[j], visited):
                owner[j] = i
                return True
        return False

    for i in range(len(candidates)):
        place(i, set())
    return owner


def one_to_one(gold: Sequence[Any], pred: Sequence[Any], ok) -> int:
    """Size of the largest one-to-one matching of gold to predictions where ok(g, p) holds."""
    return len(assign([[j for j, p in enumerate(pred) if ok(g, p)] for g in gold]))


def predict(items: Iterable[dict], *, nlp: Any = None, batch_size: int = 16) -> list[dict | None]:
    """Run realpolitik over `items` (dicts with `text` and metadata) once; records in input order.

    An item the pipeline refuses (InputError) gives None, so the scorers see an empty prediction.
    """
    from ..pipeline import analyze_many

    out: list[dict | None] = []
    for result in analyze_many(list(items), nlp=nlp, batch_size=batch_size):
        out.append(None if isinstance(result, Exception) else result.to_dict())
    return out


def side_code(record: dict, event: dict, key: str) -> str | None:
    """The country code of one side of an event: its `*_country`, else IGO for an igo actor."""
    code = event.get(f"{key}_country")
    if code:
        return code
    actor_id = event.get(key)
    if not actor_id:
        return None
    for actor in record.get("actors", []) or []:
        if actor.get("id") == actor_id:
            if actor.get("type") == "igo":
                return "IGO"
            return actor.get("country") or (actor_id if actor.get("type") == "state" else None)
    return None

