"""Issue 16: the studio shows the animation report next to the page (pytest-qt, real widgets)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CREATOR_STUDIO_WEBENGINE", "0")
os.environ.setdefault("CREATOR_STUDIO_CONFIRM", "0")

import creator_studio.ui  # noqa: E402,F401  (first: see its docstring)
import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from creator_studio.core.importers import import_source  # noqa: E402
from creator_studio.ui.studio.animation_report import AnimationReportPanel, tooltip  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus" / "pptx"
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))


def _language(lang):
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from creator_studio.ui.i18n import install_translator, remove_translator

    app = QApplication.instance() or QApplication([])
    before = QLocale()
    t = install_translator(app, lang)
    assert t is not None
    return lambda: (remove_translator(app, t), QLocale.setDefault(before))


@pytest.fixture(autouse=True)
def _chinese(request, qapp):
    """The panel speaks the chosen language (#18); these checks read it in 简体中文."""
    if "english" in request.node.name:
        yield
        return
    undo = _language("zh_CN")
    yield
    undo()


@pytest.fixture
def lesson(tmp_path):
    return import_source(CORPUS / "anim_aspose_SimpleAnimations.pptx", assets_dir=tmp_path / "assets")


def test_panel_lists_steps_effects_and_outcomes(qtbot, lesson):
    panel = AnimationReportPanel()
    qtbot.addWidget(panel)
    panel.show_page(lesson.pages[1])  # slide 2: 3 clicks, exits, split, wipe, motion, bounce
    rows = panel.rows()
    steps = [r for r in rows if r[0].endswith(" · 单击")]  # step rows (effects say "单击时")
    assert len(steps) == 3
    effects = [r for r in rows if r[2]]
    assert len(effects) == 10
    assert any(r[2].startswith("split") and "还原" in r[3] for r in effects)
    bounce = next(r for r in effects if r[2].startswith("bounce"))
    assert "近似" in bounce[3] and "float-down" in bounce[3]
    assert "3 次单击" in panel.summary.text()
    # colours say what happened: green reproduced, amber approximated
    top = panel.tree.topLevelItem(2)
    child = top.child(0)
    assert child.foreground(3).color().name() in ("#9a6700", "#1e7b3c", "#b42318")


def test_panel_for_a_page_without_animation(qtbot, tmp_path):
    lesson = import_source(CORPUS / "anim_poi_keyframes_transitions.pptx", assets_dir=tmp_path / "a")
    panel = AnimationReportPanel()
    qtbot.addWidget(panel)
    static = next(p for p in lesson.pages if not p.steps and (p.transition is None or p.transition.kind == "none"))
    panel.show_page(static)
    assert "没有动画" in panel.summary.text() and panel.tree.isHidden()
    wheel = next(p for p in lesson.pages if p.transition and p.transition.kind == "blinds")
    panel.show_page(wheel)
    (row,) = panel.rows()
    assert row[0].startswith("切换") and "blinds" in row[2] and "wipe" in row[3]
    assert "切换：blinds" in tooltip(wheel)
    assert tooltip(static) == ""


def test_studio_page_list_tooltip_and_panel_follow_the_selection(qtbot, tmp_path):
    from uihelpers import wait_job

    from creator_studio.ui.context import AppContext
    from creator_studio.ui.settings import UiSettings
    from creator_studio.ui.studio.workspace import MakerStudio

    ctx = AppContext.create(UiSettings(language="zh_CN", autosave_seconds=3600))
    try:
        studio = MakerStudio(ctx)
        qtbot.addWidget(studio)
        h = studio.import_file(CORPUS / "anim_aspose_SimpleAnimations.pptx")
        wait_job(qtbot, h)
        assert h.error is None, h.error
        wait_job(qtbot, studio.render_panel.load_handle)
        ix = studio.page_model.index(3)
        tip = studio.page_model.data(ix, Qt.ItemDataRole.ToolTipRole)
        assert "动画 1 次单击、2 个效果" in tip
        studio.page_view.setCurrentIndex(ix)
        qtbot.waitUntil(lambda: studio.animation_report.page is studio.project.lesson.pages[3])
        rows = studio.animation_report.rows()
        assert any("random-bars" in r[2] for r in rows)
    finally:
        ctx.close()


def test_step_narration_is_editable_and_undoable(qtbot, lesson):
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtGui import QUndoStack

    class FakeProject(QObject):  # the two things the panel uses: an undo stack and a change signal
        page_changed = Signal(str)

        def __init__(self):
            super().__init__()
            self.undo_stack = QUndoStack()

    project = FakeProject()
    changed: list[str] = []
    project.page_changed.connect(changed.append)
    panel = AnimationReportPanel()
    qtbot.addWidget(panel)
    panel.set_project(project)
    page = lesson.pages[1]
    page.narration = "第一句。第二句。第三句。"
    panel.show_page(page)
    assert not panel.save_btn.isEnabled()  # nothing selected yet
    panel.tree.setCurrentItem(panel.tree.topLevelItem(1))  # step 2
    assert panel.save_btn.isEnabled()
    assert panel.step_text.toPlainText() == "第二句。"  # the automatic split
    panel.step_text.setPlainText("这里讲第二步的新旁白。")
    panel.save_btn.click()
    assert page.steps[1].narration == "这里讲第二步的新旁白。" and changed == [page.id]
    from creator_studio.core.media import animate
    assert animate.step_texts(page)[2] == "这里讲第二步的新旁白。"
    project.undo_stack.undo()
    assert page.steps[1].narration is None
    project.undo_stack.redo()
    panel.tree.setCurrentItem(panel.tree.topLevelItem(1))
    panel.auto_btn.click()
    assert page.steps[1].narration is None


_CJK = __import__("re").compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _everything_shown(panel) -> list[str]:
    out = [panel.summary.text(), panel.summary.accessibleName(), panel.tree.accessibleName(),
           panel.step_text.placeholderText(), panel.save_btn.text(), panel.auto_btn.text()]
    out += [panel.tree.headerItem().text(c) for c in range(4)]
    for i in range(panel.tree.topLevelItemCount()):
        top = panel.tree.topLevelItem(i)
        items = [top] + [top.child(j) for j in range(top.childCount())]
        out += [it.text(c) for it in items for c in range(4)]
        out += [it.toolTip(c) for it in items for c in range(4)]
    return out


def test_the_report_in_english_shows_english_only(qtbot, lesson, tmp_path):
    """#18: the animation note showed 中文 and English at once; now only the chosen language."""
    undo = _language("en")
    try:
        panel = AnimationReportPanel()
        qtbot.addWidget(panel)
        panel.show_page(lesson.pages[1])
        shown = _everything_shown(panel)
        assert "Animation: 3 clicks" in panel.summary.text()
        assert any(t.endswith("· click") for t in shown)
        assert not [t for t in shown if _CJK.search(t)], [t for t in shown if _CJK.search(t)]
        transitions = import_source(CORPUS / "anim_poi_keyframes_transitions.pptx",
                                    assets_dir=tmp_path / "t")
        wheel = next(p for p in transitions.pages if p.transition and p.transition.kind == "blinds")
        panel.show_page(wheel)
        shown = _everything_shown(panel) + [tooltip(wheel)]
        assert panel.rows()[0][0] == "Transition" and "Transition: blinds" in tooltip(wheel)
        assert not [t for t in shown if _CJK.search(t)], [t for t in shown if _CJK.search(t)]
        static = next(p for p in transitions.pages
                      if not p.steps and (p.transition is None or p.transition.kind == "none"))
        panel.show_page(static)
        assert panel.summary.text() == "No animation or transition on this page."
    finally:
        undo()


def test_the_report_in_chinese_has_no_second_language(qtbot, lesson):
    panel = AnimationReportPanel()
    qtbot.addWidget(panel)
    panel.show_page(lesson.pages[1])
    shown = " ".join(_everything_shown(panel))
    assert "单击" in shown and "还原" in shown
    for word in ("reproduced", "approximated", "end state", "animation", "click", "step", " / "):
        assert word not in shown.lower(), word


def test_core_notes_show_the_chosen_half():
    from creator_studio.ui.studio.animation_report import one_language

    note = ("平滑切换：2 个同名形状移动并缩放 / morph: 2 named shapes move and scale；"
            "1 个形状的文字不同 / 1 with changed text")
    assert one_language(note, zh=True) == "平滑切换：2 个同名形状移动并缩放；1 个形状的文字不同"
    assert one_language(note, zh=False) == "morph: 2 named shapes move and scale; 1 with changed text"
    assert one_language("无法分层渲染（无 LibreOffice）/ no layers: no LibreOffice", zh=False) == \
        "no layers: no LibreOffice"
    assert one_language("only English, a/b / c", zh=True) == "only English, a/b / c"
    assert one_language("", zh=False) == ""
