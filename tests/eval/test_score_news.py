"""The news scorer (realpolitik.eval.news) on small gold files written here, and against score_news.py."""

import copy
import hashlib
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from realpolitik.cli import main
from realpolitik.eval import EvalError, news, run

TEXT = ("Valdorian artillery shelled the border town of Kessel on Monday, the Ostrian defence ministry said. "
        "Ostria denied that it had sent tanks to the rebels. "
        "Valdoria delivered six Falcon drones to Ostria's neighbour Pelmia in May. "
        "Speaking in Kessel, minister Anna Berg called the shelling a cowardly crime. "
        "Valdoria and Pelmia held talks in Brask.")
GOLD = {
    "exhaustive": ["events", "arms_transfers", "claims", "framing", "persons"],
    "title": "Shelling in Kessel", "published": "2031-05-12", "outlet": "Kessel Daily",
    "persons": [{"name": "Anna Berg", "country": "OST", "mentions": ["Anna Berg"]}],
    "events": [
        {"id": "E1", "required": True, "plover": "ASSAULT", "source": "VLD", "target": "OST",
         "modality": "reported", "evidence": "shelled the border town of Kessel"},
        {"id": "E2", "required": True, "plover": "AID", "source": "OST", "target": None,
         "modality": "negated", "evidence": "denied that it had sent tanks to the rebels"},
        {"id": "E3", "required": True, "plover": "CONSULT", "source": "VLD", "target": "PLM", "symmetric": True,
         "modality": "asserted", "evidence": "held talks in Brask"},
    ],
    "arms_transfers": [{"id": "T1", "required": True, "supplier": "VLD", "recipient": "PLM", "weapon": "Falcon",
                        "status": "delivered", "evidence": "delivered six Falcon drones"}],
    "claims": [{"id": "C1", "required": True, "speaker": "OST", "evidence": "the Ostrian defence ministry said"}],
    "framing": [{"id": "F1", "required": True, "text": "cowardly crime", "technique": "loaded_language",
                 "target": "VLD", "attributed_to": "Anna Berg"}],
    "not_framing": [{"text": "border town"}],
    "not_actors": [{"text": "Kessel"}],
}


def span(needle, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    return {"start": start, "end": start + len(needle), "text": needle}


def perfect_record():
    state = [("VLD", "Valdoria"), ("OST", "Ostria"), ("PLM", "Pelmia")]
    return {
        "document": {"id": hashlib.sha256(TEXT.encode("utf-8")).hexdigest()},
        "actors": [{"id": code, "name": name, "type": "state", "country": code, "mentions": []} for code, name in state]
        + [{"id": "p:berg", "name": "Anna Berg", "type": "person", "country": "OST",
            "mentions": [dict(span("Anna Berg"), kind="name")]}],
        "events": [
            {"id": "e1", "plover": "ASSAULT", "source": "VLD", "target": "OST", "modality": "reported",
             "evidence": span("shelled the border town of Kessel"), "confidence": 0.9},
            {"id": "e2", "plover": "AID", "source": "OST", "target": None, "modality": "negated",
             "evidence": span("denied that it had sent tanks"), "confidence": 0.4},
            {"id": "e3", "plover": "CONSULT", "source": "VLD", "target": "PLM", "modality": "asserted",
             "evidence": span("held talks in Brask")},
            {"id": "e4", "plover": "CONSULT", "source": "PLM", "target": "VLD", "modality": "asserted",
             "evidence": span("held talks in Brask")},
        ],
        "arms_transfers": [{"id": "t1", "supplier": "VLD", "recipient": "PLM", "status": "delivered",
                            "modality": "asserted", "weapon": {"name": "Falcon", "category": "UAV"},
                            "evidence": span("delivered six Falcon drones")}],
        "claims": [{"id": "c1", "speaker": "OST", "evidence": span("the Ostrian defence ministry said")}],
        "framing": [dict(span("cowardly crime"), technique="loaded_language", target="VLD", attributed_to="p:berg")],
    }


def scores(record):
    tallies = news.score_document(GOLD, TEXT, record)
    return {kind: {**t.counts(), **t.rates()} for kind, t in tallies.items()}


def test_a_perfect_record_scores_one_everywhere():
    s = scores(perfect_record())
    for kind in news.RECORD_TYPES:
        assert (s[kind]["recall"], s[kind]["precision"]) == (1.0, 1.0), kind
        assert s[kind]["modality_violations"] == 0
    # one symmetric event: a record for each direction is two correct records, no duplicate
    assert (s["events"]["correct"], s["events"]["duplicates"]) == (4, 0)
    assert s["framing"]["required"] == 1 and s["persons"]["required"] == 1


@pytest.mark.parametrize("record", [None, {}, {"actors": [], "events": [], "framing": []}])
def test_an_empty_record_has_no_precision_and_zero_recall(record):
    s = scores(record)
    for kind in news.RECORD_TYPES:
        assert s[kind]["recall"] == 0.0 and s[kind]["precision"] is None and s[kind]["f1"] == 0.0
        assert s[kind]["predicted"] == 0 and s[kind]["required"] > 0


def test_a_denial_reported_as_a_fact_is_a_violation_and_wrong():
    record = perfect_record()
    record["events"][1]["modality"] = "asserted"
    s = scores(record)["events"]
    assert s["modality_violations"] == 1
    assert (s["found"], s["correct"], s["wrong"]) == (2, 3, 1)


def test_reported_stands_for_asserted_but_not_for_a_denial():
    record = perfect_record()
    record["events"][0]["modality"] = "asserted"  # gold says reported: both say it happened
    record["events"][1]["modality"] = "reported"  # gold says negated
    s = scores(record)["events"]
    assert (s["found"], s["wrong"], s["modality_violations"]) == (2, 1, 0)


def test_a_record_told_twice_is_a_duplicate():
    record = perfect_record()
    record["events"].append(dict(record["events"][0], id="e5"))
    record["claims"].append(dict(record["claims"][0], id="c2"))
    s = scores(record)
    assert (s["events"]["correct"], s["events"]["duplicates"]) == (4, 1)
    assert s["events"]["precision"] == pytest.approx(4 / 5)
    assert (s["claims"]["correct"], s["claims"]["duplicates"], s["claims"]["precision"]) == (1, 1, 0.5)


def test_each_predicted_record_gets_a_verdict_in_its_order():
    """One verdict per record of an exhaustive section, counted as the tallies count them."""
    record = perfect_record()
    record["events"] = [dict(record["events"][0], id="e0", source="PLM"),     # wrong sides
                        *record["events"],
                        dict(record["events"][0], id="e5"),                    # told twice
                        dict(record["events"][0], id="e6", evidence=span("Speaking in Kessel"))]  # about nothing
    tallies = news.score_document(GOLD, TEXT, record)
    assert tallies["events"].verdicts == ["wrong", "correct", "correct", "correct", "correct", "duplicate",
                                          "spurious"]
    t = tallies["events"]
    assert (t.correct, t.wrong, t.duplicates, t.spurious, t.predicted) == (4, 1, 1, 1, 7)
    assert tallies["persons"].verdicts == ["correct"]
    assert news.score_document({**GOLD, "exhaustive": []}, TEXT, record)["events"].verdicts == []


@pytest.mark.parametrize("kind, key, value", [
    ("events", "source", "OST"),          # the victim as the attacker
    ("arms_transfers", "recipient", "OST"),
    ("claims", "speaker", "VLD"),
    ("framing", "target", "OST"),
])
def test_a_wrong_side_is_wrong_and_not_found(kind, key, value):
    record = perfect_record()
    record[kind][0][key] = value
    if kind == "events":
        record[kind][0]["target"] = "VLD"
    s = scores(record)[kind]
    assert s["wrong"] == 1 and s["found"] == s["required"] - 1
    assert s["precision"] < 1.0


def test_a_transfer_needs_the_weapon_and_an_agreeing_status():
    record = perfect_record()
    assert scores(record)["arms_transfers"]["found"] == 1
    record["arms_transfers"][0]["status"] = "used"  # used weapons were delivered first
    assert scores(record)["arms_transfers"]["found"] == 1
    record["arms_transfers"][0]["status"] = "ordered"
    assert scores(record)["arms_transfers"]["found"] == 0
    record["arms_transfers"][0].update(status="delivered", weapon={"name": "Condor", "category": "UAV"})
    assert scores(record)["arms_transfers"]["wrong"] == 1


def test_false_alarms_on_not_framing_and_not_actors_are_spurious_and_named():
    record = perfect_record()
    record["framing"].append(dict(span("border town"), technique="loaded_language"))
    record["actors"].append({"id": "p:kessel", "name": "Kessel", "type": "person",
                             "mentions": [dict(span("Kessel"), kind="name")]})
    tallies = news.score_document(GOLD, TEXT, record)
    assert (tallies["framing"].spurious, tallies["framing"].rates()["precision"]) == (1, 0.5)
    assert tallies["persons"].spurious == 1
    whys = [e.get("why", "") for t in tallies.values() for e in t.errors if e["kind"] == "spurious"]
    assert any("not_framing 'border town'" in w for w in whys) and any("not_actors 'Kessel'" in w for w in whys)


def test_framing_attributed_to_the_author_is_wrong_where_the_gold_names_a_speaker():
    record = perfect_record()
    record["framing"][0]["attributed_to"] = "AUTHOR"
    s = scores(record)["framing"]
    assert (s["found"], s["wrong"]) == (0, 1)


def test_a_person_by_surname_counts_and_another_country_is_wrong():
    record = perfect_record()
    record["actors"][-1]["name"] = "Berg"
    assert scores(record)["persons"]["correct"] == 1
    record["actors"][-1]["country"] = "VLD"
    s = scores(record)["persons"]
    assert (s["found"], s["wrong"]) == (0, 1)


def test_optional_items_are_never_missed_nor_false_alarms():
    gold = copy.deepcopy(GOLD)
    gold["claims"][0]["required"] = False
    record = perfect_record()
    record["claims"][0]["speaker"] = "VLD"  # about the optional claim only, matching none: ignored
    t = news.score_document(gold, TEXT, record)["claims"]
    assert (t.required, t.predicted, t.ignored, t.wrong) == (0, 1, 1, 0)
    assert t.rates() == {"recall": None, "precision": None, "f1": None}


def test_min_confidence_drops_records_below_it():
    record = news.above(perfect_record(), 0.5)
    assert [e["id"] for e in record["events"]] == ["e1", "e3", "e4"]  # e2 (0.4) goes, no confidence stays
    assert scores(record)["events"]["found"] == 2


def write_folder(folder, names):
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}.txt").write_text(TEXT, encoding="utf-8")
        (folder / f"{name}.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    return folder


def test_a_news_dev_folder_is_split_into_dev_and_check(tmp_path):
    folder = write_folder(tmp_path / "news_dev", ["x01", "x07", "x08"])
    preds = {news.Article("x", GOLD, TEXT).id: perfect_record()}
    result = news.evaluate(None, folder=folder, predictions=preds)
    splits = result["details"]["splits"]
    assert (splits["all"]["docs"], splits["dev"]["docs"], splits["check"]["docs"]) == (3, 2, 1)
    assert result["metrics"]["check.events.recall"] == 1.0 and result["metrics"]["all.modality_violations"] == 0
    only = news.evaluate(None, folder=folder, predictions=preds, docs="x0[1-7]")
    assert only["items"] == 2 and "check" not in only["details"]["splits"]
    other = news.evaluate(None, folder=write_folder(tmp_path / "mine", ["a01"]), predictions={})
    assert set(other["details"]["splits"]) == {"all"} and other["details"]["missing_predictions"] == ["a01"]
    with pytest.raises(EvalError, match="no NAME.gold.json"):
        news.evaluate(None, folder=folder, predictions=preds, docs="zz*")


def test_errors_list_missed_wrong_and_violations(tmp_path):
    record = perfect_record()
    record["events"][1]["modality"] = "asserted"
    del record["claims"][0]
    folder = write_folder(tmp_path / "mine", ["a01"])
    result = news.evaluate(None, folder=folder, predictions={news.Article("a", GOLD, TEXT).id: record}, errors=True)
    kinds = {(e["type"], e["kind"]) for e in result["errors"]}
    assert {("events", "violation"), ("events", "wrong"), ("claims", "missed")} <= kinds
    assert any("denied that it had sent tanks" in line for line in news.error_lines(result))


def test_the_cli_scores_a_folder_of_predictions(tmp_path):
    folder = write_folder(tmp_path / "mine", ["a01"])
    preds = tmp_path / "preds.jsonl"
    preds.write_text(json.dumps(perfect_record()) + "\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["eval", "news", str(folder), "--predictions", str(preds), "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["metrics"]["all.claims.precision"] == 1.0
    bad = CliRunner().invoke(main, ["eval", "ptc", "--docs", "a*"])
    assert bad.exit_code == 2 and "dataset news" in bad.output


def test_the_pipeline_analyses_a_folder_once(tmp_path):
    folder = write_folder(tmp_path / "mine", ["a01", "a02"])
    result = run("news", folder=folder, quiet=True)
    assert result["items"] == 2 and result["details"]["missing_predictions"] == []
    splits = result["details"]["splits"]["all"]
    assert splits["events"]["required"] == 6 and splits["persons"]["required"] == 2


def test_run_refuses_news_options_for_another_dataset():
    with pytest.raises(EvalError, match="of dataset 'news' only"):
        run("ptc", docs="a*")


# -- agreement with the shared scorer ----------------------------------------------------------------------

def distorted(record):
    """The same record with every event asserted, the sides of every other event swapped, the claims told
    twice and a framing span widened: so that the comparison exercises violations, wrong sides and duplicates."""
    rec = copy.deepcopy(record)
    for i, e in enumerate(rec.get("events", [])):
        e["modality"] = "asserted"
        if i % 2:
            e["source"], e["target"] = e.get("target"), e.get("source")
            e.pop("source_country", None), e.pop("target_country", None)
    rec["claims"] = rec.get("claims", []) * 2
    for f in rec.get("framing", [])[:3]:
        f["start"] = max(0, f["start"] - 40)
    return rec


@pytest.mark.shared
def test_our_scorer_agrees_with_score_news(shared_dir, tmp_path):
    from realpolitik.eval.common import predict

    folder = news.default_folder(shared_dir)
    articles = news.read(folder)
    records = predict([a.meta() for a in articles])
    for label, recs in (("pipeline", records), ("distorted", [distorted(r) for r in records])):
        path = tmp_path / f"{label}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
        shared = subprocess.run([sys.executable, str(shared_dir / "tools" / "score_news.py"), str(folder), str(path),
                                 "--json", "--per-doc"], capture_output=True, text=True, check=True)
        theirs = json.loads(shared.stdout)
        ours = news.evaluate(shared_dir, predictions=news.load_predictions(path.read_text(encoding="utf-8")))
        for doc in theirs["documents"]:
            mine = ours["details"]["documents"][doc["name"]]
            for kind in news.RECORD_TYPES:
                expected = doc["score"].get(kind)
                assert (expected is None) == (kind not in mine), (label, doc["name"], kind)
                if expected is None:
                    continue
                keys = ["required", "found"] + (["predicted", "correct", "wrong", "spurious", "duplicates",
                                                 "optional_ok", "ignored"] if "precision" in expected else [])
                assert {k: mine[kind][k] for k in keys} == {k: expected[k] for k in keys}, (label, doc["name"], kind)
                assert mine[kind]["modality_violations"] == len(expected.get("modality_violations", []))
        for kind, t in theirs["sections"].items():
            for rate in ("recall", "precision"):
                value = ours["metrics"][f"all.{kind}.{rate}"]
                assert (value is None and t[rate] is None) or round(value, 4) == t[rate], (label, kind, rate)
