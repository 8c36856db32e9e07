"""PLOVER GSR reader and scorer on hand-made records."""

import pytest

from realpolitik.eval.plover_gsr import GoldTriple, PredEvent, events_of, parse_record, score


def rec(id_, event, src, tgt=None, mode=None, markup=""):
    r = {"id": id_, "event": event, "text": f"text of {id_}", "textInfo": {"markup": markup},
         "source": [{"code": c} for c in src]}
    r["target"] = [{"code": c} for c in tgt] if tgt else ""
    if mode:
        r["mode"] = mode
    return r


def test_old_names_and_code_fixes():
    g = parse_record(rec("1", "DEMAND", ["USA"], ["JAP"]))
    assert g.category == "REQUEST" and g.categories == {"REQUEST"}
    assert g.targets == {"JPN"}
    y = parse_record(rec("2", "YIELD", ["SRB"], ["BIH"]))
    assert y.categories == {"CONCEDE", "RETREAT"}


def test_host_swaps_roles():
    g = parse_record(rec("1", "CONSULT", ["RUS"], ["JAP"], mode="host"))
    assert g.sources == {"JPN"} and g.targets == {"RUS"}
    assert g.triples == [GoldTriple(frozenset({("JPN", "RUS")}), frozenset({"CONSULT"}))]


def test_src_tar_pair_accepts_either_orientation():
    g = parse_record(rec("1", "AGREE", ["CHL", "PER"], markup="(SRC/TAR: Chilean) and (SRC/TAR: Peruvian)"))
    assert g.triples == [GoldTriple(frozenset({("CHL", "PER"), ("PER", "CHL")}), frozenset({"AGREE"}))]
    assert g.targets == {"CHL", "PER"}
    solo = parse_record(rec("2", "AGREE", ["USA"]))
    assert solo.triples[0].pairs == {("USA", None)} and not solo.targets


GOLD = [parse_record(rec("a", "AGREE", ["USA"], ["JOR"])), parse_record(rec("b", "DEMAND", ["IRN"], ["ISR"]))]


def test_perfect():
    pred = [[PredEvent("AGREE", "USA", "JOR")], [PredEvent("REQUEST", "IRN", "ISR")]]
    m = score(GOLD, pred)
    for k in ("category_accuracy", "category_macro_f1", "source_country_accuracy", "target_country_accuracy",
              "triple_precision", "triple_recall", "triple_f1"):
        assert m[k] == 1.0, k


def test_empty():
    m = score(GOLD, [[], []])
    assert m["category_accuracy"] == m["category_macro_f1"] == m["triple_recall"] == m["triple_f1"] == 0.0
    assert m["triple_precision"] == 0.0 and m["triples_predicted"] == 0
    assert score([], [])["category_accuracy"] == 0.0


def test_partial_hand_computed():
    pred = [[PredEvent("AGREE", "USA", "GBR", 0.9)],
            [PredEvent("ACCUSE", "IRN", "ISR", 0.9), PredEvent("REQUEST", "IRN", "ISR", 0.5)]]
    m = score(GOLD, pred)
    assert m["category_accuracy"] == 0.5              # the best event of b is ACCUSE
    assert m["category_macro_f1"] == 0.5              # AGREE 1.0, REQUEST 0.0
    assert m["source_country_accuracy"] == 1.0
    assert m["target_country_accuracy"] == 0.5
    assert m["triple_precision"] == pytest.approx(1 / 3)
    assert m["triple_recall"] == 0.5
    assert m["triple_f1"] == pytest.approx(0.4)


def test_events_of_reads_countries_and_igos():
    record = {"actors": [{"id": "igo:un", "type": "igo", "country": None}],
              "events": [{"plover": "REQUEST", "source": "igo:un", "target": "x", "target_country": "SYR",
                          "confidence": 0.7}]}
    assert events_of(record) == [PredEvent("REQUEST", "IGO", "SYR", 0.7)]
    assert events_of(None) == []
