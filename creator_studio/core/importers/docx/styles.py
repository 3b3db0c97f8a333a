"""Paragraph styles: names, inheritance (basedOn), outline levels and numbering links.

Heading detection cannot trust the styleId (it is localised: "Titre1", "1", "标题1"), so we look at
the style *name* and at `w:outlineLvl`, both inherited through `basedOn` (FIELD-NOTES §2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from creator_studio.core.importers.docx.package import q

_HEADING_NAME = re.compile(r"^(?:heading|标题|titre|überschrift|encabezado|título|titolo)\s*(\d)$",
                           re.IGNORECASE)


@dataclass
class Style:
    style_id: str
    name: str = ""
    based_on: str | None = None
    outline_lvl: int | None = None
    num_id: str | None = None
    ilvl: int | None = None
    bold: bool | None = None
    kind: str = "paragraph"


class Styles:
    def __init__(self, root) -> None:
        self.by_id: dict[str, Style] = {}
        self.default_para: str | None = None
        if root is None:
            return
        for el in root.iter(q("w:style")):
            sid = el.get(q("w:styleId"))
            if not sid:
                continue
            st = Style(sid, kind=el.get(q("w:type")) or "paragraph")
            name = el.find(q("w:name"))
            st.name = (name.get(q("w:val")) or "") if name is not None else ""
            based = el.find(q("w:basedOn"))
            st.based_on = based.get(q("w:val")) if based is not None else None
            ppr = el.find(q("w:pPr"))
            if ppr is not None:
                ol = ppr.find(q("w:outlineLvl"))
                if ol is not None and (ol.get(q("w:val")) or "").isdigit():
                    st.outline_lvl = int(ol.get(q("w:val")))
                numpr = ppr.find(q("w:numPr"))
                if numpr is not None:
                    nid = numpr.find(q("w:numId"))
                    lvl = numpr.find(q("w:ilvl"))
                    st.num_id = nid.get(q("w:val")) if nid is not None else None
                    if lvl is not None and (lvl.get(q("w:val")) or "").isdigit():
                        st.ilvl = int(lvl.get(q("w:val")))
            rpr = el.find(q("w:rPr"))
            if rpr is not None:
                b = rpr.find(q("w:b"))
                if b is not None:
                    st.bold = (b.get(q("w:val")) or "true") not in ("0", "false", "off")
            if el.get(q("w:default")) in ("1", "true") and st.kind == "paragraph":
                self.default_para = sid
            self.by_id[sid] = st

    def chain(self, sid: str | None):
        seen = set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            st = self.by_id[sid]
            yield st
            sid = st.based_on

    def name(self, sid: str | None) -> str:
        st = self.by_id.get(sid or "")
        return st.name if st else (sid or "")

    def heading_level(self, sid: str | None) -> int | None:
        """1-based heading level from the style name or an inherited outline level."""
        for st in self.chain(sid):
            name = st.name.strip()
            m = _HEADING_NAME.match(name)
            if m:
                return max(1, int(m.group(1)))
            if name.lower() == "title":
                return 1
            if st.outline_lvl is not None:
                return st.outline_lvl + 1 if st.outline_lvl < 9 else None
        return None

    def is_title(self, sid: str | None) -> bool:
        st = self.by_id.get(sid or "")
        return bool(st and st.name.strip().lower() in ("title", "标题"))

    def numbering(self, sid: str | None) -> tuple[str | None, int]:
        """(numId, ilvl) a paragraph style brings with it (inherited)."""
        num_id, ilvl = None, None
        for st in self.chain(sid):
            if num_id is None and st.num_id is not None:
                num_id = st.num_id
            if ilvl is None and st.ilvl is not None:
                ilvl = st.ilvl
        return num_id, ilvl or 0

    def bold(self, sid: str | None) -> bool:
        for st in self.chain(sid):
            if st.bold is not None:
                return st.bold
        return False
