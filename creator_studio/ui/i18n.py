"""Install the window's translator for the chosen language (zh_CN by default)."""

from __future__ import annotations

import logging
from pathlib import Path

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
        _install_qt_gaps(app, lang, tr)  # first, so it is asked last (after ours and Qt's)
        app.installTranslator(tr)
        _install_qt_catalogue(app, lang, tr)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China)
                           if lang.startswith("zh") else QLocale(QLocale.Language.English))
        return tr
    log.warning("no translations for %s; showing source strings", lang)
    return None


# Strings Qt's widgets show that the Chinese qtbase catalogue lacks: Qt 6 renamed them (added a
# mnemonic, moved the file type names to QAbstractFileIconProvider) and the zh_CN catalogue still
# holds only the old forms, so the file dialog said "Look in:" / "Files of type:" / "Folder" in
# English. Asked last (after Qt's catalogue and ours), so a later Qt that has them wins.
_QT_GAPS: dict[str, dict[tuple[str, str], str]] = {
    "zh_CN": {
        ("QFileDialog", "&Look in:"): "查找范围(&L)：",
        ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
        ("QFileDialog", "&Directory:"): "目录(&D)：",
        ("QAbstractFileIconProvider", "Folder"): "文件夹",
        ("QAbstractFileIconProvider", "File Folder"): "文件夹",
        ("QAbstractFileIconProvider", "Drive"): "驱动器",
        ("QAbstractFileIconProvider", "Shortcut"): "快捷方式",
        ("QAbstractFileIconProvider", "Alias"): "替身",
        ("QAbstractFileIconProvider", "Unknown"): "未知",
    },
}


class _QtGaps(QTranslator):
    """The few Qt strings missing from Qt's own catalogue for `lang` (see `_QT_GAPS`)."""

    def __init__(self, lang: str, parent=None) -> None:
        super().__init__(parent)
        self._table = _QT_GAPS.get(lang, {})

    def translate(self, context, source, disambiguation=None, n=-1):
        return self._table.get((context, source))  # None: "not here", the next one is asked

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return not self._table


def qt_translation_folders() -> list[str]:
    """Where Qt's catalogues may be: Qt's own folder, then the PySide6 wheel's, then the system's."""
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    try:
        import PySide6

        folders.append(str(Path(PySide6.__file__).parent / "Qt" / "translations"))
    except Exception:  # pragma: no cover - PySide6 is imported above
        pass
    folders += ["/usr/share/qt6/translations", "/usr/lib/qt6/translations"]
    return list(dict.fromkeys(f for f in folders if f and Path(f).is_dir()))


def _install_qt_gaps(app: QCoreApplication, lang: str, owner: QTranslator) -> None:
    gaps = _QtGaps(lang, owner)
    if not gaps.isEmpty():
        app.installTranslator(gaps)
        owner._qt_gaps = gaps  # removed together with ours


def _install_qt_catalogue(app: QCoreApplication, lang: str, owner: QTranslator) -> None:
    """Qt's own strings (Save / Discard / Cancel in message boxes, calendar, file dialogs)."""
    if lang == "en":
        return
    qt_tr = QTranslator(owner)
    for folder in qt_translation_folders():
        # qt_<lang> is a meta catalogue: it loads qtbase_<lang> and the other modules beside it.
        if qt_tr.load(f"qt_{lang}", folder) or qt_tr.load(f"qtbase_{lang}", folder):
            app.installTranslator(qt_tr)
            owner._qt_catalogue = qt_tr  # removed together with ours
            return
    log.warning("Qt's own %s catalogue (qt_%s.qm) was not found in %s; Qt's dialogs keep "
                "English words", lang, lang, qt_translation_folders())


def remove_translator(app: QCoreApplication, tr: QTranslator | None) -> None:
    if tr is not None:
        for extra in ("_qt_catalogue", "_qt_gaps"):
            qt_tr = getattr(tr, extra, None)
            if qt_tr is not None:
                app.removeTranslator(qt_tr)
        app.removeTranslator(tr)
