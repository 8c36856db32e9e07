"""The store's key behaviours against a real PostgreSQL server ($REALPOLITIK_TEST_PG_URL).

Each test runs in a fresh schema that is dropped afterwards, so the server's data is untouched.
"""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import event, text

from realpolitik.store import Store, StoreError, current_version
from realpolitik.store import db
from realpolitik.store.db import make_engine, resolve_url
from realpolitik.store.migrations import LATEST, applied, migrate

PG_URL = os.environ.get("REALPOLITIK_TEST_PG_URL")
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="set REALPOLITIK_TEST_PG_URL=postgresql://user:pass@host/db "
                                          "to run the PostgreSQL tests"),
]


@pytest.fixture
def store():
    schema = f"rp_test_{uuid.uuid4().hex[:12]}"
    admin = make_engine(resolve_url(PG_URL))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(resolve_url(PG_URL))

    @event.listens_for(engine, "connect")
    def _search_path(dbapi_connection, _record):
        with dbapi_connection.cursor() as cur:
            cur.execute(f'SET search_path TO "{schema}"')
        dbapi_connection.commit()

    s = Store(engine)
    s.migrate()
    yield s
    s.close()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def test_driver_is_psycopg3(store):
    assert store.engine.dialect.name == "postgresql"
    assert store.engine.dialect.driver == "psycopg"
    assert store.info()["dialect"] == "postgresql"


def test_save_twice_stores_one_document(store, a):
    assert store.save(a) is True
    assert store.save(a) is False
    assert store.info()["counts"]["documents"] == 1


def test_round_trip(store, a, b):
    store.save(a)
    store.save(b)
    assert store.get(a.document.id).to_dict() == a.to_dict()
    assert store.get(b.document.id).document.text == b.document.text


def test_queries(store, a, b):
    store.save(a)
    store.save(b)
    assert {r["id"] for r in store.actors(country="AZE")} == {"AZE", "Q-aliyev"}
    israel = [r for r in store.actors() if r["id"] == "ISR"]
    assert len(israel) == 1 and israel[0]["documents"] == 2
    assert {r["id"] for r in store.events(actor="azerbaijan")} == {"e1", "e2"}
    assert [r["plover"] for r in store.events(country="IRN")] == ["THREATEN"]
    assert len(store.events(since="2022-01-01", until="2022-12-31")) == 2
    assert len(store.events(modality="hypothetical")) == 1
    assert len(store.transfers(supplier="israel", weapon="BARAK")) == 1
    assert store.transfers(country="ARM") == []


def test_failure_mid_save_leaves_nothing(store, a, monkeypatch):
    real = db._insert_rows

    def failing(conn, table, rows):
        if table.name == "events":
            raise RuntimeError("disk on fire")
        real(conn, table, rows)

    monkeypatch.setattr(db, "_insert_rows", failing)
    with pytest.raises(RuntimeError):
        store.save(a)
    assert not store.has(a.document.id)
    assert all(n == 0 for n in store.info()["counts"].values())


def test_database_error_rolls_back(store, a):
    a.events.append(a.events[0])
    with pytest.raises(StoreError):
        store.save(a)
    assert store.info()["counts"]["documents"] == 0


def test_migrations_recorded_and_rerunnable(store):
    assert current_version(store.engine) == LATEST
    assert migrate(store.engine) == []
    assert [r["version"] for r in applied(store.engine)] == list(range(1, LATEST + 1))


def test_password_masked():
    with Store.open(PG_URL, migrate=False) as s:
        url = s.url
    assert "psycopg" in url
    if "@" in PG_URL and ":" in PG_URL.split("@")[0].split("//")[-1]:
        assert "***" in url
