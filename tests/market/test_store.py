"""Storage: Alembic migrations (empty → head, older revision → head, schema == models), SQLite
pragmas, the default database location, and money never stored as float."""

from __future__ import annotations

import os
from datetime import datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import BigInteger, Float, Numeric, inspect, text

from creator_studio.core import paths
from creator_studio.core.store import engine as store_engine
from creator_studio.core.store.base import Base
from creator_studio.core.store.engine import (
    current_revision,
    head_revision,
    make_engine,
    upgrade_to,
    upgrade_to_head,
)

PG_URL = os.environ.get("CREATOR_STUDIO_TEST_PG_URL")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def fresh_engine(request, tmp_path):
    if request.param == "sqlite":
        e = make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
        yield e
        e.dispose()
        return
    if not PG_URL:
        pytest.skip("PostgreSQL run skipped: CREATOR_STUDIO_TEST_PG_URL is not set")
    import uuid

    schema = f"cs_mig_{uuid.uuid4().hex[:10]}"
    admin = make_engine(PG_URL)
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))
    e = make_engine(PG_URL, connect_args={"options": f"-csearch_path={schema}"})
    yield e
    e.dispose()
    with admin.begin() as c:
        c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def test_first_revision_id():
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(store_engine.alembic_config())
    assert script.get_revision("0001_market").down_revision is None
    assert len(script.get_heads()) == 1  # one line of history, whoever adds revisions


def test_empty_database_upgrades_to_head_and_matches_the_models(fresh_engine):
    assert current_revision(fresh_engine) is None
    upgrade_to_head(fresh_engine)
    assert current_revision(fresh_engine) == head_revision()
    with fresh_engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}),
                                Base.metadata)
    assert diff == []  # the migrations build exactly what the models declare
    upgrade_to_head(fresh_engine)  # the app calls it on every start: a no-op now


def test_older_revision_database_upgrades_with_data_kept(fresh_engine):
    upgrade_to(fresh_engine, "0001_market")
    assert current_revision(fresh_engine) == "0001_market"
    with fresh_engine.begin() as c:
        c.execute(text("INSERT INTO users (login, display_name, active, created_at) "
                       "VALUES ('old01', '老用户', :t, :n)"), {"t": True, "n": datetime(2026, 1, 1)})
        c.execute(text("INSERT INTO user_roles (user_id, role) SELECT id, 'maker' FROM users"))
    upgrade_to_head(fresh_engine)
    assert current_revision(fresh_engine) == head_revision()
    with fresh_engine.connect() as c:
        assert c.execute(text("SELECT display_name FROM users WHERE login='old01'")).scalar() == "老用户"
        tables = set(inspect(c).get_table_names())
    assert {"users", "orders", "order_transitions", "deliveries", "certificates"} <= tables


def test_sqlite_pragmas_and_default_location(tmp_path):
    e = make_engine()
    assert str(paths.data_dir() / "creator-studio.db") in str(e.url)
    with e.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    e.dispose()


def test_foreign_keys_are_enforced_on_sqlite(tmp_path):
    from sqlalchemy.exc import IntegrityError

    e = make_engine(f"sqlite:///{tmp_path / 'fk.db'}")
    upgrade_to_head(e)
    with pytest.raises(IntegrityError):
        with e.begin() as c:
            c.execute(text("INSERT INTO user_roles (user_id, role) VALUES (999, 'maker')"))
    e.dispose()


def test_money_is_integer_fen_never_float():
    money = [(t.name, c) for t in Base.metadata.sorted_tables for c in t.columns
             if c.name.endswith("_fen")]
    assert len(money) >= 5
    for table, col in money:
        assert isinstance(col.type, BigInteger), f"{table}.{col.name} is {col.type}"
    for t in Base.metadata.sorted_tables:
        for c in t.columns:
            assert not isinstance(c.type, Float), f"{t.name}.{c.name} stores a float"
            if "price" in c.name or "budget" in c.name or "payout" in c.name:
                assert not isinstance(c.type, Numeric), f"{t.name}.{c.name}: money must be fen"


def test_money_stays_int_through_the_services(svc, world, mk):
    oid = mk.awarded_order()
    order = mk.order(oid)
    assert type(order.price_fen) is int and type(order.amount_due_fen) is int
    from creator_studio.core.errors import ValidationError
    from creator_studio.core.market import offers

    rid = mk.open_request()
    with pytest.raises(ValidationError):
        svc.call(offers.make_offer, world.maker2, rid, price_fen=1234.5, days=3)


def test_0003_moves_user_keys_out_of_the_system_namespace(fresh_engine):
    """A user-logged key in the new system namespace (sys:…) is renamed on upgrade, so it can
    never block a timer; system rows and the other user keys keep theirs."""
    upgrade_to(fresh_engine, "0002_cert_grading")
    now = datetime(2026, 1, 1)
    with fresh_engine.begin() as c:
        c.execute(text("INSERT INTO users (login, display_name, active, created_at) "
                       "VALUES ('b01', '买家', :t, :n)"), {"t": True, "n": now})
        uid = c.execute(text("SELECT id FROM users WHERE login='b01'")).scalar()
        c.execute(text("INSERT INTO requests (buyer_id, title, description, budget_fen, deadline, "
                       "revisions_included, auto_accept_days, review_window_days, "
                       "cancel_reply_hours, status, version, created_at) VALUES (:u, 't', '', 1, "
                       ":n, 2, 5, 14, 48, 'open', 1, :n)"), {"u": uid, "n": now})
        rid = c.execute(text("SELECT id FROM requests")).scalar()
        for actor, key in ((uid, "sys:timer:7"), (uid, "ui-publish-1"), (None, "timer:3")):
            c.execute(text("INSERT INTO order_transitions (request_id, action, from_status, "
                           "to_status, actor_id, params, idempotency_key, created_at) VALUES "
                           "(:r, 'publish', 'draft', 'open', :a, '{}', :k, :n)"),
                      {"r": rid, "a": actor, "k": key, "n": now})
    upgrade_to_head(fresh_engine)
    with fresh_engine.connect() as c:
        keys = sorted(c.execute(text("SELECT idempotency_key FROM order_transitions")).scalars())
        cols = {col["name"] for col in inspect(c).get_columns("order_transitions")}
    assert "params_hash" in cols
    assert keys[:2] == ["timer:3", "ui-publish-1"] and keys[2].startswith("user-legacy:")
