"""Does `confidence` mean something? Reliability of the records' confidence on hand-judged news.

`realpolitik eval calibrate [DIR]` analyses a folder of NAME.txt + NAME.gold.json (default:
shared/datasets/news_dev) once, judges every event and arms transfer against the gold (correct,
wrong, or ignored when it is about optional gold items only), and reports for each record type:

- a reliability table: records binned by confidence (0.1 bins), with the observed precision
  (correct / judged) of each bin;
- precision and recall at each threshold 0.0, 0.1, ... 0.9 (the records at or above it, scored
  as the scorer scores a whole analysis);

for the raw scores the pipeline writes and for the calibrated ones. `--fit` fits the calibrated
mapping (confidence.py: a logistic model on the record's features, L2-regularised) on the
documents numbered 01-07 only, evaluates it on the others (08-10), and writes it to
kb/data/calibration.json, which the pipeline's last step applies.

Judging uses the shared scorer (shared/tools/score_gold.py, loaded as a module, standard library
only) through one function, `judge_records`; our own scorer (eval/news.py) can replace it by
changing the import in `_judge_module`.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from ..confidence import CALIBRATION_FILE, SIDES, features, probability
from .common import EvalError, find_shared, need

#: record types with a confidence, judged and calibrated
KINDS = tuple(SIDES)
#: documents whose number (the digits ending the name) is in here are fitted on; the rest evaluate
FIT_NUMBERS = frozenset(range(1, 8))
THRESHOLDS = tuple(round(0.1 * i, 1) for i in range(10))
#: below this many judged records of a type (or with one class only), no model on features is
#: fitted for it: from MIN_CONSTANT on it gets one probability for all its records (the smoothed
#: precision (correct + 1) / (judged + 2)); below that, the raw scores pass through
MIN_FIT = 20
MIN_CONSTANT = 5
#: L2 penalty on the weights (not the bias): few judged records, so keep the model close to flat
L2 = 1.0


@dataclass
class NewsDoc:
    name: str
    text: str
    gold: dict

    @property
    def fit(self) -> bool:
        m = re.search(r"(\d+)$", self.name)
        return m is not None and int(m.group(1)) in FIT_NUMBERS

    def meta(self) -> dict:
        return {"text": self.text, "title": self.gold.get("title"), "published": self.gold.get("published"),
                "source": self.gold.get("outlet")}


def read_folder(folder: Path) -> list[NewsDoc]:
    """Every NAME.txt with a NAME.gold.json beside it, in name order."""
    docs = []
    for gold in sorted(folder.glob("*.gold.json")):
        name = gold.name[: -len(".gold.json")]
        text = folder / f"{name}.txt"
        if text.exists():
            docs.append(NewsDoc(name, text.read_text(encoding="utf-8"), json.loads(gold.read_text(encoding="utf-8"))))
    if not docs:
        raise EvalError(f"no NAME.txt + NAME.gold.json pairs in {folder}")
    return docs


# -- judging ------------------------------------------------------------------------------------

def _judge_module(shared: Path | None) -> ModuleType:
    """The scorer: shared/tools/score_gold.py, loaded once as a module (it uses only the stdlib)."""
    path = need(find_shared(shared) / "tools" / "score_gold.py", "the shared scorer")
    spec = importlib.util.spec_from_file_location("_rp_score_gold", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judge_records(scorer: ModuleType, gold: dict, text: str, record: dict) -> dict[str, list[bool | None]]:
    """Per record type, one verdict per record: True (correct), False (wrong, spurious or a
    duplicate), None (about optional gold items only: not judged, as the scorer does)."""
    out: dict[str, list[bool | None]] = {}
    judges = getattr(scorer, "JUDGES", {})
    for kind in KINDS:
        preds = record.get(kind) or []
        if kind not in gold.get("exhaustive", []) or kind not in judges:
            continue
        owner = _matched(scorer, judges[kind], gold, text, record)
        verdicts: list[bool | None] = []
        for j, p in enumerate(preds):
            if j in owner:
                verdicts.append(True)
                continue
            # the record alone: "ignored" depends on this record only (what it is about)
            alone = judges[kind](gold, text, {**record, kind: [p]}, scorer.Actors(record))
            verdicts.append(None if alone.get("ignored") else False)
        out[kind] = verdicts
    return out


def _matched(scorer: ModuleType, judge: Callable, gold: dict, text: str, record: dict) -> set[int]:
    """The indexes of the records the scorer's one-to-one matching takes as correct."""
    seen: list[dict] = []
    original = scorer.matching

    def spy(ok):
        owner = original(ok)
        seen.append(owner)
        return owner

    scorer.matching = spy
    try:
        judge(gold, text, record, scorer.Actors(record))
    finally:
        scorer.matching = original
    return set(seen[-1]) if seen else set()


def section_scores(scorer: ModuleType, gold: dict, text: str, record: dict, kind: str) -> dict:
    """The scorer's counts for one record type of one analysis: correct, judged, found, required."""
    result = scorer.score(gold, text, record)[kind]
    judged = result.get("predicted", 0) - result.get("ignored", 0)
    return {"correct": result.get("correct", 0), "judged": judged, "found": result.get("found", 0),
            "required": result.get("required", 0)}


# -- fitting ------------------------------------------------------------------------------------

def fit_logistic(rows: list[dict[str, float]], labels: list[int], *, l2: float = L2) -> dict:
    """A logistic model by Newton's method with an L2 penalty on the weights (plain Python)."""
    names = sorted({k for r in rows for k in r})
    xs = [[1.0] + [r.get(n, 0.0) for n in names] for r in rows]
    k = len(names) + 1
    w = [0.0] * k
    for _ in range(50):
        grad = [0.0] * k
        hess = [[0.0] * k for _ in range(k)]
        for x, y in zip(xs, labels):
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, sum(a * b for a, b in zip(w, x))))))
            for i in range(k):
                grad[i] += (p - y) * x[i]
                for j in range(k):
                    hess[i][j] += p * (1 - p) * x[i] * x[j]
        for i in range(1, k):
            grad[i] += l2 * w[i]
            hess[i][i] += l2
        hess[0][0] += 1e-6
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-8:
            break
    return {"features": names, "weights": [round(v, 4) for v in w[1:]], "bias": round(w[0], 4)}


def constant_model(correct: int, judged: int) -> dict:
    """One probability for every record: the Laplace-smoothed precision, as a model without features."""
    p = (correct + 1) / (judged + 2)
    return {"features": [], "weights": [], "bias": round(math.log(p / (1 - p)), 4)}


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Solve a x = b (Gaussian elimination with partial pivoting; a is small and positive definite)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        pivot = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[pivot] = m[pivot], m[c]
        if abs(m[c][c]) < 1e-12:
            continue
        for r in range(n):
            if r != c:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0 for i in range(n)]


# -- reporting ----------------------------------------------------------------------------------

def reliability(pairs: list[tuple[float, bool]]) -> list[dict]:
    """Bins of 0.1 by confidence: records, mean confidence, correct, observed precision."""
    bins: list[dict] = []
    for i in range(10):
        lo, hi = i / 10, (i + 1) / 10
        inside = [(c, ok) for c, ok in pairs if lo <= c < hi or (i == 9 and c == 1.0)]
        n = len(inside)
        correct = sum(ok for _, ok in inside)
        bins.append({"bin": f"{lo:.1f}-{hi:.1f}", "records": n, "correct": correct,
                     "mean_confidence": round(sum(c for c, _ in inside) / n, 3) if n else None,
                     "precision": round(correct / n, 3) if n else None})
    return bins


def brier(pairs: list[tuple[float, bool]]) -> float | None:
    return round(sum((c - ok) ** 2 for c, ok in pairs) / len(pairs), 4) if pairs else None


def _with_confidence(record: dict, kind: str, model: dict | None) -> dict:
    """A copy of the record whose `kind` records carry the calibrated confidence (raw without a model)."""
    if not model:
        return record
    return {**record, kind: [{**r, "confidence": round(probability(model, features(kind, r)), 2)}
                             for r in record.get(kind) or []]}


def threshold_table(scorer: ModuleType, docs: list[NewsDoc], records: list[dict], kind: str) -> list[dict]:
    """Precision and recall of the records at or above each threshold, as the scorer counts them."""
    rows = []
    for t in THRESHOLDS:
        tot = {"correct": 0, "judged": 0, "found": 0, "required": 0}
        for doc, record in zip(docs, records, strict=True):
            kept = {**record, kind: [r for r in record.get(kind) or [] if r.get("confidence", 0) >= t]}
            for key, value in section_scores(scorer, doc.gold, doc.text, kept, kind).items():
                tot[key] += value
        rows.append({"threshold": t, "records": tot["judged"],
                     "precision": round(tot["correct"] / tot["judged"], 3) if tot["judged"] else None,
                     "recall": round(tot["found"] / tot["required"], 3) if tot["required"] else None})
    return rows


def calibrate(folder: str | Path | None = None, *, shared: str | Path | None = None, fit: bool = False,
              out: str | Path | None = None, mapping_file: str | Path | None = None, nlp: Any = None,
              quiet: bool = False) -> dict:
    """Analyse, judge, (with `fit`) fit and write the mapping; return and print the report."""
    from ..confidence import load_mapping, raw_scores
    from .common import predict

    root = Path(folder) if folder else find_shared(shared) / "datasets" / "news_dev"
    docs = read_folder(need(root, "news folder"))
    scorer = _judge_module(shared)
    with raw_scores():
        records = [r or {"actors": []} for r in predict((d.meta() for d in docs), nlp=nlp)]
    target = Path(mapping_file) if mapping_file else CALIBRATION_FILE
    models = {} if fit else dict(load_mapping(str(target)))
    report: dict = {"folder": str(root), "documents": len(docs),
                    "fit_on": [d.name for d in docs if d.fit], "kinds": {}}
    for kind in KINDS:
        judged = []  # (doc index, record, verdict)
        for i, (doc, record) in enumerate(zip(docs, records, strict=True)):
            verdicts = judge_records(scorer, doc.gold, doc.text, record).get(kind, [])
            judged += [(i, r, v) for r, v in zip(record.get(kind) or [], verdicts) if v is not None]
        train = [(r, v) for i, r, v in judged if docs[i].fit]
        if fit:
            labels = [int(v) for _, v in train]
            if len(train) >= MIN_FIT and 0 < sum(labels) < len(labels):
                models[kind] = {**fit_logistic([features(kind, r) for r, _ in train], labels),
                                "judged": len(train), "correct": sum(labels)}
            elif len(train) >= MIN_CONSTANT:
                models[kind] = {**constant_model(sum(labels), len(labels)),
                                "judged": len(train), "correct": sum(labels)}
        model = models.get(kind)
        section: dict = {"model": model}
        for split, keep in (("fit", True), ("held", False), ("all", None)):
            chosen = [(r, v) for i, r, v in judged if keep is None or docs[i].fit == keep]
            raw = [(float(r.get("confidence") or 0.0), v) for r, v in chosen]
            cal = [(round(probability(model, features(kind, r)), 2) if model else c, v)
                   for (r, v), (c, _) in zip(chosen, raw)]
            sub = [(d, r) for d, r in zip(docs, records) if keep is None or d.fit == keep]
            section[split] = {
                "judged": len(chosen), "correct": sum(v for _, v in chosen),
                "brier_raw": brier(raw), "brier_calibrated": brier(cal),
                "reliability_raw": reliability(raw), "reliability_calibrated": reliability(cal),
                "thresholds_calibrated": threshold_table(
                    scorer, [d for d, _ in sub], [_with_confidence(r, kind, model) for _, r in sub], kind),
            }
        report["kinds"][kind] = section
    if fit:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({
            "about": "Calibrated confidence (realpolitik/confidence.py), written by `realpolitik eval calibrate "
                     "--fit`: a logistic model per record type on its features, fitted on the documents below.",
            "fit_on": report["fit_on"], "models": models}, indent=2) + "\n", encoding="utf-8")
        load_mapping.cache_clear()
    if not quiet:
        print_report(report)
    if out is not None:
        Path(out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


def print_report(report: dict) -> None:
    """The reliability and threshold tables as markdown (what docs/evaluation.md shows)."""
    for kind, section in report["kinds"].items():
        print(f"\n### {kind}\n")
        model = section["model"]
        terms = [f"{n} {w:+.2f}" for n, w in zip(model["features"], model["weights"])] if model else []
        print("model: " + (", ".join([*terms, f"bias {model['bias']:+.2f}"])
                           + f" (fitted on {model['judged']} judged records)" if model
                           else "none (raw scores pass through)"))
        for split in ("fit", "held", "all"):
            s = section[split]
            print(f"\n{split}: {s['judged']} judged, {s['correct']} correct; Brier raw {s['brier_raw']}, "
                  f"calibrated {s['brier_calibrated']}\n")
            print("| bin | raw: records | raw: precision | calibrated: records | calibrated: precision |")
            print("|---|---|---|---|---|")
            for a, b in zip(s["reliability_raw"], s["reliability_calibrated"]):
                if a["records"] or b["records"]:
                    print(f"| {a['bin']} | {a['records']} | {_p(a['precision'])} | {b['records']} | "
                          f"{_p(b['precision'])} |")
            print("\n| calibrated threshold | records | precision | recall |")
            print("|---|---|---|---|")
            for row in s["thresholds_calibrated"]:
                print(f"| {row['threshold']:.1f} | {row['records']} | {_p(row['precision'])} | {_p(row['recall'])} |")


def _p(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"
