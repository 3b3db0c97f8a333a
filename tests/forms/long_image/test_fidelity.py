"""Issue 15 in the long image, without LibreOffice: picture/reflow modes from stored slide
pictures, charts that keep their type, two-column blocks, whole tokens in tables, Latin quotes,
and the length caps of issue 20 defect 7."""

from __future__ import annotations

import time

import pytest
from long_image_samples import layout_of
from PIL import Image as PILImage
from PIL import ImageDraw

from creator_studio.core.errors import RenderError
from creator_studio.core.forms.long_image import LongImageFormat
from creator_studio.core.forms.long_image import layout as layout_mod
from creator_studio.core.forms.long_image.text import layout_runs, plain
from creator_studio.core.jobs import Job
from creator_studio.core.lesson import model as m
from creator_studio.core.media.chart_draw import OFFICE_COLOURS, draw_chart
from creator_studio.core.media.fonts import load_font, load_latin_font
from creator_studio.core.media.textlayout import tokenize


def boxes(lay, kind):
    return [b for b in lay.boxes if b.kind == kind]


def slide_png(folder, name="slide.png", size=(1600, 900)):
    """A 'designed slide': coloured shapes and a label, like a LibreOffice slide picture."""
    im = PILImage.new("RGB", size, "white")
    d = ImageDraw.Draw(im)
    d.rectangle([100, 100, 700, 500], fill=(68, 114, 196))
    d.ellipse([900, 200, 1400, 700], fill=(237, 125, 49))
    d.text((120, 600), "共计 56,743 人群数据", font=load_font(60), fill=(30, 30, 30))
    folder.mkdir(parents=True, exist_ok=True)
    im.save(folder / name)
    return name


def picture_lesson(tmp_path, mode="picture", narration="本页讲解：先看左边的数据，再看右边的趋势。"):
    root = tmp_path / "assets"
    raster = slide_png(root)
    page = m.Page(id="p1", title="数据一览", raster=raster, visual_mode=mode, visual_mode_auto=mode,
                  narration=narration,
                  blocks=[m.Paragraph(runs=[m.Run("共计")]), m.Paragraph(runs=[m.Run("56,743")])])
    text = m.Page(id="p2", title="要点", blocks=[m.Paragraph(runs=[m.Run("正文照常排版。")])])
    return m.Lesson(title="图片模式测试课程", pages=[page, text], asset_root=root)


# ------------------------------------------------------------------------------ picture modes


def test_picture_page_shows_the_slide_picture_instead_of_reflowed_text(tmp_path):
    lay = layout_of(picture_lesson(tmp_path))
    (pic,) = boxes(lay, "slide-picture")
    assert pic.page_id == "p1" and lay.pages == {"p1": "picture", "p2": "reflow"}
    w, h = pic.info["size"]
    assert w >= 750 - 2 * (28 + 12) - 1 and abs(h - round(900 * w / 1600)) <= 1  # nearly edge to edge
    texts = [ln for b in lay.boxes if b.page_id == "p1" for ln in b.info.get("lines", [])]
    assert "56,743" not in texts  # the slide's own text is in the picture, not reflowed beside it
    assert [b.info["label"] for b in boxes(lay, "section")] == ["02"]


def test_picture_text_page_adds_the_narration_below(tmp_path):
    lay = layout_of(picture_lesson(tmp_path, "picture+text"))
    kinds = [b.kind for b in lay.boxes if b.page_id == "p1" and b.kind != "gap"]
    assert kinds == ["slide-picture", "narration"]
    assert "".join(boxes(lay, "narration")[0].info["lines"]).startswith("本页讲解")


def test_slide_pictures_option_overrides_every_page(tmp_path):
    lesson = picture_lesson(tmp_path)
    assert layout_of(lesson, slide_pictures="never").pages == {"p1": "reflow", "p2": "reflow"}
    lesson.pages[1].raster = lesson.pages[0].raster
    assert layout_of(lesson, slide_pictures="always").pages == {"p1": "picture", "p2": "picture"}


def test_picture_page_without_a_picture_falls_back_to_reflow(tmp_path):
    lesson = picture_lesson(tmp_path)
    lesson.pages[0].raster = None
    lay = layout_of(lesson)
    assert lay.pages["p1"] == "reflow" and not boxes(lay, "slide-picture")


def test_rendered_picture_page_matches_the_slide_picture(tmp_path):
    lesson = picture_lesson(tmp_path)
    art = LongImageFormat().render(lesson, tmp_path / "out", {"image_format": "png"}, Job())
    assert art.info["visual_modes"] == {"p1": "picture", "p2": "reflow"}
    assert art.info["picture_pages"] == 1 and art.info["slide_pictures"] == "auto"
    lay = layout_of(lesson)
    (pic,) = boxes(lay, "slide-picture")
    w, h = pic.info["size"]
    x = (750 - w) // 2
    with PILImage.open(tmp_path / "out/long-image/part-01.png") as part:
        got = part.crop((x, pic.y + pic.h - h, x + w, pic.y + pic.h)).convert("L").resize((64, 36))
    with PILImage.open(lesson.asset_path(lesson.pages[0].raster)) as src:
        want = src.convert("L").resize((64, 36))
    diff = sum(abs(a - b) for a, b in zip(got.getdata(), want.getdata())) / (64 * 36 * 255)
    assert 1 - diff >= 0.95


def test_bad_slide_pictures_option_is_typed(tmp_path):
    with pytest.raises(RenderError) as exc:
        LongImageFormat().render(picture_lesson(tmp_path), tmp_path / "o", {"slide_pictures": "maybe"}, Job())
    assert exc.value.code == "BAD_OPTION"
    spec = {o.name: o for o in LongImageFormat().options()}["slide_pictures"]
    assert spec.choices == ["auto", "always", "never"] and spec.default == "auto"


# ------------------------------------------------------------------------------ charts keep their type


def _chart(kind, grouping="clustered", **kw):
    return m.Chart(title="保费", chart_type=kind, grouping=grouping, categories=["一季", "二季", "三季", "四季"],
                   series=[m.ChartSeries("甲", [4, 3, 5, 2]), m.ChartSeries("乙", [2, 4, 3, 5])], **kw)


def _mask(im, colour, tol=40):
    px = im.convert("RGB").load()
    w, h = im.size
    return [[sum(abs(a - b) for a, b in zip(px[x, y], colour)) < tol for x in range(w)] for y in range(h)]


def _intervals(flags):
    runs, on = 0, False
    for f in flags:
        if f and not on:
            runs += 1
        on = f
    return runs


def _ring_colours(im, cx, cy, r):
    import math

    px = im.convert("RGB").load()
    seen = set()
    for k in range(72):
        x, y = cx + r * math.cos(k * math.pi / 36), cy + r * math.sin(k * math.pi / 36)
        p = px[int(x), int(y)]
        for i, c in enumerate(OFFICE_COLOURS[:6]):
            if sum(abs(a - b) for a, b in zip(p, c)) < 40:
                seen.add(i)
    return seen


def test_a_pie_stays_a_pie_and_a_column_chart_stays_columns():
    pie = draw_chart(m.Chart(chart_type="pie", categories=["A", "B", "C", "D"],
                             series=[m.ChartSeries("s", [4, 3, 2, 1])]), 640)
    col = draw_chart(_chart("column"), 640)
    # around the pie's centre every slice colour appears; around the same spot of a column
    # chart there is mostly white plot area.
    assert len(_ring_colours(pie, 320, pie.height * 0.42, 90)) >= 4
    assert len(_ring_colours(col, 320, col.height * 0.42, 90)) <= 2
    dough = draw_chart(m.Chart(chart_type="doughnut", categories=["A", "B", "C"],
                               series=[m.ChartSeries("s", [1, 1, 1])]), 640)
    colours = _ring_colours(dough, 320, dough.height * 0.42, 140)
    assert len(colours) == 3
    assert dough.convert("RGB").getpixel((320, int(dough.height * 0.42))) == (255, 255, 255)  # the hole


def test_columns_bars_stacked_lines_and_areas_are_told_apart():
    blue = OFFICE_COLOURS[0]
    col = _mask(draw_chart(_chart("column"), 640), blue)
    bar = _mask(draw_chart(_chart("bar"), 640), blue)
    # columns: four separate blue runs along x; bars: four separate runs along y (the legend
    # swatch sits in the top 50 px and is left out)
    assert _intervals([any(col[y][x] for y in range(50, len(col))) for x in range(640)]) == 4
    assert _intervals([any(bar[y][x] for x in range(640)) for y in range(50, len(bar))]) == 4
    assert _intervals([any(bar[y][x] for y in range(50, len(bar))) for x in range(640)]) == 1
    # stacked: series 1 and 2 share their x ranges; clustered: they sit side by side
    orange = OFFICE_COLOURS[1]
    for grouping, shared in (("stacked", True), ("clustered", False)):
        im = draw_chart(_chart("column", grouping), 640)
        b, o = _mask(im, blue), _mask(im, orange)
        bx = {x for x in range(640) if any(b[y][x] for y in range(40, im.height - 40))}
        ox = {x for x in range(640) if any(o[y][x] for y in range(40, im.height - 40))}
        assert (len(bx & ox) > 0.5 * len(bx)) is shared, grouping
    # a line is thin, an area is filled
    line, area = draw_chart(_chart("line"), 640), draw_chart(_chart("area"), 640)
    def share(im):  # inked pixels (areas are drawn semi-transparent over white)
        return sum(1 for p in im.convert("L").getdata() if p < 235) / (im.width * im.height)

    assert share(line) < 0.08 and share(area) > 0.3


def test_every_chart_type_draws_with_legend_labels_and_axis_titles():
    for kind in ("column", "bar", "line", "pie", "doughnut", "area", "scatter", "radar", "combo"):
        chart = _chart(kind, data_labels=True, legend_visible=True, x_axis_title="季度", y_axis_title="万元",
                       is_3d=True)
        if kind == "combo":
            chart.series[1].chart_type = "line"
        if kind == "scatter":
            for s in chart.series:
                s.x_values = [1, 2, 3, 4]
        im = draw_chart(chart, 640)
        assert im is not None and im.width == 640, kind
        drawn = sum(1 for p in im.convert("L").getdata() if p < 200)
        assert drawn > 2000, kind
    assert draw_chart(m.Chart(chart_type="unsupported", title="旧图表"), 640) is None


def test_long_image_chart_boxes_keep_the_type_and_crop_unsupported_charts(tmp_path):
    root = tmp_path / "assets"
    crop = slide_png(root, "crop.png", (600, 400))
    page = m.Page(id="p1", title="图表", blocks=[
        _chart("pie"), _chart("line"),
        m.Chart(title="旧式图表", chart_type="unsupported", needs_raster=True, raster_asset=crop),
        m.Chart(title="无数据", chart_type="unsupported")])
    lesson = m.Lesson(title="图表测试课程", pages=[page], asset_root=root)
    lay = layout_of(lesson)
    assert [b.info["chart_type"] for b in boxes(lay, "chart")] == ["pie", "line"]
    assert len(boxes(lay, "chart-picture")) == 1
    titles = ["".join(b.info["lines"]) for b in boxes(lay, "chart-title")]
    assert titles == ["保费", "保费", "旧式图表", "无数据"]  # no chart is dropped
    assert any("无数据" in w for w in lay.warnings)
    assert not boxes(lay, "chart-bars")


# ------------------------------------------------------------------------------ typography


def test_curly_quotes_in_latin_text_use_the_latin_face():
    (line,) = layout_runs(plain("Today’s “plan”"), 28, 600)
    latin = [s.text for s in line.spans if s.latin]
    assert latin == ["’", "“", "”"]
    assert load_latin_font(28).getlength("’") < 0.5 * load_font(28).getlength("’")
    assert line.width < load_font(28).getlength("Today’s “plan”") - 20
    (zh,) = layout_runs(plain("他说“好”"), 28, 600)
    assert not any(s.latin for s in zh.spans)  # Chinese quotes stay full-width


def test_table_cells_never_break_inside_numbers_words_or_urls():
    header = ["Quarter", "Premium", "Claims", "Ratio", "Channel", "Link"]
    body = [["Quarter 1", "55,000,000", "12,345,678", "22.45%", "Bancassurance", "https://ex.com/q1"],
            ["Quarter 2", "61,250,000", "13,999,001", "22.86%", "Agency", "https://ex.com/q2"]]
    table = m.Table(rows=[[m.TableCell(t) for t in row] for row in [header, *body]])
    lesson = m.Lesson(title="表格测试课程", pages=[m.Page(id="p", title="t", blocks=[table])])
    (box,) = boxes(layout_of(lesson), "table")
    cells = box.info["cells"]
    for cell_lines, text in zip(cells, [t for row in [header, *body] for t in row]):
        for tok in tokenize(text):
            if not tok.isspace():
                assert any(tok in ln for ln in cell_lines), (tok, cell_lines)


def test_two_column_block_keeps_its_columns_side_by_side():
    cols = m.Columns(columns=[
        m.Column("应该这样做", [m.BulletList(items=[m.ListItem([m.Run("主动说明条款")]),
                                                 m.ListItem([m.Run("记录客户需求")])])]),
        m.Column("不要这样做", [m.BulletList(items=[m.ListItem([m.Run("承诺保本收益")])])])])
    lesson = m.Lesson(title="对比测试课程", pages=[m.Page(id="p", title="对比", blocks=[cols])])
    lay = layout_of(lesson)
    (box,) = boxes(lay, "columns")
    assert [c["heading"] for c in box.info["columns"]] == ["应该这样做", "不要这样做"]
    assert box.info["columns"][1]["lines"] == ["承诺保本收益"]
    assert not boxes(lay, "list")  # not merged into one list


def test_nested_list_levels_are_indented(tmp_path):
    items = [m.ListItem([m.Run("一级")], 0), m.ListItem([m.Run("二级")], 1), m.ListItem([m.Run("三级")], 2)]
    lesson = m.Lesson(title="列表测试课程", pages=[m.Page(id="p", title="t", blocks=[m.BulletList(items=items)])])
    lay = layout_of(lesson)
    (box,) = boxes(lay, "list")
    img = PILImage.new("RGB", (750, box.h + 10), "white")
    from creator_studio.core.forms.long_image.boxes import Canvas
    from creator_studio.core.themes import load_theme

    box.paint(Canvas(img, ImageDraw.Draw(img), load_theme("corporate-blue"), 1.0, 750, 0), 0)
    lefts = []
    row_h = box.h // 3
    for k in range(3):
        band = img.crop((0, k * row_h, 750, (k + 1) * row_h)).convert("L")
        xs = [x for x in range(750) if any(band.getpixel((x, y)) < 200 for y in range(0, band.height, 2))]
        lefts.append(min(xs))
    assert lefts[0] < lefts[1] < lefts[2]


# ------------------------------------------------------------------------------ issue 20 defect 7


def test_a_page_with_a_huge_text_run_is_refused_fast_naming_the_page(tmp_path):
    huge = "理赔" * 4_500_000  # a 9 MB text run
    lesson = m.Lesson(title="超长测试课程", pages=[
        m.Page(id="p1", title="正常页", blocks=[m.Paragraph(runs=[m.Run("短文本")])]),
        m.Page(id="p2", title="超长的一页", blocks=[m.Paragraph(runs=[m.Run(huge)])])])
    t0 = time.perf_counter()
    with pytest.raises(RenderError) as exc:
        LongImageFormat().render(lesson, tmp_path / "out", {}, Job())
    assert time.perf_counter() - t0 < 10
    err = exc.value
    assert err.code == "LONG_IMAGE_TOO_LONG" and err.details["page"] == 2
    assert "第 2 页" in err.message_zh and "超长的一页" in err.message_zh and "Page 2" in err.message_en
    assert not (tmp_path / "out" / "long-image").exists()


def test_total_height_cap_names_the_page_where_it_is_reached(tmp_path, monkeypatch):
    monkeypatch.setattr(layout_mod, "MAX_TOTAL_HEIGHT", 3000)
    pages = [m.Page(id=f"p{i}", title=f"第{i}节", blocks=[m.Paragraph(runs=[m.Run("内容。" * 200)])])
             for i in range(1, 6)]
    with pytest.raises(RenderError) as exc:
        layout_of(m.Lesson(title="高度测试", pages=pages))
    assert exc.value.code == "LONG_IMAGE_TOO_LONG" and 1 <= exc.value.details["page"] <= 5


def test_builtin_slide_renderer_draws_latin_quotes_proportionally():
    from creator_studio.core.media.slide_render import text_mixed

    def ink_width(fn):
        im = PILImage.new("L", (900, 80), 255)
        fn(ImageDraw.Draw(im))
        xs = [x for x in range(900) if any(im.getpixel((x, y)) < 128 for y in range(80))]
        return max(xs) - min(xs)

    font = load_font(36)
    plain_w = ink_width(lambda d: d.text((10, 10), "Today’s “plan”", font=font, fill=0))
    mixed_w = ink_width(lambda d: text_mixed(d, (10, 10), "Today’s “plan”", font, 0))
    assert mixed_w < plain_w - 30
    zh_plain = ink_width(lambda d: d.text((10, 10), "他说“好”", font=font, fill=0))
    zh_mixed = ink_width(lambda d: text_mixed(d, (10, 10), "他说“好”", font, 0))
    assert zh_plain == zh_mixed  # Chinese quotes keep the full-width glyph
