"""Issue 15 visual regression on a real designed deck, against its own LibreOffice render.

The long image's and the H5 page's picture of a designed slide must look like LibreOffice's
render of that slide (similarity ≥ 0.8 on downscaled grayscale, measured as 1 − mean absolute
difference and as correlation). Reflowed pages must not lose text against `import --json`.
LibreOffice runs once per session for each deck (session-scoped fixtures).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image as PILImage

from creator_studio.core.forms import render_forms
from creator_studio.core.forms.long_image.layout import Options, build_layout
from creator_studio.core.importers import import_source
from creator_studio.core.media import raster
from creator_studio.core.themes import load_theme

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(raster.soffice_exe() is None, reason="needs LibreOffice (soffice)")]

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus" / "pptx"
DESIGNED = CORPUS / "zh_designed_aisys_ch13_figs.pptx"
TEXT_DECK = CORPUS / "docling_powerpoint_sample.pptx"
SIZE = (96, 54)


def _gray(im: PILImage.Image) -> list[int]:
    return list(im.convert("L").resize(SIZE, PILImage.Resampling.BOX).getdata())


def similarity(a: PILImage.Image, b: PILImage.Image) -> tuple[float, float]:
    """(1 − mean |a−b| / 255, Pearson correlation) of two pictures at 96×54 grayscale."""
    x, y = _gray(a), _gray(b)
    mae = sum(abs(p - q) for p, q in zip(x, y)) / (len(x) * 255)
    mx, my = sum(x) / len(x), sum(y) / len(y)
    cov = sum((p - mx) * (q - my) for p, q in zip(x, y))
    vx = sum((p - mx) ** 2 for p in x) ** 0.5
    vy = sum((q - my) ** 2 for q in y) ** 0.5
    return 1 - mae, cov / (vx * vy) if vx and vy else 0.0


@pytest.fixture(scope="session")
def lo_reference(tmp_path_factory):
    """LibreOffice's own pictures of the designed deck: soffice → PDF → pypdfium2, independent of
    the studio's pipeline (same private fontconfig, so the same fonts)."""
    import pypdfium2 as pdfium

    work = tmp_path_factory.mktemp("lo-ref")
    pdf = raster.convert_to_pdf(DESIGNED, work)
    doc = pdfium.PdfDocument(str(pdf))
    try:
        pics = []
        for i in range(len(doc)):
            page = doc[i]
            pics.append(page.render(scale=800 / page.get_size()[0]).to_pil().convert("RGB"))
            page.close()
    finally:
        doc.close()
    return pics


@pytest.fixture(scope="session")
def designed_render(tmp_path_factory):
    """The designed deck through the studio: long image + H5 with slide pictures on every page."""
    out = tmp_path_factory.mktemp("designed")
    lesson = import_source(DESIGNED, assets_dir=out / ".assets")
    done, failed = render_forms(lesson, out, ["long-image", "h5"],
                                {"slide_pictures": "always", "image_format": "png"})
    assert not failed, failed
    return lesson, out, done


@pytest.fixture(scope="session")
def reflow_render(tmp_path_factory):
    out = tmp_path_factory.mktemp("reflow")
    lesson = import_source(TEXT_DECK, assets_dir=out / ".assets")
    done, failed = render_forms(lesson, out, ["long-image", "h5"], {"slide_pictures": "never"})
    assert not failed, failed
    cli = subprocess.run([sys.executable, "-m", "creator_studio", "import", "--json", str(TEXT_DECK)],
                         capture_output=True, text=True, timeout=300,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert cli.returncode == 0, cli.stderr[-500:]
    return lesson, out, done, json.loads(cli.stdout)


def test_long_image_picture_pages_look_like_libreoffice(designed_render, lo_reference):
    lesson, out, done = designed_render
    art = done["long-image"]
    assert art.info["slide_picture_backend"] == "libreoffice"
    assert set(art.info["visual_modes"].values()) <= {"picture", "picture+text"}
    lay = build_layout(lesson, load_theme(art.info["theme"]),
                       Options(750, art.info["segment_height"], "", "", slide_pictures="always"))
    pics = [b for b in lay.boxes if b.kind == "slide-picture"]
    assert len(pics) == len(lesson.visible_pages()) == len(lo_reference)
    tops = [0]
    for h in art.info["segment_heights"]:
        tops.append(tops[-1] + h)
    for k, box in enumerate(pics):
        w, h = box.info["size"]
        y = box.y + box.h - h
        part = max(i for i, t in enumerate(tops[:-1]) if t <= y)
        assert y + h <= tops[part + 1], "a slide picture was cut between parts"
        with PILImage.open(out / "long-image" / f"part-{part + 1:02d}.png") as im:
            got = im.crop(((750 - w) // 2, y - tops[part], (750 - w) // 2 + w, y - tops[part] + h))
            got.load()
        sim, corr = similarity(got, lo_reference[k])
        assert sim >= 0.8 and corr >= 0.8, (k, sim, corr)


def test_h5_picture_pages_look_like_libreoffice_and_keep_their_text(designed_render, lo_reference, browser):
    lesson, out, done = designed_render
    art = done["h5"]
    assert art.info["picture_pages"] == len(lesson.visible_pages())
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((out / "h5" / "index.html").as_uri())
    page.wait_for_function("() => window.CS_H5 && window.CS_H5.ready")
    for k, ref in enumerate(lo_reference):
        page.evaluate(f"CS_H5.player.go({k})")
        img = page.locator(".slide-picture img")
        # The picture is decoded after the page change: wait for it (a broken picture never
        # gets a width, so this still fails on a missing or unreadable file).
        page.wait_for_function("() => { const i = document.querySelector('.slide-picture img');"
                               " return i && i.complete && i.naturalWidth > 0; }", timeout=10_000)
        natural = page.evaluate("document.querySelector('.slide-picture img').naturalWidth")
        shown = page.evaluate("document.querySelector('.slide-picture img').getBoundingClientRect().width")
        assert natural >= 2 * shown - 2  # 2× source: sharp on a phone
        shot = context.pages[0].screenshot(clip=img.bounding_box())
        from io import BytesIO

        got = PILImage.open(BytesIO(shot))
        sim, corr = similarity(got, ref)
        assert sim >= 0.8 and corr >= 0.8, (k, sim, corr)
        # the page's text is still in the document (search, screen readers), visually hidden
        text = page.evaluate("document.querySelector('.text-version') ? "
                             "document.querySelector('.text-version').textContent : ''")
        words = [w for w in re.split(r"\s+", lesson.visible_pages()[k].plain_text()) if len(w) >= 2][:5]
        assert all(w in text or w in page.content() for w in words)
    # tap to zoom and back
    page.click(".slide-zoom")
    assert page.locator(".slide-picture.zoomed").count() == 1
    page.click(".slide-zoom")
    assert page.locator(".slide-picture.zoomed").count() == 0
    assert errors == []
    context.close()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_reflowed_pages_lose_no_text_against_import_json(reflow_render):
    lesson, out, done, imported = reflow_render
    art = done["long-image"]
    assert set(art.info["visual_modes"].values()) == {"reflow"}
    lay = build_layout(lesson, load_theme(art.info["theme"]), Options(750, art.info["segment_height"],
                                                                      "", "", slide_pictures="never"))
    drawn: dict[str, str] = {}
    for b in lay.boxes:
        lines = list(b.info.get("lines", [])) + [ln for cell in b.info.get("cells", []) for ln in cell]
        lines += [str(t) for t in (b.info.get("title") or [])]
        for col in b.info.get("columns", []):
            lines += [col["heading"], *col["lines"]]
        drawn[b.page_id] = drawn.get(b.page_id, "") + _squash("".join(lines))
    data_js = (out / "h5" / "data.js").read_text(encoding="utf-8")
    pages = [p for p in imported["pages"] if not p.get("hidden")]
    assert pages
    checked = 0
    for p in pages:
        for block in p["blocks"]:
            texts = []
            if block.get("kind") in ("paragraph",):
                texts.append("".join(r["text"] for r in block["runs"]))
            elif block.get("kind") == "list":
                texts += ["".join(r["text"] for r in it["runs"]) for it in block["items"]]
            elif block.get("kind") == "table":
                texts += [c["text"] for row in block["rows"] for c in row]
            elif block.get("kind") == "heading":
                texts.append(block["text"])
            for t in texts:
                t = _squash(t.replace("\v", "").replace("\t", ""))
                if not t:
                    continue
                assert t in drawn.get(p["id"], ""), (p["id"], t)
                checked += 1
                assert json.dumps(t, ensure_ascii=False)[1:-1][:20].replace("<", "\\u003c") in \
                    _squash(data_js.replace("\\n", "")) or t[:10] in data_js, (p["id"], t)
    assert checked >= 10  # the comparison is not vacuous


def test_the_similarity_measure_tells_a_reflowed_page_from_the_slide(lo_reference):
    """Sanity check of the yardstick: a text page drawn by us is not 'similar' to the slide."""
    from PIL import ImageDraw

    from creator_studio.core.media.fonts import load_font

    fake = PILImage.new("RGB", lo_reference[0].size, "white")
    d = ImageDraw.Draw(fake)
    for i in range(8):
        d.text((40, 40 + i * 50), "理赔流程要点：报案、查勘、定损、核赔、支付", font=load_font(30), fill=(30, 30, 30))
    sim, corr = similarity(fake, lo_reference[0])
    assert corr < 0.5
