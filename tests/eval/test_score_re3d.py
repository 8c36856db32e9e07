"""re3d type mapping and span scorer on hand-made spans."""

import pytest

from realpolitik.eval.re3d import Span, score, spans_of, weapon_type

GOLD = [Span("d", 0, 5, "Location"), Span("d", 10, 20, "Organisation"), Span("d", 30, 37, "Nationality"),
        Span("d", 50, 53, "Weapon")]


def test_perfect():
    m = score(GOLD, list(GOLD))
    for group in ("actors", "weapons"):
        for k in ("exact_precision", "exact_recall", "exact_f1", "overlap_f1"):
            assert m[f"{group}.{k}"] == 1.0


def test_empty():
    m = score(GOLD, [])
    assert m["actors.overlap_recall"] == m["actors.exact_f1"] == m["weapons.overlap_f1"] == 0.0
    assert m["Person.exact_f1"] == 0.0 and score([], [])["actors.exact_f1"] == 0.0


def test_partial_hand_computed():
    pred = [Span("d", 0, 5, "Location"),        # exact
            Span("d", 12, 20, "Organisation"),  # overlaps only
            Span("d", 40, 45, "Person"),        # nothing there
            Span("e", 0, 5, "Location")]        # another document
    m = score(GOLD, pred)
    assert m["Location.exact_precision"] == 0.5 and m["Location.exact_recall"] == 1.0
    assert m["Organisation.exact_f1"] == 0.0 and m["Organisation.overlap_f1"] == 1.0
    assert m["actors.exact_precision"] == 0.25 and m["actors.exact_recall"] == pytest.approx(1 / 3)
    assert m["actors.overlap_precision"] == 0.5 and m["actors.overlap_recall"] == pytest.approx(2 / 3)
    assert m["actors.overlap_f1"] == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert m["weapons.predicted"] == 0 and m["weapons.overlap_recall"] == 0.0


def test_a_span_of_the_wrong_type_does_not_count():
    m = score([Span("d", 0, 5, "Location")], [Span("d", 0, 5, "Nationality")])
    assert m["actors.exact_f1"] == 0.0 and m["actors.overlap_f1"] == 0.0


def m(start, end, kind="name"):
    return {"start": start, "end": end, "text": "", "kind": kind}


def test_record_to_re3d_types():
    record = {
        "actors": [
            {"id": "SYR", "type": "state", "mentions": [m(0, 5), m(6, 12, "demonym"), m(13, 20, "metonym"),
                                                       m(21, 30, "label"), m(31, 35, "pronoun")]},
            {"id": "p", "type": "person", "mentions": [m(40, 45), m(46, 48, "pronoun")]},
            {"id": "o", "type": "armed_group", "mentions": [m(50, 55)]},
            {"id": "g", "type": "igo", "mentions": [m(56, 58)]},
            {"id": "l", "type": "location", "mentions": [m(60, 65)]},
        ],
        "weapons": [{"start": 70, "end": 75, "category": "anti-tank missile"},
                    {"start": 80, "end": 85, "category": "main battle tank"}],
    }
    got = {(s.start, s.type) for s in spans_of("d", record)}
    assert got == {(0, "Location"), (6, "Nationality"), (13, "Location"), (21, "Organisation"),
                   (31, "Organisation"), (40, "Person"), (46, "Person"), (50, "Organisation"), (56, "Organisation"), (60, "Location"),
                   (70, "Weapon"), (80, "MilitaryPlatform")}
    assert spans_of("d", None) == [] and spans_of("d", {"actors": []}) == []


@pytest.mark.parametrize("category,expected", [
    ("anti-tank missile", "Weapon"), ("assault rifle", "Weapon"), ("120 mm mortar", "Weapon"),
    ("unmanned aerial vehicle", "MilitaryPlatform"), ("attack helicopter", "MilitaryPlatform"),
    ("frigate", "MilitaryPlatform"), ("tanks", "MilitaryPlatform"), (None, "Weapon")])
def test_weapon_type(category, expected):
    assert weapon_type(category) == expected


def test_state_acting_and_its_people_are_organisations():
    # ACE's GPE roles: the state as an agent (org) and its people (per) are re3d Organisations
    mentions = [dict(m(0, 5), gpe_role="org"), dict(m(6, 12), gpe_role="loc"), m(13, 20),
                dict(m(21, 28, "demonym"), gpe_role="per"), m(30, 36, "demonym")]
    got = {(s.start, s.type) for s in spans_of("d", {"actors": [{"id": "SYR", "type": "state", "mentions": mentions}]})}
    assert got == {(0, "Organisation"), (6, "Location"), (13, "Location"), (21, "Organisation"), (30, "Nationality")}


def test_mentions_inside_longer_ones_are_not_scored():
    # re3d annotates no span inside another: "ISIL" in "an ISIL-held building" is the building's
    record = {"actors": [{"id": "g", "type": "armed_group", "mentions": [m(3, 7)]},
                         {"id": "place:building", "type": "location", "mentions": [m(0, 20, "description")]},
                         {"id": "SYR", "type": "state", "mentions": [m(0, 20, "description"), m(30, 35)]}]}
    got = {(s.start, s.end, s.type) for s in spans_of("d", record)}
    assert got == {(0, 20, "Location"), (0, 20, "Organisation"), (30, 35, "Location")}
