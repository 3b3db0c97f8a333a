"""The built-in slide renderer: a Page's blocks laid out with Pillow on a 16:9 canvas.

Used when LibreOffice is absent (or refuses a deck), for DOCX sources (pages are sections, not
slides) and for the title/end cards. It draws from the course model, not from the PPTX geometry,
so it is a clean re-layout rather than a faithful copy: title band, then headings, paragraphs,
bullets, tables, charts (redrawn keeping their type, `chart_draw`), two-column blocks, notes and pictures; pictures go in a right-hand column when
there is text beside them. Text uses the shared CJK fonts and kinsoku wrapping; when the content
is too tall, every font shrinks together (down to half size) before anything is cut.

The drawing primitives (`fit_image`, `draw_wrapped`, `gradient`, `rounded_box`) are public so
the skit form can compose its shots with the same typography.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

from creator_studio.core.lesson import model as m
from creator_studio.core.media.fonts import load_font
from creator_studio.core.media.textlayout import wrap_for_font

log = logging.getLogger(__name__)

BASE_WIDTH = 1280  # sizes below are for a 1280×720 canvas and scale with the width
SHRINK_STEPS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)

RGB = tuple[int, int, int]


# ------------------------------------------------------------------------------------------
# Theme access (tolerant: a missing theme falls back to the built-in palette)


@dataclass
class Palette:
    background: RGB = (238, 243, 249)
    surface: RGB = (255, 255, 255)
    text: RGB = (31, 41, 55)
    muted: RGB = (107, 114, 128)
    primary: RGB = (30, 91, 184)
    primary_dark: RGB = (18, 62, 130)
    accent: RGB = (245, 166, 35)
    banner_start: RGB = (15, 58, 125)
    banner_end: RGB = (47, 125, 225)
    banner_text: RGB = (255, 255, 255)
    banner_subtext: RGB = (214, 228, 250)
    table_header_bg: RGB = (30, 91, 184)
    table_header_text: RGB = (255, 255, 255)
    table_stripe: RGB = (245, 248, 253)
    table_border: RGB = (211, 221, 235)
    note_bg: RGB = (255, 247, 230)
    note_border: RGB = (245, 166, 35)
    note_text: RGB = (92, 67, 0)
    placeholder_bg: RGB = (242, 244, 247)
    placeholder_border: RGB = (176, 184, 196)
    footer: RGB = (138, 150, 163)


_PALETTE_FROM_THEME = {
    "background": "background", "surface": "surface", "text": "text", "muted": "text_muted",
    "primary": "primary", "primary_dark": "primary_dark", "accent": "accent",
    "banner_start": "banner_start", "banner_end": "banner_end", "banner_text": "banner_text",
    "banner_subtext": "banner_subtext", "table_header_bg": "table_header_bg",
    "table_header_text": "table_header_text", "table_stripe": "table_stripe",
    "table_border": "table_border", "note_bg": "note_bg", "note_border": "note_border",
    "note_text": "note_text", "placeholder_bg": "placeholder_bg",
    "placeholder_border": "placeholder_border", "footer": "footer_text",
}


def palette_for(theme_name: str | None) -> Palette:
    """Colours of a theme from `core.themes` (the shared loader); defaults if it is unusable."""
    pal = Palette()
    try:
        from creator_studio.core.themes import load_theme

        theme = load_theme(theme_name)
    except Exception as exc:  # unknown theme name, bad file: keep the default look
        log.info("theme %r unavailable for slides (%s); using defaults", theme_name, exc)
        return pal
    for ours, theirs in _PALETTE_FROM_THEME.items():
        try:
            setattr(pal, ours, theme.rgb(theirs))
        except (AttributeError, ValueError):
            pass
    return pal


# ------------------------------------------------------------------------------------------
# Primitives


def gradient(size: tuple[int, int], start: RGB, end: RGB, *, diagonal: bool = True) -> Image.Image:
    """A smooth two-colour background, computed on a small image and scaled (fast)."""
    w, h = size
    small = Image.new("RGB", (64, 36))
    px = small.load()
    for y in range(36):
        for x in range(64):
            t = (x / 63 * 0.6 + y / 35 * 0.4) if diagonal else y / 35
            px[x, y] = tuple(int(a + (b - a) * t) for a, b in zip(start, end))
    return small.resize((w, h), Image.BILINEAR)


def rounded_box(draw: ImageDraw.ImageDraw, box, fill, outline=None, radius: int = 12, width: int = 1) -> None:
    draw.rounded_rectangle(box, radius=radius, fill=fill, outline=outline, width=width)


def line_height(font: ImageFont.FreeTypeFont, leading: float = 1.45) -> int:
    return int(round(font.size * leading))


def text_mixed(draw: ImageDraw.ImageDraw, xy, text: str, font, fill) -> None:
    """`draw.text`, except that curly quotes inside Latin text use a Latin face (issue 15:
    Noto Sans CJK's ’ is full-width, "Today’  s"); quotes next to CJK keep the CJK glyph."""
    from creator_studio.core.media.fonts import LATIN_PUNCT, latin_positions, load_latin_font

    at = latin_positions(text) if any(ch in LATIN_PUNCT for ch in text) else set()
    if not at:
        draw.text(xy, text, font=font, fill=fill)
        return
    bold = "bold" in " ".join(font.getname()).lower()
    latin = load_latin_font(font.size, bold)
    x, y = xy
    start = 0
    for i in sorted(at) + [len(text)]:
        if i > start:
            draw.text((x, y), text[start:i], font=font, fill=fill)
            x += font.getlength(text[start:i])
        if i < len(text):
            # share the CJK font's baseline: Latin glyphs are placed by the same ascender box
            draw.text((x, y + font.getmetrics()[0] - latin.getmetrics()[0]), text[i], font=latin, fill=fill)
            x += latin.getlength(text[i])
        start = i + 1


def draw_wrapped(draw: ImageDraw.ImageDraw, text: str, font, xy, max_width: float, fill,
                 *, leading: float = 1.45, align: str = "left", max_lines: int | None = None) -> int:
    """Draw kinsoku-wrapped text; returns the height used."""
    lines = wrap_for_font(text, font, max_width)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][:-1] + "…" if lines[-1] else "…"
    x, y = xy
    lh = line_height(font, leading)
    for i, ln in enumerate(lines):
        lx = x
        if align == "center":
            lx = x + (max_width - font.getlength(ln)) / 2
        elif align == "right":
            lx = x + max_width - font.getlength(ln)
        text_mixed(draw, (lx, y + i * lh), ln, font, fill)
    return lh * len(lines)


def open_picture(path: Path | None) -> Image.Image | None:
    """An RGB picture (alpha flattened on white), or None when Pillow cannot read it."""
    if path is None:
        return None
    try:
        with Image.open(path) as im:
            im.load()
            if im.mode in ("RGBA", "LA", "P"):
                im = im.convert("RGBA")
                bg = Image.new("RGBA", im.size, (255, 255, 255, 255))
                bg.alpha_composite(im)
                return bg.convert("RGB")
            return im.convert("RGB")
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError) as exc:
        log.info("picture %s unreadable: %s", path, exc)
        return None


def fit_image(im: Image.Image, box_w: int, box_h: int, *, upscale_limit: float = 2.0) -> Image.Image:
    """Scale to fit inside the box, keeping the aspect ratio."""
    w, h = im.size
    scale = min(box_w / max(1, w), box_h / max(1, h), upscale_limit)
    nw, nh = max(1, int(w * scale)), max(1, int(h * scale))
    return im.resize((nw, nh), Image.LANCZOS) if (nw, nh) != (w, h) else im


def letterbox(im: Image.Image, size: tuple[int, int], fill: RGB = (255, 255, 255)) -> Image.Image:
    """Fit a picture into exactly `size` (e.g. a 4:3 slide into a 16:9 video frame)."""
    if im.size == tuple(size):
        return im.convert("RGB")
    canvas = Image.new("RGB", size, fill)
    fitted = fit_image(im.convert("RGB"), size[0], size[1], upscale_limit=10.0)
    canvas.paste(fitted, ((size[0] - fitted.width) // 2, (size[1] - fitted.height) // 2))
    return canvas


# ------------------------------------------------------------------------------------------
# Page layout: measure every block at a font scale, shrink until it fits, then draw.

DrawFn = Callable[[Image.Image, ImageDraw.ImageDraw, int, int], None]


@dataclass
class Placed:
    height: int
    draw: DrawFn


class _Layout:
    def __init__(self, lesson: m.Lesson, pal: Palette, px: float, fscale: float) -> None:
        self.lesson, self.pal, self.px, self.fs = lesson, pal, px, fscale
        self.warnings: list[str] = []

    def font(self, size: float, bold: bool = False):
        return load_font(max(9, int(round(size * self.px * self.fs))), bold)

    def gap(self) -> int:
        return int(16 * self.px * self.fs)

    # -- text blocks
    def text(self, text: str, width: int, size: float, *, bold=False, color=None, indent=0,
             marker: str = "") -> Placed:
        f = self.font(size, bold)
        lead = 1.45
        lh = line_height(f, lead)
        mw = f.getlength(marker + " ") if marker else 0
        lines = wrap_for_font(text, f, max(20, width - indent - mw)) if text else [""]
        h = lh * len(lines)
        color = color or self.pal.text

        def draw(img, d, x, y):
            if marker:
                d.text((x + indent, y), marker, font=f, fill=self.pal.primary)
            for i, ln in enumerate(lines):
                text_mixed(d, (x + indent + mw, y + i * lh), ln, f, color)

        return Placed(h, draw)

    def heading(self, b: m.Heading, width: int) -> Placed:
        size = {1: 36, 2: 32}.get(b.level, 30)
        return self.text(b.text, width, size, bold=True, color=self.pal.primary_dark)

    def paragraph(self, b: m.Paragraph, width: int) -> Placed:
        bold = bool(b.runs) and all(r.bold for r in b.runs if r.text.strip())
        return self.text(b.text, width, 28, bold=bold, indent=int(b.level * 28 * self.px))

    def bullets(self, b: m.BulletList, width: int) -> Placed:
        parts = []
        for n, it in enumerate(b.items, 1):
            marker = it.marker or (f"{n}." if b.ordered else "•")
            parts.append(self.text(it.text, width, 28 if it.level == 0 else 25,
                                   indent=int(it.level * 32 * self.px), marker=marker))
        return self.stack(parts, int(6 * self.px * self.fs))

    def note(self, b: m.Note, width: int) -> Placed:
        pad = int(14 * self.px)
        label = f"{b.label}　" if b.label else ""
        inner = self.text(label + b.text, width - 2 * pad - int(6 * self.px), 24, color=self.pal.note_text)

        def draw(img, d, x, y):
            rounded_box(d, (x, y, x + width, y + inner.height + 2 * pad), fill=self.pal.note_bg,
                        radius=int(8 * self.px))
            d.rectangle((x, y, x + int(6 * self.px), y + inner.height + 2 * pad), fill=self.pal.note_border)
            inner.draw(img, d, x + pad + int(6 * self.px), y + pad)

        return Placed(inner.height + 2 * pad, draw)

    def placeholder(self, label: str, width: int, height: int) -> Placed:
        f = self.font(22)

        def draw(img, d, x, y):
            rounded_box(d, (x, y, x + width, y + height), fill=self.pal.placeholder_bg,
                        outline=self.pal.placeholder_border, radius=int(10 * self.px), width=2)
            draw_wrapped(d, label, f, (x + 12, y + height / 2 - f.size), width - 24,
                         self.pal.muted, align="center", max_lines=2)

        return Placed(height, draw)

    def table(self, t: m.Table, width: int) -> Placed:
        n_cols = max(1, t.n_cols)
        f = self.font(22)
        fb = self.font(22, bold=True)
        pad = int(8 * self.px * self.fs)
        lh = line_height(f, 1.35)
        # Column widths: proportional to the longest text in each column, within limits.
        longest = [1.0] * n_cols
        for row in t.rows:
            c = 0
            for cell in row:
                if c < n_cols and cell.col_span == 1:
                    longest[c] = max(longest[c], min(30.0, float(len(cell.text))))
                c += cell.col_span
        # Each column gets a floor, the rest is shared by content length; the widths always
        # sum to `width` (wide tables with many columns just get narrow columns).
        floor = min(int(40 * self.px), width // n_cols)
        spare = width - floor * n_cols
        total = sum(longest)
        col_w = [floor + int(spare * v / total) for v in longest]
        col_w[-1] += width - sum(col_w)
        rows = []
        for r, row in enumerate(t.rows):
            header = r < t.header_rows
            cells, c, row_h = [], 0, lh + 2 * pad
            for cell in row:
                span = max(1, min(cell.col_span, n_cols - c))
                w = sum(col_w[c:c + span])
                font = fb if (header or cell.bold) else f
                lines = wrap_for_font(cell.text, font, max(10, w - 2 * pad)) or [""]
                row_h = max(row_h, lh * len(lines) + 2 * pad)
                cells.append((c, w, lines, font))
                c += span
                if c >= n_cols:
                    break
            rows.append((header, cells, row_h))
        caption = self.text(t.caption, width, 22, bold=True, color=self.pal.muted) if t.caption else None
        height = sum(r[2] for r in rows) + (caption.height + self.gap() // 2 if caption else 0)

        def draw(img, d, x, y):
            yy = y
            if caption:
                caption.draw(img, d, x, yy)
                yy += caption.height + self.gap() // 2
            for i, (header, cells, row_h) in enumerate(rows):
                bg = self.pal.table_header_bg if header else (self.pal.table_stripe if i % 2 else self.pal.surface)
                d.rectangle((x, yy, x + width, yy + row_h), fill=bg)
                for c, w, lines, font in cells:
                    cx = x + sum(col_w[:c])
                    d.rectangle((cx, yy, cx + w, yy + row_h), outline=self.pal.table_border)
                    color = self.pal.table_header_text if header else self.pal.text
                    for k, ln in enumerate(lines):
                        text_mixed(d, (cx + pad, yy + pad + k * lh), ln, font, color)
                yy += row_h

        return Placed(height, draw)

    def image(self, b: m.Image, width: int, height: int) -> Placed:
        path = self.lesson.asset_path(b.raster_asset) or (
            None if b.needs_raster and not b.raster_asset else self.lesson.asset_path(b.asset))
        pic = open_picture(path)
        if pic is None:  # issue 15: left out (the importer warned the maker), never a placeholder box
            self.warnings.append(f"图片未显示：{b.alt or b.problem or ''}".rstrip("："))
            return Placed(0, lambda img, d, x, y: None)
        fitted = fit_image(pic, width, height)

        def draw(img, d, x, y):
            img.paste(fitted, (x + (width - fitted.width) // 2, y))

        return Placed(fitted.height, draw)

    def chart(self, b: m.Chart, width: int, height: int) -> Placed:
        """Our redrawn chart keeping its type; the slide picture's region for charts we cannot
        redraw; the data table only when neither exists."""
        from creator_studio.core.media.chart_draw import can_draw, chart_kind, draw_chart

        crop = open_picture(self.lesson.asset_path(b.raster_asset)) if b.raster_asset else None
        pic = crop if crop is not None and (chart_kind(b) == "unsupported" or not can_draw(b)) else None
        if pic is None and can_draw(b):
            pic = draw_chart(b, max(320, width))
        if pic is None:
            return self.table(b.to_table(), width)
        fitted = fit_image(pic, width, max(60, height), upscale_limit=1.0)

        def draw(img, d, x, y):
            img.paste(fitted.convert("RGB"), (x + (width - fitted.width) // 2, y))

        return Placed(fitted.height, draw)

    def columns(self, b: m.Columns, width: int, avail_h: int) -> Placed:
        """Columns side by side, each under its heading (never merged into one list)."""
        cols = [c for c in b.columns if c.heading.strip() or c.blocks][:3] or []
        if not cols:
            return Placed(0, lambda img, d, x, y: None)
        gap = self.gap() * 2
        cw = (width - gap * (len(cols) - 1)) // len(cols)
        parts = []
        for c in cols:
            head = [m.Heading(text=c.heading, level=2)] if c.heading.strip() else []
            parts.append(self.blocks(head + list(c.blocks), cw, avail_h))
        height = max(p.height for p in parts)

        def draw(img, d, x, y):
            for k, p in enumerate(parts):
                p.draw(img, d, x + k * (cw + gap), y)

        return Placed(height, draw)

    def media(self, b: m.Media, width: int) -> Placed:
        kind = "视频" if b.media_type == "video" else "音频"
        return self.placeholder(f"▶ {kind}（请在课件中播放）", width, int(90 * self.px))

    def grid(self, pics: list[m.Image], width: int, avail_h: int, cols: int) -> Placed:
        """Pictures in rows of `cols`, each fitted into its cell, centred."""
        cols = max(1, min(cols, len(pics)))
        rows = -(-len(pics) // cols)
        gap = self.gap()
        cell_w = (width - gap * (cols - 1)) // cols
        cell_h = (avail_h - gap * (rows - 1)) // rows
        cells = [self.image(p, cell_w, cell_h) for p in pics]
        row_h = [max(c.height for c in cells[r * cols:(r + 1) * cols]) for r in range(rows)]

        def draw(img, d, x, y):
            yy = y
            for r in range(rows):
                for c in range(cols):
                    k = r * cols + c
                    if k < len(cells):
                        cells[k].draw(img, d, x + c * (cell_w + gap), yy + (row_h[r] - cells[k].height) // 2)
                yy += row_h[r] + gap

        return Placed(sum(row_h) + gap * (rows - 1), draw)

    def stack(self, parts: list[Placed], gap: int) -> Placed:
        height = sum(p.height for p in parts) + gap * max(0, len(parts) - 1)

        def draw(img, d, x, y):
            yy = y
            for p in parts:
                try:
                    p.draw(img, d, x, yy)
                except Exception as exc:  # a block that cannot be drawn must not lose the slide
                    log.warning("block not drawn: %s", exc)
                yy += p.height + gap

        return Placed(height, draw)

    def blocks(self, blocks: list[m.Block], width: int, avail_h: int) -> Placed:
        parts = []
        for b in blocks:
            try:
                if isinstance(b, m.Heading):
                    parts.append(self.heading(b, width))
                elif isinstance(b, m.Paragraph):
                    if b.text.strip():
                        parts.append(self.paragraph(b, width))
                elif isinstance(b, m.BulletList):
                    if b.items:
                        parts.append(self.bullets(b, width))
                elif isinstance(b, m.Table):
                    if b.rows:
                        parts.append(self.table(b, width))
                elif isinstance(b, m.Chart):
                    parts.append(self.chart(b, width, int(avail_h * 0.8)))
                elif isinstance(b, m.Columns):
                    parts.append(self.columns(b, width, avail_h))
                elif isinstance(b, m.Note):
                    parts.append(self.note(b, width))
                elif isinstance(b, m.Image):
                    parts.append(self.image(b, width, int(avail_h * 0.9)))
                elif isinstance(b, m.Media):
                    parts.append(self.media(b, width))
            except Exception as exc:  # one odd block must not lose the slide
                log.warning("block %s not drawn: %s", type(b).__name__, exc)
                self.warnings.append(f"{type(b).__name__}: {exc}")
        return self.stack(parts, self.gap())


def render_page(page: m.Page, lesson: m.Lesson, size: tuple[int, int] = (1280, 720), *,
                palette: Palette | None = None, page_no: int | None = None,
                page_count: int | None = None) -> Image.Image:
    """One slide picture of `page` at `size` (RGB)."""
    pal = palette or palette_for(lesson.theme)
    W, H = size
    px = W / BASE_WIDTH
    img = Image.new("RGB", size, pal.background)
    d = ImageDraw.Draw(img)
    margin = int(36 * px)
    header_h = int(104 * px)
    footer_h = int(40 * px)
    # Title band
    d.rectangle((0, 0, W, header_h), fill=pal.surface)
    d.rectangle((0, 0, int(10 * px), header_h), fill=pal.primary)
    d.rectangle((0, header_h - int(4 * px), W, header_h), fill=pal.primary)
    title = page.title or ""
    blocks = list(page.blocks)
    if not title and blocks and isinstance(blocks[0], m.Heading):
        title, blocks = blocks[0].text, blocks[1:]
    for fs in (1.0, 0.85, 0.7, 0.6):
        tf = load_font(int(42 * px * fs), True)
        tl = wrap_for_font(title, tf, W - 2 * margin)
        if len(tl) <= 2 and line_height(tf, 1.25) * len(tl) <= header_h - int(16 * px):
            break
    tl = tl[:2]
    th = line_height(tf, 1.25) * len(tl)
    for i, ln in enumerate(tl):
        d.text((margin, (header_h - th) // 2 + i * line_height(tf, 1.25) - int(2 * px)), ln,
               font=tf, fill=pal.primary_dark)
    # Content card
    top, bottom = header_h + int(22 * px), H - footer_h
    card = (margin // 2, top - int(8 * px), W - margin // 2, bottom)
    rounded_box(d, card, fill=pal.surface, radius=int(14 * px))
    inner_x, inner_w = margin, W - 2 * margin
    avail_h = bottom - top - int(16 * px)
    pics = [b for b in blocks if isinstance(b, m.Image)]
    text_blocks = [b for b in blocks if not isinstance(b, m.Image)]
    two_col = bool(pics) and any(b.plain_text().strip() or isinstance(b, (m.Table, m.Chart))
                                 for b in text_blocks)
    chosen = None
    for fs in SHRINK_STEPS:
        lay = _Layout(lesson, pal, px, fs)
        if two_col:
            text_w = int(inner_w * 0.58)
            pic_w = inner_w - text_w - margin // 2
            left = lay.blocks(text_blocks, text_w, avail_h)
            right = lay.grid(pics, pic_w, avail_h, cols=1 if len(pics) <= 2 else 2)
            fits = left.height <= avail_h and right.height <= avail_h
            chosen = (lay, left, right, text_w)
        else:
            if pics and len(pics) == len(blocks):  # pictures only: a grid over the whole card
                body = lay.grid(pics, inner_w, avail_h, cols=min(3, len(pics)))
            else:
                body = lay.blocks(blocks, inner_w, avail_h)
            fits = body.height <= avail_h
            chosen = (lay, body, None, inner_w)
        if fits:
            break
    lay, left, right, text_w = chosen
    if left.height > avail_h or (right is not None and right.height > avail_h):
        log.info("page %s: content cut to fit the slide even at half size", page.id)
    # Draw into a clipped layer so overflowing content cannot cover the footer.
    layer = Image.new("RGB", (W, avail_h), pal.surface)
    ld = ImageDraw.Draw(layer)
    y0 = max(0, (avail_h - max(left.height, right.height if right else 0)) // 6)
    left.draw(layer, ld, inner_x, y0)
    if right is not None:
        right.draw(layer, ld, inner_x + text_w + margin // 2, y0)
    img.paste(layer.crop((card[0] + 2, 0, card[2] - 2, avail_h)), (card[0] + 2, top))
    # Footer
    ff = load_font(int(18 * px))
    if lesson.title:
        d.text((margin, H - footer_h + int(8 * px)), lesson.title[:40], font=ff, fill=pal.footer)
    if page_no is not None:
        label = f"{page_no} / {page_count}" if page_count else str(page_no)
        d.text((W - margin - ff.getlength(label), H - footer_h + int(8 * px)), label, font=ff, fill=pal.footer)
    return img


def render_title_card(lesson: m.Lesson, size: tuple[int, int], *, palette: Palette | None = None,
                      subtitle: str = "录屏课") -> Image.Image:
    pal = palette or palette_for(lesson.theme)
    W, H = size
    px = W / BASE_WIDTH
    img = gradient(size, pal.banner_start, pal.banner_end)
    d = ImageDraw.Draw(img)
    tf = load_font(int(64 * px), True)
    lines = wrap_for_font(lesson.title or "微课", tf, W * 0.8)[:3]
    lh = line_height(tf, 1.3)
    y = H * 0.42 - lh * len(lines) / 2
    for i, ln in enumerate(lines):
        d.text(((W - tf.getlength(ln)) / 2, y + i * lh), ln, font=tf, fill=pal.banner_text)
    d.rectangle((W / 2 - 40 * px, y + lh * len(lines) + 18 * px, W / 2 + 40 * px,
                 y + lh * len(lines) + 24 * px), fill=pal.accent)
    sf = load_font(int(28 * px))
    meta = [subtitle] + [v for v in (lesson.meta.business_line, lesson.meta.maker_name) if v]
    sub = " · ".join(meta)
    d.text(((W - sf.getlength(sub)) / 2, y + lh * len(lines) + 48 * px), sub, font=sf, fill=pal.banner_subtext)
    return img


def render_end_card(lesson: m.Lesson, size: tuple[int, int], *, palette: Palette | None = None) -> Image.Image:
    pal = palette or palette_for(lesson.theme)
    W, H = size
    px = W / BASE_WIDTH
    img = gradient(size, pal.banner_end, pal.banner_start)
    d = ImageDraw.Draw(img)
    big = load_font(int(60 * px), True)
    msg = "本课结束 · 感谢观看"
    d.text(((W - big.getlength(msg)) / 2, H * 0.36), msg, font=big, fill=pal.banner_text)
    sf = load_font(int(28 * px))
    lines = [lesson.title] + ([f"讲师：{lesson.meta.maker_name}"] if lesson.meta.maker_name else [])
    if lesson.meta.platform_url:
        lines.append(lesson.meta.platform_url)
    y = H * 0.36 + line_height(big, 1.3) + 30 * px
    for ln in lines:
        ln = ln[:60]
        d.text(((W - sf.getlength(ln)) / 2, y), ln, font=sf, fill=pal.banner_subtext)
        y += line_height(sf, 1.5)
    return img
