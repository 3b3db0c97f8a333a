"""Buyer requests: draft → open (all rules shown) → awarded/closed, or cancelled/expired."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from creator_studio.core.errors import NotFound, ValidationError
from creator_studio.core.market import audit, idempotency, permissions, validate
from creator_studio.core.market.orders import TransitionResult, transition
from creator_studio.core.store.filestore import FileStore, FileTooLarge
from creator_studio.core.store.models import Offer, Request, RequestFile, RequestForm, User

MAX_TITLE = 200
MAX_DESCRIPTION = 20_000
# A source deck with embedded video can be large, but a request is not a file share: one
# attachment above this is refused with FILE_TOO_LARGE before anything is stored.
MAX_ATTACHMENT_BYTES = 512 * 1024 * 1024
MAX_ATTACHMENTS = 20


@dataclass(frozen=True)
class PostedRequest:
    """What a buyer sees after posting: the request and every rule that now binds both sides."""

    request: Request
    rules: dict
    transition: TransitionResult | None


def _known_forms() -> set[str] | None:
    """Installed course forms by entry-point name (no plugin import: renderers are heavy)."""
    from importlib.metadata import entry_points

    names = {ep.name for ep in entry_points(group="creator_studio.formats")}
    return names or None


def get_request(session: Session, request_id: int) -> Request:
    req = session.get(Request, request_id)
    if req is None:
        raise NotFound(f"需求 #{request_id} 不存在", f"No request #{request_id}")
    return req


def create_request(session: Session, actor: User, *, title: str, forms: list[str],
                   budget_fen: int, deadline: datetime, now: datetime, description: str = "",
                   business_line_id: int | None = None, revisions_included: int = 2,
                   auto_accept_days: int = 5, review_window_days: int = 14,
                   cancel_reply_hours: int = 48, publish: bool = False,
                   key: str | None = None) -> PostedRequest:
    """Create a draft (or post it at once with ``publish=True``; needs ``key``)."""
    permissions.check(actor, "request.create")
    title = validate.text("标题 / title", title, max_len=MAX_TITLE, multiline=False,
                          code="BAD_TITLE").strip()
    if not title:
        raise ValidationError("标题不能为空且不超过 200 字", "Title is required (≤ 200 chars)",
                              code="BAD_TITLE")
    description = validate.text("描述 / description", description, max_len=MAX_DESCRIPTION,
                                code="BAD_DESCRIPTION")
    validate.money_fen("预算 / budget_fen", budget_fen, code="BAD_BUDGET")
    if not isinstance(deadline, datetime):
        raise ValidationError("截止时间无效", "The deadline must be a date and time",
                              code="BAD_DEADLINE")
    if isinstance(forms, str) or not all(isinstance(f, str) for f in forms or ()):
        raise ValidationError("课程形式无效", "Forms must be a list of form names",
                              code="UNKNOWN_FORM")
    for f in forms:
        validate.text("课程形式 / form", f, max_len=32, multiline=False, code="UNKNOWN_FORM")
    forms = sorted(set(forms))
    if not forms:
        raise ValidationError("请至少选择一种课程形式", "Choose at least one course form",
                              code="NO_FORMS")
    known = _known_forms()
    if known and not set(forms) <= known:
        raise ValidationError(f"未知课程形式：{sorted(set(forms) - known)}",
                              f"Unknown forms {sorted(set(forms) - known)}", code="UNKNOWN_FORM")
    for name, value, lo, hi in (("revisions_included", revisions_included, 0, 10),
                                ("auto_accept_days", auto_accept_days, 1, 30),
                                ("review_window_days", review_window_days, 1, 60),
                                ("cancel_reply_hours", cancel_reply_hours, 1, 24 * 14)):
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise ValidationError(f"{name} 必须在 {lo}–{hi} 之间", f"{name} must be {lo}–{hi}",
                                  code="BAD_PARAM")
    req = Request(buyer_id=actor.id, business_line_id=business_line_id or actor.business_line_id,
                  title=title, description=description, budget_fen=budget_fen, deadline=deadline,
                  revisions_included=revisions_included, auto_accept_days=auto_accept_days,
                  review_window_days=review_window_days, cancel_reply_hours=cancel_reply_hours,
                  status="draft", version=1, created_at=now)
    req.form_rows = [RequestForm(form=f) for f in forms]
    session.add(req)
    session.flush()
    audit.record(session, actor.id, "request.create", "request", req.id, None,
                 {"title": title, "budget_fen": budget_fen, "forms": forms}, now)
    result = None
    if publish:
        result = publish_request(session, actor, req.id, key=key or f"publish-{uuid.uuid4().hex}",
                                 now=now)
    return PostedRequest(req, req.rules(), result)


def _check_attachment(path: Path, store: FileStore) -> int:
    """A readable file within the size limit and with a printable name; returns its size."""
    if not path.is_file():
        raise NotFound("素材文件不存在", f"Attachment not found: {path.name}")
    validate.text("文件名 / file name", path.name, max_len=255, multiline=False,
                  code="BAD_FILE_NAME")
    size = path.stat().st_size
    limit = min(MAX_ATTACHMENT_BYTES, store.max_bytes)
    if size > limit:
        raise FileTooLarge(f"素材文件超过大小上限 {limit // (1024 * 1024)} MB：{path.name}",
                           f"Attachment {path.name} exceeds the {limit} byte limit",
                           details={"max_bytes": limit, "size": size})
    return size


def attach_file(session: Session, actor: User, request_id: int, path: Path, store: FileStore,
                now: datetime) -> RequestFile:
    req = get_request(session, request_id)
    permissions.check(actor, "request.attach_file", req)
    if req.status not in ("draft", "open"):
        raise ValidationError("需求已选定或关闭，不能再添加素材", "The request is no longer editable",
                              code="NOT_EDITABLE")
    path = Path(path)
    size = _check_attachment(path, store)
    count = session.scalar(select(func.count()).select_from(RequestFile)
                           .where(RequestFile.request_id == req.id)) or 0
    if count >= MAX_ATTACHMENTS:
        raise ValidationError(f"每个需求最多 {MAX_ATTACHMENTS} 个素材文件",
                              f"At most {MAX_ATTACHMENTS} attachments per request",
                              code="TOO_MANY_FILES")
    digest = store.put_file(path)
    rf = RequestFile(request_id=req.id, name=path.name[:255], sha256=digest, size=size,
                     uploaded_at=now)
    session.add(rf)
    session.flush()
    audit.record(session, actor.id, "request.attach_file", "request", req.id, None,
                 {"file": path.name, "sha256": digest}, now)
    return rf


def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            h.update(chunk)
    return h.hexdigest()


def post_request(session: Session, actor: User, *, title: str, forms: list[str], budget_fen: int,
                 deadline: datetime, now: datetime, store: FileStore, key: str,
                 description: str = "", business_line_id: int | None = None,
                 attachments: list[Path] | tuple[Path, ...] = (), **rules) -> int:  # noqa: ANN003
    """Create, attach the source files and publish in one unit of work; returns the request id.

    The key makes a retry of the same post return the same request: the same buyer with the same
    title, forms, budget, deadline, text and attachment bytes. Anything else under the key is
    ``IDEMPOTENCY_KEY_REUSED``.
    """
    permissions.check(actor, "request.create")
    idempotency.check_key(key)
    files = [Path(p) for p in attachments]
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(f"每个需求最多 {MAX_ATTACHMENTS} 个素材文件",
                              f"At most {MAX_ATTACHMENTS} attachments per request",
                              code="TOO_MANY_FILES")
    for f in files:
        _check_attachment(f, store)
    phash = idempotency.params_hash(
        title=title, forms=sorted(set(forms)) if not isinstance(forms, str) else forms,
        budget_fen=budget_fen if isinstance(budget_fen, int) else repr(budget_fen),
        deadline=deadline if isinstance(deadline, datetime) else repr(deadline),
        description=description, business_line_id=business_line_id, rules=rules,
        attachments=[(f.name, _file_digest(f)) for f in files])
    earlier = idempotency.replay(session, actor, "request.post", key, phash)
    if earlier is not None:
        return int(earlier["request_id"])
    posted = create_request(session, actor, title=title, forms=forms, budget_fen=budget_fen,
                            deadline=deadline, now=now, description=description,
                            business_line_id=business_line_id, **rules)
    rid = posted.request.id
    for f in files:
        attach_file(session, actor, rid, f, store, now)
    publish_request(session, actor, rid, key=key, now=now)
    idempotency.remember(session, actor, "request.post", key, phash, {"request_id": rid}, now)
    return rid


def publish_request(session: Session, actor: User, request_id: int, *, key: str,
                    now: datetime) -> TransitionResult:
    return transition(session, actor, "request", request_id, "publish", key=key, now=now)


def cancel_request(session: Session, actor: User, request_id: int, *, key: str, now: datetime,
                   reason: str | None = None) -> TransitionResult:
    return transition(session, actor, "request", request_id, "cancel", key=key, now=now,
                      reason=reason)


def expire_request(session: Session, actor: User | None, request_id: int, *, key: str,
                   now: datetime) -> TransitionResult:
    return transition(session, actor, "request", request_id, "expire", key=key, now=now)


def award(session: Session, actor: User, request_id: int, offer_id: int, *, key: str,
          now: datetime) -> TransitionResult:
    """Award the request to one offer (compare-and-set: of two racing awards exactly one wins)."""
    return transition(session, actor, "request", request_id, "award", key=key, now=now,
                      offer_id=offer_id)


def offers_for(session: Session, actor: User, request_id: int) -> list[Offer]:
    """Offers on a request, cheapest first — for its buyer (or staff) to compare."""
    req = get_request(session, request_id)
    permissions.check(actor, "request.award", req)
    return list(session.scalars(select(Offer).where(Offer.request_id == req.id)
                                .order_by(Offer.price_fen, Offer.id)))
