"""PETR2 validation reader and triple scorer on hand-made sentences."""

import pytest

from realpolitik.eval.petr2 import GoldSentence, PredEvent, Triple, parse_xml, plover_of, prefix, score

XML = """<Validation>
# header with a placeholder <EventCoding...>
<Sentences>
<Sentence category="AFP" date="20080804" id="s1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="USAGOV" targetcode="CHN" />
<!-- <EventCoding eventcode="999" sourcecode="XXX" targetcode="YYY" /> -->
<Text>
The US leader
went to China.
</Text>
</Sentence>
<Sentence category="AFP" date="20080806" id="s2" evaluate="true"/>
<EventCoding noevents="True" />
<Text>
</Text>
<Parse>
1\tNothing\tnothing\tPRON\tNN\t_\t2\tnsubj\t_\t_
2\thappened\thappen\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_
</Parse>
</Sentence>
</Sentences></Validation>"""


def test_tolerant_reader():
    s1, s2 = parse_xml(XML)
    assert s1.id == "s1" and s1.text == "The US leader went to China." and s1.date == "20080804"
    assert s1.triples == [Triple("USA", "CHN", "042")] and not s1.no_events
    assert s2.no_events and s2.triples == [] and s2.text == "Nothing happened."


def test_prefix():
    assert prefix("IGOEUREEC") == "IGO" and prefix("---REB") == "---" and prefix(None) == "---"


GOLD = [GoldSentence("a", "x", triples=[Triple("USA", "CHN", "042")]),
        GoldSentence("b", "y", triples=[Triple("BRA", "USA", "031"), Triple("USA", "BRA", "031")]),
        GoldSentence("c", "z", no_events=True)]
TABLE = {"04": "CONSULT", "03": "AGREE", "01": "MAKE_STATEMENT"}


def test_perfect():
    pred = [[PredEvent("USA", "CHN", "042", "CONSULT")],
            [PredEvent("BRA", "USA", "031", "AGREE"), PredEvent("USA", "BRA", "031", "AGREE")], []]
    m = score(GOLD, pred, TABLE)
    assert m["correct_pct"] == m["correct_exact_pct"] == m["correct_plover_pct"] == 100.0
    assert m["missed"] == m["extra"] == 0 and m["cameo_root_accuracy"] == 1.0


def test_empty():
    m = score(GOLD, [[], [], []], TABLE)
    assert m["correct"] == 0 and m["missed"] == 3 and m["extra"] == 0
    assert m["correct_pct"] == 0.0 and m["missed_pct"] == 100.0 and m["cameo_root_accuracy"] == 0.0
    assert score([], [])["correct_pct"] == 0.0


def test_partial_hand_computed():
    pred = [[PredEvent("USA", "CHN", "040", "CONSULT")],           # right root, wrong code
            [PredEvent("BRA", "USA", "031", "AGREE"),
             PredEvent("BRA", "USA", "031", "AGREE", 0.1)],         # a duplicate triple counts once
            [PredEvent("---", "---", "010", None)]]                  # any event on a no-event sentence is extra
    m = score(GOLD, pred, TABLE)
    assert (m["gold_triples"], m["predicted_triples"]) == (3, 3)
    assert (m["correct"], m["correct_exact"], m["missed"], m["extra"]) == (2, 1, 1, 1)
    assert m["correct_pct"] == pytest.approx(200 / 3)
    assert m["extra_pct"] == pytest.approx(100 / 3)
    assert m["extra_on_no_event_sentences"] == 1
    assert m["predicted_outside_gold_pct"] == pytest.approx(100 / 3)
    assert m["correct_plover"] == 2 and m["cameo_root_accuracy"] == 1.0


def test_plover_of_walks_up_the_code():
    assert plover_of("0423", TABLE) == "CONSULT" and plover_of("999", TABLE) is None
