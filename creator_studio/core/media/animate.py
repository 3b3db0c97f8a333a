"""Animated slides for the screen-record video: steps, effects and transitions as frames.

What the screen-record form gets from here:

- `spoken(text)`: narration without the click markers ([点击], [click], 【下一步】), for TTS and
  captions;
- `page_advance(page)`: how long a page must last so every step and its animation fit;
- `build_entries(...)`: the picture sequence of the whole video — stills for what does not
  move and 25 fps frames only while an effect or transition runs;
- `encode(...)`: that sequence → MP4 with the same contract as `video.encode_slideshow`
  (H.264 yuv420p, AAC copied, soft/burned subtitles, keyframes at slide starts);
- `report(lesson, …)`: every effect and transition and what happened to it.

Layers come from LibreOffice (`anim_layers`): the slide without its animated shapes, and each
shape alone. We composite them with numpy; each frame only blends the layers that move over a
cached "base" of everything at rest (moving layers are drawn above resting ones — a simplification
documented in docs/animation.md). Still stretches are repeated 0.2 s entries of one picture (5 fps,
as before) so static slides encode exactly as fast as without animation.
"""

from __future__ import annotations

import functools
import logging
import math
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from creator_studio.core.jobs import Job
from creator_studio.core.lesson import model as m
from creator_studio.core.lesson.animation import (
    APPROXIMATED,
    END_STATE,
    REPRODUCED,
    Effect,
    Step,
    Transition,
    click_count,
)

log = logging.getLogger(__name__)

FPS = 20  # animation frames per second (stills stay at 5 fps or less); 25 measured 25 % slower
STILL_PIECE = 0.2  # seconds: still stretches as 5 fps entries (burned captions can change on them)
STILL_PIECE_SOFT = 2.0  # without burned captions nothing changes inside a still: one frame per keyframe interval
STEP_AIR = 0.8     # seconds of rest after each step when the page has no narration to follow
CLICK_MARKERS = re.compile(r"\s*(?:\[\s*(?:点击|單擊|单击|click|next)\s*\]|【\s*(?:下一步|点击)\s*】|\(\s*click\s*\))\s*",
                           re.I)
_SENTENCE = re.compile(r"[^。！？!?；;.\n]+[。！？!?；;.\n]*")


# ------------------------------------------------------------------------------------------
# Narration per step


def spoken(text: str) -> str:
    """Narration text as read aloud: click markers removed."""
    return CLICK_MARKERS.sub(" ", text or "").strip()


def has_markers(text: str) -> bool:
    return bool(CLICK_MARKERS.search(text or ""))


def split_narration(text: str, clicks: int) -> list[str]:
    """The page narration as `clicks + 1` parts: before the first click, then one per click.

    Click markers decide when present (extra parts join the last click, missing ones are empty);
    otherwise whole sentences are spread over the clicks in proportion to their length, and the
    part before the first click is empty (the first click lands when the narration starts).
    """
    text = text or ""
    if clicks <= 0:
        return [spoken(text)]
    if has_markers(text):
        parts = [p.strip() for p in CLICK_MARKERS.split(text)]
        head, rest = parts[0], parts[1:]
        if len(rest) > clicks:
            rest = rest[:clicks - 1] + [" ".join(rest[clicks - 1:])]
        rest += [""] * (clicks - len(rest))
        return [head] + rest
    sentences = [s.strip() for s in _SENTENCE.findall(text) if s.strip()]
    if not sentences:
        return [""] * (clicks + 1)
    n = len(sentences)
    if n <= clicks:  # one sentence per click, the last clicks stay silent
        return [""] + sentences + [""] * (clicks - n)
    # cut where the running length passes k/clicks of the text (by sentence midpoints), each click
    # keeping at least one sentence
    total = sum(len(x) for x in sentences)
    mids, acc = [], 0
    for x in sentences:
        mids.append(acc + len(x) / 2)
        acc += len(x)
    cuts = [0]
    for k in range(1, clicks):
        goal = total * k / clicks
        i = next((j for j, mid in enumerate(mids) if mid >= goal), n - 1)
        i = max(i, cuts[-1] + 1)
        i = min(i, n - (clicks - k))
        cuts.append(i)
    cuts.append(n)
    return [""] + ["".join(sentences[cuts[k]:cuts[k + 1]]) for k in range(clicks)]


def step_texts(page: m.Page) -> list[str]:
    """Narration per click segment (index 0 = before the first click), honouring edits in the
    model: a step's own `narration` wins over the automatic split."""
    clicks = [s for s in page.steps if s.trigger != "auto"]
    parts = split_narration(page.narration, len(clicks))
    for i, s in enumerate(clicks, start=1):
        if s.narration is not None:
            parts[i] = s.narration
    return parts


# ------------------------------------------------------------------------------------------
# Timing of steps inside a page


def transition_seconds(page: m.Page) -> float:
    t = page.transition
    if t is None or t.render_as in ("none", "cut"):
        return 0.0
    return max(0.0, min(t.duration or 0.0, 3.0))


def _step_length(step: Step) -> float:
    return min(step.duration, 10.0)


def page_advance(page: m.Page) -> float | None:
    """The page's advance time raised so the transition and every step fit (None = unchanged)."""
    if not page.steps and transition_seconds(page) == 0:
        return page.duration
    need = transition_seconds(page) + sum(_step_length(s) + STEP_AIR for s in page.steps) + 0.6
    return max(page.duration or 0.0, need)


def step_starts(page: m.Page, start: float, duration: float, speech_start: float,
                speech_duration: float) -> list[float]:
    """Absolute start time of each step of the page.

    With narration, click k starts where its part of the narration starts (by text length, the
    narration audio being read at an even pace); without, steps follow each other with a little
    air. Automatic steps start when the transition ends. Trigger steps (shape taps) play after
    the main sequence, in order.
    """
    t_in = start + transition_seconds(page)
    parts = step_texts(page)
    lengths = [len(spoken(p)) for p in parts]
    total = sum(lengths)
    starts: list[float] = []
    click = 0
    cursor = t_in
    for step in page.steps:
        if step.trigger == "auto":
            t = cursor
        else:
            click += 1
            if total > 0 and speech_duration > 0:
                before = sum(lengths[:click])
                t = max(cursor, speech_start + speech_duration * before / total)
            else:
                t = cursor + (0.4 if click == 1 else 0.0)
        starts.append(round(t, 3))
        cursor = t + _step_length(step) + (0.0 if total > 0 else STEP_AIR)
    end = start + duration
    return [min(s, end - 0.05) for s in starts]


# ------------------------------------------------------------------------------------------
# Effect state


@dataclass
class LayerState:
    visible: bool = True
    alpha: float = 1.0
    dx: float = 0.0
    dy: float = 0.0
    scale: float = 1.0
    angle: float = 0.0
    tint: tuple[str, float] | None = None
    # colour emphasis: attr (1 fill, 2 text, 3 line) → chain (from, "RRGGBB", progress); from is
    # None (the colour the layer was drawn with) or the previous link of the chain
    recolour: dict = field(default_factory=dict)
    mask: tuple[str, str | None, float] | None = None  # (kind, direction, progress 0..1 revealed)


def _progress(e: Effect, t: float) -> float | None:
    """Progress 0..1 of `e` at `t` seconds after its step started; None before it starts."""
    if t < e.delay:
        return None
    if e.duration <= 0:
        return 1.0
    local = (t - e.delay) / e.duration
    reps = e.repeat if e.repeat and e.repeat > 0 else 1.0
    if e.auto_reverse:
        if local >= 2 * reps:
            return 0.0
        c = local % 2.0
        return c if c <= 1.0 else 2.0 - c
    if local >= reps:
        return 1.0
    return local % 1.0 if local >= 1.0 else local


def _ease(p: float) -> float:
    return 0.5 - 0.5 * math.cos(math.pi * max(0.0, min(1.0, p)))


_FLY = {"top": (0, -1), "bottom": (0, 1), "left": (-1, 0), "right": (1, 0), "top-left": (-1, -1),
        "top-right": (1, -1), "bottom-left": (-1, 1), "bottom-right": (1, 1)}


@dataclass
class Geometry:
    frame: tuple[int, int]
    content: tuple[int, int, int, int]  # x, y, w, h of the slide inside the frame


def apply_effect(e: Effect, p: float, st: LayerState, box: tuple[int, int, int, int], geo: Geometry) -> None:
    """Move `st` to where effect `e` puts its layer at progress `p` (0..1)."""
    kind, how = e.kind, e.render_as
    if kind in ("entrance", "exit"):
        q = p if kind == "entrance" else 1.0 - p  # how much of the shape is "in"
        if kind == "entrance" and p <= 0:
            st.visible = False
            return
        if kind == "exit" and p >= 1:
            st.visible = False
            return
        st.visible = True
        if how == "appear":
            return
        if how == "fade":
            st.alpha *= q
        elif how == "fly":
            fx, fy = _FLY.get(e.direction or "bottom", (0, 1))
            x, y, w, h = box
            W, H = geo.frame
            # from just outside the frame edge to the resting place
            ox = (W - x) if fx > 0 else (-(x + w) if fx < 0 else 0)
            oy = (H - y) if fy > 0 else (-(y + h) if fy < 0 else 0)
            k = 1.0 - _ease(q)
            st.dx += ox * k
            st.dy += oy * k
        elif how in ("float-up", "float-down"):
            sign = 1 if how == "float-up" else -1
            st.dy += sign * 0.1 * geo.content[3] * (1.0 - _ease(q))
            st.alpha *= q
        elif how in ("zoom", "basic-zoom", "fade-zoom"):
            st.scale *= max(0.01, _ease(q))
            if how == "fade-zoom":
                st.alpha *= q
        elif how == "grow-turn":
            st.scale *= max(0.01, _ease(q))
            st.angle += -90.0 * (1.0 - _ease(q))
            st.alpha *= q
        elif how in ("wipe", "split", "wheel", "shape", "random-bars"):
            st.mask = (how, e.direction, q)
        else:
            st.alpha *= q
    elif kind == "emphasis":
        if how == "pulse":
            s = e.params.get("scale", 1.05)
            st.scale *= 1.0 + (max(s, 1.05) - 1.0) * math.sin(math.pi * p)
        elif how == "grow-shrink":
            st.scale *= 1.0 + (e.params.get("scale", 1.5) - 1.0) * _ease(p)
        elif how == "spin":
            st.angle += e.params.get("angle", 360.0) * _ease(p)
        elif how == "transparency":
            st.alpha *= 1.0 + (e.params.get("alpha", 0.5) - 1.0) * p
        elif how == "colour":
            attrs = [int(e.params.get(k) or 0) for k in ("colour_attr", "colour_attr2")]
            attrs = [a for a in attrs if a]
            if attrs and e.color:  # the shape's fill / text / line colour moves to e.color
                for attr in attrs:
                    st.recolour[attr] = (st.recolour.get(attr), e.color, p)
            else:
                st.tint = (e.color or "C00000", 0.6 * p)
    elif kind == "motion" and e.path:
        from creator_studio.core.importers.pptx_parts.timing import path_points

        fx, fy = _path_at(path_points(e.path), _ease(p))
        sx, sy = _path_at(path_points(e.path), 0.0)
        st.dx += (fx - sx) * geo.content[2]
        st.dy += (fy - sy) * geo.content[3]


def _path_polyline(segs) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    cur = (0.0, 0.0)
    for cmd, ps in segs:
        if cmd == "M" and ps:
            cur = ps[-1]
            pts.append(cur)
        elif cmd == "L":
            for pt in ps:
                pts.append(pt)
                cur = pt
        elif cmd == "C":
            for i in range(0, len(ps) - 2, 3):
                c1, c2, end = ps[i], ps[i + 1], ps[i + 2]
                for k in range(1, 17):
                    t = k / 16
                    a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3
                    pts.append((a * cur[0] + b * c1[0] + c * c2[0] + d * end[0],
                                a * cur[1] + b * c1[1] + c * c2[1] + d * end[1]))
                cur = end
    return pts or [(0.0, 0.0)]


def _path_at(segs, p: float) -> tuple[float, float]:
    pts = _path_polyline(segs)
    if len(pts) == 1:
        return pts[0]
    lens = [math.dist(pts[i], pts[i + 1]) for i in range(len(pts) - 1)]
    total = sum(lens) or 1.0
    goal = p * total
    for i, L in enumerate(lens):
        if goal <= L or i == len(lens) - 1:
            f = 0.0 if L == 0 else min(1.0, goal / L)
            return (pts[i][0] + (pts[i + 1][0] - pts[i][0]) * f, pts[i][1] + (pts[i + 1][1] - pts[i][1]) * f)
        goal -= L
    return pts[-1]


# ------------------------------------------------------------------------------------------
# Compositing


@functools.lru_cache(maxsize=32)
def _grid(h: int, w: int) -> tuple[np.ndarray, np.ndarray]:
    ys = (np.arange(h, dtype=np.float32) + 0.5)[:, None] / max(1, h)
    xs = (np.arange(w, dtype=np.float32) + 0.5)[None, :] / max(1, w)
    return ys, xs


@functools.lru_cache(maxsize=16)
def _angles(h: int, w: int) -> np.ndarray:
    ys, xs = _grid(h, w)
    return (np.degrees(np.arctan2(xs - 0.5, -(ys - 0.5))) + 360.0) % 360.0


@functools.lru_cache(maxsize=16)
def _radii(h: int, w: int) -> np.ndarray:
    ys, xs = _grid(h, w)
    return np.sqrt((xs - 0.5) ** 2 + (ys - 0.5) ** 2)


def _mask(kind: str, direction: str | None, q: float, h: int, w: int) -> np.ndarray:
    """Revealed fraction per pixel (1 = shown) for masked reveals at progress q."""
    if q >= 1:
        return np.ones((h, w), np.float32)
    if q <= 0:
        return np.zeros((h, w), np.float32)
    ys, xs = _grid(h, w)
    d = (direction or "").lower()
    if kind == "wipe":
        pos = {"top": ys, "bottom": 1 - ys, "left": xs, "right": 1 - xs,
               "u": 1 - ys, "d": ys, "l": 1 - xs, "r": xs}.get(d, xs)
        m_ = pos <= q
    elif kind == "split":
        vertical = "vertical" in d or d.startswith("vert")
        c = np.abs((xs if vertical else ys) - 0.5) * 2  # 0 at the centre, 1 at the edges
        m_ = (c >= 1 - q) if ("in" in d and "out" not in d.split("-")[-1] and not d.startswith("out")) else (c <= q)
    elif kind == "wheel":
        m_ = _angles(h, w) <= 360.0 * q
    elif kind == "shape":
        if "diamond" in d:
            r = np.abs(xs - 0.5) + np.abs(ys - 0.5)
            rmax = 1.0
        else:
            r = _radii(h, w)
            rmax = math.sqrt(0.5)
        m_ = (r >= rmax * (1 - q)) if "(in" in d or d.endswith("in") else (r <= rmax * q)
    elif kind == "random-bars":
        vertical = "vert" in d
        n = w if vertical else h
        order = np.random.default_rng(16).permutation(max(1, n)) / max(1, n)
        line = order[:w][None, :] if vertical else order[:h][:, None]
        m_ = np.broadcast_to(line < q, (h, w))
    else:
        return np.full((h, w), q, np.float32)
    return np.broadcast_to(np.asarray(m_, np.float32), (h, w))


def _hex(c: str) -> np.ndarray:
    c = (c or "C00000").strip("#")
    try:
        return np.array([int(c[i:i + 2], 16) for i in (0, 2, 4)], np.float32) / 255.0
    except ValueError:
        return np.array([0.75, 0, 0], np.float32)


def _transformed(layer, st: LayerState, *, with_alpha: bool = True) -> tuple[int, int, np.ndarray]:
    """(x, y, premultiplied RGBA float) of a layer in state `st`. `with_alpha=False` leaves the
    state's opacity out (the caller passes it to `_blend`, saving a copy of the layer)."""
    rgba = layer.rgba
    x, y = layer.x + st.dx, layer.y + st.dy
    if st.mask is not None:
        kind, direction, q = st.mask
        rgba = rgba * _mask(kind, direction, q, rgba.shape[0], rgba.shape[1])[:, :, None]
    if st.recolour:
        rgba = _recoloured(layer, rgba, st.recolour)
    if st.tint is not None:
        col, amt = st.tint
        rgba = rgba.copy()
        rgba[:, :, :3] = rgba[:, :, :3] * (1 - amt) + _hex(col)[None, None, :] * rgba[:, :, 3:4] * amt
    if abs(st.scale - 1.0) > 1e-3 or abs(st.angle) > 1e-2:
        h, w = rgba.shape[:2]
        im = Image.fromarray(np.clip(rgba * 255 + 0.5, 0, 255).astype(np.uint8))  # 4 channels: RGBA
        nw, nh = max(1, int(round(w * st.scale))), max(1, int(round(h * st.scale)))
        if (nw, nh) != (w, h):
            im = im.resize((nw, nh), Image.BILINEAR)
        if abs(st.angle) > 1e-2:
            im = im.rotate(-st.angle, resample=Image.BILINEAR, expand=True)
        cx, cy = x + w / 2, y + h / 2
        x, y = cx - im.width / 2, cy - im.height / 2
        rgba = np.asarray(im, np.float32) / 255.0
    if with_alpha and st.alpha < 1.0:
        rgba = rgba * max(0.0, st.alpha)
    return int(round(x)), int(round(y)), rgba


def _chain_colour(link, source: np.ndarray) -> np.ndarray:
    """Current colour of a recolour chain (see LayerState.recolour)."""
    if link is None:
        return source
    prev, target, p = link
    start = _chain_colour(prev, source)
    return start + (_hex(target) - start) * max(0.0, min(1.0, p))


def _colour_parts(layer, attr: int) -> tuple[np.ndarray, np.ndarray] | None:
    """(source colour 0..1, weight per pixel) of the part of a layer a colour emphasis changes.

    The layer's opaque pixels are grouped by colour (32 levels a channel). Fill: the largest
    group. Text: the largest group, or the second when the largest covers a third of the
    shape's box or more (that one is the fill). Line: the largest group on the layer's outer
    3-pixel ring. The weight falls off with the distance from that colour, so anti-aliased edges
    change in proportion. Cached on the layer (layers are drawn once per render).
    """
    cache = layer.__dict__.setdefault("_colour_parts", {})
    if attr in cache:
        return cache[attr]
    rgba = layer.rgba
    h, w = rgba.shape[:2]
    found = None
    if h and w:
        a = rgba[:, :, 3]
        u = rgba[:, :, :3] / np.maximum(a, 1e-3)[:, :, None]
        opaque = a > 0.85
        pick = None
        ring = np.zeros((h, w), bool)
        ring[:3], ring[-3:], ring[:, :3], ring[:, -3:] = True, True, True, True
        if attr == 3:
            opaque = opaque & ring
        elif attr == 2:
            opaque = opaque & ~ring  # text sits inside; a border is not text
        if opaque.sum() >= 4:
            q = np.clip((u[opaque] * 8).astype(np.int32), 0, 7)
            keys = q[:, 0] * 64 + q[:, 1] * 8 + q[:, 2]
            counts = np.bincount(keys, minlength=512)
            order = np.argsort(counts)[::-1]
            pick = order[0]
            if attr == 2 and counts[order[0]] >= 0.33 * h * w:  # a fill: the text is another group
                others = [k for k in order[1:8] if counts[k] >= 12 and _bin_distance(k, order[0]) >= 2]
                pick = others[0] if others else None  # a filled shape without text: nothing to do
        if opaque.sum() >= 4 and pick is not None:
            source = np.median(u[opaque][keys == pick], axis=0).astype(np.float32)
            dist = np.sqrt(((u - source[None, None, :]) ** 2).sum(axis=2))
            weight = np.clip(1.0 - dist / 0.35, 0.0, 1.0).astype(np.float32) * (a > 0.004)
            found = (source, weight)
    cache[attr] = found
    return found


def _bin_distance(a: int, b: int) -> int:
    """Largest per-channel difference of two colour groups (in 32-level steps)."""
    return max(abs(a // 64 - b // 64), abs(a // 8 % 8 - b // 8 % 8), abs(a % 8 - b % 8))


def _recoloured(layer, rgba: np.ndarray, recolour: dict) -> np.ndarray:
    """`rgba` (premultiplied) with each recoloured part moved from its colour to the chain's."""
    out = None
    for attr, link in recolour.items():
        parts = _colour_parts(layer, attr)
        if parts is None:
            continue
        source, weight = parts
        if rgba.shape[:2] != weight.shape:
            continue
        delta = _chain_colour(link, source) - source
        if np.abs(delta).max() < 1e-3:
            continue
        if out is None:
            out = rgba.copy()
        out[:, :, :3] += (rgba[:, :, 3] * weight)[:, :, None] * delta[None, None, :]
    if out is None:
        return rgba
    np.clip(out, 0.0, 1.0, out=out)
    out[:, :, :3] = np.minimum(out[:, :, :3], out[:, :, 3:4])
    return out


def _blend(frame: np.ndarray, x: int, y: int, rgba: np.ndarray, opacity: float = 1.0) -> None:
    """Premultiplied `rgba` (faded by `opacity`) over the uint8 frame at (x, y), clipped to it."""
    H, W = frame.shape[:2]
    h, w = rgba.shape[:2]
    x0, y0, x1, y1 = max(0, x), max(0, y), min(W, x + w), min(H, y + h)
    if x0 >= x1 or y0 >= y1:
        return
    src = rgba[y0 - y:y1 - y, x0 - x:x1 - x]
    # in place, in 0..255: four passes instead of nine (it is most of a motion frame's drawing).
    # Premultiplied colour never exceeds its alpha, so the sum stays within 0..255(+0.5).
    op = np.float32(max(0.0, min(1.0, opacity)))
    dst = frame[y0:y1, x0:x1].astype(np.float32)
    dst *= 1.0 - src[:, :, 3:4] * op
    dst += src[:, :, :3] * (np.float32(255.0) * op)
    dst += np.float32(0.5)
    np.clip(dst, 0.0, 255.0, out=dst)
    frame[y0:y1, x0:x1] = dst


@dataclass
class PageAnimator:
    """Draws one animated page at any time of its timeline."""

    page: m.Page
    layers: object  # anim_layers.SlideLayers
    geo: Geometry
    starts: list[float] = field(default_factory=list)
    _base_cache: dict = field(default_factory=dict)

    def initial_states(self) -> dict[str, LayerState]:
        states = {k: LayerState() for k in self.layers.order}
        first: dict[str, str] = {}
        for s in self.page.steps:
            for e in s.effects:
                if e.render_as != "none":
                    first.setdefault(e.target_key, e.kind)
        for k, kind in first.items():
            if kind == "entrance" and k in states:
                states[k].visible = False
        return states

    def _box(self, key: str) -> tuple[int, int, int, int]:
        L = self.layers.layers[key]
        return L.x, L.y, L.size[0], L.size[1]

    def states_at(self, step_index: int, t: float) -> tuple[dict[str, LayerState], set[str]]:
        """States after steps < step_index, plus step `step_index` at `t` s into it."""
        states = self.initial_states()
        moving: set[str] = set()
        for k, s in enumerate(self.page.steps[:max(0, step_index + 1)]):
            local = t if k == step_index else 1e9
            for e in sorted(s.effects, key=lambda e: e.delay):
                key = e.target_key
                if key not in states or e.render_as == "none":
                    continue
                p = _progress(e, local)
                if p is None:
                    if e.kind == "entrance" and k == step_index:
                        pass  # not started yet: stays as it is (hidden)
                    continue
                if k == step_index and local < e.end:
                    moving.add(key)
                apply_effect(e, p, states[key], self._box(key), self.geo)
        return states, moving

    def frame(self, step_index: int, t: float) -> np.ndarray:
        states, moving = self.states_at(step_index, t)
        rest_key = (step_index, tuple(sorted(moving)),
                    tuple((k, states[k].visible) for k in self.layers.order if k not in moving))
        base = self._base_cache.get(rest_key)
        if base is None:
            base = self.layers.background.copy()
            for k in self.layers.order:
                if k in moving:
                    continue
                st, L = states[k], self.layers.layers[k]
                if st.visible and not L.empty:
                    x, y, rgba = _transformed(L, st, with_alpha=False)
                    _blend(base, x, y, rgba, st.alpha)
            if len(self._base_cache) > 8:
                self._base_cache.clear()
            self._base_cache[rest_key] = base
        if not moving:
            return base
        out = base.copy()
        for k in self.layers.order:
            if k in moving:
                st, L = states[k], self.layers.layers[k]
                if st.visible and not L.empty:
                    x, y, rgba = _transformed(L, st, with_alpha=False)
                    _blend(out, x, y, rgba, st.alpha)
        return out

    def first(self) -> np.ndarray:
        return self.frame(-1, 0.0)

    def last(self) -> np.ndarray:
        return self.frame(len(self.page.steps) - 1, 1e9)


# ------------------------------------------------------------------------------------------
# Transitions


def transition_frame(kind: str, direction: str | None, a: np.ndarray, b: np.ndarray, p: float) -> np.ndarray:
    """Frame `p` (0..1) of a transition from picture `a` to picture `b` (uint8 H×W×3)."""
    return _transition(kind, direction, a, b, p, 0)


def transition_planes(kind: str, direction: str | None, a, b, p: float):  # noqa: ANN001 — yuv420.Planes
    """The same frame composed on I420 planes: each plane is transformed like a picture of its
    own size (every transition is defined in fractions of the width and height), so the video's
    transitions need no RGB → YUV conversion per frame."""
    from creator_studio.core.media import yuv420

    # moves and sizes are counted in even luma pixels, so the chroma planes (half size) move
    # exactly with the luma one
    return yuv420.Planes(*(_transition(kind, direction, pa, pb, p, black, f, 2)
                           for pa, pb, black, f in zip(a, b, yuv420.BLACK, (1, 2, 2))))


@dataclass(frozen=True, eq=False)
class TransitionPicture:
    """One transition frame, drawn when the encoder asks for it: as RGB (called), or on I420
    planes from the converter that fed the frames before it (`planes`)."""

    kind: str
    direction: str | None
    a: np.ndarray
    b: np.ndarray
    p: float

    def __call__(self) -> np.ndarray:
        return transition_frame(self.kind, self.direction, self.a, self.b, self.p)

    def planes(self, conv):  # noqa: ANN001 — yuv420.Converter
        return transition_planes(self.kind, self.direction, conv.planes_of(self.a),
                                 conv.planes_of(self.b), self.p)


def _transition(kind: str, direction: str | None, a: np.ndarray, b: np.ndarray, p: float,
                black: int, f: int = 1, q: int = 1) -> np.ndarray:
    """A transition frame on one picture or plane (H×W×C or H×W); `black` is the plane's black.

    A plane has `f` luma pixels per pixel (2 for 4:2:0 chroma); offsets and sizes are whole
    multiples of `q` luma pixels, so planes of one picture move together.

    Only pixels that can change are computed: fades and masked reveals work inside the box where
    `a` and `b` differ (slides sharing a template differ in their content area only); wipes and
    splits copy row/column bands, circles and diamonds one span per row (profiled: full-frame
    boolean masks cost 30–40 ms a 720p frame, bands and spans under 3 ms).
    """
    H, W = a.shape[:2]
    p = max(0.0, min(1.0, p))
    e = _ease(p)
    d = (direction or "").lower()

    def px(luma: float) -> int:  # a length in luma pixels → this plane's pixels
        return int(round(luma / q)) * q // f

    if kind == "fade":
        if d == "through-black":
            src, k = (a, 1 - 2 * p) if p < 0.5 else (b, 2 * p - 1)
            return _dimmed(src, k, black)
        return _mix_changed(a, b, p)
    vec = {"l": (-1, 0), "r": (1, 0), "u": (0, -1), "d": (0, 1), "lu": (-1, -1), "ru": (1, -1),
           "ld": (-1, 1), "rd": (1, 1)}.get(d or "l", (-1, 0))
    if kind in ("push", "cover", "uncover"):
        out = a.copy() if kind == "cover" else (b.copy() if kind == "uncover" else np.empty_like(a))
        mx, my = vec
        WL, HL = W * f, H * f
        if kind == "push":
            _paste(out, a, px(mx * e * WL), px(my * e * HL))
            _paste(out, b, px(-mx * (1 - e) * WL), px(-my * (1 - e) * HL))
        elif kind == "cover":
            _paste(out, b, px(-mx * (1 - e) * WL), px(-my * (1 - e) * HL))
        else:
            _paste(out, a, px(mx * e * WL), px(my * e * HL))
        return out
    if kind == "zoom":
        s = max(0.05, e)
        wl, hl = max(q, int(W * f * s) // q * q), max(q, int(H * f * s) // q * q)
        small = np.asarray(Image.fromarray(b).resize((max(1, wl // f), max(1, hl // f)), Image.BILINEAR))
        out = _dimmed(a, 1 - p, black)
        _paste(out, small, ((W * f - wl) // (2 * q)) * q // f, ((H * f - hl) // (2 * q)) * q // f)
        return out
    if kind not in ("wipe", "split", "circle", "diamond", "wheel"):
        return _transition("fade", None, a, b, p, black, f, q)
    out = a.copy()
    if p >= 1:
        return b.copy()
    if p <= 0:
        return out
    if kind == "wipe":  # b comes in from the side the wipe starts at (PowerPoint's dir = towards)
        side = {"l": "right", "r": "left", "u": "bottom", "d": "top"}.get(d or "l", "right")
        n = px(math.floor(p * (W if side in ("left", "right") else H) * f + 0.5))
        if side == "left":
            out[:, :n] = b[:, :n]
        elif side == "right":
            out[:, W - n:] = b[:, W - n:]
        elif side == "top":
            out[:n] = b[:n]
        else:
            out[H - n:] = b[H - n:]
        return out
    if kind == "split":
        vertical = d.startswith("vert")
        n = W if vertical else H
        c = np.abs((np.arange(n) + 0.5) / n - 0.5) * 2  # 0 at the centre, 1 at the edges
        line = (c >= 1 - p) if d.endswith("in") else (c <= p)
        for i0, i1 in _runs(line):
            if vertical:
                out[:, i0:i1] = b[:, i0:i1]
            else:
                out[i0:i1] = b[i0:i1]
        return out
    y0, y1, x0, x1 = _changed_box(a, b)
    if y0 >= y1:
        return out
    if kind in ("circle", "diamond"):  # one span per row, centred, growing outwards
        ys = (np.arange(y0, y1) + 0.5) / H - 0.5
        if kind == "circle":
            r = math.sqrt(0.5) * p
            half = np.sqrt(np.maximum(r * r - ys * ys, 0.0)) * np.where(np.abs(ys) <= r, 1.0, -1.0)
        else:
            half = p - np.abs(ys)
        lo = np.clip(np.ceil((0.5 - half) * W - 0.5), x0, x1).astype(int)
        hi = np.clip(np.floor((0.5 + half) * W - 0.5) + 1, x0, x1).astype(int)
        for k, (l_, h_) in enumerate(zip(lo.tolist(), hi.tolist())):
            if h_ > l_:
                out[y0 + k, l_:h_] = b[y0 + k, l_:h_]
        return out
    # wheel: a clockwise sector, drawn with Pillow's masked paste inside the changed box
    mk = _angles(H, W)[y0:y1, x0:x1] <= 360.0 * p
    region = Image.fromarray(out[y0:y1, x0:x1])
    region.paste(Image.fromarray(b[y0:y1, x0:x1]), (0, 0), Image.fromarray(mk.astype(np.uint8) * 255))
    out[y0:y1, x0:x1] = np.asarray(region)
    return out


def _runs(line: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) index ranges where the boolean 1-D `line` is True."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], line.astype(np.int8), [0]))))
    return [(int(edges[i]), int(edges[i + 1])) for i in range(0, len(edges), 2)]


_CHANGED: dict = {}


def _changed_box(a: np.ndarray, b: np.ndarray) -> tuple[int, int, int, int]:
    """(y0, y1, x0, x1) of the pixels where `a` and `b` differ — computed once per pair of
    pictures (a transition asks for it on every frame)."""
    key = (id(a), id(b), a.__array_interface__["data"][0], b.__array_interface__["data"][0])
    hit = _CHANGED.get(key)
    if hit is not None:
        return hit
    diff = (a != b).any(axis=2) if a.ndim == 3 else a != b
    rows, cols = np.flatnonzero(diff.any(axis=1)), np.flatnonzero(diff.any(axis=0))
    box = (0, 0, 0, 0) if len(rows) == 0 else (int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1)
    if len(_CHANGED) > 8:
        _CHANGED.clear()
    _CHANGED[key] = box
    return box


def _mix_changed(a: np.ndarray, b: np.ndarray, p: float) -> np.ndarray:
    """Crossfade computed only inside the box where the two pictures differ."""
    if p <= 0:
        return a.copy()
    if p >= 1:
        return b.copy()
    y0, y1, x0, x1 = _changed_box(a, b)
    out = a.copy()
    if y1 > y0:
        out[y0:y1, x0:x1] = _mix(a[y0:y1, x0:x1], b[y0:y1, x0:x1], p)
    return out


def _dimmed(a: np.ndarray, k: float, black: int = 0) -> np.ndarray:
    """a dimmed towards `black` by k (1 = as is) through a Pillow lookup table (one pass in C)."""
    k = max(0.0, min(1.0, k))
    lut = [int(math.floor(black + (v - black) * k + 0.5)) for v in range(256)]
    lut = lut * (a.shape[2] if a.ndim == 3 else 1)
    return np.asarray(Image.fromarray(a).point(lut)).copy()


def _mix(a: np.ndarray, b: np.ndarray, p: float) -> np.ndarray:
    """a·(1−p) + b·p in 16-bit integers (4 ms a 720p frame; Pillow's blend measured 13 ms)."""
    k = int(round(max(0.0, min(1.0, p)) * 256))
    out = a.astype(np.uint16) * (256 - k)
    out += b.astype(np.uint16) * k
    out >>= 8
    return out.astype(np.uint8)


def _resized(rgba: np.ndarray, w: int, h: int) -> np.ndarray:
    if rgba.shape[1] == w and rgba.shape[0] == h:
        return rgba
    im = Image.fromarray(np.clip(rgba * 255 + 0.5, 0, 255).astype(np.uint8))  # 4 channels: RGBA
    return np.asarray(im.resize((max(1, w), max(1, h)), Image.BILINEAR), np.float32) / 255.0


def morph_frame(ml, p: float) -> np.ndarray:
    """Morph at progress p: backgrounds crossfade; each shape matched by name moves and resizes
    from its box on the old slide to its box on the new one, its two pictures crossfading. A
    shape with text on both slides moves its text separately: the text keeps its own size (it
    scales only when the font size changed), so it slides across instead of stretching with the
    box, and old and new text crossfade where they differ."""
    e = _ease(p)
    out = _mix(ml.bg_a, ml.bg_b, p)
    for n in ml.names:
        _morph_pair(out, ml.a[n], ml.b[n], p, e)
        if n in getattr(ml, "text_a", {}):
            _morph_pair(out, ml.text_a[n], ml.text_b[n], p, e)
    return out


def _morph_pair(out: np.ndarray, la, lb, p: float, e: float) -> None:
    if la.empty and lb.empty:
        return
    if la.empty or lb.empty:
        only = lb if la.empty else la
        _blend(out, only.x, only.y, only.rgba * (p if la.empty else 1 - p))
        return
    x = la.x + (lb.x - la.x) * e
    y = la.y + (lb.y - la.y) * e
    w = int(round(la.size[0] + (lb.size[0] - la.size[0]) * e))
    h = int(round(la.size[1] + (lb.size[1] - la.size[1]) * e))
    both = _resized(la.rgba, w, h) * (1 - p) + _resized(lb.rgba, w, h) * p  # premultiplied mix
    _blend(out, int(round(x)), int(round(y)), both)


def _paste(dst: np.ndarray, src: np.ndarray, x: int, y: int) -> None:
    H, W = dst.shape[:2]
    h, w = src.shape[:2]
    x0, y0, x1, y1 = max(0, x), max(0, y), min(W, x + w), min(H, y + h)
    if x0 < x1 and y0 < y1:
        dst[y0:y1, x0:x1] = src[y0 - y:y1 - y, x0 - x:x1 - x]


# ------------------------------------------------------------------------------------------
# The picture sequence


@dataclass
class Entry:
    """One picture of the sequence and how long it shows. `picture` is an RGB array, or a
    zero-argument function that draws it: motion frames are drawn only when the encoder is ready
    for them, so drawing and x264 run side by side and no frame waits in memory."""

    picture: object
    duration: float
    repeat: bool = False  # the same picture as the entry before (a later piece of one still)

    def draw(self) -> np.ndarray:
        return self.picture() if callable(self.picture) else self.picture


@dataclass
class Sequence:
    """The picture sequence, streamed to ffmpeg as raw RGB in chunks of a few pages.

    Frames go through a pipe (`-f rawvideo`), never through files: writing, deleting and
    re-reading one 2.7 MB file per frame cost ~4 ms of CPU per 720p frame (measured, issue 16),
    more than drawing it. A raw stream has no timestamps, so each chunk's are given by a `setpts`
    expression built from the entries' durations (stills last seconds, motion frames 1/20 s).

    At a page boundary, once the pictures held for a chunk pass `budget` bytes, the chunk is
    encoded into a video-only segment in the background while the next chunk is prepared (at
    most one chunk waits); `finish` joins the segments (stream copy) with the audio and subtitles,
    or encodes everything at once when it fit in one chunk.
    """

    seg_dir: Path
    preset: object
    piece: float = STILL_PIECE
    budget: int = 300_000_000
    job: Job | None = None
    entries: list[Entry] = field(default_factory=list)
    keyframes: list[float] = field(default_factory=list)  # relative to the current chunk
    segments: list[Path] = field(default_factory=list)
    frames_drawn: int = 0
    encode_seconds: float = 0.0  # ffmpeg wall time, drawing of the frames it waited for included
    draw_seconds: list = field(default_factory=lambda: [0.0])  # drawing the lazy frames
    wait_seconds: float = 0.0  # preparing a chunk waited this long for the one before
    _pool: object = None
    _pending: list = field(default_factory=list)
    _seg_seconds: list = field(default_factory=list)
    _bytes: int = 0
    _runs: int = 0
    _chunk_start: float = 0.0
    _total: float = 0.0

    # a chunk's timestamps travel in the ffmpeg command line (~45 characters a run): this keeps it
    # far below Windows' 32,767-character limit
    MAX_RUNS = 300

    def _append(self, entry: Entry) -> None:
        if not self.entries or abs(self.entries[-1].duration - entry.duration) > 1e-9:
            self._runs += 1
        self.entries.append(entry)
        self._total += entry.duration

    def picture(self, arr: np.ndarray) -> np.ndarray:
        """A picture held until its chunk is encoded (a still, or a page's first/last state)."""
        arr = np.ascontiguousarray(arr, dtype=np.uint8)
        w, h = self.preset.size
        if arr.shape != (h, w, 3):  # the raw stream declares one frame size for every picture
            raise ValueError(f"frame {arr.shape} is not {h}×{w}×3")
        self._bytes += arr.nbytes
        return arr

    def add_still(self, picture, seconds: float) -> None:  # noqa: ANN001 — array or drawing function
        left, first = seconds, True
        while left > 1e-6:
            piece = self.piece if left > self.piece * 1.5 else left
            self._append(Entry(picture, piece, repeat=not first))
            left, first = left - piece, False

    def add_frame(self, picture, seconds: float) -> None:  # noqa: ANN001 — array or drawing function
        self.frames_drawn += 1
        if not callable(picture):
            picture = self.picture(picture)
        self._append(Entry(picture, seconds))

    def mark_keyframe(self) -> None:
        self.keyframes.append(self._total - self._chunk_start)

    @property
    def total(self) -> float:
        return self._total

    def checkpoint(self) -> None:
        """Called between pages: encode what is waiting if it has grown past the budget."""
        if self._bytes > self.budget or self._runs > self.MAX_RUNS:
            self._flush()

    def _flush(self) -> None:
        """Encode the waiting chunk in the background (its frames are drawn in that thread while
        ffmpeg encodes on the other core); the chunk before it must be done first, so prepared
        pictures never pile up."""
        if not self.entries:
            return
        import concurrent.futures

        seg = self.seg_dir / f"seg{len(self.segments) + 1:03d}.mp4"
        entries, keyframes = self.entries, self.keyframes

        def work() -> float:
            t0 = time.perf_counter()
            encode_entries(entries, seg, preset=self.preset, keyframes=keyframes, job=self.job,
                           draw_time=self.draw_seconds)
            return time.perf_counter() - t0

        if self._pool is None:
            self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="anim-encode")
        self._wait()
        self._pending.append(self._pool.submit(work))
        self.segments.append(seg)
        self._seg_seconds.append(sum(e.duration for e in entries))
        self.entries, self.keyframes, self._bytes, self._runs = [], [], 0, 0
        self._chunk_start = self._total

    def _wait(self) -> None:
        """Wait for background encodes; the first failure (or Cancelled) is raised."""
        pending, self._pending = self._pending, []
        t0 = time.perf_counter()
        error = None
        for fut in pending:
            try:
                self.encode_seconds += fut.result()
            except BaseException as exc:  # noqa: BLE001 — re-raised below after all finished
                error = error or exc
        self.wait_seconds += time.perf_counter() - t0
        if error is not None:
            raise error

    def finish(self, out: Path, *, audio: Path | None, srt: Path | None, burn_subtitles: bool,
               metadata: dict[str, str] | None = None):
        """The MP4: one encode when everything fit in one chunk, else segments joined by copy."""
        from creator_studio.core.media import video

        if not self.segments:
            t0 = time.perf_counter()
            encode_entries(self.entries, out, preset=self.preset, keyframes=self.keyframes,
                           audio=audio, srt=srt, burn_subtitles=burn_subtitles, metadata=metadata,
                           job=self.job, draw_time=self.draw_seconds)
        else:
            self._flush()
            self._wait()
            t0 = time.perf_counter()
            join_segments(self.segments, out, total=self._total, preset=self.preset, audio=audio,
                          durations=self._seg_seconds,
                          srt=srt, burn_subtitles=burn_subtitles, metadata=metadata, job=self.job)
        self.encode_seconds += time.perf_counter() - t0
        p = self.preset
        return video.EncodeResult(Path(out), self._total, p.width, p.height, FPS,
                                  "ffmpeg-vfr" + (f"+{len(self.segments)}seg" if self.segments else ""),
                                  self.encode_seconds)

    def cleanup(self) -> None:
        import shutil

        if self._pool is not None:  # a running encode is killed by the job's cancel; wait for it
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self.entries = []
        shutil.rmtree(self.seg_dir, ignore_errors=True)


def _load(path: Path, size: tuple[int, int]) -> np.ndarray:
    with Image.open(path) as im:
        im = im.convert("RGB")
        if im.size != tuple(size):
            from creator_studio.core.media import slide_render

            im = slide_render.letterbox(im, size)
        return np.asarray(im).copy()


def _span_frames(seq: Sequence, t0: float, t1: float, draw, drawn: bool = False) -> None:
    """FPS frames over [t0, t1): draw(t) → picture, called when the encoder takes the frame
    (`drawn`: draw(t) is cheap and returns the lazy picture itself, as `TransitionPicture`)."""
    n = max(1, int(math.ceil((t1 - t0) * FPS - 1e-6)))
    dt = (t1 - t0) / n
    for i in range(n):
        seq.add_frame(draw(t0 + i * dt) if drawn else functools.partial(draw, t0 + i * dt), dt)


def build_page(seq: Sequence, page: m.Page, anim: PageAnimator | None, still: np.ndarray,
               prev: np.ndarray | None, start: float, duration: float, speech_start: float,
               speech_duration: float, job: Job | None = None, morph=None) -> np.ndarray:
    """Append one page to `seq`; returns its last picture (the next transition starts from it)."""
    t_tr = transition_seconds(page) if prev is not None else 0.0
    t_tr = min(t_tr, duration * 0.5)
    first = anim.first() if anim is not None else still
    last = anim.last() if anim is not None else still
    t = start
    if t_tr > 0:
        tr = page.transition
        if morph is not None:
            _span_frames(seq, start, start + t_tr, lambda tt: morph_frame(morph, (tt - start) / t_tr))
        else:
            _span_frames(seq, start, start + t_tr,
                         lambda tt: TransitionPicture(tr.render_as, tr.direction, prev, first, (tt - start) / t_tr),
                         drawn=True)
        t = start + t_tr
    end = start + duration
    if anim is None or not page.steps:
        seq.add_still(seq.picture(last if anim is not None else still), end - t)
        return last
    anim.starts = step_starts(page, start, duration, speech_start, speech_duration)
    if anim.starts[0] > t + 1e-3:
        seq.add_still(seq.picture(first), anim.starts[0] - t)
        t = anim.starts[0]
    for k, step in enumerate(page.steps):
        if job is not None:
            job.raise_if_cancelled()
        s0 = max(t, anim.starts[k])
        s_next = anim.starts[k + 1] if k + 1 < len(page.steps) else end
        s_next = max(s_next, s0)
        a_end = min(s0 + _step_length(step), s_next)
        if a_end > s0 + 1e-3:
            _span_frames(seq, s0, a_end, lambda tt, k=k, s0=s0: anim.frame(k, tt - s0))
        if s_next > a_end + 1e-3:
            seq.add_still(functools.partial(anim.frame, k, 1e9), s_next - a_end)
        t = s_next
    if end > t + 1e-3:
        seq.add_still(seq.picture(last), end - t)
    return last


def content_box(lesson: m.Lesson, size: tuple[int, int]) -> tuple[int, int, int, int]:
    W, H = size
    sw = lesson.source.slide_width_emu or 16
    sh = lesson.source.slide_height_emu or 9
    s = min(W / sw, H / sh)
    w, h = int(round(sw * s)), int(round(sh * s))
    return (W - w) // 2, (H - h) // 2, w, h


def has_animation(pages: list[m.Page]) -> bool:
    return any(p.steps or transition_seconds(p) > 0 for p in pages)


@dataclass
class AnimatedVideo:
    sequence: Sequence
    info: dict

    def encode(self, out: Path, *, audio: Path | None, srt: Path | None, burn_subtitles: bool,
               metadata: dict[str, str] | None = None):
        """Encode, then free the frames (always, also on failure or cancel)."""
        try:
            res = self.sequence.finish(out, audio=audio, srt=srt, burn_subtitles=burn_subtitles,
                                       metadata=metadata)
        finally:
            self.sequence.cleanup()
        # motion frames are drawn while they are encoded: their drawing time is known only now
        self.info["frames_seconds"] = round(self.info.get("frames_seconds", 0.0)
                                            + self.sequence.draw_seconds[0], 2)
        self.info["encode_seconds"] = round(res.seconds, 2)
        self.info["segments"] = len(self.sequence.segments)
        return res


@dataclass
class LayerRender:
    """What the LibreOffice layer runs gave: slide layers by slide index, morph layers by slide
    pair, why there are none (None = fine) and how long it took."""

    layers: dict
    morphs: dict
    reason: str | None
    seconds: float


def _animated(pages: list[m.Page]) -> list[tuple[m.Page, int]]:
    return [(p, p.source_index - 1) for p in pages if p.steps and p.source_index]


def layered_candidates(pages: list[m.Page]) -> set[str]:
    """Ids of the pages the layer run will draw whole (background + every animated shape): the
    video takes none of their slide pictures, so the screen-record form does not make them."""
    from creator_studio.core.media import anim_layers

    return {p.id for p, _idx in _animated(pages) if anim_layers.targets_of(p)}


def _morph_pairs(pages: list[m.Page]) -> dict[str, tuple[int, int]]:
    """page id → (previous slide index, slide index) for morph transitions."""
    pairs = {}
    for prev, page in zip(pages, pages[1:]):
        tr = page.transition
        if tr is not None and tr.kind == "morph" and prev.source_index and page.source_index:
            pairs[page.id] = (prev.source_index - 1, page.source_index - 1)
    return pairs


def render_layers(pages: list[m.Page], size: tuple[int, int], work: Path, source: Path | None,
                  job: Job | None = None) -> LayerRender:
    """The LibreOffice runs the animated video needs (shape layers, morph layers).

    Independent of the slide pictures, so the screen-record form starts it in the background
    while the slides are rasterized (two LibreOffice processes on two cores); `build_video` then
    uses it if the slide pictures came from LibreOffice too.
    """
    from creator_studio.core.media import anim_layers, raster

    t0 = time.perf_counter()
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    animated = _animated(pages)
    layers: dict = {}
    reason = None
    if source is None or Path(source).suffix.lower() not in raster.PRESENTATION_SUFFIXES:
        return LayerRender({}, {}, "没有原始演示文稿 / no source deck", 0.0)
    if animated:
        try:
            layers = anim_layers.render_slide_layers(Path(source), animated, size, work / "layers", job)
        except Exception as exc:  # noqa: BLE001 — a layer failure costs the animation, never the video
            if type(exc).__name__ == "Cancelled":
                raise
            log.warning("animation layers failed: %r", exc, exc_info=True)
            reason = f"{type(exc).__name__}: {exc}"[:300]
    morphs: dict = {}
    pairs = _morph_pairs(pages)
    if pairs:
        try:
            morphs = anim_layers.render_morph(Path(source), list(set(pairs.values())), size, work / "morph", job)
        except Exception as exc:  # noqa: BLE001 — morph falls back to the crossfade, reported
            if type(exc).__name__ == "Cancelled":
                raise
            log.warning("morph layers failed: %r", exc, exc_info=True)
    return LayerRender(layers, morphs, reason, time.perf_counter() - t0)


def build_video(lesson: m.Lesson, pages: list[m.Page], times: list, images: list[Path],
                title_png: Path, end_png: Path, title_seconds: float, end_seconds: float,
                size: tuple[int, int], work: Path, source: Path | None, raster_backend: str,
                job: Job | None = None, burn_captions: bool = False, preset=None,
                prefetched=None) -> AnimatedVideo:
    """The whole video's picture sequence; `times[i]` is page i's `timing.SlideTime`.

    `prefetched` is a `LayerRender` (or a future of one) started earlier by the caller.
    """
    import copy

    t_start = time.perf_counter()
    # Outcomes depend on this render (LibreOffice or not, morph matches): work on copies so the
    # maker's course model keeps its parse-time data.
    pages = copy.deepcopy(list(pages))
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    animated = _animated(pages)
    if "libreoffice" not in raster_backend:
        lr = LayerRender({}, {}, "幻灯片未用 LibreOffice 渲染 / slides not rendered by LibreOffice", 0.0)
    elif prefetched is not None:
        lr = prefetched.result() if hasattr(prefetched, "result") else prefetched
    else:
        lr = render_layers(pages, size, work, source, job)
    layers = lr.layers
    reason = lr.reason if animated else None
    t_layers = lr.seconds if prefetched is not None else time.perf_counter() - t_start
    layered = {p.id for p, idx in animated if idx in layers}
    effective(pages, layered, reason)
    morphs = _morphs(pages, lr.morphs)
    box = content_box(lesson, size)
    geo = Geometry(frame=size, content=box)
    if preset is None:
        from creator_studio.core.media import video

        preset = next((p for p in video.PRESETS.values() if p.size == tuple(size)), video.PRESETS["720p"])
    (work / "segments").mkdir(parents=True, exist_ok=True)
    seq = Sequence(seg_dir=work / "segments", preset=preset, job=job,
                   piece=STILL_PIECE if burn_captions else STILL_PIECE_SOFT)
    try:
        return _fill(seq, pages, times, images, title_png, end_png, title_seconds, end_seconds,
                     size, layers, layered, geo, reason, t_layers, job, morphs)
    except BaseException:
        seq.cleanup()
        raise


def _morphs(pages, found: dict) -> dict[str, object]:
    """Morph transitions whose two slides share shape names: page id → MorphLayers.

    The transition's report entry says what happened: shapes matched by name (moved and resized,
    pictures crossfaded) or a plain crossfade when nothing matched or LibreOffice is unavailable.
    """
    pairs = _morph_pairs(pages)
    out = {}
    for page in pages:
        if page.id not in pairs:
            continue
        ml = found.get(pairs[page.id])
        if ml is None:  # the fallback, reported
            tr = page.transition
            tr.render_as, tr.outcome = "fade", APPROXIMATED
            tr.note = ("平滑切换未匹配到同名形状（或无法分层渲染），以淡入淡出代替 / morph fell back to a "
                       "crossfade: no shape is named the same on both slides (or no LibreOffice layers)")
            continue
        out[page.id] = ml
        tr = page.transition
        tr.render_as = "morph"
        differ = list(getattr(ml, "differ", []))
        # every matched shape keeps its outline and text: moving and resizing them is the morph
        tr.outcome = APPROXIMATED if differ else REPRODUCED
        tr.note = (f"平滑切换：{len(ml.names)} 个同名形状移动并缩放（文字保持字号随之移动），其余内容淡入淡出 / morph: "
                   f"{len(ml.names)} shape(s) matched by name move and resize (text moves at its own size), "
                   "the rest crossfades")
        if differ:
            tr.note += (f"；{len(differ)} 个形状的文字不同，文字淡入淡出 / {len(differ)} with changed text: the "
                        f"text crossfades ({', '.join(differ[:3])})")
        unmatched = list(getattr(ml, "unmatched", []))
        if unmatched:
            tr.outcome = APPROXIMATED
            tr.note += (f"；{len(unmatched)} 个同名但内容不同的形状不配对，随背景淡入淡出 / {len(unmatched)} named "
                        f"the same but different shapes are not paired and crossfade ({', '.join(unmatched[:3])})")
    return out


def _fill(seq: Sequence, pages, times, images, title_png, end_png, title_seconds, end_seconds,
          size, layers, layered, geo, reason, t_layers, job, morphs=None) -> AnimatedVideo:
    title = _load(title_png, size)
    seq.mark_keyframe()
    seq.add_still(seq.picture(title), title_seconds)
    prev = title
    step_times: dict[str, list[float]] = {}
    t_draw = time.perf_counter()
    for i, (page, st) in enumerate(zip(pages, times)):
        if job is not None:
            job.progress(i, len(pages), "绘制动画 / drawing animation")
        seq.mark_keyframe()
        # None: a page the layers draw whole (the form made no slide picture for it)
        still = _load(images[i], size) if images[i] is not None else None
        anim = None
        if page.id in layered:
            anim = PageAnimator(page, layers[page.source_index - 1], geo)
        prev = build_page(seq, page, anim, still, prev, st.start, st.duration, st.speech_start,
                          st.speech_duration, job, morph=(morphs or {}).get(page.id))
        if anim is not None and anim.starts:
            step_times[page.id] = [round(x, 3) for x in anim.starts]
        seq.checkpoint()
    seq.mark_keyframe()
    seq.add_still(seq.picture(_load(end_png, size)), end_seconds)
    info = {"animated_pages": len(layered), "animation_fallback_reason": reason,
            "animation_frames": seq.frames_drawn,
            "layers_seconds": round(t_layers, 2),
            # preparing the pictures; the motion frames are drawn while encoding (added then)
            "frames_seconds": round(time.perf_counter() - t_draw - seq.wait_seconds, 2),
            "segments": len(seq.segments), "step_starts": step_times, "animation": report(pages)}
    return AnimatedVideo(seq, info)


# ------------------------------------------------------------------------------------------
# Encoding: the video.encode_slideshow contract, without the constant-rate filter


def _video_args(preset, vf: list[str], keyframes: list[float] | None) -> list[str]:
    kf = ",".join(f"{t:.3f}" for t in (keyframes or [0.0]))
    return ["-vf", ",".join(vf + ["format=yuv420p"]), "-fps_mode", "vfr",
            "-c:v", "libx264", "-preset", preset.x264_preset, "-tune", "stillimage",
            "-crf", str(preset.crf), "-g", str(FPS * 2), "-keyint_min", "1",
            "-force_key_frames", kf, "-pix_fmt", "yuv420p"]


def _inputs(audio: Path | None, srt: Path | None, n: int) -> tuple[list[str], list[str]]:
    args: list[str] = []
    maps: list[str] = []
    if audio is not None:
        args += ["-i", str(Path(audio).resolve())]
        maps += ["-map", f"{n}:a:0"]
        n += 1
    if srt is not None:
        args += ["-f", "srt", "-i", "subs.srt"]
        maps += ["-map", f"{n}:s:0"]
    return args, maps


def _to_mp4(video_input: list[str], out: Path, *, total: float, preset, video_args: list[str],
            audio: Path | None, srt: Path | None, metadata: dict[str, str] | None, job: Job,
            what: str, label: str, prefix: str, listing: list[str] | None = None, feed=None) -> None:
    """Video (an ffconcat listing, or raw frames fed on stdin) + narration + captions → MP4,
    written atomically.

    The one ffmpeg call behind `encode_entries` and `join_segments`: `video_args` say how the
    picture is made (encoded, or copied); audio is copied, subtitles are soft mov_text, `-t` is
    the planned length. `subs.srt` in the work folder is what a burn-in filter refers to.
    """
    import shutil
    import tempfile

    from creator_studio.core import atomic
    from creator_studio.core.media import ffmpeg, video

    work = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        if listing is not None:
            (work / "list.ffconcat").write_text("\n".join(["ffconcat version 1.0"] + listing) + "\n",
                                                encoding="utf-8")
        if srt is not None and Path(srt).is_file():
            shutil.copyfile(srt, work / "subs.srt")
        else:
            srt = None
        extra, maps = _inputs(audio, srt, 1)
        args = list(video_input) + extra + ["-map", "0:v:0"] + maps
        args += video_args
        args += video._audio_args(audio, preset) if audio is not None else ["-an"]
        if srt is not None:
            args += ["-c:s", "mov_text", "-metadata:s:s:0", "language=chi"]
        args += video._meta_args(metadata)
        with atomic.staged_file(Path(out)) as tmp:
            args += ["-t", f"{total:.3f}", "-movflags", "+faststart", "-f", "mp4", str(tmp.resolve())]
            ffmpeg.run_ffmpeg(args, job=job, timeout=max(120.0, total * 2), cwd=work,
                              total_seconds=total, progress=lambda f: job.progress(f, 1.0, label), what=what,
                              feed=feed)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _burn_filter(preset, srt: Path | None, burn_subtitles: bool) -> list[str]:
    from creator_studio.core.media import video

    if burn_subtitles and srt is not None and Path(srt).is_file():
        return [f"subtitles=filename=subs.srt:force_style='{video._force_style(preset)}'"]
    return []


def _pts_expression(durations: list[float]) -> str:
    """`setpts` for a raw stream: frame N's start time in seconds, from the entries' durations.

    Consecutive entries of equal length form one run (a motion span at 1/20 s, or the pieces of
    a still): T + (N − a)·d inside the run. The runs are picked by a balanced tree of if(lt(N, …))
    — ffmpeg's expression parser refuses nesting deeper than ~100, and a flat sum of terms nests
    one level per term.
    """
    runs, t, n, k = [], 0.0, len(durations), 0
    while k < n:
        d = durations[k]
        j = k
        while j + 1 < n and abs(durations[j + 1] - d) < 1e-9:
            j += 1
        runs.append((k, t, d))
        t += d * (j - k + 1)
        k = j + 1
    runs.append((n, t, 0.0))  # the last picture once more, at the end time

    def tree(lo: int, hi: int) -> str:
        if hi - lo == 1:
            a, start, d = runs[lo]
            return f"{start:.6f}+(N-{a})*{d:.9f}"
        mid = (lo + hi) // 2
        return f"if(lt(N,{runs[mid][0]}),{tree(lo, mid)},{tree(mid, hi)})"

    return tree(0, len(runs))


def _raw_input(preset) -> list[str]:
    w, h = preset.size
    return ["-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", f"{w}x{h}", "-framerate", str(FPS), "-i", "pipe:0"]


def _feeder(entries: list[Entry], draw_time: list[float], job: Job | None):
    """Write each entry's picture to ffmpeg's stdin as I420 planes, drawing lazy ones on the
    way; the last one once more (it carries the end time). The later pieces of a still reuse
    its picture. Pictures are converted only where they differ from the one before, and
    transitions are composed on the planes (`yuv420`); ffmpeg converting RGB itself cost more
    than drawing the frame."""
    from creator_studio.core.media import yuv420

    conv = yuv420.Converter()

    def feed(stdin) -> None:  # noqa: ANN001
        planes = None
        for k, e in enumerate(list(entries) + [entries[-1]]):
            if planes is None or not (e.repeat or k == len(entries)):
                if job is not None:
                    job.raise_if_cancelled()
                t0 = time.perf_counter()
                if hasattr(e.picture, "planes"):
                    planes = e.picture.planes(conv)
                else:
                    planes = conv.planes_of(np.ascontiguousarray(e.draw(), dtype=np.uint8))
                draw_time[0] += time.perf_counter() - t0
            planes.write(stdin)
    return feed


def encode_entries(entries: list[Entry], out: Path, *, preset, keyframes: list[float] | None = None,
                   audio: Path | None = None, srt: Path | None = None, burn_subtitles: bool = False,
                   metadata: dict[str, str] | None = None, job: Job | None = None,
                   draw_time: list[float] | None = None) -> None:
    """Entries (each a picture with its duration) → MP4, variable frame rate, written atomically.

    Same contract as `video.encode_slideshow`: H.264 yuv420p, AAC copied, soft mov_text and
    optional burned subtitles, keyframes at slide starts, `-t` = the planned length. Pictures are
    streamed raw on stdin; `draw_time[0]` gains the seconds spent drawing lazy ones.
    """
    draw_time = draw_time if draw_time is not None else [0.0]
    vf = ["settb=AVTB", f"setpts='round(({_pts_expression([e.duration for e in entries])})/TB)'", "setsar=1"]
    vf += _burn_filter(preset, srt, burn_subtitles)
    # without it the encoder counts time in 1/20 s, the raw input's nominal rate, and every
    # still's length is rounded to it
    video_args = _video_args(preset, vf, keyframes) + ["-enc_time_base:v", "1:1000"]
    _to_mp4(_raw_input(preset), out, total=sum(e.duration for e in entries), preset=preset,
            video_args=video_args, audio=audio, srt=srt, metadata=metadata,
            job=job or Job(), what="ffmpeg (H.264, animated)", label="编码视频 / encoding video",
            prefix="cs-anim-video-", feed=_feeder(entries, draw_time, job))


def join_segments(segments: list[Path], out: Path, *, total: float, preset, audio: Path | None,
                  srt: Path | None, burn_subtitles: bool, metadata: dict[str, str] | None,
                  job: Job | None = None, durations: list[float] | None = None) -> None:
    """Concatenate video-only segments (stream copy) and add audio and subtitles.

    Burned captions need one more encode of the joined picture (documented cost of that option).
    """
    from creator_studio.core.media import ffmpeg

    # each segment's planned length: an MP4's last frame has no reliable duration of its own
    # (measured: 0.04 s lost per joint), and audio and captions follow the plan
    listing = []
    for k, p in enumerate(segments):
        listing.append(f"file {ffmpeg.concat_quote(Path(p).resolve())}")
        if durations and k < len(durations):
            listing.append(f"duration {durations[k]:.6f}")
    burn = _burn_filter(preset, srt, burn_subtitles)
    video_args = _video_args(preset, ["setsar=1"] + burn, None) if burn else ["-c:v", "copy"]
    _to_mp4(["-f", "concat", "-safe", "0", "-i", "list.ffconcat"], out, total=total, preset=preset,
            video_args=video_args, audio=audio, srt=srt, metadata=metadata, job=job or Job(),
            what="ffmpeg (join)", label="合并视频 / joining video", prefix="cs-anim-join-", listing=listing)


# ------------------------------------------------------------------------------------------
# Report


def outcome_label(outcome: str, render_as: str) -> str:
    if outcome == REPRODUCED:
        return "已还原 / reproduced"
    if outcome == APPROXIMATED:
        return f"近似为 {render_as} / approximated by {render_as}"
    return "显示最终状态 / shown at end state"


def effective(lesson_pages: list[m.Page], layered: set[str], reason: str | None) -> None:
    """Effects on pages without LibreOffice layers can only be shown at their end state."""
    for p in lesson_pages:
        if p.id in layered:
            continue
        for s in p.steps:
            for e in s.effects:
                if e.outcome != END_STATE:
                    e.outcome = END_STATE
                    e.note = f"无法分层渲染（{reason or '无 LibreOffice'}）/ no layers: {reason or 'no LibreOffice'}"


def page_report(page: m.Page) -> dict:
    effects = []
    for k, s in enumerate(page.steps):
        for e in s.effects:
            effects.append({"step": k + 1, "trigger": s.trigger, "shape": e.label(), "kind": e.kind,
                            "preset": e.preset, "direction": e.direction, "start": e.start,
                            "duration": e.duration, "delay": e.delay, "outcome": e.outcome,
                            "render_as": e.render_as, "note": e.note})
    tr = page.transition
    return {"page": page.id, "slide": page.source_index, "title": page.title,
            "steps": len(page.steps), "clicks": click_count(page.steps),
            "triggers": sum(1 for s in page.steps if s.trigger == "shape"),
            "effects": effects,
            "transition": None if tr is None or tr.kind == "none" else {
                "kind": tr.kind, "source": tr.source, "duration": tr.duration,
                "direction": tr.direction, "outcome": tr.outcome, "render_as": tr.render_as,
                "note": tr.note}}


def report(pages: list[m.Page]) -> dict:
    """The deck's animation report: per page, and totals by outcome."""
    rows = [page_report(p) for p in pages if p.steps or (p.transition and p.transition.kind != "none")]
    totals = {REPRODUCED: 0, APPROXIMATED: 0, END_STATE: 0}
    for r in rows:
        for e in r["effects"]:
            totals[e["outcome"]] = totals.get(e["outcome"], 0) + 1
    tr_totals = {REPRODUCED: 0, APPROXIMATED: 0, END_STATE: 0}
    for r in rows:
        if r["transition"]:
            tr_totals[r["transition"]["outcome"]] += 1
    return {"pages": rows, "effects": sum(len(r["effects"]) for r in rows), "by_outcome": totals,
            "transitions": sum(1 for r in rows if r["transition"]), "transitions_by_outcome": tr_totals,
            "steps": sum(r["steps"] for r in rows), "clicks": sum(r["clicks"] for r in rows)}


__all__ = ["spoken", "split_narration", "page_advance", "step_starts", "PageAnimator", "Geometry",
           "transition_frame", "Sequence", "build_page", "encode", "report", "Transition"]
