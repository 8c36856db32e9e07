"""Knowledge-base matching: exact and case-folded names and aliases, known surnames, bounded fuzzy names.

`KnowledgeBaseMatching.build_name_index` compiles the knowledge base into phrase matchers once;
the passes then propose a candidate for each match (a surname only where it looks like a name and
the document's date tells its holders apart) and for each capitalised run within a bounded edit
distance of a known name ("Albite System" is Elbit Systems).
"""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ...kb import FUZZY_TYPES, Alias, KnowledgeBase, close_names, depluralise, norm
from ...kb.places import find_place
from .common import _NAME_PARTICLES, _SHIP_PREFIXES, _TIME_ENTS, _VESSEL_NOUNS, LOCATIVE, TITLES, Candidate


class KnowledgeBaseMatching:
    """Names and aliases of the knowledge base found in a document."""

    def build_name_index(self, nlp, kb: KnowledgeBase) -> None:
        """Phrase matchers over every alias (exact and case-folded), the known surnames, and the
        index of names the fuzzy search may reach."""
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
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
        #: surnames known only after a particle ("al-Houthi"): an Arabic nisba, which alone before a
        #: noun is the adjective of a tribe, movement or place ("Houthi positions"), not the person
        self._nisbas: set[str] = set()
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
                            if cand != last:
                                self._nisbas.add(cand)
        # a surname several people share links only where the document's date tells them apart
        for last, ids in surnames.items():
            key = "s:" + last
            self.by_key[key].extend(Alias(last, i, "name") for i in sorted(ids))
            self.exact.add(key, [nlp.make_doc(last)])
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
                if key.startswith("s:") and key[2:] in self._nisbas and doc[start].dep_ in ("compound", "amod") \
                        and doc[start].head.pos_ == "NOUN" and doc[start].head.i > start:
                    continue
                alias = self._pick_surname(aliases, doc) if key.startswith("s:") else self._pick(aliases, doc)
                if alias is None:
                    continue
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
        elif start >= 2 and doc[start - 1].lower_ in ("bin", "ibn", "bint", "abu"):
            before = start - 2  # "Ashraf bin Khalid": a patronym is part of a longer name
        elif start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
            return False  # the end of a hyphenated compound ("Shan-e-Mustafa")
        # a title word is never a bare surname ("Major General"); a word before another name word is
        # a given name or part of a longer name ("Martin Griffiths", "Turner Broadcasting")
        after = doc[end] if end < len(doc) else None
        if tok.lower_ in TITLES or (after is not None and after.is_title and after.pos_ == "PROPN"):
            return False
        if (after is not None and after.text in ("&", "+")) or (start > 0 and doc[start - 1].text in ("&", "+")):
            return False  # "Johnson & Johnson", "Marks & Spencer": a firm's name, not a person's
        if after is not None and after.lower_ in _NAME_PARTICLES and end + 1 < len(doc) and (
                (doc[end + 1].text == "-" and not after.whitespace_) or
                (after.lower_ not in ("as", "an") and doc[end + 1].is_title)):
            return False  # a given name before "al-Qudra", "bin Salman": part of a longer name
        if start > 0 and (doc[start - 1].text in _SHIP_PREFIXES or doc[start - 1].lower_ in _VESSEL_NOUNS):
            return False  # "USS Carney", "the destroyer Carney": a ship named after someone
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
            if len(words) >= 2 and self.kb.entities[self.fuzzy_ids[idx]].type == "person" and \
                    (words[0][:1] != target[0][:1] or Levenshtein.distance(words[-1], target[-1]) > 1):
                continue  # a person: the same first name or initial, and a surname one slip away
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


def _fuzzy_keys(words: list[str]) -> list[tuple]:
    """Index keys of a folded name for the fuzzy search (see `close_names`)."""
    if len(words) == 1:
        return [(1, words[0][:1])]
    return [(len(words), i, depluralise(w)) for i, w in enumerate(words)]


def _months(date: str | None, missing: int) -> int:
    """An ISO date (any precision) as a count of months; `missing` for no date."""
    if not date:
        return missing
    parts = date.split("-")
    return int(parts[0]) * 12 + (int(parts[1]) - 1 if len(parts) > 1 and parts[1].isdigit() else 0)
