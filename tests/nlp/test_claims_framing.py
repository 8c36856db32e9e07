"""Claims (who says what, with which cue and modality) and framing (loaded wording, its target,
whose words they are), with neutrality checked on mirrored pairs. Sentences are our own."""

from __future__ import annotations

import pytest
from rp_helpers import actor_country, xfail


def _claims(record: dict) -> str:
    return "; ".join(f"{c['speaker']}({c['speaker_country']}) {c['cue']!r} {c['modality']} "
                     f"{c['content']['text']!r}" for c in record["claims"]) or "no claims"


def _framing(record: dict) -> str:
    return "; ".join(f"{f['text']!r} {f['technique']} ->{f['target']} by {f['attributed_to']}"
                     for f in record["framing"]) or "no framing"


# --------------------------------------------------------------------------------------------
# Claims
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, country, content", [
    ("According to Iran, the talks will continue next week.", "IRN", "the talks will continue"),
    ("According to Azerbaijan, the border is calm.", "AZE", "the border is calm"),
    ("According to the Armenian foreign ministry, the border is calm.", "ARM", "the border is calm"),
    ("According to Kremlin spokesman Dmitry Peskov, the talks are over.", "RUS", "the talks are over"),
])
def test_according_to(analyse, text, country, content):
    record = analyse(text)
    (claim,) = record["claims"]
    assert claim["cue"].lower() == "according to", _claims(record)
    assert claim["speaker_country"] == country, _claims(record)
    assert actor_country(record, claim["speaker"]) == country
    assert claim["modality"] == "reported"
    assert content in claim["content"]["text"]
    assert "According" not in claim["content"]["text"]


@pytest.mark.parametrize("text, country", [
    ("The Indian army said that the situation along the border was stable.", "IND"),
    ("Pakistan said that the ceasefire was holding.", "PAK"),
    ("Taiwan said that Chinese jets had entered its air defence zone.", "TWN"),
    ("Venezuela said that the election had been fair.", "VEN"),
])
def test_said_that_is_reported(analyse, text, country):
    record = analyse(text)
    claims = [c for c in record["claims"] if c["cue"] == "said"]
    assert claims, _claims(record)
    (claim,) = claims
    assert claim["speaker_country"] == country
    assert claim["modality"] == "reported"
    assert claim["content"]["text"].startswith("that ") or "said" not in claim["content"]["text"]


@pytest.mark.parametrize("text", [
    "It seems that the negotiations have stalled.",
    "It seems that both sides want a deal.",
    "It appears that the ceasefire is holding.",
])
def test_it_seems_is_the_author_speculating(analyse, text):
    record = analyse(text)
    (claim,) = record["claims"]
    assert claim["speaker"] == "AUTHOR"
    assert claim["speaker_country"] is None
    assert claim["modality"] == "speculative"
    assert claim["cue"].lower().startswith("it ")
    assert "seems" not in claim["content"]["text"] and "appears" not in claim["content"]["text"]


def test_denial_is_a_negated_claim(analyse):
    record = analyse("Armenia denied that its troops had crossed the border.")
    (claim,) = record["claims"]
    assert claim["speaker_country"] == "ARM"
    assert claim["modality"] == "negated"


@xfail("quoted claim content is cut unevenly: for 'X said \"...\"' the content keeps the closing "
       "quotation mark but drops the opening one")
def test_quoted_content_has_balanced_quotes(analyse):
    record = analyse('The Russian foreign ministry said "the talks are pointless".')
    (claim,) = record["claims"]
    assert claim["content"]["text"].count('"') % 2 == 0, _claims(record)


# --------------------------------------------------------------------------------------------
# Official names are not framing
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The Islamic Republic of Iran held elections on Friday.",
    "The Republic of Azerbaijan signed a deal with Turkey.",
    "The Republic of Armenia opened a new embassy in Paris.",
    "The Russian Federation held talks with China.",
    "The State of Israel marked its anniversary.",
    "The People's Republic of China issued a statement.",
    "The Bolivarian Republic of Venezuela appointed a new ambassador.",
    "The Islamic Republic of Pakistan launched a satellite.",
    "The Republic of India hosted the summit.",
    "The Jewish state opened a consulate in Baku.",
    "The Islamic Republic announced new elections.",
])
def test_official_names_are_never_framing(analyse, text):
    record = analyse(text)
    assert not record["framing"], _framing(record)


# --------------------------------------------------------------------------------------------
# Neutrality: the same loaded wording aimed at either side is caught the same way
# --------------------------------------------------------------------------------------------

# Six rival pairs, two labels per side (from kb/data/labels.tsv), in two sentence templates:
# 12 mirrored label pairs x 2 templates.
LABEL_PAIRS = [
    ("ISR", "Zionist regime", "IRN", "mullah regime"),
    ("ISR", "Tel Aviv regime", "IRN", "Tehran regime"),
    ("RUS", "Kremlin regime", "UKR", "Kyiv regime"),
    ("RUS", "Putin regime", "UKR", "Kyiv junta"),
    ("ARM", "Armenian aggressors", "AZE", "Azerbaijani aggressors"),
    ("ARM", "Yerevan regime", "AZE", "Aliyev regime"),
    ("IND", "Modi regime", "PAK", "terror state Pakistan"),
    ("IND", "Hindutva regime", "PAK", "Terroristan"),
    ("CHN", "CCP regime", "TWN", "Taiwan separatists"),
    ("CHN", "Beijing regime", "TWN", "splittist regime"),
    ("USA", "Washington regime", "VEN", "Maduro regime"),
    ("USA", "Yankee imperialists", "VEN", "Caracas regime"),
]
AUTHOR_TEMPLATES = [
    "Observers blamed the {label} for the latest escalation.",
    "The {label} rejected the proposal on Tuesday.",
]

NEUTRALITY_GAPS = {
    # (label, template index): reason
}


def _neutral_params():
    for a, la, b, lb in LABEL_PAIRS:
        for i, template in enumerate(AUTHOR_TEMPLATES):
            reason = NEUTRALITY_GAPS.get((la, i)) or NEUTRALITY_GAPS.get((lb, i))
            marks = (xfail(reason),) if reason else ()
            yield pytest.param(template, a, la, b, lb, id=f"{a}-{b}-{la}-{lb}-t{i}", marks=marks)


def _aimed(record: dict, label: str) -> list[dict]:
    return [f for f in record["framing"] if label.lower() in f["text"].lower()
            or f["text"].lower() in label.lower()]


@pytest.mark.parametrize("template, a, la, b, lb", list(_neutral_params()))
def test_mirrored_labels_in_the_author_voice(analyse, template, a, la, b, lb):
    for label, target, other in ((la, a, b), (lb, b, a)):
        record = analyse(template.format(label=label))
        spans = _aimed(record, label)
        assert spans, f"{label!r} not caught: {_framing(record)}"
        assert {f["target"] for f in spans} == {target}, _framing(record)
        assert {f["attributed_to"] for f in spans} == {"AUTHOR"}, _framing(record)
        assert "name_calling" in {f["technique"] for f in spans}, _framing(record)
        assert not [f for f in record["framing"] if f["target"] == other], _framing(record)


QUOTED = [
    # (speaker phrase, speaker country, label, label's target)
    ("Iran's foreign minister", "IRN", "Zionist regime", "ISR"),
    ("Israel's prime minister", "ISR", "mullah regime", "IRN"),
    ("The Russian foreign ministry", "RUS", "Kyiv regime", "UKR"),
    ("Ukraine's president", "UKR", "Kremlin regime", "RUS"),
    ("Armenia's prime minister", "ARM", "Aliyev regime", "AZE"),
    ("Azerbaijan's president", "AZE", "Armenian aggressors", "ARM"),
    ("Pakistan's foreign ministry", "PAK", "Modi regime", "IND"),
    ("India's foreign ministry", "IND", "terror state Pakistan", "PAK"),
    ("China's foreign ministry", "CHN", "Taiwan separatists", "TWN"),
    ("Taiwan's defence ministry", "TWN", "CCP regime", "CHN"),
    ("Venezuela's foreign minister", "VEN", "Washington regime", "USA"),
    ("The US State Department", "USA", "Maduro regime", "VEN"),
]


@pytest.mark.parametrize("speaker, country, label, target", QUOTED,
                         ids=[f"{q[1]}-on-{q[3]}" for q in QUOTED])
def test_quoted_label_is_the_speakers(analyse, speaker, country, label, target):
    record = analyse(f'{speaker} said that "the {label} cannot be trusted".')
    spans = _aimed(record, label)
    assert spans, _framing(record)
    for f in spans:
        assert f["target"] == target, _framing(record)
        assert f["attributed_to"] != "AUTHOR", _framing(record)
        assert actor_country(record, f["attributed_to"]) == country, (
            f"{_framing(record)}; actors: {[(x['id'], x['country']) for x in record['actors']]}")


def test_quoted_label_without_that(analyse):
    record = analyse('Ukraine\'s president said "the Kremlin regime is doomed".')
    (span,) = _aimed(record, "Kremlin regime")
    assert span["target"] == "RUS"
    assert actor_country(record, span["attributed_to"]) == "UKR"


def test_same_label_author_vs_quoted(analyse):
    """The author's own 'Zionist regime' is AUTHOR's; the same words in a quote are Iran's."""
    own = analyse("The Zionist regime bombed the port again.")
    quoted = analyse('Iran said "the Zionist regime bombed the port again".')
    assert {f["attributed_to"] for f in _aimed(own, "Zionist regime")} == {"AUTHOR"}
    assert {f["attributed_to"] for f in _aimed(quoted, "Zionist regime")} == {"IRN"}


@pytest.mark.parametrize("text, expected", [
    ("The Zionist regime and the mullah regime traded threats.",
     {"Zionist regime": "ISR", "mullah regime": "IRN"}),
    ("The Kremlin regime and the Kyiv regime traded accusations.",
     {"Kremlin regime": "RUS", "Kyiv regime": "UKR"}),
])
def test_both_sides_labelled_in_one_sentence(analyse, text, expected):
    record = analyse(text)
    got = {f["text"]: f["target"] for f in record["framing"] if f["technique"] == "name_calling"}
    assert got == expected, _framing(record)


@pytest.mark.parametrize("speaker, country, label, target", [
    pytest.param("Iran", "IRN", "Zionist regime", "ISR", id="IRN-on-ISR"),
    pytest.param("Israel", "ISR", "mullah regime", "IRN", id="ISR-on-IRN"),
])
def test_label_in_indirect_speech_is_the_speakers(analyse, speaker, country, label, target):
    record = analyse(f"{speaker} said the {label} was behind the attack.")
    (span,) = _aimed(record, label)
    assert span["target"] == target
    assert actor_country(record, span["attributed_to"]) == country, _framing(record)


# --------------------------------------------------------------------------------------------
# Loaded language and name calling from the lexicon (kb/data/framing.tsv)
# --------------------------------------------------------------------------------------------

def _loaded(record: dict, technique: str = "loaded_language") -> list[str]:
    return [f["text"] for f in record["framing"] if f["technique"] == technique]


@pytest.mark.parametrize("text, word", [
    ("The minister gave a devastating speech to the assembly.", "devastating"),
    ("The governor called the plan a shocking betrayal of the voters.", "shocking"),
    ("Critics said the reform was an utter fiasco from the first day.", "fiasco"),
    ("Her rivals spread lies about the mayor for months.", "lies"),
])
def test_evaluative_words_count_without_support(analyse, text, word):
    """Words whose meaning carries the judgement are loaded wherever they stand."""
    record = analyse(text)
    assert any(word in t for t in _loaded(record)), _framing(record)


@pytest.mark.parametrize("text", [
    "The court convicted the two men of extortion and blackmail.",
    "The factory makes incendiary rounds for the army.",
    "Police said the man faked his passport.",
])
def test_offence_names_and_technical_terms_are_not_loaded(analyse, text):
    """Names of offences and weapon terms are plain reporting unless something sharpens them."""
    record = analyse(text)
    assert not _loaded(record), _framing(record)


def test_intensity_word_is_loaded_language_not_exaggeration(analyse):
    record = analyse("The council approved a huge increase in the budget.")
    assert any("huge" in t for t in _loaded(record)), _framing(record)
    assert not [f for f in record["framing"] if f["technique"] == "exaggeration" and "huge" in f["text"]]


@pytest.mark.parametrize("text, word", [
    ("The ringleaders and their hoodlums were arrested at dawn.", "hoodlums"),
    ("The senator dismissed his critics as fearmongers.", "fearmongers"),
    ("The columnist called the inquiry a witch hunt.", "witch hunt"),
])
def test_derogatory_nouns_are_name_calling(analyse, text, word):
    record = analyse(text)
    assert any(word in t for t in _loaded(record, "name_calling")), _framing(record)


def test_a_line_printed_twice_is_page_furniture(analyse):
    """A poll or sign-up line repeated down a page loads nothing, its first copy included."""
    poll = "Who is the most disgraceful politician of the year?"
    record = analyse(f"The vote is on Sunday.\n{poll}\n{poll}\nThe polls open at eight.")
    assert not record["framing"], _framing(record)


@pytest.mark.parametrize("text, phrase", [
    ("The spokesman dismissed the report as pernicious nonsense.", "pernicious nonsense"),
    ("The opposition called the ruling bogus and farcical.", "bogus and farcical"),
    ("Residents described the speech as cheap and vulgar.", "cheap and vulgar"),
])
def test_loaded_word_grows_to_its_phrase(analyse, text, phrase):
    """The measure is by characters: the adjectives on a loaded noun and coordinated evaluative
    words belong to the same loaded phrase."""
    record = analyse(text)
    assert any(phrase in t for t in _loaded(record)), _framing(record)


def test_weak_word_needs_a_degree_word_not_a_person(analyse):
    """A weak word aimed at a person is still plain reporting; a degree word makes it loaded."""
    plain = analyse("The court jailed the corrupt official for ten years.")
    sharpened = analyse("The court jailed the deeply corrupt official for ten years.")
    assert not _loaded(plain), _framing(plain)
    assert any("corrupt" in f["text"] for f in sharpened["framing"]), _framing(sharpened)


@pytest.mark.parametrize("text, phrase", [
    ("The article called him a despotic leader.", "despotic leader"),
    ("Parishioners protested against the wicked priests.", "wicked priests"),
])
def test_loaded_phrase_about_people_is_name_calling(analyse, text, phrase):
    """An evaluative phrase headed by a noun for people labels them (match = person rows)."""
    record = analyse(text)
    assert any(phrase in t for t in _loaded(record, "name_calling")), _framing(record)
    assert not any(phrase in t for t in _loaded(record)), _framing(record)


def test_loaded_phrase_about_a_thing_stays_loaded_language(analyse):
    record = analyse("The minister gave a devastating speech to the assembly.")
    assert any("devastating speech" in t for t in _loaded(record)), _framing(record)


@pytest.mark.parametrize("text, phrase, technique", [
    ("The farmers blamed the reckless, incompetent ministers for the drought.", "reckless, incompetent ministers",
     "name_calling"),
    ("The paper ran another smear piece about the candidate.", "smear piece", "loaded_language"),
])
def test_phrase_over_listed_adjectives_and_loaded_compounds(analyse, text, phrase, technique):
    record = analyse(text)
    assert any(phrase in t for t in _loaded(record, technique)), _framing(record)


@pytest.mark.parametrize("text, idiom", [
    ("The minister said the opposition had thrown the farmers under the bus.", "under the bus"),
    ("The treaty was the final nail in the coffin for the talks.", "nail in the coffin"),
    ("Critics called the hearing a kangaroo court.", "kangaroo court"),
])
def test_figurative_idioms_are_loaded(analyse, text, idiom):
    record = analyse(text)
    assert any(idiom in f["text"] for f in record["framing"]), _framing(record)


def test_title_case_loaded_compound_grows_to_its_head(analyse):
    """Headline capitals make the parser read a loaded word as a name; it still loads its head."""
    record = analyse("The blog kept attacking the Dictator Pope on its front page.")
    assert any("Dictator Pope" in f["text"] for f in record["framing"]), _framing(record)
