"""Icons for the main buttons, from qtawesome's Material Design Icons 6 set (#18).

`decorate(button, name)` sets the icon in the window's primary colour; without qtawesome (or
its fonts) the button simply stays text-only, so the window never depends on it. qtawesome
loads its icon fonts at the first call (~0.3 s idle, ~1 s on the busy shared machine), which
happens when the first view with icons is built after sign-in, never before the first paint.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QIcon

log = logging.getLogger(__name__)

_AVAILABLE: bool | None = None


def icon(name: str) -> QIcon:
    """`mdi6.<name>` as a QIcon, or a null icon when qtawesome cannot provide it."""
    global _AVAILABLE
    if _AVAILABLE is False:
        return QIcon()
    try:
        import qtawesome as qta

        from creator_studio.ui.theme import TOKENS

        ic = qta.icon(f"mdi6.{name}", color=str(TOKENS["primary"]),
                      color_disabled=str(TOKENS["text_muted"]))
        _AVAILABLE = True
        return ic
    except Exception as exc:  # noqa: BLE001 - icons are decoration; text stays
        if _AVAILABLE is None:
            log.info("icons unavailable: %s", exc)
        _AVAILABLE = False
        return QIcon()


def decorate(button, name: str) -> None:
    ic = icon(name)
    if not ic.isNull():
        button.setIcon(ic)
