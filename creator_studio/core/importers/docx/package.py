"""Read a WordprocessingML package straight from its zip, following relationships.

We do not open it with python-docx: python-docx refuses .docm/.dotx content types, dies on a
relationship to a missing part (docProps/core.xml in sdk_InvalidDocProps.docx), and hides
content we need anyway (FIELD-NOTES §2). `safety.inspect` has already bounded every member's
size, so reading a part here cannot inflate a bomb.
"""

from __future__ import annotations

import io
import logging
import posixpath
import zipfile
import zlib
from functools import lru_cache

from lxml import etree

from creator_studio.core.importers.safety import resolve_target

log = logging.getLogger(__name__)

# Same settings as safety.py: no entity expansion, no network (FIELD-NOTES §6).
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             remove_comments=True, remove_pis=True)

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "dgm": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "dc": "http://purl.org/dc/elements/1.1/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


@lru_cache(maxsize=None)
def q(tag: str) -> str:
    """``"w:p"`` → Clark notation ``{ns}p`` (cached: called for every element visited)."""
    prefix, local = tag.split(":", 1)
    return f"{{{NS[prefix]}}}{local}"


RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"


class Package:
    """The zip plus relationship lookup. Missing parts read as None, never raise."""

    def __init__(self, data: bytes, main_part: str) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self._by_lower = {i.filename.lower(): i.filename for i in self.zip.infolist()}
        self.main_part = main_part
        self._rels_cache: dict[str, dict[str, tuple[str, str, bool]]] = {}

    def close(self) -> None:
        self.zip.close()

    def has(self, member: str) -> bool:
        return member.lower() in self._by_lower

    def read(self, member: str) -> bytes | None:
        real = self._by_lower.get(member.lower())
        if real is None:
            return None
        return self.zip.read(real)

    def xml(self, member: str):
        data = self.read(member)
        if data is None:
            return None
        return etree.fromstring(data, XML_PARSER)

    def rels(self, source_part: str) -> dict[str, tuple[str, str, bool]]:
        """rId → (type, target member or URL, is_external)."""
        if source_part in self._rels_cache:
            return self._rels_cache[source_part]
        d, base = posixpath.split(source_part)
        rels_name = posixpath.join(d, "_rels", base + ".rels")
        out: dict[str, tuple[str, str, bool]] = {}
        try:
            root = self.xml(rels_name)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError, OSError,
                ValueError):
            log.warning("broken rels %s", rels_name)
            root = None
        if root is not None:
            for rel in root.iter(q("rel:Relationship")):
                rid, typ, target = rel.get("Id"), rel.get("Type") or "", rel.get("Target") or ""
                if not rid:
                    continue
                external = rel.get("TargetMode") == "External"
                out[rid] = (typ, target if external else resolve_target(source_part, target),
                            external)
        self._rels_cache[source_part] = out
        return out

    def part_by_type(self, source_part: str, short_type: str) -> str | None:
        for typ, target, external in self.rels(source_part).values():
            if not external and typ.endswith("/" + short_type):
                return target
        return None

    def core_title(self) -> tuple[str, bool]:
        """(document title, whether docProps/core.xml was readable)."""
        target = None
        for typ, tgt, external in self.rels("").values():
            if typ == RT_CORE and not external:
                target = tgt
        if target is None:
            target = "docProps/core.xml"
        try:
            root = self.xml(target)
        except etree.XMLSyntaxError:
            return "", False
        if root is None:
            return "", False
        el = root.find(q("dc:title"))
        return ((el.text or "").strip() if el is not None else ""), True
