"""Install the window's translator for the chosen language (zh_CN by default)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from creator_studio.ui.i18n_build import qm_path, ts_path

log = logging.getLogger(__name__)


def install_translator(app: QCoreApplication, lang: str) -> QTranslator | None:
    """Load `creator_studio_<lang>.qm`, compiling it on the fly if setup has not yet done so."""
    qm = qm_path(lang)
    if not qm.exists() and ts_path(lang).exists():
        try:
            from creator_studio.ui.i18n_build import compile_all

            compile_all()
        except Exception:  # a missing tool must not stop the window; it falls back to English
            log.warning("could not compile translations", exc_info=True)
    tr = QTranslator(app)
    if qm.exists() and tr.load(str(qm)):
        app.installTranslator(tr)
        _install_qt_catalogue(app, lang, tr)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China)
                           if lang.startswith("zh") else QLocale(QLocale.Language.English))
        return tr
    log.warning("no translations for %s; showing source strings", lang)
    return None


def _install_qt_catalogue(app: QCoreApplication, lang: str, owner: QTranslator) -> None:
    """Qt's own strings (Save / Discard / Cancel in message boxes, calendar, file dialogs)."""
    if lang == "en":
        return
    qt_tr = QTranslator(owner)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_tr.load(f"qt_{lang}", folder):
        app.installTranslator(qt_tr)
        owner._qt_catalogue = qt_tr  # removed together with ours


def remove_translator(app: QCoreApplication, tr: QTranslator | None) -> None:
    if tr is not None:
        qt_tr = getattr(tr, "_qt_catalogue", None)
        if qt_tr is not None:
            app.removeTranslator(qt_tr)
        app.removeTranslator(tr)
