"""Arms transfers: frames, origin adjectives, weapon families, quantity, period, modality and
mirrored supplier/recipient pairs. Sentences are our own."""

from __future__ import annotations

import pytest
from rp_helpers import NOT_FACTUAL, pairs, xfail


def _show(record: dict) -> str:
    return "; ".join(
        f"{t['supplier_country']}->{t['recipient_country']} {t['weapon']['name']}"
        f"/{t['weapon']['family']} q={t['quantity']} {t['status']} {t['period']} {t['modality']}"
        for t in record["arms_transfers"]) or "no transfers"


def _one(record: dict, supplier: str | None, recipient: str) -> dict:
    hits = [t for t in record["arms_transfers"]
            if t["recipient_country"] == recipient
            and (supplier is None or t["supplier_country"] == supplier)]
    assert hits, f"expected {supplier}->{recipient}: {_show(record)}"
    return hits[0]


FRAMES = [
    # (sentence, supplier, recipient, weapon family or None)
    ("Azerbaijan bought Harop drones from Israel.", "ISR", "AZE", "Harpy"),
    ("Israel supplied Spike-ER missiles to Azerbaijan.", "ISR", "AZE", "Spike"),
    ("Armenia received Pinaka rocket launchers from India.", "IND", "ARM", "Pinaka"),
    ("Russia sold S-400 systems to India.", "RUS", "IND", "S-400"),
    ("The United States delivered HIMARS launchers to Ukraine.", "USA", "UKR", "HIMARS"),
    ("Iran supplied Shahed-136 drones to Russia.", "IRN", "RUS", "Shahed"),
    ("Azerbaijan acquired Bayraktar TB2 drones from Turkey.", "TUR", "AZE", "Bayraktar"),
    pytest.param("France sold CAESAR howitzers to Armenia.", "FRA", "ARM", "CAESAR",
                 id="caesar-howitzers",
                 marks=xfail("'CAESAR howitzers' resolves to the generic 'howitzer' (family None): "
                             "the KB has 'CAESAR 155mm' with alias 'Caesar howitzer' but the "
                             "plural/upper-case form is not matched")),
]


@pytest.mark.parametrize("text, supplier, recipient, family", FRAMES)
def test_frames(analyse, text, supplier, recipient, family):
    record = analyse(text)
    t = _one(record, supplier, recipient)
    assert t["modality"] == "asserted"
    assert t["status"] in {"delivered", "ordered", None}
    if family:
        assert t["weapon"]["family"] == family, _show(record)
    assert not [x for x in record["arms_transfers"]
                if (x["supplier_country"], x["recipient_country"]) == (recipient, supplier)]


def test_family_variant_keeps_its_name_and_maker(analyse):
    record = analyse("Israel supplied Spike-ER missiles to Azerbaijan.")
    w = _one(record, "ISR", "AZE")["weapon"]
    assert w["name"] == "Spike-ER"
    assert w["family"] == "Spike"
    assert w["category"] == "anti-tank missile"
    assert w["manufacturer"] == "Rafael Advanced Defense Systems"


@pytest.mark.parametrize("text, supplier, recipient, quantity", [
    ("Armenia received 24 howitzers from India.", "IND", "ARM", 24),
    ("The United States will deliver 40 F-16 jets to Taiwan next year.", "USA", "TWN", 40),
    pytest.param("Azerbaijan acquired 12 Bayraktar TB2 drones from Turkey.", "TUR", "AZE", 12,
                 id="quantity-before-multiword-name"),
    ("India signed a contract for 26 Rafale jets with France.", "FRA", "IND", 26),
])
def test_quantity(analyse, text, supplier, recipient, quantity):
    record = analyse(text)
    assert _one(record, supplier, recipient)["quantity"] == quantity, _show(record)


@pytest.mark.parametrize("text, supplier, recipient, start, end", [
    ("Georgia has purchased Turkish drones since 2019.", "TUR", "GEO", "2019", None),
    ("Armenia has bought Indian weapons since 2020.", "IND", "ARM", "2020", None),
    ("Between 2010 and 2020, Israel sold Spike missiles to Azerbaijan.", "ISR", "AZE", "2010", "2020"),
])
def test_period(analyse, text, supplier, recipient, start, end):
    period = _one(analyse(text), supplier, recipient)["period"]
    assert period == {"start": start, "end": end}


@pytest.mark.parametrize("text, supplier, recipient", [
    ("Georgia has purchased Turkish drones since 2019.", "TUR", "GEO"),
    pytest.param("Israeli Harop drones were delivered to Azerbaijan in 2016.", "ISR", "AZE",
                 id="origin-adjective-passive"),
    pytest.param("Georgia has used Turkish drones since 2019.", "TUR", "GEO",
                 id="origin-adjective-use",
                 marks=xfail("'X has used Israeli drones': no transfer at all (a 'used' status "
                             "exists in the spec, and the origin adjective names the supplier)")),
])
def test_origin_adjective(analyse, text, supplier, recipient):
    _one(analyse(text), supplier, recipient)


NON_FACTUAL = [
    # (sentence, supplier, recipient, acceptable statuses)
    ("Russia denied supplying Iskander missiles to Armenia.", "RUS", "ARM", {"denied"}),
    ("Israel denied selling Harop drones to Azerbaijan.", "ISR", "AZE", {"denied"}),
    ("Pakistan plans to buy J-10 fighters from China.", "CHN", "PAK", {"planned", "ordered"}),
    ("Taiwan plans to buy F-16 fighters from the United States.", "USA", "TWN", {"planned", "ordered"}),
    ("Venezuela may buy S-400 systems from Russia.", "RUS", "VEN", {"planned", None}),
    ("The United States will deliver 40 F-16 jets to Taiwan next year.", "USA", "TWN",
     {"planned", "ordered"}),
]


@pytest.mark.parametrize("text, supplier, recipient, statuses", NON_FACTUAL)
def test_denied_and_planned_deals_are_not_asserted(analyse, text, supplier, recipient, statuses):
    record = analyse(text)
    t = _one(record, supplier, recipient)
    assert t["status"] in statuses, _show(record)
    assert t["modality"] in NOT_FACTUAL | {"disputed"}, _show(record)
    assert all(x["modality"] != "asserted" for x in record["arms_transfers"]), _show(record)


def test_reported_transfer(analyse):
    record = analyse("Iranian officials said Russia delivered Su-35 fighters to Iran.")
    t = _one(record, "RUS", "IRN")
    assert t["modality"] == "reported"
    assert t["weapon"]["name"] == "Su-35"


def test_one_weapon_one_transfer(analyse):
    record = analyse("Iranian officials said Russia delivered Su-35 fighters to Iran.")
    assert len(record["arms_transfers"]) == 1, _show(record)


def test_receiving_weapons_is_not_a_visit(analyse):
    record = analyse("Armenia received Pinaka rocket launchers from India.")
    assert not [e for e in record["events"] if e["plover"] == "CONSULT"], record["events"]


# Mirrored pairs: swapping the countries swaps supplier and recipient.
MIRROR_TEMPLATES = {
    "bought-from": "{R} bought Harop drones from {S}.",
    "supplied-to": "{S} supplied Spike-ER missiles to {R}.",
    "received-from": "{R} received 24 howitzers from {S}.",
    "sold-to": "{S} sold S-400 systems to {R}.",
    "delivered-to": "{S} delivered HIMARS launchers to {R}.",
    "denied": "{S} denied selling Harop drones to {R}.",
    "provided-with": "{S} has provided {R} with artillery shells.",
    "reportedly-provided-with": "{S} has reportedly provided {R} with 500 mortar shells.",
    "passive-by": "Anti-tank missiles were sent to {R} by {S}.",
    "noun-from-to": "The talks dealt with the delivery of tanks from {S} to {R}.",
}
MIRROR_PAIRS = [("Israel", "ISR", "Azerbaijan", "AZE"), ("Russia", "RUS", "Ukraine", "UKR"),
                ("India", "IND", "Armenia", "ARM"), ("Iran", "IRN", "Russia", "RUS"),
                ("the United States", "USA", "Taiwan", "TWN")]


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


@pytest.mark.parametrize("template", MIRROR_TEMPLATES.values(), ids=MIRROR_TEMPLATES.keys())
@pytest.mark.parametrize("s_name, s, r_name, r", MIRROR_PAIRS, ids=lambda v: v if len(v) == 3 else "")
def test_mirrored(analyse, template, s_name, s, r_name, r):
    forward = analyse(_cap(template.format(S=s_name, R=r_name)))
    backward = analyse(_cap(template.format(S=r_name, R=s_name)))
    assert pairs(forward, "arms") and pairs(backward, "arms")
    assert set(pairs(forward, "arms")) == {(s, r)}, _show(forward)
    assert set(pairs(backward, "arms")) == {(r, s)}, _show(backward)
    assert ([t["modality"] for t in forward["arms_transfers"]]
            == [t["modality"] for t in backward["arms_transfers"]])
    assert ([t["weapon"] for t in forward["arms_transfers"]]
            == [t["weapon"] for t in backward["arms_transfers"]])


def test_the_aid_event_of_a_delivery_carries_its_date(analyse):
    record = analyse("In March 2021 Moscow delivered six Mi-35 attack helicopters to Mali.")
    aid = [e for e in record["events"] if e["plover"] == "AID"]
    assert len(aid) == 1 and aid[0]["date"]["start"].startswith("2021-03"), record["events"]


def test_the_use_of_supplied_weapons_carries_its_date(analyse):
    record = analyse("On 12 May 2022, Azerbaijan used Israeli Harop drones against Armenian positions.")
    used = [e for e in record["events"] if e["plover"] == "ASSAULT"]
    assert used and used[0]["date"] and used[0]["date"]["start"] == "2022-05-12", record["events"]


# --- modality on the trigger itself -------------------------------------------------------------

HEDGED_ON_TRIGGER = [
    # (sentence, supplier, recipient, expected modality)
    ("Belarus has reportedly provided Russia with artillery shells.", "BLR", "RUS", "reported"),
    ("Russia has reportedly provided Belarus with artillery shells.", "RUS", "BLR", "reported"),
    ("Egypt allegedly supplied drones to Sudan.", "EGY", "SDN", "disputed"),
    ("Sudan allegedly supplied drones to Egypt.", "SDN", "EGY", "disputed"),
    ("Turkey is said to have sold armed drones to Ethiopia.", "TUR", "ETH", "reported"),
    ("Ethiopia is said to have sold armed drones to Turkey.", "ETH", "TUR", "reported"),
]


@pytest.mark.parametrize("text, supplier, recipient, modality", HEDGED_ON_TRIGGER)
def test_a_cue_on_the_trigger_is_read(analyse, text, supplier, recipient, modality):
    record = analyse(text)
    t = _one(record, supplier, recipient)
    assert t["modality"] == modality, _show(record)
    assert t["status"] != "planned", _show(record)  # "to have sold" is done, not a purpose
    assert all(e["modality"] != "asserted" for e in record["events"] if e["plover"] == "AID"), record["events"]


def test_the_supply_frame_gives_one_aid_event(analyse):
    record = analyse("Belarus has provided Russia with artillery shells.")
    aid = [(e["source_country"], e["target_country"]) for e in record["events"] if e["plover"] == "AID"]
    assert aid == [("BLR", "RUS")], record["events"]


# --- status: approved, decided, promised supplies are plans ----------------------------------------

PLANNED = [
    ("Norway approved the delivery of Leopard tanks to Ukraine.", "NOR", "UKR"),
    ("Ukraine approved the delivery of Leopard tanks to Norway.", "UKR", "NOR"),
    ("Canada welcomed the decision of Spain to supply howitzers to Latvia.", "ESP", "LVA"),
    ("Canada welcomed the decision of Latvia to supply howitzers to Spain.", "LVA", "ESP"),
]


@pytest.mark.parametrize("text, supplier, recipient", PLANNED)
def test_an_approved_supply_is_not_delivered(analyse, text, supplier, recipient):
    t = _one(analyse(text), supplier, recipient)
    assert t["status"] in {"planned", "ordered"}, _show(analyse(text))


# --- makers and origins ------------------------------------------------------------------------

MADE = [
    ("Chinese-made J-10 fighter jets operated by the Egyptian Air Force flew over Cairo.", "CHN", "EGY"),
    ("Egyptian-made J-10 fighter jets operated by the Chinese Air Force flew over Beijing.", "EGY", "CHN"),
    ("Russian-made helicopters, which were newly acquired by Mali, landed in Gao.", "RUS", "MLI"),
    ("Malian-made helicopters, which were newly acquired by Russia, landed in Kazan.", "MLI", "RUS"),
]


@pytest.mark.parametrize("text, supplier, recipient", MADE)
def test_x_made_names_the_origin_never_the_recipient(analyse, text, supplier, recipient):
    record = analyse(text)
    _one(record, supplier, recipient)
    assert not [t for t in record["arms_transfers"] if t["recipient_country"] == supplier], _show(record)


def test_a_weapon_of_foreign_make_in_a_state_s_hands(analyse, nlp):
    text = "Egypt's F-16 aircraft, built by Lockheed Martin, were grounded for repairs on Monday."
    record = analyse(text)
    t = _one(record, "USA", "EGY")
    assert t["weapon"]["manufacturer"] == "Lockheed Martin"
    assert not [e for e in record["events"] if e["plover"] == "AID"], record["events"]
    # the stage's own score: read from a possessive, not from a told supply (the record's
    # confidence is the calibrated one, which may pool all transfers: docs/evaluation.md)
    raw = [x for x in nlp(text)._.rp_transfers if (x["supplier_country"], x["recipient_country"]) == ("USA", "EGY")]
    assert raw and raw[0]["confidence"] < 0.5, raw


@pytest.mark.parametrize("text", [
    "Ukraine's F-16 jets flew over Kharkiv on Monday.",
    "Egypt's F-16 jets flew over Cairo on Monday.",
])
def test_a_weapon_in_service_of_unstated_make_is_no_transfer(analyse, text):
    # the knowledge base knows where F-16s are made, not who handed these ones over
    assert analyse(text)["arms_transfers"] == [], _show(analyse(text))


@pytest.mark.parametrize("text, supplier, recipient", [
    ("Japan approved selling howitzers to Vietnam and supplying more patrol boats.", "JPN", "VNM"),
    ("Vietnam approved selling howitzers to Japan and supplying more patrol boats.", "VNM", "JPN"),
])
def test_a_coordinated_supply_shares_the_status_of_its_governing_word(analyse, text, supplier, recipient):
    record = analyse(text)
    hits = [t for t in record["arms_transfers"] if (t["supplier_country"], t["recipient_country"]) == (supplier, recipient)]
    assert len(hits) == 2, _show(record)
    assert {t["status"] for t in hits} == {"planned"}, _show(record)


@pytest.mark.parametrize("text, supplier, recipient", [
    ("Brazil wants to buy Gripen fighters from Sweden.", "SWE", "BRA"),
    ("Sweden wants to buy Gripen fighters from Brazil.", "BRA", "SWE"),
    ("Norway intends to sell NASAMS systems to Chile.", "NOR", "CHL"),
    ("Chile intends to sell NASAMS systems to Norway.", "CHL", "NOR"),
])
def test_an_intended_supply_is_planned(analyse, text, supplier, recipient):
    t = _one(analyse(text), supplier, recipient)
    assert t["status"] in {"planned", "ordered"}, t


def test_the_aid_event_of_a_context_filled_transfer_says_so(analyse):
    record = analyse("Ukraine's president thanked Norway's prime minister for approving the delivery of tanks. "
                     "Oslo has sent aid to Ukraine since 2022.")
    transfers = [t for t in record["arms_transfers"] if t["recipient_country"] == "UKR"]
    assert transfers and transfers[0]["side_from"] == "context", _show(record)
    ev = transfers[0]["evidence"]
    # the delivery event of the same words (the second sentence's own "sent aid" is another event)
    aid = [e for e in record["events"] if e["plover"] == "AID"
           and e["evidence"]["start"] < ev["end"] and ev["start"] < e["evidence"]["end"]]
    assert aid and all(e["side_from"] == "context" for e in aid), record["events"]


@pytest.mark.parametrize("text, judge, recipient", [
    ("Japan condemned the delivery of Shahed drones to Russia.", "JPN", "RUS"),
    ("Russia condemned the delivery of HIMARS launchers to Japan.", "RUS", "JPN"),
    ("Norway criticised the sale of tanks to Chile.", "NOR", "CHL"),
    ("Chile criticised the sale of tanks to Norway.", "CHL", "NOR"),
])
def test_who_judges_a_supply_is_no_party_to_it(analyse, text, judge, recipient):
    record = analyse(text)
    assert not [t for t in record["arms_transfers"] if t["supplier_country"] == judge], _show(record)


@pytest.mark.parametrize("text, supplier, recipient", [
    ("Russia completed the delivery of S-400 systems to India.", "RUS", "IND"),
    ("India completed the delivery of S-400 systems to Russia.", "IND", "RUS"),
])
def test_a_party_acting_on_the_deal_is_its_side(analyse, text, supplier, recipient):
    _one(analyse(text), supplier, recipient)


_FAR = " The deal was large. Officials met in the capital on Monday. Talks went on for hours. "


@pytest.mark.parametrize("text, seller, user", [
    ("Israel sold Harop drones to Azerbaijan in 2016." + _FAR + "Azerbaijan used tanks against Armenian positions.",
     "ISR", "AZE"),
    ("India sold Pinaka launchers to Armenia in 2022." + _FAR + "Armenia used tanks against Azerbaijani positions.",
     "IND", "ARM"),
])
def test_a_later_use_of_another_weapon_is_not_the_old_supply(analyse, text, seller, user):
    record = analyse(text)
    used = [t for t in record["arms_transfers"] if t["status"] == "used"]
    assert not [t for t in used if (t["supplier_country"], t["recipient_country"]) == (seller, user)], _show(record)


@pytest.mark.parametrize("text, seller, user", [
    ("Israel sold Harop drones to Azerbaijan in 2016." + _FAR + "Azerbaijan used the Harop drones against Armenian positions.",
     "ISR", "AZE"),
    ("India sold Pinaka launchers to Armenia in 2022." + _FAR + "Armenia used the Pinaka launchers against Azerbaijani positions.",
     "IND", "ARM"),
])
def test_a_later_use_of_the_same_weapon_family_is_the_old_supply(analyse, text, seller, user):
    record = analyse(text)
    used = [t for t in record["arms_transfers"] if t["status"] == "used"]
    assert [t for t in used if (t["supplier_country"], t["recipient_country"]) == (seller, user)], _show(record)


def test_a_state_s_own_weapon_is_no_transfer(analyse):
    assert analyse("Russia's Iskander missiles were moved to the border.")["arms_transfers"] == []


def test_a_company_in_the_next_sentence_is_not_the_maker(analyse):
    record = analyse("France sold howitzers to Armenia. Officials from the Boeing company visited Paris.")
    t = _one(record, "FRA", "ARM")
    assert t["weapon"]["manufacturer"] in (None, ""), _show(record)


def test_the_recipient_slot_is_not_the_weapon(analyse):
    # "fighters" here are people: the noun in the taker's slot is never what is given
    assert analyse("The charity is providing support to the rebel fighters.")["arms_transfers"] == []


# --- a side from the document context ----------------------------------------------------------

@pytest.mark.parametrize("text, supplier, recipient", [
    ("Ukraine's president thanked Norway's prime minister for approving the delivery of tanks. "
     "Oslo has sent aid to Ukraine since 2022.", "NOR", "UKR"),
    ("Norway's president thanked Ukraine's prime minister for approving the delivery of tanks. "
     "Kyiv has sent aid to Norway since 2022.", "UKR", "NOR"),
])
def test_a_side_from_context_is_marked_and_less_sure(nlp, text, supplier, recipient):
    doc = nlp(text)
    hits = [t for t in doc._.rp_transfers
            if (t["supplier_country"], t["recipient_country"]) == (supplier, recipient)]
    assert hits, doc._.rp_transfers
    assert hits[0]["side_from"] == "context" and hits[0]["confidence"] <= 0.4
    assert hits[0]["status"] == "planned"


@pytest.mark.parametrize("text, supplier, near", [
    ("Chile's president thanked Peru's prime minister for approving the delivery of tanks.", "PER", "CHL"),
    ("Peru's president thanked Chile's prime minister for approving the delivery of tanks.", "CHL", "PER"),
])
def test_a_near_state_the_text_never_says_gets_arms_is_no_side(nlp, text, supplier, near):
    # the thanking state is only near the supply: nothing in the text says it receives anything
    doc = nlp(text)
    assert not [t for t in doc._.rp_transfers
                if (t["supplier_country"], t["recipient_country"]) == (supplier, near)], doc._.rp_transfers


@pytest.mark.parametrize("text, supplier, recipient", [
    ("Spain sold NASAMS systems to Chile. The Spanish defence ministry approved the delivery of a further "
     "NASAMS battery last week, Peru's envoy noted.", "ESP", "CHL"),
    ("Chile sold NASAMS systems to Spain. The Chilean defence ministry approved the delivery of a further "
     "NASAMS battery last week, Peru's envoy noted.", "CHL", "ESP"),
])
def test_the_same_weapon_family_names_the_missing_side(nlp, text, supplier, recipient):
    doc = nlp(text)
    pairs_ = [(t["supplier_country"], t["recipient_country"]) for t in doc._.rp_transfers]
    assert pairs_.count((supplier, recipient)) == 2, doc._.rp_transfers
    assert not [p for p in pairs_ if "PER" in p], doc._.rp_transfers


def test_a_named_side_that_is_no_actor_is_not_filled_from_context(analyse):
    record = analyse("An Omani minister called on African states to provide weapons to Darfur.")
    assert not [t for t in record["arms_transfers"] if t["supplier_country"] == "YEM"], _show(record)


@pytest.mark.parametrize("text, supplier, recipient", [
    ("Moscow fired Belarusian-supplied shells at Kyiv.", "BLR", "RUS"),
    ("Minsk fired Russian-supplied shells at Vilnius.", "RUS", "BLR"),
])
def test_x_supplied_names_the_supplier_and_the_user_took_it(analyse, text, supplier, recipient):
    record = analyse(text)
    _one(record, supplier, recipient)
    aid = [(e["source_country"], e["target_country"]) for e in record["events"] if e["plover"] == "AID"]
    assert aid == [(supplier, recipient)], record["events"]  # one AID event, not one per stage


@pytest.mark.parametrize("text", [
    "Germany approved the delivery of tanks, Poland said.",
    "Poland approved the delivery of tanks, Germany said.",
])
def test_the_speaker_is_no_side_from_context(analyse, text):
    record = analyse(text)
    assert not [t for t in record["arms_transfers"] if {t["supplier_country"], t["recipient_country"]} == {"DEU", "POL"}], _show(record)


@pytest.mark.parametrize("text, seller, user", [
    ("France sold howitzers to Armenia. Azerbaijan used drones against Armenian positions.", "FRA", "AZE"),
    ("France sold howitzers to Azerbaijan. Armenia used drones against Azerbaijani positions.", "FRA", "ARM"),
])
def test_a_use_is_tied_to_the_last_supply_only_when_the_user_received_it(analyse, text, seller, user):
    record = analyse(text)
    assert not [t for t in record["arms_transfers"]
                if (t["supplier_country"], t["recipient_country"]) == (seller, user)], _show(record)
