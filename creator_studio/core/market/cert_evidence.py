"""What staff see before approving a practical course (#17): exam score and attempts, training
done, and the practical package itself (its manifest and norms report; the package is fetched
hash-checked for the previews). Approving blind — on a norms flag alone — is what the issue
found; this read puts the evidence next to the decision.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from creator_studio.core.errors import NotFound
from creator_studio.core.market import permissions
from creator_studio.core.store.models import User


def cert_evidence(session: Session, actor: User, app_id: int) -> dict[str, Any]:
    from creator_studio.core.store.models_cert import (
        CertApplication,
        ExamAttempt,
        TrainingCompletion,
    )

    permissions.check(actor, "cert.review")
    app = session.get(CertApplication, app_id)
    if app is None:
        raise NotFound("认证申请不存在", f"No application #{app_id}")
    attempts = session.scalars(select(ExamAttempt).where(ExamAttempt.application_id == app.id)
                               .order_by(ExamAttempt.started_at, ExamAttempt.id)).all()
    done = session.scalars(select(TrainingCompletion).where(
        TrainingCompletion.application_id == app.id).order_by(TrainingCompletion.id)).all()
    p = app.program
    return {
        "id": app.id, "maker": app.maker.display_name, "maker_login": app.maker.login,
        "forms": list(app.forms), "status": app.status, "submitted": app.updated_at,
        "program": {"title": p.title, "version": p.version, "pass_mark": p.pass_mark,
                    "max_attempts": p.max_attempts, "modules": [dict(m) for m in p.modules]},
        "training": [{"module_id": t.module_id, "source": t.source, "at": t.completed_at}
                     for t in done],
        "attempts": [{"score": a.score, "passed": a.passed, "started_at": a.started_at,
                      "submitted_at": a.submitted_at} for a in attempts],
        "best_score": max((a.score for a in attempts if a.score is not None), default=None),
        "norms": app.practical_norms, "manifest": app.practical_manifest,
        "package_sha256": app.practical_sha256,
    }
