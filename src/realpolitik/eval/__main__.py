"""`python -m realpolitik.eval DATASET [DIR] [--limit N] [--out FILE] [--gold FILE --text FILE] [news options]`."""

from __future__ import annotations

import argparse
import json
import sys

from . import DATASETS, EvalError, news, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m realpolitik.eval", description=__doc__,
                                     epilog="Example: python -m realpolitik.eval ptc --limit 40 --out ptc.json; "
                                            "python -m realpolitik.eval news --docs 'b0[1-7]' --errors")
    parser.add_argument("dataset", choices=[*DATASETS, "all"])
    parser.add_argument("folder", nargs="?", help="news: a folder of NAME.txt + NAME.gold.json (default: news_dev)")
    parser.add_argument("--shared", help="the shared/ folder (default: $REALPOLITIK_SHARED or ../shared)")
    parser.add_argument("--gold", help="a gold file in the seed-gold format (dataset seed)")
    parser.add_argument("--text", help="the text the gold file annotates")
    parser.add_argument("--limit", type=int, help="only the first N items")
    parser.add_argument("--out", help="write the scores as JSON here")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON instead of a table")
    group = parser.add_argument_group("news")
    group.add_argument("--docs", metavar="PATTERN", help="only the articles whose NAME matches this glob ('b0[1-7]')")
    group.add_argument("--min-confidence", type=float, metavar="X", help="drop records whose confidence is below X")
    group.add_argument("--errors", action="store_true", help="list every missed, wrong, spurious and duplicate record")
    group.add_argument("--predictions", metavar="FILE",
                      help="score these analysis records (JSON Lines) instead of running the pipeline")
    args = parser.parse_args(argv)
    try:
        if args.dataset == "all":
            from ..pipeline import load

            nlp = load()
            results = {}
            for name in DATASETS:
                out = f"{args.out}/{name}.json" if args.out else None
                results[name] = run(name, shared=args.shared, limit=args.limit, out=out, nlp=nlp, quiet=args.json)
        else:
            results = run(args.dataset, shared=args.shared, gold=args.gold, text=args.text, limit=args.limit,
                          out=args.out, quiet=args.json,
                          **news.options(args.folder, docs=args.docs, min_confidence=args.min_confidence,
                                         errors=args.errors, predictions=args.predictions))
        if args.json:
            print(json.dumps(results, indent=2, ensure_ascii=False, default=str))
    except EvalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
