"""GPE role: whether a state's mention stands for the state acting ("org"), its territory ("loc") or
its people ("per"), after ACE's GPE mention roles."""

from __future__ import annotations

from spacy.tokens import Span

from .common import _AGENT_DEPS, _STATE_NAME_KINDS, LOCATIVE


class GpeRoles:
    """Sets `span._.rp_gpe_role` on the mentions of states."""

    def _gpe_roles(self, spans: list[Span], info: dict) -> None:
        for span in spans:
            if self._type(span._.rp_actor, info) != "state":
                continue
            if span._.rp_kind in _STATE_NAME_KINDS:
                span._.rp_gpe_role = _gpe_role(span, self.agent_nouns)
            elif span._.rp_kind == "demonym" and _population(span):
                span._.rp_gpe_role = "per"


def _gpe_role(span: Span, agent_nouns: set[str] = frozenset()) -> str | None:
    """Whether a state's name stands for the state acting ("org") or for its territory ("loc").

    ACE's GPE mention roles: the subject of a clause ("France continues to value ..."), the agent
    of a passive ("was struck by Turkey"), a partner ("work with Jordan") and the possessor or
    modifier of an act ("Australia's efforts", "U.S. airstrikes", one of `agent_nouns`) are the
    state as an organisation; the object of a locative preposition ("in Syria") is the place.
    Conjuncts take their first conjunct's role. Anything else stays undecided (None).
    """
    head = span.root
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ in _AGENT_DEPS:
        return "org"
    if head.dep_ in ("poss", "compound", "nmod") and head.head.pos_ == "NOUN" and \
            (head.head.lemma_.lower() in agent_nouns or head.head.lower_ in agent_nouns):
        return "org"
    if head.dep_ == "pobj":
        prep = head.head
        if prep.dep_ == "agent" or (prep.lower_ == "with" and prep.head.pos_ in ("VERB", "AUX")):
            return "org"
        if prep.lower_ in LOCATIVE:
            return "loc"
    return None


def _population(span: Span) -> bool:
    """A plural demonym standing alone as a noun: the state's people ("Syrians", "the Iraqis")."""
    root = span.root
    return root.dep_ not in ("amod", "compound") and (root.tag_ in ("NNS", "NNPS") or span.text.endswith("s")) \
        and not span.text.endswith(("ss", "ese"))
