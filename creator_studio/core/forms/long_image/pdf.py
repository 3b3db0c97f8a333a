"""A multi-page PDF built from the written part files, one page per part, no re-encoding.

Pillow's PDF writer would decode every part and re-encode it (as JPEG for RGB). Instead the
parts' own compressed data is embedded: a baseline JPEG goes in as a DCTDecode stream, a PNG's
IDAT data as a FlateDecode stream with the PNG predictor (lossless, byte for byte what the PNG
holds). Each page is read, written and dropped before the next, so memory stays flat.
"""

from __future__ import annotations

import struct
from pathlib import Path

PAGE_WIDTH_PT = 420.0  # ~148 mm (A5 width): the phone-shaped page reads well in any viewer
MAX_PAGE_PT = 14_400.0  # Acrobat's page size limit (200 in)


class _Writer:
    def __init__(self, fh) -> None:
        self.fh = fh
        self.offsets: dict[int, int] = {}
        self.pos = 0

    def raw(self, data: bytes) -> None:
        self.fh.write(data)
        self.pos += len(data)

    def obj(self, num: int, body: bytes, stream: bytes | None = None) -> None:
        self.offsets[num] = self.pos
        self.raw(f"{num} 0 obj\n".encode())
        self.raw(body)
        if stream is not None:
            self.raw(b"\nstream\n")
            self.raw(stream)
            self.raw(b"\nendstream")
        self.raw(b"\nendobj\n")


def _png_payload(path: Path) -> tuple[int, int, bytes, bytes]:
    """(width, height, IDAT bytes, decode params) for an 8-bit RGB non-interlaced PNG."""
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path.name} is not a PNG")
    pos = 8
    idat = []
    width = height = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        ctype = data[pos + 4:pos + 8]
        chunk = data[pos + 8:pos + 8 + length]
        if ctype == b"IHDR":
            width, height, depth, color, _c, _f, interlace = struct.unpack(">IIBBBBB", chunk)
            if depth != 8 or color != 2 or interlace != 0:
                raise ValueError("only 8-bit RGB non-interlaced PNG parts are embedded")
        elif ctype == b"IDAT":
            idat.append(chunk)
        elif ctype == b"IEND":
            break
        pos += 12 + length
    parms = f"/DecodeParms << /Predictor 15 /Colors 3 /BitsPerComponent 8 /Columns {width} >>"
    return width, height, b"".join(idat), parms.encode()


def _jpeg_size(path: Path) -> tuple[int, int]:
    from PIL import Image

    with Image.open(path) as im:  # header only
        return im.size


def write_pdf(parts: list[Path], out: Path, title: str = "") -> int:
    """Write `out` with one page per part file (.png or .jpg); returns the page count."""
    n = len(parts)
    # Object numbers: 1 catalog, 2 pages, 3 info, then per page: page, content, image.
    with open(out, "wb") as fh:
        w = _Writer(fh)
        w.raw(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        kids = " ".join(f"{4 + 3 * i} 0 R" for i in range(n))
        w.obj(1, b"<< /Type /Catalog /Pages 2 0 R >>")
        w.obj(2, f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
        w.obj(3, b"<< /Title " + _pdf_text(title) + b" /Producer (Creator Studio) >>")
        for i, part in enumerate(parts):
            page, content, image = 4 + 3 * i, 5 + 3 * i, 6 + 3 * i
            if part.suffix.lower() == ".png":
                pw, ph, stream, parms = _png_payload(part)
                filt = b"/Filter /FlateDecode " + parms
            else:
                pw, ph = _jpeg_size(part)
                stream = part.read_bytes()
                filt = b"/Filter /DCTDecode"
            k = PAGE_WIDTH_PT / pw
            if ph * k > MAX_PAGE_PT:
                k = MAX_PAGE_PT / ph
            wpt, hpt = pw * k, ph * k
            w.obj(page, (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {wpt:.2f} {hpt:.2f}] "
                         f"/Resources << /XObject << /Im0 {image} 0 R >> >> "
                         f"/Contents {content} 0 R >>").encode())
            draw = f"q {wpt:.2f} 0 0 {hpt:.2f} 0 0 cm /Im0 Do Q".encode()
            w.obj(content, f"<< /Length {len(draw)} >>".encode(), draw)
            w.obj(image, (f"<< /Type /XObject /Subtype /Image /Width {pw} /Height {ph} "
                          f"/ColorSpace /DeviceRGB /BitsPerComponent 8 /Length {len(stream)} ").encode()
                  + filt + b" >>", stream)
            del stream
        xref = w.pos
        count = 4 + 3 * n
        w.raw(f"xref\n0 {count}\n0000000000 65535 f \n".encode())
        for num in range(1, count):
            w.raw(f"{w.offsets[num]:010d} 00000 n \n".encode())
        w.raw(f"trailer\n<< /Size {count} /Root 1 0 R /Info 3 0 R >>\nstartxref\n{xref}\n%%EOF\n"
              .encode())
    return n


def _pdf_text(s: str) -> bytes:
    """A PDF text string in UTF-16BE with BOM (titles are Chinese)."""
    return b"<" + ("\ufeff" + (s or "")[:200]).encode("utf-16-be").hex().upper().encode() + b">"

