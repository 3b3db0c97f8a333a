"""Confirmations before irreversible market actions (#17): award, accept, pay, issue or revoke a
certificate, resolve a dispute. Each says what will happen — the price, the pay, who is told —
so nobody awards the wrong offer or pays the wrong amount by a stray click.

`ask(parent, title, lines)` shows a modal question and returns True to go ahead.
``CREATOR_STUDIO_CONFIRM=0`` switches the dialogs off (the older UI tests drive the buttons
directly; `tests/ui/test_order_conversation.py` opts back in and answers both ways).
"""

from __future__ import annotations

import os

from PySide6.QtWidgets import QMessageBox

from creator_studio.ui.market.lazy_model import day, yuan
from creator_studio.ui.translate import plural, tr


def enabled() -> bool:
    return os.environ.get("CREATOR_STUDIO_CONFIRM", "1") != "0"


def ask(parent, title: str, lines: list[str], ok_text: str | None = None) -> bool:
    if not enabled():
        return True
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(title)
    box.setInformativeText("\n".join(f"• {x}" for x in lines if x))
    box.addButton(ok_text or tr("Confirm"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)  # Enter never confirms by accident
    box.setObjectName("confirm_dialog")
    box.setAccessibleName(title)
    box.exec()
    clicked = box.clickedButton()
    return clicked is not None and box.buttonRole(clicked) == QMessageBox.ButtonRole.AcceptRole


# --- what each action will do (plain text builders, tested on their own) ----------------------

def award_lines(request_title: str, offer: dict) -> list[str]:
    return [tr("Request: {t}").format(t=request_title),
            plural(offer["days"], tr("Maker: {m} — price {p}, delivery in 1 day"),
                   tr("Maker: {m} — price {p}, delivery in {d} days")).format(
                m=offer["maker"], p=yuan(offer["price_fen"]), d=offer["days"]),
            tr("An order is created at this price; the deadline clock starts now."),
            tr("The maker is notified; every other offer is closed and its maker told.")]


def accept_lines(order) -> list[str]:
    return [tr("Order #{id}: {t}").format(id=order.id, t=order.title),
            tr("The delivery is accepted as final; no more revisions."),
            tr("{p} becomes due to {m}; staff mark it paid.").format(p=yuan(order.price_fen),
                                                                    m=order.maker_name),
            tr("The maker is notified; the rating window opens for both of you.")]


def pay_lines(order_id: int, amount_fen: int, maker: str) -> list[str]:
    return [tr("Order #{id}").format(id=order_id),
            tr("{p} is recorded as paid to {m}; the order closes.").format(p=yuan(amount_fen),
                                                                           m=maker),
            tr("The maker is notified.")]


def certificate_lines(maker: str, forms: str, approve: bool) -> list[str]:
    if approve:
        return [tr("Maker: {m}").format(m=maker),
                tr("A certificate for {f} is issued now and can be verified by its code.").format(
                    f=forms),
                tr("The maker may offer on requests for these forms; the maker is notified.")]
    return [tr("Maker: {m}").format(m=maker),
            tr("The practical course is rejected with your comment; the maker is notified.")]


def certificate_status_lines(cert: dict, status: str) -> list[str]:
    what = {"revoked": tr("Revoked for good: it fails verification and cannot be reinstated."),
            "suspended": tr("Suspended: no new offers, awards or deliveries until reinstated."),
            "valid": tr("Reinstated: the maker may take work again.")}[status]
    return [tr("Certificate {n} of {h}").format(n=cert["number"], h=cert["holder"]), what,
            tr("Orders in progress are listed for staff; the holder is notified.")]


def dispute_lines(d: dict, outcome: str, payout_fen: int | None, extra_days: int = 0) -> list[str]:
    head = tr("Order #{id}: {t} — price {p}").format(id=d["id"], t=d["title"],
                                                     p=yuan(d["price_fen"]))
    if outcome == "accept":
        what = tr("The delivery is accepted; {p} is due to {m}.").format(
            p=yuan(payout_fen if payout_fen is not None else d["price_fen"]), m=d["maker"])
    elif outcome == "cancel":
        what = tr("The order is cancelled; {p} is due to {m}.").format(p=yuan(payout_fen or 0),
                                                                       m=d["maker"])
    else:
        what = plural(extra_days, tr("Work resumes; the deadline moves by 1 day."),
                      tr("Work resumes; the deadline moves by {n} days.")).format(n=extra_days)
    return [head, what, tr("Both {b} and {m} are notified with your reason.").format(
        b=d["buyer"], m=d["maker"])]


def deadline_text(when) -> str:  # noqa: ANN001
    return day(when)
