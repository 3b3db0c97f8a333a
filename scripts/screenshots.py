"""Screenshots of the main screens, offscreen, with the demo data, into docs/screenshots/.

    .venv/bin/python scripts/screenshots.py [--lang zh_CN|en] [--out docs/screenshots]

Uses a throwaway user folder: fills the demo scenario, imports and renders the bundled sample
course as maker01, delivers it to one of maker01's open orders so the buyer's review shows a real
long image, then grabs: maker-studio.png, market.png, buyer-review.png, staff-dashboard.png.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", default="zh_CN")
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--width", type=int, default=1440)
    ap.add_argument("--height", type=int, default=900)
    args = ap.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["CREATOR_STUDIO_WEBENGINE"] = "0"
    home = tempfile.mkdtemp(prefix="cs-shots-")
    os.environ["CREATOR_STUDIO_HOME"] = home
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    from creator_studio.ui.app import create_application
    from creator_studio.ui.context import AppContext
    from creator_studio.ui.errors import set_language
    from creator_studio.ui.i18n import install_translator
    from creator_studio.ui.main_window import MainWindow
    from creator_studio.ui.settings import UiSettings

    app = create_application([])
    set_language(args.lang)
    install_translator(app, args.lang)
    from creator_studio.ui import theme

    theme.apply(app)  # #18: as app.main does
    ctx = AppContext.create(UiSettings(language=args.lang, autosave_seconds=3600))
    market = ctx.market

    def pump(until=None, timeout=120.0):
        t0 = time.time()
        while time.time() - t0 < timeout:
            app.processEvents()
            if until is None or until():
                if until is None:
                    time.sleep(0.05)
                    app.processEvents()
                return True
            time.sleep(0.02)
        raise SystemExit(f"timed out waiting for the UI ({until})")

    def settle(handle=None):
        if handle is not None:
            pump(lambda: handle.done)
        ctx.runner.wait()
        for _ in range(10):
            pump()

    print("filling the demo scenario…", flush=True)
    market.load_demo()

    win = MainWindow(ctx)
    win.resize(args.width, args.height)
    win.show()
    settle(win.signin.prepare())

    def sign_in(login):
        h = win.signin.sign_in_as(login, "demo1234") if win.ctx.current_user is None else None
        if h is None:
            win.sign_out()
            h = win.signin.sign_in_as(login, "demo1234")
        settle(h)
        pump(lambda: ctx.current_user is not None and ctx.current_user.login == login)
        settle()

    def shot(name):
        settle()
        path = out / name
        win.grab().save(str(path))
        print("wrote", path, flush=True)

    # --- maker: the studio with the bundled sample, rendered -------------------------------
    # A maker with an order still to deliver, so the buyer's review can show the real course.
    from sqlalchemy import select

    from creator_studio.core.store.models import Order, User

    with market.svc.read() as s:
        maker_login = s.scalar(select(User.login).join(Order, Order.maker_id == User.id)
                               .where(Order.status.in_(("in_progress", "revision_requested")))
                               .order_by(Order.id).limit(1)) or "maker01"
    sign_in(maker_login)
    studio = win.studio
    sample = ROOT / "creator_studio" / "resources" / "samples" / "理赔流程培训.pptx"
    settle(studio.import_file(sample))
    settle(studio.render_panel.load_handle)
    studio.render_panel.select("long-image")
    settle(studio.render_panel.render())
    settle(studio.norms.run_check())
    studio.select_page(studio.project.lesson.pages[1].id)
    studio.tabs.setCurrentWidget(studio.page_editor_host)
    shot("maker-studio.png")

    # Deliver the rendered course to one of maker01's open orders (for the buyer's review).
    user = ctx.current_user
    open_orders = (market.maker_orders(user, 50, 0, status="in_progress")
                   + market.maker_orders(user, 50, 0, status="revision_requested"))
    delivered_for = None
    if open_orders:
        delivered_for = open_orders[0]
        market.deliver(user, delivered_for.id, studio.render_panel.out_dir(), "请验收，谢谢")

    # --- maker: the request market ------------------------------------------------------------
    mv = next(v for v in win.views.values() if v.__class__.__name__ == "MakerMarketView")
    win.tabs.setCurrentWidget(mv)
    mv.setCurrentWidget(mv.market)
    settle()
    if mv.market.model.rowCount():
        mv.market.table.selectRow(0)
    shot("market.png")
    studio.project.close_clean()
    studio.set_project(None)

    # --- buyer: reviewing the delivery --------------------------------------------------------
    buyer_login = "buyer01"
    if delivered_for is not None:
        with market.svc.read() as s:
            o = s.get(Order, delivered_for.id)
            buyer_login = s.scalar(select(User.login).where(User.id == o.buyer_id))
    sign_in(buyer_login)
    bv = next(v for v in win.views.values() if v.__class__.__name__ == "BuyerView")
    win.tabs.setCurrentWidget(bv)
    bv.setCurrentWidget(bv.review)
    review = bv.review
    pump(lambda: review.model.rowCount() > 0)
    row = 0
    if delivered_for is not None:
        while review.model.canFetchMore() and all(
                review.model.row(r).id != delivered_for.id for r in range(review.model.rowCount())):
            review.model.fetchMore()
        row = next((r for r in range(review.model.rowCount())
                    if review.model.row(r).id == delivered_for.id), 0)
    review.table.selectRow(row)
    review.table.scrollTo(review.model.index(row, 0))
    pump(lambda: review.loaded_delivery is not None, timeout=30)
    review.comment.setPlainText("第3页的流程图请放大一些。")
    shot("buyer-review.png")

    # --- staff: dashboard ---------------------------------------------------------------------
    sign_in("staff01")
    sv = next(v for v in win.views.values() if v.__class__.__name__ == "StaffView")
    win.tabs.setCurrentWidget(sv)
    # Evaluate the last period first, so the level chart has data.
    from creator_studio.ui.market.staff_views import previous_period

    sv.evaluation.period.setText(previous_period())
    settle(sv.evaluation.run())
    sv.setCurrentWidget(sv.dashboard)
    settle(sv.dashboard.reload())
    shot("staff-dashboard.png")

    win.close()
    ctx.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
