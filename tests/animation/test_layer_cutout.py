"""A layer page's backdrop is removed in the PDF and the shape drawn on transparency (issue 16):
only the leading full-page white paths go; without them the layer gets a hard-edged matte."""

from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from creator_studio.core.media import anim_layers

W_PT, H_PT = 400.0, 225.0


def _rect(page, x, y, w, h, rgba):
    obj = pdfium_c.FPDFPageObj_CreateNewRect(x, y, w, h)
    pdfium_c.FPDFPageObj_SetFillColor(obj, *rgba)
    pdfium_c.FPDFPath_SetDrawMode(obj, pdfium_c.FPDF_FILLMODE_ALTERNATE, 0)
    pdfium_c.FPDFPage_InsertObject(page.raw, obj)


def _triangle(page, points, rgba):
    obj = pdfium_c.FPDFPageObj_CreateNewPath(*points[0])
    for x, y in points[1:]:
        pdfium_c.FPDFPath_LineTo(obj, x, y)
    pdfium_c.FPDFPath_Close(obj)
    pdfium_c.FPDFPageObj_SetFillColor(obj, *rgba)
    pdfium_c.FPDFPath_SetDrawMode(obj, pdfium_c.FPDF_FILLMODE_ALTERNATE, 0)
    pdfium_c.FPDFPage_InsertObject(page.raw, obj)


def _page(tmp_path, rects, triangle=None):
    doc = pdfium.PdfDocument.new()
    page = doc.new_page(W_PT, H_PT)
    for r in rects:
        _rect(page, *r)
    if triangle:
        _triangle(page, *triangle)
    page.gen_content()
    path = tmp_path / "p.pdf"
    doc.save(str(path))
    doc.close()
    doc = pdfium.PdfDocument(str(path))
    return doc, doc[0]


def test_backdrop_goes_and_a_full_slide_target_stays(tmp_path):
    white = (0, 0, W_PT, H_PT, (255, 255, 255, 255))
    blue_veil = (0, 0, W_PT, H_PT, (20, 60, 200, 128))  # a full-slide target, half transparent
    doc, page = _page(tmp_path, [white, white, blue_veil])
    x0, y0, rgba = anim_layers._cut_out(page, 2.0, W_PT, H_PT)
    doc.close()
    assert (x0, y0) == (0, 0) and rgba.shape[:2] == (450, 800)
    alpha = rgba[:, :, 3]
    assert abs(alpha.mean() - 128 / 255) < 0.01  # the veil's own opacity, not the white backdrop's
    colour = rgba[225, 400, :3] / alpha[225, 400]  # premultiplied → straight
    assert np.allclose(colour * 255, (20, 60, 200), atol=2)


def test_a_shape_with_soft_edges_keeps_them(tmp_path):
    white = (0, 0, W_PT, H_PT, (255, 255, 255, 255))
    doc, page = _page(tmp_path, [white], triangle=([(100, 50), (160, 60), (120, 100)], (200, 30, 30, 255)))
    x0, y0, rgba = anim_layers._cut_out(page, 2.0, W_PT, H_PT)
    doc.close()
    alpha = rgba[:, :, 3]
    assert alpha.max() == 1.0 and ((alpha > 0.05) & (alpha < 0.95)).any()  # anti-aliased border
    assert 196 <= x0 + np.nonzero(alpha.max(axis=0) > 0.5)[0].min() <= 204  # where the shape is


def test_no_backdrop_gives_a_hard_matte(tmp_path, caplog):
    doc, page = _page(tmp_path, [(100, 50, 60, 40, (200, 30, 30, 255))])
    x0, y0, rgba = anim_layers._cut_out(page, 2.0, W_PT, H_PT)
    doc.close()
    assert "hard matte" in caplog.text
    assert set(np.unique(rgba[:, :, 3])) <= {0.0, 1.0} and rgba[:, :, 3].mean() > 0.5
    assert 195 <= x0 <= 202 and rgba.shape[1] in range(118, 123)
