"""Arms transfers: weapon mentions and SIPRI-shaped transfer records.

Weapons are found by designation and alias (`kb/data/weapons.tsv`), by family with an unknown
variant ("Spike-AR" is a Spike), and by generic nouns ("drones", "mortars"). A transfer needs a
frame (`kb/data/arms_frames.tsv`: buy, receive, supply, sell, "buyers of", "suppliers of", use)
that governs the weapon; supplier and recipient are read off the parse, with origin adjectives
("Israeli drones") and makers ("from the Israeli company Rafael") giving the supplier's country.
"""

from __future__ import annotations

import re

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..kb import KnowledgeBase
from . import dates
from .args import ActorIndex, child, from_phrase, prep_object, subject, transfer_sides
from .extensions import WEAPON_SPANS

_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "twenty": 20, "fifty": 50,
            "hundred": 100}
_CALIBRE = re.compile(r"(\d{2,3})\s?mm\b", re.I)
_SHIP_PREFIXES = {"HMS", "USS", "FS", "INS", "HMAS", "HMCS", "HNLMS", "ITS", "TCG", "KRI", "BNS", "PNS", "ROKS", "JS"}
#: participles that name where or by whom a weapon was made ("X-made", "built by Y")
_MAKE_VERBS = {"make", "build", "manufacture", "produce", "design", "develop"}
#: subjects of a sentence that goes on describing the weapon just named
_DESCRIBING_SUBJECTS = {"calibre", "caliber", "model", "type", "variant", "version", "it", "they", "these",
                        "this", "which"}
#: verbs whose subject acts on a deal or supply named by their object ("signed a contract for",
#: "completed the delivery of", "halted the sale of"), besides the status words of arms_status.tsv
_DEAL_VERBS = {"sign", "conclude", "complete", "finalize", "finalise", "seal", "ink", "strike", "make", "place",
               "secure", "win", "close", "reach", "begin", "start", "resume", "continue", "finish", "receive",
               "take", "accept", "get", "have", "expand", "increase", "boost", "speed", "accelerate", "carry",
               "halt", "suspend", "stop", "cancel", "block", "freeze", "delay", "postpone", "award", "clear"}
#: tags of a finite verb: a clause of its own, whatever it is coordinated with
_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_STATUS_BY_MODALITY = {"negated": "denied", "future": "planned", "hypothetical": "planned"}


class ArmsExtractor:
    """`realpolitik_arms_v1`: fills doc.spans["rp_weapons"] and doc._.rp_transfers."""

    def __init__(self, nlp, kb: KnowledgeBase):
        self.kb = kb
        self.named = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.generic = PhraseMatcher(nlp.vocab, attr="LOWER")
        names: dict[str, str] = {}
        for r in kb.table("weapons"):
            for n in [r["designation"]] + [a for a in r.get("aliases", "").split("|") if a]:
                names.setdefault(n, r["designation"])
        self.designation_of = names
        for text in names:
            self.named.add(text, [nlp.make_doc(text)])
        self.generic_rows = {r["text"].lower(): r.get("category") or None for r in kb.table("weapon_generic")}
        self.generic.add("GENERIC", list(nlp.tokenizer.pipe(self.generic_rows)))
        self.families = {w.family for w in kb.weapons.values() if w.family}
        self.frames: dict[tuple[str, str], dict] = {(r["lemma"], r["pos"]): r for r in kb.table("arms_frames")}
        #: words that make a supply a plan or an order, not a delivery: "approved the delivery of",
        #: "the decision to supply" (`kb/data/arms_status.tsv`)
        self.status_words: dict[str, str] = {r["lemma"]: r["status"] for r in kb.table("arms_status")}

    # ---------------------------------------------------------------- weapons
    def weapons(self, doc: Doc) -> list[Span]:
        found = []
        for key_id, start, end in self.named(doc):
            info = self.kb.weapons.get(self.designation_of.get(doc.vocab.strings[key_id], ""))
            if info is not None:
                found.append(self._span(doc, start, end, info.designation, info.family, info.category, info.maker, 4,
                                        info.country))
        for tok in doc:  # an unknown variant of a known family: "Spike-AR"
            if tok.text not in self.families:
                continue
            end = tok.i + 1
            if end + 1 < len(doc) and doc[end].text == "-" and re.fullmatch(r"[A-Z0-9]{1,4}", doc[end + 1].text):
                end += 2
            elif end < len(doc) and re.fullmatch(r"-[A-Z0-9]{1,4}", doc[end].text):
                end += 1
            if end > tok.i + 1:
                fam = self.kb.weapons.get(tok.text)
                found.append(self._span(doc, tok.i, end, doc[tok.i:end].text, tok.text,
                                        fam.category if fam else None, fam.maker if fam else None, 3))
        for tok in doc:  # a commissioned ship: "HMS Daring", "USS Carney" (navies' ship prefixes)
            if tok.text in _SHIP_PREFIXES and tok.i + 1 < len(doc) and doc[tok.i + 1].is_title:
                end = tok.i + 2
                while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
                    end += 1
                found.append(self._span(doc, tok.i, end, doc[tok.i:end].text, None, "warship", None, 2))
        for _, start, end in self.generic(doc):
            text = doc[start:end].text.lower()
            category = self.generic_rows.get(text)
            name = _calibre_name(doc, start, end, category) or (doc[end - 1].lemma_.lower() if category else None)
            found.append(self._span(doc, start, end, name, None, category, None, 1))
        spans, taken = [], set()
        for s in sorted(found, key=lambda s: (-(s.end - s.start), -s._.rp_weapon["priority"], s.start)):
            if not taken.intersection(range(s.start, s.end)):
                spans.append(s)
                taken.update(range(s.start, s.end))
        named = {i for s in spans if s._.rp_weapon["priority"] > 1 for i in range(s.start, s.end)}
        # "anti-tank missiles of the type Spike-LR": the generic noun is the named weapon
        spans = [s for s in spans if s._.rp_weapon["priority"] > 1
                 or not named.intersection(t.i for t in s.root.subtree)]
        return sorted(spans, key=lambda s: s.start)

    @staticmethod
    def _span(doc, start, end, name, family, category, maker, priority, origin=None) -> Span:
        span = Span(doc, start, end, label="WEAPON")
        span._.rp_weapon = {"name": name, "family": family, "category": category, "manufacturer": maker,
                            "priority": priority, "origin": origin}
        return span

    # -------------------------------------------------------------- transfers
    def __call__(self, doc: Doc) -> Doc:
        index = ActorIndex(doc)
        spans = self.weapons(doc)
        doc.spans[WEAPON_SPANS] = spans
        transfers, used_events = [], []
        for span in spans:
            frame_tok, frame = self._frame(span.root)
            if frame is None:
                frame_tok, frame = self._possession(span, index)
            if frame is None:
                continue
            if frame["direction"] == "user":
                used_events.extend(self._use(span, frame_tok, index, transfers))
                # "Kenya's Chinese-made jets were used": the use says nothing of the supply, the
                # possessive and the make do
                frame_tok, frame = self._possession(span, index)
                if frame is None:
                    continue
            t = self._transfer(span, frame_tok, frame, index, doc)
            if t is not None:
                transfers.append(t)
        self._makers_from_next_sentence(doc, index, transfers)
        self._sides_from_context(doc, index, transfers)
        # a supply with one side unknown is no SIPRI record, and an analyst cannot use it
        transfers = _drop_repeats([t for t in transfers if (t["supplier"] or t["supplier_country"])
                                   and (t["recipient"] or t["recipient_country"])])
        for t in transfers:
            t.pop("_named", None)
            t.pop("_speaker", None)
        aid_keys = set()
        for i, t in enumerate(transfers, 1):
            t["id"] = f"t{i}"
            key = (t["supplier_country"], t["recipient_country"], t["modality"], t["evidence"][0])
            if t["status"] != "used" and t["supplier"] and t["recipient"] and key not in aid_keys \
                    and t.get("basis") != "in_service":
                aid_keys.add(key)  # one delivery event per deal sentence, however many weapons
                used_events.append(_aid_event(t, index))
        doc._.rp_transfers = transfers
        doc._.rp_arms_events = used_events
        return doc

    def _frame(self, tok: Token) -> tuple[Token | None, dict | None]:
        """The nearest frame word: a relative clause on the weapon ("jets operated by X", "planes,
        which were acquired by X"), else the nearest governing one: "bought [missiles]", "buyers of
        [weapons]"."""
        for c in _head_noun(tok).children:
            if c.dep_ == "acl" and c.pos_ == "VERB" and c.tag_ == "VBN" or c.dep_ == "relcl" and c.pos_ == "VERB":
                frame = self.frames.get((c.lemma_.lower(), "VERB"))
                if frame is not None:
                    return c, frame
            if c.dep_ == "amod" and c.pos_ == "VERB" and c.tag_ == "VBN":
                # "Iranian-supplied drones", "US-delivered tanks": a supply participle in front
                frame = self.frames.get((c.lemma_.lower(), "VERB"))
                if frame is not None and frame["direction"] == "supplier" and \
                        child(c, "npadvmod", "amod", "compound", "nmod") is not None:
                    return c, frame
        node = tok
        for _ in range(6):
            pos = "VERB" if node.pos_ in ("VERB", "AUX") else "NOUN"
            frame = self.frames.get((node.lemma_.lower(), pos))
            if frame is not None and node is not tok:
                return node, frame
            if node.head.i == node.i or node.dep_ in ("nsubj", "relcl", "advcl", "ccomp"):
                break
            node = node.head
        return None, None

    def _transfer(self, span: Span, frame_tok: Token, frame: dict, index: ActorIndex, doc: Doc) -> dict | None:
        w = dict(span._.rp_weapon)
        w.pop("priority", None)
        made_in = w.pop("origin", None)  # the weapon's country of origin, from the knowledge base
        origin, origin_maker = self._origin(span, index)
        giver_tok, taker_tok = transfer_sides(frame_tok, frame["direction"])
        if taker_tok is not None and span.root.i in {t.i for t in taker_tok.subtree}:
            # "gave support to the resistance fighters": a word in the taker's slot is who gets,
            # never what is given
            return None
        agent = self._agent(frame_tok, index) if frame_tok.dep_ != "amod" else index.at(giver_tok) if giver_tok is not None else None
        source_prep = giver_tok if frame["direction"] == "recipient" or frame_tok.pos_ != "NOUN" else None
        source_prep = source_prep if source_prep is not None and source_prep.lower_ not in ("which", "that") \
            else from_phrase(frame_tok)
        if source_prep is None and frame_tok.pos_ == "NOUN":
            # "a contract for 26 Rafale with France": the counterpart of a deal
            source_prep = prep_object(frame_tok, "with", search_dobj=False)
            if source_prep is None and frame_tok.dep_ == "dobj":
                source_prep = prep_object(frame_tok.head, "with", search_dobj=False)
        from_actor = index.actor_of(source_prep)
        maker = None
        if from_actor and index.type(from_actor[0]._.rp_actor) == "company":
            maker = from_actor[0]
        if frame["direction"] == "recipient":
            recipient = agent
            supplier = (from_actor[0] if from_actor else None) or origin
            seller = _seller_antecedent(frame_tok)
            if seller is not None and index.actor_of(seller):
                # "A bought weapons from B, which bought ...": B sells, and A is the buyer again
                supplier = index.actor_of(seller)[0]
                main = index.actor_of(subject(span.sent.root))
                recipient = main[0] if main else None
        else:
            if agent is None and frame_tok.pos_ == "NOUN":
                # "the delivery of weapons from X to Y": the noun's "from" or "by" names the giver
                found = index.actor_of(giver_tok)
                agent = found[0] if found else None
            if agent is not None and index.type(agent._.rp_actor) == "company" and maker is None:
                maker = agent
            supplier = agent or origin
            found = index.actor_of(taker_tok)
            recipient = found[0] if found else None
        if maker is None and origin_maker is not None:
            maker = origin_maker
        if maker is not None:
            w["manufacturer"] = index.info[maker._.rp_actor]["name"]
        sup_id = supplier._.rp_actor if supplier is not None else None
        rec_id = recipient._.rp_actor if recipient is not None else None
        sup_c, rec_c = index.country(sup_id), index.country(rec_id)
        origin_only = False
        if sup_c is None and made_in and made_in != rec_c and rec_id is not None:
            # no seller named: a new weapon comes from its maker's country (SIPRI's usual supplier)
            sup_c, origin_only = made_in, True
        if sup_id is None and rec_id is None:
            return None
        if frame.get("possession") and (sup_c is None or rec_id is None or (origin is None and origin_maker is None)):
            # "Pakistan's jets": only a weapon whose foreign make the text states ("Chinese-made",
            # "made by Lockheed Martin") is a transfer; the knowledge base's country of origin alone
            # may not be the state that supplied it (second-hand jets, licence production)
            return None
        if sup_c is not None and sup_c == rec_c:
            # a state does not sell to itself: the parse attached the clause to the wrong noun
            main = subject(span.sent.root)
            alt = index.actor_of(main)
            if not alt or index.country(alt[0]._.rp_actor) == sup_c:
                return None
            rec_id, rec_c = alt[0]._.rp_actor, index.country(alt[0]._.rp_actor)
        modality = frame_tok._.rp_modality or "asserted"
        parts = [span, frame_tok] + [s for s in (supplier, recipient) if s is not None]
        start = min(p.start_char if isinstance(p, Span) else p.idx for p in parts)
        end = max(p.end_char if isinstance(p, Span) else p.idx + len(p) for p in parts)
        return {
            "supplier": sup_id, "recipient": rec_id, "supplier_country": sup_c, "recipient_country": rec_c,
            "weapon": w, "quantity": _quantity(span),
            "status": _STATUS_BY_MODALITY.get(modality) or self._status(frame_tok) or frame["status"],
            "period": _period(frame_tok, doc), "date": dates.of_word(frame_tok, doc), "modality": modality,
            "evidence": (start, end),
            # "in_service": read from a possessive ("Pakistan's Chinese-made jets"), not a told act
            **({"basis": "in_service"} if frame.get("possession") else {}),
            # a side the parse names by a word that is no known actor ("urged Arab nations to
            # supply ...") is not open to the document context
            "_speaker": frame_tok._.rp_speaker if frame_tok._.rp_speaker is not None else -1,
            "_named": {role for role, tok in (("supplier", giver_tok if frame["direction"] == "supplier" else source_prep),
                                             ("recipient", taker_tok))
                       if tok is not None and tok.pos_ != "PRON" and tok.tag_ not in ("WDT", "WP")},
            "confidence": round((0.8 if sup_id and rec_id else 0.45 if origin_only else 0.55)
            - (0.2 if frame.get("possession") else 0.0), 2),
        }

    def _agent(self, frame_tok: Token, index: ActorIndex) -> Span | None:
        if frame_tok.pos_ in ("VERB", "AUX"):
            subj = subject(frame_tok)
            if subj is not None and subj.tag_ in ("WDT", "WP"):  # "..., which bought": the antecedent
                subj = frame_tok.head if frame_tok.dep_ == "relcl" else subj
            found = index.actor_of(subj)
            return found[0] if found else None
        # "X was one of the main buyers of weapons": the copula's subject
        node = frame_tok
        if node.dep_ == "pobj" and node.head.head.lower_ == "one":
            node = node.head.head
        if node.dep_ in ("attr", "appos") and node.head.pos_ in ("AUX", "VERB"):
            found = index.actor_of(child(node.head, "nsubj"))
            return found[0] if found else None
        owner = child(frame_tok, "poss")
        found = index.actor_of(owner)
        if not found and frame_tok.dep_ in ("dobj", "nsubjpass") and frame_tok.head.pos_ in ("VERB", "AUX") \
                and (frame_tok.head.lemma_.lower() in _DEAL_VERBS or frame_tok.head.lemma_.lower() in self.status_words):
            # "India signed a contract for ...", "Russia completed the delivery of ...": a party's
            # own act on the deal; who condemns, reports or discusses a sale is no party to it
            found = index.actor_of(subject(frame_tok.head))
        return found[0] if found else None

    @staticmethod
    def _origin(span: Span, index: ActorIndex) -> tuple[Span | None, Span | None]:
        """(origin state, maker company) a weapon's own modifiers give: "Israeli drones",
        "Chinese-made jets", "jets made in China", "aircraft made by Lockheed Martin"."""
        state = maker = None
        for c in list(span.root.children) + (list(_head_noun(span.root).children) if _head_noun(span.root) is not span.root else []):
            if c.dep_ in ("amod", "compound", "nmod") and index.at(c) is not None:
                s = index.at(c)
                if index.type(s._.rp_actor) == "state":
                    state = state or s
            if c.lemma_.lower() in _MAKE_VERBS and c.dep_ in ("amod", "acl", "compound", "nmod"):
                # "Chinese-made" (the demonym hangs on "made"), "made in China", "made by X"
                below = [g for g in c.children if g.dep_ in ("npadvmod", "amod", "compound", "nmod", "advmod")]
                below += [p for g in c.children if g.dep_ in ("prep", "agent") and g.lower_ in ("in", "by")
                          for p in g.children if p.dep_ == "pobj"]
                for g in below:
                    s = index.at(g)
                    if s is None:
                        continue
                    if index.type(s._.rp_actor) == "state":
                        state = state or s
                    elif index.type(s._.rp_actor) == "company":
                        maker = maker or s
        if span.start >= 2 and span.doc[span.start - 1].lower_ in _MAKE_VERBS | {"made", "built"} and \
                span.doc[span.start - 2].text == "-" and span.start >= 3:
            s = index.at(span.doc[span.start - 3])  # "Chinese-made J-10": a flat parse of the compound
            if s is not None and index.type(s._.rp_actor) == "state":
                state = state or s
        return state, maker

    def _sides_from_context(self, doc: Doc, index: ActorIndex, transfers: list[dict]) -> None:
        """A supply clause that names one side ("Germany approved the delivery of a Patriot system")
        takes the other from the same supply story, with a lowered confidence and `side_from:
        "context"` saying so: a transfer of the same weapon family with the same known side names
        it, else the nearest state party of the sentence (or the one before) that the document
        itself puts in that role of a supply word ("... to Ukraine", "bought ... from France").
        A state that is only near, never said to give or get anything, stays out."""
        links = self._supply_links(doc, index)
        for t in transfers:
            if t["status"] == "used" or (t["supplier"] is None) == (t["recipient"] is None):
                continue
            missing = "recipient" if t["recipient"] is None else "supplier"
            known = t["supplier_country"] if missing == "recipient" else t["recipient_country"]
            if known is None or t[f"{missing}_country"] is not None or missing in t["_named"]:
                # the maker's country stands; a side named by a word that is no actor stays empty
                continue
            same = _same_family_side(t, transfers, missing)
            if same is not None:
                t[missing], t[f"{missing}_country"] = same
            else:
                found = _context_side(doc, index, t, known, links[missing])
                if found is None:
                    continue
                t[missing], t[f"{missing}_country"] = found._.rp_actor, index.country(found._.rp_actor)
            t["side_from"] = "context"
            t["confidence"] = min(t["confidence"], 0.4)

    def _supply_links(self, doc: Doc, index: ActorIndex) -> dict[str, set[str]]:
        """role -> the states the document puts in that role of a supply or receipt word, whatever
        is given: "sent aid to X" makes X a recipient, "X sold ..." or "bought ... from X" a
        supplier. Companies are makers, not parties; a use is no supply."""
        links: dict[str, set[str]] = {"supplier": set(), "recipient": set()}
        for tok in doc:
            frame = self.frames.get((tok.lemma_.lower(), "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN"))
            if frame is None or frame["direction"] not in ("supplier", "recipient"):
                continue
            sides = list(zip(("supplier", "recipient"), transfer_sides(tok, frame["direction"])))
            # the parse may hang "to Y" or "from X" on another word of the clause ("the decision
            # to supply another system to Y"): the supply sentence's "to", "from" and "by" objects
            for p in tok.sent:
                if p.dep_ == "pobj" and p.head.dep_ == "prep":
                    role = {"to": "recipient", "from": "supplier", "by": "supplier"}.get(p.head.lower_)
                    if role:
                        sides.append((role, p))
            for role, side in sides:
                for s in index.actor_of(side):
                    if index.type(s._.rp_actor) != "company" and index.country(s._.rp_actor):
                        links[role].add(index.country(s._.rp_actor))
        return links

    def _possession(self, span: Span, index: ActorIndex) -> tuple[Token | None, dict | None]:
        """"Pakistan's F-16 aircraft", "Pakistan's Chinese-made jets": a state's weapon of foreign
        make is one it received (SIPRI counts weapons in service); the maker's country supplies."""
        noun = _head_noun(span.root)
        owner = child(noun, "poss")
        if owner is None or not index.actor_of(owner):
            return None, None
        return noun, {"direction": "recipient", "status": "delivered", "possession": True}

    def _status(self, frame_tok: Token) -> str | None:
        """"approved the delivery of", "the decision to supply", "agreed to sell": the status a
        governing word gives the supply (planned or ordered), up to three steps above the frame."""
        node = frame_tok
        for _ in range(3):
            # "approving the delivery of X and supplying Y": a gerund or noun coordinated under the
            # governing word shares its status; a finite verb ("approved X and delivered Y") is a
            # statement of its own
            shared = node.dep_ == "conj" and node.tag_ not in _FINITE
            if node.dep_ not in ("dobj", "pobj", "prep", "xcomp", "acl", "ccomp", "pcomp", "nsubjpass") \
                    and not shared or node.head.i == node.i:
                return None
            node = node.head
            status = self.status_words.get(node.lemma_.lower())
            if status:
                return status
        return None

    def _use(self, span: Span, frame_tok: Token, index: ActorIndex, transfers: list[dict]) -> list[dict]:
        """"These weapons have been used against X": status used, and an ASSAULT event."""
        target = index.actor_of(prep_object(frame_tok, "against"))
        user = index.actor_of(subject(frame_tok))
        user_id = user[0]._.rp_actor if user else (transfers[-1]["recipient"] if transfers else None)
        if user_id is None or not target:
            return []
        tgt = target[0]._.rp_actor
        modality = frame_tok._.rp_modality or "asserted"
        start = min(span.start_char, frame_tok.idx)
        end = max(target[0].end_char, frame_tok.idx + len(frame_tok))
        last = transfers[-1] if transfers else None
        if last is not None and last["recipient_country"] == index.country(user_id) \
                and _same_story(last, span, frame_tok):
            # the supplier of the same supply story (the user received the last weapons told of):
            # a side from the context, so marked and less sure
            w = dict(span._.rp_weapon)
            w.pop("priority", None)
            w.pop("origin", None)
            transfers.append({**{k: last[k] for k in ("supplier", "supplier_country")},
                              "recipient": user_id, "recipient_country": index.country(user_id),
                              "weapon": w, "quantity": None, "status": "used", "period": None,
                              "modality": modality, "evidence": (start, end), "confidence": 0.4,
                              "side_from": "context"})
        return [{"plover": "ASSAULT", "mode": None, "context": ["military"], "cameo": "190",
                 "source": user_id, "target": tgt, "source_country": index.country(user_id),
                 "target_country": index.country(tgt), "modality": modality, "attributed_to": "AUTHOR",
                 "date": dates.of_word(frame_tok, frame_tok.doc), "location": None, "evidence": (start, end), "confidence": 0.6,
                 "trigger": frame_tok.i}]

    def _makers_from_next_sentence(self, doc: Doc, index: ActorIndex, transfers: list[dict]) -> None:
        """"... received mortars. The 120 mm calibre is from the X company": a sentence that only
        describes the weapon just named (its subject is a calibre, a model or type word, or a
        pronoun, and "from"/"by" on its main verb names a company) gives that weapon's maker.

        A sentence that merely names a company ("Officials from Boeing visited Paris") says
        nothing about the weapon before it."""
        for sent in doc.sents:
            if any(s.start >= sent.start and s.end <= sent.end for s in doc.spans[WEAPON_SPANS]):
                continue
            subj = child(sent.root, "nsubj", "nsubjpass")
            if subj is None or not (_CALIBRE.search(doc[subj.left_edge.i:subj.right_edge.i + 1].text)
                                   or subj.lemma_.lower() in _DESCRIBING_SUBJECTS):
                continue
            company_tok = prep_object(sent.root, "from", search_dobj=False) or \
                prep_object(sent.root, "by", search_dobj=False)
            companies = [s for s in index.actor_of(company_tok) if index.type(s._.rp_actor) == "company"] \
                or [s for s in index.actors_in(company_tok) if index.type(s._.rp_actor) == "company"]
            if not companies:
                continue
            before = [t for t in transfers if t["evidence"][1] <= sent.start_char and not t["weapon"].get("manufacturer")]
            if not before or before[-1]["evidence"][1] < doc[max(sent.start - 1, 0)].sent.start_char:
                continue  # only the weapon of the sentence just before
            t = before[-1]
            company = index.info[companies[0]._.rp_actor]
            t["weapon"]["manufacturer"] = company["name"]
            if t["supplier"] is None and company.get("country"):
                t["supplier"] = t["supplier_country"] = company["country"]
            calibre = _CALIBRE.search(sent.text)
            if calibre and t["weapon"].get("category"):
                t["weapon"]["name"] = f"{calibre.group(1)} mm {t['weapon']['category']}"


def _drop_repeats(transfers: list[dict]) -> list[dict]:
    """A generic mention of a supply already told ("the jets", "the weapons") is the same story:
    a transfer with no named weapon is dropped when the same pair, with the same modality, already
    has a transfer of a named weapon of that category, or, for "weapons" with no category, any
    transfer at all."""
    def key(t):
        return t["supplier_country"], t["recipient_country"], t["status"] == "used", t["modality"]
    named = {key(t) + (t["weapon"].get("category"),) for t in transfers if t["weapon"].get("family")}
    told = [key(t) for t in transfers if t["weapon"].get("category")]
    out, seen = [], set()
    for t in transfers:
        w = t["weapon"]
        if not w.get("family") and t["supplier_country"] and t["recipient_country"]:
            if (w.get("category") is None and (key(t) in seen or key(t) in told)) \
                    or key(t) + (w.get("category"),) in named:
                continue
        seen.add(key(t))
        out.append(t)
    return out


def _head_noun(tok: Token) -> Token:
    """The noun a named weapon modifies, "J-10" in "J-10 fighter jet", or the word itself."""
    if tok.dep_ in ("amod", "compound", "nmod", "nummod") and tok.head.pos_ == "NOUN" and tok.head.i > tok.i:
        return tok.head
    return tok


def _same_story(t: dict, span: Span, frame_tok: Token) -> bool:
    """A use tells of the same supply as transfer `t` when it names the same weapon family (or,
    with no family, the same category), or when it follows in the same or the next sentence."""
    w = span._.rp_weapon
    if w.get("family") and w.get("family") == t["weapon"].get("family"):
        return True
    if not w.get("family") and w.get("category") and w.get("category") == t["weapon"].get("category"):
        return True
    sent = frame_tok.sent
    prev_start = span.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    return t["evidence"][0] >= prev_start


def _same_family_side(t: dict, transfers: list[dict], missing: str) -> tuple[str, str] | None:
    """The side another transfer of the same weapon family, with the same known side, names."""
    family = t["weapon"].get("family")
    known = "supplier" if missing == "recipient" else "recipient"
    if not family:
        return None
    for o in transfers:
        if o is not t and o["weapon"].get("family") == family and o.get("side_from") is None \
                and o[f"{known}_country"] == t[f"{known}_country"] and o[missing] and o[f"{missing}_country"]:
            return o[missing], o[f"{missing}_country"]
    return None


def _context_side(doc: Doc, index: ActorIndex, t: dict, known: str | None, linked: set[str]) -> Span | None:
    """The nearest state party of the same supply story: an actor mention in the transfer's
    sentence, else in the sentence before, whose country is a state's other than the known side's
    and one the document names in the missing role of a supply word (`linked`)."""
    start, end = t["evidence"]
    sent = doc.char_span(start, end, alignment_mode="expand")
    if sent is None:
        return None
    sent = sent.sent
    prev = doc[sent.start - 1].sent if sent.start > 0 else None
    mid = (start + end) / 2
    for scope in (sent, prev):
        if scope is None:
            continue
        speaker = t.get("_speaker", -1)
        cands = [s for s in index._spans if s.start >= scope.start and s.end <= scope.end
                 and not s.start <= speaker < s.end  # who tells of the supply is no side of it
                 and index.country(s._.rp_actor) not in (None, known)
                 and index.country(s._.rp_actor) in linked
                 and index.type(s._.rp_actor) not in ("company", "location")]
        if cands:
            return min(cands, key=lambda s: abs(s.start_char - mid))
    return None


def _aid_event(t: dict, index: ActorIndex) -> dict:
    """An arms transfer is also an event: CAMEO 072, provide military aid (PLOVER AID)."""
    return {"plover": "AID", "mode": None, "context": ["military"], "cameo": "072",
            "source": t["supplier"], "target": t["recipient"], "source_country": t["supplier_country"],
            "target_country": t["recipient_country"], "modality": t["modality"], "attributed_to": "AUTHOR",
            "date": t.get("date"), "location": None, "evidence": t["evidence"], "confidence": t["confidence"],
            # a side the transfer took from the document context is one the event took from it too
            **({"side_from": t["side_from"]} if t.get("side_from") else {})}


def _seller_antecedent(frame_tok: Token) -> Token | None:
    """The antecedent of "which" when it is the object of "from" (the seller's slot)."""
    if frame_tok.dep_ != "relcl":
        return None
    subj = child(frame_tok, "nsubj")
    if subj is None or subj.tag_ not in ("WDT", "WP"):
        return None
    node = frame_tok.head
    while node.dep_ in ("pobj", "prep") and node.head.i != node.i:
        if node.dep_ == "pobj" and node.head.lower_ == "from":
            return node
        node = node.head
    return None


def _calibre_name(doc: Doc, start: int, end: int, category: str | None) -> str | None:
    window = doc[max(0, start - 3):start].text
    m = _CALIBRE.search(window)
    return f"{m.group(1)} mm {category}" if m and category else None


def _quantity(span: Span) -> int | None:
    """"four Su-30SM fighters", "12 Rafale jets", "24 howitzers": the number counting the weapon."""
    heads = [span.root] + ([span.root.head] if span.root.dep_ in ("compound", "nmod", "amod") else [])
    candidates = [c for h in heads for c in h.children if c.dep_ == "nummod"]
    doc = span.doc
    candidates += [doc[i] for i in range(max(0, span.start - 2), span.start) if doc[i].like_num]
    for c in candidates:
        text = c.text.replace(",", "")
        if text.isdigit():
            return int(text)
        if c.lower_ in _NUMBERS:
            return _NUMBERS[c.lower_]
    return None


def _period(frame_tok: Token, doc: Doc) -> dict | None:
    """"Since 2010", "between 2020 and 2022" in the frame's clause."""
    for ent in frame_tok.sent.ents:
        if ent.label_ != "DATE":
            continue
        prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        text = f"{prev} {ent.text}" if prev in ("since", "from", "between", "in", "until") else ent.text
        start, end = dates.resolve(text, doc._.rp_published)
        if start:
            return {"start": start[:4] if len(start) >= 4 else start,
                    "end": None if prev == "since" else (end[:4] if end else None)}
    return None
