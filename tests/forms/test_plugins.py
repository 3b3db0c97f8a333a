"""Formats are plugins: the example plugin, installed separately, is found like the built-ins."""

from __future__ import annotations

from importlib.metadata import entry_points

from creator_studio.core.forms import available_formats, get_format, render_forms
from creator_studio.core.forms.base import ENTRY_POINT_GROUP, read_manifest
from creator_studio.core.lesson import model as m
import pytest
from creator_studio.core.errors import StudioError


def test_builtins_and_plugin_share_one_entry_point_group():
    names = {ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)}
    assert {"long-image", "screen-record", "h5", "skit", "handout"} <= names


def test_plugin_renders_escaped_markdown_and_updates_the_manifest(tmp_path):
    lesson = m.Lesson(title="理赔*流程*", pages=[
        m.Page(id="p1", title="报案 <b>", narration="您好，今天讲报案。",
               blocks=[m.BulletList(items=[m.ListItem([m.Run("拨打95500")], level=0),
                                           m.ListItem([m.Run("提供保单号")], level=1)])]),
        m.Page(id="p2", title="隐藏页", hidden=True)],
        quiz=m.Quiz([m.Question("q1", "single", "报案电话？", ["95500", "110"], [0])]))
    fmt = get_format("handout")
    assert fmt.label_zh == "讲义"
    done, failed = render_forms(lesson, tmp_path, ["handout"])
    assert not failed
    text = (tmp_path / "handout" / "handout.md").read_text(encoding="utf-8")
    assert "# 理赔\\*流程\\*" in text and "报案 \\<b\\>" in text
    assert "  - 提供保单号" in text and "讲稿：您好" in text
    assert "隐藏页" not in text and "答案：A" in text
    manifest = read_manifest(tmp_path)
    assert manifest["forms"]["handout"]["info"]["page_count"] == 1
    assert (tmp_path / "course.json").is_file()


def test_unknown_form_is_a_typed_error():
    with pytest.raises(StudioError) as exc:
        get_format("no-such-form")
    assert exc.value.code == "UNKNOWN_FORM"
    assert "handout" in available_formats()
