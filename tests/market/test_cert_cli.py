"""`creator-studio verify`, `cert pdf/badge`, `admin evaluate` and `admin pay-statements` end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta

from sqlalchemy.orm import Session

from creator_studio.core.market import accounts, certification
from creator_studio.core.market.clock import utcnow
from creator_studio.core.store.engine import make_engine, upgrade_to_head
from creator_studio.core.store.models import Certificate
from creator_studio.core.store.models_cert import CertApplication, CertProgram


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "creator_studio", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def _seed_certificate():
    """A certificate issued through the real service on the default (per-test) database."""
    engine = make_engine()
    upgrade_to_head(engine)
    now = utcnow()
    with Session(engine, expire_on_commit=False) as s:
        staff = accounts.bootstrap_staff(s, "staff01", "运营", "demo1234", now=now)
        s.flush()
        maker = accounts.create_user(s, staff, "maker01", "王小明", {"maker"}, employee_no="E1", now=now)
        prog = CertProgram(code="maker", version=1, title="创客认证", forms=["h5"], modules=[],
                           question_bank=[], exam_size=1, pass_mark=80, max_attempts=1,
                           cooloff_days=1, validity_days=365, created_by=staff.id, created_at=now)
        s.add(prog)
        s.flush()
        app = CertApplication(program_id=prog.id, maker_id=maker.id, forms=["h5"],
                              status="practical_submitted", created_at=now, updated_at=now)
        s.add(app)
        s.flush()
        certification.review_practical(s, staff, app.id, approve=True, comment="通过", now=now)
        s.commit()
        c = s.get(Certificate, app.certificate_id)
        return c.number, c.verification_code


def test_verify_cli_valid_forged_and_malformed(tmp_path):
    number, code = _seed_certificate()
    ok = _cli("verify", code, "--json")
    assert ok.returncode == 0, ok.stderr
    data = json.loads(ok.stdout)
    assert data["valid"] and data["number"] == number and data["holder"] == "王小明"
    forged = code[:-1] + ("A" if code[-1] != "A" else "B")
    bad = _cli("verify", forged)
    assert bad.returncode == 1 and "伪造" in bad.stdout
    junk = _cli("verify", "hello")
    assert junk.returncode == 2 and junk.stderr.startswith("error[BAD_VERIFICATION_CODE]")


def test_exports_and_admin_commands(tmp_path):
    number, _ = _seed_certificate()
    pdf = _cli("cert", "pdf", number, "--out", tmp_path / "c.pdf")
    assert pdf.returncode == 0, pdf.stderr
    assert (tmp_path / "c.pdf").read_bytes()[:5] == b"%PDF-"
    badge = _cli("cert", "badge", number, "--out", tmp_path / "b.json")
    assert badge.returncode == 0, badge.stderr
    assert json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["jwt"].count(".") == 2
    period = (utcnow() - timedelta(days=31)).strftime("%Y-%m")
    ev = _cli("admin", "evaluate", "--period", period)
    assert ev.returncode == 0, ev.stderr
    assert "1 makers" in ev.stdout
    again = _cli("admin", "evaluate", "--period", period)
    assert "already evaluated" in again.stdout
    pay = _cli("admin", "pay-statements", "--period", period, "--out", tmp_path / "pay")
    assert pay.returncode == 0, pay.stderr
    assert (tmp_path / "pay" / f"pay-{period}.xlsx").is_file()


def test_verify_cli_non_ascii_is_a_typed_error_without_traceback():
    """#20 defect 3: non-ASCII used to reach hmac.compare_digest → TypeError, exit 3."""
    number, code = _seed_certificate()
    for typed in ("证书", f"CSV1-{number}-证书码", code[:-2] + "é1", code + "\u200b", "ＣＳＶ１"):
        r = _cli("verify", typed)
        assert r.returncode == 2, (typed, r.stdout, r.stderr)
        assert r.stderr.startswith("error[BAD_VERIFICATION_CODE]")
        assert "Traceback" not in r.stderr + r.stdout


def test_verify_cli_accepts_lower_case_and_spaces():
    """The comparison ignores case, so the input is normalised first (it used to be refused)."""
    _, code = _seed_certificate()
    r = _cli("verify", f"  {code.lower()} ")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "✓" in r.stdout
