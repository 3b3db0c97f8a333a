"""Accounts: users with roles (maker / buyer / staff, several per person), business lines,
argon2 password hashes, and the HR CSV import (bad rows reported with their row number, good rows
kept).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from creator_studio.core.errors import NotFound, PermissionDenied, ValidationError
from creator_studio.core.market import audit, permissions, validate
from creator_studio.core.market.clock import utcnow
from creator_studio.core.store.models import ROLES, BusinessLine, User, UserRole

# OWASP's minimum argon2id profile (19 MiB, 2 passes): strong enough for an internal tool and
# quick enough (~20 ms) that importing a few hundred HR rows doesn't stall the window.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)

ROLE_ALIASES = {
    "maker": "maker", "创客": "maker", "buyer": "buyer", "需求方": "buyer", "业务方": "buyer",
    "staff": "staff", "平台": "staff", "运营": "staff", "管理员": "staff",
}
LOGIN_RE = re.compile(r"[A-Za-z0-9_.\-@]{2,64}")  # used with fullmatch (no trailing "\n")
EMAIL_RE = re.compile(r"[^@\s\x00-\x1f\x7f]+@[^@\s\x00-\x1f\x7f]+\.[^@\s\x00-\x1f\x7f]+")


def hash_password(password: str) -> str:
    if len(password) < 8:
        raise ValidationError("密码至少 8 位", "Password must be at least 8 characters",
                              code="WEAK_PASSWORD")
    return _hasher.hash(password)


def _dummy_hash() -> str:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = _hasher.hash("creator-studio: no such account")
    return _DUMMY_HASH


_DUMMY_HASH: str | None = None


def verify_password(session: Session, login: str, password: str) -> User:
    """The user for `login` if `password` matches; otherwise one uniform `PermissionDenied`.

    Unknown, inactive and password-less accounts — and logins that could not even be looked up
    (NUL bytes, wrong type) — still verify against a dummy argon2 hash, so the time a failed
    login takes does not tell whether the account exists (#20 defect 10).
    """
    well_formed = isinstance(login, str) and LOGIN_RE.fullmatch(login) is not None \
        and isinstance(password, str) and "\x00" not in password and len(password) <= 1024
    user = session.scalar(select(User).where(User.login == login)) if well_formed else None
    ok = False
    target = user.password_hash if user is not None and user.active and user.password_hash \
        else None
    try:
        ok = _hasher.verify(target or _dummy_hash(),
                            password if isinstance(password, str) else "") and target is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        raise PermissionDenied("登录名或密码错误", "Wrong login or password", code="LOGIN_FAILED")
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def parse_roles(text: str) -> set[str]:
    roles: set[str] = set()
    for part in re.split(r"[;,，、/|\s]+", text.strip()):
        if not part:
            continue
        role = ROLE_ALIASES.get(part.lower()) or ROLE_ALIASES.get(part)
        if role is None:
            raise ValueError(part)
        roles.add(role)
    return roles


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("用户不存在", f"No user {user_id}")
    return user


def user_by_login(session: Session, login: str) -> User:
    ok = isinstance(login, str) and LOGIN_RE.fullmatch(login) is not None
    user = session.scalar(select(User).where(User.login == login)) if ok else None
    if user is None:
        raise NotFound(f"用户 {login} 不存在", f"No user {login!r}")
    return user


def business_line_by_code(session: Session, code_or_name: str) -> BusinessLine | None:
    if not isinstance(code_or_name, str) or "\x00" in code_or_name:
        return None  # (a NUL would be a driver error on PostgreSQL)
    return session.scalar(select(BusinessLine).where(
        (BusinessLine.code == code_or_name) | (BusinessLine.name == code_or_name)))


def create_business_line(session: Session, actor: User, code: str, name: str,
                         now: datetime | None = None) -> BusinessLine:
    permissions.check(actor, "business_line.create")
    if business_line_by_code(session, code) or business_line_by_code(session, name):
        raise ValidationError(f"业务条线 {code} 已存在", f"Business line {code} exists",
                              code="DUPLICATE")
    bl = BusinessLine(code=code, name=name, active=True)
    session.add(bl)
    session.flush()
    audit.record(session, actor.id, "business_line.create", "business_line", bl.id, None,
                 {"code": code, "name": name}, now or utcnow())
    return bl


def _new_user(session: Session, *, login: str, display_name: str, roles: set[str],
              password: str | None, business_line: BusinessLine | None, email: str | None,
              employee_no: str | None, now: datetime) -> User:
    user = User(login=login, display_name=display_name, email=email or None,
                employee_no=employee_no or None,
                password_hash=hash_password(password) if password else None,
                business_line=business_line, active=True, created_at=now)
    user.role_rows = [UserRole(role=r) for r in sorted(roles)]
    session.add(user)
    session.flush()
    return user


def _validate_user_fields(session: Session, login: str, display_name: str, roles: set[str],
                          email: str | None) -> None:
    if not isinstance(login, str) or not LOGIN_RE.fullmatch(login):
        raise ValidationError("登录名只能包含字母、数字和 _ . - @，长度 2–64",
                              f"Invalid login {login!r}", code="BAD_LOGIN")
    validate.text("姓名 / name", display_name, max_len=100, multiline=False, code="BAD_NAME")
    if not display_name.strip():
        raise ValidationError("姓名不能为空", "Name is required", code="BAD_NAME")
    if not roles or not roles <= set(ROLES):
        raise ValidationError("角色必须是 创客/需求方/平台 之一", f"Invalid roles {sorted(roles)}",
                              code="BAD_ROLE")
    if email and (not isinstance(email, str) or not EMAIL_RE.fullmatch(email) or len(email) > 254):
        raise ValidationError(f"邮箱格式不正确：{email}", f"Invalid e-mail {email!r}",
                              code="BAD_EMAIL")
    if session.scalar(select(User.id).where(User.login == login)) is not None:
        raise ValidationError(f"登录名 {login} 已存在", f"Login {login!r} already exists",
                              code="DUPLICATE")


def create_user(session: Session, actor: User, login: str, display_name: str,
                roles: set[str] | list[str], *, password: str | None = None,
                business_line_code: str | None = None, email: str | None = None,
                employee_no: str | None = None, now: datetime | None = None) -> User:
    permissions.check(actor, "user.create")
    now = now or utcnow()
    roles = set(roles)
    _validate_user_fields(session, login, display_name, roles, email)
    bl = None
    if business_line_code:
        bl = business_line_by_code(session, business_line_code)
        if bl is None:
            raise ValidationError(f"业务条线 {business_line_code} 不存在",
                                  f"Unknown business line {business_line_code!r}",
                                  code="UNKNOWN_BUSINESS_LINE")
    user = _new_user(session, login=login, display_name=display_name, roles=roles,
                     password=password, business_line=bl, email=email, employee_no=employee_no,
                     now=now)
    audit.record(session, actor.id, "user.create", "user", user.id, None,
                 {"login": login, "roles": sorted(roles)}, now)
    return user


def bootstrap_staff(session: Session, login: str, display_name: str, password: str,
                    now: datetime | None = None) -> User:
    """The very first account of an empty database (staff); refused once any user exists."""
    if session.scalar(select(func.count()).select_from(User)):
        raise PermissionDenied("数据库中已有用户，不能再初始化管理员",
                               "Users exist already; bootstrap is only for an empty database",
                               code="ALREADY_BOOTSTRAPPED")
    now = now or utcnow()
    _validate_user_fields(session, login, display_name, {"staff"}, None)
    user = _new_user(session, login=login, display_name=display_name, roles={"staff"},
                     password=password, business_line=None, email=None, employee_no=None, now=now)
    audit.record(session, None, "user.bootstrap", "user", user.id, None, {"login": login}, now)
    return user


def set_roles(session: Session, actor: User, user_id: int, roles: set[str],
              now: datetime | None = None) -> User:
    permissions.check(actor, "user.set_roles")
    user = get_user(session, user_id)
    if not roles or not set(roles) <= set(ROLES):
        raise ValidationError("角色无效", f"Invalid roles {sorted(roles)}", code="BAD_ROLE")
    before = sorted(user.roles)
    user.role_rows = [UserRole(role=r) for r in sorted(roles)]
    session.flush()
    audit.record(session, actor.id, "user.set_roles", "user", user.id, {"roles": before},
                 {"roles": sorted(roles)}, now or utcnow())
    return user


# --- HR CSV import -------------------------------------------------------------------------

HEADER_ALIASES = {
    "login": {"login", "登录名", "账号", "用户名"},
    "name": {"name", "姓名", "display_name"},
    "employee_no": {"employee_no", "工号", "员工编号"},
    "email": {"email", "邮箱", "电子邮箱"},
    "roles": {"roles", "角色"},
    "business_line": {"business_line", "业务条线", "条线"},
    "password": {"password", "初始密码", "密码"},
}


@dataclass
class RowError:
    row: int  # 1-based line number in the file, header = line 1
    reason_zh: str
    reason_en: str


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _decode(data: bytes) -> str:
    """HR exports come from Excel: UTF-8 with BOM, or GB18030 on Chinese Windows."""
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ValidationError("无法识别文件编码（应为 UTF-8 或 GBK）",
                          "Cannot decode the file (expected UTF-8 or GBK)", code="BAD_ENCODING")


def read_csv_source(source: Path | bytes | str) -> str:
    """CSV text from a path, raw bytes (UTF-8/GBK) or text; unreadable files are typed errors."""
    if isinstance(source, Path):
        try:
            return _decode(source.read_bytes())
        except OSError as exc:
            raise ValidationError(f"无法读取文件：{source}", f"Cannot read {source}: {exc.strerror}",
                                  code="FILE_UNREADABLE") from None
    if isinstance(source, bytes):
        return _decode(source)
    return source


def import_users_csv(session: Session, actor: User, source: Path | bytes | str,
                     now: datetime | None = None) -> ImportReport:
    """Create one account per good row; every bad row is reported and skipped."""
    permissions.check(actor, "user.import")
    now = now or utcnow()
    reader = csv.reader(io.StringIO(read_csv_source(source)))
    report = ImportReport()
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationError("CSV 文件为空", "The CSV file is empty", code="EMPTY_CSV") from None
    columns: dict[str, int] = {}
    for idx, raw in enumerate(header):
        key = raw.strip().lower()
        for canon, names in HEADER_ALIASES.items():
            if key in names:
                columns[canon] = idx
    missing = [c for c in ("login", "name", "roles") if c not in columns]
    if missing:
        raise ValidationError(f"CSV 缺少必需列：{', '.join(missing)}",
                              f"CSV lacks required columns: {', '.join(missing)}",
                              code="BAD_CSV_HEADER")
    seen: set[str] = set()
    for line_no, row in enumerate(reader, start=2):
        if not any(c.strip() for c in row):
            continue

        def col(name: str, row=row) -> str:  # noqa: ANN001
            i = columns.get(name)
            return row[i].strip() if i is not None and i < len(row) else ""

        login = col("login")
        try:
            for cell in row:  # a NUL byte or control character in any cell: a row error
                validate.text("CSV 单元格 / cell", cell, max_len=1000, multiline=False)
            if login in seen:
                raise ValidationError(f"文件中登录名 {login} 重复", f"Duplicate login {login!r} in file")
            try:
                roles = parse_roles(col("roles"))
            except ValueError as exc:
                raise ValidationError(f"未知角色：{exc}", f"Unknown role {exc}") from None
            bl_text = col("business_line")
            bl = business_line_by_code(session, bl_text) if bl_text else None
            if bl_text and bl is None:
                raise ValidationError(f"业务条线不存在：{bl_text}", f"Unknown business line {bl_text!r}")
            email = col("email") or None
            _validate_user_fields(session, login, col("name"), roles, email)
            emp = col("employee_no") or None
            if emp and session.scalar(select(User.id).where(User.employee_no == emp)):
                raise ValidationError(f"工号 {emp} 已存在", f"Employee number {emp} exists")
            password = col("password") or None
            if password and len(password) < 8:
                raise ValidationError("初始密码至少 8 位", "Initial password shorter than 8")
            user = _new_user(session, login=login, display_name=col("name"), roles=roles,
                             password=password, business_line=bl, email=email, employee_no=emp,
                             now=now)
        except ValidationError as exc:
            report.errors.append(RowError(line_no, exc.message_zh, exc.message_en))
            continue
        seen.add(login)
        report.created.append(login)
        audit.record(session, actor.id, "user.import", "user", user.id, None,
                     {"login": login, "roles": sorted(roles), "row": line_no}, now)
    return report
