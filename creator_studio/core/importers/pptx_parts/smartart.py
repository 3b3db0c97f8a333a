"""SmartArt text. python-pptx exposes SmartArt only as a graphicFrame with no type; the node
text lives in the diagram data part (`dgm:pt/dgm:t`) and, already laid out, in the drawing part
(`dsp:sp/dsp:txBody`) that the data part names through `dsp:dataModelExt/@relId`."""

from __future__ import annotations

from pptx.oxml import parse_xml

from creator_studio.core.importers.pptx_parts.ns import R_DM, local, q
from creator_studio.core.importers.pptx_parts.text import body_text
from creator_studio.core.lesson.model import BulletList, ListItem, Run

DGM_RELIDS, DGM_PT, DGM_T, DGM_CXN = q("dgm:relIds"), q("dgm:pt"), q("dgm:t"), q("dgm:cxn")
DSP_TXBODY = q("dsp:txBody")


def _xml_of(part):
    el = getattr(part, "_element", None)
    return el if el is not None else parse_xml(part.blob)


def read_smartart(graphic_data, slide_part) -> BulletList | None:
    rel_ids = graphic_data.find(DGM_RELIDS)
    if rel_ids is None or not rel_ids.get(R_DM):
        return None
    data = _xml_of(slide_part.related_part(rel_ids.get(R_DM)))
    parent: dict[str, str] = {}
    for cxn in data.iter(DGM_CXN):
        if cxn.get("type") in (None, "parOf"):
            parent[cxn.get("destId") or ""] = cxn.get("srcId") or ""
    doc_ids = {pt.get("modelId") for pt in data.iter(DGM_PT) if pt.get("type") == "doc"}

    def depth(mid: str) -> int:
        d, seen = 0, set()
        while mid in parent and mid not in seen and parent[mid] not in doc_ids:
            seen.add(mid)
            mid = parent[mid]
            d += 1
        return min(d, 8)

    items: list[ListItem] = []
    for pt in data.iter(DGM_PT):
        if pt.get("type") not in (None, "node"):
            continue
        t = pt.find(DGM_T)
        if t is None:
            continue
        text = body_text(t).strip()
        if text:
            items.append(ListItem(runs=[Run(text=text)], level=depth(pt.get("modelId") or ""),
                                  marker="•"))
    if not items:
        items = _from_drawing(data, slide_part)
    return BulletList(items=items) if items else None


def _from_drawing(data, slide_part) -> list[ListItem]:
    for el in data.iter():
        if local(el) == "dataModelExt" and el.get("relId"):
            try:
                drawing = _xml_of(slide_part.related_part(el.get("relId")))
            except (KeyError, AttributeError):
                return []
            out = []
            for tb in drawing.iter(DSP_TXBODY):
                text = body_text(tb).strip()
                if text:
                    out.append(ListItem(runs=[Run(text=text)], marker="•"))
            return out
    return []
