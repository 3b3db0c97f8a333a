"""PDFium is not thread-safe, even across documents (pypdfium2's docs): every render in the
studio and on the server holds the process-wide lock (issue 16: slide pictures and animation
layers are drawn in two threads at once)."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pypdfium2 as pdfium

from creator_studio.core.media import anim_layers, raster
from creator_studio.core.media.pdfium_lock import PDFIUM


def _pdf(path, pages: int):
    doc = pdfium.PdfDocument.new()
    for _ in range(pages):
        doc.new_page(720, 405)
    doc.save(str(path))
    doc.close()
    return path


def test_slide_pictures_and_layers_never_call_pdfium_at_once(tmp_path, monkeypatch):
    pdf = _pdf(tmp_path / "deck.pdf", 6)
    inside = {"now": 0, "most": 0, "unlocked": 0, "calls": 0}
    guard = threading.Lock()
    real_render = pdfium.PdfPage.render

    def render(self, *a, **k):
        with guard:
            inside["now"] += 1
            inside["calls"] += 1
            inside["most"] = max(inside["most"], inside["now"])
            if not PDFIUM._is_owned():
                inside["unlocked"] += 1
        try:
            threading.Event().wait(0.002)  # widen the window two unguarded threads would share
            return real_render(self, *a, **k)
        finally:
            with guard:
                inside["now"] -= 1

    monkeypatch.setattr(pdfium.PdfPage, "render", render)
    errors = []

    def pictures():
        try:
            for n in range(3):
                out = tmp_path / f"pics{n}"
                out.mkdir()
                paths = raster._pdf_pictures(pdf, list(range(6)), (320, 180), out, None, 6)
                assert all(p.is_file() for p in paths)
        except Exception as exc:  # noqa: BLE001 — reported by the assert below
            errors.append(exc)

    def layers():
        try:
            kept = [SimpleNamespace(kind="bg")] * 6
            for _ in range(3):
                got = list(anim_layers._render_pages(pdf, kept, (320, 180), None))
                assert len(got) == 6 and got[0][1].shape == (180, 320, 3)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=pictures), threading.Thread(target=layers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert inside["calls"] == 36
    assert inside["unlocked"] == 0 and inside["most"] == 1
