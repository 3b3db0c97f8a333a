"""A page's animation steps as H5 player data (issue 16).

The H5 player shows the course's blocks (text, lists, tables), not slide pixels, so an effect is
played on the blocks that came from its shape (`Effect.block_indexes`, matched by text at
import), and a by-paragraph effect on the list items holding those paragraphs. The player
(`resources/h5/steps.js`) only uses CSS opacity and transforms; effects it has no transform for
are drawn as the nearest one (see docs/animation.md). Targets without text (pictures, arrows)
have no block and stay visible with the page.
"""

from __future__ import annotations

from creator_studio.core.lesson import model as m
from creator_studio.core.lesson.animation import Effect
from creator_studio.core.media import animate

# our render names → what the H5 player draws with opacity/transform only
H5_FX = {
    "appear": "appear", "fade": "fade", "fly": "fly", "float-up": "float-up", "float-down": "float-down",
    "wipe": "wipe", "split": "zoom-x", "zoom": "zoom", "basic-zoom": "zoom", "fade-zoom": "zoom",
    "grow-turn": "grow-turn", "wheel": "grow-turn", "shape": "zoom", "random-bars": "fade",
    "pulse": "pulse", "grow-shrink": "grow", "spin": "spin", "transparency": "transparency",
    "colour": "pulse", "path": "path",
}


def _norm(text: str) -> str:
    return "".join((text or "").split())


def _items(block: m.Block, e: Effect) -> list[int] | None:
    """List items holding the effect's paragraphs (None = the whole block)."""
    if not e.paragraph_range or not isinstance(block, m.BulletList):
        return None
    want = [_norm(t) for t in e.text.split("\n") if t.strip()]
    idx = [i for i, it in enumerate(block.items) if _norm(it.text) in want]
    return idx or None


def _path(e: Effect) -> list[list[float]]:
    from creator_studio.core.importers.pptx_parts.timing import path_points

    pts = animate._path_polyline(path_points(e.path or ""))
    if len(pts) > 12:
        step = len(pts) / 12
        pts = [pts[int(i * step)] for i in range(12)] + [pts[-1]]
    x0, y0 = pts[0]
    return [[round(x - x0, 4), round(y - y0, 4)] for x, y in pts]


def kept_blocks(page: m.Page, lesson: m.Lesson) -> dict[int, int]:
    """Model block index → index in the H5 page's `blocks` (empty blocks are left out there)."""
    from creator_studio.core.forms.h5.course_data import MediaCollector, _block

    out: dict[int, int] = {}
    for i, b in enumerate(page.blocks):
        if _block(b, lesson, MediaCollector(), []) is not None:
            out[i] = len(out)
    return out


def _auto_play_points(page: m.Page) -> list[float | None]:
    """Where auto-play reaches each step, as a share of the page's narration: 0 for a step that
    starts with the page, the spoken length up to its click for a click step, None otherwise."""
    lengths = [len(animate.spoken(p)) for p in animate.step_texts(page)]
    total = sum(lengths)
    points: list[float | None] = []
    click = 0
    for step in page.steps:
        at = None
        if step.trigger == "auto":
            at = 0.0
        elif step.trigger == "click":
            click += 1
            at = round(sum(lengths[:click]) / total, 4) if total else None
        points.append(at)
    return points


def page_steps(page: m.Page, lesson: m.Lesson | None = None) -> list[dict]:
    """Steps for the player: trigger, when auto-play reaches them, and effects on blocks."""
    if not page.steps:
        return []
    kept = kept_blocks(page, lesson) if lesson is not None else {i: i for i in range(len(page.blocks))}
    out: list[dict] = []
    for step, at in zip(page.steps, _auto_play_points(page)):
        tap = None
        if step.trigger == "shape":
            tap = next((kept[b] for b in step.trigger_blocks if b in kept), None)
        fx = []
        for e in step.effects:
            draw = H5_FX.get(e.render_as)
            if draw is None or not e.block_indexes:
                continue
            for b in e.block_indexes:
                if b not in kept:
                    continue
                d = {"b": kept[b], "kind": e.kind, "fx": draw, "dir": e.direction,
                     "dur": round(min(max(e.duration, 0.0), 10.0), 3), "delay": round(min(e.delay, 20.0), 3)}
                items = _items(page.blocks[b], e)
                if items is not None:
                    d["items"] = items
                if e.kind == "emphasis":
                    d["p"] = {k: float(v) for k, v in e.params.items() if k in ("scale", "angle", "alpha")}
                if draw == "path":
                    d["path"] = _path(e)
                colour = _text_colour(e)
                if colour:  # the block's text takes the colour: a coloured copy fades in over it
                    d["fx"], d["color"] = "text-colour", colour
                fx.append(d)
        out.append({"trigger": step.trigger, "at": at, "tap": tap, "fx": fx,
                    "tap_label": step.trigger_shape_name})
    return out


def _text_colour(e: Effect) -> str | None:
    """"#RRGGBB" when a colour emphasis changes the text colour (a block is text: fill and line
    colour have no counterpart there and stay a pulse)."""
    import re

    attrs = {int(e.params.get(k) or 0) for k in ("colour_attr", "colour_attr2")}
    if e.render_as != "colour" or 2 not in attrs or not re.fullmatch(r"[0-9A-Fa-f]{6}", e.color or ""):
        return None
    return "#" + e.color.upper()


# ------------------------------------------------------------------------------------------
# Picture pages: the slide picture without its animated shapes, and each shape as its own layer


H5_PICTURE_FX = dict(H5_FX, colour="colour")  # colour: a recoloured copy of the layer fades in


def _straight_png(rgba, path) -> None:
    """Premultiplied float RGBA → PNG with straight alpha (what browsers expect)."""
    import numpy as np
    from PIL import Image

    a = rgba[:, :, 3:4]
    rgb = np.where(a > 1e-4, rgba[:, :, :3] / np.maximum(a, 1e-4), 0.0)
    out = np.concatenate([rgb, a], axis=2)
    Image.fromarray(np.clip(out * 255 + 0.5, 0, 255).astype(np.uint8)).save(path, compress_level=6)


def _colour_states(page: m.Page) -> dict[int, tuple]:
    """id(effect) → (target key, recolour chain, tint) at the end of each colour emphasis."""
    out: dict[int, tuple[str, dict]] = {}
    chains: dict[str, dict] = {}
    for s in page.steps:
        for e in sorted(s.effects, key=lambda e: e.delay):
            if e.render_as != "colour":
                continue
            st = animate.LayerState(recolour=dict(chains.get(e.target_key, {})))
            animate.apply_effect(e, 1.0, st, (0, 0, 1, 1), animate.Geometry((1, 1), (0, 0, 1, 1)))
            chains[e.target_key] = st.recolour
            out[id(e)] = (e.target_key, dict(st.recolour), st.tint)
    return out


def _shape_box(deck, slide_index: int, shape_id: str) -> list[float] | None:
    """A top-level shape's box as slide fractions [x, y, w, h] (for trigger tap zones)."""
    import zipfile

    from lxml import etree

    from creator_studio.core.media import anim_layers

    with zipfile.ZipFile(deck) as z:
        parts = anim_layers._slide_parts(z)
        root = etree.fromstring(z.read(parts[slide_index]))
        pres = etree.fromstring(z.read("ppt/presentation.xml"))
    sz = pres.find(anim_layers._p("sldSz"))
    el = anim_layers._find_shape(root, shape_id)
    if el is None or sz is None:
        return None
    xfrm = next((x for x in el.iter(anim_layers._a("xfrm"), anim_layers._p("xfrm"))), None)
    if xfrm is None:
        return None
    off, ext = xfrm.find(anim_layers._a("off")), xfrm.find(anim_layers._a("ext"))
    if off is None or ext is None:
        return None
    W, H = float(sz.get("cx")), float(sz.get("cy"))
    return [round(float(off.get("x")) / W, 5), round(float(off.get("y")) / H, 5),
            round(float(ext.get("cx")) / W, 5), round(float(ext.get("cy")) / H, 5)]


def add_picture_stages(lesson: m.Lesson, data: dict, media: dict, source, work, backend: str,
                       job=None) -> dict:
    """Picture pages with steps get a stage: the slide picture without its animated shapes, each
    animated shape as a transparent picture over it (LibreOffice layers, as in the video), and
    steps that play on those layers. One LibreOffice run for every such page.

    Mutates `data["pages"]` (parallel to `lesson.visible_pages()`) and `media`. Returns info for
    the manifest: pages staged, and why not when they could not be.
    """
    from pathlib import Path

    from creator_studio.core.media import anim_layers, raster

    pages = lesson.visible_pages()
    todo = [(p, d) for p, d in zip(pages, data["pages"])
            if p.steps and d.get("raster") and d.get("mode") != "reflow" and p.source_index]
    info = {"picture_animated_pages": 0, "picture_animation_reason": None}
    if not todo:
        return info
    src = Path(source) if source else None
    if src is None or not src.is_file() or src.suffix.lower() not in raster.PRESENTATION_SUFFIXES \
            or not raster.soffice_exe():
        info["picture_animation_reason"] = ("需要原始演示文稿和 LibreOffice，图片页显示最终状态 / needs the source "
                                            "deck and LibreOffice; picture pages show the final slide")
        return info
    if backend == "builtin":  # slide pictures here come from LibreOffice ("libreoffice" or "stored")
        info["picture_animation_reason"] = ("幻灯片图片不是 LibreOffice 绘制的，图片页显示最终状态 / slide pictures "
                                            "not drawn by LibreOffice; picture pages show the final slide")
        return info
    work = Path(work)
    by_size: dict[tuple[int, int], list] = {}
    for p, d in todo:
        by_size.setdefault((int(d["raster_w"]), int(d["raster_h"])), []).append((p, d))
    n = 0
    for size, group in by_size.items():
        try:
            layers = anim_layers.render_slide_layers(src, [(p, p.source_index - 1) for p, _d in group], size,
                                                     work / f"stage-{size[0]}x{size[1]}", job)
        except Exception as exc:  # noqa: BLE001 — picture pages then show the final slide
            if type(exc).__name__ == "Cancelled":
                raise
            info["picture_animation_reason"] = f"{type(exc).__name__}: {exc}"[:200]
            continue
        W, H = size
        for p, d in group:
            sl = layers.get(p.source_index - 1)
            if sl is None or sl.background is None:
                continue
            from PIL import Image

            folder = work / f"page-{p.id}"
            folder.mkdir(parents=True, exist_ok=True)

            def add(path) -> str:
                key = f"st{len(media) + 1}"
                while key in media:
                    key += "x"
                media[key] = path
                return key

            Image.fromarray(sl.background).save(folder / "bg.png", compress_level=6)
            index: dict[str, int] = {}
            stage_layers = []
            for key in sl.order:
                L = sl.layers[key]
                if L.empty:
                    continue
                _straight_png(L.rgba, folder / f"l{len(stage_layers)}.png")
                index[key] = len(stage_layers)
                stage_layers.append({"src": add(folder / f"l{len(stage_layers)}.png"),
                                     "x": round(L.x / W, 5), "y": round(L.y / H, 5),
                                     "w": round(L.size[0] / W, 5), "h": round(L.size[1] / H, 5),
                                     "colours": []})
            colour_of: dict[int, int] = {}
            for eid, (key, chain, tint) in _colour_states(p).items():
                if key not in index:
                    continue
                L = sl.layers[key]
                st = animate.LayerState(recolour=chain, tint=tint)
                _x, _y, rgba = animate._transformed(L, st)
                lay = stage_layers[index[key]]
                path = folder / f"l{index[key]}c{len(lay['colours'])}.png"
                _straight_png(rgba, path)
                colour_of[eid] = len(lay["colours"])
                lay["colours"].append(add(path))
            taps = {}
            for s in p.steps:
                if s.trigger == "shape" and s.trigger_shape and s.trigger_shape not in taps:
                    box = _shape_box(src, p.source_index - 1, s.trigger_shape)
                    if box:
                        taps[s.trigger_shape] = box
            d["raster"] = add(folder / "bg.png")
            d["stage"] = {"layers": stage_layers, "taps": [{"id": k, "box": v} for k, v in taps.items()]}
            d["steps"] = picture_steps(p, index, colour_of)
            n += 1
    info["picture_animated_pages"] = n
    return info


def picture_steps(page: m.Page, index: dict[str, int], colour_of: dict[int, int]) -> list[dict]:
    """Steps for a staged picture page: effects on layers ("l"), taps on shape zones ("tap")."""
    out: list[dict] = []
    for step, at in zip(page.steps, _auto_play_points(page)):
        fx = []
        for e in step.effects:
            draw = H5_PICTURE_FX.get(e.render_as)
            if draw is None or e.target_key not in index:
                continue
            d = {"l": index[e.target_key], "kind": e.kind, "fx": draw, "dir": e.direction,
                 "dur": round(min(max(e.duration, 0.0), 10.0), 3), "delay": round(min(e.delay, 20.0), 3)}
            if e.kind == "emphasis":
                d["p"] = {k: float(v) for k, v in e.params.items() if k in ("scale", "angle", "alpha")}
            if draw == "colour":
                if id(e) not in colour_of:
                    continue
                d["c"] = colour_of[id(e)]
            if draw == "path":
                d["path"] = _path(e)
            fx.append(d)
        tap = ("z" + step.trigger_shape) if step.trigger == "shape" and step.trigger_shape else None
        out.append({"trigger": step.trigger, "at": at, "tap": tap, "fx": fx,
                    "tap_label": step.trigger_shape_name})
    return out
