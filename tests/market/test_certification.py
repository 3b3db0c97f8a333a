"""Certification and grading end to end on a real database (SQLite, and PostgreSQL when given).

The programme (apply → training → exam → practical → certificate), forged and expired
certificates, the certificate gate, evaluation idempotence, overrides and pay statements.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from creator_studio.core.errors import InvalidTransition, PermissionDenied, ValidationError
from creator_studio.core.forms.base import Artifact, ArtifactFile, save_lesson_snapshot, update_manifest
from creator_studio.core.lesson import model as m
from creator_studio.core.market import accounts, certification as cert, gate, grading
from creator_studio.core.store.filestore import FileStore
from creator_studio.core.store.models import (
    AuditEvent,
    Certificate,
    Notification,
    Order,
    Request,
    RequestForm,
    Review,
    Offer,
)
from creator_studio.core.store.models_cert import GradeEvaluation, MakerGrade, PayLine

NOW = datetime(2026, 11, 10, 9, 0)


@pytest.fixture
def session(db):
    """`db` (conftest.py) is SQLite and PostgreSQL, emptied before each test."""
    with Session(db, expire_on_commit=False) as s:
        yield s
        s.rollback()


@pytest.fixture
def people(session):
    staff = accounts.bootstrap_staff(session, "staff01", "平台运营小周", "demo1234", now=NOW)
    session.flush()
    maker = accounts.create_user(session, staff, "maker01", "创客王小明", {"maker"},
                                 employee_no="E1001", now=NOW)
    other = accounts.create_user(session, staff, "maker02", "创客李娜", {"maker"}, now=NOW)
    buyer = accounts.create_user(session, staff, "buyer01", "理赔部张经理", {"buyer"}, now=NOW)
    session.flush()
    return {"staff": staff, "maker": maker, "other": other, "buyer": buyer}


BANK = [{"id": f"q{i}", "stem": f"规范题{i}", "options": ["对", "错"], "answers": [i % 2]}
        for i in range(10)]


def _program(session, staff, **kw):
    args = dict(code="maker", title="创客认证", forms=["long-image", "h5", "screen-record", "skit"],
                modules=[{"id": "m1", "title": "微课设计", "url": "https://learn/m1"},
                         {"id": "m2", "title": "上传规范", "url": "https://learn/m2"}],
                question_bank=BANK, exam_size=5, pass_mark=80, max_attempts=2, cooloff_days=7,
                validity_days=365, now=NOW)
    args.update(kw)
    return cert.create_program(session, staff, **args)


def _practical(tmp: Path, *, forbidden=False) -> Path:
    text_ = "本产品稳赚不赔" if forbidden else "理赔时效承诺。本课程仅供内部培训使用。"
    lesson = m.Lesson(title="车险理赔实践课程", pages=[
        m.Page(id="p1", title="报案", blocks=[m.Paragraph(runs=[m.Run(text_)])])],
        quiz=m.Quiz([m.Question(f"q{i}", stem="题", options=["对", "错"], answers=[0]) for i in range(3)]))
    save_lesson_snapshot(lesson, tmp)
    (tmp / "h5").mkdir(parents=True, exist_ok=True)
    (tmp / "h5" / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    update_manifest(tmp, lesson, Artifact("h5", [ArtifactFile("h5/index.html", "html")],
                                          info={"question_count": 3}))
    return tmp


def _pass_exam(session, maker, app, now):
    attempt, paper = cert.start_exam(session, maker, app.id, now=now, rng=random.Random(1))
    bank = {q["id"]: q for q in BANK}
    assert all("answers" not in q for q in paper)  # the paper never carries the key
    return cert.submit_exam(session, maker, attempt.id, {q["id"]: bank[q["id"]]["answers"] for q in paper},
                            now=now)


def _certify(session, people, tmp_path, forms=("h5", "long-image")):
    staff, maker = people["staff"], people["maker"]
    _program(session, staff)
    app = cert.apply(session, maker, "maker", list(forms), now=NOW)
    cert.complete_module(session, maker, app.id, "m1", now=NOW)
    cert.complete_module(session, maker, app.id, "m2", now=NOW)
    _pass_exam(session, maker, app, NOW)
    cert.submit_practical(session, maker, app.id, _practical(tmp_path / "pkg"),
                          filestore=FileStore(tmp_path / "files"), now=NOW)
    cert.review_practical(session, staff, app.id, approve=True, comment="结构清晰，合规", now=NOW)
    return session.get(Certificate, app.certificate_id), app


def test_programme_end_to_end_issues_a_verifiable_certificate(session, people, tmp_path):
    c, app = _certify(session, people, tmp_path)
    assert app.status == "certified" and c.status == "valid"
    assert c.forms == ["h5", "long-image"] and c.expires_at == NOW + timedelta(days=365)
    v = cert.verify(session, c.verification_code, now=NOW + timedelta(days=1))
    assert v.valid and v.holder == "创客王小明" and "有效" in v.message_zh
    assert gate.certified_forms(session, people["maker"].id, NOW) == {"h5", "long-image"}
    assert session.scalar(select(Notification).where(Notification.kind == "cert_issued"))
    # Criteria are locked: a change makes version 2, certificate keeps version 1.
    prog = app.program
    assert prog.locked
    v2 = cert.update_program(session, people["staff"], prog.id, pass_mark=90, now=NOW)
    assert v2.id != prog.id and v2.version == 2 and prog.pass_mark == 80
    assert cert.verify(session, c.verification_code, now=NOW).valid


def test_an_unlocked_version_changed_in_place_is_validated_like_a_new_one(session, people):
    prog = _program(session, people["staff"])
    assert not prog.locked
    with pytest.raises(ValidationError) as e:
        cert.update_program(session, people["staff"], prog.id,
                            exam_size=len(prog.question_bank) + 1, now=NOW)
    assert e.value.code == "PROGRAM_INVALID"
    with pytest.raises(ValidationError):
        cert.update_program(session, people["staff"], prog.id, modules=[], now=NOW)
    assert prog.exam_size <= len(prog.question_bank) and prog.modules
    same = cert.update_program(session, people["staff"], prog.id, pass_mark=70, now=NOW)
    assert same.id == prog.id and same.version == 1 and same.pass_mark == 70


def test_forged_code_and_unknown_number_are_refused(session, people, tmp_path):
    c, _ = _certify(session, people, tmp_path)
    head, tag = c.verification_code.rsplit("-", 1)
    forged = head + "-" + ("A" if tag[0] != "A" else "B") + tag[1:]
    assert cert.verify(session, forged, now=NOW).status == "forged"
    other = c.verification_code.replace(c.number, "CS2026-999999")
    assert cert.verify(session, other, now=NOW).status == "unknown"
    with pytest.raises(ValidationError):
        cert.verify(session, "not-a-code")


def test_expired_revoked_and_reminders(session, people, tmp_path):
    c, _ = _certify(session, people, tmp_path)
    soon = c.expires_at - timedelta(days=10)
    assert cert.expire_and_remind(session, soon) == {"expired": 0, "reminded": 1}
    assert cert.expire_and_remind(session, soon)["reminded"] == 0  # once only
    later = c.expires_at + timedelta(days=1)
    assert cert.verify(session, c.verification_code, now=later).status == "expired"
    assert cert.expire_and_remind(session, later)["expired"] == 1
    assert c.status == "expired"
    assert gate.certified_forms(session, people["maker"].id, later) == set()


def test_revoke_needs_reason_keeps_record_and_blocks_the_gate(session, people, tmp_path):
    c, _ = _certify(session, people, tmp_path)
    with pytest.raises(ValidationError):
        cert.set_certificate_status(session, people["staff"], c.id, "revoked", "  ")
    with pytest.raises(PermissionDenied):
        cert.set_certificate_status(session, people["maker"], c.id, "revoked", "x")
    cert.set_certificate_status(session, people["staff"], c.id, "revoked", "抄袭他人课程", now=NOW)
    assert session.get(Certificate, c.id) is not None  # revoke, never delete
    v = cert.verify(session, c.verification_code, now=NOW)
    assert v.status == "revoked" and "抄袭" in v.message_zh
    with pytest.raises(PermissionDenied) as exc:
        gate.require_certified(session, people["maker"].id, ["h5"], "offer", NOW)
    assert exc.value.code == "NOT_CERTIFIED"
    with pytest.raises(InvalidTransition):
        cert.set_certificate_status(session, people["staff"], c.id, "valid", "改回")
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "cert.revoked"))


def test_exam_attempts_and_cooling_off(session, people):
    staff, maker = people["staff"], people["maker"]
    _program(session, staff)
    app = cert.apply(session, maker, "maker", ["h5"], now=NOW)
    with pytest.raises(InvalidTransition):
        cert.start_exam(session, maker, app.id, now=NOW)  # training not done
    csv_text = "login,module_id,completed_at\nmaker01,m1,2026-11-01T10:00\nmaker01,m2,2026-11-02\nnobody,m1,\n"
    res = cert.import_training_csv(session, staff, csv_text, now=NOW)
    assert res.imported == 2 and len(res.errors) == 1 and "第 4 行" in res.errors[0]
    assert app.status == "training_done"
    attempt, paper = cert.start_exam(session, maker, app.id, now=NOW, rng=random.Random(3))
    assert len(paper) == 5 and len({q["id"] for q in paper}) == 5
    failed = cert.submit_exam(session, maker, attempt.id, {}, now=NOW)
    assert failed.score == 0 and failed.passed is False
    with pytest.raises(InvalidTransition) as exc:
        cert.start_exam(session, maker, app.id, now=NOW + timedelta(days=3))
    assert exc.value.code == "COOLING_OFF"
    _pass_exam(session, maker, app, NOW + timedelta(days=8))
    assert app.status == "exam_passed"
    with pytest.raises(PermissionDenied):
        cert.start_exam(session, people["other"], app.id, now=NOW)  # not their application


def test_no_attempts_left(session, people):
    staff, maker = people["staff"], people["maker"]
    _program(session, staff, max_attempts=1)
    app = cert.apply(session, maker, "maker", ["h5"], now=NOW)
    for mod in ("m1", "m2"):
        cert.complete_module(session, maker, app.id, mod, now=NOW)
    attempt, _ = cert.start_exam(session, maker, app.id, now=NOW)
    cert.submit_exam(session, maker, attempt.id, {}, now=NOW)
    with pytest.raises(InvalidTransition) as exc:
        cert.start_exam(session, maker, app.id, now=NOW + timedelta(days=30))
    assert exc.value.code == "NO_ATTEMPTS_LEFT"


def test_practical_goes_through_the_norms_and_can_be_rejected(session, people, tmp_path):
    staff, maker = people["staff"], people["maker"]
    _program(session, staff)
    app = cert.apply(session, maker, "maker", ["h5"], now=NOW)
    for mod in ("m1", "m2"):
        cert.complete_module(session, maker, app.id, mod, now=NOW)
    _pass_exam(session, maker, app, NOW)
    with pytest.raises(ValidationError) as exc:
        cert.submit_practical(session, maker, app.id, _practical(tmp_path / "bad", forbidden=True),
                              filestore=FileStore(tmp_path / "f"), now=NOW)
    assert exc.value.code == "NORMS_BLOCKING" and "稳赚不赔" in exc.value.message_zh
    cert.submit_practical(session, maker, app.id, _practical(tmp_path / "good"),
                          filestore=FileStore(tmp_path / "f"), now=NOW)
    with pytest.raises(ValidationError):
        cert.review_practical(session, staff, app.id, approve=False, comment="", now=NOW)
    cert.review_practical(session, staff, app.id, approve=False, comment="缺少案例，请补充", now=NOW)
    assert app.status == "exam_passed" and app.certificate_id is None
    assert session.scalar(select(Notification).where(Notification.kind == "cert_rejected"))


def test_open_badge_and_pdf(session, people, tmp_path):
    from creator_studio.core.market import credentials

    c, _ = _certify(session, people, tmp_path)
    badge = cert.open_badge(session, people["maker"], c.id)
    claims = credentials.verify_credential_jwt(badge["jwt"], badge["public_jwk"], now=NOW + timedelta(days=1))
    assert claims["credentialSubject"]["name"] == "创客王小明"
    with pytest.raises(PermissionDenied):
        cert.open_badge(session, people["other"], c.id)
    pdf = cert.certificate_pdf(session, people["staff"], c.id, tmp_path / "c.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000


# ---------------------------------------------------------------------------------------------
# Grading on the database


def _accepted_order(session, maker, buyer, *, accepted_at, price=100_00, budget=200_00, late=False,
                    stars=5, revisions=0):
    req = Request(buyer_id=buyer.id, title="微课需求", budget_fen=budget, deadline=accepted_at,
                  status="closed", created_at=accepted_at)
    session.add(req)
    session.flush()
    session.add(RequestForm(request_id=req.id, form="h5"))
    offer = Offer(request_id=req.id, maker_id=maker.id, price_fen=price, days=5, status="awarded",
                  created_at=accepted_at, updated_at=accepted_at)
    session.add(offer)
    session.flush()
    order = Order(request_id=req.id, offer_id=offer.id, buyer_id=buyer.id, maker_id=maker.id,
                  price_fen=price, status="accepted", due_at=accepted_at, late=late,
                  revisions_included=2, revisions_used=revisions, rules={},
                  created_at=accepted_at, accepted_at=accepted_at)
    session.add(order)
    session.flush()
    if stars:
        session.add(Review(order_id=order.id, author_id=buyer.id, subject_id=maker.id,
                           direction="buyer_to_maker", stars=stars, created_at=accepted_at,
                           revealed_at=accepted_at))
    return order


def _buyers(session, staff, n):
    return [accounts.create_user(session, staff, f"buyer9{i}", f"买家{i}", {"buyer"}, now=NOW)
            for i in range(n)]


def test_evaluation_promotes_is_idempotent_and_explains(session, people):
    staff, maker = people["staff"], people["maker"]
    buyers = _buyers(session, staff, 3)
    for i in range(3):
        _accepted_order(session, maker, buyers[i], accepted_at=datetime(2026, 11, 5 + i))
    run = grading.evaluate_period(session, staff, "2026-11", now=NOW)
    assert not run.reused and run.changes.get("promoted") == 1
    ev = session.scalar(select(GradeEvaluation).where(GradeEvaluation.maker_id == maker.id))
    assert ev.level_before == "L0" and ev.level_after == "L1" and ev.rule_version == 1
    assert ev.metrics["values"]["accepted_orders"] == 3
    other = session.scalar(select(GradeEvaluation).where(GradeEvaluation.maker_id == people["other"].id))
    assert other.level_after == "L0" and any("还需完成 3 单验收" in g for g in other.gap)
    again = grading.evaluate_period(session, staff, "2026-11", now=NOW)
    assert again.reused
    assert session.scalar(select(text("count(*)")).select_from(GradeEvaluation)) == 2
    ex = grading.explain(session, maker, maker.id, now=datetime(2026, 12, 2))
    assert ex.level == "L1" and ex.next_level == "L2" and any("验收" in g for g in ex.gap)
    with pytest.raises(PermissionDenied):
        grading.explain(session, people["other"], maker.id)
    with pytest.raises(PermissionDenied):
        grading.evaluate_period(session, maker, "2026-12")


def test_override_needs_reason_and_is_audited(session, people):
    staff, maker = people["staff"], people["maker"]
    grading.evaluate_period(session, staff, "2026-11", now=NOW)
    with pytest.raises(ValidationError):
        grading.override(session, staff, maker.id, "2026-11", "L2", "")
    ev = grading.override(session, staff, maker.id, "2026-11", "L2", "年度优秀创客特批", now=NOW)
    assert ev.final_level == "L2" and session.get(MakerGrade, maker.id).level == "L2"
    a = session.scalar(select(AuditEvent).where(AuditEvent.action == "grade.override"))
    assert a.after["override_reason"] == "年度优秀创客特批" and a.actor_id == staff.id


def test_grace_period_over_two_evaluations(session, people):
    staff, maker = people["staff"], people["maker"]
    session.add(MakerGrade(maker_id=maker.id, level="L1", at_risk=False, multiplier="1.10",
                           rule_version=1, since=datetime(2026, 1, 1)))
    buyers = _buyers(session, staff, 3)
    for i in range(4):  # ratings of 1★ with enough samples: below the L1 keep bar
        _accepted_order(session, maker, buyers[i % 3], accepted_at=datetime(2026, 10, 3 + i), stars=1)
    grading.evaluate_period(session, staff, "2026-10", now=NOW)
    g = session.get(MakerGrade, maker.id)
    assert g.level == "L1" and g.at_risk
    grading.evaluate_period(session, staff, "2026-11", now=NOW)
    assert session.get(MakerGrade, maker.id).level == "L0"


def test_pay_statements_use_level_at_acceptance_and_add_up(session, people, tmp_path):
    staff, maker = people["staff"], people["maker"]
    buyers = _buyers(session, staff, 3)
    for i in range(3):
        _accepted_order(session, maker, buyers[i], accepted_at=datetime(2026, 10, 5 + i), price=333_33)
    grading.evaluate_period(session, staff, "2026-10", now=NOW)  # → L1 from 2026-11-01
    o1 = _accepted_order(session, maker, buyers[0], accepted_at=datetime(2026, 11, 3), price=100_01,
                         budget=500_00)
    o2 = _accepted_order(session, maker, buyers[1], accepted_at=datetime(2026, 11, 4), price=450_00,
                         budget=480_00)
    lines = grading.draw_statements(session, staff, "2026-11", now=NOW)
    by_order = {ln.order_id: ln for ln in lines}
    assert by_order[o1.id].level == "L1" and by_order[o1.id].pay_fen == 110_01  # 11001.1 → 11001
    assert by_order[o2.id].pay_fen == 480_00  # capped at the budget
    again = grading.draw_statements(session, staff, "2026-11", now=NOW)
    assert len(again) == 2  # idempotent
    sts = grading.statements(session, staff, "2026-11")
    assert sts[0].total_fen == 110_01 + 480_00
    out = grading.export_csv(sts, tmp_path / "pay.csv")
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[-1][9] == str(110_01 + 480_00) and rows[-1][10] == "590.01"
    xl = grading.export_xlsx(sts, tmp_path / "pay.xlsx")
    ws = load_workbook(xl).active
    values = [r[9] for r in ws.iter_rows(min_row=2, values_only=True) if r[3] not in ("合计", "总计")]
    assert sum(values) == 110_01 + 480_00
    with pytest.raises(PermissionDenied):
        grading.statements(session, people["other"], "2026-11", maker_id=maker.id)
    assert grading.statements(session, maker, "2026-11", maker_id=maker.id)[0].total_fen == 590_01
