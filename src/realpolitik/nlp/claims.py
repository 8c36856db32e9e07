"""Claims: who says what. Reporting verbs, "according to", statements and positions of a speaker,
and the writer's own hedged judgements ("it seems", "can be considered", "the records show").

Cues come from `kb/data/hedges.tsv`; the stance of a claim toward the actors it names is read from
the polarity cues inside its content (negation, conflict and cooperation words of the lexicons).
"""

from __future__ import annotations

import bisect

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..kb import KnowledgeBase
from .args import ActorIndex, child, noun_agent, prep_object

_SPEECH_NOUNS = {"statement", "position", "emphasis", "call", "demand", "warning", "announcement",
                 "declaration", "view", "opinion", "remarks", "words", "insistence", "stance", "assertion",
                 "claim", "denial", "accusation", "appeal", "message", "communique", "proposal"}
_CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "acl", "advcl", "prep", "attr")
#: speech-act verbs whose object is what was said: "condemned the strike", "announced a ceasefire",
#: "described the port as a conduit"; other reporting verbs need a clause ("said that ...")
_OBJECT_CONTENT = {"deny", "reject", "announce", "condemn", "denounce", "emphasize", "emphasise",
                   "stress", "underline", "underscore", "confirm", "describe", "estimate", "welcome",
                   "criticize", "criticise", "dismiss", "refute", "declare", "reiterate", "praise", "note",
                   "highlight"}
#: prepositions that introduce what a speech noun says ("emphasis on", "position in the field of");
#: "for" only after nouns that ask for something ("a call for talks", not "a position for attack")
_TOPIC_PREPS = {"on", "about", "in", "regarding", "concerning", "over", "against"}
_FOR_NOUNS = {"call", "demand", "appeal", "proposal"}
#: pronouns that stand for the last speaker: a person ("he said"), a body ("it said"), either
_PERSON_PRONOUNS = {"he", "she"}
_BODY_PRONOUNS = {"it"}
_ANY_PRONOUNS = {"they"}
_FIRST_PERSON = {"i", "we"}
#: single adverbs by which the writer hedges a clause of their own
_AUTHOR_ADVERBS = {"reportedly", "allegedly", "apparently", "purportedly", "supposedly", "seemingly"}
#: nouns by which a text refers back to a body it has named ("the movement", "the military")
_BODY_NOUNS = {"ministry", "movement", "group", "military", "army", "government", "office", "agency",
               "organization", "organisation", "militia", "service", "council", "committee",
               "department", "command", "administration", "authority", "navy", "party", "guard"}
#: cues and adverbs by which a speaker goes on to a further statement ("added", "went on", "also
#: said", "later said"): a claim so marked is never folded into the one before it
_GOING_ON = {"add", "continue", "on", "also", "later", "earlier", "further", "separately", "again"}
#: the parts of speech whose lemmas tell what a claim is about, and how many lemmas two claims of one
#: speaker must share to be one statement told twice (the writer's summary, then the quotation)
_TOPIC_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
_RESTATED = 3
#: how many sentences may lie between a summary and the quotation that restates it
_RESTATE_GAP = 1
#: how many sentences back a pronoun or a continued quote may reach for its speaker
_SPEAKER_WINDOW = 3
#: words of a speaker's own noun phrase that never describe who the speaker is
_CLAUSES = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "cc"}
_NEGATIVE = {"no", "not", "never", "non", "against", "reject", "oppose", "deny", "threat", "threats",
             "attack", "aggression", "provocation", "war", "conflict", "occupation", "non-acceptance"}
_POSITIVE = {"peace", "peaceful", "dialog", "dialogue", "friendship", "cooperation", "solution",
             "settlement", "stability", "security", "negotiation", "agreement", "support"}


class ClaimExtractor:
    """`realpolitik_claims_v1`: fills doc._.rp_claims."""

    def __init__(self, nlp, kb: KnowledgeBase):
        self.reporting = {r["text"]: r["modality"] for r in kb.table("hedges") if r["kind"] == "reporting_verb"}
        self.agent_nouns = _SPEECH_NOUNS | {r["lemma"] for r in kb.table("predicates") if r["pos"] == "NOUN"}
        # state names and demonyms, for the state named in a speaker's description where the
        # linker left it unlinked ("X, the spokesman for Ukraine's navy")
        self.states: dict[str, str] = {}
        for alias in kb.aliases:
            entity = kb.entity(alias.entity_id)
            if alias.kind in ("name", "alias", "demonym") and entity is not None and entity.type == "state":
                self.states.setdefault(alias.text.lower(), alias.entity_id)
        # the head nouns an organ goes by ("Israeli military", "IDF" -> military, idf), so that "the
        # military said" can be the military the text has just quoted
        self.heads: dict[str, set[str]] = {}
        for alias in kb.aliases:
            if alias.text.split():
                self.heads.setdefault(alias.entity_id, set()).add(alias.text.split()[-1].lower())
        self.author = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.author_modality: dict[str, str] = {}
        for r in kb.table("hedges"):
            # the writer's own voice: hedges and evidentials of more than one word ("it seems",
            # "records show"), and single adverbs that hedge a whole clause ("reportedly"); weak
            # cues ("at least", "up to": figures) and boosters ("of course") are not claims
            note = r.get("note") or ""
            if r["kind"] not in ("hedge", "evidential", "attribution") or "weak" in note or "booster" in note:
                continue
            if (" " in r["text"] and r["kind"] != "attribution") or r["text"] in _AUTHOR_ADVERBS:
                self.author_modality[r["text"]] = r["modality"]
                self.author.add(r["text"], [nlp.make_doc(r["text"])])

    def __call__(self, doc: Doc) -> Doc:
        index = ActorIndex(doc)
        speakers = _Speakers(index, self.states, self.heads)
        claims: list[dict] = []
        for tok in doc:
            if tok.pos_ in ("VERB", "AUX") and _phrasal(tok) in self.reporting:
                self._verb_claim(tok, index, speakers, claims)
            elif tok.lower_ == "according" and tok.dep_ == "prep":
                self._according(tok, index, speakers, claims)
            elif tok.pos_ == "NOUN" and tok.lemma_ in _SPEECH_NOUNS:
                self._noun_claim(tok, index, speakers, claims)
        claims = _drop_nested(claims)
        for key_id, start, end in self.author(doc):
            cue = doc[start:end]
            modality = self.author_modality[doc.vocab.strings[key_id]]
            if any(c["content"][0] <= cue.start_char < c["content"][1] for c in claims):
                continue  # inside someone's reported words: their hedge, not the writer's
            content = _after(cue) if " " in cue.text else _clause_of(cue)
            if content is not None:
                self._add(claims, doc, index, "AUTHOR", None, cue.text, content, cue.sent,
                          modality if modality in ("asserted", "disputed") else "speculative")
        claims = _continue_quotes(doc, claims, index)
        claims = _restatements(doc, claims)
        doc._.rp_claims = _dedupe(claims)
        return doc

    def _verb_claim(self, verb: Token, index: ActorIndex, speakers: "_Speakers", claims: list[dict]) -> None:
        comp = child(verb, "ccomp", "xcomp")
        if comp is None:
            # "said earlier that ...": the parser hangs the clause on the adverb
            comp = next((g for c in verb.children if c.dep_ == "advmod" for g in c.children
                         if g.dep_ == "ccomp"), None)
        if comp is None and verb.lemma_ in _OBJECT_CONTENT:
            obj = child(verb, "dobj")
            comp = obj if obj is not None and index.at(obj) is None else None
        subject = _reporter(verb)
        content = verb.doc[comp.left_edge.i:comp.right_edge.i + 1] if comp is not None else \
            _fronted(verb, subject)
        if content is None:
            return
        speaker = speakers.of(subject, verb)
        if speaker is None:
            return
        if verb.lemma_ == "describe":  # "described the port as a conduit": the object and its "as"
            as_ = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
            if as_ is not None and comp is not None:
                content = verb.doc[min(comp.left_edge.i, as_.i):max(comp.right_edge.i, as_.right_edge.i) + 1]
        modality = self.reporting[_phrasal(verb)]
        modality = "reported" if modality not in ("negated", "disputed") else modality
        self._add(claims, verb.doc, index, speaker[0], speaker[1], verb.text, content, verb.sent, modality,
                  subject=subject, cue_tok=verb)

    def _according(self, tok: Token, index: ActorIndex, speakers: "_Speakers", claims: list[dict]) -> None:
        obj = prep_object(tok, "to", search_dobj=False) or child(tok, "pobj")
        speaker = speakers.of(obj, tok)
        if speaker is None:
            return
        head = tok.head
        skip = {t.i for t in tok.subtree}
        toks = [t for t in head.subtree if t.i not in skip and not t.is_punct]
        if not toks:
            return
        content = tok.doc[toks[0].i:toks[-1].i + 1]
        self._add(claims, tok.doc, index, speaker[0], speaker[1], "according to", content, tok.sent, "reported")

    def _noun_claim(self, noun: Token, index: ActorIndex, speakers: "_Speakers", claims: list[dict]) -> None:
        speaker = noun_agent(noun, index, self.agent_nouns)
        if not speaker:
            return
        doc = noun.doc
        # "the position of X ... that Baku has no interest": the clause is the content; a speech
        # noun with no clause of its own ("the statements of X", "warnings") names a statement
        # without saying what it says, and is no claim
        clause = next((c for c in noun.subtree if c.dep_ in ("acl", "ccomp", "relcl")
                       and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)), None)
        content = None
        if clause is not None:
            content = doc[clause.left_edge.i:clause.right_edge.i + 1]
        elif _topic(noun, index) is not None:  # "emphasis on a peaceful solution"
            content = doc[noun.i:noun.right_edge.i + 1]
        if noun.lemma_ == "statement" and noun.head.lower_ == "in":
            # "In the statement of X, <clause>": the clause the phrase introduces
            clause_head = noun.head.head
            skip = {t.i for t in noun.head.subtree}
            toks = [t for t in clause_head.subtree if t.i not in skip and not t.is_punct]
            if toks:
                content = doc[toks[0].i:toks[-1].i + 1]
        if content is None:
            return
        actor = speaker[0]._.rp_actor
        self._add(claims, doc, index, actor, speakers.country(speaker[0]), noun.text, content, noun.sent,
                  "reported")

    def _add(self, claims, doc, index, speaker, country, cue, content: Span, sent: Span, modality,
             subject: Token | None = None, cue_tok: Token | None = None) -> None:
        claims.append({
            "speaker": speaker, "speaker_country": country if speaker != "AUTHOR" else None,
            "cue": cue, "content": (content.start_char, content.end_char), "modality": modality,
            "stance": _stance(content, index, speaker), "evidence": (sent.start_char, sent.end_char),
            "first_person": subject is not None and subject.lower_ in _FIRST_PERSON,
            "goes_on": cue_tok is not None and _goes_on(cue_tok, subject),
        })


class _Speakers:
    """Who a reporting verb's subject is: a named actor, a pronoun or a definite description standing
    for the last speaker ("he added", "the ministry said"), with the speaker's state read from the
    description the text gives of them ("the ministry's spokesman X", "X, the spokesman for Y's army").
    """

    def __init__(self, index: ActorIndex, states: dict[str, str], heads: dict[str, set[str]] | None = None):
        self.index = index
        self.states = states
        self.heads = heads or {}
        self.doc = index.doc
        self.history: list[tuple[int, str, Span]] = []  # (sentence start, actor id, mention)
        self._memo: dict[str, str | None] = {}
        self._narrative: dict[int, bool] | None = None
        # "the Philippine Coast Guard (PCG)": the abbreviation a text defines for an actor
        self.acronyms: dict[str, Span] = {}
        doc = self.doc
        for span in index._spans:
            e = span.end
            if e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")" and doc[e + 1].is_upper \
                    and len(doc[e + 1].text) >= 2:
                self.acronyms.setdefault(doc[e + 1].text, span)

    def of(self, tok: Token | None, cue: Token) -> tuple[str, str | None] | None:
        """(actor id, country) of the speaker the token `tok` names, or None."""
        if tok is None:
            return None
        span = self._resolve(tok, cue)
        if span is None:
            return None
        self.history.append((cue.sent.start, span._.rp_actor, span))
        return span._.rp_actor, self.country(span)

    def _resolve(self, tok: Token, cue: Token) -> Span | None:
        low = tok.lower_
        if tok.pos_ == "PRON" and low in _PERSON_PRONOUNS | _BODY_PRONOUNS | _ANY_PRONOUNS:
            last = self._last(cue, person=True if low in _PERSON_PRONOUNS else
                              False if low in _BODY_PRONOUNS else None)
            if last is not None:
                return last
            found = self.index.actor_of(tok)
            # no speaker before it: the linker's reading of the pronoun, a person for "he"
            if found and (low not in _PERSON_PRONOUNS or self.index.type(found[0]._.rp_actor) == "person"):
                return found[0]
            return None
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in _BODY_NOUNS and \
                [(c.dep_, c.lower_) for c in tok.children] == [("det", "the")]:
            # "The IDF said ... The military said": a bare "the military" in the subject is the body
            # the text is quoting, when it goes by that noun, before any other body of that kind
            noun = tok.lemma_.lower()
            last = self._last(cue, person=False, fits=lambda span: self.index.country(span._.rp_actor) and (
                noun == span.root.lemma_.lower() or noun in self.heads.get(span._.rp_actor, ())))
            if last is not None:
                return last
        found = self.index.actor_of(tok)
        if found:
            return found[0]
        if tok.lemma_ in _SPEECH_NOUNS | {"report"}:
            # "reports from the army confirmed", "a statement by the ministry said"
            for prep in ("from", "by"):
                found = self.index.actor_of(prep_object(tok, prep, search_dobj=False))
                if found:
                    return found[0]
        if tok.pos_ == "NOUN":
            if tok.lemma_ in _SPEECH_NOUNS:  # "the statement said": whoever made it
                return self._last(cue, person=None)
            found = self._antecedent(tok)
            if found is None and tok.lemma_.lower() in _BODY_NOUNS and \
                    any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
                # "the movement said", "the military said" with no name of that shape before: the
                # body that spoke last
                found = self._last(cue, person=False)
            return found
        return None

    def _last(self, cue: Token, *, person: bool | None, fits=None) -> Span | None:
        """The most recent speaker within a few sentences (sentences of a long quotation not
        counted: `"...  ...  ...", he said` is still the last speaker's): a person, a body, or either."""
        if self._narrative is None:
            sents, opened, closes, _ = _quotes(self.doc)
            self._narrative = {s.start: not (opened[k] or s.text.lstrip()[:1] in ("“", '"') and not closes[k])
                               for k, s in enumerate(sents)}
        sents = [start for start, narrative in self._narrative.items()
                 if start <= cue.sent.start and (narrative or start == cue.sent.start)][-(_SPEAKER_WINDOW + 1):]
        sents = [start for start in self._narrative if start >= sents[0] and start <= cue.sent.start]
        for sent_start, actor, span in reversed(self.history):
            if sent_start not in sents:
                break
            is_person = self.index.type(actor) == "person"
            if (person is None or person == is_person) and (fits is None or fits(span)):
                return span
        return None

    def _antecedent(self, tok: Token, *, definite: bool = True) -> Span | None:
        """"the ministry said", "another official said": the nearest actor named before with the same
        head noun ("Russia's Defence Ministry", "a US official"). Inside a speaker's description
        ("ministry's spokesman X") a bare noun refers back as well (`definite=False`)."""
        if definite and not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "another") for c in tok.children):
            return None
        for span in sorted(self.index._spans, key=lambda s: -s.start):
            if span.start < tok.i and span.root.lemma_.lower() == tok.lemma_.lower():
                return span
        # "a US official said ... another official said": a description with the same head noun
        for t in reversed(self.doc[:tok.i]):
            if t.lemma_.lower() == tok.lemma_.lower() and t.pos_ == "NOUN":
                found = self.index.actor_of(t)
                if found:
                    return found[0]
        return None

    def country(self, span: Span, depth: int = 2) -> str | None:
        """The speaker's state: the actor's own, or the one its description names."""
        actor = span._.rp_actor
        own = self.index.country(actor)
        if own is not None:
            return own
        if actor in self._memo and self._memo[actor] is not None:
            return self._memo[actor]
        found = self._described(span, depth)
        if found is None:
            # the same actor described at another mention ("Lieutenant General X of the Russian
            # army" first, "X said" later)
            for other in self.index._spans:
                if other is not span and (other._.rp_actor == actor or self._same_person(span, other)):
                    found = self._described(other, depth)
                    if found is not None:
                        break
        if found is None and self.index.type(actor) not in ("person", "state", None):
            # "The Ministry of Defence announced ... The ministry said": a body the text names without
            # its state is the one its later short references stand for, as the linker reads them
            head = span.root.lemma_.lower()
            found = next((self.index.country(o._.rp_actor) for o in self.index._spans
                          if o.start > span.start and o._.rp_actor != actor and len(o) <= 2
                          and o.root.lemma_.lower() == head and head in _BODY_NOUNS
                          and self.index.country(o._.rp_actor)), None)
        self._memo[actor] = found
        return found

    def _same_person(self, span: Span, other: Span) -> bool:
        """"Saree" and "Yahya Saree": a surname the linker kept apart from the full name."""
        if self.index.type(span._.rp_actor) != "person" or self.index.type(other._.rp_actor) != "person":
            return False
        a, b = span.text.split(), other.text.split()
        if len(a) == len(b) or min(len(a), len(b)) != 1:
            return False
        short, full = (a, b) if len(a) == 1 else (b, a)
        # the surname, last in most names and first in Chinese, Korean, Vietnamese ones
        return short[0] in (full[-1], full[0])

    def _state_named(self, tok: Token) -> str | None:
        """The state a name or demonym the linker left unlinked stands for ("Ukraine", "Yemeni")."""
        ent = next((e for e in self.doc.ents if e.start <= tok.i < e.end and e.label_ in ("GPE", "NORP")), None)
        for text in ([ent.text] if ent is not None else []) + [tok.text]:
            found = self.states.get(text.lower())
            if found:
                return found
        return None

    def _described(self, span: Span, depth: int) -> str | None:
        """The state named in the noun phrase around a mention: its possessor, modifiers and
        apposition, not its relative clauses ("X, who visited Iran, said" says nothing of X)."""
        if depth <= 0:
            return None
        root = span.root
        top = root.head if root.dep_ in ("appos", "compound") and root.head.i != root.i else root
        if top.dep_ == "poss" and top.head.i != top.i:  # "ministry's spokesman X" read as a possessor
            top = top.head
        words = []
        stack = [top]
        # "Senior Houthi official X posted": the parser makes the title a second subject
        stack += [c for c in top.head.children if c.dep_ == top.dep_ and c.i < span.start
                  and c.right_edge.i == span.start - 1] if top.dep_ in ("nsubj", "nsubjpass") else []
        while stack:
            t = stack.pop()
            if span.start <= t.i < span.end:
                stack.extend(c for c in t.children if c.dep_ not in _CLAUSES)
                continue
            words.append(t)
            stack.extend(c for c in t.children if c.dep_ not in _CLAUSES)
        for t in sorted(words, key=lambda t: t.i):
            other = self.index.at(t)
            if other is not None and other._.rp_actor != span._.rp_actor:
                if self.index.type(other._.rp_actor) == "location" and other.root.dep_ not in ("compound", "poss"):
                    # a place says where someone is ("a reporter in Moscow"), not whom they serve;
                    # a place that names an office does ("the Kharkiv police", "Donetsk's governor")
                    continue
                country = self.index.country(other._.rp_actor)
                if country is None and other.text in self.acronyms:
                    country = self.index.country(self.acronyms[other.text]._.rp_actor)
                if country is None and self.index.type(other._.rp_actor) != "person":
                    country = self._described(other, depth - 1)
                if country is not None:
                    return country
            elif other is None and t.text in self.acronyms and self.index.country(self.acronyms[t.text]._.rp_actor):
                return self.index.country(self.acronyms[t.text]._.rp_actor)  # "the PCG spokesperson"
            elif other is None and t.pos_ in ("PROPN", "ADJ") and self._state_named(t):
                return self._state_named(t)
            elif other is None and t.pos_ == "NOUN":
                ante = self._antecedent(t, definite=False)  # "the ministry's spokesman": that ministry's state
                if ante is not None and ante._.rp_actor != span._.rp_actor:
                    country = self.index.country(ante._.rp_actor) or self._described(ante, depth - 1)
                    if country is not None:
                        return country
        return None


def _topic(noun: Token, index: ActorIndex) -> Token | None:
    """What a speech noun is about, when the phrase says it: "emphasis on X", "position in the field
    of X", "a call for X"; never the speaker's own "of" phrase ("the statements of the ministry")."""
    for c in noun.children:
        if c.dep_ != "prep":
            continue
        pobj = child(c, "pobj", "pcomp")
        if pobj is None or index.at(pobj) is not None:
            continue  # "a statement in Moscow", "a warning to Iran": a place or an addressee
        if c.lower_ == "in" and noun.tag_ != "NN":
            continue  # "positions of the units in the north": places held, not a stance
        if c.lower_ in _TOPIC_PREPS or c.lower_ == "for" and noun.lemma_ in _FOR_NOUNS:
            return pobj
    return None


def _reporter(verb: Token) -> Token | None:
    """The one who speaks: the verb's subject, the agent of a passive ("it was announced by X"), or,
    for a participle or conjunct ("claimed the attack, saying ...", "said ... and added"), the
    subject of the verb it hangs on."""
    # "ISTANBUL (Reuters) - Russia said", "Senior official X said": of two subjects the parser
    # gives, the one next to the verb
    subj = max((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), key=lambda c: c.i, default=None) \
        or child(verb, "nsubj")
    if subj is not None:
        return subj
    agent = child(verb, "agent")
    if agent is not None:
        return child(agent, "pobj")
    for c in verb.children:
        # "Sobyanin later said": the parser reads the name before an adverb as the adverb's modifier
        if c.i < verb.i and c.dep_ in ("advmod", "npadvmod") and c.pos_ in ("PROPN", "NOUN"):
            return c
        if c.i < verb.i and c.dep_ == "advmod":
            name = next((g for g in c.children if g.i < c.i and g.pos_ == "PROPN" and g.dep_ in ("advmod", "npadvmod")), None)
            if name is not None:
                return name
    if verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX") \
            and child(verb, "nsubjpass") is None and (verb.dep_ != "advcl" or verb.tag_ == "VBG"):
        return _reporter(verb.head)
    return None


def _phrasal(verb: Token) -> str:
    """The lexicon key of a verb: "point out", "go on" with their particle, else the lemma."""
    prt = next((c for c in verb.children if c.dep_ == "prt"), None)
    return f"{verb.lemma_} {prt.lower_}" if prt is not None else verb.lemma_


def _fronted(verb: Token, subject: Token | None) -> Span | None:
    """"<clause>, X said.", '"<quote>," X said': what a reporting clause at the end of a sentence
    reports, when the parser did not make it the verb's complement. Only a clause (a verb in it)
    before a comma or a closing quotation mark, with the subject and verb after it."""
    if subject is None or subject.i > verb.i or verb.dep_ not in ("ROOT", "conj", "parataxis"):
        return None
    sent = verb.sent
    first = subject.left_edge.i
    end = first
    while end > sent.start and (verb.doc[end - 1].is_punct or verb.doc[end - 1].is_space):
        end -= 1
    gap = verb.doc[end:first]
    if not any(t.text in (",", "”", '"') for t in gap):
        return None
    start = sent.start
    while start < end and (verb.doc[start].is_punct or verb.doc[start].is_space):
        start += 1
    content = verb.doc[start:end]
    if len(content) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in content):
        return None
    return content


def _clause_of(cue: Span) -> Span | None:
    """The clause a hedging adverb sits in: "X has reportedly sent Y" -> the whole clause."""
    head = cue.root.head
    if head.pos_ not in ("VERB", "AUX"):
        return None
    toks = [t for t in head.subtree if not t.is_punct]
    return cue.doc[toks[0].i:toks[-1].i + 1] if toks else None


def _drop_nested(claims: list[dict]) -> list[dict]:
    """A claim inside another's reported words by the same speaker, in the first person ("He
    added: 'I call on ...'"), or by the state the outer speaker speaks for ("Iran stresses X, the
    Iranian spokesman said"), is part of that statement, not a second one."""
    out = []
    for c in claims:
        inside = [o for o in claims if o is not c and o["content"][0] <= c["content"][0]
                  and c["content"][1] <= o["content"][1] and o["content"] != c["content"]
                  and o["evidence"] == c["evidence"]]
        if any(c["first_person"] or c["speaker"] in (o["speaker"], o["speaker_country"]) for o in inside):
            continue
        out.append(c)
    return out


def _quotes(doc: Doc) -> tuple[list[Span], list[bool], list[bool], list[bool]]:
    """The sentences, whether a quotation is open where each starts, and whether all quotations
    are closed where each ends. A closing mark the sentencizer put at the head of the next sentence
    (`... response.` / `" Since ...`) closes the sentence before."""
    sents = list(doc.sents)
    opened, closes, lead = [], [], []
    open_ = False
    for s in sents:
        body = s.text.strip()
        lead.append(bool(open_ and body[:1] in ("”", '"') and closes))
        if lead[-1]:
            closes[-1], open_ = True, False
            body = body[1:]
        opened.append(open_)
        for ch in body:
            if ch in "“”\"":
                open_ = (ch == "“") or (ch == '"' and not open_)
        closes.append(not open_)
    return sents, opened, closes, lead


def _continue_quotes(doc: Doc, claims: list[dict], index: ActorIndex) -> list[dict]:
    """Quotations without a reporting verb of their own belong to the speaker the text just quoted.

    A quotation that runs over several sentences is one statement: a sentence inside it, with no
    claim of its own, extends the evidence of the claim in the sentence that opens or closes it.
    A quotation that opens and closes within a sentence of its own, right after a sentence quoting
    someone in the same paragraph, resumes that quotation (`"...", he said. "..."`): the same statement.
    """
    by_sent = {c["evidence"]: c for c in claims if c["speaker"] != "AUTHOR"}
    sents, opened, closes, lead = _quotes(doc)
    out = list(claims)
    for k, s in enumerate(sents):
        span = (s.start_char, s.end_char)
        body = s.text.strip()
        if span in by_sent or not body:
            continue
        if lead[k]:
            body = body[1:].strip()  # the previous sentence's closing mark
            if not body:
                continue
        starts_quoted = opened[k] or body[0] in "“\""
        ends_quoted = not closes[k] or body[-1] in "”\"" or (k + 1 < len(sents) and lead[k + 1])
        if not (starts_quoted and ends_quoted):
            continue
        owner = None
        if opened[k] or not closes[k]:
            # the same quotation: forward to the sentence that closes it, back to the one opening it
            for j in range(k + 1, min(k + 12, len(sents))):
                owner = by_sent.get((sents[j].start_char, sents[j].end_char))
                if owner is not None or closes[j]:
                    break
            j = k
            while owner is None and j > 0 and opened[j] and k - j < 3:
                j -= 1
                owner = by_sent.get((sents[j].start_char, sents[j].end_char))
            if owner is not None:
                lo, hi = owner["evidence"]
                owner["evidence"] = (min(lo, span[0]), max(hi, span[1]))
            continue
        prev = sents[k - 1] if k else None
        owner = by_sent.get((prev.start_char, prev.end_char)) if prev is not None else None
        if owner is None or "\n" in doc.text[prev.end_char:s.start_char]:
            continue
        # `"...," she said. "..."`: the quotation resumes after the attribution that interrupts it,
        # so it is the same statement; its evidence reaches over the resumed quotation
        lo, hi = owner["evidence"]
        owner["evidence"] = (min(lo, span[0]), max(hi, span[1]))
    return out


def _goes_on(cue: Token, subject: Token | None) -> bool:
    """Whether a reporting verb marks a further statement: "added", "went on", "also said", "earlier
    today X announced", or another speaker of the same kind ("another official said")."""
    if cue.lemma_ in _GOING_ON:
        return True
    if any(c.dep_ in ("advmod", "npadvmod", "prt") and any(t.lower_ in _GOING_ON for t in c.subtree)
           for c in cue.children):
        return True
    return subject is not None and any(c.dep_ == "det" and c.lower_ in ("another", "other")
                                       for c in subject.children)


def _restatements(doc: Doc, claims: list[dict]) -> list[dict]:
    """A statement told twice is one claim: the writer's summary of what a speaker said, then the
    speaker's own words ("X said the talks had failed." / '"The talks have failed," he said.').

    A claim is folded into the one before it when nothing else is claimed between them (at most
    `_RESTATE_GAP` sentences apart), the speaker is the same actor or of the same state, the cue does
    not mark a further statement (`_GOING_ON`), and the two contents share at least `_RESTATED`
    content lemmas: without that overlap, consecutive claims of one speaker are distinct statements.
    """
    sent_of = {t.idx: k for k, s in enumerate(doc.sents) for t in s}
    starts = sorted(sent_of)

    def sent_at(char: int) -> int:
        return sent_of[starts[max(0, bisect.bisect_right(starts, char) - 1)]]

    def lemmas(c: dict) -> set[str]:
        span = doc.char_span(*c["content"], alignment_mode="expand")
        return {t.lemma_.lower() for t in span or () if t.pos_ in _TOPIC_POS and not t.is_stop
                and len(t.text) > 1} if span is not None else set()

    voiced = sorted((c for c in claims if c["speaker"] != "AUTHOR"), key=lambda c: c["evidence"])
    folded: set[int] = set()
    last, topic = None, set()
    for c in voiced:
        words = lemmas(c)
        if last is not None and not c["goes_on"] and c["modality"] == last["modality"] \
                and (c["speaker"] == last["speaker"] or c["speaker_country"] is not None
                     and c["speaker_country"] == last["speaker_country"]) \
                and 0 <= sent_at(c["evidence"][0]) - sent_at(last["evidence"][1] - 1) <= _RESTATE_GAP + 1 \
                and len(words & topic) >= _RESTATED:
            last["evidence"] = (min(last["evidence"][0], c["evidence"][0]), max(last["evidence"][1], c["evidence"][1]))
            topic |= words
            folded.add(id(c))
            continue
        last, topic = c, words
    return [c for c in claims if id(c) not in folded]


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
    """One claim per speaker and sentence: two reporting cues of one speaker in one sentence ("it
    reiterated X and said Y", '"...," the ministry said in its statement') voice one statement,
    told with the widest content either cue gives."""
    out: list[dict] = []
    seen: dict[tuple, dict] = {}
    for c in claims:
        c.pop("first_person", None)
        c.pop("goes_on", None)
        key = (c["speaker"], c["evidence"], c["modality"])
        kept = seen.get(key)
        if kept is None:
            seen[key] = c
            out.append(c)
        elif c["content"][1] - c["content"][0] > kept["content"][1] - kept["content"][0]:
            kept.update({k: c[k] for k in ("cue", "content", "stance")})
    for i, c in enumerate(out, 1):
        c["id"] = f"c{i}"
    return out
