"""Errors as dialogs (never tracebacks), previews with their fallbacks, accessibility basics."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
)

from creator_studio.core.errors import ValidationError
from creator_studio.ui import errors
from creator_studio.ui.main_window import MainWindow
from creator_studio.ui.studio.previews import HtmlPreview, OpenExternally, VideoPreview, preview_for
from creator_studio.ui.studio.workspace import MakerStudio
from uihelpers import PASSWORD, make_market_world, wait_job


def test_studio_error_dialog_in_the_window_language(qtbot):
    exc = ValidationError("价格超出预算", "The price is above the budget", code="OVER_BUDGET")
    errors.set_language("zh_CN")
    box = errors.show_error(None, exc, modal=False)
    qtbot.addWidget(box)
    assert isinstance(box, QMessageBox)
    assert box.text() == "价格超出预算" and box.property("error_code") == "OVER_BUDGET"
    errors.set_language("en")
    box2 = errors.show_error(None, exc, modal=False)
    qtbot.addWidget(box2)
    assert box2.text() == "The price is above the budget"
    errors.set_language("zh_CN")
    box.close()
    box2.close()


def test_unexpected_error_is_logged_with_copyable_details(qtbot):
    log = errors.setup_file_logging()
    try:
        raise KeyError("boom-7f3a")
    except KeyError as exc:
        dlg = errors.show_error(None, exc, modal=False)
    qtbot.addWidget(dlg)
    assert isinstance(dlg, errors.ErrorDialog)
    assert "Traceback" in dlg.details and "boom-7f3a" in dlg.details
    dlg.copy_button.click()
    assert "boom-7f3a" in QGuiApplication.clipboard().text()
    for h in __import__("logging").getLogger().handlers:
        h.flush()
    assert "boom-7f3a" in log.read_text(encoding="utf-8")
    dlg.close()


def test_excepthook_turns_an_uncaught_error_into_a_dialog(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(errors, "show_error", lambda parent, exc, details="", modal=True:
                        shown.append((exc, details)))
    old = sys.excepthook
    errors.install_excepthook()
    try:
        try:
            raise RuntimeError("slot failed")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old
    (exc, details), = shown
    assert isinstance(exc, RuntimeError) and "slot failed" in details


def test_previews_fall_back_to_open_externally(qtbot, tmp_path, monkeypatch):
    video = tmp_path / "course.mp4"
    video.write_bytes(b"\x00")
    html = tmp_path / "index.html"
    html.write_text("<!doctype html><title>x</title><p>你好</p>", encoding="utf-8")
    monkeypatch.setenv("CREATOR_STUDIO_MULTIMEDIA", "0")
    v = VideoPreview(video)
    qtbot.addWidget(v)
    assert v.player is None and isinstance(v.fallback, OpenExternally)
    assert v.fallback.path == video
    h = HtmlPreview(html)  # CREATOR_STUDIO_WEBENGINE=0 in tests/ui/conftest.py
    qtbot.addWidget(h)
    assert h.view is None and isinstance(h.fallback, OpenExternally)
    # The form's files decide the preview kind.
    w = preview_for("h5", {"files": [{"path": "index.html", "role": "html"}]}, tmp_path)
    qtbot.addWidget(w)
    assert isinstance(w, HtmlPreview)


def test_video_player_loads_when_qtmultimedia_is_available(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("CREATOR_STUDIO_MULTIMEDIA", "1")
    video = tmp_path / "course.mp4"
    video.write_bytes(b"\x00")
    v = VideoPreview(video)
    qtbot.addWidget(v)
    assert v.player is not None and v.fallback is None
    assert v.player.source().toLocalFile() == str(video)
    v.stop()


def _next_tab_stop(w):
    """The widget Tab moves to: the next focus-chain member that takes keyboard focus."""
    nxt = w.nextInFocusChain()
    while nxt is not w:
        if (nxt.focusPolicy() & Qt.FocusPolicy.TabFocus) and nxt.isVisible() and nxt.isEnabled():
            return nxt
        nxt = nxt.nextInFocusChain()
    return None


def _unnamed_controls(root):
    bad = []
    for w in root.findChildren(QAbstractButton) + root.findChildren(QLineEdit) \
            + root.findChildren(QPlainTextEdit) + root.findChildren(QTableView):
        if w.objectName().startswith("qt_"):
            continue
        name = w.accessibleName() or (w.text() if isinstance(w, QAbstractButton) else "")
        if isinstance(w, QLineEdit) and w.parent() is not None and \
                type(w.parent()).__name__ in ("QSpinBox", "QDoubleSpinBox", "QDateEdit", "QComboBox"):
            continue
        if not name.strip():
            bad.append(f"{type(w).__name__} in {type(w.parent()).__name__}")
    return bad


def test_accessibility_names_tab_order_and_keyboard_sign_in(qtbot, ctx):
    make_market_world(ctx.market)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    wait_job(qtbot, win.signin.prepare())
    s = win.signin
    # Tab order: login → password → sign in.
    assert _next_tab_stop(s.login_edit) is s.password_edit
    assert _next_tab_stop(s.password_edit) is s.sign_in_button
    # Keyboard only: type and press Enter in the password field.
    s.login_edit.setText("maker01")
    qtbot.keyClicks(s.password_edit, PASSWORD)
    with qtbot.waitSignal(win.signed_in, timeout=10000):
        qtbot.keyClick(s.password_edit, "\r")
    # Every control a screen reader reaches has a name, in the studio and the market views.
    assert _unnamed_controls(win.studio) == []
    for view in win.views.values():
        assert _unnamed_controls(view) == [], type(view).__name__
    # Fonts follow the system: no widget sets a pixel size.
    for w in win.findChildren(QAbstractButton):
        assert w.font().pixelSize() == -1
    ctx.runner.wait()
    qtbot.wait(10)


def test_window_close_asks_about_unsaved_work_and_language_setting(qtbot, ctx, tiny_deck):
    from creator_studio.ui.settings import UiSettings

    make_market_world(ctx.market)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    wait_job(qtbot, win.signin.prepare())
    with qtbot.waitSignal(win.signed_in, timeout=10000):
        win.signin.sign_in_as("maker01", PASSWORD)
    studio = win.studio
    wait_job(qtbot, studio.import_file(tiny_deck))
    wait_job(qtbot, studio.render_panel.load_handle)
    asked = []
    studio.ask = lambda *a: asked.append(a[1]) or QMessageBox.StandardButton.Cancel
    assert win.close() is False  # cancelled: the window stays
    assert asked and win.isVisible() and studio.project is not None
    studio.ask = lambda *a: QMessageBox.StandardButton.Discard
    # The language menu stores the choice for the next start.
    win.set_language("en")
    assert UiSettings.load().language == "en"
    assert win.close() is True
    assert studio.project is None
    saved = UiSettings.load()
    assert saved.geometry and saved.last_user == "maker01"
    ctx.runner.wait()
    qtbot.wait(10)


def test_h5_preview_loads_in_the_built_in_browser(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("CREATOR_STUDIO_WEBENGINE", "1")
    html = tmp_path / "index.html"
    html.write_text("<!doctype html><html><head><meta charset='utf-8'><title>理赔课程</title>"
                    "</head><body><p>你好</p></body></html>", encoding="utf-8")
    h = HtmlPreview(html)
    qtbot.addWidget(h)
    assert h.view is not None and h.fallback is None
    with qtbot.waitSignal(h.view.loadFinished, timeout=30000) as blocker:
        pass
    assert blocker.args == [True]
    assert h.view.title() == "理赔课程"


def test_skit_preview_has_one_tab_per_output(qtbot, tmp_path, monkeypatch):
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QTabWidget

    from creator_studio.ui.studio.previews import LongImagePreview

    monkeypatch.setenv("CREATOR_STUDIO_MULTIMEDIA", "0")
    (tmp_path / "skit" / "h5").mkdir(parents=True)
    img = QImage(300, 900, QImage.Format.Format_RGB32)
    img.fill(0xFFEEDDCC)
    img.save(str(tmp_path / "skit" / "chat-01.png"))
    (tmp_path / "skit" / "skit.mp4").write_bytes(b"\x00")
    (tmp_path / "skit" / "h5" / "index.html").write_text("<title>x</title>", encoding="utf-8")
    entry = {"files": [{"path": "skit/skit.mp4", "role": "video"},
                       {"path": "skit/skit.srt", "role": "captions"},
                       {"path": "skit/chat-01.png", "role": "image"},
                       {"path": "skit/h5/index.html", "role": "html"}]}
    w = preview_for("skit", entry, tmp_path)
    qtbot.addWidget(w)
    assert isinstance(w, QTabWidget) and w.count() == 3
    kinds = [type(w.widget(i)) for i in range(3)]
    assert kinds == [VideoPreview, HtmlPreview, LongImagePreview]
    assert not w.widget(2).pixmaps[0].isNull()
