"""Actor linking: knowledge-base names, labels, metonyms, roles, misspellings and discovery.

The knowledge base overrides the statistical model wherever it is sure (spaCy's small model tags
Yerevan as a person and Rafael as a place); the model's entities fill in what the knowledge base
does not know, and are discovered as new actors with the role their description gives.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..kb import FUZZY_TYPES, Alias, Entity, KnowledgeBase, close_names, depluralise, norm, slug
from ..kb.places import find_place
from .extensions import ACTOR_SPANS, GROUP_SPANS

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


@dataclass
class Candidate:
    start: int  # token offsets
    end: int
    entity_id: str
    kind: str
    priority: int  # higher wins over an overlapping candidate of the same length


class ActorLinker:
    """`realpolitik_actors_v1`: fills doc.spans["rp_actors"], doc.ents and doc._.rp_actor_info."""

    def __init__(self, nlp, kb: KnowledgeBase, *, fuzzy_cutoff: float = 0.7):
        self.kb = kb
        self.fuzzy_cutoff = fuzzy_cutoff
        self.tokenizer = nlp.tokenizer
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.roles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.sectors = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.by_key: dict[str, list[Alias]] = defaultdict(list)
        exact, folded = defaultdict(list), defaultdict(list)
        for a in kb.aliases:
            key = ("c:" if a.case_sensitive else "f:") + (a.text if a.case_sensitive else a.text.lower())
            self.by_key[key].append(a)
            table = exact if a.case_sensitive else folded
            table[key].append(a.text)
            if "'" in a.text:  # typographic apostrophes: "Da’esh", "People’s Republic"
                table[key].append(a.text.replace("'", "’"))
        for matcher, table in ((self.exact, exact), (self.folded, folded)):
            for key, texts in table.items():
                matcher.add(key, list(nlp.tokenizer.pipe(dict.fromkeys(texts))))
        # surnames of known people: "Gantz" alone, once unambiguous in the knowledge base
        surnames: dict[str, set[str]] = defaultdict(set)
        names_of: dict[str, set[str]] = defaultdict(set)
        for a in kb.aliases:
            if a.case_sensitive:
                names_of[a.entity_id].add(a.text)
        for e in kb.entities.values():
            if e.type == "person":
                for full in {e.name} | names_of.get(e.id, set()):
                    if len(full.split()) < 2:
                        continue
                    last = full.split()[-1]
                    for cand in (last, re.sub(r"^(?:al|el|ad|as|ash|an)-", "", last)):
                        if len(cand) >= 4 and cand[0].isupper():
                            surnames[cand].add(e.id)
        # a surname several people share links only where the document's date tells them apart
        for last, ids in surnames.items():
            key = "s:" + last
            self.by_key[key].extend(Alias(last, i, "name") for i in sorted(ids))
            self.exact.add(key, [nlp.make_doc(last)])
        #: generic weapon words ("UAV", "IED"): never an organisation's acronym
        self._generic = {norm(r.get("text") or "") for r in kb.table("weapon_generic")} | _NOT_ORG_ACRONYMS
        self.role_rows = {r["text"]: r for r in kb.table("roles")}
        self.roles.add("ROLE", list(nlp.tokenizer.pipe(self.role_rows)))
        self.sector_rows = {r["text"]: r for r in kb.table("sectors")}
        names_by_sector = Counter((r["sector"], r["name"]) for r in kb.table("sectors"))
        self.sector_names = {}
        for (sector, name), _ in names_by_sector.most_common():  # the name most rows of a sector share
            self.sector_names.setdefault(sector, name)
        self.sectors.add("SECTOR", list(nlp.tokenizer.pipe(self.sector_rows)))
        #: nouns of unnamed places ("the city", "an ISIL-held building"); `named`: a name ending in one
        #: is a place ("the Brandbergen Mosque", "Samarra Barrage"), whatever the model calls it
        self.place_rows = {r["text"]: r for r in kb.table("place_nouns")}
        self.places = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.places.add("PLACE", list(nlp.tokenizer.pipe(self.place_rows)))
        self.named_places = {t for t, r in self.place_rows.items() if r.get("named") == "yes" and " " not in t}
        #: nouns of acts and stances whose possessor or modifier is their agent ("Australia's efforts",
        #: "U.S. airstrikes"): the event nouns of predicates.tsv and the rows of agent_nouns.tsv
        self.agent_nouns = {r["lemma"] for r in kb.table("predicates") if r.get("pos") == "NOUN"} | \
            {r["text"] for r in kb.table("agent_nouns")}
        #: lemmas of reporting verbs ("say", "tell", "add"): whose speech a quotation is
        self.reporting = {r["text"] for r in kb.table("hedges") if r.get("kind") == "reporting_verb" and " " not in r["text"]}
        # fuzzy candidates: multi-word names and long single names of non-state entities
        self._fuzzy_seen: dict[str, str | None] = {}
        self.fuzzy_names: dict[int, str] = {}
        self.fuzzy_ids: list[str] = []
        #: which names can pass `close_names` at all: a multi-word name shares one word in the same
        #: place (up to a plural "s"), a single word its first letter; the edit-distance search then
        #: runs over those few instead of every name in the knowledge base
        self._fuzzy_index: dict[tuple, list[int]] = defaultdict(list)
        for a in kb.aliases:
            e = kb.entities.get(a.entity_id)
            if e and e.type in FUZZY_TYPES and a.case_sensitive:
                n = norm(a.text)
                if len(n) >= 6:
                    idx = len(self.fuzzy_ids)
                    self.fuzzy_names[idx] = n
                    self.fuzzy_ids.append(a.entity_id)
                    for k in _fuzzy_keys(n.split()):
                        self._fuzzy_index[k].append(idx)

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        info: dict[str, dict] = {}
        self._date, self._new = doc._.rp_published, {}
        roles = list(self.roles(doc))
        self._role_starts = {s for _, s, _ in roles}
        self._role_tokens = {i for _, s, e in roles for i in range(s, e)}
        cands = self._kb_candidates(doc)
        cands = self._titles_for_regions(doc, cands, roles)
        cands += self._names_over_states(doc, cands)
        chosen = self._choose(cands)
        self._doc_states = {c.entity_id for c in chosen if self._type(c.entity_id, info) == "state"}
        #: last words of the people the model names in full: "Dayton" after "Scott C. Dayton" is him
        self._surnames_in_doc = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2}
        taken = {i for c in chosen for i in range(c.start, c.end)} | self._title_tokens
        chosen += self._model_candidates(doc, taken)
        taken = {i for c in chosen for i in range(c.start, c.end)}
        chosen += self._fuzzy_runs(doc, taken)
        chosen = self._extend_sectors(doc, chosen, info)
        chosen = self._groups(doc, chosen, info)
        chosen = self._unnamed_places(doc, chosen, info)
        spans = []
        for c in sorted(chosen, key=lambda c: c.start):
            span = Span(doc, c.start, c.end, label=ENT_LABEL.get(self._type(c.entity_id, info), "ORG"))
            span._.rp_actor, span._.rp_kind = c.entity_id, c.kind
            spans.append(span)
            self._remember(c.entity_id, info)
        self._roles(doc, spans, info)
        self._corefer_surnames(doc, spans, info)
        for span in spans:
            if self._type(span._.rp_actor, info) != "state":
                continue
            if span._.rp_kind in _STATE_NAME_KINDS:
                span._.rp_gpe_role = _gpe_role(span, self.agent_nouns)
            elif span._.rp_kind == "demonym" and _population(span):
                span._.rp_gpe_role = "per"
        spans = self._pronouns(doc, spans, info)
        spans = self._group_pronouns(doc, spans, info)
        spans = [s for s in spans if s._.rp_actor in info]
        # groups with no country named stay out of the participants' group: on the PLOVER and PETRARCH
        # sets they gave only events with no country on either side, or a patient read as the agent
        doc.spans[GROUP_SPANS] = [s for s in spans if s._.rp_actor.startswith(_UNNAMED)]
        spans = [s for s in spans if not s._.rp_actor.startswith(_UNNAMED)]
        doc.spans[ACTOR_SPANS] = spans
        covered = {i for s in spans for i in range(s.start, s.end)}
        others = [e for e in doc.ents if covered.isdisjoint(range(e.start, e.end))]
        doc.ents = filter_spans([s for s in spans if s._.rp_kind != "description"] + others)
        doc._.rp_actor_info = info
        return doc

    # ------------------------------------------------------------ candidates
    def _kb_candidates(self, doc: Doc) -> list[Candidate]:
        out = []
        for matcher, prio in ((self.exact, 3), (self.folded, 2)):
            for key_id, start, end in matcher(doc):
                key = doc.vocab.strings[key_id]
                aliases = self.by_key.get(key, [])
                if not aliases:
                    continue
                if key.startswith("s:") and not self._looks_like_name(doc, start, end):
                    continue
                alias = self._pick_surname(aliases, doc) if key.startswith("s:") else self._pick(aliases, doc)
                if alias is None:
                    continue
                out.append(Candidate(start, end, alias.entity_id, alias.kind, prio - key.startswith("s:")))
        return out

    def _titles_for_regions(self, doc: Doc, cands: list[Candidate], roles: list) -> list[Candidate]:
        """"Minister for Africa", "Special Envoy for Yemen": a region or state after a
        title and "for (the)" is part of the title, not a place mentioned; a capitalised name right
        after the title is its holder ("... for Africa Anna Lindqvist")."""
        self._title_tokens: set[int] = set()
        role_ends = {e: s for _, s, e in roles}
        if not role_ends:
            return cands
        out = []
        for c in cands:
            j = c.start - (2 if c.start >= 2 and doc[c.start - 1].lower_ == "the" else 1)
            if j < 1 or doc[j].lower_ != "for" or j not in role_ends \
                    or (self._type(c.entity_id, {}) not in ("location", "state")):
                out.append(c)
                continue
            self._title_tokens.update(range(role_ends[j], c.end))
            run = c.end
            while run < len(doc) and run - c.end < 4 and doc[run].is_title and doc[run].pos_ == "PROPN":
                run += 1
            if run - c.end >= 2:
                self._title_tokens.difference_update(range(c.end, run))
                holder = self._discover(doc[c.end:run].text, "person", c.end, run)
                holder.priority = 2
                out.append(holder)
        return out

    def _names_over_states(self, doc: Doc, cands: list[Candidate]) -> list[Candidate]:
        """Names the model reads that hold a state's name or demonym: "the Syrian Computer
        Society", "Abu Jandal al-Kuwaiti". They are new actors of that state's country, unless the
        rest is only a sector noun ("the Azerbaijani Defense Ministry" stays the state's organ).
        """
        out = []
        for ent in doc.ents:
            if ent.label_ not in ("ORG", "PERSON"):
                continue
            start, end = ent.start, ent.end
            while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
                start += 1
            while end > start and (doc[end - 1].is_punct or doc[end - 1].text in _POSSESSIVE):
                end -= 1
            if end - start < 2 or any(r in self._role_starts for r in range(start, end)):
                continue
            if not all(t.is_title or t.is_upper or t.lower_ in _NAME_GLUE or t.text == "-" for t in doc[start:end]):
                continue
            inside = [c for c in cands if c.start < end and start < c.end]
            if not inside or any(c.start < start or c.end > end for c in inside):
                continue
            ents = [self.kb.entities.get(c.entity_id) for c in inside]
            if any(e is None or e.type != "state" for e in ents) or len({e.id for e in ents}) != 1:
                continue
            first = min(inside, key=lambda c: c.start)
            if first.start == start and end - start == first.end - first.start:
                continue
            if ent.label_ == "PERSON" and first.start == start:
                continue  # "Russian Sergei Lavrov": a demonym before a name describes the person
            rest = doc[first.end:end].text.lower()
            if first.start == start and rest in self.sector_rows:
                continue
            c = self._discover(doc[start:end].text, "person" if ent.label_ == "PERSON" else "organization",
                               start, end, country=ents[0].id)
            c.priority = 1
            out.append(c)
        return out

    def _pick(self, aliases: list[Alias], doc: Doc) -> Alias:
        """Several entities share a surface form: prefer states, then people in office at the date."""
        if len(aliases) == 1:
            return aliases[0]
        date = doc._.rp_published

        def score(a: Alias):
            e = self.kb.entities[a.entity_id]
            in_office = e.type == "person" and self.kb.role_as_of(e.id, date) is not None
            return (e.type == "state", in_office, a.kind == "name")

        return max(aliases, key=score)

    def _pick_surname(self, aliases: list[Alias], doc: Doc) -> Alias | None:
        """The one person a shared surname means at the document's date: the only one in office
        then, else the only one whose term lies nearest to it; undated, the only one whose last
        term ended latest (a term still open counts as today). None when that leaves a tie."""
        if len(aliases) == 1:
            return aliases[0]
        date = doc._.rp_published
        if not all(self.kb.tenures.get(a.entity_id) for a in aliases):
            return None
        if date:
            current = [a for a in aliases if self.kb.role_as_of(a.entity_id, date) is not None]
            if len(current) == 1:
                return current[0]
            if current:
                return None

            def gap(a: Alias) -> int:
                out = []
                for t in self.kb.tenures.get(a.entity_id, []):
                    start, end = _months(t.start, 0), _months(t.end, 10 ** 6)
                    here = _months(date, 0)
                    out.append(start - here if here < start else here - end if here > end else 0)
                return min(out)
            ranked = sorted((gap(a), a.entity_id) for a in aliases)
        else:
            def last(a: Alias) -> int:
                return max(_months(t.end, 10 ** 6) for t in self.kb.tenures[a.entity_id])
            ranked = sorted((-last(a), a.entity_id) for a in aliases)
        if ranked[0][0] == ranked[1][0]:
            return None
        return next(a for a in aliases if a.entity_id == ranked[0][1])

    @staticmethod
    def _looks_like_name(doc: Doc, start: int, end: int) -> bool:
        tok = doc[start]
        # the word before the surname, looking through a particle ("Hamza al-Masri" is a longer name)
        before = start - 1
        if start >= 3 and doc[start - 1].text == "-" and doc[start - 2].lower_ in ("al", "el", "ad", "as", "ash", "an"):
            before = start - 3
        elif start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
            return False  # the end of a hyphenated compound ("Shan-e-Mustafa")
        # a title word is never a bare surname ("Major General"); a word before another name word is
        # a given name or part of a longer name ("Martin Griffiths", "Turner Broadcasting")
        after = doc[end] if end < len(doc) else None
        if tok.lower_ in TITLES or (after is not None and after.is_title and after.pos_ == "PROPN"):
            return False
        if start > 0 and doc[start - 1].lower_ == "the" and find_place("the " + tok.text) is not None:
            return False  # "the Hague tribunal": a place whose name takes the article
        if start > 0 and doc[start - 1].lower_ in LOCATIVE and find_place(tok.text) is not None:
            return False  # "in Lagos", "near Hama": where places stand, a place's name is the place
        return tok.is_title and tok.pos_ in ("PROPN", "NOUN", "X") and not (before >= 0 and doc[before].is_title
                                                                        and doc[before].pos_ == "PROPN"
                                                                        and doc[before].lower_ not in TITLES)

    @staticmethod
    def _choose(cands: list[Candidate]) -> list[Candidate]:
        """Longest match wins; on equal length the higher priority."""
        chosen, taken = [], set()
        for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
            if not taken.intersection(range(c.start, c.end)):
                chosen.append(c)
                taken.update(range(c.start, c.end))
        return chosen

    def _model_candidates(self, doc: Doc, taken: set[int]) -> list[Candidate]:
        out = []
        for ent in doc.ents:
            if ent.label_ not in MODEL_LABELS:
                continue
            toks = [t for t in ent if t.i not in taken]
            # trim determiners, quotes and possessive endings, and stop at a taken token
            toks = _contiguous(toks)
            locative = False
            while toks and (toks[0].is_punct or toks[0].lower_ in ("the", "a", "an")
                            or (toks[0].lower_ in LOCATIVE and len(toks) > 1)):
                locative = locative or toks[0].lower_ in LOCATIVE  # "Near Palmyra" tagged PERSON
                toks = toks[1:]
            while toks and (toks[-1].is_punct or toks[-1].text in _POSSESSIVE):
                toks = toks[:-1]
            if not toks:
                continue
            start, end = toks[0].i, toks[-1].i + 1
            c = self._resolve_unknown(doc, start, end, ent.label_, locative)
            if c:
                out.append(c)
                taken.update(range(c.start, c.end))
        return out

    def _resolve_unknown(self, doc: Doc, start: int, end: int, label: str,
                         locative: bool = False) -> Candidate | None:
        """A model entity the knowledge base did not match: fuzzy name, place, or a new actor.

        The model's type is kept: people and organisations are discovered as `new:<slug>`, places
        (GPE, LOC, FAC) are looked up in GeoNames and ISO 3166, and kept as new locations when unknown.
        A name the model calls a person or a group is still a place when GeoNames knows it and it
        stands where places stand ("in Raqqah", "Near Palmyra").
        """
        name_start = start
        while name_start < end - 1 and doc[name_start].lower_.rstrip(".") in TITLES:
            name_start += 1
        text = doc[name_start:end].text
        fuzzy = self._fuzzy(text)
        if fuzzy:
            return Candidate(name_start, end, fuzzy, "alias", 1)
        if not doc[start].is_title and not doc[start].is_upper:
            return None
        if end - start == 1 and label != "PERSON" and text in self._surnames_in_doc and not locative \
                and not self._place_context(doc, start, strict=True):
            # one sense per document: "Votel" after "Gen. Joseph Votel" is him, whatever the model says
            return self._discover(text, "person", start, end)
        placelike = label in ("GPE", "LOC", "FAC")
        if not placelike:
            locative = locative or self._place_context(doc, start, strict=label == "PERSON")
        if doc[start].text in _SHIP_PREFIXES or all(t.lower_ in _DIRECTIONS for t in doc[start:end]):
            return None  # "HMS Ocean" is a ship; "West" alone is a direction
        if placelike or locative or (label == "NORP" and not _demonym_like(text)):
            state = self._iso_country(text) if label == "GPE" else None
            if state:
                return Candidate(start, end, state, "alias", 1)
            place = self._place(text)
            if place and (placelike or locative or place.population >= 100_000):
                return Candidate(start, end, place.id, "name", 1)
            if (placelike or (locative and label == "PERSON")) and \
                    all((t.is_title or t.is_upper) and t.is_alpha or t.text in ("-", "'") or t.lower_ in _NAME_GLUE
                        for t in doc[start:end]):
                # a name where places stand ("in Raqqah") is a place even when the model says person
                return self._discover(doc[start:end].text, "location", start, end)
            if label == "NORP":
                return None
        if label == "PERSON" and end - name_start == 1:
            tok = doc[name_start]
            place = self._place(text)
            if place and place.population >= 100_000 and place.entity.country in self._doc_states \
                    and text not in self._surnames_in_doc and not any(c.dep_ == "relcl" for c in tok.children) \
                    and not (tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ in self.reporting):
                # a city of the country the text is about ("isolate Raqqah" in a text on Syria), which
                # the model calls a person; a city's name that says something is still a person
                return Candidate(start, end, place.id, "name", 1)
            if (tok.is_sent_start or (tok.i > 0 and doc[tok.i - 1].text == "#")) and tok.pos_ != "PROPN":
                return None  # an adjective capitalised by its place: "Deadly border fighting ..."
            head = tok
            while head.dep_ == "conj" and head.head.i != head.i:
                head = head.head
            # "the towns of Goris and Vardenis": a settlement noun names its members as places
            if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_ in _SETTLEMENT_NOUNS:
                place = self._place(text)
                if place:
                    return Candidate(start, end, place.id, "name", 1)
        if label == "PERSON" and all(t.is_title or t.is_punct or (t.lower_ in _NAME_GLUE and t.i > name_start)
                                     for t in doc[name_start:end]):  # "Abu Musab al-Zarqawi"
            if end - name_start == 1 and (doc[name_start].lower_ in LOCATIVE or doc[name_start].is_stop):
                return None
            return self._discover(text, "person", name_start, end)
        if label in ("ORG", "FAC", "PERSON") and end - start >= 2 and doc[end - 1].lower_ in self.named_places \
                and doc[end - 1].is_title and all(t.is_title or t.is_upper or t.lower_ in _NAME_GLUE or t.text in ("-", "'")
                                                  for t in doc[start:end]):
            return self._discover(doc[start:end].text, "location", start, end)  # "the Brandbergen Mosque"
        if label == "ORG" and not self._role_tokens.intersection(range(start, end)):  # "Minister of ... of"
            tok = doc[start]
            # one word only when an acronym ("NAVCENT"), and not a weapon's ("VBIED", "UAV")
            if end - start > 1 or (tok.is_upper and len(tok) >= 2 and tok.is_alpha
                                   and not self.kb.find_weapon(tok.text) and tok.lower_ not in self._generic):
                return self._discover(doc[start:end].text, "organization", start, end)
        return None

    def _place(self, text: str) -> Entity | None:
        """A GeoNames town or an ISO 3166-2 subdivision called `text`, as a location entity."""
        place = find_place(text)
        if place:
            eid = f"geo:{place.geonameid}"
            e = self.kb.entities.setdefault(eid, Entity(eid, place.name, "location", place.country,
                                                        None, None, place.lat, place.lon))
            return _Placed(e, place.population)
        sub = _subdivision(text)
        if sub:
            eid = f"iso:{sub[0]}"
            e = self.kb.entities.setdefault(eid, Entity(eid, sub[1], "location", sub[2]))
            return _Placed(e, 0)
        return None

    def _iso_country(self, text: str) -> str | None:
        """A country name ISO 3166 knows (official and common names) that the KB spells otherwise."""
        iso = _iso_country(text)
        return iso if iso and self.kb.entities.get(iso) is not None and self.kb.entities[iso].type == "state" else None

    def _discover(self, name: str, etype: str, start: int, end: int, *, country: str | None = None) -> Candidate:
        eid = "new:" + slug(name)
        known = self._new.get(eid)
        if known is None or (etype == "location" and known[1] == "person"):
            # one sense per document: a name seen where places stand is a place in all its mentions
            self._new[eid] = (name, etype, country)
        return Candidate(start, end, eid, "name", 0)

    @staticmethod
    def _place_context(doc: Doc, start: int, *, strict: bool = False) -> bool:
        """Whether the word before stands where places stand; `strict` (for names the model calls
        people) leaves out "of", "from" and "to", which precede people as often as places."""
        prev = doc[start - 1] if start > 0 else None
        words = LOCATIVE if strict else LOCATIVE | {"of", "from", "to"}
        return prev is not None and prev.lower_ in words

    def _fuzzy(self, text: str) -> str | None:
        """`_fuzzy_lookup`, remembered: the same unknown names recur across a corpus."""
        if text not in self._fuzzy_seen:
            if len(self._fuzzy_seen) > 50_000:
                self._fuzzy_seen.clear()
            self._fuzzy_seen[text] = self._fuzzy_lookup(text)
        return self._fuzzy_seen[text]

    def _fuzzy_lookup(self, text: str) -> str | None:
        """A knowledge-base name within a bounded edit distance of `text`.

        The same number of words; each word equal up to a trailing plural "s", or within one edit
        (two for words of five letters or more); at least one word of a multi-word name equal, so
        "Albite System" is Elbit Systems and "Zakir Hasanof" Zakir Hasanov, but two unrelated names
        that merely look alike are not. A single word needs six letters and its first letter right.
        """
        key = norm(text)
        if len(key) < 6 or not self.fuzzy_names:
            return None
        words = key.split()
        choices = {i: self.fuzzy_names[i] for k in _fuzzy_keys(words) for i in self._fuzzy_index.get(k, ())}
        best = None
        for name, score, idx in process.extract(key, choices, scorer=Levenshtein.normalized_similarity,
                                                score_cutoff=self.fuzzy_cutoff, limit=8):
            target = name.split()
            if len(target) != len(words) or not close_names(words, target):
                continue
            if best is None or score > best[0]:
                best = (score, self.fuzzy_ids[idx])
        return best[1] if best else None

    def _fuzzy_runs(self, doc: Doc, taken: set[int]) -> list[Candidate]:
        """Runs of capitalised words the model missed: matched by fuzzy lookup ("Albite System"),
        or, right after a locative preposition, looked up in GeoNames ("near Rawah")."""
        out, run = [], []
        for tok in list(doc) + [None]:
            # a word the model reads as a date is none of these ("in March 2021": not the town of March)
            if tok is not None and tok.i not in taken and tok.is_title and not tok.is_sent_start \
                    and tok.lower_ not in TITLES and tok.ent_type_ not in _TIME_ENTS:
                run.append(tok)
                continue
            if run:
                start, end = run[0].i, run[-1].i + 1
                eid = self._fuzzy(doc[start:end].text) if len(run) >= 2 else None
                if eid:
                    out.append(Candidate(start, end, eid, "alias", 1))
                elif start > 0 and doc[start - 1].lower_ in LOCATIVE and len(run) <= 3:
                    place = self._place(doc[start:end].text)
                    if place is not None:
                        out.append(Candidate(start, end, place.id, "name", 1))
            run = []
        return out

    # ---------------------------------------------------------------- sectors
    def _extend_sectors(self, doc: Doc, chosen: list[Candidate], info: dict) -> list[Candidate]:
        """`Azerbaijani forces`, `Armenia's army` -> the state's organ (CAMEO-style id AZEMIL)."""
        by_start = {c.start: c for c in chosen}
        starts = {}
        self._sector_matches = [(s, e) for _, s, e in self.sectors(doc)]
        for s, e in self._sector_matches:
            if not self.sector_rows[doc[s:e].text.lower()]["sector"]:
                continue  # an anaphoric head ("the group"): no organ of a state
            if e - s > starts.get(s, (0, 0))[1] - s:
                starts[s] = (s, e)
        ends = {}
        for s, e in starts.values():
            if e - s > ends.get(e, (e, e))[1] - ends.get(e, (e, e))[0]:
                ends[e] = (s, e)
        taken = {i for c in chosen for i in range(c.start, c.end)}
        out = []
        for c in chosen:
            ent = self.kb.entities.get(c.entity_id)
            nxt = c.end + (1 if c.end < len(doc) and doc[c.end].text in _POSSESSIVE else 0)
            before = self._sector_before(doc, c.start, ends, taken)
            if ent is not None and ent.type == "state" and c.kind in ("name", "alias") and before:
                # "the government of Iraq", "the armed forces of Ukraine"
                s, e = before
                oid = self._organ(ent, self.sector_rows[doc[s:e].text.lower()], info)
                out.append(Candidate(s, c.end, oid, "description", c.priority))
                continue
            if ent is not None and ent.type == "person" and ent.country in self.kb.entities \
                    and nxt < len(doc) and doc[nxt].lower_ == "regime" and nxt not in by_start:
                # "the Asad regime", "Assad's regime": a label of the leader's state
                out.append(Candidate(c.start, nxt + 1, ent.country, "label", c.priority))
                continue
            if ent is None or ent.type != "state" or nxt not in starts or nxt in by_start:
                out.append(c)
                continue
            s, e = starts[nxt]
            oid = self._organ(ent, self.sector_rows[doc[s:e].text.lower()], info)
            out.append(Candidate(c.start, e, oid, "description", c.priority))
        return out

    def _groups(self, doc: Doc, chosen: list[Candidate], info: dict) -> list[Candidate]:
        """Generic group noun phrases as actors: "Coalition military forces", "the regime", "civilians".

        The head noun is a `sectors.tsv` row. A state named inside the phrase ("the Syrian Arab
        forces") makes the state's organ (`SYRMIL`); a named group inside it ("ISIL fighters") is
        left to that group. Otherwise a definite phrase ("the regime", "the army") is the organ of
        the same sector mentioned last before it, and "the group" the named group mentioned last;
        failing that, a row marked `alone` gives a group with no country (`---MIL`, `---CVL`),
        CAMEO's code for an actor whose country the text does not give. A modifier marked `owns`
        names the group ("opposition fighters" are the opposition, "coalition forces" the coalition).
        """
        heads: dict[int, tuple[int, dict]] = {}
        for s, e in self._sector_matches:
            row = self.sector_rows[doc[s:e].text.lower()]
            if e - 1 not in heads or s < heads[e - 1][0]:
                heads[e - 1] = (s, row)
        if not heads:
            return chosen
        owner_at = {i: row for i, (s, row) in heads.items() if row.get("owns") == "yes"}
        by_token = {i: c for c in chosen for i in range(c.start, c.end)}
        ordered = sorted(chosen, key=lambda c: c.start)
        dropped, out = set(), []
        for h in sorted(heads):
            s, row = heads[h]
            tok = doc[h]
            if h in by_token or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            if tok.dep_ == "compound" and tok.head.i in heads and tok.head.i > h:
                continue  # "coalition forces": the phrase is headed by "forces"
            if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.lefts):
                continue  # "their forces": whose they are is the antecedent's, read off the parse later
            start = self._phrase_start(doc, tok, by_token)
            inside = {id(c): c for c in (by_token.get(i) for i in range(tok.left_edge.i, h)) if c is not None}
            states = [c for c in inside.values() if self._type(c.entity_id, info) == "state"
                      and c.kind in ("name", "alias", "demonym", "metonym") and c.start >= start]
            if len(inside) != len(states) or len({c.entity_id for c in states}) > 1:
                continue  # a named group owns the phrase, or several states share it
            after = self._state_after(tok, by_token, info)
            if after is False:
                continue  # "the government of Punjab province": the phrase belongs to what follows
            if after is not None and not states:
                states = [after]
            owner = next((owner_at[i] for i in range(start, h) if i in owner_at), None)
            if owner is not None and owner["sector"]:
                row = owner
            if states:
                if not row["sector"]:
                    continue
                eid = self._organ(self.kb.entities[states[0].entity_id], row, info)
                dropped.update(id(c) for c in states if c.start < h)
            else:
                eid = self._antecedent(doc, start, row, ordered + out, info)
                if eid is None and row.get("alone") == "yes" and row["sector"]:
                    eid = self._no_country(row, info)
            if eid is None:
                continue
            c = Candidate(start, h + 1, eid, "description", 1)
            out.append(c)
            for i in range(start, h + 1):
                by_token[i] = c
        return [c for c in chosen if id(c) not in dropped] + out

    def _state_after(self, head, by_token: dict, info: dict):
        """The state a group noun is placed in or belongs to by a preposition: "rebels in the Ivory
        Coast", "the people of Syria" (that state's candidate); False when that noun phrase is some
        other actor ("the government of Punjab province"); None when there is none."""
        for prep in head.rights:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "of", "from"):
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                c = by_token.get(obj.i)
                if c is None:
                    return None
                if self._type(c.entity_id, info) == "state" and c.kind in ("name", "alias"):
                    return c
                return False if prep.lower_ == "of" else None
        return None

    @staticmethod
    def _phrase_start(doc: Doc, head, by_token: dict) -> int:
        """First token of the noun phrase `head` ends: its left modifiers, stopping at a candidate
        that reaches outside the phrase, at punctuation other than a hyphen, and six words back."""
        start = max(head.left_edge.i, head.i - 6)
        for i in range(head.i - 1, start - 1, -1):
            t = doc[i]
            c = by_token.get(i)
            if (t.is_punct and t.text not in ("-", "’", "'")) or "\n" in t.text_with_ws or (c is not None and c.start < start):
                start = i + 1
                break
        while start < head.i and (doc[start].is_punct or doc[start].dep_ in ("cc", "preconj", "case")):
            start += 1
        return start

    def _antecedent(self, doc: Doc, start: int, row: dict, ordered: list[Candidate], info: dict) -> str | None:
        """What a definite group phrase ("the regime", "the army", "this group") refers back to."""
        first = doc[start]
        if first.lower_ not in ("the", "this", "these", "that", "those"):
            return None
        sector = row["sector"]
        for c in sorted(ordered, key=lambda c: c.start, reverse=True):
            if c.start >= start:
                continue
            a = info.get(c.entity_id) or {}
            ctype = self._type(c.entity_id, info)
            if not sector:  # "the group": the named non-state group mentioned last
                if ctype in ("organization", "armed_group") and not re.fullmatch(r"[A-Z-]{3}[A-Z]{3}", c.entity_id):
                    return c.entity_id
                continue
            if c.kind == "description" and a.get("sector") == sector and a.get("country"):
                return c.entity_id
            if sector == "GOV" and ctype == "state" and c.kind == "label":
                return c.entity_id  # "the Asad regime ... the regime"
        return None

    def _unnamed_places(self, doc: Doc, chosen: list[Candidate], info: dict) -> list[Candidate]:
        """Places named by a common noun ("the city", "an ISIL-held building", "fighting positions").

        A definite phrase refers back: "the city"/"the town" to the place named last before it, "the
        hospital" to the last place whose name ends in "Hospital". Otherwise the phrase is an unnamed
        place, `place:<noun>`, recorded like an actor but not offered to later stages. A phrase that
        names its place ("the town of Dabiq") or is part of a name is left to that name.
        """
        heads: dict[int, tuple[int, dict]] = {}
        for _, s, e in self.places(doc):
            row = self.place_rows[doc[s:e].text.lower()]
            if e - 1 not in heads or s < heads[e - 1][0]:
                heads[e - 1] = (s, row)
        if not heads:
            return chosen
        by_token = {i: c for c in chosen for i in range(c.start, c.end)}
        out = []
        for h in sorted(heads):
            s, row = heads[h]
            tok = doc[h]
            if h in by_token or tok.pos_ != "NOUN" or (tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN")):
                continue
            if any(p.dep_ == "prep" and p.lower_ == "of" and any(o.dep_ == "pobj" and o.i in by_token for o in p.children)
                   for p in tok.rights):
                continue  # "the town of Dabiq": the name is the place
            start = self._phrase_start(doc, tok, by_token)
            while start < h and start in by_token:
                start = by_token[start].end  # the phrase may hold a name ("ISIL-held"), not begin inside one
            eid = self._place_antecedent(doc, start, tok, row, sorted(chosen + out, key=lambda c: c.start), info)
            if eid is None:
                eid = PLACE + slug(row["name"])
                info.setdefault(eid, {"id": eid, "name": row["name"], "type": "location", "country": None,
                                      "sector": None, "role": None, "wikidata": None})
            out.append(Candidate(start, h + 1, eid, "description", 0))
        return chosen + out

    def _place_antecedent(self, doc: Doc, start: int, head, row: dict, ordered: list[Candidate],
                          info: dict) -> str | None:
        """The named place a definite place phrase refers back to, if any."""
        if doc[start].lower_ not in ("the", "this", "that"):
            return None
        word = head.lemma_.lower()
        for c in reversed(ordered):
            if c.start >= start or c.entity_id.startswith(PLACE) or self._type(c.entity_id, info) != "location":
                continue
            if row.get("refers") == "settlement":
                return c.entity_id if c.kind == "name" else None  # the place named last
            name = (info.get(c.entity_id) or {}).get("name") or doc[c.start:c.end].text
            if name.lower().split()[-1:] == [word]:
                return c.entity_id
        return None

    def _no_country(self, row: dict, info: dict) -> str:
        """A group of a sector with no country named: CAMEO's `---REB`, `---CVL`."""
        gid = f"{NO_COUNTRY}{row['sector']}"
        info.setdefault(gid, {"id": gid, "name": self.sector_names.get(row["sector"], row["name"]),
                              "type": row.get("type") or "organization", "country": None,
                              "sector": row["sector"], "role": None, "wikidata": None})
        return gid

    @staticmethod
    def _sector_before(doc: Doc, start: int, ends: dict, taken: set[int]) -> tuple[int, int] | None:
        """A sector noun and "of (the)" right before token `start`."""
        j = start - 1
        if j >= 0 and doc[j].lower_ == "the":
            j -= 1
        if j < 1 or doc[j].lower_ != "of":
            return None
        span = ends.get(j)
        if span is None or taken.intersection(range(span[0], j)):
            return None
        return span

    def _organ(self, ent: Entity, row: dict, info: dict) -> str:
        # one id per state and sector (CAMEO style), so one name: the sector's usual name
        oid = f"{ent.id}{row['sector']}"
        generic = self.sector_names.get(row["sector"], row["name"])
        info.setdefault(oid, {"id": oid, "name": f"{ent.name} {generic}".strip(),
                              "type": row.get("type") or "organization", "country": ent.id, "sector": row["sector"],
                              "role": None, "wikidata": None})
        return oid

    # ------------------------------------------------------------------ roles
    def _roles(self, doc: Doc, spans: list[Span], info: dict) -> None:
        """Descriptions give people their role and country; bare descriptions link to the holder."""
        by_token = {t: s for s in spans for t in range(s.start, s.end)}
        found = [doc[s:e] for _, s, e in self.roles(doc)]
        for role_span in filter_spans(found):
            row = self.role_rows[role_span.text.lower()]
            country = self._role_country(doc, role_span, by_token)
            person = self._role_holder_span(doc, role_span, by_token)
            if person is not None:
                pid = person._.rp_actor
                if self._type(pid, info) == "person":
                    self._set_role(pid, row, country, info)
                    dem = self._demonym_before(doc, role_span.start, by_token)
                    if dem is not None and info[pid].get("country") == dem._.rp_actor:
                        # "Iraqi President Fuad Masum": "Iraqi President" describes him, as one mention
                        span = Span(doc, self._with_determiner(doc, dem.start), role_span.end, label="PERSON")
                        span._.rp_actor, span._.rp_kind = pid, "description"
                        spans[spans.index(dem)] = span
                        for t in range(span.start, span.end):
                            by_token[t] = span
                    elif person.start >= role_span.end:
                        owner = self._owner_before(doc, role_span.start, by_token, info)
                        if owner is not None:
                            # "Foreign Office Minister Anna Lindqvist": the title describes him; the
                            # body's own mention stays, inside the description
                            span = Span(doc, self._with_determiner(doc, owner.start), role_span.end, label="PERSON")
                            span._.rp_actor, span._.rp_kind = pid, "description"
                            spans.append(span)
                continue
            if role_span.start in by_token:
                continue
            definite = role_span.start > 0 and doc[role_span.start - 1].lower_ == "the"
            if country is None:
                # "the Foreign Secretary" with no country: the one person of this text in that role
                holders = {pid for pid, a in info.items() if a["type"] == "person"
                           and (a.get("role") or "").lower() == row["role"].lower()}
                if not definite or len(holders) != 1:
                    continue
                pid, start, end = holders.pop(), role_span.start - 1, role_span.end
            else:
                # a bare description: "the minister of defense of Israel", "the Iraqi Foreign Minister"
                end = self._description_end(doc, role_span, by_token)
                start = role_span.start - (1 if definite else 0)
                pid = self._holder(row["role"], country, info, doc)
            if pid is None:
                continue
            dem = self._demonym_before(doc, role_span.start, by_token)
            if dem is not None and dem._.rp_actor == country:
                start = self._with_determiner(doc, dem.start)
            span = Span(doc, start, end, label="PERSON")
            span._.rp_actor, span._.rp_kind = pid, "description"
            if not any(t in by_token for t in range(start, end) if by_token.get(t) is not None
                       and self._type(by_token[t]._.rp_actor, info) == "person"):
                if dem is not None and dem in spans and start <= dem.start:
                    spans.remove(dem)  # the demonym is part of the description now
                spans.append(span)
                self._remember(pid, info)
                if info[pid].get("role") is None:
                    self._set_role(pid, row, country, info)

    @staticmethod
    def _demonym_before(doc: Doc, start: int, by_token: dict) -> Span | None:
        """A demonym mention ending right before token `start` ("Iraqi" of "Iraqi President")."""
        dem = by_token.get(start - 1) if start > 0 else None
        return dem if dem is not None and dem._.rp_kind == "demonym" and dem.end == start else None

    def _owner_before(self, doc: Doc, start: int, by_token: dict, info: dict) -> Span | None:
        """A state's or body's mention ending right before a title ("Foreign Office", "U.S.")."""
        j = start - 1
        if j >= 0 and doc[j].text in _POSSESSIVE:
            j -= 1
        span = by_token.get(j) if j >= 0 else None
        if span is None or span.end != j + 1 or span._.rp_kind in ("pronoun", "description"):
            return None
        return span if self._type(span._.rp_actor, info) in ("state", "organization", "igo", "armed_group") else None

    @staticmethod
    def _with_determiner(doc: Doc, start: int) -> int:
        return start - 1 if start > 0 and doc[start - 1].lower_ in ("the", "a", "an") else start

    def _role_country(self, doc: Doc, role: Span, by_token: dict) -> str | None:
        # "minister of defense of Israel", "chief of the general staff of the Iranian Armed Forces"
        i = role.end
        if i < len(doc) and doc[i].lower_ == "of":
            j = i + 1
            while j < len(doc) and doc[j].lower_ in ("the", "republic") and j not in by_token:
                j += 1
            if j in by_token:
                return self._country(by_token[j]._.rp_actor)
        # "Turkish Defence Minister", "Israel's defense minister", "Iranian Armed Forces chief",
        # and one or two modifiers between: "Rwanda's information minister", "the US army commander"
        j = role.start - 1
        for _ in range(3):
            if j >= 0 and doc[j].text in _POSSESSIVE:
                j -= 1
            if j >= 0 and j in by_token:
                return self._country(by_token[j]._.rp_actor)
            if j < 0 or doc[j].pos_ not in ("NOUN", "ADJ", "PROPN") or doc[j].is_stop:
                break
            j -= 1
        return None

    def _role_holder_span(self, doc: Doc, role: Span, by_token: dict) -> Span | None:
        # "Defence Minister Hulusi Akar": the name right after the role
        if role.end in by_token and self._is_person(by_token[role.end]):
            return by_token[role.end]
        # "Mohammad Bagheri, chief of ...", "Zakir Hasanov, the minister of ..."
        j = role.start - 1
        if j >= 0 and doc[j].lower_ == "the":
            j -= 1
        if j >= 0 and doc[j].text == ",":
            j -= 1
            if j in by_token and self._is_person(by_token[j]):
                return by_token[j]
        return None

    def _is_person(self, span: Span) -> bool:
        e = self.kb.entities.get(span._.rp_actor)
        return (e is not None and e.type == "person") or span._.rp_actor.startswith("new:") and span.label_ == "PERSON"

    def _description_end(self, doc: Doc, role: Span, by_token: dict) -> int:
        i = role.end
        if i < len(doc) and doc[i].lower_ == "of":
            j = i + 1
            while j < len(doc) and doc[j].lower_ in ("the",) and j not in by_token:
                j += 1
            if j in by_token:
                return by_token[j].end
        return role.end

    def _holder(self, role: str, country: str, info: dict, doc: Doc) -> str | None:
        """Who holds `role` for `country`: a person of this document first, then the knowledge base."""
        for pid, a in info.items():
            if a["type"] == "person" and a.get("country") == country and (a.get("role") or "").lower() == role.lower():
                return pid
        date = doc._.rp_published
        kb_people = self.kb.holders(role, country, date)
        in_doc = [p for p in kb_people if p in info]
        if in_doc:
            return in_doc[0]
        return kb_people[0] if date and len(kb_people) == 1 else None

    def _set_role(self, pid: str, row: dict, country: str | None, info: dict) -> None:
        a = info[pid]
        a["role"] = row["role"]
        a["sector"] = row["sector"]
        if country and not a.get("country"):
            a["country"] = country

    def _pronouns(self, doc: Doc, spans: list[Span], info: dict) -> list[Span]:
        """"he"/"she" is the last person named before it, within the sentence or the one before.

        A deliberately small rule: no gender, no plural pronouns, nothing across paragraphs.
        """
        people = [s for s in spans if self._type(s._.rp_actor, info) == "person"]
        if not people:
            return spans
        pronouns = [t for t in doc if t.lower_ in _PERSONAL_PRONOUNS and t.pos_ == "PRON"]
        if not pronouns:
            return spans
        out = list(spans)
        starts = [sent.start for sent in doc.sents]
        text = doc.text  # built once: Doc.text joins every token

        def sent_no(i: int) -> int:
            return bisect_right(starts, i) - 1

        for tok in pronouns:
            # a paragraph break ends the search, except for a pronoun opening its sentence ("... killed
            # Abu X. / He was a member of ..."), which still reaches the sentence before
            opens = tok.is_sent_start or (tok.i > 0 and doc[tok.i - 1].is_space and doc[tok.i - 1].is_sent_start)
            before = [p for p in people if p.end <= tok.i and sent_no(tok.i) - sent_no(p.start) <= 1
                      and (opens or "\n\n" not in text[p.end_char:tok.idx])]
            if before:
                span = Span(doc, tok.i, tok.i + 1, label="PERSON")
                span._.rp_actor, span._.rp_kind = before[-1]._.rp_actor, "pronoun"
                out.append(span)
        return sorted(out, key=lambda s: s.start)

    def _group_pronouns(self, doc: Doc, spans: list[Span], info: dict) -> list[Span]:
        """First-person pronouns in quoted speech, and "they"/"it" after a group that is the subject.

        Inside a quotation (or after "said:" to the end of the paragraph), "I"/"me"/"my" is the
        speaker and "we"/"us"/"our" the speaker's group: the group named in the speaker's own
        description ("Gen. X, commander of Central Command"), else the person's state organ by
        their sector (a foreign minister's "we" is the government). Outside speech, "we" is left
        alone unless the document's source names a known actor, whose own text it then is (a
        ministry's press release). "they"/"them"/"their" and "it"/"its" link only when the last
        grammatical subject before them, in their sentence or the one before, is a group actor
        (a state, organisation, armed group or generic group, or a third-person pronoun already
        linked to one); "it" is left alone.
        """
        by_token = {i: s for s in spans for i in range(s.start, s.end)}
        pron = [t for t in doc if t.lower_ in _GROUP_PRONOUNS and t.pos_ == "PRON" and t.i not in by_token]
        if not pron:
            return spans
        speech = self._speech(doc, by_token)
        starts = [sent.start for sent in doc.sents]
        text = doc.text  # built once: Doc.text joins every token
        out = list(spans)
        group_types = ("state", "organization", "armed_group", "igo", "company")
        for tok in pron:
            word = tok.lower_
            eid = None
            if word in _FIRST_PERSON:
                speaker = speech.get(tok.i)
                if speaker is None:
                    if word not in _FIRST_SINGULAR:  # the writer's "we": the publisher, when known
                        eid = self._publisher(doc, info)
                        if eid is not None:
                            span = Span(doc, tok.i, tok.i + 1, label=ENT_LABEL.get(self._type(eid, info), "ORG"))
                            span._.rp_actor, span._.rp_kind = eid, "pronoun"
                            out.append(span)
                            by_token[tok.i] = span
                    continue
                if word in _FIRST_SINGULAR:
                    eid = speaker._.rp_actor if self._type(speaker._.rp_actor, info) == "person" else None
                else:
                    eid = self._speaker_group(doc, speaker, by_token, info)
                    if eid is None and self._type(speaker._.rp_actor, info) == "person":
                        # a state body's release quoting a person of no known group: its own official
                        pub = self._publisher(doc, info)
                        if pub is not None and (info.get(pub) or {}).get("sector") in _STATE_SECTORS \
                                and (info.get(pub) or {}).get("country"):
                            eid = pub
            else:
                subj = self._last_subject(doc, tok, starts, text)
                s = by_token.get(subj.i) if subj is not None else None
                if s is not None and s.root.lower_ in _FIRST_PERSON:
                    continue  # "we ... they": the speaker's own group is no third party
                if subj is not None and any(c.dep_ == "conj" for c in subj.children):
                    continue  # "Portugal and Chile ... they": no one actor
                if s is not None and self._type(s._.rp_actor, info) in group_types:
                    eid = s._.rp_actor
            if eid is None:
                continue
            span = Span(doc, tok.i, tok.i + 1, label=ENT_LABEL.get(self._type(eid, info), "ORG"))
            span._.rp_actor, span._.rp_kind = eid, "pronoun"
            out.append(span)
            by_token[tok.i] = span
        return sorted(out, key=lambda s: s.start)

    @staticmethod
    def _last_subject(doc: Doc, tok, starts: list[int], text: str):
        """The last subject token before `tok` in its sentence or the one before, same paragraph."""
        sent_no = bisect_right(starts, tok.i) - 1
        lo = starts[max(0, sent_no - 1)]
        for j in range(tok.i - 1, lo - 1, -1):
            t = doc[j]
            # not the subject of the pronoun's own clause: "we will raise it" (binding Principle B)
            if t.dep_ in ("nsubj", "nsubjpass") and t.head.i != tok.i and t.head.i != tok.head.i:
                if "\n\n" in text[t.idx:tok.idx]:
                    return None
                return t
        return None

    def _speech(self, doc: Doc, by_token: dict) -> dict[int, Span]:
        """Token index -> speaker mention, for tokens inside quoted or colon-introduced speech."""
        speaker_of_sent: dict[int, Span] = {}
        sents = list(doc.sents)
        starts = [s.start for s in sents]
        colon_from: list[tuple[int, Span]] = []
        for k, sent in enumerate(sents):
            for t in sent:
                if t.lemma_ not in self.reporting or t.pos_ not in ("VERB", "AUX"):
                    continue
                for c in t.children:
                    if c.dep_ in ("nsubj", "nsubjpass") and c.i in by_token:
                        speaker_of_sent.setdefault(k, by_token[c.i])
                        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
                        if nxt is not None and nxt.text == ":":
                            colon_from.append((t.i + 2, by_token[c.i]))
        out: dict[int, Span] = {}
        if not speaker_of_sent:
            return out
        inside, opened = False, 0
        for t in doc:
            q = t.text
            if q in _OPEN_QUOTES or (q in _BOTH_QUOTES and not inside):
                inside, opened = True, t.i
                continue
            if inside and (q in _CLOSE_QUOTES or q in _BOTH_QUOTES):
                inside = False
                k_open, k_close = bisect_right(starts, opened) - 1, bisect_right(starts, t.i) - 1
                speaker = speaker_of_sent.get(k_open) or speaker_of_sent.get(k_close)
                if speaker is not None and opened < speaker.start < t.i:
                    speaker = None  # the reporting clause is inside the quotation itself
                if speaker is None and k_open > 0 and opened - starts[k_open] <= 1:
                    speaker = speaker_of_sent.get(k_open - 1)  # 'X said in a statement. "We ..."'
                if speaker is not None:
                    for i in range(opened + 1, t.i):
                        out.setdefault(i, speaker)
        # 'X said: / I am appalled ...': the speech after the colon runs over its paragraphs until a
        # quotation mark, a sentence naming a speaker of its own, or five paragraphs
        for start, speaker in colon_from:
            paragraphs, seen_words = 0, False
            for i in range(start, len(doc)):
                t = doc[i]
                if t.text in _OPEN_QUOTES or t.text in _BOTH_QUOTES:
                    break
                k = bisect_right(starts, i) - 1
                if i == starts[k] and speaker_of_sent.get(k) not in (None, speaker):
                    break
                if t.is_space or "\n" in t.text:
                    if seen_words and "\n" in t.text:
                        paragraphs += 1
                    if paragraphs >= 5:
                        break
                    continue
                seen_words = True
                out.setdefault(i, speaker)
        return out

    def _publisher(self, doc: Doc, info: dict) -> str | None:
        """The actor the document's source names, when the knowledge base knows it as a whole:
        "CENTCOM", "US State Department", "UK Government" (a state and a sector noun)."""
        source = (doc._.rp_source or "").strip()
        if not source or len(source) > 80:
            return None
        sdoc = self.tokenizer(source)
        n = len(sdoc)
        for matcher in (self.exact, self.folded):
            for key_id, start, end in matcher(sdoc):
                aliases = self.by_key.get(sdoc.vocab.strings[key_id], [])
                if not aliases or start != 0:
                    continue
                alias = self._pick(aliases, doc)
                ent = self.kb.entities.get(alias.entity_id)
                if ent is None:
                    continue
                if end == n and not sdoc.vocab.strings[key_id].startswith("s:"):
                    self._remember(ent.id, info)
                    return ent.id
                rest = sdoc[end:].text.lower()
                if ent.type == "state" and rest in self.sector_rows and self.sector_rows[rest]["sector"]:
                    return self._organ(ent, self.sector_rows[rest], info)
        return None

    def _speaker_group(self, doc: Doc, speaker: Span, by_token: dict, info: dict) -> str | None:
        """The group a speaker's "we" stands for: the speaker if a group, else the group in the
        speaker's own description, else the organ of the person's state by their sector."""
        eid = speaker._.rp_actor
        etype = self._type(eid, info)
        if etype in ("state", "organization", "armed_group", "igo", "company"):
            return eid
        if etype != "person":
            return None
        for t in speaker.root.subtree:
            s = by_token.get(t.i)
            if s is not None and s is not speaker and s._.rp_actor != eid \
                    and self._type(s._.rp_actor, info) in ("organization", "armed_group", "igo", "company", "state"):
                return s._.rp_actor
        a = info.get(eid) or {}
        state = self.kb.entities.get(a.get("country") or "")
        if state is None or state.type != "state":
            return None
        if not a.get("sector"):
            return state.id
        return self._organ(state, {"sector": a["sector"], "name": a["sector"].lower()}, info)

    def _corefer_surnames(self, doc: Doc, spans: list[Span], info: dict) -> None:
        """A later bare surname ("Bagheri") is the person named in full earlier."""
        people = {}
        for s in spans:
            if self._type(s._.rp_actor, info) == "person" and len(s) >= 2:
                people.setdefault(s[-1].text, s._.rp_actor)
        for s in spans:
            if len(s) == 1 and s.text in people and s._.rp_actor != people[s.text] \
                    and s._.rp_actor.startswith("new:"):
                info.pop(s._.rp_actor, None)
                s._.rp_actor = people[s.text]
        for s in spans:
            self._remember(s._.rp_actor, info)

    # ---------------------------------------------------------------- helpers
    def _type(self, eid: str, info: dict) -> str:
        if eid in info:
            return info[eid]["type"]
        e = self.kb.entities.get(eid)
        return e.type if e else self._new.get(eid, ("", "organization", None))[1]

    def _country(self, eid: str) -> str | None:
        return self.kb.country_of(eid) or (eid[:3] if re.fullmatch(r"[A-Z]{3}[A-Z]{3}", eid) else None)

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



def _gpe_role(span: Span, agent_nouns: set[str] = frozenset()) -> str | None:
    """Whether a state's name stands for the state acting ("org") or for its territory ("loc").

    ACE's GPE mention roles: the subject of a clause ("France continues to value ..."), the agent
    of a passive ("was struck by Turkey"), a partner ("work with Jordan") and the possessor or
    modifier of an act ("Australia's efforts", "U.S. airstrikes", one of `agent_nouns`) are the
    state as an organisation; the object of a locative preposition ("in Syria") is the place.
    Conjuncts take their first conjunct's role. Anything else stays undecided (None).
    """
    head = span.root
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ in _AGENT_DEPS:
        return "org"
    if head.dep_ in ("poss", "compound", "nmod") and head.head.pos_ == "NOUN" and \
            (head.head.lemma_.lower() in agent_nouns or head.head.lower_ in agent_nouns):
        return "org"
    if head.dep_ == "pobj":
        prep = head.head
        if prep.dep_ == "agent" or (prep.lower_ == "with" and prep.head.pos_ in ("VERB", "AUX")):
            return "org"
        if prep.lower_ in LOCATIVE:
            return "loc"
    return None


def _population(span: Span) -> bool:
    """A plural demonym standing alone as a noun: the state's people ("Syrians", "the Iraqis")."""
    root = span.root
    return root.dep_ not in ("amod", "compound") and (root.tag_ in ("NNS", "NNPS") or span.text.endswith("s")) \
        and not span.text.endswith(("ss", "ese"))


@dataclass(frozen=True)
class _Placed:
    entity: Entity
    population: int

    @property
    def id(self) -> str:
        return self.entity.id


def _fuzzy_keys(words: list[str]) -> list[tuple]:
    """Index keys of a folded name for the fuzzy search (see `close_names`)."""
    if len(words) == 1:
        return [(1, words[0][:1])]
    return [(len(words), i, depluralise(w)) for i, w in enumerate(words)]


def _demonym_like(text: str) -> bool:
    return text.lower().endswith(_DEMONYM_ENDINGS)


@lru_cache(maxsize=4096)
def _iso_country(text: str) -> str | None:
    import pycountry

    try:
        return pycountry.countries.lookup(text).alpha_3
    except LookupError:
        return None


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, tuple[str, str, str | None]]:
    """Folded name -> (code, name, ISO3 country) for ISO 3166-2 subdivisions with a unique name."""
    import pycountry

    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    out: dict[str, tuple[str, str, str | None]] = {}
    seen: set[str] = set()
    for sub in pycountry.subdivisions:
        key = norm(sub.name)
        if len(key) < 4:
            continue
        if key in seen:
            out.pop(key, None)
            continue
        seen.add(key)
        out[key] = (sub.code, sub.name, iso3.get(sub.country_code))
    return out


def _subdivision(text: str) -> tuple[str, str, str | None] | None:
    return _subdivisions().get(norm(text))


def _contiguous(toks):
    out = []
    for t in toks:
        if out and t.i != out[-1].i + 1:
            break
        out.append(t)
    return out


def _months(date: str | None, missing: int) -> int:
    """An ISO date (any precision) as a count of months; `missing` for no date."""
    if not date:
        return missing
    parts = date.split("-")
    return int(parts[0]) * 12 + (int(parts[1]) - 1 if len(parts) > 1 and parts[1].isdigit() else 0)
