"""Maker flow in the window: import → render (long image) → preview → norms check → page link."""

from __future__ import annotations

from PySide6.QtCore import Qt

from creator_studio.ui.studio.previews import LongImagePreview
from creator_studio.ui.studio.workspace import MakerStudio
from uihelpers import wait_job


def test_import_render_preview_check(qtbot, ctx, tiny_deck):
    studio = MakerStudio(ctx)
    qtbot.addWidget(studio)
    wait_job(qtbot, studio.import_file(tiny_deck))
    panel = studio.render_panel
    wait_job(qtbot, panel.load_handle)
    assert {"long-image", "h5"} <= set(panel.checks)
    # Options are generated from the format's OptionSpecs.
    assert "width" in panel.options["long-image"].widgets
    panel.select("long-image")
    sel = panel.selection()
    assert list(sel) == ["long-image"] and "width" in sel["long-image"]
    # An edit made just before rendering is in the rendered course.
    studio.page_editor.title_edit.setText("车险理赔服务规范（新版）")
    h = panel.render()
    assert studio.project.lesson.pages[0].title == "车险理赔服务规范（新版）"
    assert not panel.progress.isHidden() and panel.progress.handle is h
    wait_job(qtbot, h, timeout=120000)
    assert h.error is None, h.error
    assert "long-image" in panel.last_result
    out = panel.out_dir()
    assert (out / "manifest.json").is_file()
    # The preview shows the long image's parts.
    tabs = studio.previews
    assert tabs.count() == 1
    prev = tabs.widget(0)
    assert isinstance(prev, LongImagePreview) and prev.pixmaps
    assert not prev.pixmaps[0].isNull() and prev.pixmaps[0].height() > prev.pixmaps[0].width() / 3
    # Norms check: findings listed, a page-linked one selects its page.
    norms = studio.norms
    hc = norms.run_check()
    wait_job(qtbot, hc)
    report = norms.report
    assert report is not None and norms.model.rowCount() == len(report.findings) > 0
    assert norms.verdict.text()
    linked = [r for r in range(norms.model.rowCount())
              if norms.model.data(norms.model.index(r, 0), Qt.ItemDataRole.UserRole)]
    studio.page_view.setCurrentIndex(studio.page_model.index(0))
    if linked:
        target = norms.model.data(norms.model.index(linked[0], 0), Qt.ItemDataRole.UserRole)
        norms.table.clicked.emit(norms.model.index(linked[0], 3))
    else:  # the link mechanism itself, with the last page of the course
        target = studio.project.lesson.pages[-1].id
        norms.page_requested.emit(target)
    assert studio.page_editor.page.id == target
    assert studio.page_view.currentIndex().row() == studio.page_model.row_of(target)


def test_cancel_render(qtbot, ctx, tiny_deck):
    studio = MakerStudio(ctx)
    qtbot.addWidget(studio)
    wait_job(qtbot, studio.import_file(tiny_deck))
    panel = studio.render_panel
    wait_job(qtbot, panel.load_handle)
    panel.select("long-image")
    h = panel.render()
    panel.progress.cancel_button.click()
    wait_job(qtbot, h, timeout=60000)
    # Either the job noticed the cancel, or it had already finished the tiny course.
    assert h.job.cancelled
    assert h.error is None or h.error.code == "CANCELLED"
    assert panel.render_button.isEnabled()
