"""A fast PNG writer for the parts: no row filters, zlib level 1, GIL released while compressing.

Measured on a 750×3,600 part (FIELD-NOTES-style, this machine): Pillow's encoder (adaptive row
filters) 112 ms / 591 KB; unfiltered + zlib level 1: 45 ms / 473 KB. Long-image parts are flat
colour and antialiased text, where long identical runs compress better without the "Sub"/"Up"
filters; only photographs would prefer filtering, and they are a small share of a part.
`zlib.compress` releases the GIL, so the saver thread really overlaps the painter.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LEVEL = 1


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def encode_png(img: Image.Image, level: int = LEVEL) -> bytes:
    if img.mode != "RGB":
        img = img.convert("RGB")
    w, h = img.size
    pixels = np.asarray(img, dtype=np.uint8).reshape(h, w * 3)
    raw = np.zeros((h, w * 3 + 1), dtype=np.uint8)  # column 0: filter type 0 (None) per row
    raw[:, 1:] = pixels
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)  # 8-bit truecolour, not interlaced
    return b"".join([PNG_SIGNATURE, _chunk(b"IHDR", ihdr),
                     _chunk(b"IDAT", zlib.compress(raw.data, level)), _chunk(b"IEND", b"")])


def write_png(img: Image.Image, path: Path, level: int = LEVEL) -> None:
    Path(path).write_bytes(encode_png(img, level))
