"""Issue 20 defect 6: one pixel budget at import, in both importers, and the copy LibreOffice gets.

The oversized pictures are generated here as 1-bit PNGs written row by row with zlib, so a
30 000 × 30 000 picture is ~100 KB on disk and nothing large is ever held by the test itself.
Also issue 15: EMF/WMF become PNG at import with LibreOffice, or keep their slide box without it.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from docx import Document
from PIL import Image as PILImage
from pptx import Presentation
from pptx.util import Inches

from creator_studio.core.importers import import_source, pixel_budget
from creator_studio.core.importers.pixel_budget import MAX_SIDE, safe_deck_for_render
from creator_studio.core.lesson import model as m
from creator_studio.core.media import raster


def big_png(w: int, h: int) -> bytes:
    """A w×h black 1-bit greyscale PNG, compressed as it is written (tiny for any size)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes((w + 7) // 8)
    co = zlib.compressobj(9)
    parts = []
    block = row * 256
    for _ in range(h // 256):
        parts.append(co.compress(block))
    parts.append(co.compress(row * (h % 256)))
    parts.append(co.flush())
    ihdr = struct.pack(">IIBBBBB", w, h, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b"")


def _small_png() -> bytes:
    buf = io.BytesIO()
    PILImage.new("RGB", (40, 30), (10, 120, 200)).save(buf, "PNG")
    return buf.getvalue()


def _stand_in(i: int) -> bytes:
    buf = io.BytesIO()
    PILImage.new("RGB", (8, 8), (i * 40 % 256, 7, 99)).save(buf, "PNG")
    return buf.getvalue()


def _swap_media(path: Path, prefix: str, pictures: tuple[bytes, ...]) -> Path:
    """python-pptx itself refuses to add a 30k picture (Pillow's bomb guard), so the deck is
    built with small stand-ins and the media members are swapped for the real bytes."""
    out = path.with_name("swapped-" + path.name)
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        media = sorted((n for n in zin.namelist() if n.startswith(prefix)),
                       key=lambda n: int("".join(c for c in n if c.isdigit()) or 0))
        swap = dict(zip(media, pictures))
        for info in zin.infolist():
            zout.writestr(info, swap.get(info.filename, zin.read(info)))
    out.replace(path)
    return path


def _deck(path: Path, *pictures: bytes) -> Path:
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "大图"
    for i in range(len(pictures)):
        s.shapes.add_picture(io.BytesIO(_stand_in(i)), Inches(1 + 3 * i), Inches(2), Inches(2), Inches(2))
    prs.save(path)
    return _swap_media(path, "ppt/media/", pictures)


def _doc(path: Path, *pictures: bytes) -> Path:
    doc = Document()
    doc.add_heading("大图", 1)
    for i in range(len(pictures)):
        doc.add_picture(io.BytesIO(_stand_in(i)), width=Inches(2))
    doc.save(path)
    return _swap_media(path, "word/media/", pictures)


def _size_of(path: Path) -> tuple[int, int]:
    with PILImage.open(path) as im:
        return im.size


@pytest.fixture(scope="module")
def pngs():
    return {"12k": big_png(12_000, 12_000), "30k": big_png(30_000, 30_000), "small": _small_png()}


def test_generated_pictures_are_small_on_disk(pngs):
    assert len(pngs["30k"]) < 200_000 and pixel_budget.header_size(pngs["12k"]) == (12_000, 12_000)
    with pytest.raises(pixel_budget.TooManyPixels):  # refused from the header alone
        pixel_budget.fit(pngs["30k"], "image/png", ".png")


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["pptx", "docx"])
def test_12k_picture_is_downscaled_once_at_import(kind, pngs, tmp_path):
    src = (_deck if kind == "pptx" else _doc)(tmp_path / f"big.{kind}", pngs["12k"], pngs["small"])
    lesson = import_source(src, assets_dir=tmp_path / "a")
    imgs = [b for p in lesson.pages for b in p.all_blocks() if isinstance(b, m.Image)]
    assert len(imgs) == 2
    big, small = imgs
    assert _size_of(tmp_path / "a" / big.asset) == (MAX_SIDE, MAX_SIDE)
    assert _size_of(tmp_path / "a" / small.asset) == (40, 30)  # within budget: untouched
    if kind == "pptx":
        assert (big.width_px, big.height_px) == (MAX_SIDE, MAX_SIDE)
    warnings = lesson.all_warnings()
    assert any("12000×12000" in w and "4096" in w for w in warnings)


@pytest.mark.parametrize("kind", ["pptx", "docx"])
def test_30k_picture_is_refused_with_a_warning(kind, pngs, tmp_path):
    src = (_deck if kind == "pptx" else _doc)(tmp_path / f"bomb.{kind}", pngs["30k"], pngs["small"])
    lesson = import_source(src, assets_dir=tmp_path / "a")
    imgs = [b for p in lesson.pages for b in p.all_blocks() if isinstance(b, m.Image)]
    assert len(imgs) == 1 and imgs[0].problem is None  # the small one only; no placeholder
    assert any("像素数过大" in w for w in lesson.all_warnings())
    stored = sorted((tmp_path / "a").iterdir())
    assert all(p.stat().st_size < 1_000_000 for p in stored)  # the bomb never reached the assets


@pytest.mark.slow
def test_safe_deck_for_render_gives_libreoffice_the_safe_copy(pngs, tmp_path):
    deck = _deck(tmp_path / "deck.pptx", pngs["12k"], pngs["30k"], pngs["small"])
    before = deck.read_bytes()
    lesson = import_source(deck, assets_dir=tmp_path / "a")
    safe = safe_deck_for_render(lesson, cache_dir=tmp_path / "cache")
    assert safe != deck and deck.read_bytes() == before  # the original is never changed
    with zipfile.ZipFile(safe) as z:
        sizes = sorted(pixel_budget.header_size(z.read(n)) for n in z.namelist()
                       if n.startswith("ppt/media/"))
        assert Presentation(io.BytesIO(safe.read_bytes())).slides[0].shapes.title.text == "大图"
    assert sizes == [(1, 1), (40, 30), (MAX_SIDE, MAX_SIDE)]  # 30k → stand-in, 12k → 4096
    assert safe_deck_for_render(deck, cache_dir=tmp_path / "cache") == safe  # cached by hash


def test_safe_deck_is_the_original_when_within_budget(pngs, tmp_path):
    deck = _deck(tmp_path / "ok.pptx", pngs["small"])
    assert safe_deck_for_render(deck, cache_dir=tmp_path / "c") == deck
    assert not (tmp_path / "c").exists() or not any((tmp_path / "c").iterdir())


def test_libreoffice_conversion_uses_the_safe_copy(pngs, tmp_path, monkeypatch):
    """raster.convert_to_pdf must strip links from the safe copy, not from the 30k original."""
    deck = _deck(tmp_path / "deck.pptx", pngs["30k"])
    seen = []
    monkeypatch.setattr(raster, "strip_external_links",
                        lambda src, dst: (seen.append(Path(src)), (_ for _ in ()).throw(OSError("stop")))[1])
    monkeypatch.setattr(raster, "soffice_exe", lambda: "/bin/true")
    with pytest.raises(raster._Fallback):
        raster.convert_to_pdf(deck, tmp_path)
    assert seen and seen[0] != deck
    with zipfile.ZipFile(seen[0]) as z:
        media = [n for n in z.namelist() if n.startswith("ppt/media/")]
        assert all(max(pixel_budget.header_size(z.read(n))) <= MAX_SIDE for n in media)


# --- EMF/WMF ----------------------------------------------------------------------------------


def _emf_deck(path: Path, tools) -> Path:
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[6])
    s.shapes.add_picture(io.BytesIO(tools.png_bytes()), Inches(1), Inches(1), Inches(2), Inches(2))
    prs.save(path)
    with zipfile.ZipFile(path) as z:
        media = [n for n in z.namelist() if n.startswith("ppt/media/")]
    return tools.rewrite_zip(path, path.with_name("emf.pptx"), replace={media[0]: tools.emf_bytes()})


@pytest.mark.slow
def test_emf_becomes_png_with_libreoffice(tmp_path, tools):
    assert raster.soffice_exe(), "LibreOffice is part of the supported setup (scripts/setup.sh)"
    lesson = import_source(_emf_deck(tmp_path / "e.pptx", tools), assets_dir=tmp_path / "a")
    (img,) = lesson.pages[0].blocks
    assert img.needs_raster and img.asset.endswith(".emf")
    assert img.raster_asset and (tmp_path / "a" / img.raster_asset).read_bytes()[:4] == b"\x89PNG"
    assert img.bbox == pytest.approx([0.1, 0.13333, 0.2, 0.26667], abs=1e-4)  # 1in on a 10in slide


def test_emf_without_libreoffice_keeps_its_slide_box(tmp_path, tools, monkeypatch):
    monkeypatch.setenv("CREATOR_STUDIO_SOFFICE", "none")
    lesson = import_source(_emf_deck(tmp_path / "e.pptx", tools), assets_dir=tmp_path / "a")
    (img,) = lesson.pages[0].blocks
    assert img.needs_raster and img.raster_asset is None  # forms crop the slide picture …
    assert img.bbox and img.problem is None and not lesson.pages[0].warnings  # … no placeholder
