"""run(): errors are one clear line; readers find the shared data."""

import pytest

from realpolitik.eval import DATASETS, EvalError, find_shared, run


def test_unknown_dataset():
    with pytest.raises(EvalError, match="unknown dataset"):
        run("nope", shared=".")


def test_missing_shared_folder(tmp_path):
    with pytest.raises(EvalError, match="not found"):
        run("ptc", shared=tmp_path / "absent")


def test_missing_dataset_files(tmp_path):
    for name in ("plover-gsr", "petr2", "re3d", "ptc", "sipri"):
        with pytest.raises(EvalError):
            DATASETS[name].read(tmp_path)


def test_env_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("REALPOLITIK_SHARED", str(tmp_path))
    assert find_shared() == tmp_path
    monkeypatch.setenv("REALPOLITIK_SHARED", str(tmp_path / "absent"))
    with pytest.raises(EvalError, match="REALPOLITIK_SHARED"):
        find_shared()


@pytest.mark.shared
def test_readers_on_shared_data(shared_dir):
    assert len(DATASETS["plover-gsr"].read(shared_dir)) == 322
    petr = DATASETS["petr2"].read(shared_dir)
    assert (len(petr), sum(len(s.triples) for s in petr), sum(s.no_events for s in petr)) == (78, 80, 12)
    docs, spans = DATASETS["re3d"].read(shared_dir)
    assert len(docs) == 90 and spans
    articles, gold = DATASETS["ptc"].read(shared_dir, limit=3)
    assert len(articles) == 3 and all(s.article in {a.id for a in articles} for s in gold)
    assert len(DATASETS["sipri"].read(shared_dir)) > 100


@pytest.mark.shared
def test_sipri_runs_without_the_pipeline(shared_dir):
    result = run("sipri", quiet=True)
    assert 0.0 <= result["metrics"]["resolved_share"] <= 1.0
