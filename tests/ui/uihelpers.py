"""Helpers shared by the UI tests (imported by name; tests/ui is put on sys.path by conftest)."""

from __future__ import annotations

import threading


def leaked_workers(before: set[int]) -> list[str]:
    """Describe runner pools still busy and Python threads started since `before`."""
    from creator_studio.ui.runner import running_pools

    out = [f"QThreadPool {id(p):#x}: {p.activeThreadCount()} active" for p in running_pools()]
    out += [f"thread {t.name!r}" for t in threading.enumerate()
            if t.ident not in before and t.is_alive() and not t.daemon
            and not isinstance(t, threading._DummyThread)]
    return out


def wait_job(qtbot, handle, timeout=60000):
    """Wait for a runner job to end (success, failure or cancel) and return it."""
    if handle is not None and not handle.done:
        with qtbot.waitSignal(handle.finished, timeout=timeout):
            pass
    return handle


def make_deck(path, *, with_dialogue: bool = False):
    from pptx import Presentation

    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[0])
    s.shapes.title.text = "车险理赔服务规范"
    s.placeholders[1].text = "理赔专员培训 · 2026"
    s.notes_slide.notes_text_frame.text = "欢迎参加本次培训，我们来学习理赔服务规范。"
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "报案受理三步走"
    tf = s.placeholders[1].text_frame
    tf.text = "第一步：核实保单信息"
    tf.add_paragraph().text = "第二步：记录出险经过"
    tf.add_paragraph().text = "第三步：告知后续流程"
    s.notes_slide.notes_text_frame.text = "受理报案时要耐心倾听客户描述。"
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "随堂测验"
    tf = s.placeholders[1].text_frame
    tf.text = "1. 报案受理的第一步是什么？"
    tf.add_paragraph().text = "A. 核实保单信息"
    tf.add_paragraph().text = "B. 现场查勘"
    tf.add_paragraph().text = "答案：A"
    if with_dialogue:
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = "情景对话"
        tf = s.placeholders[1].text_frame
        tf.text = "客户：我的车被撞了，怎么报案？"
        tf.add_paragraph().text = "理赔员：您好，请先确认人员安全，我来帮您登记。"
    prs.save(path)
    return path




PASSWORD = "demo12345"


def make_market_world(backend) -> dict:
    """Staff, a buyer, a certified maker and a maker without certificate, through the services.

    The certificate row is written directly (as the market tests do): certification has its own
    end-to-end tests, and this world only needs a maker who may take work.
    """
    import uuid
    from datetime import timedelta

    from creator_studio.core.market import accounts
    from creator_studio.core.store.models import Certificate

    svc = backend.svc
    now = svc.now()
    with svc.write() as s:
        staff = accounts.bootstrap_staff(s, "staff01", "平台运营小周", PASSWORD, now=now)
        bl = accounts.create_business_line(s, staff, "PNC", "产险理赔", now=now)
        ids = {"staff": staff.id}
        for login, name, roles in (("buyer01", "王需求", ["buyer"]), ("maker01", "张创客", ["maker"]),
                                   ("maker09", "钱未证", ["maker"])):
            u = accounts.create_user(s, staff, login, name, roles, password=PASSWORD,
                                     business_line_code=bl.code, now=now)
            ids[login] = u.id
        n = uuid.uuid4().hex[:10]
        s.add(Certificate(number=f"CS-UI-{n}", holder_id=ids["maker01"],
                          forms=["long-image", "h5", "screen-record", "skit"], status="valid",
                          issued_at=now - timedelta(days=1), expires_at=now + timedelta(days=700),
                          verification_code=f"ui-{n}"))
        ids["business_line"] = bl.id
    return ids


def sign_in(qtbot, ctx, login: str):
    user = ctx.market.login(login, PASSWORD)
    ctx.current_user = user
    return user


BANK = [{"id": f"q{i}", "stem": f"上传规范题{i}", "options": ["对", "错"], "answers": [i % 2]}
        for i in range(6)]


def submit_practical_for(backend, ids: dict, login: str, package_dir) -> int:
    """Run the certification programme through the services up to a submitted practical."""
    from creator_studio.core.market import certification as cert
    from creator_studio.core.store.models import User

    svc = backend.svc
    now = svc.now()
    with svc.write() as s:
        staff = s.get(User, ids["staff"])
        maker = s.get(User, ids[login])
        if cert.current_program(s, "maker", required=False) is None:
            cert.create_program(s, staff, code="maker", title="创客认证",
                                forms=["long-image", "h5", "screen-record", "skit"],
                                modules=[{"id": "m1", "title": "微课设计", "url": "https://learn/m1"}],
                                question_bank=BANK, exam_size=3, pass_mark=60, now=now)
        app = cert.apply(s, maker, "maker", ["long-image"], now=now)
        cert.complete_module(s, maker, app.id, "m1", now=now)
        attempt, paper = cert.start_exam(s, maker, app.id, now=now)
        key = {q["id"]: q["answers"] for q in BANK}
        cert.submit_exam(s, maker, attempt.id, {q["id"]: key[q["id"]] for q in paper}, now=now)
        cert.submit_practical(s, maker, app.id, package_dir, filestore=svc.store, now=now)
        return app.id


def render_long_image(deck, out):
    """A real practical package: the deck imported and rendered as a long image."""
    from creator_studio.core.forms import render_forms
    from creator_studio.core.importers import import_source

    lesson = import_source(deck, assets_dir=out.parent / "assets")
    done, failed = render_forms(lesson, out, ["long-image"], {})
    assert "long-image" in done, failed
    return out
