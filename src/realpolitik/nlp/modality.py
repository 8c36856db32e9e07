"""Modality: did the text say it happened, or that it may, will, might have, or did not?

For every verb and noun the tagger walks up the dependency tree from the word to the root of its
sentence and collects the cues it meets (negation, modal verbs, hedges, conditions, purpose
infinitives, reporting verbs, "according to"). Cues come from `kb/data/hedges.tsv`.

A subject is presupposed by its clause ("the visit ... cannot be simply to sell weapons" still
reports a visit), so the walk stops when it leaves a subject or a relative clause.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from ..kb import KnowledgeBase

#: which modality wins when a clause carries several cues
RANK = {"negated": 7, "speculative": 6, "hypothetical": 5, "future": 4, "disputed": 3, "reported": 2,
        "asserted": 1}
_STOP_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "relcl"}
_COMPLEMENT_DEPS = {"ccomp", "xcomp", "dobj", "advcl", "parataxis", "conj", "pcomp", "pobj", "prep",
                    "acomp", "attr", "oprd", "dep"}
_SPEECH_NOUNS = {"statement", "words", "view", "opinion", "report", "announcement", "position",
                 "declaration", "communique", "message", "remarks", "interview", "letter", "tweet"}
_TAGGED_POS = {"VERB", "NOUN", "PROPN", "AUX", "ADJ"}
#: cue kinds that never apply to the word that heads the cue phrase
_SELF_EXEMPT = {"modal", "possibility_noun"}


class ModalityTagger:
    """`realpolitik_modality_v1`: sets token._.rp_modality, rp_modality_cue and rp_speaker."""

    def __init__(self, nlp, kb: KnowledgeBase):
        self.words: dict[str, list[tuple[str, str]]] = defaultdict(list)  # lower -> [(kind, modality)]
        self.reporting: dict[str, str] = {}  # lemma -> modality
        self.negating: dict[str, str] = {}  # "refrain from X", "failed to X": X did not happen
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        multi: dict[str, list[str]] = defaultdict(list)
        for r in kb.table("hedges"):
            text, kind, modality = r["text"], r["kind"], r["modality"]
            if kind == "reporting_verb":
                self.reporting[text] = modality
            elif kind == "negating_verb":
                self.negating[text] = modality
            elif " " in text or "'" in text:
                multi[f"{kind}|{modality}"].append(text)
            else:
                self.words[text].append((kind, modality))
        for key, texts in multi.items():
            self.phrases.add(key, list(nlp.tokenizer.pipe(dict.fromkeys(texts))))

    def __call__(self, doc: Doc) -> Doc:
        phrase_cues: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
        for key_id, start, end in self.phrases(doc):
            kind, modality = doc.vocab.strings[key_id].split("|")
            span = doc[start:end]
            # a phrase headed by its first word ("vowed to", "offer of") qualifies what follows it,
            # not the word itself: the vow or the offer was made
            phrase_cues[span.root.i].append((kind, modality, span.text, span.root.i == start))
        above: dict[int, tuple[str, str | None, int]] = {}  # the walk from a token up, shared by its subtree
        for tok in doc:
            if tok.pos_ in _TAGGED_POS:
                modality, cue, speaker = self.modality(tok, phrase_cues, above)
                # unset means asserted by the author: writing only the rest keeps Docs small and fast
                if modality != "asserted" or speaker != -1:
                    tok._.rp_modality, tok._.rp_modality_cue, tok._.rp_speaker = modality, cue, speaker
        return doc

    def modality(self, tok: Token, phrase_cues: dict, above: dict | None = None) -> tuple[str, str | None, int]:
        """(modality, cue text, speaker token index or -1 for the author) of `tok`'s clause.

        The cues of the word itself, then those met on the walk up to the root. What the walk meets
        above a word does not depend on where the walk started, so it is computed once per word
        and shared through `above` (every word of a clause would otherwise walk the same path)."""
        up = self._above(tok, phrase_cues, {} if above is None else above)
        best, cue, speaker = self._fold(self._cues(tok, None, tok, phrase_cues), *up)
        if speaker != -1 and best == "asserted":
            best = "reported"
        return best, cue, speaker

    def _above(self, node: Token, phrase_cues: dict, memo: dict) -> tuple[str, str | None, int]:
        """The strongest cue and nearest speaker on the walk from `node`'s head up to where the
        walk stops (a subject, a relative or presupposed clause, the root)."""
        path = []
        result: tuple[str, str | None, int] = ("asserted", None, -1)
        while True:
            if node.i in memo:
                result = memo[node.i]
                break
            if node.dep_ in _STOP_DEPS or node.head.i == node.i or _presupposed_clause(node):
                memo[node.i] = result
                break
            path.append(node)
            node = node.head
        for came in reversed(path):  # from the top down: each word's cues come before those above it
            result = self._fold(self._cues(came.head, came, None, phrase_cues), *result)
            memo[came.i] = result
        return result

    @staticmethod
    def _fold(cues, best: str = "asserted", cue: str | None = None, speaker: int = -1):
        """`cues`, met nearer the word, folded before (best, cue, speaker) met further up: the
        strongest cue wins, the nearer one on a tie; the nearest speaker speaks."""
        near_best, near_cue, near_speaker = "asserted", None, -1
        for kind, modality, text in cues:
            if kind == "speaker":
                if near_speaker == -1:
                    near_speaker = modality
                continue
            if RANK.get(modality, 0) > RANK[near_best]:
                near_best, near_cue = modality, text
        if RANK[best] > RANK[near_best]:
            near_best, near_cue = best, cue
        return near_best, near_cue, near_speaker if near_speaker != -1 else speaker

    def _cues(self, node: Token, came: Token | None, tok: Token, phrase_cues: dict):
        """The cues attached to `node`, reached from its child `came` (None for the word itself)."""
        for kind, modality, text, headed in phrase_cues.get(node.i, ()):
            if came is None and (kind == "attribution" or headed and kind in _SELF_EXEMPT):
                continue
            yield kind, modality, text
        if came is not None and node.pos_ in ("VERB", "AUX") and node.lemma_ in self.reporting \
                and came.dep_ in _COMPLEMENT_DEPS:
            modality = self.reporting[node.lemma_]
            yield "reporting_verb", modality, node.text
            # "X said": X speaks; "X is expected to": the writer reports an expectation about X
            subj = next((c for c in node.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                yield "speaker", subj.i, subj.text
                # "an unconfirmed report said", "unverified sources said": the source's own hedge
                for m in subj.children:
                    if m.dep_ in ("amod", "advmod"):
                        for kind, hedged in self.words.get(m.lower_, ()):
                            if kind == "hedge":
                                yield kind, hedged, m.text
        if came is not None and node.lemma_ in self.negating and came.dep_ in ("xcomp", "prep", "pcomp", "ccomp", "dobj"):
            yield "negation", self.negating[node.lemma_], node.text
        for child in node.children:
            if child is came:
                continue
            low = child.lower_
            if child.dep_ in ("nsubj", "nsubjpass", "dobj") and any(g.lower_ == "neither" for g in child.children):
                yield "negation", "negated", "neither"  # "Neither A nor B attacked"
            if child.dep_ == "neg" or (child.dep_ == "det" and low == "no"):
                yield "negation", "negated", child.text
            elif child.dep_ in ("aux", "auxpass", "advmod", "amod", "mark", "det", "prep") or \
                    (child.dep_ == "npadvmod" and node is tok):
                for kind, modality in self.words.get(low, ()):
                    if kind == "purpose" and low == "to":
                        # an infinitive not yet carried out: "to provoke Baku to attack"; a perfect
                        # infinitive ("is said to have sold") looks back at a done act, never a purpose
                        if child.dep_ == "aux" and node.pos_ == "VERB" and node.dep_ in ("xcomp", "advcl", "acl", "ccomp", "relcl", "pcomp") \
                                and not _perfect(node):
                            yield kind, modality, child.text
                    elif kind == "attribution" and child.dep_ == "advmod":
                        # "has reportedly sold": an attributing adverb on the verb itself
                        yield kind, modality, child.text
                    elif kind in ("modal", "negation", "hedge", "condition", "possibility_noun"):
                        if kind == "condition" and child.dep_ != "mark":
                            continue
                        yield kind, modality, child.text
            if child.dep_ == "prep" and child.lower_ == "according":
                pobj = _pobj(child)
                if pobj is not None:
                    yield "attribution", "reported", "according to"
                    yield "speaker", pobj.i, pobj.text
            elif child.dep_ == "prep" and child.lower_ == "in" and came is not None:
                pobj = _pobj(child)
                if pobj is not None and pobj.lemma_ in _SPEECH_NOUNS:
                    yield "attribution", "reported", f"in the {pobj.lemma_} of"
                    owner = _owner(pobj)
                    if owner is not None:
                        yield "speaker", owner.i, owner.text


_PRESUPPOSING_MARKS = {"although", "though", "because", "since", "as", "after", "when", "while",
                       "whereas", "once", "given"}


def _presupposed_clause(node: Token) -> bool:
    """"Although Israel is a supplier, ...": a concessive or causal clause is asserted on its own."""
    return node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _PRESUPPOSING_MARKS
                                        for c in node.children)


def _perfect(verb: Token) -> bool:
    """"to have supplied": an infinitive with the perfect auxiliary."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _pobj(prep: Token) -> Token | None:
    for c in prep.children:
        if c.dep_ == "pobj":
            return c
        if c.dep_ == "prep":  # "according to X"
            return _pobj(c)
    return None


def _owner(noun: Token) -> Token | None:
    """Whose statement: "X's statement", "the statement of X"."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ in ("of", "by"):
            return _pobj(c)
    return None
