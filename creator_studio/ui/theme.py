"""One light theme for the window: design tokens → a Qt stylesheet (#18).

The tokens (colours, spacing, radii, type scale) live in `TOKENS`; `resources/light.qss` is a
template that names them as ``@token`` and `stylesheet()` fills them in. Sizes of text are
*ratios* of the system font (the type scale), turned into points from the application font
when the sheet is built, so the theme follows the system font size; spacing is in device-
independent pixels, which Qt scales for high-DPI screens. Applied once in `app.main`
(`CREATOR_STUDIO_THEME=0` keeps Qt's plain style), and by the screenshot script.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

QSS = Path(__file__).parent / "resources" / "light.qss"

TOKENS: dict[str, str | float | int] = {
    # colours
    "bg": "#f5f7fa", "surface": "#ffffff", "surface_alt": "#f0f3f8", "border": "#d7dde6",
    "text": "#1f2933", "text_muted": "#5f6b7a", "primary": "#1f5fbf", "primary_hover": "#174a96",
    "primary_text": "#ffffff", "selection": "#dbe8fb", "success": "#2e7d32", "error": "#c62828",
    "focus": "#3b82f6",
    # spacing and shape (device-independent px)
    "space_xs": 4, "space_s": 6, "space_m": 10, "space_l": 16, "radius": 6,
    # type scale: multiples of the system font size
    "type_body": 1.0, "type_small": 0.9, "type_title": 1.25,
}


def stylesheet(base_point_size: float = 10.0, tokens: dict | None = None) -> str:
    """The QSS with every ``@token`` replaced; type-scale tokens become point sizes."""
    t = dict(TOKENS, **(tokens or {}))
    values = {k: (f"{round(base_point_size * v, 1)}pt" if k.startswith("type_") else
                  f"{v}px" if isinstance(v, int) else str(v)) for k, v in t.items()}
    text = re.sub(r"/\*.*?\*/", "", QSS.read_text(encoding="utf-8"), flags=re.S)  # comments
    missing = sorted(set(re.findall(r"@([a-z_]+)", text)) - set(values))
    if missing:
        raise KeyError(f"light.qss names unknown tokens: {missing}")
    return re.sub(r"@([a-z_]+)", lambda m: values[m.group(1)], text)


def apply(app) -> bool:
    """Style the application (False when switched off by CREATOR_STUDIO_THEME=0)."""
    if os.environ.get("CREATOR_STUDIO_THEME", "1") == "0":
        return False
    app.setStyle("Fusion")  # the same look on every platform; the sheet refines it
    size = app.font().pointSizeF()
    app.setStyleSheet(stylesheet(size if size > 0 else 10.0))
    return True
