"""Sign-in sessions: opaque bearer tokens, stored hashed, expiring and revocable.

- A token is 32 random bytes (URL-safe text). Only its SHA-256 is stored, so reading the
  database does not let anyone act as a signed-in person; sign-out (or staff) revokes it.
- Failed sign-ins are recorded per login name and per network address; past the limit inside
  the window the answer is a typed 429 (``LOGIN_THROTTLED``) *before* any password is checked.
- Unknown logins cost the same as known ones: a dummy argon2 hash is verified, so response time
  does not tell which accounts exist. The error is the same ``LOGIN_FAILED`` either way.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
import time
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, func, select, update

from creator_studio.core.errors import PermissionDenied, StudioError
from creator_studio.core.market import accounts, reads
from creator_studio.core.market.client import UserInfo
from creator_studio.core.store.models import User
from creator_studio.core.store.models_server import LoginFailure, ServerSession

log = logging.getLogger(__name__)

TOUCH_EVERY = timedelta(minutes=5)
_dummy_lock = threading.Lock()
_dummy_hash: str | None = None


class SessionInvalid(StudioError):
    code = "SESSION_INVALID"

    def __init__(self) -> None:
        super().__init__("登录已失效，请重新登录", "Your session has ended; please sign in again")


class LoginThrottled(StudioError):
    code = "LOGIN_THROTTLED"


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _dummy() -> str:
    global _dummy_hash
    with _dummy_lock:
        if _dummy_hash is None:
            _dummy_hash = accounts.hash_password(secrets.token_urlsafe(16))
        return _dummy_hash


def user_info(session, user_id: int) -> UserInfo:  # noqa: ANN001
    info = reads.user_info(session, user_id)
    return UserInfo(info["id"], info["login"], info["display_name"], frozenset(info["roles"]),
                    info["business_line"])


def _throttle(session, cfg, login: str, address: str, now: datetime) -> None:  # noqa: ANN001
    since = now - timedelta(minutes=cfg.login_window_minutes)
    by_login = session.scalar(select(func.count()).select_from(LoginFailure).where(
        LoginFailure.login == login, LoginFailure.at >= since)) or 0
    by_address = session.scalar(select(func.count()).select_from(LoginFailure).where(
        LoginFailure.address == address, LoginFailure.at >= since)) or 0
    if by_login >= cfg.login_fail_per_account or by_address >= cfg.login_fail_per_address:
        retry = cfg.login_window_minutes * 60
        raise LoginThrottled(f"登录失败次数过多，请 {cfg.login_window_minutes} 分钟后再试",
                             f"Too many failed sign-ins; try again in "
                             f"{cfg.login_window_minutes} minutes",
                             details={"retry_after": retry})


def login(state, login_name: str, password: str, address: str, client: str = ""):  # noqa: ANN001, ANN201
    """Check the password and open a session: ``(token, expires_at, UserInfo)``."""
    cfg, svc = state.config, state.svc
    login_name = (login_name or "").strip()[:64]
    address = (address or "")[:64]
    now = svc.now()
    with svc.read() as s:
        _throttle(s, cfg, login_name.lower(), address, now)
        known = s.scalar(select(User.id).where(User.login == login_name,
                                               User.password_hash.is_not(None),
                                               User.active.is_(True)))
    try:
        if known is None:
            # Same work as a real check, same answer: nothing tells which logins exist.
            try:
                accounts._hasher.verify(_dummy(), password or "")
            except Exception:  # noqa: BLE001 - the dummy never matches
                pass
            raise PermissionDenied("登录名或密码错误", "Wrong login or password", code="LOGIN_FAILED")
        user = svc.login(login_name, password)
    except StudioError as exc:
        if exc.code == "LOGIN_FAILED":
            with svc.write() as s:
                s.add(LoginFailure(login=login_name.lower(), address=address, at=now))
        raise
    token = secrets.token_urlsafe(32)
    expires = now + timedelta(hours=cfg.session_hours)
    with svc.write() as s:
        s.add(ServerSession(token_sha256=token_digest(token), user_id=user.id, created_at=now,
                            expires_at=expires, last_seen_at=now, address=address,
                            client=(client or "")[:200]))
        # A success clears this account's failure record (the address record stays).
        s.execute(delete(LoginFailure).where(LoginFailure.login == login_name.lower()))
        info = user_info(s, user.id)
    log.info("sign-in %s from %s", login_name, address)
    return token, expires, info


# Each request checks its session row (one indexed query, so sign-out and revocation apply at
# once in every process). The person's roles and names behind it are kept for a few seconds per
# process, which saves the queries that build them on every call; a role change reaches a
# running session within USER_CACHE_SECONDS.
USER_CACHE_SECONDS = 5.0
CACHE_MAX = 20_000
_users: dict[int, tuple[float, UserInfo]] = {}
_cache_lock = threading.Lock()


def _fresh_cached_user(user_id: int) -> UserInfo | None:
    """The person's roles and names if read less than USER_CACHE_SECONDS ago in this process."""
    with _cache_lock:
        hit = _users.get(user_id)
    if hit is not None and time.monotonic() - hit[0] < USER_CACHE_SECONDS:
        return hit[1]
    return None


def _remember_user(info: UserInfo) -> UserInfo:
    with _cache_lock:
        if len(_users) >= CACHE_MAX:
            _users.clear()
        _users[info.id] = (time.monotonic(), info)
    return info


_SESSION_LOOKUP = (
    select(ServerSession.id, ServerSession.user_id, ServerSession.last_seen_at)
    .join(User, User.id == ServerSession.user_id)
    .where(ServerSession.token_sha256 == bindparam("digest"), ServerSession.revoked_at.is_(None),
           ServerSession.expires_at > bindparam("now"), User.active.is_(True)))


def _lookup_connection(engine):  # noqa: ANN001, ANN202
    """A connection for one read-only statement: on PostgreSQL in autocommit, which spares the
    BEGIN and ROLLBACK round trips a transaction around a single SELECT would cost."""
    conn = engine.connect()
    if engine.dialect.name == "postgresql":
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
    return conn


def authenticate(state, token: str | None) -> UserInfo:  # noqa: ANN001
    """The session's user, or `SessionInvalid` (missing, unknown, expired, revoked, inactive)."""
    if not token:
        raise SessionInvalid()
    svc = state.svc
    now = svc.now()
    # A plain connection for the one indexed lookup (no ORM session: this runs on every
    # request); the session-based read is only needed when the person is not in the cache.
    with _lookup_connection(svc.engine) as conn:
        row = conn.execute(_SESSION_LOOKUP, {"digest": token_digest(token), "now": now}).first()
    if row is None:
        raise SessionInvalid()
    info = _fresh_cached_user(row.user_id)
    if info is None:
        with svc.read() as s:
            info = _remember_user(user_info(s, row.user_id))
    if row.last_seen_at is None or now - row.last_seen_at > TOUCH_EVERY:
        with svc.write() as s:
            s.execute(update(ServerSession).where(ServerSession.id == row.id)
                      .values(last_seen_at=now))
    return info


def logout(state, token: str | None) -> bool:  # noqa: ANN001
    if not token:
        return False
    with state.svc.write() as s:
        res = s.execute(update(ServerSession).where(
            ServerSession.token_sha256 == token_digest(token),
            ServerSession.revoked_at.is_(None)).values(revoked_at=state.svc.now()))
        return bool(res.rowcount)


def revoke_user_sessions(state, user_id: int) -> int:  # noqa: ANN001
    """End every session of one person (staff action, password change, leaving the company)."""
    with state.svc.write() as s:
        res = s.execute(update(ServerSession).where(ServerSession.user_id == user_id,
                                                    ServerSession.revoked_at.is_(None))
                        .values(revoked_at=state.svc.now()))
        return int(res.rowcount or 0)
