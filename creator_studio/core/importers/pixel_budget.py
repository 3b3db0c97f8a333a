"""One pixel budget for every picture that enters a course (issue 20, defect 6).

A 12k×12k PNG inside a deck used to be imported silently and shipped in H5 (≈ 820 MB of RSS in
Chromium); the Word importer had no check at all; screen-record handed the original 30k×30k
deck to LibreOffice (79 s, 1.13 GB). The rule now, applied once, at import, in both importers:

- a picture whose long side is above `MAX_SIDE` (4096 px) is downscaled to it (Lanczos), in
  its own format (PNG stays PNG with its transparency, JPEG stays JPEG), and the page says so;
- a picture above the hard cap is refused with a page warning (never decoded): above
  `HARD_CAP_PIXELS` (150 MP, decoding needs ~4 bytes a pixel) — JPEG is allowed up to
  `JPEG_HARD_CAP_PIXELS`, because its decoder scales down by 1/2…1/8 while decoding (`draft`);
- `safe_deck_for_render(source)` gives LibreOffice a copy of the deck with the same budget
  applied to its media, so no renderer ever sees the original.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import tempfile
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage

log = logging.getLogger(__name__)

MAX_SIDE = 4096
HARD_CAP_PIXELS = 150_000_000
JPEG_HARD_CAP_PIXELS = 1_000_000_000
_RASTER_MIMES = {"image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff", "image/webp"}


class TooManyPixels(Exception):
    """Above the hard cap: the picture is refused, never decoded."""


@dataclass
class Fitted:
    data: bytes
    ext: str
    width: int | None
    height: int | None
    downscaled_from: tuple[int, int] | None = None


def header_size(blob: bytes) -> tuple[int, int] | None:
    """Width/height from the header only (nothing decoded); None when unreadable."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with PILImage.open(io.BytesIO(blob)) as im:
                return im.size
    except PILImage.DecompressionBombError as exc:
        raise TooManyPixels(str(exc)) from None
    except Exception:  # noqa: BLE001 — an undecodable header just means "size unknown"
        return None


def _cap_for(mime: str) -> int:
    return JPEG_HARD_CAP_PIXELS if mime == "image/jpeg" else HARD_CAP_PIXELS


def fit(blob: bytes, mime: str, ext: str) -> Fitted:
    """Apply the budget to one raster picture. Raises TooManyPixels over the hard cap."""
    if mime not in _RASTER_MIMES:
        return Fitted(blob, ext, None, None)
    size = header_size(blob)
    if size is None:
        return Fitted(blob, ext, None, None)
    w, h = size
    if w * h > _cap_for(mime):
        raise TooManyPixels(f"{w}x{h}")
    if max(w, h) <= MAX_SIDE:
        return Fitted(blob, ext, w, h)
    data, new_ext, nw, nh = _downscale(blob, mime, ext, w, h)
    return Fitted(data, new_ext, nw, nh, downscaled_from=(w, h))


def _target(w: int, h: int) -> tuple[int, int]:
    k = MAX_SIDE / max(w, h)
    return max(1, round(w * k)), max(1, round(h * k))


def _downscale(blob: bytes, mime: str, ext: str, w: int, h: int) -> tuple[bytes, str, int, int]:
    tw, th = _target(w, h)
    saved = PILImage.MAX_IMAGE_PIXELS
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            # Our own cap was checked above; lift Pillow's global guard for this one decode only.
            PILImage.MAX_IMAGE_PIXELS = max(saved or 0, _cap_for(mime) + 1)
            with PILImage.open(io.BytesIO(blob)) as im:
                if mime == "image/jpeg":
                    im.draft("RGB", (tw, th))  # decoder-side 1/2…1/8 reduction
                im.load()
                frame = im
                if frame.mode in ("1", "I", "I;16", "F"):
                    frame = frame.convert("L")  # grey stays one byte a pixel, not four
                elif frame.mode not in ("RGB", "RGBA", "L", "LA"):
                    alpha = "A" in frame.getbands() or "transparency" in frame.info
                    frame = frame.convert("RGBA" if alpha else "RGB")
                small = frame.resize((tw, th), PILImage.LANCZOS, reducing_gap=3.0)
        finally:
            PILImage.MAX_IMAGE_PIXELS = saved
    out = io.BytesIO()
    if mime == "image/jpeg":
        small.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
        return out.getvalue(), ".jpg", tw, th
    small.save(out, "PNG", optimize=False, compress_level=6)
    return out.getvalue(), ".png", tw, th


def downscale_note(name: str, fitted: Fitted) -> str:
    ow, oh = fitted.downscaled_from or (0, 0)
    return (f"图片“{name}”为 {ow}×{oh} 像素，已缩小到 {fitted.width}×{fitted.height}（长边上限 {MAX_SIDE}）。"
            f" / picture {name} was {ow}x{oh} px, downscaled to {fitted.width}x{fitted.height}")


def refused_note(name: str, detail: str) -> str:
    return (f"图片“{name}”像素数过大（{detail}），超过安全上限，已略去。请在原文件中压缩图片后重新导入。"
            f" / picture {name} has too many pixels ({detail}) and was left out")


# --------------------------------------------------------------------------------------------
# The copy LibreOffice gets


_MEDIA_DIRS = ("ppt/media/", "word/media/", "ppt/embeddings/")


def _sniff_mime(data: bytes) -> str | None:
    from creator_studio.core.importers.pptx_parts.images import sniff_image

    kind = sniff_image(data)
    return kind[0] if kind else None


def _placeholder_like(data: bytes, mime: str) -> bytes:
    """A refused picture's stand-in for LibreOffice: same format, 1×1, light grey."""
    out = io.BytesIO()
    im = PILImage.new("RGB", (1, 1), (235, 235, 235))
    im.save(out, "JPEG" if mime == "image/jpeg" else "PNG")
    return out.getvalue()


def safe_deck_for_render(lesson_or_source, cache_dir: Path | None = None) -> Path:
    """The deck to hand to LibreOffice: the original when every picture is within the budget,
    else a copy (cached by the source's hash) whose oversized pictures are downscaled (same
    name and format, so relationships and content types still hold) and whose pictures over the
    hard cap are replaced by a 1×1 stand-in. Accepts a `Lesson` (its `source_path`) or a path.
    """
    source = getattr(lesson_or_source, "source_path", lesson_or_source)
    if source is None:
        raise ValueError("lesson has no source_path")
    source = Path(source)
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError):
        return source  # not a zip we can rewrite; the renderer reports its own error
    with zf:
        oversized = []
        for info in zf.infolist():
            if not info.filename.startswith(_MEDIA_DIRS) or info.file_size < 64:
                continue
            with zf.open(info) as fh:
                head = fh.read(1 << 16)
            mime = _sniff_mime(head)
            if mime not in _RASTER_MIMES:
                continue
            try:
                size = header_size(head)
            except TooManyPixels:
                size = (1 << 20, 1 << 20)
            if size and (max(size) > MAX_SIDE):
                oversized.append(info.filename)
        if not oversized:
            return source
        digest = hashlib.sha256()
        with open(source, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        cache = Path(cache_dir) if cache_dir else Path(tempfile.gettempdir()) / "cs-safe-decks"
        cache.mkdir(parents=True, exist_ok=True)
        out = cache / f"{digest.hexdigest()[:24]}{source.suffix.lower()}"
        if out.is_file():
            return out
        tmp = out.with_name(out.name + f".{os.getpid()}.tmp")
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zf.infolist():
                data = zf.read(info.filename)
                if info.filename in oversized:
                    mime = _sniff_mime(data) or ""
                    try:
                        w, h = header_size(data) or (0, 0)
                        if w * h > _cap_for(mime):
                            raise TooManyPixels(f"{w}x{h}")
                        data = _downscale(data, mime, "", w, h)[0]
                    except TooManyPixels:
                        data = _placeholder_like(data, mime)
                    except Exception as exc:  # noqa: BLE001 — undecodable: stand-in, never the original
                        log.info("could not downscale %s: %r", info.filename, exc)
                        data = _placeholder_like(data, mime)
                    if len(data) and max(header_size(data) or (0, 0)) > MAX_SIDE:
                        data = _placeholder_like(data, mime)
                zout.writestr(info, data)
        os.replace(tmp, out)
        log.info("safe deck for render: %d picture(s) downscaled → %s", len(oversized), out)
        return out


__all__ = ["MAX_SIDE", "HARD_CAP_PIXELS", "TooManyPixels", "Fitted", "fit", "safe_deck_for_render",
           "downscale_note", "refused_note", "header_size"]
