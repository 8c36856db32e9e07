"""Measure realpolitik against evaluation data written by others (../shared/datasets) and gold files.

`run("plover-gsr")` analyses the dataset's texts once, scores the records, prints a table and returns
`{"dataset", "items", "seconds", "metrics": {name: number}, "details"?}`. Each dataset has its own
module with a reader (plain dataclasses) and a scorer (pure functions over plain data).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from . import news, petr2, plover_gsr, ptc, re3d, seed, sipri
from .common import EvalError, find_shared

__all__ = ["DATASETS", "EvalError", "find_shared", "print_table", "run", "run_all"]

DATASETS = {m.NAME: m for m in (seed, plover_gsr, petr2, re3d, ptc, sipri, news)}


def run(dataset: str, *, shared: str | Path | None = None, gold: str | Path | None = None,
        text: str | Path | None = None, out: str | Path | None = None, limit: int | None = None,
        nlp: Any = None, quiet: bool = False, **options: Any) -> dict:
    """Evaluate one dataset; print its table (unless `quiet`) and write JSON to `out` when given.

    `gold`/`text` score a gold file in the seed-gold format (dataset "seed"); `limit` takes the
    first N items; `nlp` is a loaded pipeline to reuse (default: realpolitik's own, loaded once).
    `options` go to the dataset's own `evaluate` (news: `folder`, `docs`, `min_confidence`, `errors`,
    `predictions`).
    """
    options = {k: v for k, v in options.items() if v is not None and v is not False}
    module = DATASETS.get(dataset)
    if module is None:
        raise EvalError(f"unknown dataset {dataset!r}; choose from {', '.join(DATASETS)}")
    if gold is not None and module is not seed:
        raise EvalError("a gold file is scored with the seed-gold rules: use dataset 'seed'")
    if options and module is not news:
        raise EvalError(f"{', '.join(sorted(options))}: options of dataset 'news' only")
    if module is news and options.get("folder") is not None:
        root = find_shared(shared) if shared is not None else None  # a user's folder needs no shared/
    else:
        root = find_shared(shared)
    started = time.perf_counter()
    result = module.evaluate(root, gold=gold, text=text, nlp=nlp, limit=limit, **options)
    result["seconds"] = round(time.perf_counter() - started, 2)
    if limit:
        result["limit"] = limit
    if not quiet:
        print_table(result)
        for line in news.error_lines(result):
            print(line)
    if out is not None:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return result


def run_all(*, shared: str | Path | None = None, limits: dict[str, int | None] | None = None, nlp: Any = None,
            quiet: bool = False) -> dict[str, dict]:
    """Every dataset with one loaded pipeline; `limits` per dataset name."""
    if nlp is None:
        from ..pipeline import load

        nlp = load()
    limits = limits or {}
    return {name: run(name, shared=shared, limit=limits.get(name), nlp=nlp, quiet=quiet) for name in DATASETS}


def _fmt(value: Any) -> str:
    if value is None:  # a precision with nothing predicted, a recall with nothing required
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def print_table(result: dict, *, console: Any = None) -> None:
    """Print a result's metrics with rich: `row.column` names as a grid, the rest as a list."""
    from rich.console import Console
    from rich.table import Table

    if console is None:  # piped output: wide enough for the per-type grids instead of rich's 80 columns
        console = Console() if sys.stdout.isatty() else Console(width=140)
    metrics = result.get("metrics", {})
    grid: dict[str, dict[str, Any]] = {}
    flat: dict[str, Any] = {}
    for key, value in metrics.items():
        if isinstance(value, dict):  # a second scoring of the same run ("all_events"): its own rows
            flat.update({f"{key}/{sub}": v for sub, v in value.items()})
        elif "." in key:
            row, col = key.rsplit(".", 1)
            grid.setdefault(row, {})[col] = value
        else:
            flat[key] = value
    title = f"{result.get('dataset')}: {result.get('items')} items, {result.get('seconds', '?')} s"
    if flat:
        table = Table(title=title)
        table.add_column("metric")
        table.add_column("value", justify="right")
        for key, value in flat.items():
            table.add_row(key, _fmt(value))
        console.print(table)
        title = None
    if grid:
        columns = list(dict.fromkeys(c for row in grid.values() for c in row))
        table = Table(title=title)
        table.add_column("")
        for c in columns:
            table.add_column(c, justify="right")
        for row, values in grid.items():
            table.add_row(row, *(_fmt(values.get(c, "")) for c in columns))
        console.print(table)
