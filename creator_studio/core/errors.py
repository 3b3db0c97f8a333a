"""Typed, bilingual errors.

Every failure a user can cause (a bad file, a denied action, an invalid order transition) is a
`StudioError` with a stable code, a 中文 message and an English message, so the CLI can print one
line and the window can show one dialog. Anything else is a bug and is logged with its traceback.
"""

from __future__ import annotations


class StudioError(Exception):
    """Base for every error a user may see. `code` is stable and machine-readable."""

    code: str = "STUDIO_ERROR"

    def __init__(self, message_zh: str, message_en: str, *, code: str | None = None,
                 details: dict | None = None) -> None:
        self.message_zh = message_zh
        self.message_en = message_en
        if code:
            self.code = code
        self.details = details or {}
        super().__init__(f"{message_zh} / {message_en}")

    def one_line(self) -> str:
        """The single stderr line the CLI prints: ``error[CODE]: 中文 / English``."""
        return f"error[{self.code}]: {self.message_zh} / {self.message_en}"

    def to_dict(self) -> dict:
        return {"code": self.code, "message_zh": self.message_zh,
                "message_en": self.message_en, "details": self.details}


class SourceError(StudioError):
    """A source document that cannot be imported (zip bomb, encrypted, corrupt, wrong type...)."""

    code = "SOURCE_ERROR"


class Cancelled(StudioError):
    """The user cancelled a long job; not a failure, but it unwinds the same way."""

    code = "CANCELLED"

    def __init__(self) -> None:
        super().__init__("操作已取消", "The operation was cancelled")


class RenderError(StudioError):
    """A course form could not be produced from a lesson (no dialogue for a skit, no font...)."""

    code = "RENDER_ERROR"


class PermissionDenied(StudioError):
    """The acting user may not perform this market operation; nothing was changed."""

    code = "PERMISSION_DENIED"


class InvalidTransition(StudioError):
    """An order/request state change the state machine does not allow."""

    code = "INVALID_TRANSITION"


class ValidationError(StudioError):
    """Input that breaks a domain rule (price above budget, unknown speaker in a script...)."""

    code = "VALIDATION_ERROR"


class NotFound(StudioError):
    code = "NOT_FOUND"
