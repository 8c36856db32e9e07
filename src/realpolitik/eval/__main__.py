"""`python -m realpolitik.eval DATASET [--limit N] [--out FILE] [--gold FILE --text FILE]`."""

from __future__ import annotations

import argparse
import sys

from . import DATASETS, EvalError, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m realpolitik.eval", description=__doc__,
                                     epilog="Example: python -m realpolitik.eval ptc --limit 40 --out ptc.json")
    parser.add_argument("dataset", choices=[*DATASETS, "all"])
    parser.add_argument("--shared", help="the shared/ folder (default: $REALPOLITIK_SHARED or ../shared)")
    parser.add_argument("--gold", help="a gold file in the seed-gold format (dataset seed)")
    parser.add_argument("--text", help="the text the gold file annotates")
    parser.add_argument("--limit", type=int, help="only the first N items")
    parser.add_argument("--out", help="write the scores as JSON here")
    args = parser.parse_args(argv)
    try:
        if args.dataset == "all":
            from ..pipeline import load

            nlp = load()
            for name in DATASETS:
                out = f"{args.out}/{name}.json" if args.out else None
                run(name, shared=args.shared, limit=args.limit, out=out, nlp=nlp)
        else:
            run(args.dataset, shared=args.shared, gold=args.gold, text=args.text, limit=args.limit, out=args.out)
    except EvalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
