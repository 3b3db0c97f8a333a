"""Input checks at the service boundary (#20 defect 8): money and text, the same on every database.

Before these, ``budget_fen=2**63`` raised ``OverflowError`` on SQLite and "bigint out of range" on
PostgreSQL, and a NUL byte in a title, a filter or a login raised ``psycopg.DataError`` — raw
driver errors instead of a message. Every service that takes money or user text calls these
first, so both databases refuse the same input with the same typed error.
"""

from __future__ import annotations

import re
from typing import Any

from creator_studio.core.errors import ValidationError

MAX_FEN = 10**12  # 100 亿元: far above any course, far below a BIGINT
# Control characters except tab and newline (CR is allowed only as part of CRLF, normalised away).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def money_fen(name: str, value: Any, *, minimum: int = 1, code: str = "BAD_AMOUNT") -> int:
    """An integer amount in fen with ``minimum ≤ value ≤ 10^12`` (default: strictly positive)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{name} 必须是整数（分）", f"{name} must be an integer in fen",
                              code=code, details={"field": name})
    if not minimum <= value <= MAX_FEN:
        raise ValidationError(f"{name} 超出允许范围（{minimum}–{MAX_FEN} 分）",
                              f"{name} must be between {minimum} and {MAX_FEN} fen",
                              code=code, details={"field": name})
    return value


def text(name: str, value: Any, *, max_len: int, required: bool = False, multiline: bool = True,
         code: str = "BAD_TEXT") -> str:
    """User text: a string, at most `max_len` characters, no control characters (tab and newline
    allowed where `multiline`), NUL never. CRLF becomes LF."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(f"{name} 必须是文本", f"{name} must be text", code=code,
                              details={"field": name})
    value = value.replace("\r\n", "\n")
    bad = _CONTROL.search(value) or (not multiline and ("\n" in value or "\t" in value)) \
        or "\r" in value
    if bad:
        raise ValidationError(f"{name} 含有不允许的控制字符", f"{name} contains control characters",
                              code=code, details={"field": name})
    if len(value) > max_len:
        raise ValidationError(f"{name} 不能超过 {max_len} 个字符",
                              f"{name} must be at most {max_len} characters", code=code,
                              details={"field": name})
    if required and not value.strip():
        raise ValidationError(f"{name} 不能为空", f"{name} is required", code=code,
                              details={"field": name})
    return value


def optional_text(name: str, value: Any, *, max_len: int) -> str | None:
    return None if value is None else text(name, value, max_len=max_len)


def params(values: dict[str, Any], *, max_len: int = 4000) -> None:
    """Check every string and integer among a move's free parameters (reason, description…)."""
    for k, v in values.items():
        if isinstance(v, str):
            text(k, v, max_len=max_len)
        elif isinstance(v, int) and not isinstance(v, bool) and abs(v) > MAX_FEN:
            raise ValidationError(f"参数 {k} 超出允许范围", f"{k} is out of range",
                                  code="BAD_PARAM", details={"field": k})
