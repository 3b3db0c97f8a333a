"""Picture bytes → stored asset + what a renderer needs to know (real type, pixel size).

Extensions and content types inside documents lie (python-pptx reports EMF as WMF), so the
type is sniffed from the bytes. Pixel size is read from the header first, so a
decompression-bomb picture is refused before anything is decoded; oversized pictures are
downscaled once here (`pixel_budget`), so every form gets the safe copy.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from creator_studio.core.importers import pixel_budget
from creator_studio.core.lesson.assets import AssetStore
from creator_studio.core.lesson.model import Image

log = logging.getLogger(__name__)

VECTOR_MIMES = {"image/emf", "image/wmf"}

# Alt text that Office or a tool generated, not a description a person wrote: shape names
# ("图片 3", "Picture 12"), internal ids ("图片IDbldpl040208", issue 15), file names and paths,
# GUIDs. Shown to buyers as a caption it is noise, so it is dropped.
_GENERATED_ALT = re.compile(
    r"^(?:(?:图片|图像|照片|图表|对象|内容占位符|图形|Picture|Image|Photo|Graphic|Grafik|Bild|Imagen|"
    r"Content Placeholder|Object|Chart|Diagram|Rectangle|矩形)\s*(?:ID)?\s*[\w.\-]*\d[\w.\-]*"
    r"|[A-Za-z]{0,12}[_\-]?\d{3,}[\w\-]*"
    r"|\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}?"
    r"|.*\.(?:png|jpe?g|gif|bmp|emf|wmf|tiff?|svg|webp))$", re.IGNORECASE)


def clean_alt(text: str | None) -> str:
    """A person's description of a picture, or "" when the alt text was generated."""
    text = (text or "").strip()
    if not text or _GENERATED_ALT.match(text) or "\\" in text or text.startswith("/"):
        return ""
    return text


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


def image_block(store: AssetStore, blob: bytes, alt: str = "",
                warn: Callable[[str], None] | None = None) -> Image | None:
    """Store picture bytes (within the pixel budget) and describe them.

    None when the picture cannot be used (unknown bytes, over the hard pixel cap): it is left
    out and `warn` gets a 中文 page warning — never a placeholder block (issue 15).
    """
    label = alt or "未命名"
    kind = sniff_image(blob)
    if kind is None:
        if warn:
            warn(f"图片“{label}”的格式无法识别，已略去。")
        return None
    mime, ext = kind
    if mime in VECTOR_MIMES or mime == "image/svg+xml":
        return Image(asset=store.put(blob, ext), alt=alt, mime=mime, needs_raster=mime in VECTOR_MIMES)
    try:
        fitted = pixel_budget.fit(blob, mime, ext)
    except pixel_budget.TooManyPixels as exc:
        if warn:
            warn(pixel_budget.refused_note(label, str(exc)))
        return None
    except Exception as exc:  # noqa: BLE001 — a picture that cannot be decoded is left out
        if warn:
            warn(f"图片“{label}”已损坏，无法读取，已略去（{type(exc).__name__}）。")
        return None
    if not fitted.downscaled_from and not _verifies(fitted.data):
        if warn:
            warn(f"图片“{label}”的数据已损坏，已略去。")
        return None
    if fitted.downscaled_from and warn:
        warn(pixel_budget.downscale_note(label, fitted))
    if fitted.width is None and mime not in ("image/svg+xml",):
        if warn:
            warn(f"图片“{label}”已损坏，无法读取，已略去。")
        return None
    mime = "image/jpeg" if fitted.ext == ".jpg" else mime if not fitted.downscaled_from else "image/png"
    return Image(asset=store.put(fitted.data, fitted.ext), alt=alt, mime=mime,
                 width_px=fitted.width, height_px=fitted.height)


def _verifies(blob: bytes) -> bool:
    """Pillow's structural check (chunk CRCs for PNG) without decoding the pixels."""
    import io
    import warnings

    from PIL import Image as PILImage

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with PILImage.open(io.BytesIO(blob)) as im:
                im.verify()
        return True
    except Exception:  # noqa: BLE001
        return False


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
