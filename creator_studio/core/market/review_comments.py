"""Review comments pinned to a delivered version (#17), in the manner of Articulate Review 360.

The buyer drops a comment on a place of a delivered version: a page (stable page id plus a
position in basis points, for a long image or an H5 page), a media time (video), a skit line, or
the delivery as a whole. Each has a severity (must fix / suggestion).

Who moves a comment (and nobody else — staff read, they do not review):

    open | reopened ──done (maker)──▶ done ──undo_done (maker only)──▶ open
    open | reopened | done ──resolve (buyer)──▶ resolved ──reopen (buyer)──▶ reopened
    done ──reopen (buyer: "not fixed")──▶ reopened

The "done" mark is the maker's statement; the buyer answers it by resolving or reopening, but
cannot withdraw it (only the maker can, ``undo_done``). A revision request bundles every open
and reopened comment into its reason and stamps them with the revision round.

Comments are made on one version and carried over to the later ones: a comment marked done
before version N+1 was delivered shows "addressed in vN+1", derived from the ``done_at`` time and
the delivery times, so nothing is copied per version and nothing is lost when a version is
published (the Review 360 complaint).
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from creator_studio.core import atomic
from creator_studio.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from creator_studio.core.market import audit, notifications, permissions
from creator_studio.core.market.orders import ORDER_LIVE, get_order, transition
from creator_studio.core.market.threads import check_key, clean_text, key_reused, params_hash
from creator_studio.core.store.models import Delivery, Order, User
from creator_studio.core.store.models_thread import ReviewComment, ReviewCommentEvent

SEVERITIES = ("must_fix", "suggestion")
ANCHORS = ("page", "time", "line", "general")
MAX_BODY = 2000
FORMS = ("long-image", "h5", "screen-record", "skit")

permissions.PERMISSIONS.update({
    "review_comment.create": permissions._r("buyer", "order_buyer", "添加审阅批注"),
    "review_comment.buyer_status": permissions._r("buyer", "order_buyer", "解决/重开批注"),
    "review_comment.maker_status": permissions._r("maker", "order_maker", "标记批注已修改"),
})

# action → (permission, allowed from, to)
ACTIONS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "done": ("review_comment.maker_status", ("open", "reopened"), "done"),
    "undo_done": ("review_comment.maker_status", ("done",), "open"),
    "resolve": ("review_comment.buyer_status", ("open", "reopened", "done"), "resolved"),
    "reopen": ("review_comment.buyer_status", ("resolved", "done"), "reopened"),
}
STATUS_LABELS = {"open": ("待修改", "open"), "done": ("创客已修改", "done by maker"),
                 "resolved": ("已解决", "resolved"), "reopened": ("已重开", "reopened")}
SEVERITY_LABELS = {"must_fix": ("必改", "must fix"), "suggestion": ("建议", "suggestion")}


def _int_or_none(value: Any, name: str, lo: int, hi: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < lo or (
            hi is not None and value > hi):
        rng = f"{lo}–{hi}" if hi is not None else f"≥ {lo}"
        raise ValidationError(f"{name} 必须是 {rng} 的整数", f"{name} must be an integer {rng}",
                              code="BAD_PARAM", details={"field": name})
    return value


def _short(value: str | None, name: str, max_len: int) -> str | None:
    if value is None:
        return None
    v = clean_text(str(value), field=name, max_len=max_len)
    return v or None


def anchor_text(c: dict[str, Any], lang: str = "zh_CN") -> str:
    """Where a comment is pinned, for people: "第 2 页「报案」(30%, 45%)", "视频 01:23.4"…"""
    zh = lang.startswith("zh")
    if c["anchor"] == "page":
        label = f"「{c['page_label']}」" if c.get("page_label") else ""
        pos = ""
        if c.get("x_bp") is not None and c.get("y_bp") is not None:
            pos = f" ({c['x_bp'] / 100:.0f}%, {c['y_bp'] / 100:.0f}%)"
        return (f"页 {c['page_id']}{label}{pos}" if zh else f"page {c['page_id']}{label}{pos}")
    if c["anchor"] == "time":
        ms = int(c["time_ms"] or 0)
        t = f"{ms // 60000:02d}:{ms % 60000 / 1000:04.1f}"
        return f"视频 {t}" if zh else f"video {t}"
    if c["anchor"] == "line":
        return f"台词 {c['line_id']}" if zh else f"line {c['line_id']}"
    return "整体" if zh else "overall"


def _versions(session: Session, order_id: int) -> list[tuple[int, datetime]]:
    return [(int(v), at) for v, at in session.execute(
        select(Delivery.version, Delivery.created_at)
        .where(Delivery.order_id == order_id, Delivery.version.is_not(None))
        .order_by(Delivery.version))]


def comment_dict(session: Session, c: ReviewComment,
                 versions: list[tuple[int, datetime]] | None = None,
                 names=None) -> dict[str, Any]:  # noqa: ANN001 - a threads.Names
    if versions is None:
        versions = _versions(session, c.order_id)
    addressed = None
    if c.done_at is not None and c.status in ("done", "resolved"):
        addressed = next((v for v, at in versions if v > c.version and at >= c.done_at), None)
    from creator_studio.core.market.threads import Names

    names = names or Names(session)
    out = {"id": c.id, "order_id": c.order_id, "delivery_id": c.delivery_id,
           "version": c.version, "author_id": c.author_id,
           "author_name": names(c.author_id), "form": c.form,
           "anchor": c.anchor, "page_id": c.page_id, "page_label": c.page_label,
           "x_bp": c.x_bp, "y_bp": c.y_bp, "time_ms": c.time_ms, "line_id": c.line_id,
           "severity": c.severity, "body": c.body, "status": c.status,
           "status_at": c.status_at, "done_at": c.done_at, "revision_round": c.revision_round,
           "addressed_in_version": addressed,
           "latest_version": versions[-1][0] if versions else c.version,
           "created_at": c.created_at}
    out["anchor_zh"] = anchor_text(out, "zh_CN")
    out["anchor_en"] = anchor_text(out, "en")
    return out


def add_comment(session: Session, actor: User, order_id: int, *, delivery_id: int, body: str,
                severity: str = "must_fix", anchor: str = "page", page_id: str | None = None,
                page_label: str = "", x_bp: int | None = None, y_bp: int | None = None,
                time_ms: int | None = None, line_id: str | None = None, form: str | None = None,
                key: str, now: datetime) -> dict[str, Any]:
    """The buyer pins a comment on a delivered version."""
    key = check_key(key)
    order = get_order(session, actor, order_id)
    permissions.check(actor, "review_comment.create", order)
    params = {"order": order.id, "delivery": delivery_id, "body": body, "severity": severity,
              "anchor": anchor, "page_id": page_id, "x": x_bp, "y": y_bp, "t": time_ms,
              "line": line_id, "form": form, "label": page_label}
    h = params_hash(params)
    earlier = session.scalar(select(ReviewComment).where(ReviewComment.idempotency_key == key))
    if earlier is not None:
        if earlier.author_id != actor.id or earlier.params_hash != h:
            raise key_reused(key)
        return comment_dict(session, earlier)
    if order.status not in ORDER_LIVE:
        raise InvalidTransition("订单已结束，不能再添加批注", "The order is closed; no more comments",
                                details={"status": order.status})
    d = session.get(Delivery, delivery_id)
    if d is None or d.order_id != order.id:
        raise NotFound("交付不存在", f"No delivery #{delivery_id} on order #{order.id}")
    if d.version is None:
        raise ValidationError("未通过规范检查的交付不能批注", "Refused deliveries cannot be reviewed",
                              code="NOT_DELIVERED")
    body = clean_text(body, field="批注", max_len=MAX_BODY, required=True)
    if severity not in SEVERITIES:
        raise ValidationError("严重程度必须是 必改 / 建议", "severity must be must_fix or suggestion",
                              code="BAD_PARAM")
    if anchor not in ANCHORS:
        raise ValidationError("批注位置类型未知", f"anchor must be one of {ANCHORS}", code="BAD_PARAM")
    if form is not None and form not in FORMS:
        raise ValidationError("课程形式未知", f"Unknown form {form!r}", code="BAD_PARAM")
    x_bp = _int_or_none(x_bp, "x_bp", 0, 10000)
    y_bp = _int_or_none(y_bp, "y_bp", 0, 10000)
    time_ms = _int_or_none(time_ms, "time_ms", 0, None)
    page_id = _short(page_id, "页面编号", 64)
    line_id = _short(line_id, "台词编号", 64)
    page_label = _short(page_label, "页面标题", 200) or ""
    if anchor == "page" and not page_id:
        raise ValidationError("页面批注需要页面编号", "A page comment needs the page id",
                              code="BAD_ANCHOR")
    if anchor == "time" and time_ms is None:
        raise ValidationError("视频批注需要时间点", "A video comment needs the time",
                              code="BAD_ANCHOR")
    if anchor == "line" and not line_id:
        raise ValidationError("台词批注需要台词编号", "A skit comment needs the line id",
                              code="BAD_ANCHOR")
    if (x_bp is None) != (y_bp is None):
        raise ValidationError("位置需要同时给出横纵坐标", "Give both x and y", code="BAD_ANCHOR")
    c = ReviewComment(order_id=order.id, delivery_id=d.id, version=d.version,
                      author_id=actor.id, form=form, anchor=anchor, page_id=page_id,
                      page_label=page_label, x_bp=x_bp, y_bp=y_bp, time_ms=time_ms,
                      line_id=line_id, severity=severity, body=body, status="open",
                      idempotency_key=key, params_hash=h, created_at=now)
    session.add(c)
    session.flush()
    out = comment_dict(session, c)
    audit.record(session, actor.id, "review_comment.create", "review_comment", c.id, None,
                 {k: out[k] for k in ("order_id", "version", "anchor", "page_id", "x_bp", "y_bp",
                                      "time_ms", "line_id", "severity", "body")}, now)
    sev = SEVERITY_LABELS[severity]
    notifications.notify(session, order.maker_id, "review_comment",
                         f"订单 #{order.id} v{d.version} 新批注（{sev[0]}）：{out['anchor_zh']}",
                         f"Order #{order.id} v{d.version}: new {sev[1]} comment at {out['anchor_en']}",
                         now, order_id=order.id, comment_id=c.id)
    return out


def set_status(session: Session, actor: User, comment_id: int, action: str, *, note: str = "",
               key: str, now: datetime) -> dict[str, Any]:
    """Move a comment: ``done`` / ``undo_done`` (the maker), ``resolve`` / ``reopen`` (the buyer)."""
    key = check_key(key)
    if action not in ACTIONS:
        raise InvalidTransition(f"未知批注操作：{action}", f"Unknown comment action {action!r}",
                                code="UNKNOWN_ACTION")
    c = session.get(ReviewComment, comment_id)
    if c is None:
        raise NotFound("批注不存在", f"No comment #{comment_id}")
    order = session.get(Order, c.order_id)
    op, sources, target = ACTIONS[action]
    if "staff" in actor.roles and actor.id not in (order.buyer_id, order.maker_id):
        raise PermissionDenied("平台人员只读批注", "Staff read review comments; they do not change them",
                               details={"operation": op})
    permissions.check(actor, op, order)
    note = clean_text(note, field="说明", max_len=MAX_BODY)
    h = params_hash({"comment": c.id, "action": action, "note": note})
    earlier = session.scalar(select(ReviewCommentEvent)
                             .where(ReviewCommentEvent.idempotency_key == key))
    if earlier is not None:
        if earlier.actor_id != actor.id or earlier.params_hash != h:
            raise key_reused(key)
        return comment_dict(session, c)
    if c.status not in sources:
        zh, en = STATUS_LABELS[c.status]
        raise InvalidTransition(f"批注当前为「{zh}」，不能执行此操作",
                                f"Cannot {action} a comment that is {en}",
                                details={"status": c.status, "action": action})
    before = c.status
    values: dict[str, Any] = {"status": target, "status_by": actor.id, "status_at": now}
    if action == "done":
        values["done_at"] = now
    elif action == "undo_done":
        values["done_at"] = None
    res = session.execute(update(ReviewComment).where(ReviewComment.id == c.id,
                                                     ReviewComment.status == before)
                          .values(**values).execution_options(synchronize_session=False))
    if res.rowcount != 1:
        raise InvalidTransition("操作冲突：批注已被他人修改，请刷新后重试",
                                "Conflict: the comment changed meanwhile; refresh and retry",
                                code="CONFLICT")
    session.refresh(c)
    session.add(ReviewCommentEvent(comment_id=c.id, actor_id=actor.id, action=action,
                                   from_status=before, to_status=target, note=note,
                                   data={}, idempotency_key=key, params_hash=h, created_at=now))
    audit.record(session, actor.id, f"review_comment.{action}", "review_comment", c.id,
                 {"status": before}, {"status": target, "note": note}, now)
    other = order.buyer_id if actor.id == order.maker_id else order.maker_id
    zh, en = STATUS_LABELS[target]
    notifications.notify(session, other, "review_comment_status",
                         f"订单 #{order.id} 的批注 #{c.id} 变为「{zh}」",
                         f"Order #{order.id}: comment #{c.id} is now {en}", now,
                         order_id=order.id, comment_id=c.id)
    session.flush()
    return comment_dict(session, c)


def list_comments(session: Session, actor: User, order_id: int, *,
                  version: int | None = None) -> list[dict[str, Any]]:
    """The order's comments (made on ``version`` or before, when given: carried over), with their
    status history; parties and staff may read them."""
    order = get_order(session, actor, order_id)
    versions = _versions(session, order.id)
    q = select(ReviewComment).where(ReviewComment.order_id == order.id)
    if version is not None:
        q = q.where(ReviewComment.version <= version)
    rows = list(session.scalars(q.order_by(ReviewComment.id)))
    from creator_studio.core.market.threads import Names

    history: dict[int, list[dict[str, Any]]] = {}
    names = Names(session).load({r.author_id for r in rows})
    if rows:
        events = list(session.scalars(select(ReviewCommentEvent)
                                      .where(ReviewCommentEvent.comment_id.in_([r.id for r in rows]))
                                      .order_by(ReviewCommentEvent.id)))
        names.load({e.actor_id for e in events})
        for e in events:
            history.setdefault(e.comment_id, []).append(
                {"action": e.action, "from": e.from_status, "to": e.to_status, "note": e.note,
                 "actor_name": names(e.actor_id), "at": e.created_at})
    out = []
    for r in rows:
        d = comment_dict(session, r, versions, names)
        d["history"] = history.get(r.id, [])
        out.append(d)
    return out


def revision_reason(comments: list[dict[str, Any]], note: str = "") -> str:
    """The revision request's text: the buyer's note, then every open comment, must-fix first."""
    lines = [note.strip()] if note and note.strip() else []
    order = sorted(comments, key=lambda c: (c["severity"] != "must_fix", c["id"]))
    for i, c in enumerate(order, 1):
        sev = SEVERITY_LABELS[c["severity"]][0]
        lines.append(f"{i}. [{sev}] {c['anchor_zh']}：{c['body']}（批注 #{c['id']}）")
    return "\n".join(lines)


def request_revision_with_comments(session: Session, actor: User, order_id: int, *,
                                   note: str = "", key: str, now: datetime) -> dict[str, Any]:
    """Ask for a revision that carries every open/reopened comment (the maker gets them listed in
    the request and pinned in the studio). Goes through `orders.transition` (limits, rounds,
    idempotency, audit, notification)."""
    order = get_order(session, actor, order_id)
    permissions.check(actor, "order.request_revision", order)
    note = clean_text(note, field="修改说明", max_len=MAX_BODY)
    pending = [c for c in list_comments(session, actor, order.id)
               if c["status"] in ("open", "reopened")]
    reason = revision_reason(pending, note)
    ids = ",".join(str(c["id"]) for c in pending)
    res = transition(session, actor, "order", order.id, "request_revision", key=key, now=now,
                     reason=reason, comments=ids)
    session.refresh(order)
    if not res.replayed and pending:
        session.execute(update(ReviewComment)
                        .where(ReviewComment.id.in_([c["id"] for c in pending]))
                        .values(revision_round=order.revisions_used)
                        .execution_options(synchronize_session=False))
        audit.record(session, actor.id, "review_comment.bundle", "order", order.id, None,
                     {"revision_round": order.revisions_used,
                      "comment_ids": [c["id"] for c in pending]}, now)
    return {"transition_id": res.transition_id, "replayed": res.replayed,
            "revision_round": order.revisions_used, "comment_ids": [c["id"] for c in pending],
            "reason": reason}


# --- export ------------------------------------------------------------------------------------

EXPORT_HEADERS = ("批注编号 / #", "版本 / version", "形式 / form", "位置 / where",
                  "严重程度 / severity", "状态 / status", "已在哪一版修改 / addressed in",
                  "修改轮次 / round", "批注人 / author", "内容 / comment", "时间 / created")


def export_rows(comments: list[dict[str, Any]]) -> list[list[Any]]:
    rows = []
    for c in comments:
        sev, st = SEVERITY_LABELS[c["severity"]], STATUS_LABELS[c["status"]]
        rows.append([c["id"], f"v{c['version']}", c.get("form") or "",
                     f"{c['anchor_zh']} / {c['anchor_en']}", f"{sev[0]} / {sev[1]}",
                     f"{st[0]} / {st[1]}",
                     f"v{c['addressed_in_version']}" if c.get("addressed_in_version") else "",
                     c.get("revision_round") or "", c["author_name"], c["body"],
                     c["created_at"].strftime("%Y-%m-%d %H:%M") if isinstance(
                         c["created_at"], datetime) else str(c["created_at"])])
    return rows


def export_review(comments: list[dict[str, Any]], path: Path) -> Path:
    """Write the review to CSV (UTF-8 with BOM, opens in Excel) or XLSX, chosen by the suffix."""
    path = Path(path)
    rows = export_rows(comments)
    if path.suffix.lower() == ".xlsx":
        import io

        from openpyxl import Workbook
        from openpyxl.styles import Font

        wb = Workbook()
        ws = wb.active
        ws.title = "审阅批注"
        ws.append(list(EXPORT_HEADERS))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for r in rows:
            ws.append(r)
        for col, width in zip("ABCDEFGHIJK", (8, 8, 12, 30, 16, 18, 12, 8, 10, 50, 17)):
            ws.column_dimensions[col].width = width
        ws.freeze_panes = "A2"
        buf = io.BytesIO()
        wb.save(buf)
        atomic.write_bytes(path, buf.getvalue())
        return path
    import io

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(EXPORT_HEADERS)
    w.writerows(rows)
    atomic.write_bytes(path, ("\ufeff" + buf.getvalue()).encode("utf-8"))
    return path
