"""Does `confidence` mean something? Reliability of the records' confidence on hand-judged news.

`realpolitik eval calibrate [DIR]` analyses a folder of NAME.txt + NAME.gold.json (default:
shared/datasets/news_dev) once, judges every event and arms transfer against the gold with our own
scorer (eval/news/rules.py: correct, wrong, spurious, duplicate, or ignored when it is about
optional gold items only), and reports for each record type, on the documents numbered 01-07
(dev), 08-10 (check) and all:

- a reliability table: records binned by confidence (0.1 bins), with the observed precision
  (correct / judged) of each bin, raw and calibrated;
- a `--min-confidence` sweep: precision and recall of the records at or above each calibrated
  threshold 0.0, 0.1, ... 0.9, as the scorer counts a whole analysis;
- the analyst threshold (ANALYST_RULE) and its figures.

The report is printed as the markdown of docs/evaluation.md ("Confidence"). `--fit` fits the
calibrated mapping (confidence.py: a logistic model on the record's features, L2-regularised) on
dev only and writes it, with the analyst thresholds chosen on dev, to kb/data/calibration.json,
which the pipeline's last step and records.ANALYST_MIN_CONFIDENCE read.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..confidence import CALIBRATION_FILE, SIDES, features, probability
from .common import EvalError, find_shared, need
from .news.rules import SCORERS, Sides, score_document

#: record types with a confidence, judged and calibrated
KINDS = tuple(SIDES)
#: documents whose number (the digits ending the name) is in here are fitted on; the rest evaluate
FIT_NUMBERS = frozenset(range(1, 8))
THRESHOLDS = tuple(round(0.1 * i, 1) for i in range(10))
#: the analyst threshold of a record type: the smallest calibrated confidence at which its records
#: reach this precision with at least this recall on dev (01-07)
ANALYST_PRECISION = 0.80
ANALYST_RECALL = 0.20
ANALYST_RULE = (f"per record type, the smallest calibrated threshold at which precision >= {ANALYST_PRECISION:.2f} "
                f"with recall >= {ANALYST_RECALL:.2f} on documents 01-07; where none does, the smallest "
                f"threshold of highest precision among those with recall >= {ANALYST_RECALL:.2f} (rule not met)")
#: the splits of the report: (name, documents fitted on? None: all)
SPLITS = (("dev", True), ("check", False), ("all", None))
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

def judge_records(gold: dict, text: str, record: dict) -> dict[str, list[bool | None]]:
    """Per record type the gold judges (its `exhaustive` list), one verdict per record, from our own
    scorer (eval/news/rules.py): True (correct), False (wrong, spurious or a duplicate), None (about
    optional gold items only: ignored, not judged, as the scorer counts precision)."""
    tallies = score_document(gold, text, record)
    exhaustive = set(gold.get("exhaustive", []))
    return {kind: [None if v == "ignored" else v == "correct" for v in tallies[kind].verdicts]
            for kind in KINDS if kind in exhaustive and kind in tallies}


def section_scores(gold: dict, text: str, record: dict, kind: str) -> dict:
    """The scorer's counts for one record type of one analysis: correct, judged, found, required."""
    exhaustive = kind in set(gold.get("exhaustive", []))
    t = SCORERS[kind](gold, text, record, Sides(record), exhaustive)
    if not exhaustive:
        t.predicted = t.ignored = t.correct = 0
    return {"correct": t.correct, "judged": t.predicted - t.ignored, "found": t.found, "required": t.required}


def predict_with_features(items: list[dict], nlp: Any = None) -> list[dict]:
    """The analysis records of `items` (raw scores), each event and transfer with its `_features`
    (what the pipeline knew of it and the record does not carry: confidence.features reads them)."""
    from ..pipeline import analyze_many

    out = []
    for result in analyze_many(items, nlp=nlp):
        if isinstance(result, Exception):
            out.append({"actors": []})
            continue
        record = result.to_dict()
        for kind in KINDS:
            for r, obj in zip(record.get(kind) or [], getattr(result, kind), strict=True):
                r["_features"] = dict(obj._features)
        out.append(record)
    return out


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


def sweep(docs: list[NewsDoc], records: list[dict], kind: str, thresholds: tuple[float, ...]) -> list[dict]:
    """Precision and recall of the records at or above each threshold, per split, as the scorer counts them."""
    rows = []
    for t in thresholds:
        row: dict = {"threshold": t}
        tots = {name: {"correct": 0, "judged": 0, "found": 0, "required": 0} for name, _ in SPLITS}
        for doc, record in zip(docs, records, strict=True):
            kept = {**record, kind: [r for r in record.get(kind) or [] if r.get("confidence", 0) >= t]}
            counts = section_scores(doc.gold, doc.text, kept, kind)
            for name, keep in SPLITS:
                if keep is None or doc.fit == keep:
                    for key, value in counts.items():
                        tots[name][key] += value
        for name, tot in tots.items():
            row[name] = {"records": tot["judged"],
                         "precision": round(tot["correct"] / tot["judged"], 3) if tot["judged"] else None,
                         "recall": round(tot["found"] / tot["required"], 3) if tot["required"] else None}
        rows.append(row)
    return rows


def analyst_threshold(rows: list[dict]) -> dict:
    """ANALYST_RULE over sweep rows (thresholds in increasing order): the chosen row and whether the rule
    was met. Only dev figures choose; check and all are reported at the chosen threshold."""
    def ok(row: dict, precision: float) -> bool:
        dev = row["dev"]
        return dev["precision"] is not None and dev["precision"] >= precision \
            and (dev["recall"] or 0.0) >= ANALYST_RECALL
    met = [r for r in rows if ok(r, ANALYST_PRECISION)]
    if met:
        return {**met[0], "rule_met": True}
    enough = [r for r in rows if ok(r, 0.0)]
    if not enough:
        return {**rows[0], "rule_met": False}
    best = max(r["dev"]["precision"] for r in enough)
    return {**next(r for r in enough if r["dev"]["precision"] == best), "rule_met": False}


def calibrate(folder: str | Path | None = None, *, shared: str | Path | None = None, fit: bool = False,
              out: str | Path | None = None, mapping_file: str | Path | None = None, nlp: Any = None,
              quiet: bool = False) -> dict:
    """Analyse, judge, (with `fit`) fit and write the mapping and the analyst thresholds; return and print
    the report."""
    from ..confidence import load_mapping, raw_scores

    root = Path(folder) if folder else find_shared(shared) / "datasets" / "news_dev"
    docs = read_folder(need(root, "news folder"))
    with raw_scores():
        records = predict_with_features([d.meta() for d in docs], nlp=nlp)
    target = Path(mapping_file) if mapping_file else CALIBRATION_FILE
    models = {} if fit else dict(load_mapping(str(target)))
    report: dict = {"folder": str(root), "documents": len(docs), "rule": ANALYST_RULE,
                    "fit_on": [d.name for d in docs if d.fit], "kinds": {}}
    verdicts = [judge_records(d.gold, d.text, r) for d, r in zip(docs, records, strict=True)]
    for kind in KINDS:
        judged = [(i, r, v) for i, record in enumerate(records)
                  for r, v in zip(record.get(kind) or [], verdicts[i].get(kind, [])) if v is not None]
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
        for split, keep in SPLITS:
            chosen = [(r, v) for i, r, v in judged if keep is None or docs[i].fit == keep]
            raw = [(float(r.get("confidence") or 0.0), v) for r, v in chosen]
            cal = [(round(probability(model, features(kind, r)), 2) if model else c, v)
                   for (r, v), (c, _) in zip(chosen, raw)]
            section[split] = {"judged": len(chosen), "correct": sum(v for _, v in chosen),
                              "brier_raw": brier(raw), "brier_calibrated": brier(cal),
                              "reliability_raw": reliability(raw), "reliability_calibrated": reliability(cal)}
        calibrated = [_with_confidence(r, kind, model) for r in records]
        section["sweep"] = sweep(docs, calibrated, kind, THRESHOLDS)
        candidates = sorted({0.0} | {float(r.get("confidence") or 0.0) for d, rec in zip(docs, calibrated)
                                     if d.fit for r in rec.get(kind) or []})
        section["analyst"] = analyst_threshold(sweep(docs, calibrated, kind, tuple(candidates)))
        report["kinds"][kind] = section
    if fit:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({
            "about": "Calibrated confidence (realpolitik/confidence.py), written by `realpolitik eval calibrate "
                     "--fit`: a logistic model per record type on its features, fitted on the documents below; "
                     "analyst_min_confidence (records.ANALYST_MIN_CONFIDENCE) chosen by the rule below.",
            "fit_on": report["fit_on"], "models": models, "rule": ANALYST_RULE,
            "analyst_min_confidence": {k: s["analyst"]["threshold"] for k, s in report["kinds"].items()}},
            indent=2) + "\n", encoding="utf-8")
        load_mapping.cache_clear()
    if not quiet:
        print_report(report)
    if out is not None:
        Path(out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


_SPLIT_NAMES = {"dev": "01-07 (dev, fitted on)", "check": "08-10 (check, held back)", "all": "all"}


def print_report(report: dict) -> None:
    """The model, the analyst threshold, the --min-confidence sweep and the reliability tables per record
    type, as markdown (what docs/evaluation.md shows)."""
    print(f"Analyst threshold rule: {report['rule']}.")
    for kind, section in report["kinds"].items():
        print(f"\n### {kind}\n")
        model = section["model"]
        terms = [f"{n} {w:+.2f}" for n, w in zip(model["features"], model["weights"])] if model else []
        print("model: " + (", ".join([*terms, f"bias {model['bias']:+.2f}"])
                           + f" (fitted on {model['judged']} judged records)" if model
                           else "none (raw scores pass through)"))
        a = section["analyst"]
        print(f"\nanalyst threshold: {a['threshold']:.2f} ({'rule met' if a['rule_met'] else 'rule NOT met'}); "
              + "; ".join(f"{name} P {_p(a[name]['precision'])} R {_p(a[name]['recall'])} "
                          f"({a[name]['records']} judged)" for name, _ in SPLITS))
        print("\n`--min-confidence` sweep (calibrated confidence; records = judged records kept, all 30):\n")
        print("| threshold | records | P all | R all | P 01-07 | R 01-07 | P 08-10 | R 08-10 |")
        print("|---|---|---|---|---|---|---|---|")
        for row in section["sweep"]:
            print(f"| {row['threshold']:.1f} | {row['all']['records']} | " + " | ".join(
                f"{_p(row[n]['precision'])} | {_p(row[n]['recall'])}" for n in ("all", "dev", "check")) + " |")
        for split in ("dev", "check"):
            s = section[split]
            print(f"\n{_SPLIT_NAMES[split]}: {s['judged']} judged, {s['correct']} correct; Brier raw "
                  f"{s['brier_raw']}, calibrated {s['brier_calibrated']}\n")
            print("| confidence | raw: records | raw: precision | calibrated: records | calibrated: precision |")
            print("|---|---|---|---|---|")
            for x, y in zip(s["reliability_raw"], s["reliability_calibrated"]):
                if x["records"] or y["records"]:
                    print(f"| {x['bin']} | {x['records']} | {_p(x['precision'])} | {y['records']} | "
                          f"{_p(y['precision'])} |")


def _p(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"
