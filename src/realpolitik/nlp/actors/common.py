"""What every pass of the actor linker shares: constants, the candidate record, entity helpers.

A candidate is a token range the passes propose for an actor; `ActorLinker` keeps the longest. The
helpers here read an id's type and country from the document's actor table, the knowledge base or
the actors discovered in this document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: spaCy label for each of our actor types, so doc.ents reads sensibly downstream
ENT_LABEL = {"state": "GPE", "person": "PERSON", "organization": "ORG", "company": "ORG",
             "armed_group": "ORG", "igo": "ORG", "location": "LOC"}
#: ranks and honorifics stripped from a name before it is looked up
TITLES = {"major", "general", "lieutenant", "brigadier", "colonel", "admiral", "marshal", "field",
          "commander", "captain", "sergeant", "mr", "mrs", "ms", "dr", "sir", "sheikh", "ayatollah",
          "president", "minister", "prime", "king", "queen", "prince", "emir", "sultan", "chancellor",
          "senator", "gen", "lt", "col", "maj", "adm", "rear", "vice", "deputy", "hojatoleslam"}
_SETTLEMENT_NOUNS = {"town", "city", "village", "province", "region", "district", "settlement", "port",
                     "capital", "municipality", "county", "oblast", "governorate", "area", "hamlet"}
_PERSONAL_PRONOUNS = {"he", "she", "him"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
#: pronouns that can stand for a group or a speaker (see ActorLinker._group_pronouns)
_FIRST_SINGULAR = frozenset({"i", "me", "my", "myself"})
_FIRST_PERSON = frozenset({"we", "us", "our", "ours", "ourselves"}) | _FIRST_SINGULAR
#: "its"/"their" are left out: the event coder reads a possessive's owner off the parse, and re3d
#: rarely annotates them (9 of 35 such links matched a gold span); so is "it", mostly empty or a
#: thing in this prose (2 of 14 links to the last group subject were right on re3d)
_GROUP_PRONOUNS = _FIRST_PERSON | {"they", "them"}
#: sectors of a state's own bodies: a release of one of them quoting a person speaks for it
_STATE_SECTORS = frozenset({"GOV", "MIL", "SPY", "LEG", "COP"})
_OPEN_QUOTES = frozenset({"“", "``", "«"})
_CLOSE_QUOTES = frozenset({"”", "''", "»"})
_BOTH_QUOTES = frozenset({'"'})
#: spaCy entity labels whose unknown names are looked up or discovered
MODEL_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
#: military acronyms of things, not organisations
_NOT_ORG_ACRONYMS = frozenset({"ied", "ieds", "vbied", "vbieds", "uav", "uavs", "ucav", "rpg", "rpgs", "manpads",
                               "atgm", "sam", "sams", "apc", "apcs", "ifv", "mlrs", "icbm", "slbm", "wmd", "cbrn",
                               "gps", "ak", "tnt", "pm", "am", "utc", "gmt"})
#: small words inside a name ("Committee of America", "Abu Jandal al-Kuwaiti")
_NAME_GLUE = frozenset({"of", "for", "and", "the", "al", "el", "bin", "ibn", "de", "&"})
#: words that make a direction, not a place, when the model tags them alone ("Southern Iraq")
_DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                         "central", "northeast", "northwest", "southeast", "southwest", "upper", "lower"})
#: the model's entity labels for dates and times: such words are never names of places or people
_TIME_ENTS = frozenset({"DATE", "TIME"})
#: prefixes of ships' names, which the model tags as places
_SHIP_PREFIXES = frozenset({"HMS", "USS", "HMAS", "HMCS", "INS", "FS", "RFS", "ARA", "TCG", "USNS"})
#: nouns of vessels: a name right after one is the vessel's ("the tanker Maria K", "the destroyer
#: Carney"), neither a person nor an organisation ("carrier" is left out: airlines are carriers too)
_VESSEL_NOUNS = frozenset({"ship", "vessel", "tanker", "freighter", "warship", "destroyer", "frigate", "corvette",
                           "cruiser", "submarine", "ferry", "trawler", "yacht", "dhow", "bulker", "icebreaker",
                           "tugboat", "boat", "supertanker", "containership", "flagship", "gunboat", "minesweeper"})
#: particles inside Arabic names: a word before "al-Qudra" or "bin Salman" is a given name
_NAME_PARTICLES = frozenset({"al", "el", "ad", "ash", "as", "an", "bin", "ibn", "abu", "bint"})
#: prepositions after which a name is a place ("near Palmyra", "in Raqqah")
LOCATIVE = frozenset({"in", "near", "at", "into", "around", "outside", "inside", "across", "throughout",
                      "toward", "towards", "nearby"})
#: endings of demonyms and group names ("Kurdish", "Yazidis", "Shiite"): a NORP so ending is no place
#: CAMEO's country part of an actor code when the text names no country ("---REB")
NO_COUNTRY = "---"
#: id prefix of an unnamed place ("place:hospital")
PLACE = "place:"
#: ids of actors the text does not name: recorded, but not offered to later stages as participants
_UNNAMED = (NO_COUNTRY, PLACE)
#: mention kinds that name a state itself (not a label, demonym or organ), which can be a place or an agent
_STATE_NAME_KINDS = frozenset({"name", "alias", "metonym"})
#: dependencies of a grammatical subject: a state there acts ("Turkey condemned ...")
_AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_DEMONYM_ENDINGS = ("an", "ans", "ese", "ish", "i", "is", "ic", "ite", "ites", "ist", "ists", "ch", "s")
#: endings of a demonym or creed before a plural noun of people ("Zionist Jews", "Shiite Muslims");
#: a bare "s" is left out, as it ends given names ("Thomas")
_GROUP_DEMONYM_ENDINGS = ("an", "ese", "ish", "i", "ic", "ite", "ist")


@dataclass
class Candidate:
    start: int  # token offsets
    end: int
    entity_id: str
    kind: str
    priority: int  # higher wins over an overlapping candidate of the same length


class LinkerBase:
    """Lookups shared by the passes: an id's type, its country, its row in the document's actor table."""

    def _type(self, eid: str, info: dict) -> str:
        if eid in info:
            return info[eid]["type"]
        e = self.kb.entities.get(eid)
        return e.type if e else self._new.get(eid, ("", "organization", None))[1]

    def _country(self, eid: str) -> str | None:
        return self.kb.country_of(eid) or (eid[:3] if re.fullmatch(r"[A-Z]{3}[A-Z]{3}", eid) else None)

    def _owner_state(self, cands: list, start: int, info: dict):
        """The state named last before token `start`, by its name, alias, demonym or metonym, or as
        the country of a state body named there ("the Russian Defence Ministry"); None if none."""
        best = None
        for c in cands:
            if c.start >= start or (best is not None and c.start < best[0]):
                continue
            e = self.kb.entities.get(c.entity_id)
            if e is not None and e.type == "state":
                if c.kind in ("name", "alias", "demonym", "metonym"):
                    best = (c.start, e)
                continue
            a = info.get(c.entity_id) or ({"country": e.country, "sector": e.sector} if e is not None else {})
            state = self.kb.entities.get(a.get("country") or "")
            if a.get("sector") in _STATE_SECTORS and state is not None and state.type == "state":
                best = (c.start, state)
        return best[1] if best else None

    def _remember(self, eid: str, info: dict) -> None:
        if eid in info:
            return
        e = self.kb.entities.get(eid)
        if e is not None:
            tenure = None
            if e.type == "person":
                tenure = self.kb.role_as_of(e.id, self._date)
            info[eid] = {"id": e.id, "name": e.name, "type": e.type, "country": e.country,
                         "sector": tenure.sector if tenure else e.sector,
                         "role": tenure.role if tenure else None, "wikidata": e.wikidata,
                         "lat": e.lat, "lon": e.lon}
        elif eid in self._new:
            name, etype, country = self._new[eid]
            info[eid] = {"id": eid, "name": name, "type": etype, "country": country, "sector": None,
                         "role": None, "wikidata": None}
