"""Issue 15: `check` blocks placeholder or internal text in anything a buyer receives."""

from __future__ import annotations

import json
from pathlib import Path

from creator_studio.core.forms import render_forms
from creator_studio.core.forms.base import Artifact, ArtifactFile, save_lesson_snapshot, update_manifest
from creator_studio.core.lesson import model as m
from creator_studio.core.norms import check_package

RULE = "no-placeholder-text"


def _lesson(extra_blocks=(), narration="") -> m.Lesson:
    pages = [m.Page(id="p1", title="报案流程", blocks=[m.Paragraph(runs=[m.Run("客户报案后24小时内联系。")]),
                                                   *extra_blocks], narration=narration),
             m.Page(id="p2", title="材料", blocks=[m.Paragraph(runs=[m.Run("本课程仅供内部培训使用。")])])]
    qs = [m.Question(id=f"q{i}", stem=f"题目{i}", options=["对", "错"], answers=[0]) for i in range(3)]
    return m.Lesson(title="车险理赔流程培训", pages=pages, quiz=m.Quiz(questions=qs))


def _failures(report):
    return [f for f in report.findings if f.rule_id == RULE and f.status == "fail"]


def test_real_renders_with_broken_pictures_pass(tmp_path):
    """A missing picture and an EMF without raster: our forms leave them out (maker warned)."""
    lesson = _lesson([m.Image(asset="gone.png", alt="流程图"),
                      m.Image(asset="v.emf", alt="矢量", needs_raster=True)])
    lesson.asset_root = tmp_path / "assets"
    lesson.asset_root.mkdir()
    done, failed = render_forms(lesson, tmp_path / "out", ["long-image", "h5"], {"image_format": "png"})
    assert not failed
    assert done["long-image"].warnings and done["long-image"].info["placeholders"] == 0
    report = check_package(tmp_path / "out")
    assert not _failures(report), report.render_text()
    assert {f.status for f in report.findings if f.rule_id == RULE} == {"pass"}


def test_internal_picture_id_as_caption_blocks_and_names_the_page(tmp_path):
    lesson = _lesson([m.Image(asset=None, alt="图片IDbldpl040208")])
    save_lesson_snapshot(lesson, tmp_path)
    update_manifest(tmp_path, lesson, Artifact("long-image", [], info={"cover": True}))
    report = check_package(tmp_path)
    bad = _failures(report)
    assert bad and report.blocking
    assert any(f.page == "p1" and "图片ID" in f.message_zh for f in bad)


def test_placeholder_strings_in_h5_data_captions_and_manifest_block(tmp_path):
    lesson = _lesson()
    save_lesson_snapshot(lesson, tmp_path)
    (tmp_path / "h5").mkdir()
    (tmp_path / "h5" / "data.js").write_text(
        "window.COURSE = " + json.dumps({"pages": [{"blocks": [{"t": "p", "text": "（本页没有文字内容）"}]}]},
                                        ensure_ascii=False), encoding="utf-8")
    (tmp_path / "screen-record").mkdir()
    (tmp_path / "screen-record" / "course.srt").write_text(
        "1\n00:00:00,000 --> 00:00:02,000\n矢量图（EMF/WMF）无法在此显示\n", encoding="utf-8")
    update_manifest(tmp_path, lesson, Artifact("h5", [ArtifactFile("h5/data.js", "asset")]))
    update_manifest(tmp_path, lesson, Artifact("screen-record",
                                               [ArtifactFile("screen-record/course.srt", "captions")],
                                               info={"title_card": "单击此处添加标题"}))
    bad = _failures(check_package(tmp_path))
    files = {f.file for f in bad}
    assert {"h5/data.js", "screen-record/course.srt", "manifest.json"} <= files


def test_maker_warnings_and_drawn_placeholder_boxes(tmp_path):
    """Warnings are for the maker and may name the problem; boxes drawn into a picture may not."""
    lesson = _lesson()
    save_lesson_snapshot(lesson, tmp_path)
    update_manifest(tmp_path, lesson, Artifact("long-image", [], info={"cover": True},
                                               warnings=["图片无法显示：丢失的文件"]))
    assert not _failures(check_package(tmp_path))
    update_manifest(tmp_path, lesson, Artifact("long-image", [], info={"cover": True, "placeholders": 2}))
    bad = _failures(check_package(tmp_path))
    assert len(bad) == 1 and bad[0].form == "long-image"


def test_an_ordinary_lesson_mentioning_pictures_passes(tmp_path):
    lesson = _lesson(narration="请看图片：理赔 ID 卡号在右上角。rId 是 PowerPoint 的关系编号。")
    save_lesson_snapshot(lesson, tmp_path)
    update_manifest(tmp_path, lesson, Artifact("long-image", [], info={"cover": True}))
    assert not _failures(check_package(Path(tmp_path)))
