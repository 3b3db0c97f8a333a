"""The maker sees how each page will look (slide picture / reflowed text / both) and can change it.

Issue 15: the importer chooses the look from the slide's layout; the studio shows the choice and
the reasons, and an override is one undo step that every form then honours.
"""

from __future__ import annotations

import json
from pathlib import Path

from creator_studio.ui.studio.workspace import MakerStudio
from uihelpers import wait_job

DESIGNED = Path(__file__).parents[1] / "data" / "corpus" / "pptx" / "pptxtojson_test.pptx"


def _studio(qtbot, ctx, deck):
    studio = MakerStudio(ctx)
    qtbot.addWidget(studio)
    h = studio.import_file(deck)
    wait_job(qtbot, h)
    assert h.error is None, h.error
    wait_job(qtbot, studio.render_panel.load_handle)
    return studio


def _picture_page(lesson):
    return next(i for i, p in enumerate(lesson.pages) if p.visual_mode_auto == "picture")


def test_designed_slide_shows_picture_with_reasons_and_can_be_overridden(qtbot, ctx, monkeypatch):
    monkeypatch.setenv("CREATOR_STUDIO_SOFFICE", "none")  # the choice is made from the XML alone
    studio = _studio(qtbot, ctx, DESIGNED)
    lesson = studio.project.lesson
    row = _picture_page(lesson)
    page = lesson.pages[row]
    studio.page_editor.show_page(page)
    picker = studio.page_editor.visual_mode
    assert picker.combo.currentIndex() == 0  # automatic
    assert "Slide picture" in picker.combo.currentText() or "整页" in picker.combo.currentText() \
        or "图片" in picker.combo.currentText()
    assert page.visual_reasons and page.visual_reasons[0] in picker.reasons.text()

    # override: reflow this page
    picker.combo.setCurrentIndex(picker.combo.findData("reflow"))
    assert page.visual_mode == "reflow"
    assert picker.reasons.text()  # still explains, and says the maker changed it
    studio.project.autosave()
    saved = json.loads((studio.project.work_dir / "course.json").read_text(encoding="utf-8"))
    assert saved["pages"][row]["visual_mode"] == "reflow"

    # one undo puts the importer's choice back, and the combo follows
    studio.project.undo_stack.undo()
    assert page.visual_mode == "picture"
    assert picker.combo.currentIndex() == 0
    studio.project.undo_stack.redo()
    assert page.visual_mode == "reflow"
    assert picker.combo.currentData() == "reflow"

    # choosing "automatic" again is the importer's choice
    picker.combo.setCurrentIndex(0)
    assert page.visual_mode == "picture"


def test_text_first_page_is_reflow_automatically(qtbot, ctx, tiny_deck):
    studio = _studio(qtbot, ctx, tiny_deck)
    page = studio.project.lesson.pages[0]
    studio.page_editor.show_page(page)
    picker = studio.page_editor.visual_mode
    assert page.visual_mode == "reflow"
    assert picker.combo.currentIndex() == 0
    assert picker.combo.findData("picture+text") > 0
