"""Framing: loaded wording, the actor it targets, and whose words they are.

Labels that name a state without its name ("Zionist regime", "Kyiv regime") come from the actor
stage; loaded words from `kb/data/framing.tsv` (SemEval-2020 Task 11 techniques), skipping rows
marked `weak` (words common in neutral reporting). Official names are never labels. Words inside
quotation marks are the quoted speaker's, not the writer's. A per-actor slant summary follows.
"""

from __future__ import annotations

from collections import Counter

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..kb import KnowledgeBase, norm
from .args import ActorIndex, child
from .extensions import ACTOR_SPANS

_OPEN_QUOTES = {'"', "“", "«", "‘"}
_CLOSE_QUOTES = {'"', "”", "»", "’"}


class FramingDetector:
    """`realpolitik_framing_v1`: fills doc._.rp_framing and doc._.rp_slant."""

    def __init__(self, nlp, kb: KnowledgeBase, *, include_weak: bool = False):
        self.kb = kb
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.prefixes: list[tuple[str, str]] = []
        by_technique: dict[str, list[str]] = {}
        for r in kb.table("framing"):
            if "weak" in r.get("note", "") and not include_weak:
                continue
            if r.get("match") == "prefix":
                self.prefixes.append((r["text"], r["technique"]))
            else:
                by_technique.setdefault(r["technique"], []).append(r["text"])
        for technique, texts in by_technique.items():
            self.matcher.add(technique, list(nlp.tokenizer.pipe(dict.fromkeys(texts))))

    def __call__(self, doc: Doc) -> Doc:
        index = ActorIndex(doc)
        quoted = _quoted_tokens(doc)
        spans: list[dict] = []
        label_tokens = set()
        for m in doc.spans.get(ACTOR_SPANS, []):
            if m._.rp_kind == "label":
                technique = self.kb.label_techniques.get(norm(m.text))
                if technique:
                    spans.append(self._span(doc, m.start, m.end, technique, m._.rp_actor, index, quoted))
                    label_tokens.update(range(m.start, m.end))
        hits = [(doc.vocab.strings[k], s, e) for k, s, e in self.matcher(doc)]
        hits += [(tech, t.i, t.i + 1) for t in doc for pre, tech in self.prefixes if t.lower_.startswith(pre)]
        actor_tokens = {i for m in doc.spans.get(ACTOR_SPANS, []) if m._.rp_kind != "label"
                        for i in range(m.start, m.end)}
        for technique, start, end in sorted(hits, key=lambda h: (h[1], -(h[2] - h[1]))):
            toks = set(range(start, end))
            if toks & label_tokens or toks & actor_tokens:
                continue  # official names and labels already coded are not loaded words
            target = self._target(doc[start:end], index)
            spans.append(self._span(doc, start, end, technique, target, index, quoted))
        doc._.rp_framing = _dedupe(spans)
        doc._.rp_slant = _slant(doc, doc._.rp_framing)
        return doc

    def _span(self, doc, start, end, technique, target, index, quoted) -> dict:
        return {"start": doc[start].idx, "end": doc[end - 1].idx + len(doc[end - 1]),
                "text": doc[start:end].text, "technique": technique, "target": target,
                "attributed_to": self._speaker(doc[start:end], index) if start in quoted else "AUTHOR"}

    @staticmethod
    def _target(span: Span, index: ActorIndex) -> str | None:
        """The actor the wording is aimed at: its own phrase, the clause's subject, the nearest actor."""
        doc = span.doc
        if span.start >= 2 and doc[span.start - 1].text in ("'s", "’s", "'", "’") and index.at(doc[span.start - 2]):
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
        return before[-1]._.rp_actor if before else None

    @staticmethod
    def _speaker(span: Span, index: ActorIndex) -> str:
        for tok in span.sent:
            if tok._.rp_speaker is not None and tok._.rp_speaker >= 0:
                found = index.actor_of(span.doc[tok._.rp_speaker])
                if found:
                    return found[0]._.rp_actor
        root = span.sent.root
        subj = child(root, "nsubj")
        found = index.actor_of(subj)
        return found[0]._.rp_actor if found else "UNKNOWN_SPEAKER"


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
