"""`Store`: save analyses and query them, over SQLite (default) or PostgreSQL, through SQLAlchemy Core."""

from __future__ import annotations

import json
from dataclasses import asdict, is_dataclass
import logging
import os
import sys
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from ..about import __version__
from ..records import Analysis
from . import migrations
from .schema import ALL_TABLES, PER_DOCUMENT, actors, arms_transfers, claims, documents, events, framing, mentions, slant

log = logging.getLogger(__name__)

#: Environment variable naming the database URL.
ENV_VAR = "REALPOLITIK_DB"
#: Default row limit of the query methods.
DEFAULT_LIMIT = 100


class StoreError(RuntimeError):
    """The database cannot be opened or used; the message is one line meant for the user."""


def default_path() -> Path:
    """The per-user SQLite file: XDG data dir on Linux, Application Support on macOS."""
    if sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "realpolitik" / "realpolitik.sqlite"


def resolve_url(url: str | None = None) -> str:
    """The database URL to use: the argument, else $REALPOLITIK_DB, else the per-user SQLite file.

    `postgresql://` and `postgres://` become `postgresql+psycopg://` (psycopg 3); a bare file
    path becomes a SQLite URL.
    """
    url = url or os.environ.get(ENV_VAR) or f"sqlite:///{default_path()}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    return url


def mask(url: str) -> str:
    """The URL with its password hidden, for display."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers (web page, queries) run while an analysis batch writes.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An Engine for `url` (already resolved), with SQLite's pragmas set on every connection."""
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise StoreError(f"cannot use database URL {mask(url)!r}: {exc}") from exc
    except ImportError as exc:  # the driver is an extra: `pip install 'realpolitik[postgres]'`
        extra = " (install it with: pip install 'realpolitik[postgres]')" if "psycopg" in str(exc) else ""
        raise StoreError(f"cannot use database URL {mask(url)!r}: missing driver {exc.name!r}{extra}") from exc
    except OSError as exc:
        raise StoreError(f"cannot create the database folder for {mask(url)!r}: {exc.strerror}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """Analyses in a database: `save()`, `get()`, and the `actors`/`events`/`transfers` queries."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str | None = None, *, migrate: bool = True) -> "Store":
        """Open (creating if needed) the database at `url` (see `resolve_url`) and migrate it."""
        engine = make_engine(resolve_url(url))
        store = cls(engine)
        if migrate:
            store.migrate()
        return store

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    @property
    def url(self) -> str:
        """The database URL with the password masked."""
        return self.engine.url.render_as_string(hide_password=True)

    def migrate(self) -> list[int]:
        """Apply pending migrations; return the versions applied."""
        try:
            return migrations.migrate(self.engine)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open database {self.url}: {_reason(exc)}") from exc

    # -- writing --------------------------------------------------------------------------------

    def save(self, analysis: Analysis) -> bool:
        """Store one analysis in one transaction; return True if the document was new.

        The same text is the same document: re-saving replaces its records (delete, then insert,
        in the same transaction), so a failure leaves the previous version intact.
        """
        doc_id = analysis.document.id
        try:
            with self.engine.begin() as conn:
                is_new = conn.execute(select(documents.c.id).where(documents.c.id == doc_id)).first() is None
                if not is_new:
                    _delete_document(conn, doc_id)
                _insert_document(conn, analysis)
                _upsert_actors(conn, analysis.actors)
                for table, rows in _child_rows(analysis):
                    _insert_rows(conn, table, rows)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store document {doc_id[:12]}: {_reason(exc)}") from exc
        return is_new

    def delete(self, doc_id: str) -> bool:
        """Remove a document and its records; return whether it was there."""
        with self.engine.begin() as conn:
            found = conn.execute(select(documents.c.id).where(documents.c.id == doc_id)).first()
            _delete_document(conn, doc_id)
        return found is not None

    # -- reading --------------------------------------------------------------------------------

    def has(self, doc_id: str) -> bool:
        """Whether the document is stored."""
        with self.engine.connect() as conn:
            return conn.execute(select(documents.c.id).where(documents.c.id == doc_id)).first() is not None

    def get(self, doc_id: str) -> Analysis | None:
        """The stored Analysis of a document, text included; None when it is not stored."""
        with self.engine.connect() as conn:
            row = conn.execute(select(documents.c.record, documents.c.text)
                               .where(documents.c.id == doc_id)).first()
        if row is None:
            return None
        return Analysis.from_dict(json.loads(row.record), text=row.text)

    def documents(self, *, limit: int | None = DEFAULT_LIMIT) -> list[dict]:
        """Stored documents' metadata, newest published first."""
        cols = [documents.c[n] for n in ("id", "title", "source", "url", "published", "language",
                                         "length", "analysed_at", "pipeline")]
        query = select(*cols).order_by(documents.c.published.desc().nulls_last(), documents.c.id).limit(limit)
        return self._rows(query)

    def actors(self, *, country: str | None = None, type: str | None = None,  # noqa: A002
               name: str | None = None, limit: int | None = DEFAULT_LIMIT) -> list[dict]:
        """Actors with their mention and document counts, most mentioned first.

        `country` is an ISO3 code; `type` an actor type; `name` a case-insensitive substring of
        the name or the id.
        """
        n_mentions = func.count(mentions.c.actor_id).label("mentions")
        n_docs = func.count(mentions.c.document_id.distinct()).label("documents")
        query = (select(actors, n_mentions, n_docs)
                 .select_from(actors.outerjoin(mentions, mentions.c.actor_id == actors.c.id))
                 .group_by(*actors.c)
                 .order_by(n_mentions.desc(), actors.c.name, actors.c.id)
                 .limit(limit))
        if country:
            query = query.where(actors.c.country == country.upper())
        if type:
            query = query.where(actors.c.type == type)
        if name:
            pattern = f"%{_escape_like(name.lower())}%"
            query = query.where(or_(func.lower(actors.c.name).like(pattern, escape="\\"),
                                    func.lower(actors.c.id).like(pattern, escape="\\")))
        return self._rows(query)

    def events(self, *, actor: str | None = None, country: str | None = None,
               category: str | None = None, since: str | None = None, until: str | None = None,
               modality: str | None = None, min_confidence: float = 0.0,
               limit: int | None = DEFAULT_LIMIT) -> list[dict]:
        """Events, newest first, with the names of their source and target actors.

        `actor` matches the source or target id or name (case-insensitive); `country` either
        side's country; `since`/`until` (YYYY-MM-DD, inclusive) compare the event's date, or the
        document's published date when the text gives none; `min_confidence` keeps events whose
        confidence is at least that.
        """
        src, tgt = actors.alias("src"), actors.alias("tgt")
        when = func.coalesce(events.c.date_start, documents.c.published)
        query = (select(events, src.c.name.label("source_name"), tgt.c.name.label("target_name"),
                        documents.c.title.label("document_title"),
                        documents.c.published.label("document_published"), when.label("when"))
                 .select_from(events.join(documents, documents.c.id == events.c.document_id)
                              .outerjoin(src, src.c.id == events.c.source)
                              .outerjoin(tgt, tgt.c.id == events.c.target))
                 .order_by(when.desc().nulls_last(), events.c.document_id, events.c.id)
                 .limit(limit))
        if actor:
            query = query.where(_actor_filter(actor, (events.c.source, src), (events.c.target, tgt)))
        if country:
            query = query.where(or_(events.c.source_country == country.upper(),
                                    events.c.target_country == country.upper()))
        if category:
            query = query.where(events.c.plover == category.upper())
        if since:
            query = query.where(when >= since)
        if until:
            query = query.where(when <= until)
        if modality:
            query = query.where(events.c.modality == modality)
        if min_confidence > 0:
            query = query.where(events.c.confidence >= min_confidence)
        return [_event_dict(r) for r in self._rows(query)]

    def transfers(self, *, supplier: str | None = None, recipient: str | None = None,
                  country: str | None = None, weapon: str | None = None,
                  modality: str | None = None, min_confidence: float = 0.0,
                  limit: int | None = DEFAULT_LIMIT) -> list[dict]:
        """Arms transfers with the names of supplier and recipient.

        `supplier`/`recipient` match the actor id, name or country; `country` either side's
        country; `weapon` a case-insensitive substring of the weapon's name, family or category;
        `min_confidence` keeps transfers whose confidence is at least that.
        """
        sup, rec = actors.alias("sup"), actors.alias("rec")
        t = arms_transfers
        query = (select(t, sup.c.name.label("supplier_name"), rec.c.name.label("recipient_name"),
                        documents.c.title.label("document_title"),
                        documents.c.published.label("document_published"))
                 .select_from(t.join(documents, documents.c.id == t.c.document_id)
                              .outerjoin(sup, sup.c.id == t.c.supplier)
                              .outerjoin(rec, rec.c.id == t.c.recipient))
                 .order_by(documents.c.published.desc().nulls_last(), t.c.document_id, t.c.id)
                 .limit(limit))
        if supplier:
            query = query.where(or_(_actor_filter(supplier, (t.c.supplier, sup)),
                                    t.c.supplier_country == supplier.upper()))
        if recipient:
            query = query.where(or_(_actor_filter(recipient, (t.c.recipient, rec)),
                                    t.c.recipient_country == recipient.upper()))
        if country:
            query = query.where(or_(t.c.supplier_country == country.upper(),
                                    t.c.recipient_country == country.upper()))
        if weapon:
            pattern = f"%{_escape_like(weapon.lower())}%"
            query = query.where(or_(*(func.lower(c).like(pattern, escape="\\")
                                      for c in (t.c.weapon_name, t.c.family, t.c.category))))
        if modality:
            query = query.where(t.c.modality == modality)
        if min_confidence > 0:
            query = query.where(t.c.confidence >= min_confidence)
        return self._rows(query)

    def info(self) -> dict:
        """The URL (password masked), schema version, applied migrations and row counts."""
        with self.engine.connect() as conn:
            counts = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                      for t in ALL_TABLES}
        return {"url": self.url, "dialect": self.engine.dialect.name,
                "schema_version": migrations.current_version(self.engine),
                "latest_version": migrations.LATEST, "counts": counts}

    def _rows(self, query: Any) -> list[dict]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]


# -- helpers ------------------------------------------------------------------------------------

def _reason(exc: SQLAlchemyError) -> str:
    """The first line of the driver's message, without SQLAlchemy's background link."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _actor_filter(value: str, *sides: tuple[Any, Any]) -> Any:
    """Match an actor id (exact) or name (case-insensitive) on any of the given sides."""
    lowered = value.lower()
    return or_(*(or_(column == value, func.lower(alias.c.name) == lowered) for column, alias in sides))


def _event_dict(row: dict) -> dict:
    row["context"] = json.loads(row["context"]) if row["context"] else []
    row["location"] = json.loads(row["location"]) if row["location"] else None
    return row


def _delete_document(conn: Connection, doc_id: str) -> None:
    # Explicit deletes, children first: correct even where ON DELETE CASCADE is not enforced.
    for table in PER_DOCUMENT:
        conn.execute(delete(table).where(table.c.document_id == doc_id))
    conn.execute(delete(documents).where(documents.c.id == doc_id))


def _insert_document(conn: Connection, analysis: Analysis) -> None:
    doc = analysis.document
    conn.execute(documents.insert().values(
        id=doc.id, title=doc.title, source=doc.source, outlet_country=doc.outlet_country, url=doc.url,
        published=doc.published,
        language=doc.language, length=doc.length, text=doc.text, analysed_at=_now(),
        pipeline=__version__, record=json.dumps(analysis.to_dict(), ensure_ascii=False)))


def _insert_rows(conn: Connection, table: Any, rows: list[dict]) -> None:
    if rows:
        conn.execute(table.insert(), rows)


def _upsert_actors(conn: Connection, found: Iterable[Any]) -> None:
    """Get-or-create each actor by id; fill attributes an earlier document left empty."""
    rows = {a.id: {"id": a.id, "name": a.name, "type": a.type, "country": a.country,
                   "sector": a.sector, "role": a.role, "wikidata": a.wikidata} for a in found}
    if not rows:
        return
    insert = (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(actors)
    conn.execute(insert.on_conflict_do_nothing(index_elements=["id"]), list(rows.values()))
    for column in ("country", "sector", "role", "wikidata"):
        gaps = [{"aid": r["id"], "value": r[column]} for r in rows.values() if r[column] is not None]
        if gaps:
            conn.execute(update(actors)
                         .where(and_(actors.c.id == bindparam("aid"), actors.c[column].is_(None)))
                         .values({column: bindparam("value")}), gaps)


def _child_rows(analysis: Analysis) -> list[tuple[Any, list[dict]]]:
    """Each per-document table with the rows this analysis puts in it."""
    doc_id = analysis.document.id
    return [
        (mentions, _mention_rows(doc_id, analysis)),
        (events, [_event_row(doc_id, e) for e in analysis.events]),
        (arms_transfers, [_transfer_row(doc_id, t) for t in analysis.arms_transfers]),
        (claims, [_claim_row(doc_id, c) for c in analysis.claims]),
        (framing, [{"document_id": doc_id, "seq": i, "start": f.start, "end": f.end, "text": f.text,
                    "technique": f.technique, "target": f.target, "attributed_to": f.attributed_to}
                   for i, f in enumerate(analysis.framing)]),
        (slant, [{"document_id": doc_id, "actor": s.actor, "mentions": s.mentions,
                  "labelled": s.labelled, "share_labelled": s.share_labelled, "tone": s.tone}
                 for s in analysis.slant]),
    ]


def _mention_rows(doc_id: str, analysis: Analysis) -> list[dict]:
    pairs = [(a, m) for a in analysis.actors for m in a.mentions]
    return [{"document_id": doc_id, "seq": i, "actor_id": a.id, "start": m.start, "end": m.end,
             "text": m.text, "kind": m.kind, "role": a.role, "gpe_role": m.gpe_role} for i, (a, m) in enumerate(pairs)]


def _evidence(span: Any, prefix: str = "evidence") -> dict:
    return {f"{prefix}_start": span.start, f"{prefix}_end": span.end, f"{prefix}_text": span.text}


def _event_row(doc_id: str, e: Any) -> dict:
    date = e.date
    return {"document_id": doc_id, "id": e.id, "plover": e.plover, "mode": e.mode,
            "context": _json(list(e.context or [])), "cameo": e.cameo, "quad": e.quad,
            "goldstein": e.goldstein, "source": e.source, "target": e.target,
            "source_country": e.source_country, "target_country": e.target_country,
            "modality": e.modality, "attributed_to": e.attributed_to,
            "date_text": date.text if date else None, "date_start": date.start if date else None,
            "date_end": date.end if date else None,
            "location": _json(_plain(e.location)), **_evidence(e.evidence),
            "confidence": e.confidence, "side_from": e.side_from}


def _transfer_row(doc_id: str, t: Any) -> dict:
    w, p = t.weapon, t.period
    return {"document_id": doc_id, "id": t.id, "supplier": t.supplier, "recipient": t.recipient,
            "supplier_country": t.supplier_country, "recipient_country": t.recipient_country,
            "weapon_name": w.name, "family": w.family, "category": w.category,
            "manufacturer": w.manufacturer, "quantity": t.quantity, "status": t.status,
            "period_start": p.start if p else None, "period_end": p.end if p else None,
            "modality": t.modality, **_evidence(t.evidence), "confidence": t.confidence,
            "side_from": t.side_from}


def _claim_row(doc_id: str, c: Any) -> dict:
    return {"document_id": doc_id, "id": c.id, "speaker": c.speaker,
            "speaker_country": c.speaker_country, "cue": c.cue, **_evidence(c.content, "content"),
            "modality": c.modality, "stance": _json([_plain(s) for s in c.stance or []]),
            **_evidence(c.evidence)}


def _plain(obj: Any) -> Any:
    if obj is None:
        return None
    return asdict(obj) if is_dataclass(obj) else obj
