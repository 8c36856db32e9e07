"""Claims: who says what. Reporting verbs, "according to", statements and positions of a speaker,
and the writer's own hedged judgements ("it seems", "can be considered", "the records show").

Cues come from `kb/data/hedges.tsv`; the stance of a claim toward the actors it names is read from
the polarity cues inside its content (negation, conflict and cooperation words of the lexicons).
"""

from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..kb import KnowledgeBase
from .args import ActorIndex, child, noun_agent, prep_object

_SPEECH_NOUNS = {"statement", "position", "emphasis", "call", "demand", "warning", "announcement",
                 "declaration", "view", "opinion", "remarks", "words", "insistence", "stance", "assertion",
                 "claim", "denial", "accusation", "appeal", "message", "communique", "proposal"}
_CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "acl", "advcl", "prep", "attr")
_NEGATIVE = {"no", "not", "never", "non", "against", "reject", "oppose", "deny", "threat", "threats",
             "attack", "aggression", "provocation", "war", "conflict", "occupation", "non-acceptance"}
_POSITIVE = {"peace", "peaceful", "dialog", "dialogue", "friendship", "cooperation", "solution",
             "settlement", "stability", "security", "negotiation", "agreement", "support"}


class ClaimExtractor:
    """`realpolitik_claims_v1`: fills doc._.rp_claims."""

    def __init__(self, nlp, kb: KnowledgeBase):
        self.reporting = {r["text"]: r["modality"] for r in kb.table("hedges") if r["kind"] == "reporting_verb"}
        self.agent_nouns = _SPEECH_NOUNS | {r["lemma"] for r in kb.table("predicates") if r["pos"] == "NOUN"}
        self.author = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.author_modality: dict[str, str] = {}
        for r in kb.table("hedges"):
            if r["kind"] in ("hedge", "evidential") and " " in r["text"]:
                self.author_modality[r["text"]] = r["modality"]
                self.author.add(r["text"], [nlp.make_doc(r["text"])])

    def __call__(self, doc: Doc) -> Doc:
        index = ActorIndex(doc)
        claims: list[dict] = []
        for tok in doc:
            if tok.pos_ in ("VERB", "AUX") and tok.lemma_ in self.reporting:
                self._verb_claim(tok, index, claims)
            elif tok.lower_ == "according" and tok.dep_ == "prep":
                self._according(tok, index, claims)
            elif tok.pos_ == "NOUN" and tok.lemma_ in _SPEECH_NOUNS:
                self._noun_claim(tok, index, claims)
        for key_id, start, end in self.author(doc):
            cue = doc[start:end]
            modality = self.author_modality[doc.vocab.strings[key_id]]
            content = _after(cue)
            if content is not None:
                self._add(claims, doc, index, "AUTHOR", cue.text, content, cue.sent,
                          "asserted" if modality == "asserted" else "speculative")
        doc._.rp_claims = _dedupe(claims)
        return doc

    def _verb_claim(self, verb: Token, index: ActorIndex, claims: list[dict]) -> None:
        comp = child(verb, "ccomp", "xcomp") or (child(verb, "dobj") if verb.lemma_ in ("deny", "reject") else None)
        speaker = index.actor_of(child(verb, "nsubj"))
        if comp is None or not speaker:
            return
        content = verb.doc[comp.left_edge.i:comp.right_edge.i + 1]
        modality = self.reporting[verb.lemma_]
        modality = "reported" if modality not in ("negated", "disputed") else modality
        self._add(claims, verb.doc, index, speaker[0]._.rp_actor, verb.text, content, verb.sent, modality)

    def _according(self, tok: Token, index: ActorIndex, claims: list[dict]) -> None:
        obj = prep_object(tok, "to", search_dobj=False) or child(tok, "pobj")
        speaker = index.actor_of(obj)
        if not speaker:
            return
        head = tok.head
        skip = {t.i for t in tok.subtree}
        toks = [t for t in head.subtree if t.i not in skip and not t.is_punct]
        if not toks:
            return
        content = tok.doc[toks[0].i:toks[-1].i + 1]
        self._add(claims, tok.doc, index, speaker[0]._.rp_actor, "according to", content, tok.sent, "reported")

    def _noun_claim(self, noun: Token, index: ActorIndex, claims: list[dict]) -> None:
        speaker = noun_agent(noun, index, self.agent_nouns)
        if not speaker:
            return
        doc = noun.doc
        # "the position of X ... that Baku has no interest": the clause is the content
        clause = next((c for c in noun.subtree if c.dep_ in ("acl", "ccomp", "relcl")
                       and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)), None)
        if clause is not None:
            content = doc[clause.left_edge.i:clause.right_edge.i + 1]
        else:
            content = doc[noun.i:noun.right_edge.i + 1]
        if noun.lemma_ == "statement" and noun.head.lower_ == "in":
            # "In the statement of X, <clause>": the clause the phrase introduces
            clause_head = noun.head.head
            skip = {t.i for t in noun.head.subtree}
            toks = [t for t in clause_head.subtree if t.i not in skip and not t.is_punct]
            if toks:
                content = doc[toks[0].i:toks[-1].i + 1]
        self._add(claims, doc, index, speaker[0]._.rp_actor, noun.text, content, noun.sent, "reported")

    def _add(self, claims, doc, index, speaker, cue, content: Span, sent: Span, modality) -> None:
        claims.append({
            "speaker": speaker, "speaker_country": index.country(speaker) if speaker != "AUTHOR" else None,
            "cue": cue, "content": (content.start_char, content.end_char), "modality": modality,
            "stance": _stance(content, index, speaker), "evidence": (sent.start_char, sent.end_char),
        })


def _after(cue: Span) -> Span | None:
    """The clause a hedge introduces: "It seems that <X>", "<X> can be considered as ..."."""
    doc = cue.doc
    sent = cue.sent
    if cue.end < sent.end - 2 and cue.start <= sent.start + 2:
        start = cue.end + (1 if doc[cue.end].lower_ == "that" else 0)
        return doc[start:sent.end]
    return doc[sent.start:cue.start] if cue.start > sent.start else None


def _stance(content: Span, index: ActorIndex, speaker: str) -> list[dict]:
    """Polarity toward each actor the content names: net count of negative vs positive cues."""
    words = [t.lower_ for t in content]
    neg = sum(w in _NEGATIVE for w in words)
    pos = sum(w in _POSITIVE for w in words)
    if neg == pos == 0:
        return []
    polarity = round(max(-1.0, min(1.0, (pos - neg) / (pos + neg))), 2)
    out, seen = [], set()
    for t in content:
        span = index.at(t)
        if span is not None and span._.rp_actor not in seen and span._.rp_actor != speaker:
            seen.add(span._.rp_actor)
            out.append({"toward": span._.rp_actor, "polarity": polarity})
    return out


def _dedupe(claims: list[dict]) -> list[dict]:
    out, seen = [], set()
    for c in claims:
        key = (c["speaker"], c["content"])
        if key not in seen:
            seen.add(key)
            out.append(c)
    for i, c in enumerate(out, 1):
        c["id"] = f"c{i}"
    return out
