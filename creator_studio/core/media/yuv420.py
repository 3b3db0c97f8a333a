"""RGB pictures → I420 (YUV 4:2:0 planes), converting only what changed.

Why: the animated video streams its frames to ffmpeg. Fed as RGB, ffmpeg's own conversion and
the doubled pipe traffic cost ~3.5 ms of CPU a 720p frame (measured, issue 16: 810 frames took
6.1–7.3 s of ffmpeg CPU as rgb24 and 2.5–3.5 s as yuv420p). A motion frame differs from the one
before it only where a shape moves, so `Converter` finds that box (a 64-bit compare, ~0.15 ms)
and converts just it; a transition is composed on the planes directly (`animate`).

The conversion is ITU-R BT.601 with limited range (Y 16–235), what ffmpeg's swscale does for
rgb24 → yuv420p by default, so a video does not change colour with the path its frames took.
Chroma is the mean of each 2×2 block.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

# BT.601, limited range: 219 levels of luma, 224 of chroma (Pillow rounds and clips)
_Y = (0.256788, 0.504129, 0.097906, 16.0)
_U = (-0.148223, -0.290993, 0.439216, 128.0)
_V = (0.439216, -0.367788, -0.071427, 128.0)
# the value each plane has for black: a fade through black dims towards it
BLACK = (16, 128, 128)


@dataclass
class Planes:
    """One I420 picture: full-size luma, half-size chroma. Never changed once handed out — a
    converter shares unchanged planes between pictures."""

    y: np.ndarray
    u: np.ndarray
    v: np.ndarray

    def __iter__(self):
        return iter((self.y, self.u, self.v))

    @property
    def size(self) -> tuple[int, int]:
        return self.y.shape[1], self.y.shape[0]

    def write(self, stream) -> None:  # noqa: ANN001 — a binary file (ffmpeg's stdin)
        for p in self:
            stream.write(memoryview(np.ascontiguousarray(p)).cast("B"))

    def copy(self) -> Planes:
        return Planes(self.y.copy(), self.u.copy(), self.v.copy())

    def to_rgb(self) -> np.ndarray:
        """Back to RGB (tests and previews; chroma repeated over its 2×2 block)."""
        y = self.y.astype(np.float32) - 16.0
        u = np.repeat(np.repeat(self.u, 2, 0), 2, 1).astype(np.float32) - 128.0
        v = np.repeat(np.repeat(self.v, 2, 0), 2, 1).astype(np.float32) - 128.0
        r = 1.164384 * y + 1.596027 * v
        g = 1.164384 * y - 0.391762 * u - 0.812968 * v
        b = 1.164384 * y + 2.017232 * u
        return np.clip(np.stack([r, g, b], axis=2) + 0.5, 0, 255).astype(np.uint8)


def _check(rgb: np.ndarray) -> None:
    if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
        raise ValueError(f"expected an H×W×3 uint8 picture, got {rgb.shape} {rgb.dtype}")
    if rgb.shape[0] % 2 or rgb.shape[1] % 2:
        raise ValueError(f"4:2:0 needs even dimensions, got {rgb.shape[1]}×{rgb.shape[0]}")


def _convert_into(rgb: np.ndarray, planes: Planes, box: tuple[int, int, int, int]) -> None:
    """Convert rgb[y0:y1, x0:x1] (even-aligned box) into `planes` in place."""
    y0, y1, x0, x1 = box
    im = Image.fromarray(rgb[y0:y1, x0:x1])
    planes.y[y0:y1, x0:x1] = np.asarray(im.convert("L", _Y))
    half = im.reduce(2)  # the 2×2 mean: chroma is linear, so averaging first is the same
    planes.u[y0 // 2:y1 // 2, x0 // 2:x1 // 2] = np.asarray(half.convert("L", _U))
    planes.v[y0 // 2:y1 // 2, x0 // 2:x1 // 2] = np.asarray(half.convert("L", _V))


def convert(rgb: np.ndarray) -> Planes:
    """The whole picture (~6 ms for 720p)."""
    _check(rgb)
    h, w = rgb.shape[:2]
    planes = Planes(np.empty((h, w), np.uint8), np.empty((h // 2, w // 2), np.uint8),
                    np.empty((h // 2, w // 2), np.uint8))
    _convert_into(rgb, planes, (0, h, 0, w))
    return planes


def changed_box(a: np.ndarray, b: np.ndarray) -> tuple[int, int, int, int] | None:
    """(y0, y1, x0, x1) of the pixels where two same-size RGB pictures differ, widened to even
    coordinates (a 2×2 chroma block is converted whole); None when they are equal."""
    h, w = a.shape[:2]
    row_bytes = w * 3
    if row_bytes % 8 == 0:  # compare 8 bytes at a time
        av, bv = a.reshape(h, row_bytes).view(np.uint64), b.reshape(h, row_bytes).view(np.uint64)
        unit = 8 / 3  # pixels per compared word (a word may straddle two pixels)
    else:
        av, bv = a.reshape(h, row_bytes), b.reshape(h, row_bytes)
        unit = 1 / 3
    diff = av != bv
    rows = np.flatnonzero(diff.any(axis=1))
    if len(rows) == 0:
        return None
    y0, y1 = int(rows[0]), int(rows[-1]) + 1
    cols = np.flatnonzero(diff[y0:y1].any(axis=0))
    x0 = int(cols[0] * unit)
    x1 = min(w, int(np.ceil((cols[-1] + 1) * unit)))
    return y0 & ~1, min(h, (y1 + 1) & ~1), x0 & ~1, min(w, (x1 + 1) & ~1)


class Converter:
    """Converts a stream of RGB pictures, each only where it differs from the one before.

    Pictures are compared by content (an array reused for a different picture is still
    converted right), but a picture must not change after it was converted: it is the
    reference the next one is compared with. The last few conversions are kept by identity for
    pictures asked for again (a transition's two ends).
    """

    def __init__(self, keep: int = 4):
        self._last: tuple[np.ndarray, Planes] | None = None
        self._kept: list[tuple[np.ndarray, Planes]] = []
        self._keep = keep
        self.full = 0  # whole-picture conversions (for the benchmark's account)
        self.partial = 0
        self.converted_px = 0

    def planes(self, rgb: np.ndarray) -> Planes:
        _check(rgb)
        last = self._last
        if last is not None and last[0].shape == rgb.shape:
            box = changed_box(last[0], rgb)
            if box is None:
                out = last[1]
            else:
                out = last[1].copy()
                _convert_into(rgb, out, box)
                self.partial += 1
                self.converted_px += (box[1] - box[0]) * (box[3] - box[2])
        else:
            out = convert(rgb)
            self.full += 1
            self.converted_px += rgb.shape[0] * rgb.shape[1]
        self._last = (rgb, out)
        return out

    def planes_of(self, rgb: np.ndarray) -> Planes:
        """Planes for a picture that may have been converted a moment ago (a transition's ends):
        the same array again is not converted again."""
        for arr, planes in self._kept:
            if arr is rgb:
                return planes
        if self._last is not None and self._last[0] is rgb:
            planes = self._last[1]
        else:
            planes = self.planes(rgb)
        self._kept.append((rgb, planes))
        del self._kept[:-self._keep]
        return planes
