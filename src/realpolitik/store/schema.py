"""The store's tables, as SQLAlchemy Core `Table` objects (no ORM).

`documents.record` holds the full `realpolitik.analysis/1` record as JSON: it is what
`Store.get()` reads back, so a stored analysis round-trips exactly. The other tables are the
same facts flattened into rows, for queries. Offsets (`start`, `end`) are Python string indices
into `documents.text`, as in the record.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

#: The documents table: one row per distinct text (id = SHA-256 of the text).
documents = Table(
    "documents", metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text),
    Column("source", Text),  # the outlet (or the file name when no outlet is known)
    Column("outlet_country", String(3)),  # ISO 3166 alpha-3 of the outlet's state, when known
    Column("url", Text),
    Column("published", String(10)),  # YYYY-MM-DD as text: sorts and compares like a date
    Column("language", String(16), nullable=False, default="en"),
    # A near-duplicate (a syndicated copy, a re-post) names the stored original it copies; its own
    # records are not analysed twice. NULL for an original.
    Column("duplicate_of", String(64)),
    Column("length", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("analysed_at", String(32), nullable=False),  # UTC, ISO 8601
    Column("pipeline", String(32), nullable=False),  # realpolitik version that wrote the record
    Column("record", Text, nullable=False),  # the analysis record, JSON
    Index("ix_documents_published", "published"),
    Index("ix_documents_duplicate_of", "duplicate_of"),
)

#: Actors shared across documents: the same id anywhere is one row (get-or-create).
actors = Table(
    "actors", metadata,
    Column("id", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(32), nullable=False),
    Column("country", String(3)),
    Column("sector", String(32)),
    Column("role", Text),  # the first role seen; the per-document role is in mentions.role
    Column("wikidata", String(32)),
    Index("ix_actors_country", "country"),
)


def _doc_fk() -> ForeignKey:
    return ForeignKey("documents.id", ondelete="CASCADE")


#: One row per mention of an actor in a document; `seq` keeps the record's order.
mentions = Table(
    "mentions", metadata,
    Column("document_id", String(64), _doc_fk(), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("actor_id", String(200), ForeignKey("actors.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("role", Text),  # the actor's role as of this document
    Column("gpe_role", String(8)),  # a state mention's ACE GPE role: org, loc, per (migration 2)
    Index("ix_mentions_actor_id", "actor_id"),
)


def _evidence_columns() -> list[Column]:
    return [Column("evidence_start", Integer, nullable=False),
            Column("evidence_end", Integer, nullable=False),
            Column("evidence_text", Text, nullable=False)]


events = Table(
    "events", metadata,
    Column("document_id", String(64), _doc_fk(), primary_key=True),
    Column("id", String(32), primary_key=True),
    Column("plover", String(16), nullable=False),
    Column("mode", String(64)),
    Column("context", Text, nullable=False, default="[]"),  # JSON list
    Column("cameo", String(8)),
    Column("quad", String(32)),
    Column("goldstein", Float),
    Column("source", String(200)),
    Column("target", String(200)),
    Column("source_country", String(3)),
    Column("target_country", String(3)),
    Column("modality", String(16), nullable=False),
    Column("attributed_to", String(200)),
    Column("date_text", Text),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("location", Text),  # JSON object or NULL
    *_evidence_columns(),
    Column("confidence", Float, nullable=False),
    Column("side_from", String(16)),  # "context" or NULL (migration 3)
    Index("ix_events_source_country", "source_country"),
    Index("ix_events_target_country", "target_country"),
    Index("ix_events_plover", "plover"),
    Index("ix_events_date_start", "date_start"),
    Index("ix_events_modality", "modality"),
)

arms_transfers = Table(
    "arms_transfers", metadata,
    Column("document_id", String(64), _doc_fk(), primary_key=True),
    Column("id", String(32), primary_key=True),
    Column("supplier", String(200)),
    Column("recipient", String(200)),
    Column("supplier_country", String(3)),
    Column("recipient_country", String(3)),
    Column("weapon_name", Text),
    Column("family", Text),
    Column("category", Text),
    Column("manufacturer", Text),
    Column("quantity", Integer),
    Column("status", String(16)),
    Column("period_start", String(10)),
    Column("period_end", String(10)),
    Column("modality", String(16), nullable=False),
    *_evidence_columns(),
    Column("confidence", Float, nullable=False),
    Column("side_from", String(16)),  # "context" or NULL (migration 3)
    Index("ix_arms_transfers_countries", "supplier_country", "recipient_country"),
    Index("ix_arms_transfers_recipient_country", "recipient_country"),
)

claims = Table(
    "claims", metadata,
    Column("document_id", String(64), _doc_fk(), primary_key=True),
    Column("id", String(32), primary_key=True),
    Column("speaker", String(200), nullable=False),
    Column("speaker_country", String(3)),
    Column("cue", Text, nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("content_text", Text, nullable=False),
    Column("modality", String(16), nullable=False),
    Column("stance", Text, nullable=False, default="[]"),  # JSON list of {toward, polarity}
    *_evidence_columns(),
)

framing = Table(
    "framing", metadata,
    Column("document_id", String(64), _doc_fk(), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("technique", String(64), nullable=False),
    Column("target", String(200)),
    Column("attributed_to", String(200), nullable=False),
)

slant = Table(
    "slant", metadata,
    Column("document_id", String(64), _doc_fk(), primary_key=True),
    Column("actor", String(200), primary_key=True),
    Column("mentions", Integer, nullable=False),
    Column("labelled", Integer, nullable=False),
    Column("share_labelled", Float, nullable=False),
    Column("tone", Float, nullable=False),
)

#: Tables holding one document's records, children first (the order deletes must run in).
PER_DOCUMENT = (mentions, events, arms_transfers, claims, framing, slant)
#: Every data table, for counts.
ALL_TABLES = (documents, actors, *PER_DOCUMENT)

__all__ = ["ALL_TABLES", "PER_DOCUMENT", "actors", "arms_transfers", "claims",
           "documents", "events", "framing", "mentions", "metadata", "slant"]
