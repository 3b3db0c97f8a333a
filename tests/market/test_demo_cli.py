"""The market CLI: demo data (once only), HR import, timers, schema upgrade, look-ups."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from creator_studio.cli import main
from creator_studio.core.store.engine import make_engine
from creator_studio.core.store.models import (
    Certificate,
    Notification,
    NpsResponse,
    Order,
    Request,
    Review,
    User,
    UserRole,
)


def test_demo_data_and_cli(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert main(["admin", "db-upgrade", "--db", url]) == 0
    assert "(empty) →" in capsys.readouterr().out
    assert main(["admin", "demo-data", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "demo1234" in out and "maker01" in out

    engine = make_engine(url)
    with engine.connect() as c:
        makers = c.scalar(select(func.count()).select_from(UserRole).where(UserRole.role == "maker"))
        assert makers >= 20
        assert c.scalar(select(func.count()).select_from(Certificate)) >= 20
        order_states = set(c.scalars(select(Order.status).distinct()))
        assert {"in_progress", "waiting_on_buyer", "delivered", "revision_requested", "accepted",
                "paid", "cancelled", "disputed", "cancel_requested"} <= order_states
        request_states = set(c.scalars(select(Request.status).distinct()))
        assert {"draft", "open", "awarded", "closed", "cancelled", "expired"} <= request_states
        assert c.scalar(select(func.count()).select_from(Review)) >= 10
        assert c.scalar(select(func.count()).select_from(NpsResponse)) >= 30
        assert c.scalar(select(func.count()).select_from(Notification)) > 50
        names = list(c.scalars(select(User.display_name)))
        assert "赵一鸣" in names and "王建国" in names
    engine.dispose()

    # refuses to fill twice (exit 2 with a typed message)
    assert main(["admin", "demo-data", "--db", url]) == 2
    assert "DEMO_EXISTS" in capsys.readouterr().err

    assert main(["market", "list-requests", "--as", "maker01", "--db", url, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["budget_fen"] > 0 for r in rows)
    assert main(["market", "list-requests", "--as", "maker24", "--db", url]) == 0  # uncertified
    assert "没有可接的需求" in capsys.readouterr().out
    assert main(["market", "orders", "--as", "buyer01", "--db", url]) == 0
    assert "¥" in capsys.readouterr().out

    csv = tmp_path / "hr.csv"
    csv.write_text("登录名,姓名,角色\nnew.maker,新创客,创客\n,没有登录名,创客\n", encoding="utf-8")
    assert main(["admin", "import-users", str(csv), "--db", url]) == 1
    out = capsys.readouterr().out
    assert "imported 1" in out and "row 3" in out

    assert main(["admin", "import-users", str(tmp_path / "missing.csv"), "--db", url]) == 2
    assert "FILE_UNREADABLE" in capsys.readouterr().err
    bad_json = tmp_path / "norms.json"
    bad_json.write_text("{not json", encoding="utf-8")
    assert main(["admin", "publish-norms", str(bad_json), "--db", url]) == 2
    assert "NORMS_INVALID" in capsys.readouterr().err

    assert main(["admin", "run-timers", "--db", url]) == 0
    assert "fired" in capsys.readouterr().out
    assert main(["market", "orders", "--as", "nobody", "--db", url]) == 2
    assert "NOT_FOUND" in capsys.readouterr().err
