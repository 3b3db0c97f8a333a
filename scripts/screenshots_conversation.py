"""Screenshots of the order-as-a-conversation screens (#17), offscreen, into docs/screenshots/.

    .venv/bin/python scripts/screenshots_conversation.py [--lang zh_CN|en] [--out docs/screenshots]

Builds a throwaway user folder with a small real world (staff, a buyer, a certified maker) through
the services, a deck with three quiz questions rendered as H5 + screen-record, and walks one
order: post with the source deck → offer → award → messages with an attachment → delivery →
pinned comments (an H5 page position and a video time) → revision → v2 → dispute. Grabs:
request-page.png, order-thread.png, pinned-review.png, maker-comments.png, dispute-view.png.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "demo12345"


def make_deck(path: Path) -> Path:
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
    for line in ("A. 核实保单信息", "B. 现场查勘", "答案：A", "2. 报案电话是多少？", "A. 95518",
                 "B. 110", "答案：A", "3. 查勘前要先做什么？", "A. 确认人员安全", "B. 拍照取证",
                 "答案：A"):
        tf.add_paragraph().text = line
    s.notes_slide.notes_text_frame.text = ("最后做三道随堂测验，检验一下刚才学到的报案受理要点。"
                                           "请认真作答，答完后我们一起回顾正确答案。")
    prs.save(path)
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", default="zh_CN")
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--width", type=int, default=1440)
    ap.add_argument("--height", type=int, default=900)
    args = ap.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["CREATOR_STUDIO_WEBENGINE"] = "0"
    os.environ["CREATOR_STUDIO_CONFIRM"] = "0"
    home = Path(tempfile.mkdtemp(prefix="cs-shots17-"))
    os.environ["CREATOR_STUDIO_HOME"] = str(home)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    from creator_studio.ui.app import create_application
    from creator_studio.ui.context import AppContext
    from creator_studio.ui.errors import set_language
    from creator_studio.ui.i18n import install_translator
    from creator_studio.ui.settings import UiSettings

    app = create_application([])
    set_language(args.lang)
    install_translator(app, args.lang)
    ctx = AppContext.create(UiSettings(language=args.lang, autosave_seconds=3600))
    m = ctx.market

    def pump(until=None, timeout=120.0):
        t0 = time.time()
        while time.time() - t0 < timeout:
            app.processEvents()
            if until is None or until():
                return True
            time.sleep(0.02)
        raise SystemExit(f"timed out waiting for the UI ({until})")

    def settle(handle=None):
        if handle is not None:
            pump(lambda: handle.done)
            if handle.error is not None:
                raise SystemExit(f"failed: {handle.error}")
        ctx.runner.wait()
        for _ in range(20):
            app.processEvents()
            time.sleep(0.01)

    def shot(widget, name):
        widget.resize(args.width, args.height)
        widget.show()
        settle()
        path = out / name
        widget.grab().save(str(path))
        print("wrote", path, flush=True)

    # --- the world, through the services --------------------------------------------------------
    from creator_studio.core.market import accounts
    from creator_studio.core.store.models import Certificate

    svc = m.svc
    now = svc.now()
    with svc.write() as s:
        staff = accounts.bootstrap_staff(s, "staff01", "平台运营小周", PASSWORD, now=now)
        bl = accounts.create_business_line(s, staff, "PNC", "产险理赔", now=now)
        for login, name, roles in (("buyer01", "王需求", ["buyer"]), ("maker01", "张创客", ["maker"])):
            accounts.create_user(s, staff, login, name, roles, password=PASSWORD,
                                 business_line_code=bl.code, now=now)
        maker_id = accounts.user_by_login(s, "maker01").id
        n = uuid.uuid4().hex[:10]
        s.add(Certificate(number=f"CS-{n}", holder_id=maker_id,
                          forms=["long-image", "h5", "screen-record", "skit"], status="valid",
                          issued_at=now - timedelta(days=30), expires_at=now + timedelta(days=700),
                          verification_code=f"v-{n}"))
        line_id = bl.id
    buyer, maker = m.login("buyer01", PASSWORD), m.login("maker01", PASSWORD)
    staff_u = m.login("staff01", PASSWORD)

    print("rendering the course (H5 + screen recording)…", flush=True)
    from creator_studio.core.forms import render_forms
    from creator_studio.core.importers import import_source

    deck = make_deck(home / "车险理赔服务规范.pptx")
    lesson = import_source(deck, assets_dir=home / "assets")
    pkg = home / "package"
    done, failed = render_forms(lesson, pkg, ["h5", "screen-record"], {})
    if failed:
        raise SystemExit(f"render failed: {failed}")

    rid = m.post_request(buyer, title="车险理赔服务规范微课", forms=["h5", "screen-record"],
                         budget_fen=300_000, deadline=m.now() + timedelta(days=20),
                         description="面向新入职理赔专员，10 分钟以内。突出报案受理三步，"
                                     "结尾放 3 道随堂测验；请使用公司 VI 模板。",
                         business_line_id=line_id, attachments=[deck])
    offer = m.make_offer(maker, rid, 280_000, 6, "两周内交付，含一轮配音调整")
    oid = m.award(buyer, rid, offer).order_id
    note = home / "报案流程补充说明.docx"
    note.write_bytes(b"PK\x03\x04" + "报案流程补充说明".encode() * 400)
    m.post_message(maker, oid, "您好，第 2 页的报案电话是用 95518 吗？另外封面需要放公司标志吗？")
    m.post_message(buyer, oid, "是的，用 95518。封面放标志，附件是最新的报案流程说明。",
                   attachments=[note])
    m.mark_thread_read(maker, oid)
    m.order_action(maker, oid, "request_material", reason="请提供公司 VI 模板")
    m.order_action(buyer, oid, "provide_material")
    d1 = m.deliver(maker, oid, pkg, "第一版，请审阅")
    m.post_message(maker, oid, "第一版已交付，请在预览里直接批注。")

    # --- request page (the maker's order tab, after the award) ---------------------------------
    from creator_studio.ui.market.maker_views import MakerMarketView

    ctx.current_user = maker
    mview = MakerMarketView(ctx)
    mview.setCurrentWidget(mview.conversation)
    conv = mview.conversation
    pump(lambda: conv.model.rowCount() > 0)
    conv.table.selectRow(0)
    conv.brief.open_in_studio = lambda *_a: None  # shows the button as the studio would
    pump(lambda: conv.brief.files.count() > 0)
    conv.brief._update_buttons()
    conv.tabs.setCurrentWidget(conv.brief)
    shot(mview, "request-page.png")
    mview.close()

    # --- buyer: pins on the H5 page and the video, then the thread -----------------------------
    from creator_studio.ui.market.buyer_views import BuyerView

    ctx.current_user = buyer
    bview = BuyerView(ctx)
    bview.setCurrentWidget(bview.review)
    review = bview.review
    pump(lambda: review.model.rowCount() > 0)
    review.table.selectRow(0)
    pins = review.pins
    pump(lambda: review.loaded_delivery == d1 and pins.pages.count() > 0, timeout=60)
    settle()
    comments = [("page", "h5", "p2", (3000, 4200), "must_fix", "报案电话写成 95518，并加粗"),
                ("page", "h5", "p2", (7000, 7800), "suggestion", "三个步骤之间加箭头会更清楚"),
                ("time", "screen-record", None, 12_500, "suggestion", "这里旁白语速偏快")]
    for kind, form, page_id, where, sev, body in comments:
        pins.select_target(kind, form)
        if kind == "page":
            pins.select_page(page_id)
            pins.canvas.pick(*where)
        else:
            pins.time.setValue(where / 1000)
        pins.severity.setCurrentIndex(pins.severity.findData(sev))
        pins.body.setPlainText(body)
        settle(pins.pin())
    pins.select_target("page", "h5")
    pins.select_page("p2")
    pins.revision_note.setText("整体不错，按批注修改即可")
    settle()
    shot(bview, "pinned-review.png")

    bview.setCurrentWidget(bview.conversation)
    bconv = bview.conversation
    pump(lambda: bconv.model.rowCount() > 0)
    bconv.table.selectRow(0)
    bconv.tabs.setCurrentWidget(bconv.thread)
    pump(lambda: len(bconv.thread.messages()) >= 3)
    settle()
    shot(bview, "order-thread.png")

    # --- revision; the maker's studio with the comments on the page thumbnails ------------------
    settle(pins.request_revision())
    from creator_studio.ui.market.review_pins import install_in_studio
    from creator_studio.ui.studio.workspace import MakerStudio

    ctx.current_user = maker
    studio = MakerStudio(ctx)
    panel = install_in_studio(ctx, studio, [])
    studio.linked_order_id = oid
    settle(studio.import_file(deck))
    settle(panel.reload())
    pump(lambda: len(panel.comments.rows) == 3)
    panel.comments.select_comment(min(c["id"] for c in panel.comments.rows))
    panel.comments.go_to_page()
    studio.tabs.setCurrentWidget(panel)
    shot(studio, "maker-comments.png")
    studio.project.close_clean()
    studio.set_project(None)
    studio.close()
    for c in m.review_comments(maker, oid):
        if c["anchor"] == "page" and c["severity"] == "must_fix":
            m.set_comment_status(maker, c["id"], "done", "已改为 95518 并加粗")
    m.deliver(maker, oid, pkg, "第二版：按批注修改")
    m.order_action(buyer, oid, "propose_change", description="增加两页理赔案例", price_delta_fen=60_000,
                   extra_days=3)
    m.order_action(maker, oid, "open_dispute", reason="需求方在修改轮次外持续增加内容")
    m.post_message(buyer, oid, "案例是原需求里提到的「突出报案」的一部分。")

    from creator_studio.ui.market.dispute_view import DisputeView
    from creator_studio.ui.market.staff_views import Disputes

    ctx.current_user = staff_u
    disputes = Disputes(ctx)
    view = DisputeView(ctx, disputes)
    pump(lambda: disputes.model.rowCount() > 0)
    disputes.table.selectRow(0)
    pump(lambda: view.case.dossier is not None)
    disputes.outcome.setCurrentIndex(disputes.outcome.findData("accept"))
    disputes.payout.setValue(2800)
    disputes.reason.setText("交付符合原需求，案例部分按变更单另计")
    shot(view, "dispute-view.png")

    for w in (bview, view):
        w.close()
    ctx.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
