"""Start the desktop window: QApplication, translator, logging, the AppContext, the main window.

    creator-studio                 # (no sub-command) or creator-studio-gui
    python -m creator_studio.ui.app --measure-startup   # print when the window first paints, quit

Nothing heavy is imported here: the database, the importers and the renderers load on first use
(mostly on worker threads), so the window appears quickly.
"""

from __future__ import annotations

import os
import sys
import time


def _prepare_environment() -> None:
    # QtWebEngine (the H5 preview) needs these before QApplication exists when running as root.
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        for f in ("--no-sandbox", "--disable-gpu"):
            if f not in flags:
                flags = (flags + " " + f).strip()
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = flags


def create_application(argv: list[str]):
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        # Lets the H5 preview load QtWebEngine later, on demand.
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(["creator-studio", *argv])
    app.setApplicationName("Creator Studio")
    app.setOrganizationName("CorporateUniversity")
    app.setApplicationDisplayName("创客工作室 Creator Studio")
    return app


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    measure = "--measure-startup" in argv
    argv = [a for a in argv if a != "--measure-startup"]
    _prepare_environment()
    app = create_application(argv)

    from creator_studio.ui.context import AppContext
    from creator_studio.ui.errors import install_excepthook, set_language, setup_file_logging
    from creator_studio.ui.i18n import install_translator
    from creator_studio.ui.main_window import MainWindow
    from creator_studio.ui.settings import UiSettings

    setup_file_logging()
    install_excepthook()
    settings = UiSettings.load()
    set_language(settings.language)
    install_translator(app, settings.language)
    from creator_studio.ui import theme

    theme.apply(app)  # #18: the light theme (design tokens → stylesheet)
    ctx = AppContext.create(settings)
    win = MainWindow(ctx)
    if measure:
        def shown() -> None:
            print(f"first-paint {time.time():.6f}", flush=True)
            win.close()

        win.first_painted.connect(shown)
    else:  # #18: form names come from the plugin registry; load it off the UI thread early
        from creator_studio.ui.forms_meta import warm_up

        win.first_painted.connect(lambda: ctx.runner.run(lambda job: warm_up(), label="forms"))
    win.show()
    try:
        return app.exec()
    finally:
        ctx.close()


if __name__ == "__main__":
    raise SystemExit(main())
