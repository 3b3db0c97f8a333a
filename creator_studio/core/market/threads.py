"""The order as a conversation (#17): the request brief, the thread, read receipts, unread counts,
and the staff dossier of one order.

Rules this module keeps:
- Only the order's buyer and maker read and write its thread; staff read every thread and write
  only while the order is disputed (they are deciding it and may ask questions).
- System events (award, material requested, delivery vN, revision requested, accepted…) are read
  from the transition log and merged into the thread, never copied, so they cannot disagree with
  the order's real history.
- Attachments go into the same content-addressed `FileStore` as deliveries, with a per-file size
  limit and a count limit checked before anything is stored (typed `FILE_TOO_LARGE`,
  `TOO_MANY_FILES`); downloads are hash-checked and permission-checked like deliveries.
- Every write takes a client-made idempotency key. The permission check comes first; a replay
  returns the earlier message only to the same actor with the same parameters, otherwise
  `IDEMPOTENCY_KEY_REUSED` (the rule of issue #12 §5, followed here from the start).
- Every message is audited and notifies the other side(s).

Everything returned is plain JSON-able values (the team server sends them as they are).
"""

from __future__ import annotations

import hashlib
import json
import logging
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from creator_studio.core.errors import NotFound, PermissionDenied, ValidationError
from creator_studio.core.market import audit, notifications, permissions
from creator_studio.core.market.orders import STATUS_LABELS, get_order
from creator_studio.core.store.filestore import FileStore, FileTooLarge
from creator_studio.core.store.models import (
    Delivery,
    Order,
    OrderTransition,
    Request,
    User,
)
from creator_studio.core.store.models_thread import (
    MessageFile,
    OrderMessage,
    ReviewComment,
    ThreadRead,
)

log = logging.getLogger(__name__)

MAX_BODY = 5000
MAX_FILES = 10
MAX_FILE_BYTES = 50 * 1024 * 1024  # one attachment; the deliveries themselves have their own cap

# The thread's own operations, next to the market's permission table (same rule engine).
permissions.PERMISSIONS.update({
    "thread.read": permissions._r("buyer maker staff", "order_party", "查看订单沟通"),
    "thread.post": permissions._r("buyer maker staff", "order_party", "在订单中发消息"),
})


# --- shared helpers (review_comments uses them too) ------------------------------------------

def params_hash(params: dict[str, Any]) -> str:
    """A stable hash of a write's parameters: a replayed key must carry the same ones."""
    raw = json.dumps(params, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def check_key(key: str | None) -> str:
    if not key or not isinstance(key, str) or len(key) > 128:
        raise ValidationError("缺少幂等键", "An idempotency key (1–128 chars) is required",
                              code="BAD_IDEMPOTENCY_KEY")
    return key


def key_reused(key: str) -> ValidationError:
    return ValidationError("该幂等键已用于另一项操作（不同的人或参数）",
                           "This idempotency key was used by someone else or with other parameters",
                           code="IDEMPOTENCY_KEY_REUSED", details={"key": key})


def clean_text(text: str | None, *, field: str, max_len: int, required: bool = False) -> str:
    """Text without control characters (NUL breaks PostgreSQL) and within its length."""
    text = (text or "").strip()
    bad = [c for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t"]
    if bad:
        raise ValidationError(f"{field} 含有控制字符", f"{field} contains control characters",
                              code="BAD_TEXT")
    if len(text) > max_len:
        raise ValidationError(f"{field} 不能超过 {max_len} 字", f"{field} is longer than {max_len}",
                              code="TEXT_TOO_LONG", details={"max": max_len})
    if required and not text:
        raise ValidationError(f"{field} 不能为空", f"{field} is required", code="TEXT_REQUIRED")
    return text


def party_role(order: Order, actor: User) -> str:
    if actor.id == order.buyer_id:
        return "buyer"
    if actor.id == order.maker_id:
        return "maker"
    return "staff"


def _check_read(actor: User, order: Order) -> None:
    permissions.check(actor, "thread.read", order)


def _check_post(actor: User, order: Order) -> str:
    permissions.check(actor, "thread.post", order)
    role = party_role(order, actor)
    if role == "staff" and order.status != "disputed":
        raise PermissionDenied("平台人员只在争议处理中发言，其他时候只读",
                               "Staff read threads; they write only while the order is disputed",
                               details={"operation": "thread.post", "status": order.status})
    return role


def _order(session: Session, order_id: int) -> Order:
    order = session.get(Order, order_id)
    if order is None:
        raise NotFound(f"订单 #{order_id} 不存在", f"No order #{order_id}")
    return order


class Names:
    """Display names by user id, one query for all of them (a thread has few people but may have
    thousands of messages: a lookup per row was 3 s for 2,000 messages, see the benchmark)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.known: dict[int, str] = {}

    def load(self, ids) -> "Names":  # noqa: ANN001
        want = {i for i in ids if i is not None and i not in self.known}
        if want:
            self.known.update(self.session.execute(
                select(User.id, User.display_name).where(User.id.in_(want))).all())
        return self

    def __call__(self, user_id: int | None) -> str:
        if user_id is None:
            return "系统"
        if user_id not in self.known:
            self.load([user_id])
        return self.known.get(user_id, f"#{user_id}")


def _name(session: Session, user_id: int | None) -> str:
    return Names(session)(user_id)


# --- writing -----------------------------------------------------------------------------------

def _checked_files(files: list[Path] | tuple[Path, ...], limit: int) -> list[tuple[Path, int]]:
    files = [Path(f) for f in (files or [])]
    if len(files) > MAX_FILES:
        raise ValidationError(f"一条消息最多 {MAX_FILES} 个附件", f"At most {MAX_FILES} files per "
                              "message", code="TOO_MANY_FILES", details={"max": MAX_FILES})
    out = []
    for f in files:
        if not f.is_file():
            raise NotFound(f"附件不存在：{f.name}", f"Attachment not found: {f}")
        size = f.stat().st_size
        if size > limit:
            raise FileTooLarge(f"附件「{f.name}」超过 {limit // (1024 * 1024)} MB 上限",
                               f"Attachment {f.name!r} exceeds the {limit} byte limit",
                               details={"max_bytes": limit, "file": f.name, "size": size})
        clean_text(f.name, field="文件名", max_len=255, required=True)
        out.append((f, size))
    return out


def message_dict(session: Session, m: OrderMessage, reads: dict[int, int] | None = None,
                 names: Names | None = None) -> dict[str, Any]:
    """One message as plain values; ``read_by`` names the other people who have read it."""
    names = names or Names(session)
    read_by = []
    if reads is not None:
        read_by = sorted(names(uid) for uid, last in reads.items()
                         if uid != m.author_id and last >= m.id)
    return {"kind": "message", "id": m.id, "order_id": m.order_id, "author_id": m.author_id,
            "author_name": names(m.author_id), "author_role": m.author_role,
            "body": m.body, "created_at": m.created_at, "read_by": read_by,
            "files": [{"id": f.id, "name": f.name, "size": f.size, "sha256": f.sha256}
                      for f in sorted(m.files, key=lambda f: f.id or 0)]}


def post_message(session: Session, actor: User, order_id: int, *, body: str = "",
                 files: list[Path] | tuple[Path, ...] = (), key: str, now: datetime,
                 store: FileStore) -> dict[str, Any]:
    """Write a message (with attachments) into the order's thread."""
    key = check_key(key)
    order = _order(session, order_id)
    role = _check_post(actor, order)
    body = clean_text(body, field="消息", max_len=MAX_BODY)
    checked = _checked_files(files, min(MAX_FILE_BYTES, store.max_bytes))
    h = params_hash({"order": order.id, "body": body,
                     "files": [(f.name, size) for f, size in checked]})
    earlier = session.scalar(select(OrderMessage).where(OrderMessage.idempotency_key == key))
    if earlier is not None:
        if earlier.author_id != actor.id or earlier.params_hash != h:
            raise key_reused(key)
        return message_dict(session, earlier)
    if not body and not checked:
        raise ValidationError("消息不能为空", "Write a message or attach a file",
                              code="TEXT_REQUIRED")
    msg = OrderMessage(order_id=order.id, author_id=actor.id, author_role=role, body=body,
                       idempotency_key=key, params_hash=h, created_at=now)
    for f, size in checked:
        digest = store.put_file(f)
        msg.files.append(MessageFile(name=f.name, sha256=digest, size=size))
    session.add(msg)
    session.flush()
    audit.record(session, actor.id, "thread.message", "order", order.id, None,
                 {"message_id": msg.id, "body": body[:200],
                  "files": [{"name": f.name, "sha256": f.sha256, "size": f.size} for f in msg.files]},
                 now)
    # The author has read their own thread up to here.
    _set_read(session, actor.id, order.id, msg.id, now)
    preview = body[:40] or "、".join(f.name for f in msg.files)
    recipients = {order.buyer_id, order.maker_id} - {actor.id}
    who = {"buyer": "需求方", "maker": "创客", "staff": "平台"}[role]
    who_en = {"buyer": "The buyer", "maker": "The maker", "staff": "Staff"}[role]
    for uid in recipients:
        notifications.notify(session, uid, "order_message", f"订单 #{order.id}：{who}发来消息「{preview}」",
                             f"Order #{order.id}: {who_en} wrote a message", now,
                             order_id=order.id, message_id=msg.id)
    return message_dict(session, msg)


def _set_read(session: Session, user_id: int, order_id: int, last_id: int, now: datetime) -> None:
    row = session.get(ThreadRead, (order_id, user_id))
    if row is None:
        session.add(ThreadRead(order_id=order_id, user_id=user_id, last_message_id=last_id,
                               read_at=now))
    else:
        row.last_message_id = max(row.last_message_id, last_id)
        row.read_at = now
    session.flush()


def mark_read(session: Session, actor: User, order_id: int, *, now: datetime) -> int:
    """Read receipt: the actor has seen the thread and the comments up to now. Idempotent by nature
    (reading twice changes nothing but the time). Returns the last message id read."""
    order = _order(session, order_id)
    _check_read(actor, order)
    last = session.scalar(select(func.max(OrderMessage.id))
                          .where(OrderMessage.order_id == order.id)) or 0
    _set_read(session, actor.id, order.id, int(last), now)
    return int(last)


# --- reading -----------------------------------------------------------------------------------

EVENT_LABELS = {
    "award": ("选定报价，订单开始", "Offer awarded; the order starts"),
    "request_material": ("创客请求补充材料", "The maker asked for material"),
    "provide_material": ("需求方已补充材料", "The buyer provided the material"),
    "deliver": ("交付 v{version}", "Delivery v{version}"),
    "request_revision": ("要求修改（第 {round} 轮）", "Revision requested (round {round})"),
    "accept": ("需求方已验收", "The buyer accepted"),
    "auto_accept": ("已自动验收", "Auto-accepted"),
    "mark_paid": ("已结算", "Paid"),
    "propose_change": ("提出变更单", "Change order proposed"),
    "accept_change": ("变更单已同意", "Change order accepted"),
    "reject_change": ("变更单被拒绝", "Change order rejected"),
    "request_cancel": ("申请取消", "Cancellation requested"),
    "agree_cancel": ("订单已取消", "Order cancelled"),
    "decline_cancel": ("拒绝取消，订单继续", "Cancellation declined"),
    "open_dispute": ("发起争议", "Dispute opened"),
    "resolve_dispute": ("争议已裁决：{outcome}", "Dispute decided: {outcome}"),
    "mark_late": ("已超过交付期限", "Past the deadline"),
    "reveal_reviews": ("评价已公开", "Reviews revealed"),
}


def _transitions(session: Session, order: Order) -> list[OrderTransition]:
    return list(session.scalars(select(OrderTransition).where(
        OrderTransition.order_id == order.id).order_by(OrderTransition.id)))


def _event_dicts(session: Session, order: Order,
                 names: Names | None = None) -> list[dict[str, Any]]:
    rows = _transitions(session, order)
    names = (names or Names(session)).load(t.actor_id for t in rows)
    versions = dict(session.execute(select(Delivery.id, Delivery.version)
                                    .where(Delivery.order_id == order.id)).all())
    out = []
    revision_round = 0
    for t in rows:
        fmt = {"version": versions.get((t.params or {}).get("delivery_id"), "?"), "round": "",
               "outcome": STATUS_LABELS.get(t.to_status, (t.to_status, t.to_status))}
        if t.action == "request_revision":
            revision_round += 1
            fmt["round"] = revision_round
        zh, en = EVENT_LABELS.get(t.action, (t.action, t.action))
        outcome = fmt.pop("outcome")
        out.append({"kind": "event", "id": t.id, "event": t.action, "order_id": order.id,
                    "label_zh": zh.format(outcome=outcome[0], **fmt),
                    "label_en": en.format(outcome=outcome[1], **fmt),
                    "actor_id": t.actor_id, "actor_name": names(t.actor_id),
                    "from_status": t.from_status, "to_status": t.to_status,
                    "reason": t.reason or "", "params": dict(t.params or {}),
                    "created_at": t.created_at})
    return out


def _reads(session: Session, order_id: int) -> dict[int, int]:
    return {uid: int(last) for uid, last in session.execute(
        select(ThreadRead.user_id, ThreadRead.last_message_id)
        .where(ThreadRead.order_id == order_id))}


def thread(session: Session, actor: User, order_id: int) -> list[dict[str, Any]]:
    """Messages and system events of one order, oldest first (events first at the same moment)."""
    order = _order(session, order_id)
    _check_read(actor, order)
    reads = _reads(session, order.id)
    # Plain rows, not ORM objects: a long thread (2,000 messages) is read in two queries.
    rows = session.execute(select(OrderMessage.id, OrderMessage.author_id,
                                  OrderMessage.author_role, OrderMessage.body,
                                  OrderMessage.created_at)
                           .where(OrderMessage.order_id == order.id)
                           .order_by(OrderMessage.id)).all()
    files: dict[int, list[dict[str, Any]]] = {}
    for fid, mid, name, size, digest in session.execute(
            select(MessageFile.id, MessageFile.message_id, MessageFile.name, MessageFile.size,
                   MessageFile.sha256)
            .join(OrderMessage, OrderMessage.id == MessageFile.message_id)
            .where(OrderMessage.order_id == order.id).order_by(MessageFile.id)):
        files.setdefault(mid, []).append({"id": fid, "name": name, "size": size,
                                          "sha256": digest})
    names = Names(session).load({r.author_id for r in rows} | set(reads))
    readers = sorted(reads.items())
    msgs = [{"kind": "message", "id": r.id, "order_id": order.id, "author_id": r.author_id,
             "author_name": names(r.author_id), "author_role": r.author_role, "body": r.body,
             "created_at": r.created_at,
             "read_by": sorted(names(uid) for uid, last in readers
                               if uid != r.author_id and last >= r.id),
             "files": files.get(r.id, [])} for r in rows]
    items = _event_dicts(session, order, names) + msgs
    items.sort(key=lambda it: (it["created_at"], 0 if it["kind"] == "event" else 1, it["id"]))
    return items


def fetch_message_file(session: Session, actor: User, file_id: int, store: FileStore,
                       dest: Path) -> Path:
    """Copy an attachment to `dest`, hash-checked, for a person who may read its thread."""
    f = session.get(MessageFile, file_id)
    if f is None:
        raise NotFound("附件不存在", f"No attachment #{file_id}")
    _check_read(actor, _order(session, f.message.order_id))
    return store.copy_to(f.sha256, Path(dest))


def unread_counts(session: Session, actor: User) -> list[dict[str, int]]:
    """Unread messages + review comments per order of the actor's own orders (lists, tab bar)."""
    party = or_(Order.buyer_id == actor.id, Order.maker_id == actor.id)
    read = and_(ThreadRead.order_id == Order.id, ThreadRead.user_id == actor.id)
    msgs = dict(session.execute(
        select(Order.id, func.count(OrderMessage.id))
        .join(OrderMessage, OrderMessage.order_id == Order.id)
        .outerjoin(ThreadRead, read)
        .where(party, OrderMessage.author_id != actor.id,
               OrderMessage.id > func.coalesce(ThreadRead.last_message_id, 0))
        .group_by(Order.id)).all())
    comments = dict(session.execute(
        select(Order.id, func.count(ReviewComment.id))
        .join(ReviewComment, ReviewComment.order_id == Order.id)
        .outerjoin(ThreadRead, read)
        .where(party, ReviewComment.author_id != actor.id,
               or_(ThreadRead.read_at.is_(None), ReviewComment.created_at > ThreadRead.read_at))
        .group_by(Order.id)).all())
    ids = sorted(set(msgs) | set(comments))
    return [{"order_id": int(i), "unread": int(msgs.get(i, 0)) + int(comments.get(i, 0))}
            for i in ids]


# --- the request brief (what the maker works from) -------------------------------------------

def _may_read_brief(session: Session, actor: User, req: Request, now: datetime) -> bool:
    if "staff" in actor.roles or req.buyer_id == actor.id:
        return True
    if "maker" not in actor.roles:
        return False
    from creator_studio.core.store.models import Offer

    if session.scalar(select(Offer.id).where(Offer.request_id == req.id,
                                             Offer.maker_id == actor.id).limit(1)) is not None:
        return True
    if req.status != "open":
        return False
    from creator_studio.core.market.gate import certified_forms

    return set(req.forms) <= set(certified_forms(session, actor.id, now))


def _may_read_files(session: Session, actor: User, req: Request) -> bool:
    if "request.read_files" in permissions.PERMISSIONS:  # the team-server issue's rule, when present
        return permissions.allowed(actor, "request.read_files", req)
    if "staff" in actor.roles or req.buyer_id == actor.id:
        return True
    return session.scalar(select(Order.id).where(Order.request_id == req.id,
                                                 Order.maker_id == actor.id)) is not None


def request_brief(session: Session, actor: User, request_id: int, *,
                  now: datetime) -> dict[str, Any]:
    """Everything a maker works from: the brief, forms, budget, deadline, business line, the rules
    of the deal and the source files (listed only to those who may download them: the buyer,
    staff and the awarded maker)."""
    req = session.get(Request, request_id)
    if req is None:
        raise NotFound(f"需求 #{request_id} 不存在", f"No request #{request_id}")
    if not _may_read_brief(session, actor, req, now):
        raise PermissionDenied(f"用户 {actor.login} 无权查看需求 #{req.id}",
                               f"User {actor.login} may not read request #{req.id}",
                               details={"operation": "request.read"})
    files_ok = _may_read_files(session, actor, req)
    order = session.scalar(select(Order).where(Order.request_id == req.id))
    mine = order is not None and actor.id in (order.buyer_id, order.maker_id)
    return {
        "id": req.id, "title": req.title, "description": req.description or "",
        "forms": req.forms, "budget_fen": req.budget_fen, "deadline": req.deadline,
        "business_line": req.business_line.name if req.business_line else None,
        "buyer_name": req.buyer.display_name, "status": req.status, "rules": req.rules(),
        "created_at": req.created_at,
        "files": [{"id": f.id, "name": f.name, "size": f.size, "sha256": f.sha256}
                  for f in sorted(req.files, key=lambda f: f.id)] if files_ok else [],
        "files_count": len(req.files), "may_download": files_ok,
        "order_id": order.id if (order is not None and (mine or "staff" in actor.roles)) else None,
        "awarded_to_me": bool(order is not None and order.maker_id == actor.id),
    }


# --- the staff dossier of one order (dispute view) --------------------------------------------

def order_dossier(session: Session, actor: User, order_id: int, *,
                  now: datetime) -> dict[str, Any]:
    """One order on one screen: terms, timeline, thread, every delivery attempt with its norms
    report, the review comments and the change orders. Staff (and the two parties) may read it."""
    from creator_studio.core.market import review_comments

    order = get_order(session, actor, order_id)
    events = _event_dicts(session, order)
    deliveries = [{"id": d.id, "attempt": d.attempt, "version": d.version, "status": d.status,
                   "created_at": d.created_at, "note": d.note, "size": d.package_size,
                   "sha256": d.package_sha256, "norms_blocking": bool(d.norms_blocking),
                   "norms": d.norms_report,
                   "forms": sorted((d.manifest.get("package") or {}).get("forms", {}) or {})}
                  for d in session.scalars(select(Delivery).where(Delivery.order_id == order.id)
                                           .order_by(Delivery.attempt))]
    changes = [e for e in events if e["event"] in ("propose_change", "accept_change",
                                                   "reject_change")]
    req = order.request
    return {
        "order": {"id": order.id, "request_id": order.request_id, "title": req.title,
                  "status": order.status, "price_fen": order.price_fen,
                  "payout_fen": order.payout_fen, "amount_due_fen": order.amount_due_fen,
                  "due_at": order.due_at, "late": bool(order.late),
                  "revisions_used": order.revisions_used,
                  "revisions_included": order.revisions_included,
                  "buyer_id": order.buyer_id, "buyer_name": order.buyer.display_name,
                  "maker_id": order.maker_id, "maker_name": order.maker.display_name,
                  "dispute_reason": order.dispute_reason or "",
                  "dispute_opened_by": _name(session, order.dispute_opened_by)
                  if order.dispute_opened_by else "",
                  "dispute_outcome": order.dispute_outcome,
                  "pending_change": order.pending_change, "created_at": order.created_at},
        "brief": request_brief(session, actor, req.id, now=now),
        "timeline": events,
        "thread": thread(session, actor, order.id),
        "deliveries": deliveries,
        "comments": review_comments.list_comments(session, actor, order.id),
        "change_orders": changes,
    }


def orders_to_pay(session: Session, actor: User, *, limit: int = 500) -> list[dict[str, Any]]:
    """Accepted orders waiting to be marked paid, oldest acceptance first, with what is due
    (the partial payout of a dispute when there was one) — staff only (`order.mark_paid`)."""
    permissions.check(actor, "order.mark_paid")
    rows = session.scalars(select(Order).where(Order.status == "accepted")
                           .order_by(Order.accepted_at, Order.id).limit(limit)).all()
    names = Names(session).load({o.buyer_id for o in rows} | {o.maker_id for o in rows})
    return [{"id": o.id, "title": o.request.title, "buyer": names(o.buyer_id),
             "maker": names(o.maker_id), "price_fen": o.price_fen,
             "amount_due_fen": o.amount_due_fen, "accepted_at": o.accepted_at,
             "dispute_outcome": o.dispute_outcome} for o in rows]
