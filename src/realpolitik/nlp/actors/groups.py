"""Group descriptions: generic group phrases as actors ("Coalition military forces", "the regime",
"civilians"), a state's organs, and groups with no country named (CAMEO's `---MIL`)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ...kb import Entity
from .common import NO_COUNTRY, Candidate


class Groups:
    """Generic group noun phrases resolved to a state's organ, an antecedent, or a group of no country."""

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
                if eid is None and row["sector"] and (doc[start].lower_ in ("the", "this", "that")
                                                      or _bare_possessor(doc, start)):
                    # "the ministry", "the army" with no organ of its kind before: the organ of the
                    # state named last before it
                    owner = self._owner_state(ordered + out, start, info)
                    if owner is not None:
                        eid = self._organ(owner, row, info)
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
        if first.lower_ not in ("the", "this", "these", "that", "those") and not _bare_possessor(doc, start):
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

    def _no_country(self, row: dict, info: dict) -> str:
        """A group of a sector with no country named: CAMEO's `---REB`, `---CVL`."""
        gid = f"{NO_COUNTRY}{row['sector']}"
        info.setdefault(gid, {"id": gid, "name": self.sector_names.get(row["sector"], row["name"]),
                              "type": row.get("type") or "organization", "country": None,
                              "sector": row["sector"], "role": None, "wikidata": None})
        return gid

    def _organ(self, ent: Entity, row: dict, info: dict) -> str:
        # one id per state and sector (CAMEO style), so one name: the sector's usual name
        oid = f"{ent.id}{row['sector']}"
        generic = self.sector_names.get(row["sector"], row["name"])
        info.setdefault(oid, {"id": oid, "name": f"{ent.name} {generic}".strip(),
                              "type": row.get("type") or "organization", "country": ent.id, "sector": row["sector"],
                              "role": None, "wikidata": None})
        return oid


def _bare_possessor(doc: Doc, start: int) -> bool:
    """A lone lower-case singular noun as possessor, which headline style uses without its article:
    "ministry's spokesman", "army's chief" read as "the ministry's", "the army's"."""
    tok = doc[start]
    return tok.dep_ == "poss" and tok.tag_ == "NN" and tok.is_lower and not any(True for _ in tok.lefts)

