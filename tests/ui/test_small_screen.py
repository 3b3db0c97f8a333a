"""#18 item 5: on a 1280×720 screen no role's window needs more room than the screen has (the
buyer's review used to force the window to 1404×761, cutting off its right and bottom edge);
a page whose panes need more scrolls instead."""

from __future__ import annotations

import pytest

from creator_studio.ui.main_window import MainWindow
from uihelpers import PASSWORD, make_market_world, wait_job

SCREEN = (1280, 720)


@pytest.mark.parametrize("login", ["buyer01", "maker01", "staff01"])
def test_every_role_fits_a_1280x720_screen(qtbot, ctx, login, themed):
    make_market_world(ctx.market)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    wait_job(qtbot, win.signin.prepare())
    with qtbot.waitSignal(win.signed_in, timeout=20000):
        win.signin.sign_in_as(login, PASSWORD)
    win.resize(*SCREEN)
    win.show()
    ctx.runner.wait()
    qtbot.wait(50)
    need = win.minimumSizeHint()
    assert need.width() <= SCREEN[0] and need.height() <= SCREEN[1], (login, need.toTuple())
    ctx.runner.wait()
    win.sign_out()
    ctx.runner.wait()
