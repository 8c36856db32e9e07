"""Events: PLOVER categories, modality, voice, nominal and reciprocal forms, mirrored sides.

The key invariant: an event the text negates, puts in the conditional, the future or the writer's
guess is never output with modality "asserted" (spec, "Notes"). Sentences are our own.
"""

from __future__ import annotations

import pytest
from rp_helpers import NOT_FACTUAL, pairs, xfail


def _find(record: dict, plover: set[str] | str, src: str | None = None, tgt: str | None = None):
    """Events of the given PLOVER category (or categories) with the given countries (None: any)."""
    wanted = {plover} if isinstance(plover, str) else set(plover)
    return [e for e in record["events"]
            if e["plover"] in wanted
            and (src is None or e["source_country"] == src)
            and (tgt is None or e["target_country"] == tgt)]


def _show(record: dict) -> str:
    return "; ".join(f"{e['plover']}/{e['cameo']} {e['modality']} {e['source_country']}->"
                     f"{e['target_country']} attr={e['attributed_to']}" for e in record["events"]) or "no events"


# --------------------------------------------------------------------------------------------
# Categories (asserted, active voice)
# --------------------------------------------------------------------------------------------

CATEGORIES = [
    # (sentence, acceptable PLOVER categories, source country, target country)
    ("The Israeli foreign minister visited Azerbaijan on Monday.", {"CONSULT"}, "ISR", "AZE"),
    ("The Armenian prime minister held a phone call with the president of France.",
     {"CONSULT"}, "ARM", "FRA"),
    ("Russia negotiated with Ukraine over an exchange of prisoners.", {"CONSULT"}, "RUS", "UKR"),
    ("The Indian foreign minister met his Pakistani counterpart in Astana.", {"CONSULT"}, "IND", "PAK"),
    ("Pakistan accused India of violating the ceasefire.", {"ACCUSE"}, "PAK", "IND"),
    ("China threatened Taiwan with a naval blockade.", {"THREATEN"}, "CHN", "TWN"),
    ("The United States urged Venezuela to release the detained journalists.",
     {"REQUEST"}, "USA", "VEN"),
    ("Pakistan called on India to exercise restraint.", {"REQUEST"}, "PAK", "IND"),
    pytest.param("The United States called for Venezuela to hold free elections.", {"REQUEST"},
                 "USA", None, id="call-for-with-object"),
    ("The United States imposed sanctions on Venezuela.", {"SANCTION"}, "USA", "VEN"),
    ("Iran attacked Israel.", {"ASSAULT"}, "IRN", "ISR"),
    ("Russian artillery shelled Ukrainian positions near Kherson.", {"ASSAULT"}, "RUS", "UKR"),
    ("Russia occupied the Ukrainian city of Kherson.", {"ASSAULT", "COERCE"}, "RUS", "UKR"),
    ("Iran seized an Israeli tanker in the Gulf of Oman.", {"COERCE"}, "IRN", None),
    ("Russia deployed troops to the border with Ukraine.", {"MOBILIZE"}, "RUS", "UKR"),
    ("Russia agreed to a ceasefire with Ukraine.", {"AGREE"}, "RUS", None),
    # the KB maps CAMEO 057 (sign formal agreement) to SUPPORT; PLOVER itself puts it in AGREE
    ("Armenia and Azerbaijan signed a peace agreement.", {"AGREE", "SUPPORT"}, None, None),
    ("The United States sent humanitarian aid to Ukraine.", {"AID"}, "USA", "UKR"),
    ("Japan provided economic aid to Ukraine.", {"AID"}, "JPN", "UKR"),
    ("Jordan shared intelligence with Egypt.", {"COOPERATE"}, "JOR", "EGY"),
    ("France and Germany cooperated on border security.", {"COOPERATE"}, "FRA", "DEU"),
    ("Serbia eased restrictions on Kosovo.", {"CONCEDE"}, "SRB", "XKX"),
    ("Turkey apologised to Russia for the incident.", {"CONCEDE"}, "TUR", "RUS"),
    ("Russia withdrew its troops from Georgia.", {"RETREAT"}, "RUS", "GEO"),
    ("Israel released Palestinian prisoners.", {"RETREAT"}, "ISR", "PSE"),
    ("Thousands of Armenians protested against Azerbaijan in Yerevan.", {"PROTEST"}, "ARM", "AZE"),
    ("Venezuela rejected the American proposal.", {"REJECT"}, "VEN", "USA"),
    ("Pakistan expelled Indian diplomats.", {"SANCTION"}, "PAK", "IND"),
    ("Kenyan police arrested Ugandan opposition leaders.", {"COERCE"}, "KEN", "UGA"),
    ("China praised Pakistan for its support.", {"SUPPORT"}, "CHN", "PAK"),
]


@pytest.mark.parametrize("text, plover, src, tgt", CATEGORIES)
def test_category(analyse, text, plover, src, tgt):
    record = analyse(text)
    hits = _find(record, plover, src, tgt)
    assert hits, f"expected {sorted(plover)} {src}->{tgt}; got {_show(record)}"
    assert all(e["modality"] == "asserted" for e in hits), _show(record)
    assert all(e["attributed_to"] == "AUTHOR" for e in hits), _show(record)


def test_event_fields_are_consistent(analyse):
    record = analyse("Azerbaijani forces shelled Armenian villages near Jermuk.")
    (event,) = _find(record, "ASSAULT")
    text = record["document"]
    assert event["evidence"]["end"] <= text["length"]
    assert event["quad"] == "material_conflict"
    assert event["cameo"].startswith("19")
    assert event["goldstein"] is None or event["goldstein"] < 0
    ids = {a["id"] for a in record["actors"]}
    assert event["source"] in ids and event["target"] in ids


# --------------------------------------------------------------------------------------------
# Modality
# --------------------------------------------------------------------------------------------

MODALITY = [
    # (sentence, PLOVER, acceptable modalities, source country, target country)
    ("Israel attacked Iran.", "ASSAULT", {"asserted"}, "ISR", "IRN"),
    ("Iranian officials said Israel attacked a military base near Isfahan.", "ASSAULT",
     {"reported"}, "ISR", None),
    ("Armenia said Azerbaijan attacked its border posts.", "ASSAULT", {"reported"}, "AZE", None),
    ("Israel may impose sanctions on Iran.", "SANCTION", {"hypothetical"}, "ISR", "IRN"),
    ("The United States could impose sanctions on Venezuela.", "SANCTION", {"hypothetical"},
     "USA", "VEN"),
    ("Russia may deploy troops to Belarus.", "MOBILIZE", {"hypothetical"}, "RUS", "BLR"),
    ("The Indian prime minister will visit Pakistan next week.", "CONSULT", {"future"}, "IND", "PAK"),
    ("China will hold talks with Taiwan tomorrow.", "CONSULT", {"future"}, "CHN", "TWN"),
    pytest.param("The US secretary of state is scheduled to visit Venezuela on Friday.", "CONSULT",
                 {"future", "hypothetical"}, "USA", "VEN", id="scheduled-visit"),
    ("It seems that Russia attacked Ukraine's power grid.", "ASSAULT", {"speculative"}, "RUS", "UKR"),
    ("It appears that Azerbaijan shelled Armenian villages.", "ASSAULT", {"speculative"}, "AZE", "ARM"),
    ("Israel probably attacked Iran.", "ASSAULT", {"speculative"}, "ISR", "IRN"),
    ("Israel did not attack Iran.", "ASSAULT", {"negated"}, "ISR", "IRN"),
    ("Venezuela never attacked the United States.", "ASSAULT", {"negated"}, "VEN", "USA"),
    ("Azerbaijan denied attacking Armenia.", "ASSAULT", {"negated", "disputed"}, "AZE", "ARM"),
    ("Russia denied shelling Ukrainian villages.", "ASSAULT", {"negated", "disputed"}, "RUS", "UKR"),
    ("Pakistan has not sanctioned India.", "SANCTION", {"negated"}, "PAK", "IND"),
    ("The United States will not impose new sanctions on Venezuela.", "SANCTION", {"negated"},
     "USA", "VEN"),
    ("Iran allegedly attacked Israel.", "ASSAULT", {"disputed", "reported", "speculative"}, "IRN", "ISR"),
    ("Russia claimed that Ukraine shelled the nuclear plant.", "ASSAULT", {"disputed"}, "UKR", None),
    pytest.param("Israel refrained from attacking Iran.", "ASSAULT", {"negated"}, "ISR", "IRN",
                 id="refrained-from"),
    pytest.param("Israel is likely to strike Iran.", "ASSAULT", {"speculative", "hypothetical"},
                 "ISR", "IRN", id="likely-to"),
    pytest.param("Israel has no plans to attack Iran.", "ASSAULT", {"negated"}, "ISR", "IRN",
                 id="no-plans-to"),
]


@pytest.mark.parametrize("text, plover, modalities, src, tgt", MODALITY)
def test_modality(analyse, text, plover, modalities, src, tgt):
    record = analyse(text)
    hits = _find(record, plover, src, tgt)
    assert hits, f"expected {plover} {src}->{tgt}; got {_show(record)}"
    assert {e["modality"] for e in hits} <= modalities, _show(record)


def test_reported_event_is_attributed_to_the_speaker(analyse):
    record = analyse("Azerbaijan said Armenia attacked its border posts.")
    (event,) = _find(record, "ASSAULT")
    assert event["modality"] == "reported"
    assert event["attributed_to"] == "AZE"
    assert event["source_country"] == "ARM"


@pytest.mark.parametrize("text", [
    pytest.param("Russia is expected to attack Kharkiv.", id="expected-to"),
    pytest.param("Israel is believed to have attacked Iran.", id="believed-to"),
])
def test_raising_verbs_keep_the_source(analyse, text):
    """'X is expected/believed to ...': X is the agent, not the one who says so."""
    record = analyse(text)
    hits = _find(record, "ASSAULT")
    assert hits, _show(record)
    for e in hits:
        assert e["modality"] != "asserted", _show(record)
        assert e["source_country"] in {"RUS", "ISR"}, _show(record)
        assert e["attributed_to"] in {"AUTHOR", None}, _show(record)


# The invariant: for each sentence, every event of the named category must be non-asserted.
NON_FACTUAL = [
    ("Israel may impose sanctions on Iran.", "SANCTION"),
    ("Venezuela might impose sanctions on the United States.", "SANCTION"),
    ("Israel should sanction Iran.", "SANCTION"),
    ("Israel is considering sanctions against Iran.", "SANCTION"),
    ("If Israel attacks Iran, oil prices will rise.", "ASSAULT"),
    ("Officials fear that Russia could invade Ukraine.", "ASSAULT"),
    ("Israel plans to strike Iran.", "ASSAULT"),
    ("Iran is going to attack Israel.", "ASSAULT"),
    ("Iran would never attack Israel.", "ASSAULT"),
    ("Israel threatened to attack Iran.", "ASSAULT"),
    ("Iran warned that it would strike Israel.", "ASSAULT"),
    ("Russia is expected to attack Kharkiv.", "ASSAULT"),
    ("It is unclear whether Iran attacked Israel.", "ASSAULT"),
    ("Reports suggest that China attacked a Taiwanese vessel.", "ASSAULT"),
    ("Perhaps Israel attacked Iran.", "ASSAULT"),
    ("Iran possibly attacked Israel.", "ASSAULT"),
    ("Apparently China attacked a Taiwanese patrol boat.", "ASSAULT"),
    ("It seems that Ukraine attacked Russia's power grid.", "ASSAULT"),
    ("Israel did not attack Iran.", "ASSAULT"),
    ("Armenia denied attacking Azerbaijan.", "ASSAULT"),
    ("Armenia denied that it had shelled Azerbaijani positions.", "ASSAULT"),
    ("Russia rejected claims that it shelled Ukrainian villages.", "ASSAULT"),
    ("Azerbaijan dismissed reports that it attacked Armenia.", "ASSAULT"),
    ("India did not sign the agreement with Pakistan.", "SUPPORT"),
    ("Pakistan has not sanctioned India.", "SANCTION"),
    ("The United States will not impose new sanctions on Venezuela.", "SANCTION"),
    ("Russia may deploy troops to Belarus.", "MOBILIZE"),
    ("India will deploy troops along the border with Pakistan.", "MOBILIZE"),
    ("Venezuela could seize American oil assets.", "COERCE"),
    ("The Chinese president will meet the Taiwanese leader next month.", "CONSULT"),
    ("Taiwan will sign a trade deal with the United States.", "SUPPORT"),
    ("Israel hopes to sign a deal with Azerbaijan.", "SUPPORT"),
    ("China refused to negotiate with Taiwan.", "CONSULT"),
    ("Russia denied supplying Iskander missiles to Armenia.", "AID"),
    pytest.param("Israel refrained from attacking Iran.", "ASSAULT", id="refrained-from"),
    pytest.param("Neither Armenia nor Azerbaijan attacked the other.", "ASSAULT", id="neither-nor"),
    ("Armenia and Azerbaijan failed to sign a peace agreement.", "SUPPORT"),
]


@pytest.mark.parametrize("text, plover", NON_FACTUAL)
def test_non_factual_is_never_asserted(analyse, text, plover):
    record = analyse(text)
    leaked = [e for e in _find(record, plover) if e["modality"] == "asserted"]
    assert not leaked, f"asserted {plover} in a non-factual sentence: {_show(record)}"


@pytest.mark.parametrize("text, plover", [p for p in NON_FACTUAL if not hasattr(p, "marks")])
def test_non_factual_modality_is_one_of_the_non_factual_ones(analyse, text, plover):
    """Denials may be 'negated' or 'disputed'; everything else must carry its own modality."""
    for e in _find(analyse(text), plover):
        assert e["modality"] in NOT_FACTUAL | {"disputed", "reported"}, e


# --------------------------------------------------------------------------------------------
# Voice, nominal events, reciprocal events
# --------------------------------------------------------------------------------------------

FORMS = [
    # (sentence, PLOVER, source country, target country)
    ("Ukraine was attacked by Russia.", "ASSAULT", "RUS", "UKR"),
    ("Russia was attacked by Ukraine.", "ASSAULT", "UKR", "RUS"),
    ("Armenia was shelled by Azerbaijan.", "ASSAULT", "AZE", "ARM"),
    ("Taiwan was threatened by China.", "THREATEN", "CHN", "TWN"),
    ("Venezuela was sanctioned by the United States.", "SANCTION", "USA", "VEN"),
    ("The Israeli prime minister's visit to Azerbaijan was a success.", "CONSULT", "ISR", "AZE"),
    ("Modi's visit to Pakistan surprised observers.", "CONSULT", "IND", "PAK"),
    ("The Iranian attack on Israel caused damage.", "ASSAULT", "IRN", "ISR"),
]


@pytest.mark.parametrize("text, plover, src, tgt", FORMS)
def test_passive_and_nominal(analyse, text, plover, src, tgt):
    record = analyse(text)
    assert _find(record, plover, src, tgt), _show(record)
    assert not _find(record, plover, tgt, src), f"direction flipped: {_show(record)}"


RECIPROCAL = [
    ("Talks between Armenia and Azerbaijan resumed in Brussels.", "ARM", "AZE"),
    ("Talks between Russia and Ukraine collapsed.", "RUS", "UKR"),
    ("Negotiations between India and Pakistan stalled.", "IND", "PAK"),
    ("Israel and Azerbaijan held talks on energy.", "ISR", "AZE"),
    pytest.param("Armenia and Azerbaijan negotiated a peace deal in Washington.", "ARM", "AZE",
                 id="negotiated-in-place"),
]


@pytest.mark.parametrize("text, a, b", RECIPROCAL)
def test_reciprocal(analyse, text, a, b):
    record = analyse(text)
    consult = _find(record, "CONSULT")
    assert consult, _show(record)
    assert all({e["source_country"], e["target_country"]} == {a, b} for e in consult), _show(record)


# --------------------------------------------------------------------------------------------
# Mirrored pairs: swapping the sides swaps source and target, and nothing else
# --------------------------------------------------------------------------------------------

SIDES = {
    # code: (name as used mid-sentence, adjective)
    "ISR": ("Israel", "Israeli"), "IRN": ("Iran", "Iranian"),
    "ARM": ("Armenia", "Armenian"), "AZE": ("Azerbaijan", "Azerbaijani"),
    "RUS": ("Russia", "Russian"), "UKR": ("Ukraine", "Ukrainian"),
    "IND": ("India", "Indian"), "PAK": ("Pakistan", "Pakistani"),
    "CHN": ("China", "Chinese"), "TWN": ("Taiwan", "Taiwanese"),
    "USA": ("the United States", "American"), "VEN": ("Venezuela", "Venezuelan"),
}
RIVALS = [("ISR", "IRN"), ("ARM", "AZE"), ("RUS", "UKR"), ("IND", "PAK"), ("CHN", "TWN"),
          ("USA", "VEN")]

TEMPLATES = {
    # name: (template, PLOVER, modality, check target?)
    "attack": ("{A} attacked {B}.", "ASSAULT", "asserted", True),
    "shell": ("{a} forces shelled {b} positions overnight.", "ASSAULT", "asserted", True),
    "passive": ("{B} was attacked by {A}.", "ASSAULT", "asserted", True),
    "accuse": ("{A} accused {B} of violating the truce.", "ACCUSE", "asserted", True),
    "threaten": ("{A} threatened {B} with retaliation.", "THREATEN", "asserted", True),
    "sanction": ("{A} imposed sanctions on {B}.", "SANCTION", "asserted", True),
    "visit": ("The {a} foreign minister visited {B}.", "CONSULT", "asserted", True),
    "nominal": ("The {a} attack on {B} caused damage.", "ASSAULT", "asserted", True),
    "reported": ("{B} said {A} attacked its border posts.", "ASSAULT", "reported", False),
    "may": ("{A} may impose sanctions on {B}.", "SANCTION", "hypothetical", True),
    "future": ("The {a} president will visit {B} next week.", "CONSULT", "future", True),
    "seems": ("It seems that {A} attacked {B}.", "ASSAULT", "speculative", True),
    "not": ("{A} did not attack {B}.", "ASSAULT", "negated", True),
    "denied": ("{A} denied attacking {B}.", "ASSAULT", "negated", True),
}

#: (template, a, b) -> reason, for mirrored pairs the pipeline still gets wrong (strict xfail)
MIRROR_GAPS: dict[tuple[str, str, str], str] = {}


def _sentence(template: str, a: str, b: str) -> str:
    text = template.format(A=SIDES[a][0], B=SIDES[b][0], a=SIDES[a][1], b=SIDES[b][1])
    return text[0].upper() + text[1:]


def _mirror_params():
    for name, (template, plover, modality, with_target) in TEMPLATES.items():
        for a, b in RIVALS:
            marks = ()
            reason = MIRROR_GAPS.get((name, a, b))
            if reason:
                marks = (xfail(reason),)
            yield pytest.param(template, plover, modality, with_target, a, b,
                               id=f"{name}-{a}-{b}", marks=marks)


@pytest.mark.parametrize("template, plover, modality, with_target, a, b", list(_mirror_params()))
def test_mirrored(analyse, template, plover, modality, with_target, a, b):
    forward, backward = analyse(_sentence(template, a, b)), analyse(_sentence(template, b, a))
    for record, src, tgt in ((forward, a, b), (backward, b, a)):
        hits = _find(record, plover, src, tgt if with_target else None)
        assert hits, f"expected {plover} {src}->{tgt}: {_show(record)}"
        assert {e["modality"] for e in hits} == {modality}, _show(record)
        # nothing in the mirrored direction
        assert not _find(record, plover, tgt, src), f"both directions: {_show(record)}"
    # the two outputs are each other's mirror image
    swap = sorted((t, s) for s, t in pairs(backward) if s and t)
    assert sorted(p for p in pairs(forward) if all(p)) == swap


# --------------------------------------------------------------------------------------------
# Arguments read off the parse
# --------------------------------------------------------------------------------------------

ARGUMENTS = [
    # (sentence, PLOVER, source country, target country)
    # the place an act without another party happens in is its target
    pytest.param("Georgia lifted the curfew in Tbilisi.", "CONCEDE", "GEO", "GEO", id="place-target"),
    pytest.param("Thousands of Kenyans protested in Nairobi on Sunday.", "PROTEST", "KEN", "KEN",
                 id="protest-place-target"),
    # a reduced relative: the noun is the victim, not the agent
    pytest.param("Twelve Nigerian soldiers killed by Chadian rebels were buried on Friday.", "ASSAULT",
                 None, "NGA", id="reduced-passive"),
]


@pytest.mark.parametrize("text, plover, src, tgt", ARGUMENTS)
def test_arguments(analyse, text, plover, src, tgt):
    record = analyse(text)
    assert _find(record, plover, src, tgt), _show(record)


def test_reduced_passive_noun_is_never_the_agent(analyse):
    record = analyse("Officials counted twelve Turkish border guards killed in the clashes.")
    assert not _find(record, "ASSAULT", "TUR"), _show(record)


def test_coordinated_modifiers_are_two_actors(analyse):
    """'Armenian and Georgian officials agreed': both states act, on each other."""
    record = analyse("Armenian and Georgian officials agreed to reopen the border crossing.")
    agree = _find(record, "AGREE")
    assert agree, _show(record)
    assert {agree[0]["source_country"], agree[0]["target_country"]} == {"ARM", "GEO"}, _show(record)


def test_reciprocal_acts_are_coded_both_ways(analyse):
    """'X and Y met': each side met the other (the CAMEO/PETRARCH convention)."""
    record = analyse("Armenia and Georgia held talks in Tbilisi.")
    assert {(e["source_country"], e["target_country"]) for e in _find(record, "CONSULT")} == \
        {("ARM", "GEO"), ("GEO", "ARM")}, _show(record)


def test_a_list_of_states_read_as_apposition_meets_each_with_each(analyse):
    record = analyse("France, Germany, and Poland met on Friday.")
    got = {(e["source_country"], e["target_country"]) for e in _find(record, "CONSULT")}
    assert got == {(a, b) for a in ("FRA", "DEU", "POL") for b in ("FRA", "DEU", "POL") if a != b}, _show(record)


def test_only_the_stated_side_refuses(analyse):
    """'X refused to meet Y': the refusal is X's; the mirrored meeting gives no second refusal."""
    record = analyse("Armenia refused to meet Azerbaijan.")
    assert {(e["source_country"], e["target_country"]) for e in _find(record, "REJECT")} == {("ARM", "AZE")}, \
        _show(record)
    assert all(e["modality"] != "asserted" for e in _find(record, "CONSULT")), _show(record)


@pytest.mark.parametrize("text, plover, src, tgt", [
    pytest.param("President Mbemba visited Kinshasa's main hospital after the floods.", "CONSULT",
                 "COD", None, id="one-country-in-sentence"),
    pytest.param("Chairman Okafor threatened to shut down Nigerian opposition newspapers.", "THREATEN", "NGA", None,
                 id="demonym-in-sentence"),
])
def test_unplaced_person_takes_the_sentences_only_country(analyse, text, plover, src, tgt):
    record = analyse(text)
    assert _find(record, plover, src, tgt), _show(record)


def test_unplaced_person_gets_no_guess_between_two_countries(analyse):
    record = analyse("President Mwangi threatened Uganda and Tanzania with sanctions.")
    for e in record["events"]:
        assert e["source_country"] is None, _show(record)


@pytest.mark.parametrize("text, plover, intent, src, tgt", [
    pytest.param("Ethiopia is willing to withdraw its forces from Somalia.", "RETREAT", "AGREE", "ETH", "SOM",
                 id="willing-to"),
    pytest.param("Turkey is prepared to lift the embargo on Armenia.", "CONCEDE", "AGREE", "TUR", "ARM",
                 id="prepared-to"),
    pytest.param("North Korea said it would allow observers into the reactor site.", None, "AGREE", "PRK", None,
                 id="said-it-would"),
    pytest.param("China wants to attack Taiwan.", "ASSAULT", "THREATEN", "CHN", "TWN", id="wants-to"),
])
def test_stated_intent_is_its_own_event(analyse, text, plover, intent, src, tgt):
    """The act stays non-factual; the statement of intent is coded beside it (CAMEO 03/13)."""
    record = analyse(text)
    assert _find(record, intent, src, tgt), _show(record)
    if plover:
        acts = _find(record, plover, src, tgt)
        assert acts and all(e["modality"] in NOT_FACTUAL for e in acts), _show(record)


@pytest.mark.parametrize("text, governing, content", [
    pytest.param("Pakistan asked India to release the fishermen.", "REQUEST", "RETREAT", id="asked-to"),
    pytest.param("Armenia refused to negotiate with Azerbaijan.", "REJECT", "CONSULT", id="refused-to"),
])
def test_an_unreal_act_under_another_event_is_its_content(analyse, text, governing, content):
    """The request or refusal is the event; the act asked for or refused is not coded again."""
    record = analyse(text)
    assert _find(record, governing), _show(record)
    assert not _find(record, content), _show(record)


@pytest.mark.parametrize("text, plover, present", [
    pytest.param("Russia launched an offensive against Ukraine.", "ASSAULT", True, id="launch-offensive"),
    pytest.param("Norway launched a new round of mediation between Sudan and Chad.", "ASSAULT", False,
                 id="launch-not-an-attack"),
    pytest.param("India and Pakistan signed a ceasefire agreement.", "SUPPORT", True, id="sign-agreement"),
    pytest.param("The Georgian president signed a decree on Monday.", "SUPPORT", False, id="sign-decree"),
    pytest.param("Armenia accused Azerbaijan of violating the ceasefire.", "ACCUSE", True, id="violate-truce"),
    pytest.param("Syrian refugees sought asylum in Germany.", "REQUEST", True, id="seek-asylum"),
    pytest.param("Iran sought talks with the European Union.", "REQUEST", True, id="seek-talks"),
    pytest.param("Vietnam and the Philippines are seeking to widen their cooperation.", "REQUEST", False, id="seek-to"),
])
def test_frames_that_need_their_object(analyse, text, plover, present):
    """'launch', 'sign', 'violate', 'seek' code an event only with the object their row names."""
    assert bool(_find(analyse(text), plover)) is present, _show(analyse(text))


def test_violating_a_law_is_defiance_not_an_attack(analyse):
    record = analyse("Serbia violated the arms embargo on Kosovo.")
    assert not _find(record, "ASSAULT"), _show(record)


@pytest.mark.parametrize("text, plover, src, tgt", [
    pytest.param("Japan gave Ukraine five million dollars of aid.", "AID", "JPN", "UKR", id="measure-of-aid"),
    pytest.param("Armenia and Azerbaijan renewed negotiations on Monday.", "CONSULT", "ARM", "AZE",
                 id="renewed-negotiations"),
])
def test_nominal_events_under_light_verbs(analyse, text, plover, src, tgt):
    record = analyse(text)
    assert _find(record, plover, src, tgt), _show(record)


@pytest.mark.parametrize("text, plover, src, tgt", [
    pytest.param("Rescue helicopters evacuated injured villagers from the Afghan town of Ghazni.", "AID", None, "AFG",
                 id="evacuate"),
    pytest.param("Russian hackers tried to hack into the servers of the German parliament.", "COERCE", "RUS",
                 None, id="hack"),
    pytest.param("Turkey has strengthened its forces in Syria.", "MOBILIZE", "TUR", "SYR", id="strengthen-forces"),
    pytest.param("Ukrainian troops recaptured the Russian-held town of Lyman.", "ASSAULT", "UKR", None,
                 id="recapture"),
    pytest.param("Turkey ended its mediation between Russia and Ukraine.", "SANCTION", "TUR", None,
                 id="end-mediation"),
    pytest.param("The United States reduced its aid to Egypt.", "SANCTION", "USA", "EGY", id="reduce-aid"),
    pytest.param("Trade unions in Bolivia organized a nationwide strike.", "PROTEST", "BOL", None,
                 id="organize-strike"),
])
def test_lexicon_rows(analyse, text, plover, src, tgt):
    record = analyse(text)
    assert _find(record, plover, src, tgt), _show(record)


def test_people_named_by_where_they_are_stand_for_that_country(analyse):
    record = analyse("Protesters in Tbilisi blocked the main avenue.")
    assert _find(record, "PROTEST", "GEO"), _show(record)
    # a possessor still wins over the place
    record = analyse("Russia's troops in Syria attacked rebel positions.")
    assert _find(record, "ASSAULT", "RUS"), _show(record)


def test_predicate_rows_have_no_stray_columns():
    """A row with more fields than the header loses its last ones silently (the object list)."""
    from pathlib import Path

    import realpolitik

    path = Path(realpolitik.__file__).parent / "kb" / "data" / "predicates.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    width = len(lines[0].split("\t"))
    assert [line.split("\t")[0] for line in lines[1:] if len(line.split("\t")) > width] == []


def test_compound_actors_each_act_on_the_place(analyse):
    """'US and British activists protested in Beijing': both protest, neither at the other."""
    record = analyse("French and German students staged a protest in Tehran.")
    got = {(e["source_country"], e["target_country"]) for e in _find(record, "PROTEST")}
    assert got == {("FRA", "IRN"), ("DEU", "IRN")}, _show(record)


def test_a_refusal_replaces_the_act_refused(analyse):
    record = analyse("Japan said it would not provide aid to Myanmar.")
    assert _find(record, "REJECT", "JPN", "MMR"), _show(record)
    assert not _find(record, "AID"), _show(record)


@pytest.mark.parametrize("text, plover, src, tgt", [
    pytest.param("Moldovan ministers received assurances from the United Nations.", "AGREE", None, "MDA",
                 id="receive-assurances"),
    pytest.param("The Indian prime minister attended a summit in Indonesia.", "CONSULT", "IND", "IDN",
                 id="attend-summit"),
    pytest.param("Syria ended peace talks with Israel.", "SANCTION", "SYR", "ISR", id="end-compound-object"),
])
def test_object_rows(analyse, text, plover, src, tgt):
    record = analyse(text)
    assert _find(record, plover, src, tgt), _show(record)


@pytest.mark.parametrize("text, plover, src, tgt", [
    pytest.param("Iran threatened to quit the talks if the United States imposes new sanctions.", "THREATEN",
                 "IRN", "USA", id="threat-condition"),
    pytest.param("China threatened to halt trade unless Japan withdraws the envoy.", "THREATEN", "CHN", "JPN",
                 id="threat-unless"),
    pytest.param("Armenia complained to the United Nations about Azerbaijani shelling.", "ACCUSE", "ARM", "AZE",
                 id="complain-about"),
])
def test_who_a_threat_or_complaint_is_aimed_at(analyse, text, plover, src, tgt):
    record = analyse(text)
    assert _find(record, plover, src, tgt), _show(record)


@pytest.mark.parametrize("text, plover, src, tgt", [
    pytest.param("Three Ukrainian soldiers were killed in a Russian air strike on Monday.", "ASSAULT", "RUS", "UKR",
                 id="killed-in-nominal-attack"),
    pytest.param("A Georgian court issued an arrest warrant for the Russian officer.", "COERCE", "GEO", "RUS",
                 id="arrest-warrant"),
    pytest.param("Russia held military exercises near the border.", "MOBILIZE", "RUS", None, id="one-side-exercises"),
    pytest.param("Russia held joint exercises with Belarus.", "COOPERATE", "RUS", "BLR", id="joint-exercises"),
])
def test_nominal_frames(analyse, text, plover, src, tgt):
    record = analyse(text)
    assert _find(record, plover, src, tgt), _show(record)


def test_refused_permission_is_a_rejection(analyse):
    record = analyse("Turkey said it would not give permission to Greece to use the base.")
    assert _find(record, "REJECT", "TUR", "GRC"), _show(record)
    assert not [e for e in record["events"] if e["modality"] == "asserted" and e["plover"] == "RETREAT"], \
        _show(record)


def test_an_act_held_over_another_party_is_a_threat(analyse):
    record = analyse("Kenya declared that it will withdraw its soldiers from Somalia unless Somalia pays their salaries.")
    assert _find(record, "THREATEN", "KEN", "SOM"), _show(record)
    assert all(e["modality"] != "asserted" for e in _find(record, "RETREAT")), _show(record)


def test_a_conditional_offer_is_not_a_threat(analyse):
    record = analyse("Georgia said it would meet Russia if Moscow agrees to the agenda.")
    assert not _find(record, "THREATEN"), _show(record)


def test_obligation_under_a_reporting_verb_is_a_demand(analyse):
    """'X said Y must be ready to act': the speaker demands it of Y, through 'be ready to'."""
    record = analyse("Egypt said Germany must be ready to negotiate with Sudan.")
    assert _find(record, "REQUEST", "EGY", "DEU"), _show(record)
    assert _find(record, "CONSULT", "DEU"), _show(record)


def test_a_vow_of_conflict_is_a_threat(analyse):
    record = analyse("Iran vowed to retaliate against Israel.")
    assert _find(record, "THREATEN", "IRN", "ISR"), _show(record)
    assert not _find(record, "AGREE"), _show(record)
    assert all(e["modality"] != "asserted" for e in _find(record, "ASSAULT")), _show(record)


def test_a_state_acting_on_its_own_nationals_is_domestic(analyse):
    record = analyse("Serbia arrested Serbian extremists near the border.")
    assert _find(record, "COERCE", "SRB", "SRB"), _show(record)


def test_troops_contributed_are_military_aid(analyse):
    record = analyse("Ghana contributed troops to the peacekeeping force in Liberia.")
    assert _find(record, "AID", "GHA"), _show(record)


@pytest.mark.parametrize("text", [
    pytest.param("Kuwait pledged to deport the foreign fighters.", id="pledged-to"),
    pytest.param("Turkey offered to mediate between Russia and Ukraine.", id="offered-to"),
])
def test_the_pledge_itself_happened(analyse, text):
    """A cue phrase headed by its verb ('pledged to', 'offered to') qualifies the act it governs:
    the pledge or offer is asserted, the act pledged is not."""
    record = analyse(text)
    made = _find(record, {"AGREE", "THREATEN"})  # a pledge to expel is a threat
    assert len(made) == 1 and made[0]["modality"] == "asserted", _show(record)
    acts = [e for e in record["events"] if e["plover"] not in ("AGREE", "THREATEN")]
    assert all(e["modality"] != "asserted" for e in acts), _show(record)


def test_a_protest_with_no_stated_target_is_aimed_at_the_protesters_state(analyse):
    record = analyse("Tunisian protesters rioted after the football match.")
    assert _find(record, "PROTEST", "TUN", "TUN"), _show(record)
    # a state protesting names its own target or none; it is never its own target
    record = analyse("Turkey protested on Monday.")
    assert not _find(record, "PROTEST", "TUR", "TUR"), _show(record)


@pytest.mark.parametrize("text, plover, src, tgt", [
    pytest.param("Spain announced a suspension of trade ties with Morocco.", "SANCTION", "ESP", "MAR",
                 id="nominal-of-object-with"),
    pytest.param("Canada suspended part of its aid budget for Haiti.", "SANCTION", "CAN", "HTI",
                 id="verb-of-object-for"),
])
def test_prepositions_on_what_the_act_is_done_to(analyse, text, plover, src, tgt):
    record = analyse(text)
    assert _find(record, plover, src, tgt), _show(record)


@pytest.mark.parametrize("text, plover, src, tgt", [
    pytest.param("Recent Turkish drone strikes have killed three Kurdish commanders in Iraq.", "ASSAULT", "TUR", None,
                 id="event-noun-subject"),
    pytest.param("Thousands of people protested in Nairobi on Sunday.", "PROTEST", "KEN", "KEN",
                 id="protesters-of-the-place"),
])
def test_agents_of_event_nouns_and_places(analyse, text, plover, src, tgt):
    record = analyse(text)
    assert _find(record, plover, src, tgt), _show(record)


def test_a_demonym_is_not_a_place(analyse):
    record = analyse("Settlers protested at the arrival of Russian immigrants.")
    assert not _find(record, "PROTEST", None, "RUS"), _show(record)


@pytest.mark.parametrize("text, plover, cameo", [
    pytest.param("Peru imposed a nightly curfew in Arequipa.", "COERCE", "1723", id="impose-curfew"),
    pytest.param("Saudi Arabia reimposed the blockade on Qatar.", "COERCE", "191", id="reimpose-blockade"),
    pytest.param("Israel lifted the blockade on Gaza.", "RETREAT", "0872", id="lift-blockade"),
    pytest.param("Armenia lifted the state of emergency.", "CONCEDE", "0814", id="lift-emergency"),
    pytest.param("The Estonian parliament cancelled the restrictions on Russian-language schools.", "CONCEDE", "081",
                 id="cancel-restrictions"),
    pytest.param("Hezbollah declared a ceasefire with Israel.", "RETREAT", "0871", id="declare-ceasefire"),
    pytest.param("The United States imposed sanctions on Iran.", "SANCTION", "163", id="impose-sanctions"),
])
def test_the_object_decides_the_code(analyse, text, plover, cameo):
    record = analyse(text)
    assert [e for e in record["events"] if e["plover"] == plover and e["cameo"] == cameo], _show(record)


def test_a_merely_mentioned_noun_is_not_a_second_event(analyse):
    """'after the war': a nominal with one party at most, beside a stronger event, is a mention."""
    record = analyse("Armenia expelled two Azerbaijani diplomats after the war.")
    assert _find(record, "SANCTION", "ARM", "AZE"), _show(record)
    assert not _find(record, "ASSAULT"), _show(record)


def test_they_stands_for_every_conjoined_speaker(analyse):
    record = analyse("Armenia and Georgia said they would impose sanctions on Azerbaijan.")
    sources = {e["source_country"] for e in record["events"]}
    assert {"ARM", "GEO"} <= sources, _show(record)


def test_every_conjoined_actor_states_its_intent(analyse):
    record = analyse("Armenia and Georgia said they would impose sanctions on Azerbaijan.")
    assert {e["source_country"] for e in _find(record, "THREATEN")} == {"ARM", "GEO"}, _show(record)


def test_a_second_word_for_the_same_event_adds_no_half_event(analyse):
    record = analyse("Russia attacked Ukraine on Monday, and the attack lasted three hours.")
    assert [(e["source_country"], e["target_country"]) for e in _find(record, "ASSAULT")] == [("RUS", "UKR")], \
        _show(record)


def test_a_date_is_not_a_frame_particle(analyse):
    """'agreed on Saturday to provide aid to X': 'on Saturday' does not make it 'agree on'."""
    record = analyse("Norway agreed on Thursday to give humanitarian aid to Yemen.")
    assert _find(record, "AGREE", "NOR", "YEM"), _show(record)


@pytest.mark.parametrize("text, plover, src, tgt", [
    pytest.param("NATO tightened the air blockade of Libya.", "COERCE", "IGO", "LBY", id="blockade-of-is-patient"),
    pytest.param("Greece lodged a formal protest with Turkey.", "ACCUSE", "GRC", "TUR", id="protest-with"),
    pytest.param("Hungary refused entry to Serbian refugees.", "REJECT", "HUN", "SRB", id="refuse-to"),
    pytest.param("Greece mobilized thousands of conscripts for a conflict against Turkey.", "MOBILIZE", "GRC", "TUR", id="mobilize-for"),
    pytest.param("An Italian minister cancelled her official visit to Tunisia.", "REJECT", "ITA", "TUN", id="cancel-visit"),
])
def test_frame_roles(analyse, text, plover, src, tgt):
    record = analyse(text)
    found = [e for e in _find(record, plover, None if src == "IGO" else src, tgt)]
    assert found, _show(record)


def test_a_curfew_with_no_one_named_falls_on_the_actors_own_country(analyse):
    record = analyse("The Georgian government imposed a curfew on Monday.")
    assert _find(record, "COERCE", "GEO", "GEO"), _show(record)


@pytest.mark.parametrize("text, plover, src, tgt", [
    pytest.param("Saudi-led forces recaptured the port of Aden.", "ASSAULT", "SAU", None, id="x-led-forces"),
    pytest.param("Russia completed the withdrawal of its troops from Georgia.", "RETREAT", "RUS", "GEO",
                 id="completed-withdrawal"),
    pytest.param("Turkey is opposed to Greek mediation in the dispute.", "REJECT", "TUR", "GRC",
                 id="is-opposed-to"),
])
def test_more_argument_paths(analyse, text, plover, src, tgt):
    record = analyse(text)
    assert _find(record, plover, src, tgt), _show(record)


@pytest.mark.parametrize("text, plover, src, tgt", [
    pytest.param("The Colombian president agreed to Cuban mediation.", "AGREE", "COL", "CUB", id="agree-to-noun"),
    pytest.param("The Brazilian government refused to commit to any help for the French-led mission.", "REJECT",
                 "BRA", "FRA", id="refuse-deep-complement"),
])
def test_complement_targets(analyse, text, plover, src, tgt):
    record = analyse(text)
    assert _find(record, plover, src, tgt), _show(record)


def test_one_refusal_per_refusal(analyse):
    """'refused to commit to X': the refusal verb codes it; the negated 'commit' adds no second one."""
    record = analyse("Spain refused to commit troops to the mission.")
    assert len(_find(record, "REJECT")) == 1, _show(record)


def test_wanting_another_actor_to_act_is_a_request(analyse):
    record = analyse("The United States wants Iran to halt enrichment.")
    assert _find(record, "REQUEST", "USA", "IRN"), _show(record)
    # wanting to act oneself is an intent, not a request
    record = analyse("China wants to attack Taiwan.")
    assert not _find(record, "REQUEST"), _show(record)


def test_a_summit_on_a_country_names_it(analyse):
    record = analyse("The Indian prime minister attended a summit on the crisis in Sri Lanka.")
    assert _find(record, "CONSULT", "IND", "LKA"), _show(record)


def test_conjoined_nominals_share_the_light_verb(analyse):
    record = analyse("Australia announced an arms embargo and a visa ban on Burmese generals.")
    assert all(e["source_country"] == "AUS" for e in record["events"]) and record["events"], _show(record)


@pytest.mark.parametrize("text, plover, cameo", [
    pytest.param("The Nepali government accepted the demands of the striking teachers.", "CONCEDE", "083", id="accept-demands"),
    pytest.param("The Kenyan government accepted the mediation offer.", "AGREE", "030", id="accept-plain"),
    pytest.param("Pakistan allowed the opposition to hold a rally in Lahore.", "CONCEDE", "081", id="allow-rally"),
    pytest.param("Iran allowed inspectors into the plant.", "RETREAT", "086", id="allow-inspectors"),
    pytest.param("The United Nations sent its inspectors to Iraq.", "ACCUSE", "090", id="send-inspectors"),
    pytest.param("Chile shortened the night curfew in Santiago.", "CONCEDE", "0813", id="shorten-curfew"),
])
def test_more_object_rows(analyse, text, plover, cameo):
    record = analyse(text)
    assert [e for e in record["events"] if e["plover"] == plover and e["cameo"] == cameo], _show(record)


def test_conjoined_parties_inside_an_of_phrase(analyse):
    record = analyse("Sudanese forces have tortured hundreds of Chadian and Eritrean refugees.")
    assert {e["target_country"] for e in _find(record, "ASSAULT", "SDN")} == {"TCD", "ERI"}, _show(record)


def test_an_apposition_names_an_unplaced_persons_side(analyse):
    """'Mr X, the UN envoy': the apposition decides; an international body means no country guess."""
    record = analyse("Ivan Petrovsky, the UN envoy, met Georgian officials in Tbilisi.")
    assert _find(record, "CONSULT", None, "GEO"), _show(record)
    assert not _find(record, "CONSULT", "GEO", "GEO"), _show(record)
    record = analyse("Nadia Rahimi, Morocco's most prominent union leader, began a hunger strike.")
    assert _find(record, "PROTEST", "MAR"), _show(record)


def test_a_mediation_effort_between_two_parties(analyse):
    """'Qatar launched a mediation effort between X and Y': the generic head carries the event and
    its 'between'; the mediator is the source, the parties the targets."""
    record = analyse("Kenya has launched a fresh mediation effort between Ethiopia and Eritrea.")
    got = {(e["source_country"], e["target_country"]) for e in _find(record, "CONSULT")}
    assert got == {("KEN", "ETH"), ("KEN", "ERI")}, _show(record)
    # a modifier of a thing is no event: attack helicopters are not an attack
    assert not _find(analyse("Russia sent attack helicopters to Syria."), "ASSAULT")


def test_cameo_view_codes_the_statement_not_the_act_that_did_not_happen(analyse):
    """The record keeps every event with its modality; its CAMEO view codes a stated intent instead
    of the act it is about, a writer's plain future as the scheduled act, and no negated act."""
    from realpolitik.export.cameo import cameo_view

    record = analyse("Turkey wants to attack Greece.")
    assert _find(record, "ASSAULT", "TUR", "GRC") and _find(record, "THREATEN", "TUR", "GRC"), _show(record)
    view = cameo_view(record["events"])
    assert {e["plover"] for e in view} == {"THREATEN"}, view
    record = analyse("Peru said it would send a medical team to Bolivia.")
    view = {e["plover"] for e in cameo_view(record["events"])}
    assert "AGREE" in view and "AID" not in view, _show(record)
    record = analyse("The Chilean president will meet the Argentine president in Santiago.")
    view = cameo_view(record["events"])
    assert {e["plover"] for e in view} == {"CONSULT"}, _show(record)
    assert all(e["modality"] == "future" for e in view)
    record = analyse("Kenya did not attack Somalia.")
    assert not cameo_view(record["events"]), _show(record)
    record = analyse("Egypt attacked Libya.")
    assert cameo_view(record["events"]) == record["events"]


def test_a_light_verb_taking_its_event_through_in(analyse):
    """'X engaged Y in a firefight': the event noun hangs on the light verb through 'in', the light
    verb's object is the other party, and the act runs from the subject only."""
    record = analyse("Indian troops engaged Chinese soldiers in a clash on the border.")
    assert {(e["source_country"], e["target_country"]) for e in _find(record, "ASSAULT")} == {("IND", "CHN")}, \
        _show(record)
    record = analyse("Iran engaged in talks with Saudi Arabia.")
    assert _find(record, "CONSULT", "IRN", "SAU"), _show(record)


def test_meeting_stated_from_the_subject_is_one_way(analyse):
    """'X met (with) Y' is coded from the subject, as PETRARCH does; 'X and Y met' each way."""
    record = analyse("The Indian minister met with Pakistani officials.")
    assert {(e["source_country"], e["target_country"]) for e in _find(record, "CONSULT")} == {("IND", "PAK")}, \
        _show(record)
    record = analyse("Armenia and Azerbaijan met in Brussels.")
    assert {(e["source_country"], e["target_country"]) for e in _find(record, "CONSULT")} == \
        {("ARM", "AZE"), ("AZE", "ARM")}, _show(record)


def test_a_party_opening_with_a_claim_of_attack_accuses(analyse):
    """'X said Y attacked Z' with the attribution first: X accuses Y (CAMEO 1123), and the CAMEO
    view codes the accusation instead of the reported attack; a trailing attribution reports the
    act, and a party speaking of its own act accuses no one."""
    from realpolitik.export.cameo import cameo_view

    record = analyse("Ukrainian officials said Russian forces shelled Kharkiv.")
    assert _find(record, "ASSAULT", "RUS", "UKR"), _show(record)
    acc = _find(record, "ACCUSE", "UKR", "RUS")
    assert acc and acc[0]["cameo"] == "1123", _show(record)
    assert {e["plover"] for e in cameo_view(record["events"])} == {"ACCUSE"}
    record = analyse("Russian forces shelled Kharkiv, Ukrainian officials said.")
    assert not _find(record, "ACCUSE"), _show(record)
    record = analyse("Russia said its forces shelled Kharkiv.")
    assert not _find(record, "ACCUSE"), _show(record)


def test_the_intent_code_follows_the_act(analyse):
    """A stated intent is coded with CAMEO's intent code for the act's family (aid 033, force 138);
    an act CAMEO has no intent code for (criticism) gives no intent event."""
    record = analyse("Japan wants to help Vietnam.")
    assert [e["cameo"] for e in _find(record, "AGREE", "JPN", "VNM")] == ["033"], _show(record)
    record = analyse("Sudan wants to attack Chad.")
    assert [e["cameo"] for e in _find(record, "THREATEN", "SDN", "TCD")] == ["138"], _show(record)
    record = analyse("Peru will criticize Chile.")
    assert not _find(record, {"AGREE", "THREATEN"}), _show(record)


def test_examining_sites_and_evidence_against(analyse):
    """Examining a site is investigating it (090), examining options is not; presenting evidence
    against a party accuses it, in either voice."""
    record = analyse("The inspectors examined the reactor in Syria.")
    assert _find(record, "ACCUSE", None, "SYR"), _show(record)
    assert not _find(analyse("Japan examined the options for Korea."), "ACCUSE")
    assert _find(analyse("Colombia presented new evidence against Venezuela."), "ACCUSE", "COL", "VEN")
    assert _find(analyse("New evidence against Venezuela was presented by Colombia."), "ACCUSE", "COL", "VEN")


def test_conjoined_parties_seeking_to_deepen_ties_each_state_the_intent(analyse):
    """'X and Y are seeking to deepen their ties': 'deepen' is a light verb, 'seeking to' an
    intent cue read on it, and each conjoined party states the intent (031) towards the other."""
    record = analyse("Ghana and Togo are seeking to deepen their cooperation on fisheries.")
    got = {(e["source_country"], e["target_country"], e["cameo"]) for e in _find(record, "AGREE")}
    assert got == {("GHA", "TGO", "031"), ("TGO", "GHA", "031")}, _show(record)
    assert all(e["modality"] != "asserted" for e in _find(record, "COOPERATE")), _show(record)


def test_forces_clashing_with_protesters_repress_and_the_protesters_riot(analyse):
    """CAMEO codes security forces' violence against protesters as repression (175) and the
    protesters' side as a riot (145); a clash between armies stays a fight (190) both ways."""
    record = analyse("Israeli troops clashed with Palestinian demonstrators.")
    got = {(e["source_country"], e["target_country"], e["cameo"]) for e in record["events"]}
    assert got == {("ISR", "PSE", "175"), ("PSE", "ISR", "145")}, _show(record)
    record = analyse("Indian troops clashed with Chinese troops.")
    assert {e["cameo"] for e in record["events"]} == {"190"}, _show(record)


def test_the_object_of_the_governing_verb_does_the_gerund(analyse):
    """'jailed a man for helping rebels', 'praised Germany for helping Greece': the one acted on
    does the gerund after for/of/from, not the governing verb's subject; with no object, the
    subject does ('refrained from attacking')."""
    record = analyse("An Egyptian court jailed a Libyan man for helping Sudanese rebels.")
    assert _find(record, "AID", "LBY", "SDN") and not _find(record, "AID", "EGY"), _show(record)
    record = analyse("France praised Germany for helping Greece.")
    assert _find(record, "AID", "DEU", "GRC"), _show(record)
    record = analyse("Israel refrained from attacking Iran.")
    assert _find(record, "ASSAULT", "ISR", "IRN"), _show(record)


def test_a_delivery_of_named_weapons_is_one_aid_event(analyse):
    """'delivered four Su-30SM fighter jets': the named weapon modifies a generic head; the arms
    stage codes the transfer and its AID event, so the lexicon's 'deliver' row must not code it again."""
    record = analyse("In May Moscow delivered six Mi-35 attack helicopters to Mali.")
    aid = _find(record, "AID", "RUS", "MLI")
    assert len(aid) == 1 and aid[0]["cameo"] == "072", _show(record)


# --------------------------------------------------------------------------------------------
# Categories from the frame: what the verb acts on decides the category, not the word alone
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, plover, src, tgt", [
    pytest.param("Georgia sent thousands of soldiers into Armenia.", "ASSAULT", "GEO", "ARM", id="troops-into"),
    pytest.param("Armenia sent thousands of soldiers into Georgia.", "ASSAULT", "ARM", "GEO", id="troops-into-mirror"),
    pytest.param("Georgia sent troops to the border region.", "MOBILIZE", "GEO", None, id="troops-to-a-place"),
    pytest.param("Kenya sent a delegation to the talks with Somalia.", "CONSULT", "KEN", "SOM", id="delegation"),
    pytest.param("Somalia sent a delegation to the talks with Kenya.", "CONSULT", "SOM", "KEN", id="delegation-mirror"),
    pytest.param("Peru released two Chilean fishermen.", "RETREAT", "PER", "CHL", id="release-people"),
    pytest.param("Chile released two Peruvian fishermen.", "RETREAT", "CHL", "PER", id="release-people-mirror"),
    pytest.param("Turkish forces carried out strikes inside Iraq.", "ASSAULT", "TUR", "IRQ", id="strikes-light-verb"),
    pytest.param("Iraqi forces carried out strikes inside Turkey.", "ASSAULT", "IRQ", "TUR", id="strikes-mirror"),
    pytest.param("Chilean teachers staged a hunger strike.", "PROTEST", "CHL", None, id="labour-strike"),
    pytest.param("The Chilean president met the Peruvian foreign minister.", "CONSULT", "CHL", "PER", id="meet-actor"),
    pytest.param("Ghana hosted the Nigerian president.", "CONSULT", "NGA", "GHA", id="host-actor"),
])
def test_the_object_decides_the_category(analyse, text, plover, src, tgt):
    """'send', 'release', 'strike', 'meet', 'host': one word, several acts; the row is chosen by
    what the verb acts on (troops, envoys, people) or by the words in front of the noun."""
    record = analyse(text)
    assert _find(record, plover, src, tgt), _show(record)


@pytest.mark.parametrize("text, plover", [
    pytest.param("Georgia sent thousands of soldiers into Armenia.", "AID", id="troops-are-not-aid"),
    pytest.param("The Dutch minister stressed that the border must stay open.", "REQUEST", id="stress-reports"),
    pytest.param("The Belgian envoy emphasized that talks had gone well.", "REQUEST", id="emphasize-reports"),
    pytest.param("Peru released two fishing boats.", "RETREAT", id="release-a-thing"),
    pytest.param("Serbian strikes hit a depot near the border.", "PROTEST", id="strike-is-no-walkout"),
    pytest.param("The road plan fully meets the needs of the region.", "CONSULT", id="meet-a-thing"),
    pytest.param("Ghana is hosting foreign mercenaries.", "CONSULT", id="host-a-thing"),
    pytest.param("This is what Ghanaians call a special operation.", "CONSULT", id="call-names"),
])
def test_a_frame_without_its_object_is_not_that_event(analyse, text, plover):
    """Reporting verbs ('stressed that') are statements, not demands; releasing a boat, meeting
    a requirement, hosting a base and calling something a name are no release, meeting or call."""
    record = analyse(text)
    assert not _find(record, plover), _show(record)


def test_stressing_the_need_for_a_solution_is_a_call(analyse):
    record = analyse("The Dutch minister stressed the need for a settlement between the two sides.")
    assert _find(record, "REQUEST", "NLD"), _show(record)


@pytest.mark.parametrize("text", [
    pytest.param("Talks began in the third year of the Chilean war.", id="war-under-a-preposition"),
    pytest.param("Aid reached the north in the Bolivian war.", id="war-under-a-preposition-mirror"),
    pytest.param("Refugees fled the region, Europe's deadliest conflict since 1945.", id="superlative-name"),
    pytest.param("This is what Peruvians call the war.", id="called-the-war"),
    pytest.param("This is what Chileans call the war.", id="called-the-war-mirror"),
])
def test_a_war_named_as_the_setting_is_not_an_event(analyse, text):
    """A war or conflict that is only the time or place of what the sentence reports is a name."""
    record = analyse(text)
    assert not _find(record, "ASSAULT"), _show(record)


@pytest.mark.parametrize("text, src, tgt", [
    pytest.param("Peru waged war against Chile in 1879.", "PER", "CHL", id="waged"),
    pytest.param("Chile waged war against Peru in 1879.", "CHL", "PER", id="waged-mirror"),
])
def test_a_war_waged_against_one_party_runs_one_way(analyse, text, src, tgt):
    record = analyse(text)
    assert _find(record, "ASSAULT", src, tgt) and not _find(record, "ASSAULT", tgt, src), _show(record)


@pytest.mark.parametrize("text, src, tgt", [
    pytest.param("Bolivian rebel leaders pledged that their men would keep raiding Peru until it pays.",
                 "BOL", "PER", id="pledge-that"),
    pytest.param("Peruvian rebel leaders pledged that their men would keep raiding Bolivia until it pays.",
                 "PER", "BOL", id="pledge-that-mirror"),
])
def test_a_pledge_whose_content_is_an_attack_is_a_threat(analyse, text, src, tgt):
    record = analyse(text)
    assert _find(record, "THREATEN", src, tgt) and not _find(record, "AGREE"), _show(record)


@pytest.mark.parametrize("text, plover, src, tgt", [
    pytest.param("A Chilean patrol boat trained its water cannon on a Peruvian trawler.", "ASSAULT", "CHL", "PER",
                 id="water-cannon"),
    pytest.param("A Peruvian patrol boat trained its water cannon on a Chilean trawler.", "ASSAULT", "PER", "CHL",
                 id="water-cannon-mirror"),
    pytest.param("Peru trained Bolivian soldiers.", "AID", "PER", "BOL", id="train-troops"),
    pytest.param("The African Union adopted two packages of sanctions against Mali.", "SANCTION", None, "MLI",
                 id="adopt-sanctions"),
])
def test_train_and_adopt_take_their_objects_category(analyse, text, plover, src, tgt):
    record = analyse(text)
    assert _find(record, plover, src, tgt), _show(record)
    if plover == "ASSAULT":
        assert not _find(record, "AID"), _show(record)


def test_plural_wars_count_episodes_of_fighting(analyse):
    """A plural is no name: 'the repeated wars between X and Y' reports fighting, both ways."""
    record = analyse("Border villages still suffer from the repeated wars between Chile and Bolivia.")
    assert _find(record, "ASSAULT", "CHL", "BOL") and _find(record, "ASSAULT", "BOL", "CHL"), _show(record)


@pytest.mark.parametrize("text, plover, src, tgt", [
    pytest.param("Bolivian fighters targeted a group of Peruvian soldiers near the border.", "ASSAULT", "BOL", "PER",
                 id="target-soldiers"),
    pytest.param("Peruvian fighters targeted a group of Bolivian soldiers near the border.", "ASSAULT", "PER", "BOL",
                 id="target-soldiers-mirror"),
    pytest.param("Peruvian camps have been targeted by Bolivia several times.", "ASSAULT", "BOL", "PER",
                 id="target-passive"),
    pytest.param("Chilean coast guard vessels blocked two Peruvian boats.", "COERCE", "CHL", "PER", id="block-boats"),
    pytest.param("Peruvian coast guard vessels blocked two Chilean boats.", "COERCE", "PER", "CHL",
                 id="block-boats-mirror"),
    pytest.param("Peru reaffirmed its commitment to eradicating Bolivian militias.", "THREATEN", "PER", "BOL",
                 id="commitment-to-fight"),
    pytest.param("Bolivia reaffirmed its commitment to eradicating Peruvian militias.", "THREATEN", "BOL", "PER",
                 id="commitment-to-fight-mirror"),
])
def test_physical_targets_and_promised_fights(analyse, text, plover, src, tgt):
    """'target' codes an attack only on a military or physical target; a commitment to crush an
    armed enemy is a threat, and the fight it promises is not coded as done."""
    record = analyse(text)
    assert _find(record, plover, src, tgt), _show(record)
    if plover == "THREATEN":
        assert not _find(record, "ASSAULT"), _show(record)


@pytest.mark.parametrize("text, plover", [
    pytest.param("New EU sanctions targeted Russian banks.", "ASSAULT", id="sanctions-target"),
    pytest.param("Peru will eradicate poverty by 2040.", "ASSAULT", id="eradicate-poverty"),
    pytest.param("The Lima airport temporarily halted flights.", "SANCTION", id="halt-flights"),
    pytest.param("Protesters blocked the main road to Quito.", "COERCE", id="block-road-is-protest"),
])
def test_frames_whose_object_is_no_party(analyse, text, plover):
    record = analyse(text)
    assert not _find(record, plover), _show(record)


@pytest.mark.parametrize("text, src, tgt", [
    pytest.param("Peruvian airstrikes on Bolivia killed five.", "PER", "BOL", id="strikes-killed"),
    pytest.param("Bolivian airstrikes on Peru killed five.", "BOL", "PER", id="strikes-killed-mirror"),
])
def test_the_act_named_as_subject_of_its_effect_keeps_both_sides(analyse, text, src, tgt):
    """'X's strikes on Y killed five': the noun names the act with both parties; the verb of its
    effect ('killed', one side) does not replace it."""
    record = analyse(text)
    assert _find(record, "ASSAULT", src, tgt), _show(record)
    assert not [e for e in record["events"] if e["plover"] == "ASSAULT" and e["target_country"] is None], _show(record)


@pytest.mark.parametrize("text, speaker, other", [
    pytest.param("Chile said that in response to the Peruvian army's attacks on its villages, its fighters "
                 "shelled a Peruvian base.", "CHL", "PER", id="cause-in-an-adjunct"),
    pytest.param("Peru said that in response to the Chilean army's attacks on its villages, its fighters "
                 "shelled a Chilean base.", "PER", "CHL", id="cause-in-an-adjunct-mirror"),
])
def test_the_cause_a_speaker_gives_for_its_own_act_is_no_accusation(analyse, text, speaker, other):
    record = analyse(text)
    assert not _find(record, "ACCUSE", speaker, other), _show(record)


def test_an_act_said_to_be_done_by_another_party_is_still_an_accusation(analyse):
    record = analyse("Chile said that the Peruvian army had shelled its villages.")
    assert _find(record, "ACCUSE", "CHL", "PER"), _show(record)


@pytest.mark.parametrize("text, plover, src, tgt", [
    pytest.param("Two Chilean navy ships illegally entered the waters around Peru's Lobos island.",
                 "MOBILIZE", "CHL", "PER", id="enter-waters"),
    pytest.param("Two Peruvian navy ships illegally entered the waters around Chile's Mocha island.",
                 "MOBILIZE", "PER", "CHL", id="enter-waters-mirror"),
    pytest.param("The Bolivian president challenged the Peruvian leader to come to Brazil for direct talks.",
                 "REQUEST", "BOL", "PER", id="challenge-to"),
    pytest.param("The Brazilian president says he wants a 30-day ceasefire.", "REQUEST", "BRA", None, id="want-ceasefire"),
])
def test_rows_for_acts_with_a_named_object(analyse, text, plover, src, tgt):
    record = analyse(text)
    assert _find(record, plover, src, tgt), _show(record)


@pytest.mark.parametrize("text, plover", [
    pytest.param("Chile has challenged the ruling in court.", "REQUEST", id="challenge-a-ruling"),
    pytest.param("The Chilean delegation entered the conference hall.", "MOBILIZE", id="enter-a-hall"),
])
def test_rows_for_acts_with_a_named_object_need_it(analyse, text, plover):
    record = analyse(text)
    assert not _find(record, plover), _show(record)




@pytest.mark.parametrize("text, plover", [
    pytest.param("Chile said it would not meet the kidnappers' demands.", "REJECT", id="not-meet-demands"),
    pytest.param("Peru said it would not meet the kidnappers' demands.", "REJECT", id="not-meet-demands-mirror"),
    pytest.param("Peru hosted a summit of Andean leaders in March.", "CONSULT", id="host-a-summit"),
])
def test_meeting_demands_and_hosting_meetings(analyse, text, plover):
    """'meet' a demand accepts it (refusing is a rejection), 'host' a summit is a visit hosted:
    objects that are no actor but still make the frame."""
    record = analyse(text)
    assert _find(record, plover), _show(record)


@pytest.mark.parametrize("a, b, code", [("Chilean", "Argentine", "CHL"), ("Argentine", "Chilean", "ARG")])
def test_an_article_drops_an_attack_whose_target_it_never_gives(analyse, a, b, code):
    """In an article, an act of force with its target still unknown after the context pass is half
    a record; a lone sentence keeps it (it has no context to fill the side from)."""
    article = (f"{a} and {b} envoys met in Lima on Monday. The talks covered fishing rights. "
               f"On Tuesday the {a} navy opened fire near the strait.")
    record = analyse(article)
    assert _find(record, "CONSULT", code), _show(record)
    assert not _find(record, "ASSAULT"), _show(record)
    alone = analyse(f"On Tuesday the {a} navy opened fire near the strait.")
    assert _find(alone, "ASSAULT", code, None), _show(alone)


@pytest.mark.parametrize("a, b, code, other", [("Chilean", "Argentine", "CHL", "ARG"),
                                               ("Argentine", "Chilean", "ARG", "CHL")])
def test_an_article_keeps_an_attack_whose_target_the_context_gives(analyse, a, b, code, other):
    article = (f"{a} troops shelled {b} border posts on Monday. The talks had failed. "
               f"On Tuesday the {a} navy opened fire near the strait.")
    record = analyse(article)
    assert len(_find(record, "ASSAULT", code, other)) >= 2, _show(record)


@pytest.mark.parametrize("a, b, code, other", [("Venezuelan", "Guyanese", "VEN", "GUY"),
                                               ("Guyanese", "Venezuelan", "GUY", "VEN")])
def test_a_place_in_a_state_the_article_never_names_is_no_target(analyse, a, b, code, other):
    """"fired at the Portofino" (a ship, or an Italian village?) in an article that never names Italy:
    the gazetteer's place makes no side, and the article's conflict pair fills the target; in a
    lone sentence, or once the article names Italy as a party, the place's state stays the target."""
    story = f"{a} troops shelled {b} border posts on Monday. {{}} On Tuesday the {a} navy fired two missiles at the Portofino."
    record = analyse(story.format("The talks had failed."))
    assert not _find(record, "ASSAULT", code, "ITA"), _show(record)
    assert len(_find(record, "ASSAULT", code, other)) == 2, _show(record)
    named = analyse(story.format("Italian officials protested."))
    assert _find(named, "ASSAULT", code, "ITA"), _show(named)
    alone = analyse(f"On Tuesday the {a} navy fired two missiles at the Portofino.")
    assert _find(alone, "ASSAULT", code, "ITA"), _show(alone)


@pytest.mark.parametrize("a, b, code, other", [("Venezuelan", "Guyanese", "VEN", "GUY"),
                                               ("Guyanese", "Venezuelan", "GUY", "VEN")])
def test_an_act_retold_close_by_is_one_record(analyse, a, b, code, other):
    """The lead restated a sentence later is one event with more evidence; the same act told
    several sentences later may be another strike on another day, and stays a record of its own."""
    lead = f"{a} troops shelled {b} border posts on Monday. Officials called it a grave escalation. "
    close = analyse(lead + f"{a} troops shelled the {b} posts with heavy guns.")
    found = _find(close, "ASSAULT", code, other)
    assert len(found) == 1 and found[0]["more_evidence"], _show(close)
    far = analyse(lead + f"Schools were closed. Markets were shut. Roads were empty. {a} troops shelled the {b} posts again on Friday.")
    assert len(_find(far, "ASSAULT", code, other)) == 2, _show(far)

# --------------------------------------------------------------------------------------------
# Nominal conflict acts: aggression, genocide, measures taken against a party

@pytest.mark.parametrize("text, plover, src, tgt", [
    pytest.param("Chilean army units took retaliatory measures against the Peruvian positions.",
                 "ASSAULT", "CHL", "PER", id="retaliatory-measures"),
    pytest.param("Peruvian army units took retaliatory measures against the Chilean positions.",
                 "ASSAULT", "PER", "CHL", id="retaliatory-measures-mirror"),
    pytest.param("The navy of Ecuador took control measures against the Colombian fishing boats.",
                 "COERCE", "ECU", "COL", id="measures-against-party"),
    pytest.param("The navy of Colombia took control measures against the Ecuadorian fishing boats.",
                 "COERCE", "COL", "ECU", id="measures-against-party-mirror"),
    pytest.param("The Bolivian aggression against Paraguay began in 1932.", "ASSAULT", "BOL", "PRY", id="aggression"),
    pytest.param("Paraguay's aggression towards Bolivia began in 1932.", "ASSAULT", "PRY", "BOL", id="aggression-mirror"),
    pytest.param("There was aggression on the part of Peru.", "ASSAULT", "PER", None, id="on-the-part-of"),
    pytest.param("Peru committed genocide against the people of Ecuador.", "ASSAULT", "PER", "ECU", id="commit-genocide"),
])
def test_nominal_conflict_acts(analyse, text, plover, src, tgt):
    record = analyse(text)
    assert _find(record, plover, src, tgt), _show(record)


@pytest.mark.parametrize("text", [
    pytest.param("The government of Chile took measures against corruption.", id="measures-against-a-thing"),
    pytest.param("Peru adopted new measures to curb inflation.", id="measures-no-party"),
])
def test_measures_against_no_party_are_no_event(analyse, text):
    record = analyse(text)
    assert not _find(record, {"COERCE", "ASSAULT"}), _show(record)


def test_on_the_part_of_names_no_target(analyse):
    record = analyse("There was aggression on the part of Peru.")
    assert not _find(record, "ASSAULT", None, "PER"), _show(record)


# --------------------------------------------------------------------------------------------
# Conjoined speakers and ranges of states

@pytest.mark.parametrize("text, members", [
    pytest.param("Chile, Peru and Bolivia have called for calm.", {"CHL", "PER", "BOL"}, id="conjoined"),
    pytest.param("Bolivia, Peru and Chile have called for calm.", {"CHL", "PER", "BOL"}, id="conjoined-mirror"),
    pytest.param("Governments from Chile to Peru and Bolivia have called for calm.", {"CHL", "PER", "BOL"}, id="range"),
])
def test_conjoined_speakers_each_ask_no_one_named(analyse, text, members):
    """Each of several speakers who call for calm makes the request; none asks it of the others."""
    record = analyse(text)
    got = {(e["source_country"], e["target_country"]) for e in _find(record, "REQUEST")}
    assert got == {(m, None) for m in members}, _show(record)


def test_a_range_of_places_is_a_route_not_members(analyse):
    record = analyse("Migrants from Chile to Peru have called for help.")
    assert not _find(record, "REQUEST", "CHL"), _show(record)


@pytest.mark.parametrize("text, src, tgt", [
    pytest.param("Chilean sabotage groups mined roads near the Peruvian positions.", "CHL", "PER", id="mined-roads"),
    pytest.param("Peruvian sabotage groups mined roads near the Chilean positions.", "PER", "CHL", id="mined-roads-mirror"),
])
def test_laying_mines_is_an_attack(analyse, text, src, tgt):
    record = analyse(text)
    assert _find(record, "ASSAULT", src, tgt), _show(record)


def test_mining_ore_is_no_attack(analyse):
    record = analyse("A Chilean company mined copper near the Peruvian border.")
    assert not _find(record, "ASSAULT"), _show(record)


@pytest.mark.parametrize("text, src, tgt", [
    pytest.param("Chile deplored the raids, calling for a swift end to Peru's shelling of Bolivia.",
                 "CHL", "PER", id="end-to-strikes"),
    pytest.param("Peru deplored the raids, calling for a swift end to Chile's shelling of Bolivia.",
                 "PER", "CHL", id="end-to-strikes-mirror"),
    pytest.param("Norway demanded a halt to all rifle shipments from Iran into Sudan.", "NOR", "IRN", id="halt-to-supply"),
    pytest.param("Sweden demanded a halt to all rifle shipments from Egypt into Libya.", "SWE", "EGY", id="halt-to-supply-mirror"),
])
def test_asking_that_an_act_end_asks_its_agent(analyse, text, src, tgt):
    """A call for an end to an act is a request of whoever does the act; a participle of speech
    ("..., calling for") is said by the clause's subject."""
    record = analyse(text)
    assert _find(record, "REQUEST", src, tgt), _show(record)


@pytest.mark.parametrize("text, src, tgt", [
    pytest.param("Two Chilean boats approached Peruvian coast guard vessels near the island.", "CHL", "PER", id="approach"),
    pytest.param("Two Peruvian boats approached Chilean coast guard vessels near the island.", "PER", "CHL", id="approach-mirror"),
])
def test_vessels_approaching_another_states_vessels_show_force(analyse, text, src, tgt):
    record = analyse(text)
    assert _find(record, "MOBILIZE", src, tgt), _show(record)


def test_approaching_people_is_no_show_of_force(analyse):
    record = analyse("The Chilean minister approached the Peruvian delegation.")
    assert not _find(record, "MOBILIZE"), _show(record)
