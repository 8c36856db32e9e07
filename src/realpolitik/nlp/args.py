"""Reading who is who off the dependency parse: shared by events, arms, claims and framing."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .extensions import ACTOR_SPANS

_CLAUSE_DEPS = {"relcl", "ccomp", "advcl", "parataxis", "acl"}
_INTENT_NOUNS = {"plan", "intention", "intent", "decision", "readiness", "right", "attempt", "effort",
                 "bid", "threat", "order", "need", "desire", "wish", "aim", "goal", "promise", "pledge",
                 "commitment", "willingness", "reason"}
#: generic nouns that carry the event their modifier names ("a mediation mission", "a rescue
#: operation"), unlike "attack helicopters", where the modifier only describes a thing
_EVENT_HEADS = {"mission", "effort", "operation", "campaign", "bid", "initiative", "drive"}
_LIGHT_VERBS = {"hold", "make", "pay", "conduct", "carry", "launch", "have", "begin", "start", "open",
                "resume", "stage", "mount", "issue", "express", "sign", "reach", "take", "give",
                "grant", "engage", "lodge", "undertake", "renew", "continue", "offer", "provide",
                "extend", "send", "deliver", "announce", "declare", "impose", "order", "approve", "call",
                "tighten", "enforce", "maintain", "intensify", "escalate", "step", "speed",
                "accelerate", "complete", "finish", "pursue", "present", "produce", "submit",
                "deepen", "broaden", "expand", "widen", "forge", "build", "seal",
                "wage", "adopt", "unleash", "perform", "execute", "initiate", "apply", "commit",
                "stag", "wag"}  # the small English model lemmatises "staged", "waged" as "stag", "wag"
#: collective nouns of states whose "from X to Y" phrase lists members, not a route
_RANGE_NOUNS = {"power", "country", "nation", "state", "government", "capital", "leader", "ally"}
#: light verbs that take their event noun through "in" and the other party as object: "engaged
#: the rebels in a firefight", "involved Iran in the talks"; intransitive, "engaged in talks with"
_IN_LIGHT_VERBS = {"engage", "involve"}


class ActorIndex:
    """Token -> actor mention, for one Doc."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.info: dict[str, dict] = doc._.rp_actor_info or {}
        self.span_at: dict[int, Span] = {}
        self._spans = list(doc.spans.get(ACTOR_SPANS, []))
        self._sent_countries: dict[int, str | None] | None = None
        self._parties: set[str] | None = None
        for span in self._spans:
            for i in range(span.start, span.end):
                self.span_at[i] = span

    def country(self, actor_id: str | None) -> str | None:
        if actor_id is None:
            return None
        a = self.info.get(actor_id)
        return a.get("country") if a else None

    def side_country(self, span: Span | None) -> str | None:
        """The country an event side stands for: its actor's, or, for a person the knowledge base
        does not place ("President X", "Judge Y"), the one country the sentence names.

        News names a leader by title and surname and leaves the country to the context; when the
        sentence names a single country (by name, capital, demonym, organ or place) that is the
        reading any coder gives. With two or more there is no guess.
        """
        if span is None:
            return None
        own = self.country(span._.rp_actor)
        if own is not None or self.type(span._.rp_actor) != "person":
            return own
        # "Kofi Annan, UN secretary-general", "X, Algeria's leading activist": an apposition that
        # names the person's organisation or country decides, and an international one means no
        # country at all
        root = span.root
        described = [c for c in root.children if c.dep_ == "appos"] + ([root.head] if root.dep_ == "appos" else [])
        for d in described:
            for other in self.actor_of(d, depth=2):
                if other is not span and self.type(other._.rp_actor) != "person":
                    return self.country(other._.rp_actor)
        if self._sent_countries is None:  # one pass over the mentions, on first need only
            by_sent: dict[int, set] = {}
            for s in self._spans:
                if self.type(s._.rp_actor) != "person":
                    by_sent.setdefault(s.sent.start, set()).add(self.country(s._.rp_actor))
            self._sent_countries = {k: (next(iter(v - {None})) if len(v - {None}) == 1 else None)
                                    for k, v in by_sent.items()}
        return self._sent_countries.get(span.sent.start)

    @property
    def parties(self) -> set[str]:
        """The states the document names as actors (by name, organ, people), not only as places."""
        if self._parties is None:
            self._parties = {self.country(a) for a, info in self.info.items()
                             if info.get("type") != "location" and self.country(a)}
        return self._parties

    def stray_place(self, span: Span | None) -> bool:
        """A place in a state the document names nowhere as an actor: "missiles at the Pinocchio"
        (a ship, and a village in Italy), "fire at Gazan fishermen", a shoal that shares a town's
        name. The gazetteer's reading is doubtful there, and a news article about an act on a
        state's soil names that state; such a place makes no side."""
        return span is not None and self.type(span._.rp_actor) == "location" \
            and self.country(span._.rp_actor) not in self.parties

    def type(self, actor_id: str | None) -> str | None:
        a = self.info.get(actor_id or "")
        return a.get("type") if a else None

    def at(self, tok: Token) -> Span | None:
        return self.span_at.get(tok.i)

    def actor_of(self, tok: Token | None, *, depth: int = 2) -> list[Span]:
        """The actor mentions a noun phrase headed by `tok` stands for (with its conjuncts).

        "Armenia and Azerbaijan" gives two; "Pashinyan's government" gives Pashinyan;
        "the government of Armenia" gives Armenia; "the Azerbaijani forces" gives the forces.
        """
        if tok is None:
            return []
        found = self._head_actor(tok, depth)
        if found is None and tok.lemma_.lower() in _RANGE_NOUNS:
            ranged = self._range(tok, depth)
            if ranged:
                return ranged
        out = [found] if found is not None else []
        if found is not None:
            # "Hungarian and Romanian officials", "US and British activists": coordinated
            # modifiers name one actor each, though the parse gives the phrase one head
            for c in tok.children:
                if c.dep_ in ("amod", "compound", "nmod") and any(g.dep_ == "conj" for g in c.children):
                    for m in [c] + [g for g in c.children if g.dep_ == "conj"]:
                        span = self.span_at.get(m.i)
                        if span is not None and span not in out:
                            out.append(span)
        for conj in tok.children:
            if conj.dep_ == "conj" or conj.dep_ == "appos" and self._listed(found, conj):
                out.extend(s for s in self.actor_of(conj, depth=depth) if s not in out)
        if found is not None and tok.i not in self.span_at and depth > 0:
            # "hundreds of Malian and Nigerien migrants", "scores of Malian migrants and Nigerien
            # traders": the coordinated modifiers and conjuncts inside the "of" phrase
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for pobj in c.children:
                        if pobj.dep_ == "pobj":
                            out.extend(s for s in self.actor_of(pobj, depth=depth - 1) if s not in out)
        return out

    def _range(self, tok: Token, depth: int) -> list[Span]:
        """"World powers from the US to China", "states from Chile to Japan": a collective noun
        with a from ... to range of states names those states (its ends and their conjuncts) as
        its members; a range of anything but states ("refugees from Syria to Turkey") is a route."""
        start = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"), None)
        first = child(start, "pobj") if start is not None else None
        if first is None:
            return []
        # the parser hangs "to" on the noun, on "from" or on the first end
        to = next((c for h in (tok, start, first) for c in h.children
                   if c.dep_ == "prep" and c.lower_ == "to"), None)
        last = child(to, "pobj") if to is not None else None
        if last is None:
            return []
        ends = [first, last]
        out: list[Span] = []
        for end in ends:
            found = [s for s in self.actor_of(end, depth=depth) if self.type(s._.rp_actor) == "state"]
            if not found:
                return []
            out.extend(s for s in found if s not in out)
        return out

    def _listed(self, head: Span | None, appos: Token) -> bool:
        """"Brazil, Peru, and Chile met": the parser reads a list of states as an
        apposition; one state is never another's appositive, so two states side by side are a list."""
        other = self.span_at.get(appos.i)
        return head is not None and other is not None and other is not head \
            and self.type(head._.rp_actor) == "state" and self.type(other._.rp_actor) == "state"

    def _head_actor(self, tok: Token, depth: int) -> Span | None:
        if tok.i in self.span_at:
            return self.span_at[tok.i]
        if depth <= 0:
            return None
        for dep in ("poss", "compound", "amod", "nmod"):
            for c in tok.children:
                if c.dep_ == dep and c.i in self.span_at:
                    return self.span_at[c.i]
        for c in tok.children:
            # "US-led forces", "Vietnamese-led troops": the leader named before "-led"
            if c.dep_ == "amod" and c.lower_ == "led":
                for g in c.children:
                    if g.dep_ in ("npadvmod", "compound", "nmod", "amod") and g.i in self.span_at:
                        return self.span_at[g.i]
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        found = self._head_actor(p, depth - 1)
                        if found is not None:
                            return found
        for c in tok.children:  # "one of the main buyers", "some areas of Syunik"
            if c.dep_ in ("appos",):
                found = self._head_actor(c, depth - 1)
                if found is not None:
                    return found
        if tok.pos_ == "NOUN":
            # "opposition groups in Zimbabwe", "demonstrators in Baghdad": people named only by
            # where they are stand for that country's people (the CAMEO convention for
            # unattributed groups); tried last, so "Russia's troops in Syria" stay Russia's.
            # ("Forces from Panama" is not parallel: it names where they leave.)
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "throughout", "across"):
                    p = child(c, "pobj")
                    span = self.span_at.get(p.i) if p is not None else None
                    if span is not None and self.type(span._.rp_actor) in ("state", "location") \
                            and self.country(span._.rp_actor):
                        return span
        return None

    def actors_in(self, tok: Token | None, *, max_depth: int = 5) -> list[Span]:
        """The first actor mentions found breadth-first below `tok`, not entering other clauses."""
        if tok is None:
            return []
        frontier, depth = [tok], 0
        while frontier and depth <= max_depth:
            hits = []
            for t in frontier:
                for s in self.actor_of(t, depth=0):
                    if s not in hits:
                        hits.append(s)
            if hits:
                return hits
            frontier = [c for t in frontier for c in t.children if c.dep_ not in _CLAUSE_DEPS]
            depth += 1
        return []


def child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def prep_object(tok: Token, prep: str, *, search_dobj: bool = True) -> Token | None:
    """The object of the preposition `prep` attached to `tok` (or to its direct object)."""
    heads = [tok]
    if search_dobj:
        heads += [c for c in tok.children if c.dep_ in ("dobj", "attr")]
    for h in heads:
        for c in h.children:
            if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
                obj = child(c, "pobj")
                if obj is not None:
                    return obj
                inner = child(c, "prep")  # "away from", "next to"
                if inner is not None:
                    return child(inner, "pobj")
    return None


def is_passive(tok: Token) -> bool:
    """A passive verb: "was attacked", and the reduced relative "soldiers killed in ...". """
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or reduced_passive(tok)


def reduced_passive(tok: Token) -> bool:
    """"ten soldiers killed in the raid", "the prisoners released by Israel": a past participle
    modifying a noun; the noun is what the act was done to, never its agent."""
    if tok.dep_ != "acl" or tok.tag_ != "VBN" or tok.head.pos_ not in ("NOUN", "PROPN"):
        return False
    # an object or a finite conjunct ("groups donated and delivered goods") marks a mis-parsed
    # main verb, not a participle
    return not any(c.dep_ == "dobj" or c.dep_ == "conj" and c.tag_ in ("VBD", "VBZ", "VBP") for c in tok.children)


def patient(tok: Token) -> Token | None:
    """What a verb acts on: the object, the subject of a passive, the noun of a reduced relative."""
    if reduced_passive(tok):
        return tok.head
    if is_passive(tok):
        return child(tok, "nsubjpass")
    obj = child(tok, "dobj")
    if obj is None:
        # "denied attacking Azerbaijan": the small model reads a name right after the verb as an
        # adverbial noun; a proper name in that slot is the object
        obj = next((c for c in tok.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN" and c.i == tok.i + 1), None)
    return obj


def subject(tok: Token) -> Token | None:
    """The agent of a verb: its subject, the `by` agent of a passive, or the controller of an xcomp."""
    if is_passive(tok):
        agent = child(tok, "agent")
        return child(agent, "pobj") if agent is not None else None
    subj = child(tok, "nsubj")
    if subj is not None:
        return subj
    head = tok.head
    if tok.dep_ == "acomp" and head is not tok and head.pos_ in ("AUX", "VERB"):
        return child(head, "nsubj")  # "Turkey is opposed to ...": the copula's subject
    if tok.dep_ in ("xcomp", "conj") and head is not tok:
        if tok.dep_ == "xcomp":
            # object control: "provoke Baku to attack" -> Baku attacks
            obj = child(head, "dobj")
            if obj is not None:
                return obj
            # raising: "Russia is expected to attack", "Israel is likely to strike"
            subj = child(head, "nsubj", "nsubjpass")
            if subj is not None:
                return subj
            if head.pos_ == "ADJ" and head.head.i != head.i:
                return child(head.head, "nsubj", "nsubjpass")
        return subject(head) if head.pos_ in ("VERB", "AUX") else None
    if tok.dep_ in ("pcomp", "acl") and head is not tok:
        # "the Azerbaijani forces in occupying ...": the noun the clause hangs on;
        # "Israel refrained from attacking": the subject of the verb it hangs on
        gov = head.head if tok.dep_ == "pcomp" else head
        if gov.pos_ in ("NOUN", "PROPN"):
            if gov.lemma_ in _INTENT_NOUNS:
                # "Spain's decision to supply", "the decision of Spain to supply": the noun's owner
                owner = child(gov, "poss") or prep_object(gov, "of", search_dobj=False)
                if owner is not None:
                    return owner
            if gov.lemma_ in _INTENT_NOUNS and gov.dep_ in ("dobj", "attr") and gov.head.i != gov.i:
                return subject(gov.head)  # "Israel has no plans to attack Iran"
            return gov
        if gov.pos_ in ("VERB", "AUX") and gov.i != tok.i:
            obj = child(gov, "dobj") if tok.dep_ == "pcomp" and head.lower_ in ("for", "of", "from") else None
            # "jailed a man for helping rebels", "accused Iran of attacking", "stopped them from
            # leaving": the one the verb acts on does the gerund, not the verb's subject
            return obj if obj is not None else subject(gov)
    return None


def event_head(tok: Token) -> Token:
    """The noun that carries a nominal event in the parse: "mediation" in "a mediation mission
    between X and Y" is carried by "mission"; any other word carries itself."""
    if tok.dep_ == "compound" and tok.head.lemma_ in _EVENT_HEADS:
        return tok.head
    return tok


def light_verb(tok: Token) -> Token | None:
    """The light verb a nominal event is the object of: "held talks", "renewed negotiations", and
    through a measure noun, "gave Ivory Coast five million dollars of aid", or a generic head,
    "launched a mediation effort"."""
    tok = event_head(tok)
    while tok.dep_ == "conj" and tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head  # "announced asset freezes and travel bans": each conjunct has the light verb
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ in ("dobj", "attr"):
        tok = tok.head.head
    head = tok.head
    if tok.dep_ in ("dobj", "attr") and head.lemma_ in _LIGHT_VERBS:
        return head
    if tok.dep_ == "nsubjpass" and head.lemma_ in _LIGHT_VERBS and child(head, "agent") is not None:
        return head  # "evidence against Iran was shown by Israel": the passive light verb's object
    if tok.dep_ == "pobj" and head.lower_ == "in" and head.dep_ == "prep" and head.head.lemma_ in _IN_LIGHT_VERBS:
        return head.head
    return None


def light_verb_object(tok: Token) -> Token | None:
    """"Malian rebels engaged Chadian troops in a gun battle": the object of the light verb a
    nominal event hangs on through "in", the other party of the event."""
    lv = light_verb(tok)
    if lv is None or lv.lemma_ not in _IN_LIGHT_VERBS:
        return None
    return child(lv, "dobj")


def light_verb_subject(tok: Token) -> Token | None:
    """"Israel held talks with Iran": the subject of the light verb a nominal event is object of."""
    lv = light_verb(tok)
    return subject(lv) if lv is not None else None


def noun_agent(tok: Token, index: ActorIndex, trigger_lemmas: set[str] | None = None) -> list[Span]:
    """Whose act a nominal is: "Bagheri's emphasis", "the position of X", and for a conjunct
    ("the conversation of X with Y, and the emphasis on ...") the agent of the first conjunct."""
    for c in tok.children:
        if c.dep_ == "poss":
            found = index.actor_of(c)
            if found:
                return found
            if c.pos_ == "PRON":  # "its position": the nearest actor before it in the sentence
                before = [index.at(t) for t in reversed(list(tok.sent)) if t.i < c.i and index.at(t) is not None]
                return before[:1]
    of = prep_object(tok, "of", search_dobj=False)
    if of is not None and index.actor_of(of):
        return index.actor_of(of)
    head = tok
    if tok.dep_ == "conj":
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        if head.dep_ == "pobj" and head.head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head.head
        if head is not tok and (trigger_lemmas is None or head.lemma_.lower() in trigger_lemmas):
            return noun_agent(head, index, trigger_lemmas)
    # a mis-parsed coordination: two subjects of one verb, "the conversation of X ... and the emphasis"
    siblings = [c for c in tok.head.children if c.dep_ == tok.dep_ and c.i < tok.i and c.pos_ == "NOUN"]
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj") and siblings and \
            (trigger_lemmas is None or siblings[-1].lemma_.lower() in trigger_lemmas):
        return noun_agent(siblings[-1], index, trigger_lemmas)
    return []


def transfer_sides(frame: Token, direction: str) -> tuple[Token | None, Token | None]:
    """(giver, taker) of a supply or receipt frame word, read off the parse; shared by the arms and
    the event stages so that one frame gets one reading.

    `direction` says whose act the frame word is (`kb/data/arms_frames.tsv`): "supplier" for
    "X supplied Z to Y", "X provided Y with Z", "Z was sent to Y by X", "the delivery of Z from X to
    Y"; "recipient" for "Y received Z from X", "Y bought Z from X". An origin written as a
    modifier ("X-made", "X-built") is never a side here: it names where the thing was made.
    """
    if frame.pos_ in ("VERB", "AUX") and frame.dep_ == "amod" and direction == "supplier":
        # "Iranian-supplied drones": the modifier names the giver; whoever uses or holds the
        # thing ("rebels used Iranian-supplied drones", "made use of US-supplied shells") took it
        giver = child(frame, "npadvmod", "amod", "compound", "nmod")
        noun = frame.head
        while noun.dep_ == "conj" and noun.head.i != noun.i:
            noun = noun.head
        holder = None
        if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
            holder = subject(noun.head)
        elif noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "dobj":
            holder = subject(noun.head.head.head)  # "made use of", "took delivery of"
        elif child(noun, "poss") is not None:
            holder = child(noun, "poss")
        return giver, holder
    if frame.pos_ in ("VERB", "AUX"):
        agent = subject(frame)
        if agent is None and is_passive(frame):
            # "Y was supplied with Z by X": the parser may hang the agent on the thing given
            agent = next((o for c in frame.children if c.dep_ == "prep"
                          for o in [prep_object(p, "by", search_dobj=False) for p in c.children if p.dep_ == "pobj"]
                          if o is not None), None)
        if direction == "recipient":
            return from_phrase(frame), agent
        taker = prep_object(frame, "to") or prep_object(frame, "for", search_dobj=False) or child(frame, "dative")
        if taker is None and prep_object(frame, "with", search_dobj=False) is not None:
            # "X provided Y with Z", "Y was supplied with Z by X": the one equipped is the taker
            taker = child(frame, "nsubjpass") if is_passive(frame) else child(frame, "dobj")
        return agent, taker
    # a frame noun: "X's delivery of Z to Y", "the shipment of Z from X to Y", "the sale by X"
    owner = child(frame, "poss")
    of = prep_object(frame, "of", search_dobj=False)
    heads = [frame] + ([of] if of is not None else [])
    giver = owner if direction == "supplier" else None
    taker = owner if direction == "recipient" else None
    for h in heads:
        giver = giver or prep_object(h, "from", search_dobj=False) or prep_object(h, "by", search_dobj=False)
        taker = taker or prep_object(h, "to", search_dobj=False)
    return giver, taker


def from_phrase(frame: Token) -> Token | None:
    """The object of the nearest "from" below a receipt verb, outside embedded clauses
    ("bought anti-tank missiles of the type X from Y")."""
    frontier = [frame]
    for _ in range(6):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ == "from":
                    obj = child(c, "pobj")
                    if obj is not None:
                        return obj
                if c.dep_ not in ("relcl", "ccomp", "advcl", "conj", "nsubj"):
                    nxt.append(c)
        frontier = nxt
    return None
