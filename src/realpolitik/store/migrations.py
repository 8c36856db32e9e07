"""Versioned, recorded, re-runnable schema migrations.

Each migration is `(version, description, apply)`; `apply(conn)` runs inside one transaction
together with the row that records it in `schema_migrations`, so a migration is either fully
applied and recorded or not at all. Policy (see docs/storage.md): a released migration is never
edited; a schema change is a new migration appended to `MIGRATIONS`, and `schema.py` always
shows the latest shape.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Column, Connection, Engine, Integer, MetaData, String, Table, Text, func, inspect, select, text

from . import schema

log = logging.getLogger(__name__)

_migrations_meta = MetaData()
schema_migrations = Table(
    "schema_migrations", _migrations_meta,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", String(32), nullable=False),
    Column("description", Text, nullable=False),
)


@dataclass(frozen=True)
class Migration:
    """One schema step: its version number, a one-line description and the function applying it."""

    version: int
    description: str
    apply: Callable[[Connection], None]


def _initial(conn: Connection) -> None:
    # checkfirst: a database created by hand or by an interrupted older tool is completed, not broken.
    schema.metadata.create_all(conn, checkfirst=True)


def _mention_gpe_role(conn: Connection) -> None:
    # A database made by migration 1 of this version already has the column (create_all builds the
    # latest shape); one made by an older realpolitik gets it here. Old rows keep NULL: their
    # record JSON in documents.record is what a re-analysis would fill from.
    if "gpe_role" not in {c["name"] for c in inspect(conn).get_columns("mentions")}:
        conn.execute(text("ALTER TABLE mentions ADD COLUMN gpe_role VARCHAR(8)"))


def _side_from(conn: Connection) -> None:
    # As migration 2: a database made by this version's migration 1 has the columns already; older
    # rows keep NULL (their sides were the clause's as far as the record tells).
    for table in ("events", "arms_transfers"):
        if "side_from" not in {c["name"] for c in inspect(conn).get_columns(table)}:
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN side_from VARCHAR(16)"))


def _outlet_and_duplicates(conn: Connection) -> None:
    # As migrations 2 and 3: a database made by this version's migration 1 has the columns already.
    have = {c["name"] for c in inspect(conn).get_columns("documents")}
    if "outlet_country" not in have:
        conn.execute(text("ALTER TABLE documents ADD COLUMN outlet_country VARCHAR(3)"))
    if "duplicate_of" not in have:
        conn.execute(text("ALTER TABLE documents ADD COLUMN duplicate_of VARCHAR(64)"))
    if "ix_documents_duplicate_of" not in {i["name"] for i in inspect(conn).get_indexes("documents")}:
        conn.execute(text("CREATE INDEX ix_documents_duplicate_of ON documents (duplicate_of)"))


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, actors, mentions, events, arms_transfers, claims, framing, slant", _initial),
    Migration(2, "mentions.gpe_role: a state mention's role (org, loc, per)", _mention_gpe_role),
    Migration(3, "events.side_from, arms_transfers.side_from: a side filled from the document context",
              _side_from),
    Migration(4, "documents.outlet_country, documents.duplicate_of: the outlet's state and the original "
                 "a near-duplicate copies", _outlet_and_duplicates),
)
#: The version a fully migrated database is at.
LATEST = MIGRATIONS[-1].version


def current_version(engine: Engine) -> int:
    """The highest applied migration version; 0 for an empty database."""
    if not inspect(engine).has_table(schema_migrations.name):
        return 0
    with engine.connect() as conn:
        return conn.execute(select(func.max(schema_migrations.c.version))).scalar() or 0


def applied(engine: Engine) -> list[dict]:
    """The recorded migrations, oldest first."""
    if not inspect(engine).has_table(schema_migrations.name):
        return []
    with engine.connect() as conn:
        rows = conn.execute(select(schema_migrations).order_by(schema_migrations.c.version))
        return [dict(r._mapping) for r in rows]


def migrate(engine: Engine) -> list[int]:
    """Apply every pending migration, each in its own transaction; return the versions applied."""
    _migrations_meta.create_all(engine, checkfirst=True)
    done: list[int] = []
    for migration in MIGRATIONS:
        if _apply_one(engine, migration):
            done.append(migration.version)
    return done


def _apply_one(engine: Engine, migration: Migration) -> bool:
    with engine.begin() as conn:
        seen = conn.execute(select(schema_migrations.c.version)
                            .where(schema_migrations.c.version == migration.version)).first()
        if seen is not None:
            return False
        log.info("applying migration %d: %s", migration.version, migration.description)
        migration.apply(conn)
        conn.execute(schema_migrations.insert().values(
            version=migration.version, description=migration.description,
            applied_at=datetime.now(timezone.utc).isoformat(timespec="seconds")))
        return True
