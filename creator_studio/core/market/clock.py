"""Time for the market, injectable so tests and timers control "now".

All market times are naive UTC datetimes (identical on SQLite and PostgreSQL).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


class Clock:
    """The real clock. Services accept ``now=`` directly; a Clock is the facade's source."""

    def now(self) -> datetime:
        return utcnow()


@dataclass
class FrozenClock(Clock):
    """A clock that only moves when told to (tests, demo data)."""

    current: datetime = field(default_factory=utcnow)

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> datetime:
        self.current = self.current + timedelta(**delta)
        return self.current
