"""Every file and folder dialog of the window, in the chosen language, opening where it last was.

Which dialog (#18 item 4, "the Qt file dialog is half English in Chinese mode"):

* Linux and other Unix desktops: always Qt's own dialog (`DontUseNativeDialog`). The native one
  there is GTK's or the desktop portal's; it runs in another toolkit (or another process) and
  speaks the language of the desktop session, not the one chosen in Creator Studio — so a
  Chinese window on an English desktop got an English dialog. Qt's own dialog is drawn from Qt's
  catalogue, which `i18n.install_translator` loads for the chosen language.
* Windows: the system dialog follows the Windows display language. It is used when that
  language is the chosen one (same look as every other program); otherwise Qt's own dialog.
* macOS: Qt's own dialog. The system panel takes its language from the localizations the app
  bundle declares, which an installed Python package does not declare, so it cannot be relied
  on to follow the chosen language (and it cannot be checked from here).

The price of Qt's dialog on Linux is the desktop's own bookmarks and, for a sandboxed
(Flatpak/Snap) install, the portal's file access; Creator Studio is installed as a normal
program, so the files the user sees are the files it can open.

Qt's own dialog also shows each file's size and date through the *system* locale (an English
desktop gave "3 bytes" and "12/2/26 5:27 PM" in a Chinese window); `_LocalColumns` re-formats
those two columns in the window's language.

Each function takes a `purpose` ("import", "attachments", ...): the folder last used for that
purpose is remembered in the window's settings (`UiSettings.extra["dialog_folders"]`, found
through the parent widget's `ctx`) and the next dialog for the same purpose opens there. A
parent with no `ctx` (a panel tested alone) remembers it for this run only.

Return values are those of the `QFileDialog.get…` functions they replace: `open_file` and
`save_file` give `(path, filter)`, `open_files` gives `(paths, filter)`, `choose_folder` gives
the folder; an empty path (or list) when the user cancels.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QIdentityProxyModel, QLocale, QModelIndex, Qt, QTime
from PySide6.QtWidgets import QApplication, QFileDialog, QSplitter, QTreeView, QWidget

log = logging.getLogger(__name__)

SETTINGS_KEY = "dialog_folders"
_SIZE_COLUMN, _DATE_COLUMN = 1, 3  # QFileSystemModel's columns: name, size, type, date modified
_SESSION_FOLDERS: dict[str, str] = {}  # for parents without settings (remembered this run only)


# -- which dialog ---------------------------------------------------------------------------------
def _language_of(code: str) -> str:
    """"zh_CN" / "zh-Hans-CN" → "zh"; "en_US" → "en"."""
    return code.replace("-", "_").split("_")[0].lower()


def window_language() -> str:
    """The language the window runs in (QLocale's default, which `install_translator` sets)."""
    return QLocale().name()


def system_language() -> str:
    """The language of the operating system's own user interface (its first UI language)."""
    langs = QLocale.system().uiLanguages()
    return langs[0] if langs else QLocale.system().name()


def use_qt_dialog(platform: str | None = None, window: str | None = None,
                  system: str | None = None) -> bool:
    """True when Qt's own dialog must be used for the window's language (see the module text)."""
    platform = sys.platform if platform is None else platform
    if not platform.startswith("win"):
        return True  # Linux/Unix: the desktop's dialog ignores the chosen language; macOS: see above
    window = window_language() if window is None else window
    system = system_language() if system is None else system
    return _language_of(window) != _language_of(system)


# -- remembered folders ---------------------------------------------------------------------------
def _settings_of(parent: QWidget | None):
    """The window settings reachable from `parent` (its own `ctx` or an ancestor's), or None."""
    w = parent
    while w is not None:
        settings = getattr(getattr(w, "ctx", None), "settings", None)
        if settings is not None and hasattr(settings, "extra"):
            return settings
        w = w.parentWidget()
    return None


def remembered_folder(parent: QWidget | None, purpose: str) -> str:
    """The folder last used for `purpose` (its nearest existing ancestor), or "" for none."""
    settings = _settings_of(parent)
    folders = (settings.extra or {}).get(SETTINGS_KEY, {}) if settings is not None \
        else _SESSION_FOLDERS
    folder = folders.get(purpose, "") if isinstance(folders, dict) else ""
    if not isinstance(folder, str) or not folder:
        return ""
    p = Path(folder)
    while not p.is_dir():
        if p.parent == p:
            return ""
        p = p.parent
    return str(p)


def remember_folder(parent: QWidget | None, purpose: str, folder: str | Path) -> None:
    """Keep `folder` as where the next dialog for `purpose` opens (saved with the settings)."""
    folder = str(folder)
    settings = _settings_of(parent)
    if settings is None:
        _SESSION_FOLDERS[purpose] = folder
        return
    extra = dict(settings.extra or {})
    folders = dict(extra.get(SETTINGS_KEY) or {})
    if folders.get(purpose) == folder:
        return
    folders[purpose] = folder
    extra[SETTINGS_KEY] = folders
    settings.extra = extra
    try:
        settings.save()
    except OSError:  # only a convenience: the chosen file is still used
        log.warning("could not save the last folder for %s", purpose, exc_info=True)


# -- the dialog -----------------------------------------------------------------------------------
class _LocalColumns(QIdentityProxyModel):
    """Size and date in the window's language (Qt's file model formats them for the system's)."""

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole and col in (_SIZE_COLUMN, _DATE_COLUMN):
            source, model = self.mapToSource(index), self.sourceModel()
            if col == _SIZE_COLUMN:
                if model.isDir(source):
                    return ""
                return QLocale().formattedDataSize(  # "2.9 kB": base 1024, as file managers
                    model.size(source), 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)
            return QLocale().toString(model.lastModified(source), QLocale.FormatType.ShortFormat)
        return super().data(index, role)


def _fit(dialog: QFileDialog) -> None:
    """Room for the sidebar's "计算机" and a whole date (Qt's default cut both to "计…", "2026/1…").

    Only widens: a width the user dragged (Qt keeps it in its own settings) is left alone.
    """
    screen = (dialog.screen() or QApplication.primaryScreen()).availableGeometry()
    dialog.resize(min(max(dialog.width(), 820), screen.width() - 40),
                  min(max(dialog.height(), 500), screen.height() - 40))
    metrics = dialog.fontMetrics()
    splitter = dialog.findChild(QSplitter, "splitter")
    if splitter is not None:
        sizes = splitter.sizes()
        side = metrics.horizontalAdvance("计算机 计算机") + 40
        if len(sizes) == 2 and sizes[0] < side:
            splitter.setSizes([side, max(sum(sizes) - side, side)])
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is not None:
        header = tree.header()
        sample = QLocale().toString(QDateTime(QDate(2026, 12, 30), QTime(23, 59)),
                                    QLocale.FormatType.ShortFormat)
        wide = metrics.horizontalAdvance(sample + "  ") + 16
        if header.count() > _DATE_COLUMN and header.sectionSize(_DATE_COLUMN) < wide:
            header.resizeSection(_DATE_COLUMN, wide)


_MODES = {
    "open_file": (QFileDialog.FileMode.ExistingFile, QFileDialog.AcceptMode.AcceptOpen),
    "open_files": (QFileDialog.FileMode.ExistingFiles, QFileDialog.AcceptMode.AcceptOpen),
    "save_file": (QFileDialog.FileMode.AnyFile, QFileDialog.AcceptMode.AcceptSave),
    "choose_folder": (QFileDialog.FileMode.Directory, QFileDialog.AcceptMode.AcceptOpen),
}


def build_dialog(parent: QWidget | None, kind: str, caption: str, purpose: str,
                 name: str = "", filters: str = "") -> QFileDialog:
    """The dialog `kind` ("open_file", "open_files", "save_file", "choose_folder") would show.

    Not yet shown: the functions below run it; tests look at it without blocking.
    """
    file_mode, accept_mode = _MODES[kind]
    dialog = QFileDialog(parent, caption)
    if use_qt_dialog():
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setProxyModel(_LocalColumns(dialog))
        _fit(dialog)
    dialog.setFileMode(file_mode)
    dialog.setAcceptMode(accept_mode)
    if kind == "choose_folder":
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    elif filters:
        dialog.setNameFilter(filters)
    folder = remembered_folder(parent, purpose)
    if folder:
        dialog.setDirectory(folder)
    if name:
        dialog.selectFile(os.path.join(folder, name) if folder else name)
    return dialog


def _run(dialog: QFileDialog) -> tuple[list[str], str]:
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return [], ""
        return [f for f in dialog.selectedFiles() if f], dialog.selectedNameFilter()
    finally:
        dialog.deleteLater()


def open_file(parent: QWidget | None, caption: str, purpose: str,
              filters: str = "") -> tuple[str, str]:
    """One existing file, like `QFileDialog.getOpenFileName` → (path or "", chosen filter)."""
    files, chosen = _run(build_dialog(parent, "open_file", caption, purpose, filters=filters))
    if not files:
        return "", ""
    remember_folder(parent, purpose, Path(files[0]).parent)
    return files[0], chosen


def open_files(parent: QWidget | None, caption: str, purpose: str,
               filters: str = "") -> tuple[list[str], str]:
    """Existing files, like `QFileDialog.getOpenFileNames` → (paths or [], chosen filter)."""
    files, chosen = _run(build_dialog(parent, "open_files", caption, purpose, filters=filters))
    if not files:
        return [], ""
    remember_folder(parent, purpose, Path(files[0]).parent)
    return files, chosen


def save_file(parent: QWidget | None, caption: str, purpose: str, name: str = "",
              filters: str = "") -> tuple[str, str]:
    """A file to write, like `QFileDialog.getSaveFileName` → (path or "", chosen filter).

    `name` is the suggested file name; it is put in the remembered folder. Qt's dialog asks
    before replacing an existing file, as the static function did.
    """
    files, chosen = _run(build_dialog(parent, "save_file", caption, purpose, name, filters))
    if not files:
        return "", ""
    remember_folder(parent, purpose, Path(files[0]).parent)
    return files[0], chosen


def choose_folder(parent: QWidget | None, caption: str, purpose: str) -> str:
    """A folder, like `QFileDialog.getExistingDirectory` → its path, or "" when cancelled."""
    files, _ = _run(build_dialog(parent, "choose_folder", caption, purpose))
    if not files:
        return ""
    remember_folder(parent, purpose, files[0])
    return files[0]
