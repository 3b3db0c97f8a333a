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


def page_steps(page: m.Page, lesson: m.Lesson | None = None) -> list[dict]:
    """Steps for the player: trigger, when auto-play reaches them, and effects on blocks."""
    if not page.steps:
        return []
    kept = kept_blocks(page, lesson) if lesson is not None else {i: i for i in range(len(page.blocks))}
    parts = animate.step_texts(page)
    lengths = [len(animate.spoken(p)) for p in parts]
    total = sum(lengths)
    out: list[dict] = []
    click = 0
    for step in page.steps:
        at = None
        if step.trigger == "auto":
            at = 0.0
        elif step.trigger == "click":
            click += 1
            at = round(sum(lengths[:click]) / total, 4) if total else None
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
                fx.append(d)
        out.append({"trigger": step.trigger, "at": at, "tap": tap, "fx": fx,
                    "tap_label": step.trigger_shape_name})
    return out
