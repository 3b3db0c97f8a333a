"""Slide pictures: the built-in renderer, and every way the LibreOffice path falls back.

The one real LibreOffice conversion of the suite runs in tests/forms/screen_record (through the
CLI); here LibreOffice is replaced by absent or fake binaries to exercise each fallback quickly.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PIL import Image

from creator_studio.core.lesson import model as m
from creator_studio.core.media import raster, slide_render

from media_helpers import processes_matching

EXTERNAL_PIC = "http://example.invalid/tracker.png"


def make_deck(path: Path, n: int = 3, hidden: tuple[int, ...] = (2,), external: bool = True) -> Path:
    """A small 16:9 deck with notes, a hidden slide and (optionally) a linked external picture."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    for i in range(n):
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = f"第{i + 1}页 产品要点"
        s.placeholders[1].text = "税收优惠\n投资范围"
        s.notes_slide.notes_text_frame.text = f"这是第{i + 1}页的旁白。"
        if i + 1 in hidden:
            s._element.set("show", "0")
    if external:
        rel = prs.slides[0].part.relate_to(EXTERNAL_PIC,
                                           "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
                                           is_external=True)
        assert rel
        prs.slides[0].part.relate_to("https://example.invalid/link",
                                     "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
                                     is_external=True)
    prs.save(path)
    return path


def lesson_for(n: int = 3, hidden: tuple[int, ...] = (2,)) -> m.Lesson:
    pages = [m.Page(id=f"s{i + 1}", title=f"第{i + 1}页 产品要点", source_index=i + 1, hidden=(i + 1) in hidden,
                    blocks=[m.BulletList(items=[m.ListItem(runs=[m.Run("税收优惠")]),
                                                m.ListItem(runs=[m.Run("投资范围")])])],
                    narration=f"这是第{i + 1}页的旁白。") for i in range(n)]
    return m.Lesson(title="测试课程", pages=pages)


def test_count_slides_and_strip_external(tmp_path):
    deck = make_deck(tmp_path / "d.pptx")
    assert raster.count_slides(deck) == 3
    safe = tmp_path / "safe.pptx"
    assert raster.strip_external_links(deck, safe) == 1  # the picture link; the hyperlink stays
    with zipfile.ZipFile(safe) as z:
        rels = z.read("ppt/slides/_rels/slide1.xml.rels").decode()
    assert EXTERNAL_PIC not in rels
    assert "https://example.invalid/link" in rels
    assert raster.count_slides(safe) == 3


def test_builtin_pictures_exact_size(tmp_path):
    lesson = lesson_for()
    res = raster.rasterize(lesson, None, (640, 360), out_dir=tmp_path, backend="builtin")
    assert res.backend == "builtin" and res.fallback_reason is None
    assert len(res.images) == 2  # the hidden slide is skipped
    for p in res.images:
        with Image.open(p) as im:
            assert im.size == (640, 360)


def test_no_soffice_falls_back_with_reason(tmp_path, monkeypatch):
    monkeypatch.setenv("CREATOR_STUDIO_SOFFICE", "none")
    deck = make_deck(tmp_path / "d.pptx")
    res = raster.rasterize(lesson_for(), deck, (640, 360), out_dir=tmp_path / "o")
    assert res.backend == "builtin"
    assert "LibreOffice" in res.fallback_reason
    assert len(res.images) == 2
    assert raster.libreoffice_status() != ""


def test_explicit_libreoffice_request_warns_when_falling_back(tmp_path, monkeypatch):
    monkeypatch.setenv("CREATOR_STUDIO_SOFFICE", "none")
    res = raster.rasterize(lesson_for(), make_deck(tmp_path / "d.pptx"), (640, 360),
                           out_dir=tmp_path / "o", backend="libreoffice")
    assert res.backend == "builtin" and res.warnings


def test_non_presentation_source_uses_builtin(tmp_path):
    doc = tmp_path / "notes.docx"
    doc.write_bytes(b"PK")
    res = raster.rasterize(lesson_for(), doc, (640, 360), out_dir=tmp_path / "o")
    assert res.backend == "builtin" and ".docx" in res.fallback_reason


def test_missing_source_uses_builtin(tmp_path):
    res = raster.rasterize(lesson_for(), None, (640, 360), out_dir=tmp_path / "o")
    assert res.backend == "builtin" and "source" in res.fallback_reason


def test_pages_not_from_this_deck_fall_back(tmp_path):
    deck = make_deck(tmp_path / "d.pptx")
    lesson = lesson_for(n=5, hidden=())
    res = raster.rasterize(lesson, deck, (640, 360), out_dir=tmp_path / "o")
    assert res.backend == "builtin" and "out of range" in res.fallback_reason


def test_corrupt_deck_falls_back(tmp_path):
    bad = tmp_path / "bad.pptx"
    bad.write_bytes(b"this is not a zip")
    res = raster.rasterize(lesson_for(), bad, (640, 360), out_dir=tmp_path / "o")
    assert res.backend == "builtin" and res.fallback_reason


def _fake_soffice(tmp_path, body: str) -> Path:
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\n" + body + "\n")
    fake.chmod(0o755)
    return fake


def test_soffice_hanging_is_killed_and_falls_back(tmp_path, monkeypatch):
    marker = "41.4213"
    monkeypatch.setenv("CREATOR_STUDIO_SOFFICE", str(_fake_soffice(tmp_path, f"sleep {marker} & sleep {marker}; wait")))
    monkeypatch.setenv("CREATOR_STUDIO_SOFFICE_TIMEOUT", "1")
    res = raster.rasterize(lesson_for(), make_deck(tmp_path / "d.pptx"), (640, 360), out_dir=tmp_path / "o")
    assert res.backend == "builtin" and "timed out" in res.fallback_reason
    assert processes_matching(f"sleep {marker}") == []


def test_soffice_exit_zero_without_pdf_falls_back(tmp_path, monkeypatch):
    monkeypatch.setenv("CREATOR_STUDIO_SOFFICE", str(_fake_soffice(tmp_path, "exit 0")))
    res = raster.rasterize(lesson_for(), make_deck(tmp_path / "d.pptx"), (640, 360), out_dir=tmp_path / "o")
    assert res.backend == "builtin" and "no PDF" in res.fallback_reason


def test_soffice_gets_private_profile_and_no_proxy(tmp_path, monkeypatch):
    """A fake soffice records its arguments and environment, then writes a 3-page PDF."""
    log = tmp_path / "args.txt"
    pdf_src = tmp_path / "three.pdf"
    pages = [Image.new("RGB", (400, 300), c) for c in ("red", "green", "blue")]
    pages[0].save(pdf_src, save_all=True, append_images=pages[1:])
    body = (f'echo "$@" > {log}; env >> {log}; out=""; prev=""; for a in "$@"; do '
            f'[ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done; cp {pdf_src} "$out/deck.pdf"')
    monkeypatch.setenv("CREATOR_STUDIO_SOFFICE", str(_fake_soffice(tmp_path, body)))
    monkeypatch.setenv("http_proxy", "http://proxy.invalid:3128")
    res = raster.rasterize(lesson_for(), make_deck(tmp_path / "d.pptx"), (640, 360), out_dir=tmp_path / "o")
    assert res.backend == "libreoffice", res.fallback_reason
    text = log.read_text()
    assert "-env:UserInstallation=file://" in text and "--headless" in text and "ExportHiddenSlides" in text
    assert "proxy.invalid" not in text
    assert len(res.images) == 2
    with Image.open(res.images[1]) as im:  # slide 3 (slide 2 is hidden) → the blue page
        assert im.size == (640, 360)
        r, g, b = im.getpixel((320, 180))
        assert b > 200 and r < 50
        assert im.getpixel((5, 180)) == (255, 255, 255)  # 4:3 letterboxed into 16:9


def test_pdf_page_count_mismatch_falls_back(tmp_path, monkeypatch):
    pdf_src = tmp_path / "two.pdf"
    Image.new("RGB", (400, 300), "red").save(pdf_src, save_all=True, append_images=[Image.new("RGB", (400, 300))])
    body = (f'out=""; prev=""; for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done; '
            f'cp {pdf_src} "$out/deck.pdf"')
    monkeypatch.setenv("CREATOR_STUDIO_SOFFICE", str(_fake_soffice(tmp_path, body)))
    res = raster.rasterize(lesson_for(), make_deck(tmp_path / "d.pptx"), (640, 360), out_dir=tmp_path / "o")
    assert res.backend == "builtin" and "2 pages for 3 slides" in res.fallback_reason


def test_builtin_renderer_handles_every_block(tmp_path):
    pic = tmp_path / "pic.png"
    Image.new("RGB", (300, 200), (200, 60, 60)).save(pic)
    lesson = m.Lesson(title="全部块", asset_root=tmp_path)
    page = m.Page(id="p", title="", blocks=[
        m.Heading(text="标题来自第一个标题块"),
        m.Paragraph(runs=[m.Run("正文" * 30)]),
        m.BulletList(items=[m.ListItem(runs=[m.Run("一")]), m.ListItem(runs=[m.Run("二")], level=1)], ordered=True),
        m.Table(rows=[[m.TableCell("甲"), m.TableCell("乙")], [m.TableCell("合并", col_span=2)]]),
        m.Chart(title="保费", categories=["Q1", "Q2"], series=[m.ChartSeries("2025", [1.0, None])]),
        m.Note(text="提示内容", label="注"),
        m.Image(asset="pic.png"), m.Image(asset="missing.png", alt="丢失的图"),
        m.Image(asset="x.emf", needs_raster=True, problem="EMF 无法显示"),
        m.Media(media_type="video"),
    ])
    im = slide_render.render_page(page, lesson, (1280, 720), page_no=1, page_count=1)
    assert im.size == (1280, 720)
    # the red picture is drawn in the right-hand column
    assert any(im.getpixel((x, y)) == (200, 60, 60) for x in range(760, 1240, 8) for y in range(130, 680, 8))


def test_overfull_page_shrinks_instead_of_failing():
    page = m.Page(id="p", title="很长" * 40, blocks=[m.Paragraph(runs=[m.Run("很多文字。" * 400)])])
    im = slide_render.render_page(page, m.Lesson(title="t"), (640, 360))
    assert im.size == (640, 360)


def test_cards_use_the_theme(tmp_path):
    lesson = m.Lesson(title="主题", theme="warm-orange")
    a = slide_render.render_title_card(lesson, (640, 360))
    b = slide_render.render_title_card(m.Lesson(title="主题", theme="corporate-blue"), (640, 360))
    assert a.getpixel((5, 5)) != b.getpixel((5, 5))
    unknown = slide_render.render_end_card(m.Lesson(title="x", theme="no-such-theme"), (640, 360))
    assert unknown.size == (640, 360)


def test_wide_table_with_many_columns_fits(tmp_path):
    row = [m.TableCell(f"列{i}") for i in range(40)]
    page = m.Page(id="w", title="宽表", blocks=[m.Table(rows=[row, [m.TableCell("合并", col_span=39), m.TableCell("x")]])])
    im = slide_render.render_page(page, m.Lesson(title="t"), (640, 360))
    assert im.size == (640, 360)


def test_many_pictures_are_laid_out_in_a_grid(tmp_path):
    colours = [(200, 80, 80), (80, 200, 80), (80, 80, 200), (200, 200, 80), (80, 200, 200)]
    for i, c in enumerate(colours):
        Image.new("RGB", (400, 300), c).save(tmp_path / f"p{i}.png")
    lesson = m.Lesson(title="图", asset_root=tmp_path)
    for extra in ([], [m.Paragraph(runs=[m.Run("说明文字")])]):
        page = m.Page(id="g", title="图片", blocks=extra + [m.Image(asset=f"p{i}.png") for i in range(5)])
        im = slide_render.render_page(page, lesson, (1280, 720))
        present = set(im.getdata())
        assert all(c in present for c in colours), extra  # every picture drawn, none cut off


def test_cancel_while_soffice_runs_is_a_cancel_not_a_fallback(tmp_path, monkeypatch):
    import threading
    import time

    from creator_studio.core.errors import Cancelled
    from creator_studio.core.jobs import Job

    marker = "17.3205"
    monkeypatch.setenv("CREATOR_STUDIO_SOFFICE", str(_fake_soffice(tmp_path, f"sleep {marker} & sleep {marker}; wait")))
    job = Job()
    threading.Timer(0.5, job.cancel).start()
    t0 = time.perf_counter()
    with pytest.raises(Cancelled):
        raster.rasterize(lesson_for(), make_deck(tmp_path / "d.pptx"), (640, 360), job, out_dir=tmp_path / "o")
    assert time.perf_counter() - t0 < 1.5
    time.sleep(0.1)
    assert processes_matching(f"sleep {marker}") == []


def test_pages_added_in_the_studio_are_drawn_builtin_beside_libreoffice_slides(tmp_path, monkeypatch):
    pdf_src = tmp_path / "three.pdf"
    pages = [Image.new("RGB", (400, 300), c) for c in ("red", "green", "blue")]
    pages[0].save(pdf_src, save_all=True, append_images=pages[1:])
    body = (f'out=""; prev=""; for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done; '
            f'cp {pdf_src} "$out/deck.pdf"')
    monkeypatch.setenv("CREATOR_STUDIO_SOFFICE", str(_fake_soffice(tmp_path, body)))
    lesson = lesson_for()
    lesson.pages.insert(1, m.Page(id="new", title="新增页", blocks=[m.Paragraph(runs=[m.Run("工作室里加的")])]))
    res = raster.rasterize(lesson, make_deck(tmp_path / "d.pptx"), (640, 360), out_dir=tmp_path / "o")
    assert res.backend == "libreoffice+builtin" and res.warnings
    assert len(res.images) == 3
    with Image.open(res.images[0]) as a, Image.open(res.images[1]) as b, Image.open(res.images[2]) as c:
        assert a.getpixel((320, 180))[0] > 200            # slide 1 (red) from the PDF
        assert b.getpixel((320, 5)) != (255, 0, 0)         # the new page: built-in layout
        assert c.getpixel((320, 180))[2] > 200             # slide 3 (blue); slide 2 is hidden


@pytest.mark.skipif(raster.soffice_exe() is None, reason="LibreOffice not installed")
def test_libreoffice_profile_is_kept_once_and_reused(tmp_path, monkeypatch):
    """The first run's fresh profile becomes the template (in the user's cache folder); the next
    run starts from a copy of it and gives the same PDF."""
    monkeypatch.setenv("CREATOR_STUDIO_HOME", str(tmp_path / "home"))
    deck = make_deck(tmp_path / "d.pptx", n=3, hidden=())
    tpl = raster._profile_template()
    assert tpl is not None and not tpl.exists()
    (tmp_path / "w1").mkdir()
    pdf1 = raster.convert_to_pdf(deck, tmp_path / "w1")
    assert (tpl / ".complete").is_file() and any(tpl.rglob("registrymodifications.xcu"))
    seen = {}
    real_run = raster.ffmpeg.run

    def run(cmd, **kw):  # the profile is already there when LibreOffice starts
        seen["seeded"] = any((tmp_path / "w2" / "lo-profile").rglob("registrymodifications.xcu"))
        return real_run(cmd, **kw)

    monkeypatch.setattr(raster.ffmpeg, "run", run)
    (tmp_path / "w2").mkdir()
    pdf2 = raster.convert_to_pdf(deck, tmp_path / "w2")
    assert seen["seeded"] is True
    import pypdfium2 as pdfium

    assert len(pdfium.PdfDocument(str(pdf1))) == len(pdfium.PdfDocument(str(pdf2))) == 3
