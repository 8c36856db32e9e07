"""Places: GeoNames towns, ISO 3166 countries and subdivisions, and places named by a common noun
("the city", "an ISIL-held building")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from ...kb import Entity, norm, slug
from ...kb.places import find_place
from .common import LOCATIVE, PLACE, Candidate


class Places:
    """Place lookups and unnamed places."""

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

    @staticmethod
    def _place_context(doc: Doc, start: int, *, strict: bool = False) -> bool:
        """Whether the word before stands where places stand; `strict` (for names the model calls
        people) leaves out "of", "from" and "to", which precede people as often as places."""
        prev = doc[start - 1] if start > 0 else None
        words = LOCATIVE if strict else LOCATIVE | {"of", "from", "to"}
        return prev is not None and prev.lower_ in words


@dataclass(frozen=True)
class _Placed:
    entity: Entity
    population: int

    @property
    def id(self) -> str:
        return self.entity.id


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
