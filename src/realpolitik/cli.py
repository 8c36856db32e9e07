"""The `realpolitik` command: thin click verbs over the Python API (pipeline, store, kb, eval)."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

import click
from rich.console import Console

from .about import __version__
from .records import ACTOR_TYPES, ANALYST_MIN_CONFIDENCE, MODALITIES, Threshold, threshold_for
from .schema import analysis_schema

log = logging.getLogger(__name__)

#: The 16 PLOVER categories, from the record's JSON Schema (one source).
PLOVER = tuple(analysis_schema()["$defs"]["event"]["properties"]["plover"]["enum"])
#: Show a progress bar from this many documents on (and only when stderr is a terminal).
PROGRESS_FROM = 4


class UserError(click.ClickException):
    """A problem the user can fix, shown as one `error: ...` line on stderr (exit 1)."""

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.message}", err=True)


class _Group(click.Group):
    """A click group that turns known failures into one line instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as exc:  # noqa: BLE001  (the one place every failure becomes a message)
            if ctx.find_root().params.get("debug"):
                raise
            raise UserError(_message(exc)) from exc


def _message(exc: Exception) -> str:
    from sqlalchemy.exc import SQLAlchemyError

    from .pipeline import InputError
    from .store import StoreError

    if isinstance(exc, (StoreError, InputError)):
        return str(exc)
    if isinstance(exc, SQLAlchemyError):
        from .store.db import _reason

        return f"database error: {_reason(exc)}"
    if isinstance(exc, OSError):
        return f"{exc.filename + ': ' if exc.filename else ''}{exc.strerror or exc}"
    if isinstance(exc, (RuntimeError, ImportError)):
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return f"unexpected {type(exc).__name__}: {exc} (run with --debug for the traceback)"


# -- shared options ---------------------------------------------------------------------------

def db_option(f: Callable) -> Callable:
    """`--db URL`: which database (default: $REALPOLITIK_DB, else the per-user SQLite file)."""
    return click.option("--db", "db_url", metavar="URL",
                        help="Database URL: sqlite:///path.sqlite, postgresql://user:pass@host/db or a "
                             "file path. Default: $REALPOLITIK_DB, else the per-user SQLite file "
                             "(see `realpolitik db info`).")(f)


def format_option(*choices: str, default: str = "table") -> Callable:
    """`--format` with the given choices."""
    return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                        show_default=True, help="Output format.")


def min_confidence_option(f: Callable) -> Callable:
    """`--min-confidence X` and `--all`: which events and arms transfers are shown."""
    f = click.option("--all", "show_all", is_flag=True,
                     help="Show every event and transfer, whatever its confidence (= --min-confidence 0).")(f)
    shown = ", ".join(f"{kind} {value:g}" for kind, value in ANALYST_MIN_CONFIDENCE.items())
    return click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=None,
                        show_default=shown, metavar="X",
                        help="Leave out events and arms transfers whose confidence is below X (the default "
                             "is analyst-grade output, one threshold per record type: "
                             "records.ANALYST_MIN_CONFIDENCE; claims and framing are never filtered).")(f)


def _threshold(min_confidence: float | None, show_all: bool) -> Threshold:
    """0.0 with --all, the number given, else the analyst thresholds per record type."""
    if show_all:
        return 0.0
    return ANALYST_MIN_CONFIDENCE if min_confidence is None else min_confidence


def limit_option(f: Callable) -> Callable:
    """`--limit N` for queries."""
    return click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
                        help="Show at most N rows.")(f)


class _Iso3(click.ParamType):
    name = "ISO3"

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        text = str(value).strip().upper()
        if len(text) != 3 or not text.isalpha():
            self.fail(f"{value!r} is not an ISO 3166-1 alpha-3 code (e.g. ISR, AZE, UKR)", param, ctx)
        return text


ISO3 = _Iso3()
DATE = click.DateTime(formats=["%Y-%m-%d"])


def country_option(help_text: str) -> Callable:
    """`--country ISO3`."""
    return click.option("--country", type=ISO3, help=help_text)


def kb_option(f: Callable) -> Callable:
    """`--kb DIR` (repeatable): extra knowledge-base folders."""
    return click.option("--kb", "kb_dirs", multiple=True, metavar="DIR",
                        type=click.Path(exists=True, file_okay=False),
                        help="Extra knowledge-base folder (your own TSV rows); repeatable.")(f)


def _stdout() -> Console:
    # rich falls back to 80 columns when piped (make demo, logs): too narrow for eight columns
    width = None if sys.stdout.isatty() else int(os.environ.get("COLUMNS") or 160)
    return Console(soft_wrap=False, highlight=False, width=width)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False)


def _echo_json(data: Any, *, indent: int | None = 2) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=indent, default=str))


def _open_store(db_url: str | None) -> Any:
    from .store import Store

    return Store.open(db_url)


# -- the group --------------------------------------------------------------------------------

@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="realpolitik")
@click.option("-v", "--verbose", count=True, help="Log more (-v: info, -vv: debug) on stderr.")
@click.option("--debug", is_flag=True, help="Show the full traceback of an unexpected error.")
def main(verbose: int, debug: bool) -> None:
    """Evidence-linked actors, events, arms transfers, claims and framing from news text.

    \b
    Example:
      realpolitik analyze examples/
      realpolitik events --country AZE --category ASSAULT
    """
    level = logging.WARNING if not verbose else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")


# -- analyze ----------------------------------------------------------------------------------

@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@format_option("text", "json", "jsonl", default="text")
@db_option
@click.option("--no-store", is_flag=True, help="Do not save the analyses in the database.")
@click.option("--n-process", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for the NLP pipeline.")
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True,
              help="Documents per pipeline batch.")
@min_confidence_option
@kb_option
def analyze(paths: tuple[str, ...], fmt: str, db_url: str | None, no_store: bool, n_process: int,
            batch_size: int, min_confidence: float | None, show_all: bool, kb_dirs: tuple[str, ...]) -> None:
    """Analyse articles (.txt, .md, .html, .jsonl files, folders, or - for stdin) and store them.

    Prints a report per document, or the analysis records with --format json (one document: a
    JSON object; several: JSON Lines) or --format jsonl. Events and arms transfers whose
    confidence is below --min-confidence are left out of what is printed (the database keeps
    every record); --all prints them all. Each unreadable input gets one
    `error: NAME: REASON` line on stderr and the rest go on; the exit code is 1 if any failed.

    \b
    Example:
      realpolitik analyze examples/
      realpolitik analyze article.html --format json --no-store
      cat article.txt | realpolitik analyze -
    """
    from .ingest import InputFailure, read_inputs

    store = None if no_store else _open_store(db_url)
    items, failed = [], 0
    for entry in read_inputs(paths):
        if isinstance(entry, InputFailure):
            _report_failure(entry.name, entry.reason)
            failed += 1
        else:
            items.append(entry)
    stats = _analyze_items(items, fmt=fmt, store=store, n_process=n_process, batch_size=batch_size,
                           kb_dirs=kb_dirs, min_confidence=_threshold(min_confidence, show_all))
    failed += stats["failed"]
    _summary(stats, failed=failed, stored=store is not None)
    if store is not None:
        store.close()
    if failed:
        sys.exit(1)


def _report_failure(name: str, reason: str) -> None:
    click.echo(f"error: {name}: {reason}", err=True)


def _analyze_items(items: list, *, fmt: str, store: Any, n_process: int, batch_size: int,
                   kb_dirs: tuple[str, ...], min_confidence: Threshold = 0.0) -> dict:
    """Run the pipeline over the items, print each result, save it; return counts."""
    from .pipeline import InputError, analyze_many, load

    stats = {"analysed": 0, "new": 0, "failed": 0}
    if not items:
        return stats
    nlp = load(kb_dirs=kb_dirs) if kb_dirs else None
    results = analyze_many((i.meta() for i in items), n_process=n_process, batch_size=batch_size, nlp=nlp)
    console = _stdout()
    for item, result in zip(items, _with_progress(results, total=len(items)), strict=True):
        if isinstance(result, InputError):
            _report_failure(item.name, str(result))
            stats["failed"] += 1
            continue
        stats["analysed"] += 1
        _print_result(console, result.above(min_confidence), name=item.name, fmt=fmt, single=len(items) == 1)
        if store is not None and store.save(result):
            stats["new"] += 1
    return stats


def _with_progress(results: Iterator, *, total: int) -> Iterator:
    """Pass results through, drawing a progress bar on stderr for longer batches on a terminal."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        yield from results
        return
    from rich.progress import Progress

    with Progress(console=_stderr(), transient=True) as progress:
        task = progress.add_task("analysing", total=total)
        for result in results:
            yield result
            progress.advance(task)


def _print_result(console: Console, analysis: Any, *, name: str, fmt: str, single: bool) -> None:
    if fmt == "text":
        from .report import render_analysis

        console.print(render_analysis(analysis, name=name))
        console.print()
    elif fmt == "json" and single:
        _echo_json(analysis.to_dict())
    else:
        _echo_json(analysis.to_dict(), indent=None)


def _summary(stats: dict, *, failed: int, stored: bool) -> None:
    parts = [f"analysed {stats['analysed']} document{'s' if stats['analysed'] != 1 else ''}"]
    if stored:
        parts.append(f"{stats['new']} new in the database")
    if failed:
        parts.append(f"{failed} input{'s' if failed != 1 else ''} failed")
    click.echo(", ".join(parts), err=True)


# -- queries ----------------------------------------------------------------------------------

def _show(rows: list[dict], *, fmt: str, title: str, columns: list[tuple[str, str]]) -> None:
    if fmt == "json":
        _echo_json(rows)
        return
    from .report import print_rows

    print_rows(_stdout(), title, columns, rows)


@main.command()
@country_option("Only actors of this country (ISO3).")
@click.option("--type", "actor_type", type=click.Choice(ACTOR_TYPES), help="Only actors of this type.")
@click.option("--name", help="Only actors whose name or id contains TEXT (any case).")
@limit_option
@format_option("table", "json")
@db_option
def actors(country: str | None, actor_type: str | None, name: str | None, limit: int, fmt: str,
           db_url: str | None) -> None:
    """List stored actors with how often and in how many documents they are mentioned.

    \b
    Example:
      realpolitik actors --country AZE --type person
    """
    with _open_store(db_url) as store:
        rows = store.actors(country=country, type=actor_type, name=name, limit=limit)
    _show(rows, fmt=fmt, title="Actors", columns=[
        ("name", "name"), ("id", "id"), ("type", "type"), ("country", "country"),
        ("sector", "sector"), ("role", "role"), ("mentions", "mentions"), ("documents", "documents")])


@main.command()
@click.option("--actor", help="Only events whose source or target has this id or name.")
@country_option("Only events with a source or target of this country (ISO3).")
@click.option("--category", type=click.Choice(PLOVER, case_sensitive=False), metavar="CATEGORY",
              help=f"PLOVER category, any case: {', '.join(PLOVER)}.")
@click.option("--since", type=DATE, help="From this date (YYYY-MM-DD), inclusive.")
@click.option("--until", type=DATE, help="Up to this date (YYYY-MM-DD), inclusive.")
@click.option("--modality", type=click.Choice(MODALITIES), help="Only this modality (e.g. asserted).")
@min_confidence_option
@limit_option
@format_option("table", "json")
@db_option
def events(actor: str | None, country: str | None, category: str | None, since: Any, until: Any,
           modality: str | None, min_confidence: float | None, show_all: bool, limit: int, fmt: str,
           db_url: str | None) -> None:
    """List stored events, newest first (date from the text, else the document's date).

    Modality tells what the text says of each event: only `asserted` and `reported` events are
    said to have happened; threats, denials and guesses are listed with their modality.

    \b
    Example:
      realpolitik events --country ARM --category ASSAULT --since 2022-09-01
    """
    with _open_store(db_url) as store:
        rows = store.events(actor=actor, country=country, category=category, modality=modality,
                            min_confidence=threshold_for("events", _threshold(min_confidence, show_all)),
                            since=since.date().isoformat() if since else None,
                            until=until.date().isoformat() if until else None, limit=limit)
    for r in rows:
        r["pair"] = f"{r['source_name'] or r['source'] or '?'} → {r['target_name'] or r['target'] or '?'}"
        r["snippet"] = _snippet(r["evidence_text"])
    _show(rows, fmt=fmt, title="Events", columns=[
        ("date", "when"), ("category", "plover"), ("mode", "mode"), ("source → target", "pair"),
        ("modality", "modality"), ("evidence", "snippet"), ("document", "document_title")])


@main.command()
@click.option("--supplier", help="Supplier id, name or country (ISO3).")
@click.option("--recipient", help="Recipient id, name or country (ISO3).")
@country_option("Only transfers with a supplier or recipient of this country (ISO3).")
@click.option("--weapon", help="Weapon name, family or category contains TEXT (any case).")
@click.option("--modality", type=click.Choice(MODALITIES), help="Only this modality (e.g. asserted).")
@min_confidence_option
@limit_option
@format_option("table", "json", "sipri-csv")
@click.option("--all-modalities", is_flag=True,
              help="sipri-csv: also write denied, planned and guessed transfers (with their modality).")
@db_option
def transfers(supplier: str | None, recipient: str | None, country: str | None, weapon: str | None,
              modality: str | None, min_confidence: float | None, show_all: bool, limit: int, fmt: str,
              all_modalities: bool, db_url: str | None) -> None:
    """List stored arms transfers, or write them as a SIPRI-shaped CSV.

    \b
    Example:
      realpolitik transfers --supplier ISR --recipient AZE
      realpolitik transfers --weapon Harop --format json
      realpolitik transfers --format sipri-csv > register.csv
    """
    with _open_store(db_url) as store:
        rows = store.transfers(supplier=supplier, recipient=recipient, country=country,
                               weapon=weapon, modality=modality,
                               min_confidence=threshold_for("arms_transfers", _threshold(min_confidence, show_all)),
                               limit=limit)
    if fmt == "sipri-csv":
        from .export.sipri import write_sipri_csv

        write_sipri_csv(rows, sys.stdout, include_not_happened=all_modalities)
        return
    for r in rows:
        r["pair"] = (f"{r['supplier_name'] or r['supplier'] or '?'} → "
                     f"{r['recipient_name'] or r['recipient'] or '?'}")
        r["period"] = "–".join(p for p in (r["period_start"], r["period_end"]) if p) or None
        r["snippet"] = _snippet(r["evidence_text"])
    _show(rows, fmt=fmt, title="Arms transfers", columns=[
        ("supplier → recipient", "pair"), ("weapon", "weapon_name"), ("category", "category"),
        ("qty", "quantity"), ("status", "status"), ("period", "period"), ("modality", "modality"),
        ("evidence", "snippet")])


@main.command("arms-graph")
@country_option("Only flows with a supplier or recipient of this country (ISO3).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "graphml"]), default="table",
              show_default=True, help="Output format (json: networkx node-link data).")
@click.option("--all-modalities", is_flag=True, help="Also count denied, planned and guessed transfers.")
@min_confidence_option
@limit_option
@db_option
def arms_graph(country: str | None, fmt: str, all_modalities: bool, min_confidence: float | None, show_all: bool,
               limit: int, db_url: str | None) -> None:
    """The arms-flow graph: supplier -> recipient, weighted by transfer records.

    \b
    Example:
      realpolitik arms-graph --country AZE
      realpolitik arms-graph --format graphml > arms.graphml
    """
    import networkx as nx

    from .analysis.arms import arms_flow_graph, graph_for_export

    with _open_store(db_url) as store:
        rows = store.transfers(country=country, limit=limit,
                               min_confidence=threshold_for("arms_transfers", _threshold(min_confidence, show_all)))
    g = arms_flow_graph(rows, include_not_happened=all_modalities)
    if fmt == "graphml":
        for line in nx.generate_graphml(graph_for_export(g)):
            click.echo(line)
    elif fmt == "json":
        _echo_json(nx.node_link_data(g, edges="links"))
    else:
        flows = [{"supplier": u, "recipient": v, "records": d["weight"], "weapons": ", ".join(d["weapons"])}
                 for u, v, d in sorted(g.edges(data=True), key=lambda e: -e[2]["weight"])]
        _show(flows, fmt="table", title="Arms flows", columns=[
            ("supplier", "supplier"), ("recipient", "recipient"), ("records", "records"),
            ("weapons", "weapons")])


def _snippet(text: str | None) -> str:
    from .report import snippet

    return snippet(text)


# -- db ---------------------------------------------------------------------------------------

@main.group(cls=_Group)
def db() -> None:
    """Inspect and migrate the database.

    \b
    Example:
      realpolitik db info
      realpolitik db migrate --db postgresql://user:pass@localhost/realpolitik
    """


@db.command("info")
@format_option("table", "json")
@db_option
def db_info(fmt: str, db_url: str | None) -> None:
    """Show the database URL (password hidden), schema version and row counts.

    \b
    Example:
      realpolitik db info --format json
    """
    with _open_store(db_url) as store:
        info = store.info()
    if fmt == "json":
        _echo_json(info)
        return
    from .report import table

    console = _stdout()
    console.print(f"database  {info['url']}", markup=False)
    console.print(f"schema    version {info['schema_version']} (latest {info['latest_version']})", markup=False)
    console.print(table("Rows", ("table", "rows"), sorted(info["counts"].items())))


@db.command("migrate")
@db_option
def db_migrate(db_url: str | None) -> None:
    """Create the tables or apply pending migrations (the other commands do this too).

    \b
    Example:
      realpolitik db migrate --db sqlite:///corpus.sqlite
    """
    from .store import Store, current_version

    with Store.open(db_url, migrate=False) as store:
        applied = store.migrate()
        version = current_version(store.engine)
        url = store.url
    done = f"applied {', '.join(map(str, applied))}" if applied else "nothing to apply"
    click.echo(f"{url}: schema version {version} ({done})")


# -- kb ---------------------------------------------------------------------------------------

@main.group(cls=_Group)
def kb() -> None:
    """Query the knowledge base of actors, aliases and weapons.

    \b
    Example:
      realpolitik kb lookup "Ilham Aliyev" --date 2022-09-13
    """


@kb.command("lookup")
@click.argument("name")
@click.option("--date", type=DATE, help="Resolve roles as of this date (YYYY-MM-DD).")
@kb_option
@format_option("table", "json")
def kb_lookup(name: str, date: Any, kb_dirs: tuple[str, ...], fmt: str) -> None:
    """Show how NAME resolves in the knowledge base, and why (exact alias, fuzzy score, ...).

    \b
    Example:
      realpolitik kb lookup Harop
      realpolitik kb lookup "Pashinyan" --date 2022-09-13
    """
    from .kb import lookup

    rows = lookup(name, date=date.date().isoformat() if date else None, kb_dirs=tuple(kb_dirs))
    _show(rows, fmt=fmt, title=f"Knowledge base: {name}", columns=[
        (c, c) for c in ("id", "name", "type", "country", "sector", "role", "kind", "how", "score")])


# -- eval -------------------------------------------------------------------------------------

@main.command("eval")
@click.argument("dataset")
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False))
@click.option("--shared", type=click.Path(exists=True, file_okay=False),
              help="The shared folder holding the data sets (default: ../shared).")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False), help="A gold annotation file.")
@click.option("--text", "text_file", type=click.Path(exists=True, dir_okay=False),
              help="The article the gold file annotates (with --gold).")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Write the scores as JSON here.")
@click.option("--fit", is_flag=True,
              help="calibrate: fit the confidence mapping and choose the analyst thresholds on documents 01-07; "
                   "write both to kb/data/calibration.json.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON instead of a table.")
@click.option("--docs", metavar="PATTERN", help="news: only the articles whose name matches this glob.")
@click.option("--min-confidence", type=float, metavar="X", help="news: drop records whose confidence is below X.")
@click.option("--errors", is_flag=True, help="news: list every missed, wrong, spurious and duplicate record.")
@click.option("--predictions", type=click.Path(exists=True, dir_okay=False),
              help="news: score these analysis records (JSON Lines) instead of running the pipeline.")
def eval_cmd(dataset: str, folder: str | None, shared: str | None, gold: str | None, text_file: str | None,
             out: str | None, fit: bool, as_json: bool, docs: str | None, min_confidence: float | None,
             errors: bool, predictions: str | None) -> None:
    """Score the pipeline on an evaluation data set and print the scores.

    DATASET is seed, plover-gsr, petr2, re3d, ptc, sipri, news or calibrate. `news` scores a FOLDER of
    NAME.txt + NAME.gold.json (default: shared/datasets/news_dev, split into dev 01-07 and check 08-10).
    `calibrate [FOLDER]` reports how precise records are at each confidence on such a folder; with
    --fit it also refits the calibrated confidence (docs/evaluation.md, "Confidence").

    \b
    Example:
      realpolitik eval seed --shared ../shared --out scores.json
      realpolitik eval news --docs 'b0[1-7]' --errors
      realpolitik eval news my-articles/ --min-confidence 0.6 --json
      realpolitik eval calibrate --fit
    """
    if dataset == "calibrate":
        if gold is not None or text_file is not None:
            raise click.UsageError("calibrate reads a folder of NAME.txt + NAME.gold.json, not --gold/--text")
        from .eval.calibration import calibrate

        calibrate(folder, shared=shared, fit=fit, out=out)
        return
    if fit:
        raise click.UsageError("--fit goes with `eval calibrate` only")
    if (gold is None) != (text_file is None):
        raise click.UsageError("--gold and --text go together")
    from . import eval as evaluation

    options = {}
    if dataset == "news":
        options = evaluation.news.options(folder, docs=docs, min_confidence=min_confidence, errors=errors,
                               predictions=predictions)
    elif folder or docs or min_confidence is not None or errors or predictions:
        raise click.UsageError("FOLDER, --docs, --min-confidence, --errors and --predictions are for dataset news")
    if as_json:
        options["quiet"] = True
    result = evaluation.run(dataset, shared=shared, gold=gold, text=text_file, out=out, **options)
    if as_json:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False, default=str))


if __name__ == "__main__":  # pragma: no cover
    main()
