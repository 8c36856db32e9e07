"""Every spaCy factory of realpolitik, in one place (versioned names, assigns/requires)."""

from __future__ import annotations

from spacy.language import Language

from ..kb import KnowledgeBase


def _kb(kb_dirs: list[str]) -> KnowledgeBase:
    return KnowledgeBase.load(extra_dirs=tuple(kb_dirs))


@Language.factory(
    "realpolitik_actors_v1",
    default_config={"kb_dirs": [], "fuzzy_cutoff": 0.7},
    assigns=["doc.ents", "doc.spans", "doc._.rp_actor_info", "span._.rp_actor", "span._.rp_kind"],
    requires=["doc.ents", "token.tag", "token.dep"],  # token.pos: the attribute ruler maps it from token.tag
)
def make_actor_linker(nlp: Language, name: str, kb_dirs: list[str], fuzzy_cutoff: float):
    from .actors import ActorLinker

    return ActorLinker(nlp, _kb(kb_dirs), fuzzy_cutoff=fuzzy_cutoff)


@Language.factory(
    "realpolitik_modality_v1",
    default_config={"kb_dirs": []},
    assigns=["token._.rp_modality", "token._.rp_modality_cue", "token._.rp_speaker"],
    requires=["token.dep", "token.lemma", "token.tag"],  # token.pos comes from token.tag
)
def make_modality_tagger(nlp: Language, name: str, kb_dirs: list[str]):
    from .modality import ModalityTagger

    return ModalityTagger(nlp, _kb(kb_dirs))


@Language.factory(
    "realpolitik_paragraphs_v1",
    default_config={"kb_dirs": []},
    assigns=["token.is_sent_start"],
)
def make_paragraph_splitter(nlp: Language, name: str, kb_dirs: list[str]):
    from .context import ParagraphSplitter

    return ParagraphSplitter(nlp)


@Language.factory(
    "realpolitik_context_v1",
    default_config={"kb_dirs": []},
    assigns=["doc._.rp_speaker_states"],
    requires=["doc.spans", "token._.rp_speaker"],
)
def make_context_tagger(nlp: Language, name: str, kb_dirs: list[str]):
    from .context import ContextTagger

    return ContextTagger(nlp)


@Language.factory(
    "realpolitik_events_v1",
    default_config={"kb_dirs": []},
    assigns=["doc._.rp_events"],
    requires=["doc.spans", "token.dep", "token.lemma", "token._.rp_modality"],
)
def make_event_coder(nlp: Language, name: str, kb_dirs: list[str]):
    from .events import EventCoder

    return EventCoder(nlp, _kb(kb_dirs))


@Language.factory(
    "realpolitik_arms_v1",
    default_config={"kb_dirs": []},
    assigns=["doc.spans", "doc._.rp_transfers", "doc._.rp_arms_events", "span._.rp_weapon"],
    requires=["doc.spans", "token.dep", "token._.rp_modality"],
)
def make_arms_extractor(nlp: Language, name: str, kb_dirs: list[str]):
    from .arms import ArmsExtractor

    return ArmsExtractor(nlp, _kb(kb_dirs))


@Language.factory(
    "realpolitik_claims_v1",
    default_config={"kb_dirs": []},
    assigns=["doc._.rp_claims"],
    requires=["doc.spans", "token.dep", "token.lemma"],
)
def make_claim_extractor(nlp: Language, name: str, kb_dirs: list[str]):
    from .claims import ClaimExtractor

    return ClaimExtractor(nlp, _kb(kb_dirs))


@Language.factory(
    "realpolitik_framing_v1",
    default_config={"kb_dirs": [], "include_weak": False},
    assigns=["doc._.rp_framing", "doc._.rp_slant"],
    requires=["doc.spans", "token.dep", "token._.rp_speaker"],
)
def make_framing_detector(nlp: Language, name: str, kb_dirs: list[str], include_weak: bool):
    from .framing import FramingDetector

    return FramingDetector(nlp, _kb(kb_dirs), include_weak=include_weak)
