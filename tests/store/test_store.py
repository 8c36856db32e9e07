"""The SQLite store: dedup, round trip, queries, atomic saves, migrations, info."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from realpolitik.records import Analysis
from realpolitik.store import Store, StoreError, current_version, db, default_path, resolve_url
from realpolitik.store.migrations import LATEST, applied, migrate


@pytest.fixture
def url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'rp.sqlite'}"


@pytest.fixture
def store(url):
    with Store.open(url) as s:
        yield s


def test_save_twice_stores_one_document(store, a):
    assert store.save(a) is True
    assert store.save(a) is False
    assert store.info()["counts"]["documents"] == 1
    assert store.info()["counts"]["events"] == len(a.events)
    assert store.info()["counts"]["mentions"] == sum(len(x.mentions) for x in a.actors)


def test_round_trip_equals_to_dict(store, a, b):
    store.save(a)
    store.save(b)
    for original in (a, b):
        back = store.get(original.document.id)
        assert isinstance(back, Analysis)
        assert back.to_dict() == original.to_dict()
        assert back.document.text == original.document.text


def test_get_and_has_unknown(store):
    assert store.get("0" * 64) is None
    assert store.has("0" * 64) is False


def test_reanalysis_replaces_records(store, a):
    store.save(a)
    a.events = a.events[:1]
    a.framing = []
    assert store.save(a) is False
    assert store.get(a.document.id).to_dict() == a.to_dict()
    counts = store.info()["counts"]
    assert counts["events"] == 1 and counts["framing"] == 0


def test_actors_are_shared_across_documents(store, a, b):
    store.save(a)
    store.save(b)
    israel = [r for r in store.actors() if r["id"] == "ISR"]
    assert len(israel) == 1
    assert israel[0]["documents"] == 2 and israel[0]["mentions"] == 2
    assert store.info()["counts"]["actors"] == 6


def test_actor_gaps_are_filled_not_overwritten(store, a, b):
    store.save(b)  # Israel without wikidata
    store.save(a)  # Israel with wikidata Q801
    (israel,) = store.actors(name="israel")
    assert israel["wikidata"] == "Q801"


def test_actor_filters(store, a, b):
    store.save(a)
    store.save(b)
    assert {r["id"] for r in store.actors(country="aze")} == {"AZE", "Q-aliyev"}
    assert {r["id"] for r in store.actors(type="person")} == {"Q-aliyev", "Q-netanyahu"}
    assert [r["id"] for r in store.actors(name="aliyev")] == ["Q-aliyev"]
    assert len(store.actors(limit=2)) == 2
    assert store.actors()[0]["id"] == "AZE"  # most mentioned first


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({}, {"e1", "e2", "b:e1", "b:e2"}),
    ({"actor": "AZE"}, {"e1", "e2"}),
    ({"actor": "azerbaijan"}, {"e1", "e2"}),
    ({"actor": "Ilham Aliyev"}, {"b:e1"}),
    ({"country": "IRN"}, {"b:e2"}),
    ({"country": "aze"}, {"e1", "e2", "b:e1"}),
    ({"category": "assault"}, {"e1"}),
    ({"modality": "hypothetical"}, {"b:e2"}),
    ({"since": "2022-01-01"}, {"e1", "e2"}),
    ({"until": "2017-01-01"}, {"b:e1", "b:e2"}),  # no date in the text: the published date counts
    ({"since": "2022-09-13", "until": "2022-09-13", "category": "ACCUSE"}, {"e2"}),
])
def test_event_filters(store, a, b, kwargs, expected):
    store.save(a)
    store.save(b)
    rows = store.events(**kwargs)
    got = {("b:" if r["document_id"] == b.document.id else "") + r["id"] for r in rows}
    assert got == expected


def test_event_rows_carry_names_and_json(store, a):
    store.save(a)
    (e1,) = store.events(category="ASSAULT")
    assert e1["source_name"] == "Azerbaijan" and e1["target_name"] == "Armenia"
    assert e1["location"] == {"name": "Jermuk", "country": "ARM", "lat": 39.84, "lon": 45.67}
    assert e1["context"] == ["military"]
    assert a.document.text[e1["evidence_start"]:e1["evidence_end"]] == e1["evidence_text"]
    assert len(store.events(limit=1)) == 1


@pytest.mark.parametrize(("kwargs", "n"), [
    ({}, 1), ({"supplier": "ISR"}, 1), ({"supplier": "israel"}, 1), ({"supplier": "AZE"}, 0),
    ({"recipient": "Azerbaijan"}, 1), ({"country": "AZE"}, 1), ({"country": "ARM"}, 0),
    ({"weapon": "barak"}, 1), ({"weapon": "surface-to-air"}, 1), ({"weapon": "Harop"}, 0),
    ({"modality": "asserted"}, 1), ({"modality": "negated"}, 0), ({"weapon": "%"}, 0),
])
def test_transfer_filters(store, a, b, kwargs, n):
    store.save(a)
    store.save(b)
    rows = store.transfers(**kwargs)
    assert len(rows) == n
    if rows:
        assert rows[0]["quantity"] == 2 and rows[0]["supplier_name"] == "Israel"


def test_failure_mid_save_leaves_nothing(store, a, monkeypatch):
    real = db._insert_rows

    def failing(conn, table, rows):
        if table.name == "events":
            raise RuntimeError("disk on fire")
        real(conn, table, rows)

    monkeypatch.setattr(db, "_insert_rows", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.save(a)
    assert not store.has(a.document.id)
    assert all(n == 0 for n in store.info()["counts"].values())


def test_failure_during_resave_keeps_the_previous_version(store, a, monkeypatch):
    store.save(a)
    before = store.get(a.document.id).to_dict()
    monkeypatch.setattr(db, "_insert_rows", lambda conn, table, rows: (_ for _ in ()).throw(
        RuntimeError("boom")) if table.name == "claims" else None)
    with pytest.raises(RuntimeError):
        store.save(a)
    assert store.get(a.document.id).to_dict() == before
    assert store.info()["counts"]["events"] == len(a.events)


def test_database_error_becomes_store_error(store, a):
    a.events.append(a.events[0])  # a duplicate (document_id, id) key
    with pytest.raises(StoreError, match="cannot store document"):
        store.save(a)
    assert not store.has(a.document.id)


def test_migrations_recorded_and_rerunnable(store):
    assert current_version(store.engine) == LATEST
    assert migrate(store.engine) == []
    assert migrate(store.engine) == []
    rows = applied(store.engine)
    assert [r["version"] for r in rows] == list(range(1, LATEST + 1))
    assert all(r["applied_at"] and r["description"] for r in rows)


def test_migrate_on_empty_database(url):
    with Store.open(url, migrate=False) as s:
        assert current_version(s.engine) == 0
        assert s.migrate() == list(range(1, LATEST + 1))
        assert current_version(s.engine) == LATEST


def test_reopen_keeps_data(url, a):
    with Store.open(url) as s:
        s.save(a)
    with Store.open(url) as s:
        assert s.has(a.document.id)


def test_info(store, a):
    store.save(a)
    info = store.info()
    assert info["schema_version"] == LATEST and info["dialect"] == "sqlite"
    assert info["counts"] == {"documents": 1, "actors": 3, "mentions": 4, "events": 2, "arms_transfers": 1,
                              "claims": 1, "framing": 1, "slant": 1}


def test_sqlite_pragmas(store):
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_cascade_on_document_delete(store, a):
    store.save(a)
    assert store.delete(a.document.id) is True
    counts = store.info()["counts"]
    assert counts["documents"] == counts["events"] == counts["mentions"] == 0
    assert counts["actors"] == 3  # actors are shared: they stay


def test_raw_cascade(tmp_path, a):
    path = tmp_path / "c.sqlite"
    with Store.open(str(path)) as s:
        s.save(a)
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("DELETE FROM documents")
    con.commit()
    assert con.execute("SELECT count(*) FROM events").fetchone() == (0,)
    con.close()


def test_url_resolution(monkeypatch, tmp_path):
    monkeypatch.delenv("REALPOLITIK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if not db.sys.platform == "darwin":
        assert default_path() == tmp_path / "xdg" / "realpolitik" / "realpolitik.sqlite"
    assert resolve_url() == f"sqlite:///{default_path()}"
    monkeypatch.setenv("REALPOLITIK_DB", "sqlite:///env.sqlite")
    assert resolve_url() == "sqlite:///env.sqlite"
    assert resolve_url("postgresql://u:p@h/d") == "postgresql+psycopg://u:p@h/d"
    assert resolve_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert resolve_url("postgresql+psycopg://u@h/d") == "postgresql+psycopg://u@h/d"
    assert resolve_url(str(tmp_path / "f.sqlite")) == f"sqlite:///{tmp_path / 'f.sqlite'}"


def test_default_path_is_created(monkeypatch, tmp_path):
    monkeypatch.delenv("REALPOLITIK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(db, "default_path", lambda: tmp_path / "xdg" / "realpolitik" / "realpolitik.sqlite")
    with Store.open() as s:
        assert s.info()["schema_version"] == LATEST
    assert (tmp_path / "xdg" / "realpolitik" / "realpolitik.sqlite").exists()


def test_password_masked_and_bad_url():
    assert "secret" not in db.mask("postgresql://u:secret@localhost/x")
    with pytest.raises(StoreError):
        Store.open("nosuchdialect://x")


def test_mentions_keep_the_gpe_role(store, a):
    a.actors[0].mentions[0].gpe_role = "org"
    store.save(a)
    with store.engine.connect() as conn:
        roles = conn.execute(text("SELECT gpe_role FROM mentions WHERE document_id = :d ORDER BY seq"),
                             {"d": a.document.id}).scalars().all()
    assert roles[0] == "org" and set(roles[1:]) <= {None}


def test_migration_2_adds_gpe_role_to_an_older_database(url, a):
    with Store.open(url) as s:  # made at the latest version, then taken back to version 1's shape
        with s.engine.begin() as conn:
            conn.execute(text("ALTER TABLE mentions DROP COLUMN gpe_role"))
            conn.execute(text("ALTER TABLE events DROP COLUMN side_from"))
            conn.execute(text("ALTER TABLE arms_transfers DROP COLUMN side_from"))
            conn.execute(text("DROP INDEX ix_documents_duplicate_of"))
            conn.execute(text("ALTER TABLE documents DROP COLUMN duplicate_of"))
            conn.execute(text("ALTER TABLE documents DROP COLUMN outlet_country"))
            conn.execute(text("DELETE FROM schema_migrations WHERE version >= 2"))
    with Store.open(url, migrate=False) as s:
        assert current_version(s.engine) == 1
        assert s.migrate() == [2, 3, 4]
        a.document.outlet_country = "FRA"
        s.save(a)
        assert s.get(a.document.id).to_dict() == a.to_dict()
        with s.engine.connect() as conn:
            cols = [r[1] for r in conn.execute(text("PRAGMA table_info(mentions)"))]
            country = conn.execute(text("SELECT outlet_country FROM documents WHERE id = :d"),
                                   {"d": a.document.id}).scalar()
    assert "gpe_role" in cols and country == "FRA"


def test_postgres_url_without_its_driver_is_a_one_line_error(monkeypatch):
    """psycopg is the `postgres` extra: a user who lacks it is told how to install it."""
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)   # `import psycopg` now fails
    with pytest.raises(StoreError) as info:
        db.make_engine(resolve_url("postgresql://u:secret@localhost/x"))
    message = str(info.value)
    assert "\n" not in message
    assert "realpolitik[postgres]" in message
    assert "secret" not in message


def test_events_and_transfers_keep_side_from(store, a):
    a.events[0].side_from = "context"
    a.arms_transfers[0].side_from = "context"
    store.save(a)
    back = store.get(a.document.id)
    assert back.events[0].side_from == "context" and back.arms_transfers[0].side_from == "context"
    assert all(e.side_from is None for e in back.events[1:])
    assert back.to_dict() == a.to_dict()


def test_migration_3_adds_side_from_to_a_version_2_database(url, a):
    with Store.open(url) as s:  # made at the latest version, then taken back to version 2's shape
        with s.engine.begin() as conn:
            for table in ("events", "arms_transfers"):
                conn.execute(text(f"ALTER TABLE {table} DROP COLUMN side_from"))
            conn.execute(text("DELETE FROM schema_migrations WHERE version >= 3"))
    with Store.open(url, migrate=False) as s:
        assert current_version(s.engine) == 2
        assert s.migrate() == [3, 4]
        a.events[0].side_from = "context"
        s.save(a)
        assert s.get(a.document.id).events[0].side_from == "context"
        with s.engine.connect() as conn:
            for table in ("events", "arms_transfers"):
                assert "side_from" in [r[1] for r in conn.execute(text(f"PRAGMA table_info({table})"))]


def test_queries_filter_by_min_confidence(store, a):
    store.save(a)
    confidences = sorted(e.confidence for e in a.events)
    cut = confidences[-1]
    kept = store.events(min_confidence=cut)
    assert kept and all(r["confidence"] >= cut for r in kept)
    assert len(store.events(min_confidence=0.0)) == len(a.events) > len(kept)
    t = a.arms_transfers[0].confidence
    assert len(store.transfers(min_confidence=t)) == 1
    assert store.transfers(min_confidence=min(1.0, t + 0.05)) == []
