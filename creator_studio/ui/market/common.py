"""Shared bits of the market views: running a service call, tables, status names, money input."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from PySide6.QtWidgets import QAbstractItemView, QDoubleSpinBox, QHeaderView, QLabel, QTableView

from creator_studio.core.errors import StudioError
from creator_studio.ui.errors import show_error, studio_message


from creator_studio.ui.translate import tr  # noqa: E402


def status_name(status: str) -> str:
    names = {
        "draft": tr("Draft"), "open": tr("Open"), "awarded": tr("Awarded"), "closed": tr("Closed"),
        "cancelled": tr("Cancelled"), "expired": tr("Expired"), "in_progress": tr("In progress"),
        "waiting_on_buyer": tr("Waiting on buyer"), "delivered": tr("Delivered"),
        "revision_requested": tr("Revision requested"), "accepted": tr("Accepted"),
        "paid": tr("Paid"), "disputed": tr("Disputed"), "cancel_requested": tr("Cancel requested"),
        "active": tr("Active"), "withdrawn": tr("Withdrawn"), "lost": tr("Not chosen"),
        "valid": tr("Valid"), "suspended": tr("Suspended"), "revoked": tr("Revoked"),
        "refused": tr("Refused"),
    }
    return names.get(status, status)


def form_names() -> dict[str, str]:
    return {"long-image": tr("Long image"), "screen-record": tr("Screen recording"),
            "h5": tr("H5 interactive course"), "skit": tr("Skit")}


def forms_text(forms) -> str:
    names = form_names()
    return "、".join(names.get(f, f) for f in forms)


def call(ctx, parent, fn, on_ok=None, *, writes: bool = False, label: str = "",
         message: QLabel | None = None, clear_message: bool = True):
    """Run `fn()` on the runner; errors become a message (inline when `message` is given).

    Actions clear the old message when they succeed; background loads (`clear_message=False`)
    leave it alone, so a load finishing late never wipes an error the person has not read.
    """
    h = ctx.runner.run(lambda job: fn(), writes=writes, label=label)
    if message is not None and clear_message:  # clear first, so on_ok may write a new message
        h.succeeded.connect(lambda _r: message.clear())
    if on_ok is not None:
        h.succeeded.connect(on_ok)

    def failed(exc):
        if message is not None and isinstance(exc, StudioError):
            message.setText(studio_message(exc, ctx.language))
        else:
            show_error(parent, exc, h.error_details, modal=False)

    h.failed.connect(failed)
    return h


def make_table(model, name: str, stretch: int = 0) -> QTableView:
    t = QTableView()
    t.setModel(model)
    t.setAccessibleName(name)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setAlternatingRowColors(True)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return t


def selected_row(table: QTableView):
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if not rows:
        return None
    return table.model().row(rows[0].row())


def money_spin(max_yuan: float = 10_000_000) -> QDoubleSpinBox:
    """Yuan with two decimals on screen; read it back with `fen_of` (integer fen)."""
    s = QDoubleSpinBox()
    s.setDecimals(2)
    s.setRange(0, max_yuan)
    s.setPrefix("¥")
    s.setGroupSeparatorShown(True)
    return s


def fen_of(spin: QDoubleSpinBox) -> int:
    """Integer fen from the text shown (Decimal, so ¥0.29 is 29 fen, never 28.999…)."""
    text = spin.cleanText().replace(",", "").replace("¥", "").strip() or "0"
    try:
        return int((Decimal(text) * 100).to_integral_value(rounding=ROUND_HALF_EVEN))
    except InvalidOperation:
        return 0


def message_label() -> QLabel:
    lab = QLabel()
    lab.setWordWrap(True)
    lab.setStyleSheet("color: #c62828")
    return lab
