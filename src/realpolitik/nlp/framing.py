"""Framing: loaded wording, the actor it targets, and whose words they are.

Labels that name a state without its name ("Zionist regime", "Kyiv regime") come from the actor
stage; loaded words from `kb/data/framing.tsv` (SemEval-2020 Task 11 techniques); rows marked
`weak` (words common in neutral reporting) count only with a degree word in front ("deeply
corrupt"). A strong degree word on any adjective ("utterly wrong") is loaded too. Each hit
grows to its phrase by the parse (adjective + noun, adverb + word, label + modifiers). Official
names are never labels. Words inside
quotation marks are the quoted speaker's, not the writer's; so are the words of reported speech
outside them (a claim's content, a sentence a speech verb heads, a paragraph closed by "..., X
said"), and a speaker's loaded words are never aimed at the speaker's own side. A state's name,
demonym or capital before a label head ("regime", "occupiers", "junta" ...) is name calling of
that state, for every state alike. Rows noted `event noun` ("massacre",
"persecution") do not count where they name a particular event or topic ("the Las Vegas massacre",
"persecution of Christians"); a sentence repeated word for word counts once, and the same loaded
phrase at most `_REPEAT_CAP` times a text (labels for an actor every time); a line printed more
than once (a poll, a sign-up box) counts not at all. A per-actor slant
summary follows.
"""

from __future__ import annotations

from collections import Counter

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..kb import KnowledgeBase, norm
from .args import ActorIndex, child
from .extensions import ACTOR_SPANS, WEAPON_SPANS

_OPEN_QUOTES = {'"', "“", "«", "‘"}
_CLOSE_QUOTES = {'"', "”", "»", "’"}


class FramingDetector:
    """`realpolitik_framing_v1`: fills doc._.rp_framing and doc._.rp_slant."""

    def __init__(self, nlp, kb: KnowledgeBase, *, include_weak: bool = False):
        self.kb = kb
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.weak_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.prefixes: list[tuple[str, str]] = []
        #: nouns for events ("massacre", "persecution") loaded only when not naming a particular event
        self.event_nouns = {norm(r["text"]) for r in kb.table("framing") if "event noun" in r.get("note", "")}
        by_technique: dict[str, list[str]] = {}
        weak: dict[str, list[str]] = {}
        #: nouns for people and groups (`match` = person) and the role titles: an evaluative phrase
        #: about them labels them ("a despotic leader", "corrupt priests") and is name calling
        self.people = {norm(r["text"]) for r in kb.table("framing") if r.get("match") == "person"} \
            | {norm(r["text"]) for r in kb.table("roles")}
        #: heads that make a label of any state's name, demonym or capital in front ("the Chadian
        #: regime", "Lisbon's henchmen" aside: "Peruvian occupiers"), the same for every state
        self.state_heads = PhraseMatcher(nlp.vocab, attr="LOWER")
        heads: dict[str, list[str]] = {}
        #: heads whose possessor is the one labelled ("Chile's proxies"); not "Chile's occupiers",
        #: "Chile's enemy", where the possessor is the victim
        self.possessive_heads, self.victim_heads = set(), set()
        for r in kb.table("framing"):
            if r.get("match") == "state label":
                heads.setdefault(r["technique"], []).append(r["text"])
                (self.possessive_heads if "possessive" in r.get("note", "") else self.victim_heads).add(norm(r["text"]))
        for technique, texts in heads.items():
            self.state_heads.add(technique, list(nlp.tokenizer.pipe(dict.fromkeys(texts))))
        #: every state's names, demonyms and capitals, case as written (so "turkey" or "chad" as a
        #: common word is not a state), each with the states it may stand for
        self.state_words = PhraseMatcher(nlp.vocab, attr="ORTH")
        by_text: dict[str, set[str]] = {}
        for a in kb.aliases:
            e = kb.entity(a.entity_id)
            if e is not None and e.type == "state" and a.kind in ("name", "alias", "demonym", "metonym"):
                by_text.setdefault(a.text, set()).add(e.id)
        self.state_of = {t: ids for t, ids in by_text.items()}
        for t in by_text:
            self.state_words.add(t, [nlp.make_doc(t)])
        #: nouns for weapons and aircraft (`weapon_generic.tsv`, last word, singular too): "shot down"
        #: or "a barrage of" said of them is the plain report of a weapon's use, not a figure of speech
        self.weapon_words = {w for r in kb.table("weapon_generic") for w in
                             (r["text"].split()[-1].lower(), r["text"].split()[-1].lower().rstrip("s"))}
        #: verbs that report speech ("said", "condemned", "stressed"): a loaded word in the clause they
        #: head, outside their subject, is the subject's
        self.reporting = {r["text"] for r in kb.table("hedges") if r.get("kind") == "reporting_verb"}
        for r in kb.table("framing"):
            if r.get("match") in ("person", "state label"):
                continue  # not a cue by itself
            if "weak" in r.get("note", "") and not include_weak:
                weak.setdefault(r["technique"], []).append(r["text"])
                continue
            if r.get("match") == "prefix":
                self.prefixes.append((r["text"], r["technique"]))
            else:
                by_technique.setdefault(r["technique"], []).append(r["text"])
        for technique, texts in by_technique.items():
            self.matcher.add(technique, list(nlp.tokenizer.pipe(dict.fromkeys(texts))))
        for technique, texts in weak.items():
            self.weak_matcher.add(technique, list(nlp.tokenizer.pipe(dict.fromkeys(texts))))

    def __call__(self, doc: Doc) -> Doc:
        index = ActorIndex(doc)
        quoted = _quoted_tokens(doc)
        self._reported = self._reported_speech(doc, index)
        spans: list[dict] = []
        label_tokens = set()
        for m in doc.spans.get(ACTOR_SPANS, []):
            if m._.rp_kind == "label":
                technique = self.kb.label_techniques.get(norm(m.text))
                if technique:
                    spans.append(self._span(doc, m.start, m.end, technique, m._.rp_actor, index, quoted))
                    label_tokens.update(range(m.start, m.end))
        for technique, start, end, target in self._state_labels(doc, index):
            spans.append(self._span(doc, start, end, technique, target, index, quoted))
            label_tokens.update(range(start, end))
        hits = [(doc.vocab.strings[k], s, e) for k, s, e in self.matcher(doc)]
        hits += [(tech, t.i, t.i + 1) for t in doc for pre, tech in self.prefixes if t.lower_.startswith(pre)]
        hits += [(doc.vocab.strings[k], s, e) for k, s, e in self.weak_matcher(doc)
                 if _supported(doc[s:e])]
        repeated = _repeated_sentences(doc)
        weapon_tokens = {i for w in doc.spans.get(WEAPON_SPANS, []) for i in range(w.start, w.end)}
        hits += _patterns(doc)
        actor_tokens = {i for m in doc.spans.get(ACTOR_SPANS, []) if m._.rp_kind != "label"
                        for i in range(m.start, m.end)}
        for technique, start, end in sorted(hits, key=lambda h: (h[1], -(h[2] - h[1]))):
            toks = set(range(start, end))
            if toks & label_tokens or toks & actor_tokens:
                continue  # official names and labels already coded are not loaded words
            if start in repeated:
                continue  # a sentence printed again (a poll, a caption, a sign-up box) loads nothing new
            if norm(doc[start:end].text) in self.event_nouns and _names_event(doc[start:end]):
                continue
            if self._about_weapons(doc[start:end], weapon_tokens):
                continue  # "shot down two drones", "a barrage of rockets": literal, not loaded  # "the Las Vegas massacre", "persecution of Christians": a report, not a charge
            target = self._target(doc[start:end], index)
            start, end = _phrase(doc, start, end, technique, label_tokens)  # names may be inside
            if technique == "loaded_language" and self._about_people(doc[start:end]):
                technique = "name_calling"
            spans.append(self._span(doc, start, end, technique, target, index, quoted))
        labels = {doc[i].idx for i in label_tokens}
        doc._.rp_framing = _first_uses(_dedupe(spans), labels)
        doc._.rp_slant = _slant(doc, doc._.rp_framing)
        return doc

    def _state_labels(self, doc: Doc, index: ActorIndex) -> list[tuple[str, int, int, str]]:
        """A state's name, demonym or capital right before a label head, or its possessive ("the
        Peruvian junta", "Chile's henchmen"): name calling of that state,
        alike for every state of the knowledge base. "Regime change" is a policy, not a label."""
        heads = {s: (doc.vocab.strings[k], e) for k, s, e in self.state_heads(doc)}
        out = []
        for key, s, e in self.state_words(doc):
            after = e + 1 if e < len(doc) and doc[e].tag_ == "POS" else e  # "Russia's proxies"
            if after not in heads:
                continue
            technique, end = heads[after]
            if after > e and norm(doc[after:end].text) not in self.possessive_heads:
                continue
            last = doc[end - 1]
            if last.dep_ == "compound" and last.head.i >= end and last.head.lower_ == "change":
                continue
            ids = self.state_of.get(doc.vocab.strings[key], set())
            mention = index.at(doc[s]) or index.at(doc[e])
            actor = mention._.rp_actor if mention is not None else None
            if actor is not None and (index.country(actor) in ids or actor in ids):
                target = actor
            elif len(ids) == 1:
                target = next(iter(ids))
            else:
                continue  # a demonym two states share ("Congolese") and no mention to decide
            out.append((technique, s, end, target))
        return out

    def _span(self, doc, start, end, technique, target, index, quoted) -> dict:
        if start in quoted:
            speaker = self._speaker(doc[start:end], index)
        else:
            speaker = self._reported.get(start, "AUTHOR")
        return {"start": doc[start].idx, "end": doc[end - 1].idx + len(doc[end - 1]),
                "text": doc[start:end].text, "technique": technique,
                "target": _not_own_side(doc[start:end], target, speaker, index),
                "attributed_to": speaker}

    def _reported_speech(self, doc: Doc, index: ActorIndex) -> dict[int, str]:
        """Token -> speaker for words of reported speech outside quotation marks: the content of a
        claim ("X said that ...", "according to X, ..."), a sentence whose main verb reports speech
        ("X condemned the ...", "..., X added"), and the sentences of a paragraph before a closing
        "..., X said" (news writing puts the attribution of a paragraph of indirect speech at its end)."""
        out: dict[int, str] = {}
        for c in doc._.rp_claims or []:
            if c.get("speaker") in (None, "AUTHOR"):
                continue
            span = doc.char_span(*c["content"], alignment_mode="expand")
            if span is not None:
                for i in range(span.start, span.end):
                    out.setdefault(i, c["speaker"])
        sents = list(doc.sents)
        closing: dict[int, str] = {}
        for k, sent in enumerate(sents):
            # the main verb, or one put after the content as an aside ("..., X said, adding ...")
            verbs = [sent.root] + [c for c in sent.root.children if c.dep_ == "parataxis" and c.i > sent.root.i]
            root = next((v for v in verbs if v.pos_ in ("VERB", "AUX") and v.lemma_.lower() in self.reporting), None)
            if root is None:
                continue
            subj = child(root, "nsubj")
            found = index.actor_of(subj) if subj is not None else None
            if not found:
                continue
            speaker = found[0]._.rp_actor
            skip = {t.i for t in subj.subtree}
            for t in sent:
                if t.i not in skip:
                    out.setdefault(t.i, speaker)
            if root.dep_ == "parataxis" or any(c.dep_ == "ccomp" and c.i < root.i for c in root.children):
                closing[k] = speaker  # "<content>, X said."
        text = doc.text  # Doc.text joins every token on each access: read it once
        paragraph = [text.count("\n", 0, s.start_char) for s in sents]
        for k, speaker in closing.items():
            j = k - 1
            while j >= 0 and paragraph[j] == paragraph[k] and j not in closing \
                    and not any(t.i in out or t.text in _QUOTES for t in sents[j]):
                for t in sents[j]:
                    out[t.i] = speaker
                j -= 1
        return out

    def _about_weapons(self, span: Span, weapon_tokens: set[int]) -> bool:
        """A figure of speech taken from war ("shot down the plan", "a barrage of criticism") used of
        real weapons: its object, passive subject or "of" complement is a weapon or an aircraft."""
        root = span.root
        cands = [c for c in root.children if c.dep_ in ("dobj", "nsubjpass")]
        cands += [c for t in span for c in t.children if t.lower_ == "of" and c.dep_ == "pobj"]
        cands += [c for c in root.children if c.dep_ == "prep" and c.lower_ == "of" for c in c.children if c.dep_ == "pobj"]
        if root.dep_ in ("acl", "relcl", "amod") and root.head.pos_ in _NOUNISH:
            cands.append(root.head)  # "the jets shot down", "drones shot down over the sea"
        return any(c.i in weapon_tokens or c.lower_ in self.weapon_words or c.lemma_.lower() in self.weapon_words
                   for c in cands)

    def _about_people(self, span: Span) -> bool:
        """A loaded phrase of two or more words headed by a noun for people or a named person or
        group: "a despotic leader", "the corrupt priests", "anti-Semitic Farrakhan"."""
        root = span.root
        return len(span) >= 2 and root.pos_ in _NOUNISH and (
            root.ent_type_ in ("PERSON", "NORP") or root.lower_ in self.people or root.lemma_.lower() in self.people)

    def _target(self, span: Span, index: ActorIndex) -> str | None:
        """The actor the wording is aimed at: its own phrase, the clause's subject, the nearest actor."""
        doc = span.doc
        if span.start >= 2 and doc[span.start - 1].text in ("'s", "’s", "'", "’") and index.at(doc[span.start - 2]):
            if norm(span.text) in self.victim_heads:
                return None  # "Chile's occupiers" occupy Chile: aimed at someone the phrase does not name
            return index.at(doc[span.start - 2])._.rp_actor  # "Israel's warmongering ...", whatever the parse
        node: Token = span.root
        for obj in (c for c in node.children if c.dep_ in ("dobj", "pobj")):
            # "Israel's warmongering provocations" parsed with the adjective as a verb
            found = index.actor_of(obj, depth=1)
            if found:
                return found[0]._.rp_actor
        for _ in range(6):
            found = index.actor_of(node, depth=1)
            if found:
                return found[0]._.rp_actor
            subj = child(node, "nsubj", "nsubjpass")
            if subj is not None and index.actor_of(subj):
                return index.actor_of(subj)[0]._.rp_actor
            if node.head.i == node.i:
                break
            node = node.head
        before = [index.at(t) for t in span.sent if t.i < span.start and index.at(t) is not None]
        if before:
            return before[-1]._.rp_actor
        # no actor in the sentence: the party last named before it ("... the enemy shelled the
        # town again" after a paragraph about one side); a person is not a party here
        for t in reversed(doc[:span.sent.start]):
            m = index.at(t)
            if m is not None and index.type(m._.rp_actor) not in (None, "person"):
                return m._.rp_actor
        return None

    @staticmethod
    def _speaker(span: Span, index: ActorIndex) -> str:
        for tok in span.sent:
            if tok._.rp_speaker is not None and tok._.rp_speaker >= 0:
                found = index.actor_of(span.doc[tok._.rp_speaker])
                if found:
                    return found[0]._.rp_actor
        # the quote's speaker is named in the sentence (its subject) or in the one before
        sents = list(span.doc.sents)
        i = next(n for n, s in enumerate(sents) if s.start <= span.start < s.end)
        for sent in (sents[i], sents[i - 1] if i else None):
            if sent is None:
                continue
            found = index.actor_of(child(sent.root, "nsubj"))
            if found:
                return found[0]._.rp_actor
        return "UNATTRIBUTED"  # quoted, so not the writer's words, but no speaker is named


def _not_own_side(span: Span, target: str | None, speaker: str, index: ActorIndex) -> str | None:
    """A speaker's loaded words are aimed at others, never at the speaker's own side: where the
    target found is of the speaker's country, the nearest actor of another country in the sentence
    before the span (then after it) is the target, or nobody. A phrase that names its target
    keeps it: a dissident may label the government of his own country."""
    if target is None or speaker in ("AUTHOR", "UNATTRIBUTED"):
        return target
    own = index.country(speaker)
    mine = index.country(target) or target
    if own is None or mine != own:
        return target
    if any(index.at(t) is not None and index.at(t)._.rp_actor == target for t in span) \
            or target == mine and any(index.country(index.at(t)._.rp_actor) == mine for t in span if index.at(t)):
        return target  # the phrase names whom it labels ("the Russian regime" from a Russian dissident)
    sent = span.sent
    others = [index.at(t) for t in sent if index.at(t) is not None and t.i < span.start]
    others = others[::-1] + [index.at(t) for t in sent if index.at(t) is not None and t.i >= span.end]
    for m in others:
        country = index.country(m._.rp_actor)
        if country is not None and country != own:
            return m._.rp_actor
    return None


def _quoted_tokens(doc: Doc) -> set[int]:
    """Token indices inside quotation marks that hold several words (not scare-quoted names)."""
    inside, out, opened = False, set(), []
    for tok in doc:
        if not inside and tok.text in _OPEN_QUOTES:
            inside, opened = True, []
        elif inside and (tok.text in _CLOSE_QUOTES or tok.is_sent_end and tok.text in ("\n",)):
            if len(opened) >= 3:
                out.update(opened)
            inside = False
        elif inside:
            opened.append(tok.i)
    return out


def _dedupe(spans: list[dict]) -> list[dict]:
    out, taken = [], []
    for s in sorted(spans, key=lambda s: (s["start"], -(s["end"] - s["start"]))):
        if any(s["start"] >= a and s["end"] <= b and s["technique"] == t for a, b, t in taken):
            continue
        taken.append((s["start"], s["end"], s["technique"]))
        out.append(s)
    return out


#: How many times the same loaded phrase counts in one text: a word repeated down an article is
#: the article's topic ("the massacre", "the persecution") more often than fresh loading.
_REPEAT_CAP = 2
_CAPPED = frozenset({"loaded_language", "name_calling"})


def _first_uses(spans: list[dict], labels: set[int]) -> list[dict]:
    """The first `_REPEAT_CAP` uses of each loaded phrase; labels for an actor count every time."""
    seen: Counter = Counter()
    out = []
    for s in spans:
        key = (s["technique"], norm(s["text"]))
        seen[key] += 1
        if seen[key] <= _REPEAT_CAP or s["technique"] not in _CAPPED or s["start"] in labels:
            out.append(s)
    return out


def _slant(doc: Doc, framing: list[dict]) -> list[dict]:
    """Per actor: mentions, how many the writer labelled or aimed loaded words at, and net tone."""
    mentions = Counter(m._.rp_actor for m in doc.spans.get(ACTOR_SPANS, []))
    hits = Counter(f["target"] for f in framing if f["target"] and f["attributed_to"] == "AUTHOR")
    out = []
    for actor, n in mentions.most_common():
        labelled = hits.get(actor, 0)
        share = round(min(1.0, labelled / n), 3)
        out.append({"actor": actor, "mentions": n, "labelled": labelled, "share_labelled": share,
                    "tone": -share if share else 0.0})
    return out


#: Degree words that sharpen an evaluation ("utterly absurd", "so-called", "truly evil").
_INTENSIFIERS = frozenset("""very so too truly utterly totally completely absolutely extremely incredibly
deeply really most highly thoroughly downright outright wholly entirely perfectly purely simply
remarkably exceptionally extraordinarily terribly awfully horribly hopelessly shockingly staggeringly
insanely ridiculously unbelievably unimaginably deliberately willfully wilfully openly brazenly
grossly patently blatantly flagrantly shamelessly recklessly viciously cynically egregiously
monstrously profoundly such""".split())
_NOUNISH = frozenset({"NOUN", "PROPN"})
_QUOTES = _OPEN_QUOTES | _CLOSE_QUOTES
_ARTICLES = frozenset({"the", "a", "an", "this", "that", "these", "those", "such"})
#: Degree words strong enough to make any evaluative adjective loaded ("utterly wrong").
_STRONG_DEGREE = frozenset("""utterly totally completely absolutely incredibly extremely downright truly
deeply thoroughly horribly terribly awfully insanely ridiculously unbelievably outright hopelessly
shockingly staggeringly breathtakingly woefully grossly patently painfully desperately""".split())


def _patterns(doc: Doc) -> list[tuple[str, int, int]]:
    """Loaded wording no word list holds: a strong degree word on an evaluative adjective."""
    out = []
    for t in doc:
        if t.pos_ == "ADJ" and any(c.dep_ == "advmod" and c.lower_ in _STRONG_DEGREE for c in t.children):
            out.append(("loaded_language", t.i, t.i + 1))
    return out


_EVENT_ENTS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "NORP", "EVENT", "CARDINAL", "ORDINAL", "ORG",
                         "PERSON"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_WHEN_PREPS = frozenset({"after", "before", "during", "since", "following", "until", "in", "of", "about", "to"})


def _names_event(span: Span) -> bool:
    """An event noun naming a particular event, or the topic under discussion, rather than charging
    someone with it: a definite or possessive determiner, a place, date, number or group in front,
    an "of" complement, a capitalised proper use mid-sentence, or a time/topic preposition."""
    tok = span.root
    if tok.i > tok.sent.start and tok.text[:1].isupper() and not tok.sent.text.istitle():
        return True  # "the Holocaust" (a headline in title case is not evidence)
    for c in tok.children:
        if c.dep_ in ("det", "poss") and (c.lower_ in _DEFINITE or c.dep_ == "poss"):
            return True
        if c.dep_ in ("compound", "nmod", "amod", "nummod") and c.i < tok.i and (
                c.pos_ in ("PROPN", "NUM") or c.ent_type_ in _EVENT_ENTS):
            return True
        if c.dep_ == "prep" and c.lower_ == "of" and c.i == span.end:
            return True
    if tok.dep_ == "pobj" and tok.head.lower_ in _WHEN_PREPS:
        return True
    return False


def _intensified(tok: Token, span: Span | None = None) -> bool:
    first = span.start if span is not None else tok.i
    return any(c.dep_ == "advmod" and c.lower_ in _INTENSIFIERS and c.i < first for c in tok.children)


def _repeated_sentences(doc: Doc) -> set[int]:
    """Token indices of sentences that repeat, word for word, one earlier in the text."""
    seen, out = set(), set()
    for sent in doc.sents:
        key = norm(sent.text)
        if len(key.split()) >= 4 and key in seen:
            out.update(range(sent.start, sent.end))
        seen.add(key)
    # a whole line printed more than once is page furniture (a poll, a sign-up box, a caption):
    # every copy is, the first one too
    text = doc.text
    lines: dict[str, list[tuple[int, int]]] = {}
    pos = 0
    for line in text.split("\n"):
        key = norm(line)
        if len(key.split()) >= 4:
            lines.setdefault(key, []).append((pos, pos + len(line)))
        pos += len(line) + 1
    for key, where in lines.items():
        if len(where) > 1:
            for start, end in where:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None:
                    out.update(range(span.start, span.end))
    return out


def _supported(span: Span) -> bool:
    """A `weak` cue counts only when a degree word sharpens it ("deeply corrupt", "so-called").

    Being aimed at a person is no support: "the terrorist", "the corrupt official", "he is a
    criminal" are as often the plain facts of a court or police report as a charge; measured on
    PTC, weak words aimed at people were loaded less often than the lexicon's average."""
    return _intensified(span.root, span)


def _list_comma(doc: Doc, i: int, head: Token) -> bool:
    """A comma between two adjectives of one noun ("incompetent, clueless authorities")."""
    return doc[i].text == "," and i + 1 < len(doc) and doc[i + 1].dep_ == "amod" and doc[i + 1].head.i == head.i


def _phrase(doc: Doc, start: int, end: int, technique: str, blocked: set[int]) -> tuple[int, int]:
    """A loaded word grown to the phrase it loads: the adjective with its noun, the adverb with its
    word, a degree word in front, the noun of a label with its modifiers, coordinated evaluative
    words; never into a label (it has its own span) or across punctuation other than a comma
    between two adjectives. A name may be inside the phrase ("the reckless Pope", "the malevolent
    BDS campaign"): the character measure counts the whole phrase, and the loaded word alone
    cannot be a name, as names are skipped before growing."""
    tok = doc[start:end].root

    def ok(i: int) -> bool:
        return 0 <= i < len(doc) and i not in blocked and not doc[i].is_space \
            and (not doc[i].is_punct or doc[i].text in _QUOTES or doc[i].text == "-") \
            and doc[i].sent.start == tok.sent.start

    # degree words and manner adverbs just in front: "utterly absurd", "gratuitously abused"
    while ok(start - 1) and doc[start - 1].head.i in range(start, end) and doc[start - 1].dep_ in ("advmod", "neg") \
            and doc[start - 1].pos_ in ("ADV", "PART"):
        start -= 1
    head = tok.head
    if (tok.pos_ in ("ADJ", "VERB") or tok.pos_ == "NOUN" and technique == "loaded_language"
            or tok.pos_ == "PROPN" and tok.dep_ == "compound") \
            and tok.dep_ in ("amod", "compound") and head.pos_ in _NOUNISH and head.i >= end \
            and head.i - end <= 3 and all(ok(i) or _list_comma(doc, i, head) for i in range(end, head.i + 1)):
        end = head.i + 1  # "flagrant lies", "incompetent, clueless authorities", "smear campaign"
    elif tok.pos_ == "ADV" and tok.dep_ == "advmod" and head.i == end and head.pos_ in ("ADJ", "VERB", "ADV") \
            and ok(head.i):
        end = head.i + 1  # "hypocritically toeing", "absurdly low"
    elif tok.pos_ in _NOUNISH and technique == "name_calling":
        # the whole noun phrase in front: "the greedy and spineless generals", "a useful idiot"
        left = [c for c in tok.lefts if c.dep_ in ("amod", "compound", "det") and c.i < start
                and (c.dep_ != "det" or c.lower_ in _ARTICLES)]
        for c in left:
            if all(ok(i) for i in range(c.left_edge.i if c.dep_ == "amod" else c.i, start)):
                start = c.left_edge.i if c.dep_ == "amod" else c.i
                break
    elif tok.pos_ == "VERB" and technique == "loaded_language":
        obj = child(tok, "dobj")
        if obj is not None and obj.i == end and obj.pos_ == "PRON" and ok(obj.i):
            end = obj.i + 1  # "demonizing them"
    elif tok.pos_ == "NOUN" and technique == "loaded_language":
        # the adjectives that sharpen a loaded noun: "pernicious nonsense", "a relentless assault"
        while ok(start - 1) and doc[start - 1].dep_ in ("amod", "compound") and doc[start - 1].head.i == tok.i \
                and doc[start - 1].pos_ in ("ADJ", "VERB", "NOUN"):
            start -= 1
    # coordinated evaluative words read as one phrase: "bogus and farcical", "cheap and vulgar"
    if tok.dep_ == "conj" and tok.head.pos_ == tok.pos_ and 0 < start - tok.head.i <= 3 \
            and all(ok(i) for i in range(tok.head.i, start)):
        start = tok.head.i
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ == tok.pos_ and 0 < c.i - end + 1 <= 3 and all(ok(i) for i in range(end, c.i + 1)):
            end = c.i + 1
            break
    return start, end
