"""Discovery: the model's entities the knowledge base lacks, as new actors (`new:<slug>`) of the type
the model and their context give, or as places where places stand ("in Raqqah")."""

from __future__ import annotations

from spacy.tokens import Doc

from ...kb import norm, slug
from .common import (_DEMONYM_ENDINGS, _DIRECTIONS, _GROUP_DEMONYM_ENDINGS, _NAME_GLUE, _POSSESSIVE,
                     _SETTLEMENT_NOUNS, _SHIP_PREFIXES, _VESSEL_NOUNS, LOCATIVE, MODEL_LABELS, TITLES, Candidate)


class Discovery:
    """New actors from the statistical model's entities."""

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
            if start > 0 and (doc[start - 1].lower_ in _VESSEL_NOUNS or doc[start - 1].text in _SHIP_PREFIXES):
                continue  # "the vessel Marlin Luanda": a ship's name holding a capital's, no actor
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
            while ent.label_ == "PERSON" and len(toks) >= 2 and toks[-1].tag_ in ("VBD", "VBZ") and toks[-1].is_title:
                toks = toks[:-1]  # a headline's verb after the name: "Minister Jane Doe Resigns"
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
        if start > 0 and doc[start - 1].lower_ in _VESSEL_NOUNS and label in ("PERSON", "ORG"):
            return None  # "the tanker Maria Kostova": a vessel's name, no actor
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
            if text not in self._surnames_in_doc and (tok.lower_.rstrip(".") in TITLES or tok.tag_ == "NNS"
                                                      or tok.pos_ in _NO_NAME_POS):
                return None  # a bare title ("the Ayatollah"), a plural noun, an adverb ("Mysteriously")
            if tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.lower_ in _TERRITORIAL_OFFICES \
                    and text not in self._surnames_in_doc:
                # "the Kharkiv governor", "a Basra councillor": a name before an office noun is its place
                place = self._place(text)
                if place:
                    return Candidate(start, end, place.id, "name", 1)
            head = tok
            while head.dep_ == "conj" and head.head.i != head.i:
                head = head.head
            # "the towns of Goris and Vardenis": a settlement noun names its members as places
            if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_ in _SETTLEMENT_NOUNS:
                place = self._place(text)
                if place:
                    return Candidate(start, end, place.id, "name", 1)
                return self._discover(text, "location", start, end)  # a village GeoNames lacks
        if label == "PERSON":
            other = self._not_a_person(doc, name_start, end)
            if other == "location":
                return self._discover(doc[name_start:end].text, "location", name_start, end)
            if other == "none":
                return None
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
            row = self.sector_rows.get(doc[start:end].text.lower())
            owner = self._owner_state(self._owners, start, self._info) if row and row["sector"] else None
            if owner is not None:
                # "the Defense Ministry" with no state named: the organ of the state named last before
                return Candidate(start, end, self._organ(owner, row, self._info), "description", 1)
            tok = doc[start]
            # one word only when an acronym ("NAVCENT"), and not a weapon's ("VBIED", "UAV")
            if end - start > 1 or (tok.is_upper and len(tok) >= 2 and tok.is_alpha
                                   and not self.kb.find_weapon(tok.text) and tok.lower_ not in self._generic):
                return self._discover(doc[start:end].text, "organization", start, end)
        return None

    def _not_a_person(self, doc: Doc, start: int, end: int) -> str | None:
        """What a name the model calls a person is instead, when the words around it say so:
        "location", "none" (no actor at all), or None when nothing speaks against a person.

        A person's name does not stand before a number ("bow Nos. 3105"), is no weapon's name ("an
        additional Patriot system"), is no plural of a group of people ("Zionist Jews"), and does not
        modify a place noun or end in one ("the Bureij refugee camp", "Doviv and Avivim settlements",
        "Kherson and Nikolaev Regions", "Huangyan Dao")."""
        last = doc[end - 1]
        after = doc[end] if end < len(doc) else None
        if end - start == 1 and after is not None and (after.like_num or (
                after.text == "." and end + 1 < len(doc) and doc[end + 1].like_num)):
            return "none"
        if self.kb.find_weapon(doc[start:end].text) or norm(doc[start:end].text) in self._weapon_families:
            return "none"
        if last.dep_ == "compound" and last.head.i >= end and last.head.lower_ in self._generic:
            return "none"  # "the Sentinel missile system": a weapon's generic noun after the name
        if last.dep_ == "compound" and last.head.i >= end and last.head.lower_ in _KIN_GROUPS:
            return "none"  # "the Abu Salem family": a family or clan, not one of its members
        if end - start >= 2 and last.tag_ in ("NNS", "NNPS") and last.lower_.endswith("s") \
                and doc[start].lower_.endswith(_GROUP_DEMONYM_ENDINGS):
            return "none"
        head = last
        while head.dep_ == "conj" and head.head.i < head.i:
            head = head.head
        while head.dep_ in ("compound", "amod", "nmod") and head.head.i > head.i:
            head = head.head
            if head.pos_ == "NOUN" and (head.lower_ in self.place_rows or head.lemma_.lower() in self.place_rows):
                return "location"
        if end - start >= 2 or (start > 0 and doc[start - 1].text[:1].isupper() and not doc[start].is_sent_start):
            row = self.place_rows.get(last.lower_) or self.place_rows.get(last.lemma_.lower())
            if row is not None and (row.get("refers") in ("settlement", "region", "feature") or (
                    row.get("refers") in ("route", "site") and row.get("named") == "yes" and last.is_title)):
                return "location"  # also "Orabi Street", "Nasser Hospital": no person's name ends so
        return None

    def _surnames_alone(self, doc: Doc, taken: set[int]) -> list[Candidate]:
        """A capitalised word the model left untagged that is the last name of a person the model
        names in full in this document ("Kowalczyk later said ..." at a sentence start): that person,
        linked by `_corefer_surnames`."""
        out = []
        for tok in doc:
            prev = doc[tok.i - 1] if tok.i > 0 else None
            honoured = prev is not None and prev.lower_.rstrip(".") in _HONORIFICS and tok.text in self._given_in_doc
            if tok.i in taken or not (tok.text in self._surnames_in_doc or honoured) or tok.ent_type_ \
                    or not tok.is_title:
                continue
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if (prev is not None and prev.is_title and not prev.is_sent_start and prev.pos_ == "PROPN"
                    and prev.lower_.rstrip(".") not in _HONORIFICS) \
                    or (nxt is not None and nxt.is_title and nxt.pos_ == "PROPN") \
                    or (prev is not None and prev.lower_ in LOCATIVE):
                continue  # part of a longer name, or where places stand
            out.append(self._discover(tok.text, "person", tok.i, tok.i + 1))
            taken.add(tok.i)
        return out

    def _discover(self, name: str, etype: str, start: int, end: int, *, country: str | None = None) -> Candidate:
        eid = "new:" + slug(name)
        known = self._new.get(eid)
        if known is None or (etype == "location" and known[1] == "person"):
            # one sense per document: a name seen where places stand is a place in all its mentions
            self._new[eid] = (name, etype, country)
        return Candidate(start, end, eid, "name", 0)


#: offices held over a territory: a name compounded before one is the territory ("the Kharkiv governor")
_TERRITORIAL_OFFICES = frozenset({"governor", "mayor", "councillor", "councilor", "prefect", "governors", "mayors"})
#: honorifics before a name: "Mr Abiy" names the person called "Abiy Ahmed" in full before
_HONORIFICS = frozenset({"mr", "ms", "mrs", "dr", "miss", "sheikh", "sheikha"})
#: nouns of kin groups: a name before one names the group ("the Haddad family", "the Bani Hassan clan")
_KIN_GROUPS = frozenset({"family", "families", "clan", "clans", "tribe", "tribes", "household", "dynasty"})
#: parts of speech no single-word name takes, whatever the model's entity label says
_NO_NAME_POS = frozenset({"ADV", "ADP", "CCONJ", "SCONJ", "DET", "PRON", "AUX", "PART", "INTJ"})


def _demonym_like(text: str) -> bool:
    return text.lower().endswith(_DEMONYM_ENDINGS)


def _contiguous(toks):
    out = []
    for t in toks:
        if out and t.i != out[-1].i + 1:
            break
        out.append(t)
    return out
