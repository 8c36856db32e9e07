"""SIPRI coverage scorer with a fake knowledge base."""

import pytest

from realpolitik.eval.sipri import category_matches, iso3, parse_rows, score

ROWS = [
    {"Supplier": "Israel", "Weapon designation": "Spike-LR", "Weapon description": "anti-tank missile", "status": "New"},
    {"Supplier": "Turkiye", "Weapon designation": "Bayraktar TB2", "Weapon description": "armed UAV", "status": "New"},
    {"Supplier": "Belarus", "Weapon designation": "T-72", "Weapon description": "tank", "status": "Second hand"},
    {"Supplier": "Israel", "Weapon designation": "Spike-LR", "Weapon description": "anti-tank missile", "status": "New"},
]


class FakeKB:
    def __init__(self, rows):
        self.rows = rows

    def find_weapon(self, designation):
        return self.rows.get(designation)


RIGHT = {"Spike-LR": {"designation": "Spike-LR", "family": "Spike", "category": "anti-tank missile",
                      "maker": "Rafael Advanced Defense Systems", "country": "ISR"},
         "Bayraktar TB2": {"designation": "Bayraktar TB2", "family": "Bayraktar", "category": "unmanned aerial vehicle",
                           "maker": "Baykar", "country": "Turkey"},
         "T-72": {"designation": "T-72", "family": "T-72", "category": "main battle tank", "maker": "Uralvagonzavod",
                  "country": "RUS"}}


def test_rows_to_designations():
    ds = parse_rows(ROWS)
    assert [d.designation for d in ds] == ["Spike-LR", "Bayraktar TB2", "T-72"]
    assert ds[0].maker_countries == {"ISR"} and ds[1].maker_countries == {"TUR"}
    assert ds[2].maker_countries == set()  # second-hand: the supplier is not the maker


def test_perfect():
    m = score(parse_rows(ROWS), FakeKB(RIGHT))
    assert m["resolved_share"] == m["category_share"] == m["maker_share"] == 1.0


def test_empty_kb():
    m = score(parse_rows(ROWS), FakeKB({}))
    assert m["resolved_share"] == m["category_share"] == m["maker_share"] == 0.0
    assert score([], FakeKB({}))["resolved_share"] == 0.0


def test_partial_hand_computed():
    kb = dict(RIGHT)
    kb["Bayraktar TB2"] = dict(RIGHT["Bayraktar TB2"], category="tank", country="ISR")
    del kb["T-72"]
    m = score(parse_rows(ROWS), FakeKB(kb))
    assert m["resolved_share"] == pytest.approx(2 / 3)
    assert m["category_share"] == pytest.approx(1 / 3)
    assert m["maker_share"] == 0.5


@pytest.mark.parametrize("ours,theirs,ok", [
    ("unmanned aerial vehicle", "UAV", True), ("unmanned aerial vehicle", "armed UAV", True),
    ("surface-to-air missile system", "SAM system", True), ("main battle tank", "tank", True),
    ("anti-tank missile", "tank", False), ("air-to-surface missile", "air-to-surface/surface-to-surface missile", True),
    ("armoured personnel carrier", "APC", True), (None, "tank", False)])
def test_category_matches(ours, theirs, ok):
    assert category_matches(ours, {theirs}) is ok


def test_iso3():
    assert iso3("Turkiye") == "TUR" and iso3("Israel") == "ISR" and iso3("ISR") == "ISR"
    assert iso3("unknown supplier(s)") is None
