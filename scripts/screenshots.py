"""Screenshots of every main screen, per role, in both languages and two window sizes (#18).

    .venv/bin/python scripts/screenshots.py                 # all 4 configurations (subprocesses)
    .venv/bin/python scripts/screenshots.py --one --lang en --size 1280x720 --scale 1.5

The full run starts one process per configuration — 简体中文 and English, each at 1440×900 and at
1280×720 with 150 % scaling (QT_SCALE_FACTOR=1.5: the window is 1280×720 logical pixels, the
PNG 1920×1080) — into docs/screenshots/<lang>-<w>x<h>[@1.5x]/. Each process uses a throwaway
user folder: it fills the demo scenario, imports and renders the bundled sample course as a
maker with an open order, delivers it (so the buyer's review shows a real long image), runs the
staff's grade evaluation (so the charts have data), then signs in as the maker, the buyer and the
staff member in turn and grabs every entry of the navigation rail:
<role>-<NN>-<page>.png.

Each shot is also checked, and problems are listed in check.txt beside the PNGs:
- text a table cell elides ("…") although its column could be wider (the view has room);
- characters no font on the machine can draw (they would show as tofu boxes);
- a widget cut off by the window's right or bottom edge (not inside a scroll area);
- a page, list or table that shows a horizontal scroll bar (its content is wider than its room);
- a window that needs more room than the configured screen (it would be cut off there).
The zh_CN 1440×900 run also writes the four pictures the docs use (maker-studio.png,
market.png, buyer-review.png, staff-dashboard.png) at the top of docs/screenshots/.

`--out` writes elsewhere (e.g. /tmp/shots) to look without touching the committed pictures.
Each process runs with faulthandler on, so a crash prints the Python stack of every thread.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = [("zh_CN", "1440x900", 1.0), ("en", "1440x900", 1.0),
           ("zh_CN", "1280x720", 1.5), ("en", "1280x720", 1.5)]


def config_dir(out: Path, lang: str, size: str, scale: float) -> Path:
    return out / (f"{lang}-{size}" + (f"@{scale:g}x" if scale != 1.0 else ""))


def run_all(out: Path) -> int:
    failed = 0
    for lang, size, scale in CONFIGS:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        env.pop("QT_SCALE_FACTOR", None)
        if scale != 1.0:
            env["QT_SCALE_FACTOR"] = f"{scale:g}"
        cmd = [sys.executable, "-X", "faulthandler", str(Path(__file__).resolve()), "--one",
               "--lang", lang,
               "--size", size, "--scale", f"{scale:g}", "--out", str(out)]
        print(f"== {lang} {size} ×{scale:g}", flush=True)
        t = time.time()
        rc = subprocess.run(cmd, env=env).returncode
        print(f"== done in {time.time() - t:.0f} s (exit {rc})", flush=True)
        failed += rc != 0
    return 1 if failed else 0


# -- checks ------------------------------------------------------------------------------------

def _visible_text_widgets(root):
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

    for w in root.findChildren(QLabel) + root.findChildren(QAbstractButton) + \
            root.findChildren(QGroupBox):
        if w.isVisibleTo(root) and w.window() is root:
            text = w.title() if isinstance(w, QGroupBox) else w.text()
            if text:
                yield w, text


def check_tofu(root) -> list[str]:
    """Characters the widget's font (with the system's fallbacks) cannot draw."""
    from PySide6.QtGui import QFontDatabase, QRawFont

    out = []
    families = QFontDatabase.families()
    cache: dict[str, bool] = {}

    def drawable(ch: str, font) -> bool:
        key = f"{font.family()}|{ch}"
        if key not in cache:
            from PySide6.QtGui import QFontMetrics

            ok = QFontMetrics(font).inFontUcs4(ord(ch))
            if not ok:  # Qt falls back to other fonts: any installed family with the glyph
                for fam in families[:200]:
                    raw = QRawFont.fromFont(font.__class__(fam))
                    if raw.isValid() and raw.supportsCharacter(ch):
                        ok = True
                        break
            cache[key] = ok
        return cache[key]

    for w, text in _visible_text_widgets(root):
        plain = re.sub(r"<[^>]+>", "", text).replace("&", "")
        bad = sorted({ch for ch in plain if ord(ch) > 0x2000 and not ch.isspace()
                      and not drawable(ch, w.font())})
        if bad:
            out.append(f"tofu in {type(w).__name__} {plain[:40]!r}: {''.join(bad)!r}")
    return out


def check_elided(root) -> list[str]:
    """Table cells whose text is wider than their column while the view still has room."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableView

    out = []
    for t in root.findChildren(QTableView):
        if not t.isVisibleTo(root) or t.property("cards") or t.model() is None:
            continue
        m, fm, hh = t.model(), t.fontMetrics(), t.horizontalHeader()
        used = sum(t.columnWidth(c) for c in range(m.columnCount()) if not t.isColumnHidden(c))
        room = t.viewport().width() - used
        pad = fm.horizontalAdvance("M")
        first = max(0, t.rowAt(0))
        last = t.rowAt(t.viewport().height() - 1)
        last = m.rowCount() - 1 if last < 0 else last
        for c in range(m.columnCount()):
            if t.isColumnHidden(c) or t.itemDelegateForColumn(c) is not None:
                continue
            for r in range(first, min(last, first + 60) + 1):
                text = m.data(m.index(r, c), Qt.ItemDataRole.DisplayRole)
                if text is None:
                    continue
                need = fm.horizontalAdvance(str(text)) + pad
                if need > t.columnWidth(c) and (room > 4 or hh.sectionResizeMode(c) ==
                                               hh.ResizeMode.Stretch and room > 4):
                    name = t.accessibleName() or type(t).__name__
                    out.append(f"elided in {name!r} column {m.headerData(c, Qt.Orientation.Horizontal)!r}"
                               f" row {r}: {str(text)[:40]!r} (needs {need}px, has "
                               f"{t.columnWidth(c)}px, {room}px unused)")
                    break
    return out


def check_clipped(root) -> list[str]:
    """Visible widgets reaching past the window's edge outside any scroll area."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QAbstractScrollArea, QPushButton, QLabel

    out = []
    W, H = root.width(), root.height()
    for w in root.findChildren(QPushButton) + root.findChildren(QLabel):
        if not w.isVisibleTo(root) or w.width() <= 0:
            continue
        p = w.parentWidget()
        scrolled = False
        while p is not None and p is not root:
            if isinstance(p, QAbstractScrollArea):
                scrolled = True
                break
            p = p.parentWidget()
        if scrolled:
            continue
        tl = w.mapTo(root, QPoint(0, 0))
        if tl.x() + w.width() > W + 1 or tl.y() + w.height() > H + 1:
            text = w.text()[:40] if hasattr(w, "text") else ""
            out.append(f"clipped {type(w).__name__} {text!r} at {tl.x()},{tl.y()} "
                       f"{w.width()}×{w.height()} (window {W}×{H})")
    return out


def check_sideways(root) -> list[str]:
    """Visible horizontal scroll bars: a page, list or table whose content is wider than its
    room (the review page at 1280×720 scrolled sideways; check.txt did not say so)."""
    from PySide6.QtWidgets import QAbstractScrollArea

    out = []
    for a in root.findChildren(QAbstractScrollArea):
        bar = a.horizontalScrollBar()
        if a.isVisibleTo(root) and a.window() is root and bar.isVisibleTo(root) \
                and bar.maximum() > 0:
            name = a.accessibleName() or type(a).__name__
            per_item = getattr(a, "horizontalScrollMode", None) is not None and \
                a.horizontalScrollMode() == a.ScrollMode.ScrollPerItem
            unit = "column(s)" if per_item else "px"  # a table scrolls by whole columns
            out.append(f"scrolls sideways: {name!r} ({bar.maximum()} {unit} more than its "
                       f"{a.viewport().width()}px)")
    return out


# -- one configuration -------------------------------------------------------------------------

def run_one(args) -> int:
    import faulthandler

    faulthandler.enable(all_threads=True)  # a crash names the Python line on every thread
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["CREATOR_STUDIO_WEBENGINE"] = "0"
    home = tempfile.mkdtemp(prefix="cs-shots-")
    os.environ["CREATOR_STUDIO_HOME"] = home
    width, height = (int(v) for v in args.size.split("x"))
    top = Path(args.out)
    out = config_dir(top, args.lang, args.size, args.scale)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    legacy = args.lang == "zh_CN" and args.size == "1440x900" and args.scale == 1.0

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

    theme.apply(app)  # as app.main does
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
    win.resize(width, height)
    win.show()
    settle(win.signin.prepare())
    report: list[str] = []

    def sign_in(login):
        h = win.signin.sign_in_as(login, "demo1234") if win.ctx.current_user is None else None
        if h is None:
            win.sign_out()
            h = win.signin.sign_in_as(login, "demo1234")
        settle(h)
        pump(lambda: ctx.current_user is not None and ctx.current_user.login == login)
        win.resize(width, height)  # the previous role's pages may have grown it
        settle()

    def shot(path: Path):
        settle()
        win.grab().save(str(path))
        problems = check_elided(win) + check_tofu(win) + check_clipped(win) + check_sideways(win)
        if (win.width(), win.height()) != (width, height):
            need = win.minimumSizeHint()
            problems.append(f"window grew to {win.width()}×{win.height()} (it needs "
                            f"{need.width()}×{need.height()}; the screen is {width}×{height})")
        for p in problems:
            report.append(f"{path.name}: {p}")
        print("wrote", path, f"({len(problems)} problem(s))" if problems else "", flush=True)

    def page_name(top, inner) -> str:
        w = inner if inner is not None else top
        for k, v in vars(top).items():
            if v is w and not k.startswith("_"):
                return k.replace("_", "-")
        return re.sub(r"(?<!^)(?=[A-Z])", "-", type(w).__name__).lower()

    def shoot_rail(role: str, prepare=None) -> None:
        from creator_studio.ui.widgets.nav_rail import PAGE_ROLE

        for n, item in enumerate(win.rail.entries(), 1):
            top, inner = item.data(PAGE_ROLE)
            win.rail.setCurrentItem(item)
            settle()
            if prepare is not None:
                prepare(top, inner)
            shot(out / f"{role}-{n:02d}-{page_name(top, inner)}.png")

    def select_first(top, inner) -> None:
        """A list with rows shows its first one selected (the detail pane filled)."""
        from PySide6.QtWidgets import QTableView

        page = inner if inner is not None else top
        for t in page.findChildren(QTableView):
            if t.isVisibleTo(win) and t.model() is not None and t.model().rowCount() \
                    and not t.selectionModel().hasSelection():
                t.selectRow(0)
                settle()
                break

    # --- maker: the studio with the bundled sample, rendered -------------------------------
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
    if legacy:
        win.rail.show_page(studio)
        shot(top / "maker-studio.png")

    user = ctx.current_user
    open_orders = (market.maker_orders(user, 50, 0, status="in_progress")
                   + market.maker_orders(user, 50, 0, status="revision_requested"))
    delivered_for = None
    if open_orders:
        delivered_for = open_orders[0]
        market.deliver(user, delivered_for.id, studio.render_panel.out_dir(), "请验收，谢谢")
    settle()

    def maker_prepare(top, inner) -> None:
        if top is studio:  # the studio's own tabs: the page editor with a page chosen
            studio.tabs.setCurrentWidget(studio.page_editor_host)
            settle()
        else:
            select_first(top, inner)

    shoot_rail("maker", maker_prepare)
    for page, extra in ((studio.render_panel, "render"), (studio.previews, "preview"),
                        (studio.norms, "norms")):  # the studio's inner screens
        win.rail.show_page(studio)
        studio.tabs.setCurrentWidget(page)
        settle()
        shot(out / f"maker-studio-{extra}.png")
    if legacy:
        mv = next(v for v in win.views.values() if type(v).__name__ == "MakerMarketView")
        win.rail.show_page(mv.market)
        settle()
        select_first(mv, mv.market)
        shot(top / "market.png")
    studio.project.close_clean()
    studio.set_project(None)

    # --- buyer ------------------------------------------------------------------------------
    buyer_login = "buyer01"
    if delivered_for is not None:
        with market.svc.read() as s:
            o = s.get(Order, delivered_for.id)
            buyer_login = s.scalar(select(User.login).where(User.id == o.buyer_id))
    sign_in(buyer_login)
    bv = next(v for v in win.views.values() if type(v).__name__ == "BuyerView")
    review = bv.review

    def open_delivered() -> None:
        pump(lambda: review.model.rowCount() > 0)
        row = 0
        if delivered_for is not None:
            while review.model.canFetchMore() and all(
                    review.model.row(r).id != delivered_for.id
                    for r in range(review.model.rowCount())):
                review.model.fetchMore()
            row = next((r for r in range(review.model.rowCount())
                        if review.model.row(r).id == delivered_for.id), 0)
        review.table.selectRow(row)
        review.table.scrollTo(review.model.index(row, 0))
        pump(lambda: review.loaded_delivery is not None, timeout=30)
        review.comment.setPlainText("第3页的流程图请放大一些。" if args.lang.startswith("zh")
                                    else "Please enlarge the flow chart on page 3.")

    def buyer_prepare(top, inner) -> None:
        if inner is review:
            open_delivered()
        else:
            select_first(top, inner)

    shoot_rail("buyer", buyer_prepare)
    if legacy:
        win.rail.show_page(review)
        settle()
        open_delivered()
        shot(top / "buyer-review.png")

    # --- staff ------------------------------------------------------------------------------
    sign_in("staff01")
    sv = next(v for v in win.views.values() if type(v).__name__ == "StaffView")
    from creator_studio.ui.market.staff_views import previous_period

    sv.evaluation.period.setText(previous_period())
    settle(sv.evaluation.run())  # the level chart and the grade table have data
    shoot_rail("staff", select_first)
    if legacy:
        win.rail.show_page(sv.dashboard)
        settle(sv.dashboard.reload())
        shot(top / "staff-dashboard.png")

    (out / "check.txt").write_text(
        "\n".join(report) + ("\n" if report else "no problems found\n"), encoding="utf-8")
    print(f"{len(report)} problem(s) listed in {out / 'check.txt'}", flush=True)
    win.close()
    ctx.close()
    QApplication.processEvents()
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--one", action="store_true", help="one configuration, in this process")
    ap.add_argument("--lang", default="zh_CN")
    ap.add_argument("--size", default="1440x900")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = ap.parse_args(argv)
    if not args.one:
        return run_all(Path(args.out))
    return run_one(args)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
