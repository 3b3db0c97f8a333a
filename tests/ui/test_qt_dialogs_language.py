"""#18 item 4: Qt's own dialogs speak the chosen language (简体中文 or English), every word of them.

The file dialogs come from `creator_studio.ui.file_dialogs`; these tests look at the very dialog
its functions show (built by `build_dialog`, or caught while it is open), then at Qt's message
box buttons, the button box of the error dialog, and a text field's right-click menu.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QThread, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QToolButton,
    QTreeView,
    QWidget,
)

from creator_studio.ui import file_dialogs
from creator_studio.ui.i18n import install_translator, qt_translation_folders, remove_translator

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
CJK = re.compile(r"[\u3400-\u9fff]")


def clean(text: str) -> str:
    """Without mnemonics ("打开(&O)" → "打开") and shortcuts ("\tCtrl+Z")."""
    return re.sub(r"\(&\w\)", "", text.split("\t")[0]).replace("&", "")


@pytest.fixture(params=["zh_CN", "en"])
def lang(request, qapp):
    before = QLocale()
    t = install_translator(qapp, request.param)
    assert t is not None
    yield request.param
    remove_translator(qapp, t)
    QLocale.setDefault(before)


def assert_in_language(texts: list[str], lang: str) -> None:
    texts = [clean(t) for t in texts if t and t.strip()]
    assert texts
    if lang == "zh_CN":
        english = [t for t in texts if LATIN_WORD.search(t)]
        assert not english, f"English words in 中文 mode: {english}"
        assert all(CJK.search(t) for t in texts), texts
    else:
        chinese = [t for t in texts if CJK.search(t)]
        assert not chinese, f"Chinese in English mode: {chinese}"


def settle(qapp, ms: int = 300) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        qapp.processEvents()
        QThread.msleep(10)


def dialog_words(dialog: QFileDialog) -> list[str]:
    """Every word Qt itself puts on the dialog (not file names, paths or our own caption)."""
    words = [dialog.windowTitle()]
    words += [w.text() for w in dialog.findChildren(QLabel) if w.text()]
    words += [b.text() for b in dialog.findChildren(QAbstractButton)
              if not isinstance(b, QToolButton)]
    words += [b.toolTip() for b in dialog.findChildren(QToolButton) if b.toolTip()]
    words += [a.text() for a in dialog.actions() if a.text()]
    for tree in dialog.findChildren(QTreeView):
        words += [tree.model().headerData(c, tree.header().orientation())
                  for c in range(tree.model().columnCount())]
    return words


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "子文件夹").mkdir()
    (tmp_path / "培训.pptx").write_bytes(b"x" * 3000)
    (tmp_path / "3.txt").write_bytes(b"abc")
    return tmp_path


# -- which dialog ---------------------------------------------------------------------------------
def test_qt_dialog_where_the_system_dialog_would_not_follow_the_chosen_language():
    use = file_dialogs.use_qt_dialog
    assert use("linux", "zh_CN", "zh-Hans-CN") and use("linux", "en_US", "en-US")
    assert use("darwin", "zh_CN", "zh-Hans-CN")
    assert not use("win32", "zh_CN", "zh-Hans-CN") and not use("win32", "en", "en-GB")
    assert use("win32", "zh_CN", "en-US") and use("win32", "en", "zh-CN")


def test_qt_catalogue_is_found():
    """The Chinese file dialog needs Qt's own catalogue; the PySide6 wheel ships it."""
    assert any((Path(f) / "qtbase_zh_CN.qm").exists() for f in qt_translation_folders())


# -- the file dialog ------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["open_file", "open_files", "save_file", "choose_folder"])
def test_file_dialog_words_follow_the_language(qtbot, qapp, lang, folder, kind):
    parent = QWidget()
    qtbot.addWidget(parent)
    file_dialogs.remember_folder(parent, kind, folder)
    dialog = file_dialogs.build_dialog(parent, kind, "", kind, name="a.pptx")
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)  # Linux: always Qt's own
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.show()
    settle(qapp)
    assert Path(dialog.directory().absolutePath()) == folder
    words = dialog_words(dialog)
    assert_in_language(words, lang)
    accept = {"open_file": ("打开", "Open"), "open_files": ("打开", "Open"),
              "save_file": ("保存", "Save"), "choose_folder": ("选择", "Choose")}[kind]
    buttons = {clean(b.text()) for b in dialog.findChildren(QAbstractButton)
               if not isinstance(b, QToolButton)}
    if lang == "zh_CN":
        assert {accept[0], "取消"} <= buttons
        label = "目录" if kind == "choose_folder" else "文件名"
        assert any(label in clean(w) for w in words) and "查找范围：" in map(clean, words)
    else:
        assert {accept[1], "Cancel"} <= buttons
        assert "Look in:" in map(clean, words)
    dialog.close()
    dialog.deleteLater()


def test_file_list_type_size_and_date_in_the_window_language(qtbot, qapp, lang, folder):
    """Qt's file model writes size and date for the system's locale; the dialog re-formats them."""
    dialog = file_dialogs.build_dialog(None, "open_file", "", "columns")
    qtbot.addWidget(dialog)
    dialog.setDirectory(str(folder))
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.show()
    tree = dialog.findChild(QTreeView, "treeView")
    qtbot.waitUntil(lambda: tree.model().rowCount(tree.rootIndex()) == 3)
    model, root = tree.model(), tree.rootIndex()
    rows = {model.index(r, 0, root).data(): [model.index(r, c, root).data() for c in range(4)]
            for r in range(model.rowCount(root))}
    sub, deck = rows["子文件夹"], rows["培训.pptx"]
    mtime = QDateTime.fromSecsSinceEpoch(int(os.path.getmtime(folder / "培训.pptx")))
    assert deck[3] == QLocale().toString(mtime, QLocale.FormatType.ShortFormat)
    # Whole dates and sidebar names (Qt's own widths cut them to "2026/1…" and "计…"): narrowed
    # the way Qt's saved state can leave them, `_fit` widens them to what Qt says they need.
    sidebar = dialog.findChild(QListView, "sidebar")
    dialog.findChild(QSplitter, "splitter").setSizes([30, 600])
    tree.header().resizeSection(3, 40)
    file_dialogs._fit(dialog)
    settle(qapp, 100)
    assert tree.header().sectionSize(3) >= tree.sizeHintForColumn(3) > 40
    assert sidebar.viewport().width() >= sidebar.sizeHintForColumn(0) > 30
    assert deck[1] == "2.9 kB"  # a unit symbol (base 1024, as file managers show), both languages
    assert rows["3.txt"][1] == ("3 字节" if lang == "zh_CN" else "3 bytes")
    if lang == "zh_CN":
        assert sub[2] == "文件夹" and not LATIN_WORD.search(deck[3])
    else:
        assert sub[2] == "Folder" and not CJK.search(deck[3] + deck[1])
    dialog.close()


def run_with(qapp, action, call):
    """Run a helper whose dialog blocks; `action(dialog)` sees it open and answers it."""
    seen: dict = {}

    def poll() -> None:
        d = QApplication.activeModalWidget()
        if not isinstance(d, QFileDialog) or not d.isVisible():
            QTimer.singleShot(20, poll)
            return
        try:
            settle(qapp, 200)
            seen["native"] = not d.testOption(QFileDialog.Option.DontUseNativeDialog)
            seen["words"] = dialog_words(d)
            seen["directory"] = d.directory().absolutePath()
            seen["name"] = d.findChild(QLineEdit, "fileNameEdit").text()
            action(d)
        finally:
            if d.isVisible():
                d.reject()

    QTimer.singleShot(0, poll)
    return call(), seen


def test_helpers_return_what_qt_did_and_remember_the_folder(qtbot, qapp, lang, ctx, folder,
                                                            tmp_path_factory):
    parent = QWidget()
    parent.ctx = ctx  # the helpers find the settings through the parent's ctx
    qtbot.addWidget(parent)

    def pick(name):
        def act(d):
            d.findChild(QLineEdit, "fileNameEdit").setText(name)
            d.accept()
        return act

    # Cancelled: the same empty answers as QFileDialog's static functions.
    (answer, seen) = run_with(qapp, lambda d: d.reject(),
                              lambda: file_dialogs.open_file(parent, "", "import", "*.pptx"))
    assert answer == ("", "") and not seen["native"]
    assert_in_language(seen["words"], lang)

    # A first pick: the path and the filter come back, the folder is remembered and saved.
    first = str(folder / "培训.pptx")
    answer, _ = run_with(qapp, pick(first),
                         lambda: file_dialogs.open_file(parent, "", "import", "PowerPoint (*.pptx)"))
    assert answer == (first, "PowerPoint (*.pptx)")
    assert ctx.settings.extra["dialog_folders"]["import"] == str(folder)
    from creator_studio.ui.settings import UiSettings

    assert UiSettings.load().extra["dialog_folders"]["import"] == str(folder)

    # The next dialog for that purpose opens there; another purpose opens where it was.
    answer, seen = run_with(qapp, pick("培训.pptx"),
                            lambda: file_dialogs.open_files(parent, "", "import"))
    assert seen["directory"] == str(folder) and answer[0] == [first]
    sounds = tmp_path_factory.mktemp("sounds")
    file_dialogs.remember_folder(parent, "recording", sounds)
    _, seen = run_with(qapp, lambda d: d.reject(),
                       lambda: file_dialogs.open_file(parent, "", "recording"))
    assert seen["directory"] == str(sounds)

    # Save: the suggested name in the remembered folder.
    out = tmp_path_factory.mktemp("exports")
    file_dialogs.remember_folder(parent, "exports", out)
    answer, seen = run_with(qapp, lambda d: d.accept(),
                            lambda: file_dialogs.save_file(parent, "", "exports", "pay-2026.xlsx",
                                                           "Excel (*.xlsx);;CSV (*.csv)"))
    assert seen["directory"] == str(out) and seen["name"] == "pay-2026.xlsx"
    assert answer == (str(out / "pay-2026.xlsx"), "Excel (*.xlsx)")

    # A folder: the folder itself is remembered; a vanished one falls back to its parent.
    sub = folder / "子文件夹"
    answer, _ = run_with(qapp, pick(str(sub)),
                         lambda: file_dialogs.choose_folder(parent, "", "downloads"))
    assert answer == str(sub)
    sub.rmdir()
    assert file_dialogs.remembered_folder(parent, "downloads") == str(folder)


def test_a_parent_without_settings_remembers_for_this_run(qtbot, folder):
    lone = QWidget()
    qtbot.addWidget(lone)
    file_dialogs.remember_folder(lone, "lone-test", folder)
    assert file_dialogs.remembered_folder(None, "lone-test") == str(folder)


# -- the other dialogs Qt draws for us -----------------------------------------------------------
def test_message_box_buttons_follow_the_language(qtbot, lang):
    B = QMessageBox.StandardButton
    # The desktop theme picks the source words (GNOME's Discard is "Close without Saving").
    want = {B.Yes: ("是", "Yes"), B.No: ("否", "No"), B.Ok: ("确定", "OK"),
            B.Cancel: ("取消", "Cancel"), B.Save: ("保存", "Save"), B.Close: ("关闭", "Close"),
            B.Discard: ("丢弃|关闭且不保存", "Discard|Close without Saving")}
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x", B.NoButton)
    for b in want:
        box.addButton(b)
    qtbot.addWidget(box)
    assert_in_language([b.text() for b in box.buttons()], lang)
    for b, (zh, en) in want.items():
        assert clean(box.button(b).text()) in (zh if lang == "zh_CN" else en).split("|")


def test_button_box_of_our_dialogs_follows_the_language(qtbot, lang):
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close
                           | QDialogButtonBox.StandardButton.Apply)
    qtbot.addWidget(box)
    texts = {clean(b.text()) for b in box.buttons()}
    assert texts == ({"关闭", "应用"} if lang == "zh_CN" else {"Close", "Apply"})


@pytest.mark.parametrize("field", [QLineEdit, QPlainTextEdit])
def test_text_field_context_menu_follows_the_language(qtbot, lang, field):
    edit = field("文字")
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = [clean(a.text()) for a in menu.actions() if not a.isSeparator()]
    assert_in_language(texts, lang)
    want = (["撤消", "重做", "剪切", "复制", "粘贴", "删除", "全选"] if lang == "zh_CN"
            else ["Undo", "Redo", "Cut", "Copy", "Paste", "Delete", "Select All"])
    assert texts == want
    menu.deleteLater()


def test_the_gap_catalogue_answers_only_what_it_knows(lang):
    """The supplement for Qt's missing Chinese words leaves every other string alone."""
    assert QCoreApplication.translate("NoSuchContext", "Plain words") == "Plain words"
    look_in = QCoreApplication.translate("QFileDialog", "&Look in:")
    assert look_in == ("查找范围(&L)：" if lang == "zh_CN" else "&Look in:")
    assert QCoreApplication.translate("QFileDialog", "Look in:") == (
        "查找范围：" if lang == "zh_CN" else "Look in:")
