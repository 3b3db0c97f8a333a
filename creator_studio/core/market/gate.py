"""The certificate gate (持证上岗): only makers certified for a form may take work in that form.

Checked at the moment of the action (offer, award, delivery), so a certificate revoked or expired
mid-order blocks new offers at once. The certification area may extend this module (programme
versions, suspension rules); callers depend only on `require_certified` and `certified_forms`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from creator_studio.core.errors import PermissionDenied
from creator_studio.core.market.clock import utcnow
from creator_studio.core.store.models import Certificate

ACTION_LABELS = {
    "offer": ("报价", "make an offer"),
    "award": ("中标", "be awarded"),
    "deliver": ("交付", "deliver"),
}


_VALID_FORMS = select(Certificate.forms).where(
    Certificate.holder_id == bindparam("maker_id"), Certificate.status == "valid",
    Certificate.expires_at > bindparam("now"))


def certified_forms(session: Session, maker_id: int, now: datetime | None = None) -> set[str]:
    """Forms covered by the maker's currently valid, unexpired certificates."""
    now = now or utcnow()
    rows = session.connection().execute(_VALID_FORMS, {"maker_id": maker_id, "now": now}).scalars()
    forms: set[str] = set()
    for f in rows:
        forms.update(f or [])
    return forms


def require_certified(session: Session, maker_id: int, forms: Iterable[str], action: str,
                      now: datetime | None = None) -> None:
    """Raise `PermissionDenied` unless a valid certificate covers every form in `forms`."""
    wanted = set(forms)
    missing = sorted(wanted - certified_forms(session, maker_id, now))
    if missing:
        zh, en = ACTION_LABELS.get(action, (action, action))
        raise PermissionDenied(
            f"没有覆盖以下课程形式的有效创客证书，不能{zh}：{'、'.join(missing)}",
            f"No valid maker certificate covers {', '.join(missing)}; you cannot {en}",
            code="NOT_CERTIFIED", details={"missing_forms": missing, "action": action})
