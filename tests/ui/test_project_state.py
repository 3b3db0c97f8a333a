"""#18 defect 6: a project keeps its rendered outputs and form options — reopening shows the
previews again (files checked by hash) and the options the maker chose."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QMessageBox

from creator_studio.ui.studio.previews import LongImagePreview
from creator_studio.ui.studio.workspace import MakerStudio
from uihelpers import wait_job

B = QMessageBox.StandardButton


def _reopen(qtbot, ctx, target):
    again = MakerStudio(ctx)
    qtbot.addWidget(again)
    wait_job(qtbot, again.render_panel.load_handle)
    assert again.open_project(target) is not None
    return again


def test_reopened_project_shows_its_renders_and_options(qtbot, ctx, tiny_deck, tmp_path):
    studio = MakerStudio(ctx)
    qtbot.addWidget(studio)
    wait_job(qtbot, studio.import_file(tiny_deck))
    panel = studio.render_panel
    wait_job(qtbot, panel.load_handle)
    target = tmp_path / "理赔课程"
    assert studio.save(target)
    panel.select("long-image")
    w = panel.options["long-image"].widgets
    w["width"].setCurrentIndex(w["width"].findData(1080))
    w["image_format"].setCurrentIndex(w["image_format"].findData("png"))
    h = panel.render()
    wait_job(qtbot, h, timeout=120000)
    assert h.error is None, h.error
    state = json.loads((target / "studio.json").read_text(encoding="utf-8"))
    rec = state["renders"]["long-image"]
    assert rec["files"] and all(len(f["sha256"]) == 64 for f in rec["files"])
    assert state["form_options"]["long-image"]["width"] == 1080
    studio.ask = lambda *a: B.Discard
    assert studio.maybe_close_project()

    again = _reopen(qtbot, ctx, target)
    p2 = again.render_panel
    w2 = p2.options["long-image"].widgets
    assert w2["width"].currentData() == 1080 and w2["image_format"].currentData() == "png"
    assert p2.checks["long-image"].isChecked() and not p2.checks["h5"].isChecked()
    wait_job(qtbot, p2.restore_handle)
    assert again.previews.count() == 1 and isinstance(again.previews.widget(0), LongImagePreview)
    assert p2.out_dir() == __import__("pathlib").Path(rec["out_dir"])  # keeps its render folder
    again.ask = lambda *a: B.Discard
    assert again.maybe_close_project()

    # A rendered file changed behind the studio's back: no stale preview, a clear note instead.
    first = __import__("pathlib").Path(rec["out_dir"]) / rec["files"][0]["path"]
    first.write_bytes(first.read_bytes() + b"x")
    third = _reopen(qtbot, ctx, target)
    wait_job(qtbot, third.render_panel.restore_handle)
    assert not isinstance(third.previews.widget(0), LongImagePreview)
    assert "render again" in third.render_panel.status.text()
    third.ask = lambda *a: B.Discard
    assert third.maybe_close_project()
    ctx.runner.wait()


def test_damaged_studio_state_opens_with_default_options(qtbot, ctx, tiny_deck, tmp_path):
    studio = MakerStudio(ctx)
    qtbot.addWidget(studio)
    wait_job(qtbot, studio.import_file(tiny_deck))
    wait_job(qtbot, studio.render_panel.load_handle)
    target = tmp_path / "课程"
    assert studio.save(target)
    (target / "studio.json").write_text("{not json", encoding="utf-8")
    studio.ask = lambda *a: B.Discard
    assert studio.maybe_close_project()
    again = _reopen(qtbot, ctx, target)
    assert again.render_panel.options["long-image"].widgets["width"].currentData() == 750
    assert again.render_panel.restore_handle is None
    again.ask = lambda *a: B.Discard
    assert again.maybe_close_project()


def test_recovered_project_keeps_its_options(qtbot, ctx, tiny_deck):
    """A crash after choosing options and saving nothing: the autosave brings them back."""
    studio = MakerStudio(ctx)
    qtbot.addWidget(studio)
    wait_job(qtbot, studio.import_file(tiny_deck))
    panel = studio.render_panel
    wait_job(qtbot, panel.load_handle)
    studio.project.autosave()  # the course was autosaved once; then only options change
    panel.select("h5")
    panel.options["h5"].widgets["pass_mark"].setText("75")
    state = studio.project.work_dir / "studio.json"
    qtbot.waitUntil(lambda: '"75"' in state.read_text(encoding="utf-8"), timeout=5000)
    studio.project.timer.stop()
    studio.project = None  # the window goes away without a clean close
    again = MakerStudio(ctx)
    qtbot.addWidget(again)
    again.ask = lambda *a: B.Yes
    wait_job(qtbot, again.render_panel.load_handle)
    assert again.offer_recovery() is not None
    p2 = again.render_panel
    assert p2.checks["h5"].isChecked() and p2.options["h5"].widgets["pass_mark"].text() == "75"
    again.ask = lambda *a: B.Discard
    assert again.maybe_close_project()


def test_another_project_starts_from_the_defaults(qtbot, ctx, tiny_deck, tmp_path):
    """Options belong to their project: importing a second course does not carry the first
    one's choices over."""
    studio = MakerStudio(ctx)
    qtbot.addWidget(studio)
    wait_job(qtbot, studio.import_file(tiny_deck))
    panel = studio.render_panel
    wait_job(qtbot, panel.load_handle)
    panel.select("long-image")
    w = panel.options["long-image"].widgets["width"]
    w.setCurrentIndex(w.findData(1080))
    studio.ask = lambda *a: B.Discard
    assert studio.maybe_close_project()
    wait_job(qtbot, studio.import_file(tiny_deck))
    assert w.currentData() == 750 and not panel.checks["long-image"].isChecked()
    assert studio.project.studio_state.form_options.get("long-image", {}).get("width") in (None, 750)
    assert studio.maybe_close_project()
