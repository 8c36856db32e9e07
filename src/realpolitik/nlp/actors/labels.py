"""Labels and organs grown out of a state's name: "Azerbaijani forces", "the government of Iraq",
"the Asad regime".

A state's name or demonym next to a sector noun of `sectors.tsv` is that state's organ (CAMEO-style
id AZEMIL); a leader's name before "regime" is a label of the leader's state. Labels and metonyms
that are knowledge-base aliases ("Zionist regime", "Moscow said") are matched in `match.py`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .common import _POSSESSIVE, Candidate


class Labels:
    """A state's mention extended over the sector noun or "regime" next to it."""

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
