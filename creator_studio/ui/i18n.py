"""Install the window's translator for the chosen language (zh_CN by default)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

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
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China)
                           if lang.startswith("zh") else QLocale(QLocale.Language.English))
        return tr
    log.warning("no translations for %s; showing source strings", lang)
    return None


def remove_translator(app: QCoreApplication, tr: QTranslator | None) -> None:
    if tr is not None:
        app.removeTranslator(tr)
