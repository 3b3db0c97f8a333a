"""Pages as thumbnails: the slide raster when there is one, then the real slide thumbnail made in
the background (`thumbnails.py`, #18), else — until it arrives — a quick drawing of the page."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPixmap

from creator_studio.ui.studio.animation_report import tooltip as animation_tooltip
from creator_studio.ui.studio.commands import block_text

THUMB = QSize(176, 99)


def draw_thumbnail(page, lesson, size: QSize = THUMB, ratio: float = 1.0) -> QPixmap:
    w, h = int(size.width() * ratio), int(size.height() * ratio)
    raster = lesson.asset_path(page.raster) if page.raster else None
    if raster is not None:
        img = QImage(str(raster))
        if not img.isNull():
            pm = QPixmap.fromImage(img.scaled(w, h, Qt.AspectRatioMode.KeepAspectRatio,
                                              Qt.TransformationMode.SmoothTransformation))
            pm.setDevicePixelRatio(ratio)
            return pm
    img = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    p.setPen(QPen(QColor("#b8c4d6"), max(1, int(ratio))))
    p.drawRect(0, 0, w - 1, h - 1)
    p.fillRect(0, 0, w, int(h * 0.06), QColor("#1f5fa8"))
    pad = int(w * 0.06)
    title_font = QFont()
    title_font.setPixelSize(max(8, int(h * 0.11)))
    title_font.setBold(True)
    p.setFont(title_font)
    p.setPen(QColor("#1a2a40"))
    title_rect = QRectF(pad, h * 0.1, w - 2 * pad, h * 0.3)
    p.drawText(title_rect, Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft, page.title or "")
    body_font = QFont()
    body_font.setPixelSize(max(6, int(h * 0.075)))
    p.setFont(body_font)
    p.setPen(QColor("#4a5568"))
    texts = [t for t in (block_text(b) for b in page.blocks) if t]
    body = "\n".join(texts)[:400]
    p.drawText(QRectF(pad, h * 0.42, w - 2 * pad, h * 0.54),
               Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft, body)
    p.end()
    pm = QPixmap.fromImage(img)
    pm.setDevicePixelRatio(ratio)
    return pm


class PageListModel(QAbstractListModel):
    """Rows are the lesson's pages. Thumbnails are drawn on demand and cached per page state."""

    def __init__(self, lesson, ratio: float = 1.0) -> None:
        super().__init__()
        self.lesson = lesson
        self.ratio = ratio
        self._cache: dict[str, tuple[tuple, QPixmap]] = {}
        # page id → (picture, fixed?, the page's content when drawn); see thumbnails.py
        self.pictures: dict[str, tuple[QImage, bool, tuple]] = {}

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.lesson.pages)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        page = self.lesson.pages[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row() + 1}. {page.title}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{index.row() + 1}. {page.title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return page.plain_text()[:300] + animation_tooltip(page)  # issue 16: animation summary
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbnail(page)
        if role == Qt.ItemDataRole.UserRole:
            return page.id
        return None

    def picture_for(self, page) -> QImage | None:
        """The background-made slide thumbnail of `page`, if it still shows the page."""
        got = self.pictures.get(page.id)
        if got is None:
            return None
        img, fixed, drawn_from = got
        if not fixed and drawn_from != self._key(page):
            return None  # a drawn page edited since: the live drawing until the next pass
        return img

    @staticmethod
    def _key(page) -> tuple:
        return (page.title, page.raster, tuple(block_text(b) or "" for b in page.blocks))

    def has_real_thumbnail(self, page) -> bool:
        return bool(page.raster and self.lesson.asset_path(page.raster)) or \
            self.picture_for(page) is not None

    def thumbnail(self, page) -> QPixmap:
        key = self._key(page)
        picture = None if page.raster else self.picture_for(page)
        key = key + (picture is not None,)
        hit = self._cache.get(page.id)
        if hit and hit[0] == key:
            return hit[1]
        if picture is not None:
            w, h = int(THUMB.width() * self.ratio), int(THUMB.height() * self.ratio)
            img = picture.scaled(w, h, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
            img = img.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
            p = QPainter(img)
            p.setPen(QPen(QColor("#b8c4d6"), max(1, int(self.ratio))))  # a slide's edge
            p.drawRect(0, 0, img.width() - 1, img.height() - 1)
            p.end()
            pm = QPixmap.fromImage(img)
            pm.setDevicePixelRatio(self.ratio)
        else:
            pm = draw_thumbnail(page, self.lesson, ratio=self.ratio)
        self._cache[page.id] = (key, pm)
        return pm

    def set_pictures(self, pictures: dict) -> None:
        """Slide thumbnails arrived from the background: show them."""
        self.pictures.update(pictures)
        if self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1),
                                  [Qt.ItemDataRole.DecorationRole])

    def row_of(self, page_id: str) -> int:
        return next((i for i, p in enumerate(self.lesson.pages) if p.id == page_id), -1)

    def page_changed(self, page_id: str) -> None:
        r = self.row_of(page_id)
        if r >= 0:
            ix = self.index(r)
            self.dataChanged.emit(ix, ix)

    def reset(self, lesson=None) -> None:
        self.beginResetModel()
        if lesson is not None:
            self.lesson = lesson
            self.pictures.clear()
        self._cache.clear()
        self.endResetModel()
