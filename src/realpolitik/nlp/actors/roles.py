"""Titles and offices: who a role describes ("Defence Minister X", "X, chief of ..."), the country a
title gives its holder, bare descriptions linked to the holder ("the Iraqi Foreign Minister"), and
titles that end in a region ("Special Envoy for Yemen")."""

from __future__ import annotations

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .common import _POSSESSIVE, TITLES, Candidate


class Roles:
    """People's titles and the offices they hold."""

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
            if j < 1 or doc[j].lower_ != "for" or j not in role_ends or _possessed(doc, c.end) \
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
        if i < len(doc) and doc[i].lower_ in ("of", "for"):  # "spokesman for the Yemeni armed forces"
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
        # "Defence Minister Hulusi Akar": the name right after the role, or after ranks ("the
        # ministry's spokesman Major General X")
        j = role.end
        while j < len(doc) and j not in by_token and doc[j].lower_.rstrip(".") in TITLES:
            j += 1
        if j in by_token and self._is_person(by_token[j]):
            return by_token[j]
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

    def _apposition_countries(self, spans: list[Span], info: dict) -> None:
        """A discovered person's country from their apposition or the words before their name:
        "X, the head of Ruritania's delegation", "X, a senior member of the Ruritanian council",
        "Ruritanian negotiator X". Only a demonym, a state's possessive or a body of that state
        counts (not "an envoy to Ruritania"), and only when they name one country."""
        by_token = {t: s for s in spans for t in range(s.start, s.end)}
        for span in spans:
            pid = span._.rp_actor
            a = info.get(pid) or {}
            if not pid.startswith("new:") or a.get("type") != "person" or a.get("country") or span._.rp_kind != "name":
                continue
            root = span.root
            words = [t for c in root.children if c.dep_ == "appos" for t in c.subtree]
            words += [t for c in root.lefts if c.dep_ in ("compound", "amod") and c.i < span.start for t in c.subtree]
            countries = set()
            for t in words:
                other = by_token.get(t.i)
                if other is None or other._.rp_actor == pid or other._.rp_kind == "pronoun":
                    continue
                if self._type(other._.rp_actor, info) == "state" and other._.rp_kind != "demonym" \
                        and other.root.dep_ != "poss":
                    continue  # "an envoy to Ruritania", "an expert on Ruritania": a state as a topic
                if self._type(other._.rp_actor, info) == "location" and other.root.dep_ == "pobj":
                    continue  # "a reporter in Ruritville": where they are, not whose they are
                country = self._country(other._.rp_actor) or (info.get(other._.rp_actor) or {}).get("country")
                if country:
                    countries.add(country)
            if len(countries) == 1:
                a["country"] = countries.pop()


def _possessed(doc: Doc, end: int) -> bool:
    """Whether a possessive ending follows token `end` - 1: "spokesman for Ruritania's army" names the
    army, not a region of the title."""
    return end < len(doc) and doc[end].text in _POSSESSIVE

