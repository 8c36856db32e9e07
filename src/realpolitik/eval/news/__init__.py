"""News articles with exhaustive hand gold: recall, precision and F1 per record type.

A folder holds `NAME.txt` beside `NAME.gold.json` (default: `shared/datasets/news_dev`). The rules
are those of `shared/gold/README.md`, written in our own code in `rules.py` (docs/evaluation.md,
"news"); `tests/eval/test_score_news.py` checks that the counts agree with
`shared/tools/score_news.py` on the same predictions. This module reads the articles, runs the
pipeline once (or takes records already written) and sums the articles per split.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common import EvalError
from .rules import RECORD_TYPES, Tally, score_document, total

__all__ = ["NAME", "RECORD_TYPES", "Article", "Tally", "above", "evaluate", "error_lines", "load_predictions",
           "options", "read", "score_document", "split_of", "total"]

NAME = "news"
#: news_dev's split: documents 01-07 are for error analysis, 08-10 are only ever scored in aggregate
SPLITS = {"dev": range(1, 8), "check": range(8, 11)}
NEWS_DEV = "news_dev"
_NUMBER = re.compile(r"(\d+)$")


# -- reading ----------------------------------------------------------------------------------------

@dataclass
class Article:
    """One article and its gold; `meta()` is what the pipeline is given (title, date, outlet from the gold)."""

    name: str
    gold: dict
    text: str

    @property
    def id(self) -> str:
        """The analysis record's `document.id`: SHA-256 of the text."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def meta(self) -> dict:
        meta = {"text": self.text, "title": self.gold.get("title"), "published": self.gold.get("published"),
                "source": self.gold.get("outlet")}
        return {k: v for k, v in meta.items() if v}


def default_folder(shared: Path) -> Path:
    return Path(shared) / "datasets" / NEWS_DEV


def read(folder: str | Path, *, docs: str | None = None) -> list[Article]:
    """Every `NAME.gold.json` with a `NAME.txt` beside it, by name; `docs` is a glob on NAME ('b0[1-7]').

    The text is read as the CLI reads a file (a BOM dropped, line ends kept), so offsets agree.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise EvalError(f"news folder not found: {folder}")
    out = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        name = gold_path.name[:-len(".gold.json")]
        text_path = folder / f"{name}.txt"
        if not text_path.exists() or (docs and not fnmatch.fnmatchcase(name, docs)):
            continue
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise EvalError(f"unreadable gold file {gold_path}: {exc}") from exc
        with text_path.open(encoding="utf-8-sig", newline="") as fh:
            out.append(Article(name, gold, fh.read()))
    if not out:
        what = f" matching {docs!r}" if docs else ""
        raise EvalError(f"no NAME.gold.json with NAME.txt beside it{what} in {folder}")
    return out


def split_of(name: str) -> str | None:
    """'dev' for a news_dev name numbered 01-07, 'check' for 08-10, else None."""
    m = _NUMBER.search(name)
    number = int(m.group(1)) if m else -1
    return next((split for split, numbers in SPLITS.items() if number in numbers), None)


def load_predictions(content: str) -> dict[str, dict]:
    """{document id: analysis record} from JSON Lines, a JSON array, or one JSON record."""
    try:
        chunks = [json.loads(content)]
    except ValueError:
        chunks = []
        for line in content.splitlines():
            try:
                chunks.append(json.loads(line))
            except ValueError:
                continue
    found = {}
    for chunk in chunks:
        for rec in chunk if isinstance(chunk, list) else [chunk]:
            if isinstance(rec, dict) and isinstance(rec.get("document"), dict):
                found[rec["document"].get("id")] = rec
    return found


def above(record: dict, min_confidence: float | None) -> dict:
    """The record without the events, transfers, claims, framing spans and actors whose `confidence` is below
    `min_confidence` (a record without a confidence is kept)."""
    if min_confidence is None:
        return record
    out = dict(record)
    for key in ("events", "arms_transfers", "claims", "framing", "actors"):
        items = record.get(key)
        if isinstance(items, list):
            out[key] = [r for r in items if not isinstance(r, dict) or not isinstance(r.get("confidence"), (int, float))
                        or r["confidence"] >= min_confidence]
    return out


# -- the evaluation ----------------------------------------------------------------------------------

def split_names(articles: Sequence[Article], folder: Path) -> dict[str, list[str]]:
    """'all', and for news_dev 'dev' (01-07) and 'check' (08-10), each a list of article names."""
    splits = {"all": [a.name for a in articles]}
    if folder.name == NEWS_DEV:
        for split in SPLITS:
            names = [a.name for a in articles if split_of(a.name) == split]
            if names:
                splits[split] = names
    return splits


def metrics_of(tallies: dict[str, Tally], prefix: str) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for kind in RECORD_TYPES:
        if kind in tallies:
            for name, value in tallies[kind].rates().items():
                out[f"{prefix}.{kind}.{name}"] = value
    out[f"{prefix}.modality_violations"] = sum(t.modality_violations for t in tallies.values())
    return out


def evaluate(shared: Path | None, *, gold: str | Path | None = None, text: Any = None, nlp: Any = None,
             limit: int | None = None, folder: str | Path | None = None, docs: str | None = None,
             min_confidence: float | None = None, errors: bool = False,
             predictions: dict[str, dict] | None = None) -> dict:
    """Analyse every article of `folder` (default news_dev) once, or take `predictions` ({document id:
    record}), and score them. Metrics are `SPLIT.TYPE.recall|precision|f1` and `SPLIT.modality_violations`
    for the splits 'all', 'dev' and 'check'; details hold the counts per split and per document, and with
    `errors` every missed, wrong, spurious, duplicate and violating record with its evidence."""
    if gold is not None or text is not None:
        raise EvalError("news scores a folder of NAME.txt + NAME.gold.json: give the folder, not --gold/--text")
    if folder is None:
        if shared is None:
            raise EvalError("no news folder: give one, or the shared folder")
        folder = default_folder(shared)
    folder = Path(folder)
    articles = read(folder, docs=docs)[:limit] if limit else read(folder, docs=docs)
    if predictions is None:
        from ..common import predict

        records = predict([a.meta() for a in articles], nlp=nlp)
        missing = [a.name for a, r in zip(articles, records) if r is None]
    else:
        records = [predictions.get(a.id) for a in articles]
        missing = [a.name for a, r in zip(articles, records) if r is None]
    per_doc = {a.name: score_document(a.gold, a.text, above(r, min_confidence) if r else None)
               for a, r in zip(articles, records)}
    metrics: dict[str, Any] = {}
    details: dict[str, Any] = {"folder": str(folder), "docs_pattern": docs, "min_confidence": min_confidence,
                               "missing_predictions": missing, "splits": {}, "documents": {}}
    for split, names in split_names(articles, folder).items():
        tallies = total(per_doc[n] for n in names)
        metrics.update(metrics_of(tallies, split))
        details["splits"][split] = {"docs": len(names), **{k: t.counts() for k, t in tallies.items()}}
    for name, tallies in per_doc.items():
        details["documents"][name] = {k: {**t.counts(), **t.rates()} for k, t in tallies.items()}
    result = {"dataset": NAME, "items": len(articles), "metrics": metrics, "details": details}
    if errors:
        result["errors"] = [{"doc": name, "type": kind, **e} for name, tallies in per_doc.items()
                            for kind, t in tallies.items() for e in t.errors]
    return result


def error_lines(result: dict) -> list[str]:
    """One line per error of a result computed with `errors=True`."""
    lines = []
    for e in result.get("errors", []):
        parts = [e["doc"], e["type"], e["kind"], e.get("record") or "", f"[{e['gold']}]" if e.get("gold") else "",
                 e.get("evidence") or "", f"({e['why']})" if e.get("why") else ""]
        lines.append(" ".join(p for p in parts if p))
    return lines


def options(folder: str | Path | None, *, docs: str | None = None, min_confidence: float | None = None,
            errors: bool = False, predictions: str | Path | None = None) -> dict:
    """`run`'s keyword options for news from a command line's (the CLI's and `python -m realpolitik.eval`'s);
    `predictions` is read here from its JSON Lines file."""
    out: dict[str, Any] = {"folder": folder, "docs": docs, "min_confidence": min_confidence, "errors": errors}
    if predictions:
        try:
            out["predictions"] = load_predictions(Path(predictions).read_text(encoding="utf-8"))
        except OSError as exc:
            raise EvalError(f"unreadable predictions file {predictions}: {exc}") from exc
    return out
