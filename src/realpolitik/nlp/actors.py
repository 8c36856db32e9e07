"""Actor linking: knowledge-base names, labels, metonyms, roles, misspellings and discovery.

The knowledge base overrides the statistical model wherever it is sure (spaCy's small model tags
Yerevan as a person and Rafael as a place); the model's entities fill in what the knowledge base
does not know, and are discovered as new actors with the role their description gives.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..kb import Alias, Entity, KnowledgeBase, norm, slug
from ..kb.places import find_place
from .extensions import ACTOR_SPANS

#: spaCy label for each of our actor types, so doc.ents reads sensibly downstream
ENT_LABEL = {"state": "GPE", "person": "PERSON", "organization": "ORG", "company": "ORG",
             "armed_group": "ORG", "igo": "ORG", "location": "LOC"}
#: ranks and honorifics stripped from a name before it is looked up
TITLES = {"major", "general", "lieutenant", "brigadier", "colonel", "admiral", "marshal", "field",
          "commander", "captain", "sergeant", "mr", "mrs", "ms", "dr", "sir", "sheikh", "ayatollah",
          "president", "minister", "prime", "king", "queen", "prince", "emir", "sultan", "chancellor",
          "senator", "gen", "lt", "col", "maj", "adm", "rear", "vice", "deputy", "hojatoleslam"}
_POSSESSIVE = {"'s", "’s", "'", "’"}


@dataclass
class Candidate:
    start: int  # token offsets
    end: int
    entity_id: str
    kind: str
    priority: int  # higher wins over an overlapping candidate of the same length


class ActorLinker:
    """`realpolitik_actors_v1`: fills doc.spans["rp_actors"], doc.ents and doc._.rp_actor_info."""

    def __init__(self, nlp, kb: KnowledgeBase, *, fuzzy_cutoff: float = 0.8):
        self.kb = kb
        self.fuzzy_cutoff = fuzzy_cutoff
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.roles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.sectors = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.by_key: dict[str, list[Alias]] = defaultdict(list)
        exact, folded = defaultdict(list), defaultdict(list)
        for a in kb.aliases:
            key = ("c:" if a.case_sensitive else "f:") + (a.text if a.case_sensitive else a.text.lower())
            self.by_key[key].append(a)
            (exact if a.case_sensitive else folded)[key].append(a.text)
        for matcher, table in ((self.exact, exact), (self.folded, folded)):
            for key, texts in table.items():
                matcher.add(key, list(nlp.tokenizer.pipe(dict.fromkeys(texts))))
        # surnames of known people: "Gantz" alone, once unambiguous in the knowledge base
        surnames: dict[str, set[str]] = defaultdict(set)
        for e in kb.entities.values():
            if e.type == "person":
                last = e.name.split()[-1]
                if len(last) >= 4 and last[0].isupper():
                    surnames[last].add(e.id)
        for last, ids in surnames.items():
            if len(ids) == 1:
                key = "s:" + last
                self.by_key[key].append(Alias(last, next(iter(ids)), "name"))
                self.exact.add(key, [nlp.make_doc(last)])
        self.role_rows = {r["text"]: r for r in kb.table("roles")}
        self.roles.add("ROLE", list(nlp.tokenizer.pipe(self.role_rows)))
        self.sector_rows = {r["text"]: r for r in kb.table("sectors")}
        self.sectors.add("SECTOR", list(nlp.tokenizer.pipe(self.sector_rows)))
        # fuzzy candidates: multi-word names and long single names of non-state entities
        self.fuzzy_names: dict[int, str] = {}
        self.fuzzy_ids: list[str] = []
        for a in kb.aliases:
            e = kb.entities.get(a.entity_id)
            if e and e.type in ("person", "company", "organization", "armed_group", "igo") and a.case_sensitive:
                n = norm(a.text)
                if len(n) >= 6:
                    self.fuzzy_names[len(self.fuzzy_ids)] = n
                    self.fuzzy_ids.append(a.entity_id)

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        info: dict[str, dict] = {}
        self._date, self._new = doc._.rp_published, {}
        cands = self._kb_candidates(doc)
        chosen = self._choose(cands)
        taken = {i for c in chosen for i in range(c.start, c.end)}
        chosen += self._model_candidates(doc, taken)
        taken = {i for c in chosen for i in range(c.start, c.end)}
        chosen += self._fuzzy_runs(doc, taken)
        chosen = self._extend_sectors(doc, chosen, info)
        spans = []
        for c in sorted(chosen, key=lambda c: c.start):
            span = Span(doc, c.start, c.end, label=ENT_LABEL.get(self._type(c.entity_id, info), "ORG"))
            span._.rp_actor, span._.rp_kind = c.entity_id, c.kind
            spans.append(span)
            self._remember(c.entity_id, info)
        self._roles(doc, spans, info)
        self._corefer_surnames(doc, spans, info)
        spans = [s for s in spans if s._.rp_actor in info]
        doc.spans[ACTOR_SPANS] = spans
        others = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
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
                alias = self._pick(aliases, doc)
                out.append(Candidate(start, end, alias.entity_id, alias.kind, prio - key.startswith("s:")))
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

    @staticmethod
    def _looks_like_name(doc: Doc, start: int, end: int) -> bool:
        tok = doc[start]
        return tok.is_title and tok.pos_ in ("PROPN", "NOUN", "X") and not (start > 0 and doc[start - 1].is_title
                                                                        and doc[start - 1].pos_ == "PROPN"
                                                                        and doc[start - 1].lower_ not in TITLES)

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
            if ent.label_ not in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"):
                continue
            toks = [t for t in ent if t.i not in taken]
            # trim determiners, quotes and possessive endings, and stop at a taken token
            toks = _contiguous(toks)
            while toks and (toks[0].is_punct or toks[0].lower_ in ("the", "a", "an")):
                toks = toks[1:]
            while toks and (toks[-1].is_punct or toks[-1].text in _POSSESSIVE):
                toks = toks[:-1]
            if not toks:
                continue
            start, end = toks[0].i, toks[-1].i + 1
            c = self._resolve_unknown(doc, start, end, ent.label_)
            if c:
                out.append(c)
                taken.update(range(c.start, c.end))
        return out

    def _resolve_unknown(self, doc: Doc, start: int, end: int, label: str) -> Candidate | None:
        name_start = start
        while name_start < end - 1 and doc[name_start].lower_.rstrip(".") in TITLES:
            name_start += 1
        text = doc[name_start:end].text
        fuzzy = self._fuzzy(text)
        if fuzzy:
            return Candidate(name_start, end, fuzzy, "alias", 1)
        if label in ("GPE", "LOC", "FAC", "ORG") and doc[start].is_title:
            place = find_place(text)
            if place and (label != "ORG" or self._place_context(doc, start)):
                eid = f"geo:{place.geonameid}"
                self.kb.entities.setdefault(eid, Entity(eid, place.name, "location", place.country,
                                                        None, None, place.lat, place.lon))
                return Candidate(start, end, eid, "name", 1)
        if label == "PERSON" and all(t.is_title or t.is_punct for t in doc[name_start:end]):
            return self._discover(text, "person", name_start, end)
        if label == "ORG" and end - start > 1 and doc[start].is_title:
            return self._discover(doc[start:end].text, "organization", start, end)
        return None

    def _discover(self, name: str, etype: str, start: int, end: int) -> Candidate:
        eid = "new:" + slug(name)
        self._new.setdefault(eid, (name, etype))
        return Candidate(start, end, eid, "name", 0)

    @staticmethod
    def _place_context(doc: Doc, start: int) -> bool:
        prev = doc[start - 1] if start > 0 else None
        return prev is not None and prev.lower_ in ("in", "of", "near", "at", "from", "to", "into", "around")

    def _fuzzy(self, text: str) -> str | None:
        """A knowledge-base name within a bounded edit distance of `text` (each word within 2 edits)."""
        key = norm(text)
        if len(key) < 6 or not self.fuzzy_names:
            return None
        hit = process.extractOne(key, self.fuzzy_names, scorer=Levenshtein.normalized_similarity,
                                 score_cutoff=self.fuzzy_cutoff)
        if not hit:
            return None
        name, _, idx = hit
        words, target = key.split(), name.split()
        if len(words) != len(target):
            return None
        if all(Levenshtein.distance(a, b) <= (1 if len(b) <= 5 else 2) for a, b in zip(words, target)):
            return self.fuzzy_ids[idx]
        return None

    def _fuzzy_runs(self, doc: Doc, taken: set[int]) -> list[Candidate]:
        """Runs of capitalised words the model missed, matched by fuzzy lookup ("Albite System")."""
        out, run = [], []
        for tok in list(doc) + [None]:
            if tok is not None and tok.i not in taken and tok.is_title and not tok.is_sent_start \
                    and tok.lower_ not in TITLES:
                run.append(tok)
                continue
            if len(run) >= 2:
                eid = self._fuzzy(doc[run[0].i:run[-1].i + 1].text)
                if eid:
                    out.append(Candidate(run[0].i, run[-1].i + 1, eid, "alias", 1))
            run = []
        return out

    # ---------------------------------------------------------------- sectors
    def _extend_sectors(self, doc: Doc, chosen: list[Candidate], info: dict) -> list[Candidate]:
        """`Azerbaijani forces`, `Armenia's army` -> the state's organ (CAMEO-style id AZEMIL)."""
        by_start = {c.start: c for c in chosen}
        starts = {}
        for _, s, e in self.sectors(doc):
            if e - s > starts.get(s, (0, 0))[1] - s:
                starts[s] = (s, e)
        out = []
        for c in chosen:
            ent = self.kb.entities.get(c.entity_id)
            nxt = c.end + (1 if c.end < len(doc) and doc[c.end].text in _POSSESSIVE else 0)
            if ent is None or ent.type != "state" or nxt not in starts or nxt in by_start:
                out.append(c)
                continue
            s, e = starts[nxt]
            row = self.sector_rows[doc[s:e].text.lower()]
            oid = f"{ent.id}{row['sector']}"
            info.setdefault(oid, {"id": oid, "name": f"{ent.name} {row['name']}".strip(),
                                  "type": "organization", "country": ent.id, "sector": row["sector"],
                                  "role": None, "wikidata": None})
            out.append(Candidate(c.start, e, oid, "description", c.priority))
        return out

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
                continue
            if country is None or role_span.start in by_token:
                continue
            # a bare description: "the minister of defense of Israel"
            end = self._description_end(doc, role_span, by_token)
            start = role_span.start - (1 if role_span.start > 0 and doc[role_span.start - 1].lower_ == "the" else 0)
            pid = self._holder(row["role"], country, info, doc)
            if pid is None:
                continue
            span = Span(doc, start, end, label="PERSON")
            span._.rp_actor, span._.rp_kind = pid, "description"
            if not any(t in by_token for t in range(start, end) if by_token.get(t) is not None
                       and self._type(by_token[t]._.rp_actor, info) == "person"):
                spans.append(span)
                self._remember(pid, info)
                if info[pid].get("role") is None:
                    self._set_role(pid, row, country, info)

    def _role_country(self, doc: Doc, role: Span, by_token: dict) -> str | None:
        # "minister of defense of Israel", "chief of the general staff of the Iranian Armed Forces"
        i = role.end
        if i < len(doc) and doc[i].lower_ == "of":
            j = i + 1
            while j < len(doc) and doc[j].lower_ in ("the", "republic") and j not in by_token:
                j += 1
            if j in by_token:
                return self._country(by_token[j]._.rp_actor)
        # "Turkish Defence Minister", "Israel's defense minister", "Iranian Armed Forces chief"
        j = role.start - 1
        if j >= 0 and doc[j].text in _POSSESSIVE:
            j -= 1
        if j >= 0 and j in by_token:
            return self._country(by_token[j]._.rp_actor)
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
        return e.type if e else self._new.get(eid, ("", "organization"))[1]

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
            name, etype = self._new[eid]
            info[eid] = {"id": eid, "name": name, "type": etype, "country": None, "sector": None,
                         "role": None, "wikidata": None}



def _contiguous(toks):
    out = []
    for t in toks:
        if out and t.i != out[-1].i + 1:
            break
        out.append(t)
    return out
