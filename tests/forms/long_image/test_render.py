"""Rendering: parts on disk, their limits, JPEG chroma, the PDF, the manifest, themes, watermark."""

from __future__ import annotations

import json

import pypdfium2 as pdfium
import pytest
from long_image_samples import ORANGE, all_blocks_lesson, layout_of, render
from PIL import Image as PILImage
from PIL import JpegImagePlugin

from creator_studio.core.errors import Cancelled, RenderError
from creator_studio.core.forms import render_forms
from creator_studio.core.forms.long_image import LongImageFormat, resolve_settings
from creator_studio.core.forms.long_image.draw import paint_segment
from creator_studio.core.forms.long_image.layout import Options, build_layout
from creator_studio.core.forms.long_image.segments import JPEG_MAX
from creator_studio.core.jobs import Job
from creator_studio.core.lesson import model as m
from creator_studio.core.themes import load_theme


def parts(art, fmt):
    return [f for f in art.files if f.role == "image" and f.extra["format"] == fmt]


def test_render_writes_png_jpeg_and_pdf_with_true_sizes(lesson, tmp_path):
    out = tmp_path / "out"
    art = render(lesson, out, segment_height=1600)
    pngs, jpgs = parts(art, "png"), parts(art, "jpeg")
    n = art.info["segment_count"]
    assert n >= 3 and len(pngs) == len(jpgs) == n
    assert [f.path for f in pngs] == [f"long-image/part-{i:02d}.png" for i in range(1, n + 1)]
    total = 0
    for f in pngs + jpgs:
        with PILImage.open(out / f.path) as im:
            assert im.size == (f.width, f.height) == (750, f.height)
            assert f.height <= 1600
        assert f.bytes == (out / f.path).stat().st_size
    total = sum(f.height for f in pngs)
    assert total == art.info["total_height"]
    assert art.info["page_count"] == 3 and art.info["width"] == 750
    assert art.info["theme"] == "corporate-blue" and "Noto Sans CJK SC" in art.info["font"]
    assert art.info["placeholders"] == 0
    assert sum("图片未显示" in w for w in art.warnings) == 5, art.warnings
    # JPEG parts keep full chroma resolution (4:4:4) so coloured text stays sharp
    with PILImage.open(out / jpgs[0].path) as im:
        assert JpegImagePlugin.get_sampling(im) == 0
    # one PDF page per part, each page showing its part
    pdf = pdfium.PdfDocument(out / "long-image" / "course.pdf")
    try:
        assert len(pdf) == n
        w0, h0 = pdf[0].get_size()
        assert abs(h0 / w0 - pngs[0].height / 750) < 0.01
        bitmap = pdf[0].render(scale=750 / w0).to_pil().convert("RGB")
        with PILImage.open(out / pngs[0].path) as first:
            a = first.convert("RGB").resize((100, 200))
            b = bitmap.resize((100, 200))
            diff = sum(abs(x - y) for p, q in zip(a.getdata(), b.getdata()) for x, y in zip(p, q))
            assert diff / (100 * 200 * 3) < 6  # the page is the part, not a blank page
    finally:
        pdf.close()


def test_parts_are_not_blank_and_show_the_picture(lesson, tmp_path):
    out = tmp_path / "out"
    art = render(lesson, out, image_format="png", segment_height=65_000)
    assert art.info["segment_count"] == 1
    with PILImage.open(out / "long-image" / "part-01.png") as im:
        im = im.convert("RGB")
        assert len(im.getcolors(1 << 20)) > 200  # text antialiasing, banner gradient, pictures
        top = im.getpixel((375, 5))
        assert top[2] > top[0]  # the banner is blue
        colours = {c for _n, c in im.getcolors(1 << 20)}
    assert ORANGE in colours  # the decoded PNG asset was pasted
    assert (0, 160, 80) in colours  # the transparent PNG flattened onto the card
    assert any(r > 150 and g < 80 and b < 80 for r, g, b in colours)  # the big JPEG (draft-decoded)


def test_segments_respect_the_limit_and_cut_only_at_clean_boundaries(lesson, tmp_path):
    from creator_studio.core.forms.long_image.segments import plan_segments

    for limit in (900, 1300, 2500):
        lay = layout_of(lesson, segment_height=limit)
        segs = plan_segments(lay.boxes, lay.height, limit)
        assert segs[0][0] == 0 and segs[-1][1] == lay.height
        assert all(b - t <= limit for t, b in segs)
        assert all(segs[i][1] == segs[i + 1][0] for i in range(len(segs) - 1))
        for _t, cut in segs[:-1]:
            inside = [b for b in lay.boxes if b.y < cut < b.bottom]
            for b in inside:  # a cut inside a box must be one of its line/row boundaries
                assert cut - b.y in b.cuts, (limit, b.kind, cut - b.y)
            starts = {b.y: i for i, b in enumerate(lay.boxes)}
            if cut in starts and starts[cut] > 0:
                assert not lay.boxes[starts[cut] - 1].keep_with_next  # no orphaned headings


def test_segment_height_is_capped_at_the_jpeg_limit(lesson):
    st = resolve_settings(lesson, {"segment_height": 100_000})
    assert st.segment_height == JPEG_MAX == 65_500
    assert any("JPEG" in w for w in st.warnings)
    assert resolve_settings(lesson, {"segment_height": 10}).segment_height == 800


def test_plan_never_exceeds_the_jpeg_limit_even_without_clean_cuts():
    from creator_studio.core.forms.long_image.boxes import Box
    from creator_studio.core.forms.long_image.segments import plan_segments

    boxes = [Box("a", 100_000), Box("b", 50_000)]
    boxes[1].y = 100_000
    segs = plan_segments(boxes, 150_000, 200_000)
    assert all(b - t <= 65_500 for t, b in segs)
    assert segs[-1][1] == 150_000


def test_many_pages_number_parts_in_order(tmp_path):
    from creator_studio.core.forms.long_image.demo import demo_lesson

    lesson = demo_lesson(12, tmp_path / "assets", questions=3)
    art = render(lesson, tmp_path / "out", image_format="jpeg", segment_height=1200)
    names = [f.path for f in parts(art, "jpeg")]
    assert len(names) >= 12
    assert names == sorted(names) and names[0].endswith("part-01.jpg")
    assert all(f.height <= 1200 for f in parts(art, "jpeg"))
    assert not list((tmp_path / "out" / "long-image").glob("*.png"))


def test_render_forms_writes_the_manifest(lesson, tmp_path):
    done, failed = render_forms(lesson, tmp_path, ["long-image"], {"width": 1080, "theme": "warm-orange"})
    assert not failed
    data = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    form = data["forms"]["long-image"]
    assert form["info"]["page_count"] == 3 and form["info"]["width"] == 1080
    assert form["info"]["theme"] == "warm-orange"
    imgs = [f for f in form["files"] if f["role"] == "image"]
    assert imgs and all(f["width"] == 1080 and f["height"] > 0 for f in imgs)
    assert any(f["path"] == "long-image/course.pdf" for f in form["files"])
    assert form["info"]["segment_count"] == len([f for f in imgs if f["path"].endswith(".png")])
    with PILImage.open(tmp_path / imgs[0]["path"]) as im:
        assert im.width == 1080


def test_themes_change_the_colours(lesson):
    colours = {}
    for name in ("corporate-blue", "warm-orange", "minimal"):
        theme = load_theme(name)
        lay = layout_of(lesson, theme=name)
        img = paint_segment(lay, theme, 0, 1400)
        colours[name] = (img.getpixel((4, 1300)), img.getpixel((375, 3)))
        assert colours[name][0] == theme.rgb("background")
    assert len({c for c, _ in colours.values()}) == 3
    assert colours["minimal"][1] == (255, 255, 255)  # minimal banner is plain white


def test_width_1080_scales_the_layout(lesson):
    small, big = layout_of(lesson, width=750), layout_of(lesson, width=1080)
    assert big.width == 1080
    assert 1.3 < big.height / small.height < 1.6
    img = paint_segment(big, load_theme("corporate-blue"), 0, 600)
    assert img.size == (1080, 600)


def test_watermark_is_drawn_only_when_asked(lesson):
    theme = load_theme("corporate-blue")
    lay = layout_of(lesson)
    plain = paint_segment(lay, theme, 600, 1800)
    marked = paint_segment(lay, theme, 600, 1800, watermark="李雷 · MK001")
    changed = sum(1 for a, b in zip(plain.getdata(), marked.getdata()) if a != b)
    assert changed > 2000
    assert resolve_settings(lesson, {}).watermark == "李雷 · MK001"
    assert resolve_settings(lesson, {"watermark": "off"}).watermark == ""
    assert resolve_settings(lesson, {"watermark": False}).watermark == ""
    anon = m.Lesson(title="x")
    st = resolve_settings(anon, {"watermark": "on"})
    assert st.watermark == "" and st.warnings


def test_qr_only_for_http_links(lesson):
    assert resolve_settings(lesson, {}).qr_url == "https://learn.example.com/c/7"
    assert resolve_settings(lesson, {"qr": "off"}).qr_url == ""
    lesson.meta.platform_url = "javascript:alert(1)"
    st = resolve_settings(lesson, {})
    assert st.qr_url == "" and any("二维码" in w for w in st.warnings)


def test_qr_code_is_painted_at_the_end(lesson):
    theme = load_theme("corporate-blue")
    lay = layout_of(lesson)
    (qr,) = [b for b in lay.boxes if b.kind == "qr"]
    img = paint_segment(lay, theme, qr.y, qr.bottom)
    region = img.crop((375 - 120, 0, 375 + 120, 240)).convert("L")
    dark = sum(1 for v in region.getdata() if v < 80)
    assert 0.25 < dark / (240 * 240) < 0.75  # a QR is roughly half dark modules


def test_bad_options_and_unknown_theme_are_typed_errors(lesson, tmp_path):
    with pytest.raises(RenderError) as e:
        render(lesson, tmp_path, width="abc")
    assert e.value.code == "BAD_OPTION"
    with pytest.raises(RenderError) as e:
        render(lesson, tmp_path, image_format="gif")
    assert e.value.code == "BAD_OPTION"
    with pytest.raises(RenderError) as e:
        render(lesson, tmp_path, theme="no-such-theme")
    assert e.value.code == "UNKNOWN_THEME" and "corporate-blue" in e.value.message_zh


def test_a_lesson_theme_that_no_longer_exists_falls_back(lesson):
    lesson.theme = "retired-theme"
    st = resolve_settings(lesson, {})
    assert st.theme == "corporate-blue" and any("retired-theme" in w for w in st.warnings)
    assert resolve_settings(lesson, {"theme": "minimal"}).theme == "minimal"


def test_parts_are_painted_and_saved_one_at_a_time(lesson, tmp_path, monkeypatch):
    """Never the whole tall image: each paint is one part, and at most one part waits to be saved."""
    import creator_studio.core.forms.long_image as li

    state = {"painted": 0, "saved": 0, "max_waiting": 0, "heights": []}
    real_paint, real_save = li.paint_segment, li._save_part

    def paint(layout, theme, top, bottom, **kw):
        state["max_waiting"] = max(state["max_waiting"], state["painted"] - state["saved"])
        state["painted"] += 1
        state["heights"].append(bottom - top)
        return real_paint(layout, theme, top, bottom, **kw)

    def save(*a, **k):
        out = real_save(*a, **k)
        state["saved"] += 1
        return out

    monkeypatch.setattr(li, "paint_segment", paint)
    monkeypatch.setattr(li, "_save_part", save)
    art = render(lesson, tmp_path, segment_height=900, image_format="jpeg")
    assert state["painted"] == state["saved"] == art.info["segment_count"] >= 4
    assert max(state["heights"]) <= 900
    assert state["max_waiting"] <= 1


def test_no_cjk_font_is_a_clear_error(lesson, tmp_path, monkeypatch):
    from creator_studio.core.media import fonts

    monkeypatch.setenv("CREATOR_STUDIO_NO_SYSTEM_FONTS", "1")
    monkeypatch.delenv("CREATOR_STUDIO_FONT", raising=False)
    fonts.find_cjk_font.cache_clear()
    fonts.load_font.cache_clear()
    try:
        with pytest.raises(fonts.NoCJKFontError) as e:
            render(lesson, tmp_path / "out")
        assert e.value.code == "NO_CJK_FONT" and "fonts-noto-cjk" in e.value.message_en
        assert not (tmp_path / "out" / "long-image").exists()
    finally:
        monkeypatch.delenv("CREATOR_STUDIO_NO_SYSTEM_FONTS")
        fonts.find_cjk_font.cache_clear()
        fonts.load_font.cache_clear()


def test_cancel_leaves_no_half_written_output(lesson, tmp_path):
    job = Job()
    seen = []

    def on_progress(ev):
        seen.append(ev.message)
        if "第 2/" in ev.message:
            job.cancel()

    job.subscribe(on_progress)
    with pytest.raises(Cancelled):
        LongImageFormat().render(lesson, tmp_path, {"segment_height": 900}, job)
    assert not (tmp_path / "long-image").exists()
    assert not list(tmp_path.glob(".long-image*"))


def test_rerender_replaces_the_folder(lesson, tmp_path):
    render(lesson, tmp_path, segment_height=900, image_format="png")
    many = len(list((tmp_path / "long-image").glob("part-*.png")))
    render(lesson, tmp_path, segment_height=60_000, image_format="png")
    assert many > 1 and len(list((tmp_path / "long-image").glob("part-*.png"))) == 1


def test_hostile_lesson_renders(tmp_path):
    evil = "<script>alert(1)</script>\x00" + "😀" * 3 + "\u202e反转" + "x" * 3000
    lesson = m.Lesson(title=evil, pages=[m.Page("p1", evil, [m.Paragraph([m.Run(evil)]),
                                                           m.Table(rows=[[m.TableCell(evil)] * 12])])],
                      meta=m.LessonMeta(maker_name=evil, platform_url="https://a.example/" + "y" * 500))
    art = render(lesson, tmp_path, image_format="jpeg")
    assert art.info["segment_count"] >= 1
    assert (tmp_path / "long-image" / "course.pdf").stat().st_size > 0


def test_layout_does_not_decode_pictures(lesson, monkeypatch):
    """Layout only measures: decoding happens at paint time, one part at a time."""
    from creator_studio.core.forms.long_image import pictures

    calls = []
    monkeypatch.setattr(pictures, "decode_to", lambda *a, **k: calls.append(a))
    build_layout(lesson, load_theme("minimal"), Options(750, 4000, "", "", "2026-01-01"))
    assert calls == []


def test_options_declare_cli_flags():
    names = {o.name: o for o in LongImageFormat().options()}
    assert names["width"].choices == [750, 1080] and names["width"].default == 750
    assert {"corporate-blue", "warm-orange", "minimal"} <= set(names["theme"].choices)
    assert names["segment_height"].type == "int"
    assert names["image_format"].choices == ["png", "jpeg", "both"]
    assert LongImageFormat.id == "long-image" and LongImageFormat.label_zh == "长图文"


def test_all_blocks_fixture_is_reusable(tmp_path):
    # guards the fixture itself: the truncated PNG really is undecodable, the good one is not
    lesson = all_blocks_lesson(tmp_path / "a")
    with PILImage.open(tmp_path / "a" / "wide.png") as im:
        im.load()
    with pytest.raises(Exception):
        with PILImage.open(tmp_path / "a" / "truncated.png") as im:
            im.load()
    assert lesson.asset_path("wide.png") is not None
