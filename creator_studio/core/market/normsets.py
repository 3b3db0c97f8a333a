"""Published norm sets (上传规范): staff publish versioned rules as data; deliveries are checked
against the newest published version (or the built-in default when none was published).

The rule evaluation itself lives in `creator_studio.core.norms`; this module stores versions and
is the one place the market calls the norms checker, so tests can hand in a crafted report.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from creator_studio.core.errors import ValidationError
from creator_studio.core.market import audit, permissions
from creator_studio.core.store.models import NormSetVersion, User


def _validate(rules: dict[str, Any]):  # noqa: ANN202
    try:
        from creator_studio.core.norms.rules import normset_from_dict
    except ImportError:  # norms module not installed: store as given
        return None
    return normset_from_dict(rules)


def publish_norms(session: Session, actor: User, rules: dict[str, Any], *, now: datetime,
                  title: str = "") -> NormSetVersion:
    """Store `rules` (a norm set as JSON data) as the next version; validated before storing."""
    permissions.check(actor, "norms.publish")
    if not isinstance(rules, dict) or "rules" not in rules:
        raise ValidationError("规范必须是包含 rules 列表的 JSON 对象",
                              "A norm set is a JSON object with a 'rules' list", code="NORMS_INVALID")
    latest = session.scalar(select(func.max(NormSetVersion.version))) or 0
    data = dict(rules)
    data["version"] = latest + 1
    data.setdefault("id", "market")
    _validate(data)
    row = NormSetVersion(version=latest + 1, title=title or data.get("title_zh", ""), rules=data,
                         published_by=actor.id, published_at=now)
    session.add(row)
    session.flush()
    audit.record(session, actor.id, "norms.publish", "norm_set", row.id, None,
                 {"version": row.version, "rule_count": len(data["rules"])}, now)
    return row


def current_normset(session: Session) -> NormSetVersion | None:
    return session.scalar(select(NormSetVersion).order_by(NormSetVersion.version.desc()).limit(1))


def report_to_dict(report: Any) -> dict[str, Any]:
    """A norms report as JSON with at least ``blocking`` (bool) and ``findings`` (list)."""
    if isinstance(report, dict):
        data = dict(report)
    elif hasattr(report, "to_dict"):
        data = report.to_dict()
    elif dataclasses.is_dataclass(report):
        data = dataclasses.asdict(report)
    else:
        data = {"findings": [dataclasses.asdict(f) if dataclasses.is_dataclass(f) else dict(f)
                             for f in getattr(report, "findings", [])]}
    if "blocking" not in data:
        data["blocking"] = bool(getattr(report, "blocking", False))
    data["blocking"] = bool(data["blocking"])
    data.setdefault("findings", [])
    return data


def check_package(package_dir: Path, version: NormSetVersion | None,
                  checker: Any | None = None) -> dict[str, Any]:
    """Run the norms over an unpacked package; `checker(dir, normset)` replaces the real one."""
    if checker is not None:
        return report_to_dict(checker(package_dir, version.rules if version else None))
    from creator_studio.core.norms.check import check_package as real_check
    from creator_studio.core.norms.rules import normset_from_dict

    normset = normset_from_dict(version.rules) if version is not None else None
    return report_to_dict(real_check(package_dir, normset))
