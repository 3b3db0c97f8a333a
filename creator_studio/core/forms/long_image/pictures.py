"""Pictures: probe at layout time (header only), decode at paint time (one segment at a time).

`Image.MAX_IMAGE_PIXELS` stays at Pillow's default: pictures come from untrusted documents, and
a decompression bomb is left out (with a warning) instead of eating the memory budget.
Big JPEGs are decoded with `draft()` at a reduced scale, so a 6000×4000 photo never expands to
72 MB just to be shown 622 px wide.
"""

from __future__ import annotations

import functools
import logging
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from creator_studio.core.lesson.model import Image as ImageBlock

log = logging.getLogger(__name__)

RGB = tuple[int, int, int]


@dataclass
class Probe:
    path: Path | None
    width: int = 0
    height: int = 0
    problem: str | None = None  # 中文, told to the maker (never drawn)

    @property
    def ok(self) -> bool:
        return self.problem is None


def probe(block: ImageBlock, lesson) -> Probe:
    """Decide at layout time whether a picture can be drawn, and its pixel size."""
    if block.needs_raster and not block.raster_asset:
        return Probe(None, problem=block.problem or "矢量图（EMF/WMF）没有可用的位图")
    name = block.raster_asset or block.asset
    if not name:
        return Probe(None, problem=block.problem or "文档中没有可用的图片数据（外部链接或已损坏）")
    path = lesson.asset_path(name)
    if path is None:
        return Probe(None, problem=block.problem or "找不到图片文件")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                fmt = im.format
                if fmt == "PNG":
                    im.verify()  # catches truncated/CRC-broken PNGs before we lay out a box
            with Image.open(path) as im:
                w, h = im.size
                # Orientation only swaps axes; honour it so the box has the drawn aspect.
                try:
                    orient = im.getexif().get(0x0112, 1)
                except Exception:  # a broken EXIF block must not cost the picture
                    orient = 1
                if orient in (5, 6, 7, 8):
                    w, h = h, w
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return Probe(path, problem="图片像素过多，已跳过以保护内存")
    except Exception as exc:  # noqa: BLE001 - any decoder failure means "cannot show"
        log.info("picture %s cannot be opened: %s", path.name, exc)
        return Probe(path, problem="图片无法解码（文件损坏或格式不受支持）")
    if w < 1 or h < 1:
        return Probe(path, problem="图片尺寸无效")
    return Probe(path, w, h)


@functools.lru_cache(maxsize=4)
def decode_to(path: Path, size: tuple[int, int], background: RGB) -> Image.Image:
    """Decode and scale a picture to exactly `size`, flattening transparency onto `background`.

    A logo or diagram repeated on many pages is decoded once; the cache holds at most four
    part-width pictures (≈10 MB), so memory stays bounded. Callers must not modify the result.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(path) as im:
            if im.format == "JPEG":
                im.draft("RGB", size)
            im = ImageOps.exif_transpose(im)
            if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
                im = im.convert("RGBA")
                flat = Image.new("RGB", im.size, background)
                flat.paste(im, mask=im.getchannel("A"))
                im = flat
            elif im.mode != "RGB":
                im = im.convert("RGB")
            if im.size != size:
                im = im.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
            return im
