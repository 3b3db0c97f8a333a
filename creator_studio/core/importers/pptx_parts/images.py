"""Picture bytes → stored asset + what a renderer needs to know (real type, pixel size).

Extensions and content types inside documents lie (python-pptx reports EMF as WMF), so the
type is sniffed from the bytes. Pixel size is read from the header only (`Image.open` does not
decode), so a decompression-bomb picture costs nothing here; Pillow's own
`MAX_IMAGE_PIXELS` guard is left in place for whoever decodes it later.
"""

from __future__ import annotations

import io
import logging
import warnings

from PIL import Image as PILImage

from creator_studio.core.lesson.assets import AssetStore
from creator_studio.core.lesson.model import Image

log = logging.getLogger(__name__)

VECTOR_MIMES = {"image/emf", "image/wmf"}


def sniff_image(blob: bytes) -> tuple[str, str] | None:
    """(mime, ext) from magic bytes, or None when it is not a picture we know."""
    h = blob[:64]
    if h.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", ".png"
    if h.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", ".jpg"
    if h.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif", ".gif"
    if h.startswith(b"BM"):
        return "image/bmp", ".bmp"
    if h.startswith((b"II*\x00", b"MM\x00*")):
        return "image/tiff", ".tif"
    if h.startswith(b"RIFF") and h[8:12] == b"WEBP":
        return "image/webp", ".webp"
    if len(h) >= 44 and h[:4] == b"\x01\x00\x00\x00" and h[40:44] == b" EMF":
        return "image/emf", ".emf"
    if h.startswith(b"\xd7\xcd\xc6\x9a") or h[:6] in (b"\x01\x00\x09\x00\x00\x03",
                                                       b"\x02\x00\x09\x00\x00\x03"):
        return "image/wmf", ".wmf"
    stripped = h.lstrip()
    if stripped.startswith(b"<svg") or (stripped.startswith(b"<?xml") and b"<svg" in blob[:2048]):
        return "image/svg+xml", ".svg"
    return None


class TooManyPixels(Exception):
    pass


def pixel_size(blob: bytes) -> tuple[int | None, int | None]:
    """Width/height from the header. Raises TooManyPixels past Pillow's bomb limit."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with PILImage.open(io.BytesIO(blob)) as im:
                w, h = im.size
    except PILImage.DecompressionBombError as exc:
        raise TooManyPixels(str(exc)) from None
    except Exception:  # noqa: BLE001 — any undecodable header just means "size unknown"
        return None, None
    limit = PILImage.MAX_IMAGE_PIXELS
    if limit and w * h > 2 * limit:
        raise TooManyPixels(f"{w}x{h}")
    return w, h


def image_block(store: AssetStore, blob: bytes, alt: str = "") -> Image:
    """Store picture bytes and describe them; unknown bytes give an Image with `problem`."""
    kind = sniff_image(blob)
    if kind is None:
        return Image(alt=alt, problem="图片格式无法识别，已跳过")
    mime, ext = kind
    if mime in VECTOR_MIMES:
        return Image(asset=store.put(blob, ext), alt=alt, mime=mime, needs_raster=True)
    try:
        w, h = (None, None) if mime == "image/svg+xml" else pixel_size(blob)
    except TooManyPixels:
        return Image(alt=alt, mime=mime, problem="图片像素数过大（可能是恶意文件），已跳过")
    return Image(asset=store.put(blob, ext), alt=alt, mime=mime, width_px=w, height_px=h)


MEDIA_EXT = {
    "audio/mpeg": ".mp3", "audio/mp3": ".mp3", "audio/x-wav": ".wav", "audio/wav": ".wav",
    "audio/mp4": ".m4a", "audio/x-m4a": ".m4a", "audio/x-ms-wma": ".wma", "audio/ogg": ".ogg",
    "video/mp4": ".mp4", "video/quicktime": ".mov", "video/x-msvideo": ".avi",
    "video/x-ms-wmv": ".wmv", "video/mpeg": ".mpg", "video/webm": ".webm",
}


def media_ext(content_type: str, partname: str) -> str:
    ext = MEDIA_EXT.get((content_type or "").lower())
    if ext:
        return ext
    dot = partname.rfind(".")
    return partname[dot:].lower() if dot >= 0 else ".bin"
