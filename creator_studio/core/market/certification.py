"""The maker programme (持证上岗): apply → training → exam → practical course → certificate.

Staff publish programme versions (modules, question bank, exam rules, validity). A version is
locked once a certificate was issued under it; "editing" a locked version makes the next version,
so every certificate keeps the criteria it was earned under. Certificates are revoked or
suspended with a reason, never deleted. Verification codes are HMACs over the certificate's
fields (`credentials.py`), so a code cannot be forged without the platform's secret.
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from creator_studio.core.errors import InvalidTransition, NotFound, ValidationError
from creator_studio.core.market import audit, credentials, notifications, permissions
from creator_studio.core.market.clock import utcnow
from creator_studio.core.store.models import Certificate, NormSetVersion, Order, User
from creator_studio.core.store.models_cert import (
    CertApplication,
    CertProgram,
    ExamAttempt,
    TrainingCompletion,
)

OPEN_ORDER_STATES = ("in_progress", "waiting_on_buyer", "delivered", "revision_requested",
                     "disputed", "cancel_requested")
REMIND_DAYS = 30


# ---------------------------------------------------------------------------------------------
# Programme versions


def _validate_program(modules, question_bank, exam_size, pass_mark, max_attempts,
                      validity_days) -> None:
    """The criteria a programme version must meet, whether created or changed in place."""
    if not modules or not question_bank:
        raise ValidationError("认证方案需要培训模块和题库", "A programme needs modules and a question bank",
                              code="PROGRAM_INVALID")
    if not 0 < exam_size <= len(question_bank):
        raise ValidationError("考试题量须在 1 与题库数量之间",
                              "Exam size must be between 1 and the bank size", code="PROGRAM_INVALID")
    if not 0 < pass_mark <= 100 or max_attempts < 1 or validity_days < 1:
        raise ValidationError("及格线、次数或有效期无效", "Invalid pass mark, attempts or validity",
                              code="PROGRAM_INVALID")
    for q in question_bank:
        if not q.get("id") or not q.get("options") or not q.get("answers"):
            raise ValidationError(f"题目 {q.get('id')} 不完整", f"Question {q.get('id')} incomplete",
                                  code="PROGRAM_INVALID")


def create_program(session: Session, actor: User, *, code: str, title: str, forms: list[str],
                   modules: list[dict], question_bank: list[dict], exam_size: int,
                   pass_mark: int = 80, max_attempts: int = 3, cooloff_days: int = 7,
                   validity_days: int = 730, now: datetime | None = None) -> CertProgram:
    """A new programme, or the next version of `code` (older versions stay as they were)."""
    permissions.check(actor, "program.manage")
    now = now or utcnow()
    _validate_program(modules, question_bank, exam_size, pass_mark, max_attempts, validity_days)
    latest = current_program(session, code, required=False)
    version = (latest.version + 1) if latest else 1
    if latest:
        latest.active = False
    prog = CertProgram(code=code, version=version, title=title, forms=sorted(set(forms)),
                       modules=modules, question_bank=question_bank, exam_size=exam_size,
                       pass_mark=pass_mark, max_attempts=max_attempts, cooloff_days=cooloff_days,
                       validity_days=validity_days, locked=False, active=True,
                       created_by=actor.id, created_at=now)
    session.add(prog)
    session.flush()
    audit.record(session, actor.id, "program.create", "cert_program", prog.id, None,
                 {"code": code, "version": version}, now)
    return prog


def current_program(session: Session, code: str, *, required: bool = True) -> CertProgram | None:
    prog = session.scalar(select(CertProgram).where(CertProgram.code == code)
                          .order_by(CertProgram.version.desc()).limit(1))
    if prog is None and required:
        raise NotFound(f"认证方案 {code} 不存在", f"No programme {code}")
    return prog


def update_program(session: Session, actor: User, program_id: int, now: datetime | None = None,
                   **changes) -> CertProgram:
    """Change criteria. A locked version is never modified: the change becomes a new version."""
    permissions.check(actor, "program.manage")
    prog = session.get(CertProgram, program_id)
    if prog is None:
        raise NotFound("认证方案不存在", f"No programme {program_id}")
    fields = ("title", "forms", "modules", "question_bank", "exam_size", "pass_mark",
              "max_attempts", "cooloff_days", "validity_days")
    unknown = set(changes) - set(fields)
    if unknown:
        raise ValidationError("未知的方案字段", f"Unknown programme fields: {sorted(unknown)}",
                              code="PROGRAM_INVALID")
    if prog.locked:
        base = {f: getattr(prog, f) for f in fields}
        base.update(changes)
        return create_program(session, actor, code=prog.code, now=now, **base)
    merged = {f: getattr(prog, f) for f in fields}
    merged.update(changes)
    _validate_program(merged["modules"], merged["question_bank"], merged["exam_size"],
                      merged["pass_mark"], merged["max_attempts"], merged["validity_days"])
    before = {f: getattr(prog, f) for f in changes}
    for k, v in changes.items():
        setattr(prog, k, v)
    audit.record(session, actor.id, "program.update", "cert_program", prog.id, before, changes,
                 now or utcnow())
    return prog


# ---------------------------------------------------------------------------------------------
# A maker's way through the programme


def _application(session: Session, app_id: int) -> CertApplication:
    app = session.get(CertApplication, app_id)
    if app is None:
        raise NotFound("认证申请不存在", f"No application {app_id}")
    return app


def _move(session: Session, app: CertApplication, actor: User, to: str, allowed_from: tuple,
          now: datetime) -> None:
    if app.status not in allowed_from:
        raise InvalidTransition(f"认证申请当前为“{app.status}”，不能进入“{to}”",
                                f"Application is {app.status}; cannot move to {to}")
    before = app.status
    app.status = to
    app.updated_at = now
    audit.record(session, actor.id, f"cert.{to}", "cert_application", app.id,
                 {"status": before}, {"status": to}, now)


def apply(session: Session, actor: User, program_code: str, forms: list[str],
          now: datetime | None = None) -> CertApplication:
    permissions.check(actor, "cert.apply")
    now = now or utcnow()
    prog = current_program(session, program_code)
    bad = sorted(set(forms) - set(prog.forms))
    if not forms or bad:
        raise ValidationError(f"该认证方案不覆盖：{'、'.join(bad) or '（未选择形式）'}",
                              f"The programme does not cover: {', '.join(bad) or '(no form chosen)'}",
                              code="FORMS_NOT_COVERED")
    open_app = session.scalar(select(CertApplication).where(
        CertApplication.maker_id == actor.id, CertApplication.program_id == prog.id,
        CertApplication.status.not_in(("rejected", "certified", "withdrawn"))))
    if open_app is not None:
        return open_app
    app = CertApplication(program_id=prog.id, maker_id=actor.id, forms=sorted(set(forms)),
                          status="enrolled", created_at=now, updated_at=now)
    session.add(app)
    session.flush()
    audit.record(session, actor.id, "cert.apply", "cert_application", app.id, None,
                 {"program": prog.code, "version": prog.version, "forms": app.forms}, now)
    return app


def _maybe_training_done(session: Session, app: CertApplication, actor: User, now: datetime) -> None:
    done = set(session.scalars(select(TrainingCompletion.module_id)
                               .where(TrainingCompletion.application_id == app.id)))
    needed = {m["id"] for m in app.program.modules}
    if app.status == "enrolled" and needed <= done:
        _move(session, app, actor, "training_done", ("enrolled",), now)


def complete_module(session: Session, actor: User, app_id: int, module_id: str,
                    now: datetime | None = None) -> CertApplication:
    app = _application(session, app_id)
    permissions.check(actor, "cert.progress", app)
    now = now or utcnow()
    if module_id not in {m["id"] for m in app.program.modules}:
        raise ValidationError("没有这个培训模块", f"No module {module_id}", code="UNKNOWN_MODULE")
    _record_completion(session, app, module_id, "self", now)
    _maybe_training_done(session, app, actor, now)
    return app


def _record_completion(session, app, module_id, source, when) -> bool:
    exists = session.scalar(select(TrainingCompletion.id).where(
        TrainingCompletion.application_id == app.id, TrainingCompletion.module_id == module_id))
    if exists:
        return False
    session.add(TrainingCompletion(application_id=app.id, module_id=module_id, source=source,
                                   completed_at=when))
    session.flush()
    return True


@dataclass
class CsvImportResult:
    imported: int
    errors: list[str]


def import_training_csv(session: Session, actor: User, text: str,
                        now: datetime | None = None) -> CsvImportResult:
    """The learning platform's completion export: login/employee_no, module_id, completed_at."""
    permissions.check(actor, "cert.import_training")
    now = now or utcnow()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    imported, errors = 0, []
    for n, row in enumerate(reader, start=2):
        who = (row.get("login") or row.get("employee_no") or "").strip()
        module = (row.get("module_id") or "").strip()
        user = session.scalar(select(User).where((User.login == who) | (User.employee_no == who)))
        if user is None:
            errors.append(f"第 {n} 行：找不到员工 {who!r} / row {n}: unknown employee")
            continue
        apps = session.scalars(select(CertApplication).where(
            CertApplication.maker_id == user.id, CertApplication.status == "enrolled")).all()
        app = next((a for a in apps if module in {m["id"] for m in a.program.modules}), None)
        if app is None:
            errors.append(f"第 {n} 行：{who} 没有包含模块 {module} 的进行中申请 / row {n}: "
                          "no open application with that module")
            continue
        try:
            when = datetime.fromisoformat((row.get("completed_at") or "").strip()) if row.get("completed_at") else now
        except ValueError:
            errors.append(f"第 {n} 行：完成时间格式错误 / row {n}: bad completed_at")
            continue
        if _record_completion(session, app, module, "platform_csv", when.replace(tzinfo=None)):
            imported += 1
        _maybe_training_done(session, app, actor, now)
    return CsvImportResult(imported, errors)


def start_exam(session: Session, actor: User, app_id: int, now: datetime | None = None,
               rng: random.Random | None = None) -> tuple[ExamAttempt, list[dict]]:
    """A random draw from the bank; limited attempts with a cooling-off period after a failure."""
    app = _application(session, app_id)
    permissions.check(actor, "cert.progress", app)
    now = now or utcnow()
    if app.status != "training_done":
        raise InvalidTransition("需先完成全部培训模块才能参加考试",
                                "Finish every training module before the exam")
    prog = app.program
    attempts = session.scalars(select(ExamAttempt).where(ExamAttempt.application_id == app.id)
                               .order_by(ExamAttempt.started_at)).all()
    if len(attempts) >= prog.max_attempts:
        raise InvalidTransition(f"考试次数已用完（{prog.max_attempts} 次）",
                                f"No exam attempts left ({prog.max_attempts})", code="NO_ATTEMPTS_LEFT")
    if attempts and attempts[-1].submitted_at is None:
        raise InvalidTransition("上一次考试尚未交卷", "The previous attempt is still open")
    if attempts and attempts[-1].passed is False:
        ready = attempts[-1].submitted_at + timedelta(days=prog.cooloff_days)
        if now < ready:
            raise InvalidTransition(f"冷静期内，{ready:%Y-%m-%d %H:%M} 后可再考",
                                    f"Cooling-off period: retry after {ready:%Y-%m-%d %H:%M}",
                                    code="COOLING_OFF")
    rng = rng or random.SystemRandom()
    chosen = rng.sample(prog.question_bank, prog.exam_size)
    attempt = ExamAttempt(application_id=app.id, question_ids=[q["id"] for q in chosen],
                          started_at=now)
    session.add(attempt)
    session.flush()
    paper = [{"id": q["id"], "stem": q["stem"], "options": q["options"]} for q in chosen]
    return attempt, paper


def submit_exam(session: Session, actor: User, attempt_id: int, answers: dict[str, list[int]],
                now: datetime | None = None) -> ExamAttempt:
    attempt = session.get(ExamAttempt, attempt_id)
    if attempt is None:
        raise NotFound("考试记录不存在", f"No attempt {attempt_id}")
    app = _application(session, attempt.application_id)
    permissions.check(actor, "cert.progress", app)
    now = now or utcnow()
    if attempt.submitted_at is not None:
        raise InvalidTransition("本次考试已交卷", "This attempt was already submitted")
    bank = {q["id"]: q for q in app.program.question_bank}
    right = sum(sorted(answers.get(qid, [])) == sorted(bank[qid]["answers"])
                for qid in attempt.question_ids)
    attempt.answers = {k: list(v) for k, v in answers.items()}
    attempt.score = round(100 * right / len(attempt.question_ids))
    attempt.passed = attempt.score >= app.program.pass_mark
    attempt.submitted_at = now
    if attempt.passed:
        _move(session, app, actor, "exam_passed", ("training_done",), now)
    return attempt


def _zip_folder(folder: Path) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            rel = path.relative_to(folder).as_posix()
            if rel.startswith(".") or "/." in rel:
                continue
            info = zipfile.ZipInfo(rel, date_time=(2020, 1, 1, 0, 0, 0))
            zf.writestr(info, path.read_bytes())
    return buf.getvalue()


def _normset(session: Session):
    from creator_studio.core.norms import default_normset, normset_from_dict

    latest = session.scalar(select(NormSetVersion).order_by(NormSetVersion.version.desc()).limit(1))
    return normset_from_dict(latest.rules) if latest else default_normset()


def submit_practical(session: Session, actor: User, app_id: int, package_dir: Path, *,
                     filestore=None, now: datetime | None = None) -> CertApplication:
    """The practical course goes through the same norms check as any delivery."""
    from creator_studio.core.norms import check_package
    from creator_studio.core.store.filestore import FileStore

    app = _application(session, app_id)
    permissions.check(actor, "cert.progress", app)
    now = now or utcnow()
    if app.status != "exam_passed":
        raise InvalidTransition("需先通过考试才能提交实践课程", "Pass the exam before the practical")
    report = check_package(Path(package_dir), _normset(session))
    if report.blocking:
        raise ValidationError(
            "实践课程未通过上传规范：" + "；".join(f.message_zh for f in report.failures),
            "The practical course fails the upload norms: " + "; ".join(f.message_en for f in report.failures),
            code="NORMS_BLOCKING", details=report.to_dict())
    from creator_studio.core.package_manifest import read_manifest

    store = filestore or FileStore()
    app.practical_sha256 = store.put_bytes(_zip_folder(Path(package_dir)))
    app.practical_manifest = read_manifest(Path(package_dir))
    app.practical_norms = report.to_dict()
    _move(session, app, actor, "practical_submitted", ("exam_passed",), now)
    return app


def review_practical(session: Session, actor: User, app_id: int, *, approve: bool, comment: str,
                     now: datetime | None = None) -> CertApplication:
    """Staff decide. Approval issues the certificate; rejection sends the maker back to redo it."""
    permissions.check(actor, "cert.review")
    app = _application(session, app_id)
    now = now or utcnow()
    if app.status != "practical_submitted":
        raise InvalidTransition("没有待评审的实践课程", "No practical course waiting for review")
    if not comment.strip():
        raise ValidationError("评审意见不能为空", "A review comment is required", code="COMMENT_REQUIRED")
    app.reviewer_id = actor.id
    app.review_comment = comment
    if not approve:
        _move(session, app, actor, "exam_passed", ("practical_submitted",), now)
        notifications.notify(session, app.maker_id, "cert_rejected", "实践课程未通过评审",
                             "Practical course not approved", now, application_id=app.id,
                             comment=comment)
        return app
    cert = issue_certificate(session, actor, app, now)
    app.certificate_id = cert.id
    _move(session, app, actor, "certified", ("practical_submitted",), now)
    return app


def _code_fields(cert: Certificate, holder: User, program_version: int) -> credentials.CodeFields:
    return credentials.CodeFields(cert.number, holder.employee_no or holder.login,
                                  tuple(cert.forms), cert.issued_at.date().isoformat(),
                                  cert.expires_at.date().isoformat(), program_version)


def verification_code_for(cert: Certificate, holder: User, program_version: int) -> str:
    return credentials.verification_code(_code_fields(cert, holder, program_version))


def issue_certificate(session: Session, actor: User, app: CertApplication,
                      now: datetime) -> Certificate:
    permissions.check(actor, "certificate.issue")
    prog = app.program
    seq = (session.scalar(select(func.count()).select_from(Certificate)) or 0) + 1
    number = f"CS{now:%Y}-{seq:06d}"
    while session.scalar(select(Certificate.id).where(Certificate.number == number)):
        seq += 1
        number = f"CS{now:%Y}-{seq:06d}"
    cert = Certificate(number=number, holder_id=app.maker_id, forms=list(app.forms), status="valid",
                       issued_at=now, expires_at=now + timedelta(days=prog.validity_days),
                       program_version_id=prog.id, verification_code="pending-" + number)
    session.add(cert)
    session.flush()
    holder = session.get(User, app.maker_id)
    cert.verification_code = verification_code_for(cert, holder, prog.version)
    prog.locked = True  # criteria are frozen from the first issue on
    audit.record(session, actor.id, "cert.issue", "certificate", cert.id, None,
                 {"number": number, "holder": holder.login, "forms": cert.forms,
                  "expires_at": cert.expires_at}, now)
    notifications.notify(session, holder.id, "cert_issued", f"已获得创客证书 {number}",
                         f"Maker certificate {number} issued", now, certificate_id=cert.id)
    return cert


def set_certificate_status(session: Session, actor: User, cert_id: int, status: str, reason: str,
                           now: datetime | None = None) -> list[Order]:
    """Revoke or suspend (with a reason; never delete). Returns the holder's open orders in the
    affected forms: new offers are blocked at once by the gate, and staff decide about these."""
    permissions.check(actor, "cert.revoke")
    if status not in ("revoked", "suspended", "valid"):
        raise ValidationError("无效的证书状态", f"Bad status {status}", code="BAD_STATUS")
    if not reason.strip():
        raise ValidationError("必须填写原因", "A reason is required", code="REASON_REQUIRED")
    now = now or utcnow()
    cert = session.get(Certificate, cert_id)
    if cert is None:
        raise NotFound("证书不存在", f"No certificate {cert_id}")
    if cert.status == "revoked":
        raise InvalidTransition("证书已撤销，不能再更改", "A revoked certificate is final")
    before = {"status": cert.status, "reason": cert.status_reason}
    cert.status, cert.status_reason = status, reason
    audit.record(session, actor.id, f"cert.{status}", "certificate", cert.id, before,
                 {"status": status, "reason": reason}, now)
    notifications.notify(session, cert.holder_id, f"cert_{status}",
                         f"证书 {cert.number} 状态变为 {status}：{reason}",
                         f"Certificate {cert.number} is now {status}: {reason}", now,
                         certificate_id=cert.id)
    orders = session.scalars(select(Order).where(Order.maker_id == cert.holder_id,
                                                 Order.status.in_(OPEN_ORDER_STATES))).all()
    return [o for o in orders if set(o.request.forms) & set(cert.forms)]


def expire_and_remind(session: Session, now: datetime | None = None) -> dict[str, int]:
    """Daily: mark lapsed certificates expired; remind holders 30 days before expiry (once)."""
    now = now or utcnow()
    expired = reminded = 0
    for cert in session.scalars(select(Certificate).where(Certificate.status == "valid",
                                                          Certificate.expires_at <= now)):
        cert.status, cert.status_reason = "expired", "有效期届满 / validity ended"
        audit.record(session, None, "cert.expired", "certificate", cert.id, {"status": "valid"},
                     {"status": "expired"}, now)
        notifications.notify(session, cert.holder_id, "cert_expired", f"证书 {cert.number} 已过期，请申请续证",
                             f"Certificate {cert.number} expired; please renew", now,
                             certificate_id=cert.id)
        expired += 1
    soon = session.scalars(select(Certificate).where(
        Certificate.status == "valid", Certificate.expires_at > now,
        Certificate.expires_at <= now + timedelta(days=REMIND_DAYS))).all()
    for cert in soon:
        from creator_studio.core.store.models import Notification

        already = session.scalar(select(Notification.id).where(
            Notification.user_id == cert.holder_id, Notification.kind == "cert_expiring"))
        if already:
            continue
        notifications.notify(session, cert.holder_id, "cert_expiring",
                             f"证书 {cert.number} 将于 {cert.expires_at:%Y-%m-%d} 到期，请及时续证",
                             f"Certificate {cert.number} expires on {cert.expires_at:%Y-%m-%d}; renew it",
                             now, certificate_id=cert.id)
        reminded += 1
    return {"expired": expired, "reminded": reminded}


# ---------------------------------------------------------------------------------------------
# Verification, exports


@dataclass
class Verification:
    valid: bool
    status: str  # valid / suspended / revoked / expired / forged / unknown
    message_zh: str
    message_en: str
    number: str | None = None
    holder: str | None = None
    forms: list[str] | None = None
    expires_at: datetime | None = None


def verify(session: Session, code: str, now: datetime | None = None) -> Verification:
    now = now or utcnow()
    number = credentials.code_number(code)
    cert = session.scalar(select(Certificate).where(Certificate.number == number))
    if cert is None:
        from creator_studio.core.market.contests import verify_award  # contest awards (#19)

        award = verify_award(session, code, number)
        if award is not None:
            return award
        return Verification(False, "unknown", "查无此证书", "No such certificate")
    holder = session.get(User, cert.holder_id)
    prog = session.get(CertProgram, cert.program_version_id) if cert.program_version_id else None
    fields = _code_fields(cert, holder, prog.version if prog else 0)
    if not credentials.code_matches(code, fields):
        return Verification(False, "forged", "验证码无效：证书可能被伪造或篡改",
                            "Invalid code: the certificate may be forged or altered", number)
    base = dict(number=cert.number, holder=holder.display_name, forms=list(cert.forms),
                expires_at=cert.expires_at)
    if cert.status == "valid" and cert.expires_at <= now:
        return Verification(False, "expired", "证书已过期", "Certificate expired", **base)
    if cert.status != "valid":
        zh = {"revoked": "证书已撤销", "suspended": "证书已暂停", "expired": "证书已过期"}[cert.status]
        return Verification(False, cert.status, f"{zh}：{cert.status_reason or ''}",
                            f"Certificate {cert.status}: {cert.status_reason or ''}", **base)
    return Verification(True, "valid", f"证书有效，持证人 {holder.display_name}，"
                        f"覆盖 {'、'.join(cert.forms)}，有效期至 {cert.expires_at:%Y-%m-%d}",
                        f"Valid certificate of {holder.display_name}", **base)


ISSUER_ID = "https://university.internal/creator-studio/issuer"


def open_badge(session: Session, actor: User, cert_id: int) -> dict:
    """The certificate as a signed Open Badges 3.0 credential plus the key to check it."""
    cert = session.get(Certificate, cert_id)
    if cert is None:
        raise NotFound("证书不存在", f"No certificate {cert_id}")
    permissions.check(actor, "cert.view", cert)
    holder = session.get(User, cert.holder_id)
    prog = session.get(CertProgram, cert.program_version_id) if cert.program_version_id else None
    cred = credentials.open_badge_credential(
        credential_id=f"urn:creator-studio:certificate:{cert.number}", issuer_id=ISSUER_ID,
        issuer_name="集团企业大学 创客认证中心",
        subject_id=f"urn:employee:{holder.employee_no or holder.login}", subject_name=holder.display_name,
        achievement_id=f"{ISSUER_ID}/programs/{prog.code if prog else 'maker'}/v{prog.version if prog else 0}",
        achievement_name=f"认证创客：{'、'.join(cert.forms)}",
        description="持证上岗：完成培训、考试与实践课程评审 / Certified course maker",
        criteria="完成全部培训模块；考试达到及格线；实践课程通过上传规范与人工评审",
        valid_from=cert.issued_at, valid_until=cert.expires_at,
        exam_pass_mark=prog.pass_mark if prog else None,
        status_url=f"{ISSUER_ID}/revocations")
    return {"credential": cred, "jwt": credentials.sign_credential(cred),
            "public_jwk": credentials.public_jwk()}


def certificate_pdf(session: Session, actor: User, cert_id: int, out: Path,
                    form_names: dict[str, str] | None = None) -> Path:
    from creator_studio.core.market.certificate_pdf import draw_certificate_pdf

    cert = session.get(Certificate, cert_id)
    if cert is None:
        raise NotFound("证书不存在", f"No certificate {cert_id}")
    permissions.check(actor, "cert.view", cert)
    holder = session.get(User, cert.holder_id)
    return draw_certificate_pdf(cert, holder, Path(out), form_names)
