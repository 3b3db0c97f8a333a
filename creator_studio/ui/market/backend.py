"""The window's door to the market: the one client interface of `core.market.client`.

Kept as a thin re-export so the views' imports stay stable. The window talks to whatever
`MarketClient` it is given — `InProcessClient` on the embedded database (the default, opened by
`open_market`) or the team server's HTTP client — and never to the database itself.
"""

from __future__ import annotations

from creator_studio.core.market.client import (
    PROGRAM_CODE,
    InProcessClient,
    LevelExplanation,
    MarketClient,
    UserInfo,
    new_key,
    open_market,
)

__all__ = ["PROGRAM_CODE", "InProcessClient", "LevelExplanation", "MarketBackend", "MarketClient",
           "UserInfo", "new_key", "open_market"]


def MarketBackend(url: str | None = None) -> InProcessClient:  # noqa: N802 - the old class name
    """The embedded market client (`open_market`); the old name the window still uses."""
    return open_market(url)
