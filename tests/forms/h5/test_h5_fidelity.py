"""Issue 15 in the H5 course: per-page modes, charts keeping their type, nested lists, columns
that stack on phones, tables that scroll instead of breaking a token (no LibreOffice needed)."""

from __future__ import annotations

import pytest
from h5_samples import png_bytes

from creator_studio.core.errors import RenderError
from creator_studio.core.forms.h5 import H5Format
from creator_studio.core.forms.h5.course_data import lesson_course_data
from creator_studio.core.jobs import Job
from creator_studio.core.lesson import model as m


def _lesson(tmp_path) -> m.Lesson:
    root = tmp_path / "assets"
    root.mkdir(parents=True, exist_ok=True)
    (root / "slide.png").write_bytes(png_bytes((200, 80, 40), (1600, 900)))
    items = [m.ListItem([m.Run("一级要点")], 0), m.ListItem([m.Run("二级要点")], 1),
             m.ListItem([m.Run("三级要点")], 2), m.ListItem([m.Run("回到一级")], 0)]
    cols = m.Columns(columns=[m.Column("应该这样做", [m.Paragraph(runs=[m.Run("主动说明条款")])]),
                              m.Column("不要这样做", [m.Paragraph(runs=[m.Run("承诺保本收益")])])])
    wide = m.Table(rows=[[m.TableCell(t) for t in ("Quarter", "Premium", "Claims", "Channel", "Link", "Note")],
                         [m.TableCell(t) for t in ("Quarter 1", "55,000,000", "12,345,678", "Bancassurance",
                                                   "https://example.com/very/long/path/q1", "OK")]])
    pages = [
        m.Page(id="p1", title="设计页", raster="slide.png", visual_mode="picture",
               visual_mode_auto="picture", blocks=[m.Paragraph(runs=[m.Run("共计 56,743 人群数据")])]),
        m.Page(id="p2", title="长图页", raster="slide.png", visual_mode="picture+text",
               visual_mode_auto="picture+text", narration="先看左边。\n再看右边。",
               blocks=[m.Paragraph(runs=[m.Run("图中文字")])]),
        m.Page(id="p3", title="文字页", blocks=[
            m.BulletList(items=items), cols, wide,
            m.Chart(title="渠道占比", chart_type="pie", categories=["银保", "个险", "团险"],
                    series=[m.ChartSeries("占比", [50, 30, 20])]),
            m.Chart(title="旧式图表", chart_type="unsupported", needs_raster=True),
            m.Image(asset="gone.png", alt="丢失的图")]),
    ]
    return m.Lesson(title="H5 保真测试课程", pages=pages, asset_root=root)


def test_course_data_modes_charts_and_columns(tmp_path):
    lesson = _lesson(tmp_path)
    data, media, warnings = lesson_course_data(lesson, work_dir=tmp_path / "charts")
    p1, p2, p3 = data["pages"]
    assert (p1["mode"], p2["mode"], p3["mode"]) == ("picture", "picture+text", "reflow")
    assert p1["raster"] and (p1["raster_w"], p1["raster_h"]) == (1600, 900)
    assert p1["blocks"][0]["runs"][0]["text"] == "共计 56,743 人群数据"  # text kept for readers
    assert p3["raster"] is None
    kinds = [b["t"] for b in p3["blocks"]]
    assert kinds == ["list", "cols", "table", "table"]  # the pie (img + data); no empty chart, no picture
    pie = p3["blocks"][3]
    assert pie["chart"] == "pie" and media[pie["img"]].suffix == ".png"
    assert [c["heading"] for c in p3["blocks"][1]["columns"]] == ["应该这样做", "不要这样做"]
    assert any("旧式图表" in w for w in warnings) and any("丢失的图" in w for w in warnings)
    never, _, _ = lesson_course_data(lesson, slide_pictures="never")
    assert {p["mode"] for p in never["pages"]} == {"reflow"}
    always, _, _ = lesson_course_data(lesson, slide_pictures="always")
    assert [p["mode"] for p in always["pages"]] == ["picture", "picture+text", "reflow"]  # p3 has no picture
    with pytest.raises(Exception):
        lesson_course_data(lesson, slide_pictures="sometimes")


def test_bad_option_is_typed(tmp_path):
    with pytest.raises(RenderError) as exc:
        H5Format().render(_lesson(tmp_path), tmp_path / "out", {"slide_pictures": "sometimes"}, Job())
    assert exc.value.code == "H5_OPTION"


@pytest.mark.browser
def test_player_shows_modes_nested_lists_columns_and_scrolling_tables(tmp_path, browser):
    lesson = _lesson(tmp_path)
    art = H5Format().render(lesson, tmp_path / "out", {}, Job())
    assert art.info["visual_modes"] == {"p1": "picture", "p2": "picture+text", "p3": "reflow"}
    url = (tmp_path / "out" / "h5" / "index.html").as_uri()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_function("() => window.CS_H5 && window.CS_H5.ready")
    page.evaluate("CS_H5.player.go(0)")
    assert page.locator(".slide-picture img").count() == 1
    # the text is present but visually hidden
    assert "共计 56,743 人群数据" in page.locator(".text-version").text_content()
    assert page.evaluate("document.querySelector('.text-version').getBoundingClientRect().height") <= 1
    page.click(".slide-zoom")
    assert page.evaluate("getComputedStyle(document.querySelector('.slide-picture')).position") == "fixed"
    page.click(".slide-zoom")
    page.evaluate("CS_H5.player.go(1)")
    assert page.locator(".picture-text p").all_text_contents() == ["先看左边。", "再看右边。"]
    page.evaluate("CS_H5.player.go(2)")
    # nested levels: the second item sits in a list inside the first item, indented further
    assert page.locator(".blk-list > li > .sub-list > li > span").first.text_content() == "二级要点"
    x0 = page.locator(".blk-list > li").first.bounding_box()["x"]
    x1 = page.locator(".sub-list > li").first.bounding_box()["x"]
    x2 = page.locator(".sub-list .sub-list > li").first.bounding_box()["x"]
    assert x0 < x1 < x2
    # columns stack on a phone but keep their headings
    heads = page.locator(".col-heading")
    assert heads.all_text_contents() == ["应该这样做", "不要这样做"]
    b1, b2 = page.locator(".blk-col").nth(0).bounding_box(), page.locator(".blk-col").nth(1).bounding_box()
    assert b2["y"] >= b1["y"] + b1["height"] - 1
    # the wide table scrolls sideways; its numbers and URL are on one line each
    wrap = page.locator(".table-wrap").first
    assert page.evaluate("(w) => w.scrollWidth > w.clientWidth", wrap.element_handle())
    for text in ("55,000,000", "https://example.com/very/long/path/q1"):
        cell = page.locator("td", has_text=text).first
        h = cell.evaluate("(c) => { const r = document.createRange(); r.selectNodeContents(c);"
                          " return r.getClientRects().length; }")
        assert h == 1, text
    # the pie is our drawn picture with its data table for readers
    assert page.locator(".blk-chart img").count() == 1
    # desktop: columns side by side
    page.set_viewport_size({"width": 1000, "height": 800})
    b1, b2 = page.locator(".blk-col").nth(0).bounding_box(), page.locator(".blk-col").nth(1).bounding_box()
    assert abs(b1["y"] - b2["y"]) < 2 and b2["x"] > b1["x"] + b1["width"] - 1
    assert "本页没有文字内容" not in page.content()
    assert errors == []
    context.close()
