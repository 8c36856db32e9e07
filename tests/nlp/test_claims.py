"""Claims: who the speaker is (subject, apposition, organ, pronoun, continued quotation), the
speaker's state, and what is not a claim. Sentences are our own; the pairs mirror each other."""

from __future__ import annotations

import pytest


def _claims(record: dict) -> str:
    return "; ".join(f"{c['speaker']}({c['speaker_country']}) {c['cue']!r} {c['modality']} "
                     f"{c['content']['text']!r} <{c['evidence']['text']}>" for c in record["claims"]) or "no claims"


def _speakers(record: dict) -> list[tuple[str, str | None]]:
    return [(c["cue"], c["speaker_country"]) for c in record["claims"]]


# --------------------------------------------------------------------------------------------
# The speaker's state from the description the text gives of them
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, country", [
    ("Colonel Oleh Marchuk, the spokesman for Ukraine's navy, said that two patrol boats were damaged.",
     "UKR"),
    ("Captain Pavel Zorin, the spokesman for Russia's navy, said that two patrol boats were damaged.",
     "RUS"),
    ("Major Tigran Vardanyan, a spokesman for Armenia's army, said that the village was shelled overnight.",
     "ARM"),
    ("Major Elchin Guliyev, a spokesman for Azerbaijan's army, said that the village was shelled overnight.",
     "AZE"),
])
def test_person_in_apposition_to_an_organ_speaks_for_its_state(analyse, text, country):
    record = analyse(text)
    said = [c for c in record["claims"] if c["cue"] == "said"]
    assert said, _claims(record)
    assert said[0]["speaker_country"] == country, _claims(record)


@pytest.mark.parametrize("text, country", [
    ("India's Defence Ministry said the drills had ended. The ministry's spokesman Ravi Malhotra said "
     "that no shots were fired.", "IND"),
    ("Pakistan's Defence Ministry said the drills had ended. The ministry's spokesman Imran Qureshi said "
     "that no shots were fired.", "PAK"),
])
def test_spokesman_of_the_ministry_named_before(analyse, text, country):
    record = analyse(text)
    second = [c for c in record["claims"] if "no shots" in c["content"]["text"]]
    assert second, _claims(record)
    assert second[0]["speaker_country"] == country, _claims(record)


@pytest.mark.parametrize("text, country", [
    ("A Chinese official said the ships had left the area. Another official said that talks would "
     "resume in May.", "CHN"),
    ("A Philippine official said the ships had left the area. Another official said that talks would "
     "resume in May.", "PHL"),
])
def test_another_official_is_the_official_named_before(analyse, text, country):
    record = analyse(text)
    second = [c for c in record["claims"] if "resume" in c["content"]["text"]]
    assert second, _claims(record)
    assert second[0]["speaker_country"] == country, _claims(record)


# --------------------------------------------------------------------------------------------
# Pronouns and quotations: the speaker the text just quoted
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, country", [
    ("Turkish Foreign Minister Hakan Fidan said the talks were useful. He added that a second round "
     "would follow in Ankara.", "TUR"),
    ("Greek Foreign Minister George Gerapetritis said the talks were useful. He added that a second round "
     "would follow in Athens.", "GRC"),
])
def test_he_added_is_the_last_named_speaker(analyse, text, country):
    record = analyse(text)
    added = [c for c in record["claims"] if c["cue"] == "added"]
    assert added, _claims(record)
    assert added[0]["speaker_country"] == country, _claims(record)


@pytest.mark.parametrize("text, country", [
    ('"The convoy was attacked twice on the road. Three trucks were burned," Iran\'s foreign ministry said.',
     "IRN"),
    ('"The convoy was attacked twice on the road. Three trucks were burned," Iraq\'s foreign ministry said.',
     "IRQ"),
])
def test_quotation_over_two_sentences_is_one_claim(analyse, text, country):
    record = analyse(text)
    assert len(record["claims"]) == 1, _claims(record)
    (claim,) = record["claims"]
    assert claim["speaker_country"] == country
    # the evidence reaches back to the sentence that opens the quotation
    assert "convoy" in claim["evidence"]["text"], _claims(record)


@pytest.mark.parametrize("text, country", [
    ('"The blockade must end," the Venezuelan foreign ministry said. "We will answer any new sanctions."',
     "VEN"),
    ('"The blockade must end," the Cuban foreign ministry said. "We will answer any new sanctions."',
     "CUB"),
])
def test_a_quotation_of_its_own_after_a_quoted_speaker_is_theirs(analyse, text, country):
    record = analyse(text)
    quoted = [c for c in record["claims"] if "new sanctions" in c["evidence"]["text"]]
    assert quoted, _claims(record)
    assert all(c["speaker_country"] == country for c in quoted), _claims(record)


def test_first_person_inside_a_quotation_is_the_same_statement(analyse):
    record = analyse('Japanese Prime Minister Fumio Kishida spoke after the summit. He said: '
                     '"I urge every partner to send more aid to the region."')
    assert [c["speaker_country"] for c in record["claims"]] == ["JPN"], _claims(record)


# --------------------------------------------------------------------------------------------
# Speech acts with an object, and what is not a claim
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, country", [
    ("Iran condemned the air strike on the airport in Damascus.", "IRN"),
    ("Israel condemned the rocket attack on the port of Haifa.", "ISR"),
])
def test_condemning_something_is_a_claim(analyse, text, country):
    record = analyse(text)
    assert [c["speaker_country"] for c in record["claims"]] == [country], _claims(record)


@pytest.mark.parametrize("text", [
    "At least twelve people were killed in the explosion near the market.",
    "Up to forty soldiers were wounded in the fighting.",
    "The statements of the Serbian foreign ministry drew wide attention.",
    "The positions of the Kosovo police units in the north were reinforced.",
])
def test_not_claims(analyse, text):
    record = analyse(text)
    assert record["claims"] == [], _claims(record)


@pytest.mark.parametrize("text", [
    "North Korea has reportedly shipped artillery shells to Russia.",
    "Belarus has reportedly shipped artillery shells to Russia.",
])
def test_reportedly_is_the_writer_hedging(analyse, text):
    record = analyse(text)
    (claim,) = record["claims"]
    assert claim["speaker"] == "AUTHOR", _claims(record)
    assert claim["modality"] == "speculative"
    assert "shells" in claim["content"]["text"]


# --------------------------------------------------------------------------------------------
# Parses that hide the reported clause or the speaker
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, country", [
    ("The Serbian army said earlier that a weather balloon had come down in a field.", "SRB"),
    ("The Croatian army said earlier that a weather balloon had come down in a field.", "HRV"),
])
def test_said_earlier_that(analyse, text, country):
    record = analyse(text)
    assert [c["speaker_country"] for c in record["claims"]] == [country], _claims(record)
    assert "balloon" in record["claims"][0]["content"]["text"]


@pytest.mark.parametrize("text, country", [
    ('"The shelling of the villages has to stop at once," Armenia\'s foreign minister went on.', "ARM"),
    ('"The shelling of the villages has to stop at once," Azerbaijan\'s foreign minister went on.', "AZE"),
])
def test_went_on_after_a_quotation(analyse, text, country):
    record = analyse(text)
    assert [c["speaker_country"] for c in record["claims"]] == [country], _claims(record)
    assert "shelling" in record["claims"][0]["content"]["text"]


@pytest.mark.parametrize("text, country", [
    ("Hezbollah said its fighters had hit a tank near the border. The movement also said that two "
     "of its members were killed.", "LBN"),
    ("Hamas said its fighters had hit a tank near the border. The movement also said that two "
     "of its members were killed.", "PSE"),
])
def test_the_movement_is_the_body_that_spoke_last(analyse, text, country):
    record = analyse(text)
    second = [c for c in record["claims"] if "members" in c["content"]["text"]]
    assert second, _claims(record)
    assert second[0]["speaker_country"] == country, _claims(record)


@pytest.mark.parametrize("text, country", [
    ("Colonel Oleh Marchuk, the spokesman for Ukraine's navy, said two boats were hit. Later, Marchuk "
     "said that the crews were safe.", "UKR"),
    ("Captain Pavel Zorin, the spokesman for Russia's navy, said two boats were hit. Later, Zorin "
     "said that the crews were safe.", "RUS"),
])
def test_surname_later_keeps_the_state_of_the_full_name(analyse, text, country):
    record = analyse(text)
    second = [c for c in record["claims"] if "crews" in c["content"]["text"]]
    assert second, _claims(record)
    assert second[0]["speaker_country"] == country, _claims(record)


@pytest.mark.parametrize("text, country", [
    ("TBILISI (AFP) - Georgia said on Monday that the border crossing would reopen.", "GEO"),
    ("YEREVAN (AFP) - Armenia said on Monday that the border crossing would reopen.", "ARM"),
])
def test_dateline_is_not_the_speaker(analyse, text, country):
    record = analyse(text)
    assert [c["speaker_country"] for c in record["claims"]] == [country], _claims(record)


@pytest.mark.parametrize("text, country", [
    ("Vessels of the Vietnam Coast Guard (VCG) left the reef on Monday. Commander Nguyen Van Long, the VCG "
     "spokesperson, said that two fishing boats were damaged.", "VNM"),
    ("Vessels of the Malaysian Coast Guard (MCG) left the reef on Monday. Commander Ahmad Zaki, the MCG "
     "spokesperson, said that two fishing boats were damaged.", "MYS"),
])
def test_abbreviation_the_text_defines_names_the_speakers_state(analyse, text, country):
    record = analyse(text)
    said = [c for c in record["claims"] if "fishing boats" in c["content"]["text"]]
    assert said, _claims(record)
    assert said[0]["speaker_country"] == country, _claims(record)


@pytest.mark.parametrize("text, country", [
    ("Zhao Lei, a spokesman for China's navy, said the drill was routine. Zhao said that more drills "
     "would follow.", "CHN"),
    ("Tran Van Hai, a spokesman for Vietnam's navy, said the drill was routine. Tran said that more "
     "drills would follow.", "VNM"),
])
def test_surname_first_names(analyse, text, country):
    record = analyse(text)
    second = [c for c in record["claims"] if "more" in c["content"]["text"]]
    assert second, _claims(record)
    assert second[0]["speaker_country"] == country, _claims(record)


@pytest.mark.parametrize("text, country", [
    ("Ivan Petrenko, the head of the Kharkiv Oblast police, said that two missiles hit a factory.", "UKR"),
    ("Ivan Petrenko, the head of the Belgorod Oblast police, said that two missiles hit a factory.", "RUS"),
])
def test_a_place_that_names_the_speakers_office(analyse, text, country):
    record = analyse(text)
    assert [c["speaker_country"] for c in record["claims"]] == [country], _claims(record)


@pytest.mark.parametrize("text", [
    "Ivan Petrenko, a reporter in Kharkiv, said that two missiles hit a factory.",
    "Ivan Petrenko, a reporter in Belgorod, said that two missiles hit a factory.",
])
def test_a_place_where_the_speaker_is_says_nothing_of_their_state(analyse, text):
    record = analyse(text)
    assert [c["speaker_country"] for c in record["claims"]] == [None], _claims(record)


@pytest.mark.parametrize("text, country", [
    ("Reports from the Indian army confirmed that two posts were shelled overnight.", "IND"),
    ("Reports from the Pakistani army confirmed that two posts were shelled overnight.", "PAK"),
])
def test_reports_from_a_body_are_its_claims(analyse, text, country):
    record = analyse(text)
    assert [c["speaker_country"] for c in record["claims"]] == [country], _claims(record)


@pytest.mark.parametrize("text", [
    "Serbian troops allegedly crossed the line near the lake.",
    "Kosovo police allegedly crossed the line near the lake.",
])
def test_allegedly_is_the_writer_keeping_distance(analyse, text):
    record = analyse(text)
    authored = [c for c in record["claims"] if c["speaker"] == "AUTHOR"]
    assert [c["modality"] for c in authored] == ["disputed"], _claims(record)
