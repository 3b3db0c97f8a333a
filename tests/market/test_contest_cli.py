"""`creator-studio verify` answers for a contest award credential as for a certificate (#19)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta

from creator_studio.core.market import accounts, contests
from creator_studio.core.market.clock import utcnow
from creator_studio.core.market.uow import MarketService
from creator_studio.core.store.engine import make_engine, upgrade_to_head
from creator_studio.core.store.filestore import FileStore
from tests.market.conftest import passing_norms


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "creator_studio", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def test_verify_cli_for_an_award_credential(tmp_path):
    engine = make_engine()  # the per-test default database the CLI opens too
    upgrade_to_head(engine)
    svc = MarketService(engine, store=FileStore(tmp_path / "files"))
    t0 = utcnow().replace(microsecond=0) - timedelta(days=30)
    with svc.write() as s:
        staff = accounts.bootstrap_staff(s, "staff01", "运营", "demo1234", now=t0)
        s.flush()
        maker = accounts.create_user(s, staff, "maker01", "王小明", {"maker"}, employee_no="E1", now=t0)
        judge = accounts.create_user(s, staff, "judge01", "李评委", {"buyer"}, now=t0)
        c = contests.create_contest(
            s, staff, key="c1", now=t0, title="阳光好课", forms=["h5"], entries_open_at=t0,
            entries_close_at=t0 + timedelta(days=5), judging_close_at=t0 + timedelta(days=10),
            results_at=t0 + timedelta(days=11), rubric=[{"id": "a", "name": "内容", "weight": 100}],
            judges=[judge.id])
        contests.publish_contest(s, staff, c["id"], now=t0)
        ids = (staff.id, maker.id, judge.id, c["id"])
    pkg = tmp_path / "pkg"
    (pkg / "h5").mkdir(parents=True)
    (pkg / "manifest.json").write_text(json.dumps({"forms": {"h5": {}}}), encoding="utf-8")
    (pkg / "h5" / "index.html").write_text("<html>阳光好课</html>", encoding="utf-8")
    with svc.write() as s:
        e = contests.submit_entry(s, s.get(type(staff), ids[1]), ids[3], pkg, title="阳光好课",
                                  key="e1", now=t0 + timedelta(days=1), store=svc.store,
                                  norms_checker=passing_norms)
    with svc.write() as s:
        contests.score_entry(s, s.get(type(staff), ids[2]), e["id"], {"a": 90}, now=t0 + timedelta(days=6))
    with svc.write() as s:
        out = contests.publish_awards(s, s.get(type(staff), ids[0]), ids[3],
                                      [{"entry_id": e["id"], "award": "first"}], key="aw",
                                      now=t0 + timedelta(days=10))
    with svc.read() as s:
        view = contests.my_awards(s, s.get(type(staff), ids[1]))[0]
    engine.dispose()
    assert out["credentials"][0]["number"] == view["number"]
    ok = _cli("verify", view["verification_code"], "--json")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    data = json.loads(ok.stdout)
    assert data["valid"] and data["number"] == view["number"] and data["holder"] == "王小明"
    code = view["verification_code"]
    forged = code[:-1] + ("A" if code[-1] != "A" else "B")
    bad = _cli("verify", forged)
    assert bad.returncode == 1 and "伪造" in bad.stdout
