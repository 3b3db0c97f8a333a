"""QR code linking to the course's page on the learning platform."""

from __future__ import annotations

from urllib.parse import urlsplit

import qrcode
from PIL import Image

RGB = tuple[int, int, int]


def safe_url(url: str) -> str | None:
    """Only http(s) links become QR codes: documents may carry javascript:/file: targets."""
    url = (url or "").strip()
    if not url or len(url) > 1000 or any(ch.isspace() for ch in url):
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def qr_image(url: str, size: int, fg: RGB, bg: RGB) -> Image.Image:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=1, border=2)
    qr.add_data(url)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    n = len(matrix)
    small = Image.new("RGB", (n, n), bg)
    px = small.load()
    for y, row in enumerate(matrix):
        for x, on in enumerate(row):
            if on:
                px[x, y] = fg
    return small.resize((size, size), Image.Resampling.NEAREST)
