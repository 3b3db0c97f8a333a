"""Every block type becomes measured boxes; broken pictures are left out with a warning."""

from __future__ import annotations

from creator_studio.core.lesson import model as m
from creator_studio.core.media.textlayout import check_kinsoku

from long_image_samples import layout_of


def boxes(layout, kind):
    return [b for b in layout.boxes if b.kind == kind]


def test_every_block_type_produces_boxes(lesson):
    lay = layout_of(lesson)
    kinds = set(lay.kinds())
    assert {"banner", "section", "heading", "paragraph", "list", "table", "chart-title",
            "chart", "image", "note", "media", "question",
            "option", "answer", "explanation", "qr", "credit"} <= kinds
    assert "placeholder" not in kinds  # issue 15: never a "cannot display" box
    # boxes tile the image with no gaps or overlaps
    y = 0
    for b in lay.boxes:
        assert b.y == y and b.h > 0
        y += b.h
    assert y == lay.height
    assert len(lay.cards) == 3 + 2 + 1  # three visible pages, quiz, answers, end card


def test_hidden_pages_and_title_duplicates_are_left_out(lesson):
    lay = layout_of(lesson)
    texts = [ln for b in lay.boxes for ln in b.info.get("lines", [])]
    assert not any("不应出现" in t for t in texts)
    headings = [b.info["lines"] for b in boxes(lay, "heading")]
    assert headings == [["一、保险责任"]]
    assert [b.info["label"] for b in boxes(lay, "section")] == ["01", "02", "03", "测", "答"]


def test_broken_pictures_are_left_out_with_a_warning_to_the_maker(lesson):
    lay = layout_of(lesson)
    assert not boxes(lay, "placeholder")
    warned = "\n".join(lay.warnings)
    for alt in ("截断的图片", "不是图片", "外部链接图片", "丢失的文件", "EMF 流程图"):
        assert alt in warned
    assert "解码" in warned and "图片为外部链接" in warned and "找不到" in warned
    assert "矢量图" in warned
    assert len(boxes(lay, "image")) == 3
    drawn = [ln for b in lay.boxes for ln in b.info.get("lines", [])]
    assert not any("无法" in t or "占位" in t for t in drawn)


def test_pictures_keep_their_aspect_and_fit_the_width(lesson):
    lay = layout_of(lesson)
    by_source = {b.info["source"]: b.info["size"] for b in boxes(lay, "image")}
    w, h = by_source[(800, 450)]
    assert w == 750 - 2 * (28 + 36) and abs(h - round(450 * w / 800)) <= 1
    w, h = by_source[(3000, 2000)]
    assert abs(w / h - 1.5) < 0.01
    w, h = by_source[(300, 300)]
    assert w == h == 600  # small pictures are enlarged at most 2×


def test_a_very_tall_picture_is_capped_below_the_part_height(tmp_path):
    from PIL import Image as PILImage

    PILImage.new("RGB", (400, 9000), "white").save(tmp_path / "tall.png")
    lesson = m.Lesson(title="t", pages=[m.Page("p1", "长图", [m.Image(asset="tall.png")])],
                      asset_root=tmp_path)
    lay = layout_of(lesson, segment_height=1500)
    (img,) = boxes(lay, "image")
    assert img.h <= 1500
    w, h = img.info["size"]
    assert abs(w / h - 400 / 9000) < 0.01


def test_list_markers_are_the_authors_or_drawn_dots(lesson):
    lay = layout_of(lesson)
    bullets, ordered = boxes(lay, "list")
    assert bullets.info["markers"] == [None, None, None]  # •, Wingdings \uf0a7 → drawn dots
    assert ordered.info["markers"] == ["一、", "二、", "(a)", "3."]


def test_table_spans_widths_and_wrapping(lesson):
    lay = layout_of(lesson)
    (table,) = boxes(lay, "table")
    assert table.info["rows"] == 4 and table.info["cols"] == 3
    assert sum(table.info["col_widths"]) == 750 - 2 * (28 + 36)
    assert (0, 1, 1, 2) in table.info["spans"]  # 说明 spans two columns
    assert (1, 0, 2, 1) in table.info["spans"]  # 理赔时效 spans two rows
    # no cut may fall inside the row-spanning cell (between rows 1 and 2)
    assert all(c > 0 for c in table.cuts)


def test_long_table_cells_wrap_inside_their_column():
    long = "住院医疗费用按合同约定比例报销，" * 6
    lesson = m.Lesson(title="t", pages=[m.Page("p1", "表", [m.Table(rows=[
        [m.TableCell("险种"), m.TableCell("说明")], [m.TableCell("医疗险"), m.TableCell(long)]])])])
    (table,) = boxes(layout_of(lesson), "table")
    cells = table.info["cells"]
    assert len(cells[3]) > 3  # the long description wraps to several lines
    assert "".join(cells[3]) == long
    assert cells[2] == ["医疗险"]  # a short label is never split
    assert check_kinsoku(cells[3]) == []


def test_paragraph_lines_obey_kinsoku_and_keep_all_text():
    text = ("投保人应当如实告知，否则保险人有权解除合同。" * 8 + "详见 https://example.com/a?b=1 。")
    lesson = m.Lesson(title="t", pages=[m.Page("p1", "段落", [m.Paragraph([m.Run(text)])])])
    (para,) = boxes(layout_of(lesson), "paragraph")
    lines = para.info["lines"]
    assert len(lines) > 5
    assert check_kinsoku(lines) == []
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert any("https://example.com/a?b=1" in ln for ln in lines)


def test_hostile_text_is_just_text():
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)> {{7*7}} \x00\x07 😀 ${x}'
    lesson = m.Lesson(title=evil, pages=[m.Page("p1", evil, [
        m.Paragraph([m.Run(evil)]), m.Table(rows=[[m.TableCell(evil)]]),
        m.BulletList(items=[m.ListItem([m.Run(evil)], 0, "<b>")]), m.Note(text=evil, label=evil)])],
        quiz=m.Quiz([m.Question("q1", "single", evil, [evil, "B"], [0], explanation=evil)]),
        meta=m.LessonMeta(maker_name=evil))
    lay = layout_of(lesson)
    para = boxes(lay, "paragraph")[0]
    text = "".join(para.info["lines"])
    assert '<script>alert("x")</script>' in text and "{{7*7}}" in text and "${x}" in text
    assert "\x00" not in text and "\x07" not in text and "😀" not in text
    assert boxes(lay, "list")[0].info["markers"] == ["<b>"]
    assert "<script>" in "".join(boxes(lay, "banner")[0].info["title"])


def test_huge_paragraph_is_cut_between_lines():
    lesson = m.Lesson(title="t", pages=[m.Page("p1", "长段落", [m.Paragraph([m.Run("长文本。" * 4000)])])])
    lay = layout_of(lesson, segment_height=2000)
    (para,) = boxes(lay, "paragraph")
    assert para.h > 20_000
    lh = para.cuts[1] - para.cuts[0]
    assert all((c - para.cuts[0]) % lh == 0 for c in para.cuts)
