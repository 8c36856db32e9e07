"""Pronouns and coreference: "he"/"she", first-person pronouns in quoted speech, "they" after a group
subject, the writer's "we" of a known publisher, and later bare surnames of people named in full."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict

from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc, Span

from .common import (_BOTH_QUOTES, _CLOSE_QUOTES, _FIRST_PERSON, _FIRST_SINGULAR, _GROUP_PRONOUNS,
                     _OPEN_QUOTES, _PERSONAL_PRONOUNS, _STATE_SECTORS, ENT_LABEL)


class Pronouns:
    """References back to actors already found."""

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
        people, given = {}, defaultdict(set)
        for s in spans:
            if self._type(s._.rp_actor, info) == "person" and len(s) >= 2:
                people.setdefault(s[-1].text, s._.rp_actor)
                given[s[0].text].add(s._.rp_actor)
        for s in spans:
            if len(s) != 1 or not s._.rp_actor.startswith("new:"):
                continue
            pid = people.get(s.text)
            if pid is None and len(s.text) >= 6 and self._type(s._.rp_actor, info) == "person":
                # a misspelt surname ("Kowalczyk" ... "Kowalcyk"): one edit, same first letter, one person
                close = {p for last, p in people.items() if last[:1] == s.text[:1]
                         and Levenshtein.distance(last, s.text) <= 1}
                pid = close.pop() if len(close) == 1 else None
            if pid is None and len(given.get(s.text, ())) == 1 and self._type(s._.rp_actor, info) == "person":
                # the first word of one person's full name: a family name written first ("Wang Lin" ...
                # "Wang"), or that person's given name
                pid = next(iter(given[s.text]))
            if pid is not None and s._.rp_actor != pid:
                info.pop(s._.rp_actor, None)
                s._.rp_actor = pid
        for s in spans:
            self._remember(s._.rp_actor, info)
