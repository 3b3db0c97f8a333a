"""Failed sign-ins are limited per network address as well as per account (the account case runs
against the real server in test_flows.py). Here: the server's sign-in function on an embedded
database, so the address limit can be small without locking 127.0.0.1 out of the shared server."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from creator_studio.core.errors import StudioError

PASSWORD = "test-pass-1234"


@pytest.fixture
def state(tmp_path):
    from creator_studio.core.market import accounts
    from creator_studio.core.market.uow import MarketService
    from creator_studio.core.store.engine import make_engine, upgrade_to_head
    from creator_studio.server.config import ServerConfig

    engine = make_engine(f"sqlite:///{tmp_path / 'market.db'}")
    upgrade_to_head(engine)
    svc = MarketService(engine)
    with svc.write() as s:
        accounts.bootstrap_staff(s, "staff01", "平台运营", PASSWORD, now=svc.now())
    cfg = ServerConfig(login_fail_per_account=100, login_fail_per_address=3,
                       login_window_minutes=15)
    yield SimpleNamespace(config=cfg, svc=svc)
    engine.dispose()


def test_failures_from_one_address_throttle_every_account_from_it(state):
    from creator_studio.server import auth

    for i in range(3):  # different (unknown) logins: only the address is common
        with pytest.raises(StudioError) as e:
            auth.login(state, f"guess{i}", "wrong", "10.0.0.9")
        assert e.value.code == "LOGIN_FAILED"
    with pytest.raises(StudioError) as e:  # the right password, from that address: refused
        auth.login(state, "staff01", PASSWORD, "10.0.0.9")
    assert e.value.code == "LOGIN_THROTTLED" and e.value.details["retry_after"] == 15 * 60
    token, _expires, user = auth.login(state, "staff01", PASSWORD, "10.0.0.10")  # another address
    assert token and user.login == "staff01"
