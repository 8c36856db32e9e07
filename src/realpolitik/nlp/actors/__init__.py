"""Actor linking: knowledge-base names, labels, metonyms, roles, misspellings and discovery.

The knowledge base overrides the statistical model wherever it is sure (spaCy's small model tags
Yerevan as a person and Rafael as a place); the model's entities fill in what the knowledge base
does not know, and are discovered as new actors with the role their description gives.

Layout: `ActorLinker` (this file) is the spaCy component; it runs the passes below in order, each a
mixin of methods on the one linker, so they share its matchers and the document's actor table.

    common.py     constants, the `Candidate` record, an id's type/country/row (`LinkerBase`)
    match.py      knowledge-base names and aliases, known surnames, bounded fuzzy matching
    roles.py      titles and offices: who a role describes, the holder of a bare description
    discover.py   actors the knowledge base lacks (`new:<slug>`), with the type their context gives
    places.py     GeoNames and ISO 3166 places, places named by a common noun ("the city")
    labels.py     a state's name grown into its organ ("Azerbaijani forces") or a label ("Asad regime")
    groups.py     generic group phrases ("the army", "civilians") -> a state's organ, an antecedent, `---MIL`
    gpe_role.py   a state's mention as the state acting, its territory or its people
    pronouns.py   pronouns and coreference: "he", "we" in quoted speech, "they", later bare surnames

Order of the passes (see `ActorLinker.__call__`): knowledge-base candidates, titles ending in a
region, names holding a state's name, longest match; then the model's entities, fuzzy runs, bare
surnames, organs and labels, group phrases, unnamed places; then roles, appositions, surnames, GPE
roles, pronouns.

Decisions (precision first):
- A person needs evidence of being one: a name the model calls a person is a place when it modifies
  or ends in a place noun or follows "the town of"; it is nothing when it is a weapon family, stands
  before a number, or is a demonym with a plural noun of people (`discover._not_a_person`).
- An organ named without its state ("the Defense Ministry", "the ministry", "the army") is first the
  organ of its kind named before; failing that, the organ of the state named last before it (the
  nearest owner). On news this is right more often than not, and wrong where an article names the
  other side last; a group with no state at all stays CAMEO's `---`.
- A discovered person takes a country only from a demonym, a state's possessive or a state body in
  their apposition or pre-modifiers, and only when these name one country ("an expert on X" does not
  make them X's).
- Fuzzy person links need the same first initial and a surname one edit away; a bare surname one edit
  from a person named in full earlier in the document is that person.
"""

from __future__ import annotations

from collections import Counter

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ...kb import KnowledgeBase, norm
from ..extensions import ACTOR_SPANS, GROUP_SPANS
from .common import _NOT_ORG_ACRONYMS, _UNNAMED, ENT_LABEL, TITLES, Candidate, LinkerBase
from .discover import Discovery
from .gpe_role import GpeRoles
from .groups import Groups
from .labels import Labels
from .match import KnowledgeBaseMatching
from .places import Places
from .pronouns import Pronouns
from .roles import Roles

__all__ = ["ActorLinker", "Candidate", "ENT_LABEL"]


class ActorLinker(KnowledgeBaseMatching, Roles, Discovery, Places, Labels, Groups, GpeRoles, Pronouns, LinkerBase):
    """`realpolitik_actors_v1`: fills doc.spans["rp_actors"], doc.ents and doc._.rp_actor_info."""

    def __init__(self, nlp, kb: KnowledgeBase, *, fuzzy_cutoff: float = 0.7):
        self.kb = kb
        self.fuzzy_cutoff = fuzzy_cutoff
        self.tokenizer = nlp.tokenizer
        self.build_name_index(nlp, kb)
        self.roles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.sectors = PhraseMatcher(nlp.vocab, attr="LOWER")
        #: generic weapon words ("UAV", "IED"): never an organisation's acronym
        self._generic = {norm(r.get("text") or "") for r in kb.table("weapon_generic")} | _NOT_ORG_ACRONYMS
        #: weapon families ("Patriot", "Iskander"): the name of a system, never of a person
        self._weapon_families = {norm(w.family) for w in kb.weapons.values() if w.family}
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

    def __call__(self, doc: Doc) -> Doc:
        info: dict[str, dict] = {}
        self._date, self._new, self._info = doc._.rp_published, {}, info
        roles = list(self.roles(doc))
        self._role_starts = {s for _, s, _ in roles}
        self._role_tokens = {i for _, s, e in roles for i in range(s, e)}
        cands = self._kb_candidates(doc)
        cands = self._titles_for_regions(doc, cands, roles)
        cands += self._names_over_states(doc, cands)
        chosen = self._choose(cands)
        self._doc_states = {c.entity_id for c in chosen if self._type(c.entity_id, info) == "state"}
        #: the knowledge base's mentions, where an organ named without its state finds its owner
        self._owners = list(chosen)
        #: last words of the people the model names in full: "Dayton" after "Scott C. Dayton" is him
        self._surnames_in_doc = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2}
        #: and their first words: "Mr Abiy" after "Abiy Ahmed" (a name system without family names)
        self._given_in_doc = {next(t.text for t in e if t.lower_.rstrip(".") not in TITLES)
                              for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2
                              and any(t.lower_.rstrip(".") not in TITLES for t in e)}
        taken = {i for c in chosen for i in range(c.start, c.end)} | self._title_tokens
        chosen += self._model_candidates(doc, taken)
        taken = {i for c in chosen for i in range(c.start, c.end)}
        chosen += self._fuzzy_runs(doc, taken)
        chosen += self._surnames_alone(doc, taken)
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
        self._apposition_countries(spans, info)
        self._corefer_surnames(doc, spans, info)
        self._gpe_roles(spans, info)
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
