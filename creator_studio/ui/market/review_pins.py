"""Review comments pinned to the delivery (#17), on both sides of the order.

Buyer — `PinBoard`, next to the delivery preview: pick a page of the delivered course (its stable
page id, from the package's ``course.json``) and click the place on it, or give a video time, or
pick a skit line, or comment on the whole; choose must fix / suggestion; resolve or reopen; export
the review; ask for a revision that bundles every open comment.

Maker — `MakerCommentsPanel`, a tab of the studio: the order's comments, each jumping to its page
in the studio (`studio.select_page`), a badge with the number of open comments on each page
thumbnail, and *Mark done* for the next version.

Positions are basis points of the page (0–10000), so a pin stays on the same place of the page
when the maker re-renders at another size.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from creator_studio.ui import file_dialogs
from creator_studio.ui.market.common import call, make_table, message_label, selected_row
from creator_studio.ui.market.lazy_model import Col, LazyTableModel
from creator_studio.ui.translate import tr

PAGE_FORMS = ("h5", "long-image")
CANVAS = QSize(400, 225)  # the page canvas where there is room (16:9)
MIN_CANVAS = QSize(256, 144)  # and the smallest it shrinks to on a narrow screen (#18)


def severity_name(code: str) -> str:
    return {"must_fix": tr("Must fix"), "suggestion": tr("Suggestion")}.get(code, code)


def comment_status_name(code: str) -> str:
    return {"open": tr("To fix"), "done": tr("Done by maker"), "resolved": tr("Resolved"),
            "reopened": tr("Reopened")}.get(code, code)


def where(c: dict, lang: str) -> str:
    return c["anchor_zh"] if lang.startswith("zh") else c["anchor_en"]


def addressed(c: dict) -> str:
    if c.get("addressed_in_version"):
        return tr("addressed in v{n}").format(n=c["addressed_in_version"])
    if c.get("latest_version", c["version"]) > c["version"] and c["status"] in ("open", "reopened"):
        return tr("not yet (carried to v{n})").format(n=c["latest_version"])
    return ""


def comment_columns(lang: str) -> list[Col]:
    return [Col("#", lambda c: c["id"], True),
            Col(tr("Version"), lambda c: f"v{c['version']}"),
            Col(tr("Where"), lambda c: where(c, lang)),
            Col(tr("Severity"), lambda c: severity_name(c["severity"])),
            Col(tr("State"), lambda c: comment_status_name(c["status"])),
            Col(tr("Addressed"), addressed),
            Col(tr("Comment"), lambda c: c["body"])]


def load_delivered_lesson(root: Path):
    """The course model shipped inside a delivery (``course.json``), or None."""
    from creator_studio.core.package_manifest import LESSON_SNAPSHOT
    from creator_studio.core.lesson.serialize import loads

    path = Path(root) / LESSON_SNAPSHOT
    if not path.is_file():
        return None
    try:
        return loads(path.read_text(encoding="utf-8"))
    except Exception:  # a damaged snapshot: the buyer can still comment on times and overall
        return None


def skit_lines(lesson) -> list[tuple[str, str]]:
    """(line id, text shown) for every line of the skit: ``scene-id/index`` survives re-rendering."""
    out = []
    script = getattr(lesson, "script", None)
    if script is None:
        return out
    names = {c.id: c.name for c in script.cast}
    for scene in script.scenes:
        for i, line in enumerate(scene.lines, 1):
            out.append((f"{scene.id}/{i}", f"{names.get(line.speaker, line.speaker)}：{line.text}"))
    return out


class PageCanvas(QLabel):
    """A page drawn large; a click picks the position (basis points) and shows the pins on it."""

    picked = Signal(int, int)
    resized = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # #18: it was a fixed 400×225, which with the page list and the comment form beside it
        # made the buyer's review scroll sideways at 1280×720; it now takes what its pane has
        # (down to MIN_CANVAS) and the page is drawn to fit, so positions stay basis points.
        self.setMinimumSize(MIN_CANVAS)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(tr("Page: click where the comment belongs"))
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.base: QPixmap | None = None
        self.pins: list[tuple[int, int, str, bool]] = []  # x_bp, y_bp, label, open?
        self.pending: tuple[int, int] | None = None

    def sizeHint(self) -> QSize:  # noqa: N802 - not the pixmap's size: it follows the pane
        return QSize(CANVAS)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(MIN_CANVAS)

    def page_size(self) -> QSize:
        """The largest 16:9 size that fits the canvas now (never below MIN_CANVAS)."""
        w = max(MIN_CANVAS.width(), min(self.width(), self.height() * 16 // 9))
        return QSize(w, w * 9 // 16)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.resized.emit()

    def set_page(self, pm: QPixmap | None, pins) -> None:  # noqa: ANN001
        self.base = pm
        self.pins = list(pins)
        self.pending = None
        self._redraw()

    def set_pins(self, pins) -> None:  # noqa: ANN001
        self.pins = list(pins)
        self._redraw()

    def pick(self, x_bp: int, y_bp: int) -> None:
        self.pending = (x_bp, y_bp)
        self._redraw()
        self.picked.emit(x_bp, y_bp)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if self.base is None:
            return
        size = self.base.deviceIndependentSize()
        pos = event.position()
        if 0 <= pos.x() <= size.width() and 0 <= pos.y() <= size.height():
            self.pick(round(pos.x() / size.width() * 10000), round(pos.y() / size.height() * 10000))

    def _redraw(self) -> None:
        if self.base is None:
            self.clear()
            return
        pm = QPixmap(self.base)
        size = self.base.deviceIndependentSize()
        w, h = size.width(), size.height()
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = max(8, int(h * 0.045))
        font = QFont()
        font.setPixelSize(int(r * 1.1))
        font.setBold(True)
        p.setFont(font)
        marks = [(x, y, label, is_open) for x, y, label, is_open in self.pins]
        if self.pending:
            marks.append((self.pending[0], self.pending[1], "+", True))
        for x, y, label, is_open in marks:
            cx, cy = int(x / 10000 * w), int(y / 10000 * h)
            p.setPen(QPen(QColor("white"), 2))
            p.setBrush(QColor("#c62828") if is_open else QColor("#2e7d32"))
            p.drawEllipse(QPoint(cx, cy), r, r)
            p.setPen(QColor("white"))
            p.drawText(QRect(cx - r, cy - r, 2 * r, 2 * r), Qt.AlignmentFlag.AlignCenter, label)
        p.end()
        self.setPixmap(pm)


class CommentList(QWidget):
    """The order's comments as a table with the buttons the signed-in side may use."""

    changed = Signal()
    page_requested = Signal(str)

    def __init__(self, ctx, side: str, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.side = side  # buyer / maker / staff
        self.order_id: int | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.model = LazyTableModel(comment_columns(ctx.language))
        self.table = make_table(self.model, tr("Review comments"), 6)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        specs = {"buyer": (("resolve", tr("Re&solve")), ("reopen", tr("Re&open"))),
                 "maker": (("done", tr("Mark &done")), ("undo_done", tr("&Undo done"))),
                 "staff": ()}[side]
        if side == "maker":
            b = QPushButton(tr("&Go to the page"))
            b.setAccessibleName(tr("Show the comment's page in the studio"))
            b.clicked.connect(self.go_to_page)
            self.buttons["goto"] = b
            row.addWidget(b)
        for action, label in specs:
            b = QPushButton(label)
            b.clicked.connect(lambda _c=False, a=action: self.set_status(a))
            self.buttons[action] = b
            row.addWidget(b)
        self.export_button = QPushButton(tr("&Export…"))
        self.export_button.setAccessibleName(tr("Export the review as CSV or XLSX"))
        self.export_button.clicked.connect(self.choose_export)
        row.addWidget(self.export_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.message = message_label()
        lay.addWidget(self.message)

    @property
    def rows(self) -> list[dict]:
        return list(self.model.rows)

    def load(self, order_id: int | None):
        self.order_id = order_id
        if order_id is None:
            self.model.set_rows([])
            return None
        user = self.ctx.current_user
        return call(self.ctx, self, lambda: self.ctx.market.review_comments(user, order_id),
                    self._show, message=self.message, clear_message=False)

    def _show(self, rows) -> None:
        self.model.set_rows(rows)
        self.changed.emit()

    def select_comment(self, comment_id: int) -> bool:
        for i, c in enumerate(self.model.rows):
            if c["id"] == comment_id:
                self.table.selectRow(i)
                return True
        return False

    def set_status(self, action: str, note: str = ""):
        c = selected_row(self.table)
        if c is None:
            self.message.setText(tr("Select a comment first."))
            return None
        user = self.ctx.current_user
        return call(self.ctx, self, lambda: self.ctx.market.set_comment_status(
            user, c["id"], action, note), lambda _r: self.load(self.order_id), writes=True,
            message=self.message)

    def go_to_page(self) -> None:
        c = selected_row(self.table)
        if c is None:
            self.message.setText(tr("Select a comment first."))
        elif c.get("page_id"):
            self.page_requested.emit(c["page_id"])
        else:
            self.message.setText(tr("This comment is not on a page ({w}).").format(
                w=where(c, self.ctx.language)))

    def choose_export(self):
        if self.order_id is None:
            return None
        path, _ = file_dialogs.save_file(self, tr("Export the review"), "exports",
                                         f"review-order-{self.order_id}.xlsx",
                                         tr("Excel (*.xlsx);;CSV (*.csv)"))
        return self.export(Path(path)) if path else None

    def export(self, path: Path):
        user, oid = self.ctx.current_user, self.order_id
        return call(self.ctx, self, lambda: self.ctx.market.export_review(user, oid, Path(path)),
                    lambda p: self.message.success(tr("Exported to {p}").format(p=p)),
                    message=self.message)


class PinBoard(QWidget):
    """The buyer's review of one delivered version: pin comments, resolve/reopen, ask a revision."""

    revision_requested = Signal(object)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.order_id: int | None = None
        self.delivery: dict | None = None
        self.lesson = None
        self.forms: list[str] = []
        self.player_position = None  # callable → ms, set by the preview when a video plays
        lay = QVBoxLayout(self)
        self.header = QLabel(tr("Select an order with a delivery to review it."))
        self.header.setWordWrap(True)
        lay.addWidget(self.header)
        split = QSplitter(Qt.Orientation.Vertical)
        pin_box = QGroupBox(tr("Pin a comment"))
        pl = QVBoxLayout(pin_box)
        top = QHBoxLayout()
        self.target = QComboBox()
        self.target.setAccessibleName(tr("What the comment is about"))
        self.target.currentIndexChanged.connect(self._target_changed)
        top.addWidget(QLabel(tr("On:")))
        top.addWidget(self.target, 1)
        pl.addLayout(top)
        self.stack = QStackedWidget()
        # page: list of pages + the page canvas
        page_w = QWidget()
        ph = QHBoxLayout(page_w)
        ph.setContentsMargins(0, 0, 0, 0)
        self.pages = QListWidget()
        self.pages.setAccessibleName(tr("Pages of the delivered course"))
        # Sized to its titles when a delivery loads (`_fit_pages`): a width of 20 average Latin
        # characters cut 中文 titles to three or four characters (screenshots #18).
        self.pages.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.pages.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_pages()
        self.pages.currentRowChanged.connect(self._page_changed)
        self.canvas = PageCanvas()
        self.canvas.picked.connect(self._picked)
        self._redraw_timer = QTimer(self)  # one redraw after a burst of resizes
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(30)
        self._redraw_timer.timeout.connect(self._redraw_page)
        self.canvas.resized.connect(self._redraw_timer.start)
        ph.addWidget(self.pages)
        ph.addWidget(self.canvas, 1)
        self.stack.addWidget(page_w)
        # video time
        time_w = QWidget()
        th = QHBoxLayout(time_w)
        self.time = QDoubleSpinBox()
        self.time.setRange(0, 24 * 3600)
        self.time.setDecimals(1)
        self.time.setSuffix(tr(" s"))
        self.time.setAccessibleName(tr("Video time in seconds"))
        self.use_player = QPushButton(tr("Use the player's &position"))
        self.use_player.clicked.connect(self._from_player)
        th.addWidget(QLabel(tr("Time:")))
        th.addWidget(self.time)
        th.addWidget(self.use_player)
        th.addStretch(1)
        self.stack.addWidget(time_w)
        # skit line
        self.lines = QListWidget()
        self.lines.setAccessibleName(tr("Lines of the skit"))
        self.stack.addWidget(self.lines)
        # overall
        self.stack.addWidget(QLabel(tr("A comment on the delivery as a whole.")))
        self.stack.setMinimumHeight(MIN_CANVAS.height() + 4)
        body_row = QHBoxLayout()  # the place on the left, what to say about it on the right
        body_row.addWidget(self.stack, 1)
        # The comment column is as wide as its controls need (16 "M"), so the page canvas gets
        # the rest of the row: it grows back towards 400×225 where there is room (#18).
        side_w = QWidget()
        side_w.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 16)
        side = QVBoxLayout(side_w)
        side.setContentsMargins(0, 0, 0, 0)
        self.position_label = QLabel()
        self.position_label.setWordWrap(True)
        side.addWidget(self.position_label)
        self.severity = QComboBox()
        self.severity.addItem(tr("Must fix"), "must_fix")
        self.severity.addItem(tr("Suggestion"), "suggestion")
        self.severity.setAccessibleName(tr("Severity"))
        sev_label = QLabel(tr("Se&verity:"))
        sev_label.setBuddy(self.severity)
        side.addWidget(sev_label)
        side.addWidget(self.severity)
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        self.body.setAccessibleName(tr("Comment text"))
        body_label = QLabel(tr("Co&mment:"))
        body_label.setBuddy(self.body)
        side.addWidget(body_label)
        side.addWidget(self.body, 1)
        self.pin_button = QPushButton(tr("&Pin the comment"))
        self.pin_button.clicked.connect(self.pin)
        side.addWidget(self.pin_button)
        body_row.addWidget(side_w)
        pl.addLayout(body_row, 1)
        split.addWidget(pin_box)
        list_box = QGroupBox(tr("Comments on this order (carried over between versions)"))
        ll = QVBoxLayout(list_box)
        self.comments = CommentList(ctx, "buyer")
        self.comments.changed.connect(self._refresh_pins)
        ll.addWidget(self.comments)
        rrow = QHBoxLayout()
        self.revision_note = QLineEdit()
        self.revision_note.setAccessibleName(tr("Note for the revision"))
        self.revision_note.setPlaceholderText(tr("Note for the maker (optional)"))
        self.revision_button = QPushButton(tr("Request a revision with the open comments"))
        self.revision_button.clicked.connect(self.request_revision)
        rrow.addWidget(self.revision_note, 1)
        rrow.addWidget(self.revision_button)
        ll.addLayout(rrow)
        split.addWidget(list_box)
        lay.addWidget(split, 1)
        self.message = message_label()
        lay.addWidget(self.message)
        self.picked_pos: tuple[int, int] | None = None
        self._set_enabled(False)

    # -- loading ---------------------------------------------------------------------------------
    def _set_enabled(self, on: bool) -> None:
        for w in (self.target, self.pin_button, self.body, self.severity, self.revision_button):
            w.setEnabled(on)

    def clear(self) -> None:
        self.order_id, self.delivery, self.lesson = None, None, None
        self.header.setText(tr("Select an order with a delivery to review it."))
        self.pages.clear()
        self.lines.clear()
        self.canvas.set_page(None, [])
        self.comments.load(None)
        self._set_enabled(False)

    def load(self, order_id: int, delivery: dict, root: Path):
        """Show delivered version `delivery` (id, version) unpacked at `root` for pinning."""
        self.order_id, self.delivery = order_id, delivery
        self.lesson = load_delivered_lesson(root)
        try:
            manifest = json.loads((Path(root) / "manifest.json").read_text(encoding="utf-8"))
            entries = manifest.get("forms") or {}
        except (OSError, ValueError):
            entries = {}
        self.forms = list(entries)
        with_video = {f for f, e in entries.items()
                      if any(x.get("role") == "video" for x in (e or {}).get("files", []))}
        self.header.setText(tr("Order #{id} — reviewing version v{v}").format(
            id=order_id, v=delivery.get("version")))
        self.target.blockSignals(True)
        self.target.clear()
        pages = self.lesson.pages if self.lesson is not None else []
        for form in self.forms:
            if form in PAGE_FORMS and pages:
                self.target.addItem(tr("A page of the {f}").format(f=_form_label(form)),
                                    ("page", form))
            if form in with_video:
                self.target.addItem(tr("A time in the {f} video").format(f=_form_label(form)),
                                    ("time", form))
            if form == "skit" and skit_lines(self.lesson):
                self.target.addItem(tr("A line of the skit"), ("line", form))
        self.target.addItem(tr("The delivery as a whole"), ("general", None))
        self.target.blockSignals(False)
        self.pages.clear()
        for i, p in enumerate(pages, 1):
            it = QListWidgetItem(f"{i}. {p.title}")
            it.setData(Qt.ItemDataRole.UserRole, p.id)
            it.setToolTip(p.title)
            self.pages.addItem(it)
        self._fit_pages()
        self.lines.clear()
        for lid, text in skit_lines(self.lesson):
            it = QListWidgetItem(f"{lid}  {text}")
            it.setData(Qt.ItemDataRole.UserRole, lid)
            self.lines.addItem(it)
        self._set_enabled(True)
        self.target.setCurrentIndex(0)
        self._target_changed(0)
        if self.pages.count():
            self.pages.setCurrentRow(0)
        return self.comments.load(order_id)

    PAGE_LIST_CHARS = (8, 12)  # the page list shows 8 to 12 汉字 of a title

    def _fit_pages(self) -> None:
        """Width of the page list: its widest title, between 8 and 12 wide characters."""
        fm = self.pages.fontMetrics()
        han = fm.horizontalAdvance("中")
        lo, hi = (han * n for n in self.PAGE_LIST_CHARS)
        widest = max((fm.horizontalAdvance(self.pages.item(i).text())
                      for i in range(self.pages.count())), default=0)
        extra = (2 * self.pages.frameWidth() + self.pages.verticalScrollBar().sizeHint().width()
                 + fm.horizontalAdvance("M") * 2)  # frame, scroll bar, item margins
        self.pages.setFixedWidth(max(lo, min(widest, hi)) + extra)

    def select_target(self, kind: str, form: str | None = None) -> bool:
        for i in range(self.target.count()):
            k, f = self.target.itemData(i)
            if k == kind and (form is None or f == form):
                self.target.setCurrentIndex(i)
                return True
        return False

    def select_page(self, page_id: str) -> bool:
        for i in range(self.pages.count()):
            if self.pages.item(i).data(Qt.ItemDataRole.UserRole) == page_id:
                self.pages.setCurrentRow(i)
                return True
        return False

    def _target_changed(self, _i: int) -> None:
        data = self.target.currentData()
        kind = data[0] if data else "general"
        self.stack.setCurrentIndex({"page": 0, "time": 1, "line": 2, "general": 3}[kind])
        self.picked_pos = None
        self.position_label.clear()

    def _page(self):
        row = self.pages.currentRow()
        if self.lesson is None or row < 0:
            return None
        return self.lesson.pages[row]

    def _page_changed(self, _row: int) -> None:
        from creator_studio.ui.studio.page_list import draw_thumbnail

        page = self._page()
        self.picked_pos = None
        self.position_label.clear()
        if page is None:
            self.canvas.set_page(None, [])
            return
        ratio = self.devicePixelRatioF() or 1.0
        size = self.canvas.page_size()
        self.canvas.set_page(draw_thumbnail(page, self.lesson, size, ratio), self._pins_for(page.id))

    def _redraw_page(self) -> None:
        """The canvas changed size: the page again at the new size, the pins and a picked
        position kept (they are basis points of the page)."""
        page = self._page()
        base = self.canvas.base
        if page is None or base is None or \
                base.deviceIndependentSize().toSize() == self.canvas.page_size():
            return
        from creator_studio.ui.studio.page_list import draw_thumbnail

        pending = self.canvas.pending
        ratio = self.devicePixelRatioF() or 1.0
        self.canvas.set_page(draw_thumbnail(page, self.lesson, self.canvas.page_size(), ratio),
                             self._pins_for(page.id))
        if pending is not None:
            self.canvas.pending = pending
            self.canvas.set_pins(self.canvas.pins)

    def _pins_for(self, page_id: str) -> list:
        return [(c["x_bp"], c["y_bp"], str(c["id"]), c["status"] in ("open", "reopened"))
                for c in self.comments.rows
                if c["anchor"] == "page" and c["page_id"] == page_id and c["x_bp"] is not None]

    def _refresh_pins(self) -> None:
        page = self._page()
        if page is not None:
            self.canvas.set_pins(self._pins_for(page.id))

    def _picked(self, x: int, y: int) -> None:
        self.picked_pos = (x, y)
        self.position_label.setText(tr("Position: {x}% across, {y}% down").format(
            x=round(x / 100), y=round(y / 100)))

    def attach_player(self, previews) -> None:  # noqa: ANN001
        """Let *Use the player's position* read the delivery's video player, when there is one."""
        from creator_studio.ui.studio.previews import VideoPreview

        players = [w for w in previews.findChildren(VideoPreview) if w.player is not None]
        self.player_position = (lambda: players[0].player.position()) if players else None
        self.use_player.setEnabled(bool(players))

    def _from_player(self) -> None:
        if self.player_position is not None:
            ms = self.player_position()
            if ms is not None:
                self.time.setValue(ms / 1000)

    # -- actions ---------------------------------------------------------------------------------
    def pin(self):
        if self.order_id is None or self.delivery is None:
            self.message.setText(tr("Select an order with a delivery first."))
            return None
        kind, form = self.target.currentData() or ("general", None)
        args: dict = {"anchor": kind, "form": form, "severity": self.severity.currentData()}
        if kind == "page":
            page = self._page()
            if page is None:
                self.message.setText(tr("Choose a page first."))
                return None
            args.update(page_id=page.id, page_label=page.title[:200])
            if self.picked_pos is not None:
                args.update(x_bp=self.picked_pos[0], y_bp=self.picked_pos[1])
        elif kind == "time":
            args["time_ms"] = int(round(self.time.value() * 1000))
        elif kind == "line":
            it = self.lines.currentItem()
            if it is None:
                self.message.setText(tr("Choose a line first."))
                return None
            args["line_id"] = it.data(Qt.ItemDataRole.UserRole)
        body, user = self.body.toPlainText(), self.ctx.current_user
        oid, did = self.order_id, self.delivery["id"]

        def done(c):
            self.body.clear()
            self.canvas.pending = None
            self.picked_pos = None
            self.message.success(tr("Comment #{id} pinned at {w}.").format(
                id=c["id"], w=where(c, self.ctx.language)))
            self.comments.load(oid)

        return call(self.ctx, self, lambda: self.ctx.market.add_review_comment(
            user, oid, did, body, **args), done, writes=True, message=self.message)

    def request_revision(self):
        if self.order_id is None:
            return None
        note, user, oid = self.revision_note.text(), self.ctx.current_user, self.order_id

        def done(res):
            self.revision_note.clear()
            self.message.success(tr("Revision requested with {n} open comment(s).").format(
                n=len(res["comment_ids"])))
            self.comments.load(oid)
            self.revision_requested.emit(res)

        return call(self.ctx, self, lambda: self.ctx.market.request_revision_with_comments(
            user, oid, note), done, writes=True, message=self.message)


def _form_label(form: str) -> str:
    from creator_studio.ui.market.common import form_names

    return form_names().get(form, form)


# --- the maker's side, in the studio ------------------------------------------------------------

class PageBadgeDelegate(QStyledItemDelegate):
    """Paints the number of open review comments on a page thumbnail (red badge)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.counts: dict[str, int] = {}

    def paint(self, painter, option, index) -> None:
        super().paint(painter, option, index)
        n = self.counts.get(index.data(Qt.ItemDataRole.UserRole) or "", 0)
        if not n:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = max(9, option.fontMetrics.height() // 2 + 2)
        c = QPoint(option.rect.right() - r - 4, option.rect.top() + r + 4)
        painter.setPen(QPen(QColor("white"), 2))
        painter.setBrush(QColor("#c62828"))
        painter.drawEllipse(c, r, r)
        painter.setPen(QColor("white"))
        f = QFont(option.font)
        f.setBold(True)
        painter.setFont(f)
        painter.drawText(QRect(c.x() - r, c.y() - r, 2 * r, 2 * r), Qt.AlignmentFlag.AlignCenter,
                         str(n))
        painter.restore()


class MakerCommentsPanel(QWidget):
    """A studio tab: the buyer's comments on my order, on the right page thumbnail."""

    def __init__(self, ctx, studio, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.studio = studio
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.order_combo = QComboBox()
        self.order_combo.setAccessibleName(tr("Order whose comments are shown"))
        self.order_combo.currentIndexChanged.connect(lambda _i: self.load_comments())
        self.refresh_button = QPushButton(tr("&Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        row.addWidget(QLabel(tr("Order:")))
        row.addWidget(self.order_combo, 1)
        row.addWidget(self.refresh_button)
        lay.addLayout(row)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.comments = CommentList(ctx, "maker")
        self.comments.page_requested.connect(self.go_to_page)
        self.comments.changed.connect(self._update_badges)
        self.comments.table.doubleClicked.connect(lambda _ix: self.comments.go_to_page())
        lay.addWidget(self.comments, 1)
        self.delegate = PageBadgeDelegate(studio.page_view)
        studio.page_view.setItemDelegate(self.delegate)
        self.reload()

    def reload(self):
        user = self.ctx.current_user

        project = getattr(self.studio, "project", None)
        source_sha = project.lesson.source.sha256 if project is not None else ""
        linked_now = getattr(self.studio, "linked_order_id", None)

        def rows():
            out = []
            for st in ("revision_requested", "delivered", "in_progress", "waiting_on_buyer",
                       "disputed"):
                out += self.ctx.market.maker_orders(user, 200, 0, status=st)
            by_source = None
            if source_sha and linked_now is None:
                # The link survives saving and reopening: the project was imported from one of
                # the order's source files (same SHA-256 as the buyer's upload).
                by_source = next((r.id for r in out if source_sha in {
                    f["sha256"] for f in self.ctx.market.request_files(user, r.request_id)}),
                    None)
            return out, by_source

        def show(res):
            rs, by_source = res
            keep = self.order_combo.currentData()
            linked = getattr(self.studio, "linked_order_id", None) or by_source
            if by_source is not None and getattr(self.studio, "linked_order_id", None) is None:
                self.studio.linked_order_id = by_source
            self.order_combo.blockSignals(True)
            self.order_combo.clear()
            for r in rs:
                self.order_combo.addItem(f"#{r.id} {r.title}", r.id)
            self.order_combo.blockSignals(False)
            want = linked or keep
            i = self.order_combo.findData(want) if want is not None else -1
            self.order_combo.setCurrentIndex(i if i >= 0 else (0 if rs else -1))
            self.load_comments()

        return call(self.ctx, self, rows, show)

    def select_order(self, order_id: int) -> None:
        i = self.order_combo.findData(order_id)
        if i >= 0:
            self.order_combo.setCurrentIndex(i)

    def load_comments(self):
        return self.comments.load(self.order_combo.currentData())

    def open_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for c in self.comments.rows:
            if c["page_id"] and c["status"] in ("open", "reopened"):
                counts[c["page_id"]] = counts.get(c["page_id"], 0) + 1
        return counts

    def _update_badges(self) -> None:
        self.delegate.counts = self.open_counts()
        rows = self.comments.rows
        pending = sum(1 for c in rows if c["status"] in ("open", "reopened"))
        self.summary.setText(tr("{n} comment(s), {p} still to fix; pages with open comments carry "
                                "a red badge.").format(n=len(rows), p=pending))
        self.studio.page_view.viewport().update()

    def go_to_page(self, page_id: str) -> None:
        self.studio.select_page(page_id)


def install_in_studio(ctx, studio, views) -> MakerCommentsPanel:  # noqa: ANN001
    """Wire #17 into a maker's window: the comments tab in the studio, and "open the source in
    the studio" on the maker's order pages (the project is linked to the order: its comments and
    its delivery target follow)."""
    panel = MakerCommentsPanel(ctx, studio)
    studio.tabs.addTab(panel, tr("Review comments"))
    studio.comments_panel = panel

    def open_in_studio(path: Path, order_id: int | None):
        studio.linked_order_id = order_id
        host = studio.parentWidget()
        while host is not None and not hasattr(host, "setCurrentWidget"):
            host = host.parentWidget()
        if host is not None:
            host.setCurrentWidget(studio)
        if order_id is not None:
            panel.select_order(order_id)
            deliver = getattr(studio, "deliver_panel", None)
            if deliver is not None and hasattr(deliver, "reload"):
                h = deliver.reload()  # the delivery target follows the linked order
                if h is not None:
                    h.succeeded.connect(lambda _r: _select_order_row(deliver, order_id))
        return studio.import_file(Path(path))

    for view in views:
        conv = getattr(view, "conversation", None)
        if conv is not None and conv.side == "maker":
            conv.brief.open_in_studio = open_in_studio
            conv.brief._update_buttons()
    studio.open_order_source = open_in_studio
    return panel


def _select_order_row(deliver, order_id: int) -> None:  # noqa: ANN001
    for i, r in enumerate(deliver.model.rows):
        if getattr(r, "id", None) == order_id:
            deliver.table.selectRow(i)
            return
