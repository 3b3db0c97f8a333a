"""`tr(text)`: every user-visible string of the window goes through here.

pyside6-lupdate extracts calls named `tr("…")`; free-function calls land in the catalogue's
unnamed context, so the runtime lookup uses the same empty context. Source strings are English;
the zh_CN catalogue (the default language) translates every one of them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = ""


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def plural(n, one: str, many: str) -> str:
    """The translated text for `n` things: `one` when n is 1, else `many` (#18: "1 ratings").

    Both are `tr()`'d by the caller, so each is in the catalogues (Chinese gives both the same
    words). Numbers that are not counts ("—") take `many`."""
    return one if n == 1 else many
