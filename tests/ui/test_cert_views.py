"""The certification programme in the window: the maker's own steps and the staff's editor.

maker: apply → training modules → exam (in the window) → practical (a blocking package refused
with its findings, then a real rendered one) → staff approve in the queue → the certificate with
PDF and Open Badge exports; a failed exam shows attempts left and then the cooling-off refusal;
the staff editor creates v1, edits an unlocked version in place, and turns a save on a locked
version into v2.
"""

from __future__ import annotations

import json

from creator_studio.ui.market.cert_views import MakerCertification
from creator_studio.ui.market.maker_views import MakerMarketView
from creator_studio.ui.market.program_editor import ProgramEditor
from creator_studio.ui.market.staff_views import StaffView
from uihelpers import BANK, make_market_world, render_long_image, sign_in, wait_job

MODULES = [{"id": "m1", "title": "微课设计基础", "url": "https://learn.university.internal/c/101"},
           {"id": "m2", "title": "上传规范与合规用语", "url": "https://learn.university.internal/c/102"}]


def _create_program(backend, ids, **kw):
    from creator_studio.core.market import certification as cert
    from creator_studio.core.store.models import User

    svc = backend.svc
    args = dict(code="maker", title="创客认证（测试版）", forms=["long-image", "h5"],
                modules=MODULES, question_bank=BANK, exam_size=3, pass_mark=60, max_attempts=3,
                cooloff_days=7, validity_days=730)
    args.update(kw)
    with svc.write() as s:
        return cert.create_program(s, s.get(User, ids["staff"]), now=svc.now(), **args).id


def _programs(backend) -> list:
    from sqlalchemy import select

    from creator_studio.core.store.models_cert import CertProgram

    with backend.svc.read() as s:
        return [(p.version, p.pass_mark, p.locked, p.active) for p in
                s.scalars(select(CertProgram).where(CertProgram.code == "maker")
                          .order_by(CertProgram.version))]


def _answer_key(backend) -> dict:
    """The key, read from the programme's bank in the database (the window never has it)."""
    from creator_studio.core.market import certification as cert

    with backend.svc.read() as s:
        return {q["id"]: q["answers"] for q in cert.current_program(s, "maker").question_bank}


def _render_h5(deck, out):
    """A real H5 package of the deck (it holds a single quiz question)."""
    from creator_studio.core.forms import render_forms
    from creator_studio.core.importers import import_source

    lesson = import_source(deck, assets_dir=out.parent / "h5-assets")
    assert len(lesson.quiz.questions) == 1
    done, failed = render_forms(lesson, out, ["h5"], {})
    assert "h5" in done, failed
    return out


def _status(cv) -> str | None:
    return (cv.application() or {}).get("status")


def test_maker_certification_end_to_end(qtbot, ctx, tiny_deck, tmp_path):
    ids = make_market_world(ctx.market)
    _create_program(ctx.market, ids)
    sign_in(qtbot, ctx, "maker09")
    market_view = MakerMarketView(ctx)
    qtbot.addWidget(market_view)
    cv = market_view.certification
    assert market_view.indexOf(cv) > 0
    wait_job(qtbot, cv.handle)
    assert "创客认证（测试版）" in cv.status_label.text()
    assert list(cv.form_checks) == ["h5", "long-image"]
    assert cv.certificate() is None and not cv.pdf_button.isEnabled()

    # Apply without choosing a form: the service refuses, inline.
    wait_job(qtbot, cv.apply())
    assert cv.message.text() and _status(cv) is None
    cv.form_checks["long-image"].setChecked(True)
    h = cv.apply()
    wait_job(qtbot, h)
    assert h.error is None, h.error
    qtbot.waitUntil(lambda: _status(cv) == "enrolled", timeout=10000)
    assert cv.module_model.rowCount() == 2
    assert cv.module_model.row(1)["url"].endswith("/c/102")

    # The exam is refused before the training is done.
    wait_job(qtbot, cv.start_exam())
    assert cv.message.text() and not cv.exam_checks

    for r in range(2):
        cv.module_table.selectRow(r)
        h = cv.complete_module()
        wait_job(qtbot, h)
        assert h.error is None, h.error
        qtbot.waitUntil(lambda r=r: cv.module_model.rowCount() == 2
                        and cv.module_model.row(r)["done"], timeout=10000)
    qtbot.waitUntil(lambda: _status(cv) == "training_done", timeout=10000)

    # Exam: a paper of 3 drawn questions without the key; tick the right options.
    h = cv.start_exam()
    wait_job(qtbot, h)
    assert h.error is None, h.error
    assert len(cv.exam_checks) == 3 and cv.submit_exam_button.isEnabled()
    assert all("answers" not in q for q in h.result["paper"])
    key = _answer_key(ctx.market)
    for qid, checks in cv.exam_checks.items():
        for i in key[qid]:
            checks[i].setChecked(True)
    h = cv.submit_exam()
    wait_job(qtbot, h)
    assert h.error is None, h.error
    assert h.result["score"] == 100 and h.result["passed"]
    assert "100" in cv.exam_result.text() and not cv.exam_checks
    qtbot.waitUntil(lambda: _status(cv) == "exam_passed", timeout=10000)

    # Practical: an H5 course with one quiz question is blocked; the findings are listed.
    h = cv.submit_practical(_render_h5(tiny_deck, tmp_path / "h5-practical"))
    wait_job(qtbot, h)
    assert h.error is not None and h.error.code == "NORMS_BLOCKING"
    assert "✗" in cv.practical_result.text() and "3" in cv.practical_result.text()
    assert cv.message.text() and _status(cv) == "exam_passed"
    h = cv.submit_practical(render_long_image(tiny_deck, tmp_path / "practical"))
    wait_job(qtbot, h)
    assert h.error is None, h.error
    qtbot.waitUntil(lambda: _status(cv) == "practical_submitted", timeout=10000)
    assert cv.review_label.text()

    # Staff approve in the queue; the programme version is now locked.
    sign_in(qtbot, ctx, "staff01")
    staff = StaffView(ctx)
    qtbot.addWidget(staff)
    queue = staff.certification
    qtbot.waitUntil(lambda: queue.model.rowCount() == 1, timeout=10000)
    queue.table.selectRow(0)
    queue.comment.setText("实践课程结构清晰，同意发证")
    h = queue.decide(True)
    wait_job(qtbot, h)
    assert h.error is None and h.result == "certified", h.error

    # The staff editor says a save makes v2, and it does; v1 stays as it was.
    editor = staff.program
    wait_job(qtbot, editor.reload())
    assert editor.program["locked"] and editor.program["version"] == 1
    assert "v1" in editor.version_label.text() and "v2" in editor.version_label.text()
    assert editor.modules.rowCount() == 2 and json.loads(editor.bank.toPlainText()) == BANK
    editor.pass_mark.setValue(70)
    h = editor.save()
    wait_job(qtbot, h)
    assert h.error is None, h.error
    assert h.result["version"] == 2 and "v2" in editor.message.text()
    assert _programs(ctx.market) == [(1, 60, True, False), (2, 70, False, True)]
    assert editor.program["id"] == h.result["id"] and "v3" not in editor.version_label.text()

    # The maker sees the comment and the certificate, and exports it.
    sign_in(qtbot, ctx, "maker09")
    wait_job(qtbot, cv.reload())
    assert _status(cv) == "certified"
    assert "同意发证" in cv.review_label.text()
    c = cv.certificate()
    assert c["forms"] == ["long-image"] and c["number"] in cv.cert_label.text()
    assert c["code"].startswith("CSV1-") and c["code"] in cv.cert_label.text()
    assert cv.pdf_button.isEnabled() and cv.badge_button.isEnabled()
    h = cv.export_pdf(tmp_path / "cert.pdf")
    wait_job(qtbot, h)
    assert h.error is None, h.error
    assert (tmp_path / "cert.pdf").read_bytes()[:5] == b"%PDF-"
    h = cv.export_badge(tmp_path / "badge.json")
    wait_job(qtbot, h)
    assert h.error is None, h.error
    badge = json.loads((tmp_path / "badge.json").read_text(encoding="utf-8"))
    assert badge["jwt"].count(".") == 2 and "OpenBadgeCredential" in badge["credential"]["type"]
    assert str(tmp_path / "badge.json") in cv.message.text()


def test_failed_exam_shows_attempts_left_then_cooling_off(qtbot, ctx):
    from creator_studio.core.market import certification as cert
    from creator_studio.core.store.models import User

    ids = make_market_world(ctx.market)
    _create_program(ctx.market, ids, modules=MODULES[:1], max_attempts=2, cooloff_days=7)
    svc = ctx.market.svc
    with svc.write() as s:
        maker = s.get(User, ids["maker09"])
        app = cert.apply(s, maker, "maker", ["h5"], now=svc.now())
        cert.complete_module(s, maker, app.id, "m1", now=svc.now())
    sign_in(qtbot, ctx, "maker09")
    cv = MakerCertification(ctx)
    qtbot.addWidget(cv)
    wait_job(qtbot, cv.handle)
    assert _status(cv) == "training_done"
    wait_job(qtbot, cv.start_exam())
    key = _answer_key(ctx.market)
    for qid, checks in cv.exam_checks.items():  # every answer wrong
        wrong = next(i for i in range(len(checks)) if [i] != key[qid])
        checks[wrong].setChecked(True)
    h = cv.submit_exam()
    wait_job(qtbot, h)
    assert h.error is None, h.error
    assert h.result == {"score": 0, "passed": False, "pass_mark": 60, "attempts_left": 1,
                        "status": "training_done"}
    assert "0%" in cv.exam_result.text() and "1" in cv.exam_result.text()
    h = cv.start_exam()
    wait_job(qtbot, h)
    assert h.error is not None and h.error.code == "COOLING_OFF"
    assert "冷静期" in cv.message.text() and not cv.exam_checks
    qtbot.waitUntil(lambda: (cv.application() or {}).get("attempts") == 1, timeout=10000)


def test_program_editor_creates_then_edits_in_place(qtbot, ctx):
    from test_errors_previews_a11y import _unnamed_controls

    make_market_world(ctx.market)
    sign_in(qtbot, ctx, "staff01")
    ed = ProgramEditor(ctx)
    qtbot.addWidget(ed)
    wait_job(qtbot, ed.reload())
    assert ed.program is None and "1" in ed.version_label.text()
    assert _unnamed_controls(ed) == []
    ed.title.setText("创客认证（2027 版）")
    ed.form_checks["h5"].setChecked(True)
    ed.add_module({"id": "m1", "title": "H5 课程制作", "url": "https://learn/m1"})
    ed.add_module()  # an empty row is ignored
    assert ed.modules.rowCount() == 2 and len(ed.module_rows()) == 1
    ed.bank.setPlainText("[{\"id\": \"q1\",")
    assert ed.save() is None and "JSON" in ed.message.text()
    ed.bank.setPlainText(json.dumps(BANK[:2], ensure_ascii=False))
    ed.exam_size.setValue(5)  # more than the bank: the service refuses, inline
    wait_job(qtbot, ed.save())
    assert ed.message.text() and _programs(ctx.market) == []
    ed.exam_size.setValue(2)
    h = ed.save()
    wait_job(qtbot, h)
    assert h.error is None, h.error
    assert h.result["version"] == 1 and h.result["forms"] == ["h5"]
    assert h.result["modules"] == [{"id": "m1", "title": "H5 课程制作", "url": "https://learn/m1"}]
    # Unlocked: a save changes v1 in place.
    assert "v1" in ed.version_label.text() and "v2" not in ed.version_label.text()
    ed.cooloff_days.setValue(3)
    h = ed.save()
    wait_job(qtbot, h)
    assert h.error is None and h.result["version"] == 1 and h.result["cooloff_days"] == 3
    assert _programs(ctx.market) == [(1, 80, False, True)]
    assert ed.message.kind == "success"  # #18: a success message in the success colour
    ed.exam_size.setValue(50)  # a refusal after a success is shown as an error again
    h = ed.save()
    wait_job(qtbot, h)
    assert h.error is not None and h.error.code == "PROGRAM_INVALID"
    assert "c62828" in ed.message.styleSheet() and ed.message.text()
