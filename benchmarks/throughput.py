#!/usr/bin/env python3
"""Throughput and memory of realpolitik against bare spaCy, in one process and one run (`make bench`).

Corpus: the first N PTC training articles in ../shared (the datasets' README), else the repository's
examples/ articles repeated to N documents. Phases, each after a warm-up on a few documents:
  (a) bare spaCy: spacy.load(BASE_MODEL) + nlp.pipe
  (b) realpolitik: pipeline.load() + analyze_many, each analysis saved into a temporary SQLite store
  (c) realpolitik with n_process=2 (no storage: the worker processes only analyse)
Prints words/second, the realpolitik/bare ratio and peak RSS; writes benchmarks/results/latest.json.
Not a test: timings depend on the machine. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # a checkout without `pip install -e` still runs


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory in MiB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(who).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def load_corpus(limit: int, shared: str | None) -> tuple[list[str], str]:
    from realpolitik.eval import EvalError, find_shared

    try:
        folder = find_shared(shared) / "datasets" / "propaganda_ptc" / "train-articles"
        files = sorted(folder.glob("article*.txt"))[:limit]
        if files:
            return [f.read_text(encoding="utf-8") for f in files], f"PTC train articles ({folder})"
    except EvalError:
        pass
    texts = []
    for f in sorted((ROOT / "examples").iterdir()):
        if f.suffix in (".txt", ".md"):
            texts.append(f.read_text(encoding="utf-8"))
        elif f.suffix == ".jsonl":
            texts += [json.loads(line)["text"] for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not texts:
        sys.exit("no corpus: neither ../shared PTC articles nor examples/*.txt|md|jsonl found")
    return [texts[i % len(texts)] for i in range(limit)], "examples/ articles repeated"


def timed(label: str, words: int, fn) -> dict:
    start = time.perf_counter()
    note = fn()
    seconds = time.perf_counter() - start
    out = {"seconds": round(seconds, 3), "words_per_second": round(words / seconds, 1) if seconds else None,
           "peak_rss_mb_so_far": round(peak_rss_mb(), 1)}
    if note:
        out["note"] = note
    print(f"{label:38s} {out['seconds']:8.2f} s {out['words_per_second'] or 0:10.0f} words/s "
          f"peak RSS {out['peak_rss_mb_so_far']:.0f} MiB" + (f"  ({note})" if note else ""))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=60, help="number of documents (default: %(default)s)")
    parser.add_argument("--shared", help="the shared/ folder (default: $REALPOLITIK_SHARED or ../shared)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--n-process", type=int, default=2, help="processes for phase (c) (default: %(default)s)")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "latest.json"))
    args = parser.parse_args(argv)

    import spacy

    from realpolitik import analyze_many
    from realpolitik.pipeline import BASE_MODEL, load

    texts, corpus = load_corpus(args.limit, args.shared)
    words = sum(len(t.split()) for t in texts)
    warm = texts[:3]
    print(f"corpus: {len(texts)} documents, {words:,} words, {sum(map(len, texts)):,} characters — {corpus}")
    results: dict = {"corpus": corpus, "documents": len(texts), "words": words,
                     "python": platform.python_version(), "machine": platform.machine(),
                     "spacy": spacy.__version__, "base_model": BASE_MODEL, "batch_size": args.batch_size}

    bare = spacy.load(BASE_MODEL)
    list(bare.pipe(warm))

    def bare_run() -> None:
        for _ in bare.pipe(texts, batch_size=args.batch_size):
            pass

    results["bare_spacy"] = timed("(a) bare spaCy", words, bare_run)

    nlp = load()
    list(analyze_many(warm, nlp=nlp))

    def full() -> str | None:
        try:
            from realpolitik.store import Store
        except ImportError as exc:
            store, note = None, f"storage skipped: realpolitik.store not importable ({exc})"
        else:
            tmp = tempfile.mkdtemp(prefix="realpolitik-bench-")
            store, note = Store.open(f"sqlite:///{tmp}/bench.sqlite"), "each analysis saved to SQLite"
        saved = 0
        for analysis in analyze_many(texts, nlp=nlp, batch_size=args.batch_size):
            if store is not None and not isinstance(analysis, Exception):
                store.save(analysis)
                saved += 1
        if store is not None:
            store.close()
        return f"{note}; {saved} saved" if store is not None else note

    results["realpolitik"] = timed("(b) realpolitik (+ SQLite store)", words, full)

    def parallel() -> str | None:
        n = sum(1 for _ in analyze_many(texts, nlp=nlp, batch_size=args.batch_size, n_process=args.n_process))
        return f"{n} analyses, n_process={args.n_process}, no storage"

    try:
        results["realpolitik_multiprocess"] = timed(f"(c) realpolitik n_process={args.n_process}", words, parallel)
    except Exception as exc:  # noqa: BLE001  (report, do not hide the other numbers)
        results["realpolitik_multiprocess"] = {"error": f"{type(exc).__name__}: {exc}"}
        print(f"(c) failed: {type(exc).__name__}: {exc}")

    bare_wps = results["bare_spacy"]["words_per_second"] or 0
    full_wps = results["realpolitik"]["words_per_second"] or 0
    results["ratio_realpolitik_to_bare"] = round(full_wps / bare_wps, 3) if bare_wps else None
    results["peak_rss_mb"] = round(peak_rss_mb(), 1)
    results["peak_rss_children_mb"] = round(peak_rss_mb(resource.RUSAGE_CHILDREN), 1)
    results["peak_rss_note"] = ("ru_maxrss is process-wide and only grows: each phase's figure is the peak so far, "
                                "not that phase's own; children = the largest n_process worker")
    print(f"realpolitik / bare spaCy: {results['ratio_realpolitik_to_bare']}  (words/s ratio; 1.0 = as fast)")
    print(f"peak RSS: {results['peak_rss_mb']:.0f} MiB this process, {results['peak_rss_children_mb']:.0f} MiB "
          "largest worker (process-wide figures)")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
