"""The `realpolitik` command: bad inputs, storing, formats, queries, help texts.

Most tests swap in a tiny stand-in for the NLP pipeline (the CLI is a thin skin over
`analyze_many`); the few marked `pipeline` run the real one, loaded once per session.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from realpolitik import pipeline
from realpolitik.cli import main
from realpolitik.records import ANALYST_MIN_CONFIDENCE, Actor, Analysis, Mention, threshold_for
from realpolitik.schema import validate
from realpolitik.store import Store

GOOD = ("Azerbaijan's President Ilham Aliyev received Israel's defence minister in Baku on Tuesday. "
        "Armenia accused Azerbaijan of shelling the town of Jermuk, a charge Baku denied.\n")
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def fake_analyze_many(items, *, n_process=1, batch_size=16, nlp=None):
    """What analyze_many yields, without NLP: the document, and Israel when the text names it."""
    for item in items:
        try:
            doc = pipeline._document(pipeline.check_text(item.get("text")), item)
        except pipeline.InputError as exc:
            yield exc
            continue
        actors = []
        if "Israel" in doc.text:
            at = doc.text.index("Israel")
            actors.append(Actor("ISR", "Israel", "state", "ISR", mentions=[Mention(at, at + 6, "Israel")]))
        yield Analysis(doc, actors=actors)


@pytest.fixture
def fake_pipeline(monkeypatch):
    monkeypatch.setattr(pipeline, "analyze_many", fake_analyze_many)


@pytest.fixture
def db(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'cli.sqlite'}"


@pytest.fixture
def runner(monkeypatch, tmp_path) -> CliRunner:
    monkeypatch.setenv("REALPOLITIK_DB", f"sqlite:///{tmp_path / 'env-default.sqlite'}")
    monkeypatch.setenv("COLUMNS", "200")  # rich wraps tables at 80 columns when not on a terminal
    return CliRunner()


def run(runner, *args, **kw):
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False, **kw)


def stored(db: str) -> dict:
    with Store.open(db) as store:
        return store.info()["counts"]


def bad_inputs(folder: Path) -> dict[str, str]:
    """One of each bad input; returns {name as reported: expected reason start}."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01\x02" * 64)
    (folder / "latin1.txt").write_bytes("Caf\u00e9 diplomacy".encode("latin-1"))
    with (folder / "huge.txt").open("wb") as fh:
        fh.truncate(50_000_000)
    (folder / "feed.jsonl").write_text(json.dumps({"text": "Israel and Azerbaijan signed a deal."})
                                       + "\n{broken\n")
    return {
        str(folder / "binary.txt"): "binary file, not text",
        str(folder / "empty.txt"): "empty file",
        f"{folder / 'feed.jsonl'}:2": "invalid JSON",
        str(folder / "huge.txt"): "file too large (50.0 MB; the limit is 10 MB)",
        str(folder / "latin1.txt"): "not valid UTF-8 (byte 0xe9 at offset 3)",
    }


def check_bad_inputs(result, expected: dict[str, str], extra: Path) -> None:
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(expected) + 1, result.stderr
    for name, reason in expected.items():
        assert any(line.startswith(f"error: {name}: {reason}") for line in errors), (name, errors)
    assert f"error: {extra}: unsupported file type '.xyz'" in result.stderr
    assert "Traceback" not in result.output


def analyze_good_and_bad(runner, tmp_path, db):
    """Analyse a folder of one good file and every bad input, plus an unknown extension; check the errors."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    expected = bad_inputs(folder)
    extra = tmp_path / "notes.xyz"
    extra.write_text(GOOD)
    result = run(runner, "analyze", folder, extra, "--db", db, "--format", "jsonl")
    check_bad_inputs(result, expected, extra)
    return result


def test_bad_inputs_reported_good_ones_stored(runner, fake_pipeline, tmp_path, db):
    result = analyze_good_and_bad(runner, tmp_path, db)
    ids = [json.loads(line)["document"]["id"] for line in result.stdout.splitlines()]
    assert len(ids) == 2  # good.txt and the good JSONL line
    with Store.open(db) as store:
        assert all(store.has(i) for i in ids)
        assert store.info()["counts"]["documents"] == 2


def test_no_store(runner, fake_pipeline, tmp_path):
    path = tmp_path / "good.txt"
    path.write_text(GOOD)
    db_file = tmp_path / "never.sqlite"
    result = run(runner, "analyze", path, "--no-store", "--db", f"sqlite:///{db_file}")
    assert result.exit_code == 0, result.output
    assert not db_file.exists()


def test_same_file_twice_is_one_document(runner, fake_pipeline, tmp_path, db):
    path = tmp_path / "good.txt"
    path.write_text(GOOD)
    assert run(runner, "analyze", path, path, "--db", db).exit_code == 0
    assert run(runner, "analyze", path, "--db", db).exit_code == 0
    assert stored(db)["documents"] == 1


def test_default_db_from_environment(runner, fake_pipeline, tmp_path):
    path = tmp_path / "good.txt"
    path.write_text(GOOD)
    assert run(runner, "analyze", path).exit_code == 0
    assert stored(f"sqlite:///{tmp_path / 'env-default.sqlite'}")["documents"] == 1


def test_stdin(runner, fake_pipeline, db):
    result = run(runner, "analyze", "-", "--db", db, "--format", "json", input=GOOD)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["document"]["length"] == len(GOOD)


def test_text_report(runner, fake_pipeline, tmp_path, db):
    path = tmp_path / "good.txt"
    path.write_text("Israel [bold]denied[/bold] it.\n")
    result = run(runner, "analyze", path, "--db", db)
    assert result.exit_code == 0
    assert "Actors" in result.stdout and "Israel" in result.stdout
    assert "[bold]" in result.stdout or "none found" in result.stdout  # article text is never markup


def test_json_one_object_or_json_lines(runner, fake_pipeline, tmp_path):
    one, two = tmp_path / "1.txt", tmp_path / "2.txt"
    one.write_text(GOOD)
    two.write_text(GOOD + "More.\n")
    single = run(runner, "analyze", one, "--no-store", "--format", "json")
    validate(json.loads(single.stdout))
    several = run(runner, "analyze", one, two, "--no-store", "--format", "json")
    records = [json.loads(line) for line in several.stdout.splitlines()]
    assert len(records) == 2


def test_bad_db_url_is_one_line(runner, tmp_path):
    path = tmp_path / "good.txt"
    path.write_text(GOOD)
    result = runner.invoke(main, ["analyze", str(path), "--db", "nosuchdb://x"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1


def test_missing_argument_is_usage_error(runner):
    assert runner.invoke(main, ["analyze"]).exit_code == 2
    assert runner.invoke(main, ["events", "--since", "13/09/2022"]).exit_code == 2
    assert runner.invoke(main, ["events", "--country", "Armenia"]).exit_code == 2


@pytest.fixture
def filled(db, sample_a, sample_b) -> str:
    with Store.open(db) as store:
        store.save(sample_a)
        store.save(sample_b)
    return db


def test_actors(runner, filled):
    table = run(runner, "actors", "--db", filled, "--country", "aze")
    assert table.exit_code == 0 and "Ilham Aliyev" in table.stdout
    rows = json.loads(run(runner, "actors", "--db", filled, "--type", "person", "--format", "json").stdout)
    assert {r["id"] for r in rows} == {"Q-aliyev", "Q-netanyahu"}


def test_events(runner, filled):
    result = run(runner, "events", "--db", filled, "--category", "assault", "--since", "2022-01-01")
    assert result.exit_code == 0 and "Azerbaijan" in result.stdout and "disputed" in result.stdout
    rows = json.loads(run(runner, "events", "--db", filled, "--actor", "ISR", "--modality",
                          "hypothetical", "--format", "json", "--all").stdout)
    assert [r["plover"] for r in rows] == ["THREATEN"]


def test_transfers(runner, filled):
    result = run(runner, "transfers", "--db", filled, "--supplier", "ISR", "--weapon", "barak")
    assert result.exit_code == 0 and "Barak-8" in result.stdout
    rows = json.loads(run(runner, "transfers", "--db", filled, "--country", "ARM", "--format", "json").stdout)
    assert rows == []


def test_db_info_and_migrate(runner, filled):
    info = json.loads(run(runner, "db", "info", "--db", filled, "--format", "json").stdout)
    assert info["counts"]["documents"] == 2 and info["schema_version"] >= 1
    assert "documents" in run(runner, "db", "info", "--db", filled).stdout
    migrated = run(runner, "db", "migrate", "--db", filled)
    assert migrated.exit_code == 0 and "nothing to apply" in migrated.stdout


def test_kb_lookup(runner, monkeypatch):
    import realpolitik.kb as kb

    calls = []

    def lookup(name, *, date=None, kb_dirs=()):
        calls.append((name, date, kb_dirs))
        return [{"id": "Q-aliyev", "name": "Ilham Aliyev", "type": "person", "country": "AZE",
                 "sector": "GOV", "role": "President", "kind": "name", "how": "exact alias", "score": 100}]

    monkeypatch.setattr(kb, "lookup", lookup)
    result = run(runner, "kb", "lookup", "Aliyev", "--date", "2022-09-13")
    assert result.exit_code == 0 and "exact alias" in result.stdout
    assert calls == [("Aliyev", "2022-09-13", ())]


def test_eval_is_a_thin_wrapper(runner, monkeypatch, tmp_path):
    import importlib
    import types

    try:
        evaluation = importlib.import_module("realpolitik.eval")
    except ImportError:
        evaluation = types.ModuleType("realpolitik.eval")
        monkeypatch.setitem(sys.modules, "realpolitik.eval", evaluation)
    calls = []
    monkeypatch.setattr(evaluation, "run", lambda dataset, **kw: calls.append((dataset, kw)) or {},
                        raising=False)
    out = tmp_path / "scores.json"
    assert run(runner, "eval", "gold", "--out", out).exit_code == 0
    assert calls == [("gold", {"shared": None, "gold": None, "text": None, "out": str(out)})]
    assert runner.invoke(main, ["eval", "gold", "--gold", str(out)]).exit_code == 2


COMMANDS = [[], ["analyze"], ["actors"], ["events"], ["transfers"], ["db"], ["db", "info"],
            ["db", "migrate"], ["kb"], ["kb", "lookup"], ["eval"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "main")
def test_every_help_has_an_example(runner, command):
    result = run(runner, *command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_version_and_python_m():
    out = subprocess.run([sys.executable, "-m", "realpolitik", "--version"], capture_output=True,
                         text=True, check=True).stdout
    from realpolitik import __version__

    assert __version__ in out


# -- with the real pipeline (loaded once per session) -------------------------------------------

@pytest.mark.usefixtures("nlp")
def test_pipeline_bad_inputs_and_good_stored(runner, tmp_path, db):
    result = analyze_good_and_bad(runner, tmp_path, db)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2
    for record in records:
        validate(record)
    assert stored(db)["documents"] == 2


@pytest.mark.usefixtures("nlp")
def test_pipeline_examples_validate(runner, db):
    result = run(runner, "analyze", EXAMPLES, "--db", db, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) >= 5
    for record in records:
        validate(record)
    assert stored(db)["documents"] == len(records)
    one = run(runner, "analyze", EXAMPLES / "israel-azerbaijan-arms.txt", "--no-store", "--format", "json")
    validate(json.loads(one.stdout))
    report = run(runner, "analyze", EXAMPLES / "armenia-azerbaijan-jermuk.md", "--no-store")
    assert report.exit_code == 0 and "Actors" in report.stdout


def test_min_confidence_filters_what_analyze_prints_not_what_it_stores(runner, monkeypatch, tmp_path, db,
                                                                       sample_a):
    monkeypatch.setattr(pipeline, "analyze_many", lambda items, **kw: (sample_a for _ in items))
    path = tmp_path / "a.txt"
    path.write_text(sample_a.document.text)
    cut = 0.75  # between the two events of sample_a (0.8, 0.7); its transfer is 0.9
    shown = json.loads(run(runner, "analyze", path, "--db", db, "--format", "json",
                           "--min-confidence", cut).stdout)
    validate(shown)
    assert [e["id"] for e in shown["events"]] == [e.id for e in sample_a.events if e.confidence >= cut]
    assert len(shown["arms_transfers"]) == 1 and shown["claims"] and shown["framing"]
    everything = json.loads(run(runner, "analyze", path, "--no-store", "--format", "json",
                                "--min-confidence", cut, "--all").stdout)
    assert len(everything["events"]) == len(sample_a.events)
    with Store.open(db) as store:
        assert len(store.get(sample_a.document.id).events) == len(sample_a.events)


def test_the_default_threshold_is_the_analyst_one_per_record_type(runner, monkeypatch, tmp_path, sample_a):
    from realpolitik import cli

    monkeypatch.setattr(pipeline, "analyze_many", lambda items, **kw: (sample_a for _ in items))
    monkeypatch.setattr(cli, "ANALYST_MIN_CONFIDENCE", {"events": 0.75, "arms_transfers": 0.95})
    path = tmp_path / "a.txt"
    path.write_text(sample_a.document.text)
    shown = json.loads(run(runner, "analyze", path, "--no-store", "--format", "json").stdout)
    assert [e["id"] for e in shown["events"]] == [e.id for e in sample_a.events if e.confidence >= 0.75]
    assert shown["arms_transfers"] == []  # its one transfer is 0.9
    given = json.loads(run(runner, "analyze", path, "--no-store", "--format", "json", "--min-confidence", 0.0).stdout)
    assert len(given["events"]) == len(sample_a.events) and len(given["arms_transfers"]) == 1


def test_min_confidence_on_queries_and_export(runner, filled):
    rows = json.loads(run(runner, "events", "--db", filled, "--format", "json", "--limit", 100, "--all").stdout)
    assert len({r["confidence"] for r in rows}) > 1
    analyst = json.loads(run(runner, "events", "--db", filled, "--format", "json", "--limit", 100).stdout)
    floor = threshold_for("events", ANALYST_MIN_CONFIDENCE)
    assert all(r["confidence"] >= floor for r in analyst)
    assert len(analyst) == sum(r["confidence"] >= floor for r in rows)
    cut = sorted(r["confidence"] for r in rows)[-1]
    high = json.loads(run(runner, "events", "--db", filled, "--format", "json", "--min-confidence", cut).stdout)
    assert high and all(r["confidence"] >= cut for r in high) and len(high) < len(rows)
    again = json.loads(run(runner, "events", "--db", filled, "--format", "json", "--min-confidence", cut,
                           "--all", "--limit", 100).stdout)
    assert len(again) == len(rows)
    csv_all = run(runner, "transfers", "--db", filled, "--format", "sipri-csv").stdout
    csv_none = run(runner, "transfers", "--db", filled, "--format", "sipri-csv", "--min-confidence", 1.0).stdout
    assert "Barak-8" in csv_all and len(csv_none.splitlines()) == 1
    assert runner.invoke(main, ["events", "--db", filled, "--min-confidence", "1.5"]).exit_code == 2


def test_eval_calibrate_takes_a_folder_and_fit(runner, monkeypatch, tmp_path):
    from realpolitik.eval import calibration

    calls = []
    monkeypatch.setattr(calibration, "calibrate", lambda folder, **kw: calls.append((folder, kw)) or {})
    assert run(runner, "eval", "calibrate", tmp_path, "--fit").exit_code == 0
    assert calls == [(str(tmp_path), {"shared": None, "fit": True, "out": None})]
    assert runner.invoke(main, ["eval", "seed", str(tmp_path)]).exit_code == 2
    assert runner.invoke(main, ["eval", "seed", "--fit"]).exit_code == 2
