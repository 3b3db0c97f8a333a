"""Namespaces and tiny lxml helpers shared by the PPTX readers."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0c\x0e-\x1f\x7f]")

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "dgm": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "dsp": "http://schemas.microsoft.com/office/drawing/2008/diagram",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "p14": "http://schemas.microsoft.com/office/powerpoint/2010/main",
    "cx": "http://schemas.microsoft.com/office/drawing/2014/chartex",
    "asvg": "http://schemas.microsoft.com/office/drawing/2016/SVG/main",
    "a14": "http://schemas.microsoft.com/office/drawing/2010/main",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
}

URI_TABLE = "http://schemas.openxmlformats.org/drawingml/2006/table"
URI_CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
URI_DIAGRAM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
URI_CHARTEX = "http://schemas.microsoft.com/office/drawing/2014/chartex"
URI_OLE = "http://schemas.openxmlformats.org/presentationml/2006/ole"


def q(tag: str) -> str:
    """'a:p' → '{http://...}p' (Clark notation) for fast find/iter without XPath."""
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


def local(el) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


R_ID = q("r:id")
R_EMBED = q("r:embed")
R_LINK = q("r:link")
R_DM = q("r:dm")


def clean_text(s: str) -> str:
    """PowerPoint's vertical tab (soft line break) → newline; drop other control characters."""
    if not s:
        return ""
    s = s.replace("\x0b", "\n").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", s)
