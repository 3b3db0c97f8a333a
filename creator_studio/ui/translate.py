"""`tr(text)`: every user-visible string of the window goes through here.

pyside6-lupdate extracts calls named `tr("…")`; free-function calls land in the catalogue's
unnamed context, so the runtime lookup uses the same empty context. Source strings are English;
the zh_CN catalogue (the default language) translates every one of them.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

CONTEXT = ""
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_HALVES = re.compile(r"\s*/\s")


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def plural(n, one: str, many: str) -> str:
    """The translated text for `n` things: `one` when n is 1, else `many` (#18: "1 ratings").

    Both are `tr()`'d by the caller, so each is in the catalogues (Chinese gives both the same
    words). Numbers that are not counts ("—") take `many`."""
    return one if n == 1 else many


def one_language(text: str, zh: bool | None = None) -> str:
    """The chosen language's half of a core note written "中文 / English" (joined by "；").

    The course model keeps both (manifest.json carries them for either reader); the window shows
    one. Text without a Chinese half before " / " is returned as it is."""
    if not text:
        return ""
    if zh is None:
        from creator_studio.ui.forms_meta import ui_language

        zh = ui_language().startswith("zh")
    out = []
    for part in text.split("；"):
        m = _HALVES.search(part)
        while m is not None:
            left, right = part[:m.start()], part[m.end():]
            if _CJK.search(left) and not _CJK.search(right):
                part = left.strip() if zh else right.strip()
                break
            m = _HALVES.search(part, m.end())
        out.append(part)
    return ("；" if zh else "; ").join(out)
