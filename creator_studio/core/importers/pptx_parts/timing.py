"""`p:timing` → steps, and `p:transition` → a transition, for one slide.

python-pptx has no API for either, so we walk the slide XML. The time tree PowerPoint writes is:

    tmRoot par
      └ seq (mainSeq)            ← the click sequence
          └ par  (click group)    ← one per click; cond delay="indefinite" (+ evt="onBegin" when
              │                      the group starts by itself with the slide)
              └ par  (sub-group)  ← with/after-previous chains: cond delay = offset from the click
                  └ par cTn presetClass=… nodeType=clickEffect|withEffect|afterEffect
                        └ behaviours (set, animEffect, anim, animMotion, animScale, animRot, animClr)
      └ seq (interactiveSeq)     ← a trigger: cond evt="onClick" on another shape (spTgt)

Each click group becomes one `Step`. Effect durations come from their behaviours (delay + dur,
longest wins); repeat (`repeatCount`, 1/1000ths) and auto-reverse are kept. Preset names follow
PowerPoint's preset tables (presetClass + presetID); what our renderers draw for each is decided
here too, so the report and the renderers never disagree.
"""

from __future__ import annotations

import logging
import re

from lxml import etree

from creator_studio.core.importers.pptx_parts.ns import NS, local, q
from creator_studio.core.lesson.animation import (
    APPROXIMATED,
    END_STATE,
    REPRODUCED,
    Effect,
    Step,
    Transition,
)

log = logging.getLogger(__name__)

NS_P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
NS_P15 = "http://schemas.microsoft.com/office/powerpoint/2012/main"
NS_P159 = "http://schemas.microsoft.com/office/powerpoint/2015/09/main"
NS_PREFIX = {NS["p"]: "p", NS_P14: "p14", NS_P15: "p15", NS_P159: "p159"}

P_TIMING, P_CTN, P_PAR, P_SEQ = q("p:timing"), q("p:cTn"), q("p:par"), q("p:seq")
P_CHILDTNLST, P_STCONDLST, P_COND = q("p:childTnLst"), q("p:stCondLst"), q("p:cond")
P_SPTGT, P_TXEL, P_PRG, P_GRAPHICEL = q("p:spTgt"), q("p:txEl"), q("p:pRg"), q("p:graphicEl")
P_CBHVR, P_TGTEL, P_ITERATE, P_ATTRNAME = q("p:cBhvr"), q("p:tgtEl"), q("p:iterate"), q("p:attrName")
P_TRANSITION, P_CNVPR = q("p:transition"), q("p:cNvPr")
P_BY, P_TO, P_STRVAL, P_FLTVAL = q("p:by"), q("p:to"), q("p:strVal"), q("p:fltVal")
MC_ALT, MC_CHOICE, MC_FALLBACK = q("mc:AlternateContent"), q("mc:Choice"), q("mc:Fallback")
A_SRGB, A_SCHEME = q("a:srgbClr"), q("a:schemeClr")

BEHAVIOURS = {"set", "anim", "animEffect", "animMotion", "animScale", "animRot", "animClr",
              "cmd", "audio", "video"}

# PowerPoint entrance/exit presets (presetID) → our name. Exit presets reuse the entrance ids.
ENTR_EXIT = {
    1: "appear", 2: "fly", 3: "blinds", 4: "box", 5: "checkerboard", 6: "shape", 7: "crawl",
    8: "diamond", 9: "dissolve", 10: "fade", 11: "flash-once", 12: "peek", 13: "plus",
    14: "random-bars", 15: "spiral", 16: "split", 17: "stretch", 18: "strips", 19: "swivel",
    20: "wedge", 21: "wheel", 22: "wipe", 23: "zoom", 24: "random-effects", 25: "boomerang",
    26: "bounce", 27: "colour-typewriter", 28: "credits", 29: "ease", 30: "float",
    31: "grow-turn", 34: "light-speed", 35: "pinwheel", 37: "rise-up", 38: "swish",
    39: "thin-line", 40: "unfold", 41: "whip", 42: "float-up", 43: "centre-revolve",
    45: "fade-swivel", 47: "float-down", 48: "sling", 49: "spinner", 50: "compress",
    51: "basic-zoom", 52: "expand", 53: "fade-zoom", 54: "glide", 55: "expand", 56: "flip",
    58: "fold",
}
EMPH = {
    1: "fill-colour", 2: "font", 3: "font-colour", 4: "font-size", 5: "font-style",
    6: "grow-shrink", 7: "line-colour", 8: "spin", 9: "transparency", 10: "bold-flash",
    14: "blast", 15: "bold-reveal", 16: "brush-colour", 18: "brush-underline", 19: "colour-blend",
    20: "colour-wave", 21: "complementary-colour", 22: "complementary-colour-2",
    23: "contrasting-colour", 24: "darken", 25: "desaturate", 26: "pulse", 27: "flicker",
    28: "grow-with-colour", 30: "lighten", 31: "style-emphasis", 32: "teeter",
    33: "vertical-highlight", 34: "wave", 35: "blink", 36: "shimmer",
}
# What our renderers draw natively (animate.py and the H5 player implement exactly these).
NATIVE_ENTR_EXIT = {"appear", "fade", "fly", "float-up", "float-down", "wipe", "split", "zoom",
                    "fade-zoom", "basic-zoom", "grow-turn", "wheel", "shape", "random-bars"}
NATIVE_EMPH = {"pulse", "grow-shrink", "spin", "transparency", "colour"}
# Nearest named effect for the rest (entrance/exit).
NEAREST = {
    "blinds": "random-bars", "checkerboard": "random-bars", "strips": "wipe", "box": "shape",
    "diamond": "shape", "plus": "shape", "circle": "shape", "dissolve": "fade", "peek": "wipe",
    "crawl": "fly", "spiral": "grow-turn", "stretch": "zoom", "swivel": "zoom", "wedge": "wheel",
    "bounce": "float-down", "ease": "fly", "float": "float-up", "rise-up": "float-up",
    "centre-revolve": "grow-turn", "fade-swivel": "fade", "sling": "zoom", "spinner": "grow-turn",
    "compress": "zoom", "expand": "zoom", "glide": "fly", "flip": "zoom", "fold": "wipe",
    "light-speed": "fly", "pinwheel": "grow-turn", "swish": "fly", "thin-line": "zoom",
    "unfold": "wipe", "whip": "fly", "boomerang": "fly", "credits": "fly", "flash-once": "appear",
    "random-effects": "fade", "colour-typewriter": "appear",
}
COLOUR_EMPH = {"fill-colour", "font-colour", "line-colour", "colour-blend", "brush-colour",
               "complementary-colour", "complementary-colour-2", "contrasting-colour", "darken",
               "lighten", "desaturate", "grow-with-colour", "colour-wave"}
EMPH_NEAREST = {"teeter": "spin", "wave": "pulse", "bold-flash": "pulse", "flicker": "transparency",
                "blink": "transparency", "shimmer": "pulse", "blast": "grow-shrink",
                "font-size": "grow-shrink", "bold-reveal": "pulse", "vertical-highlight": "colour",
                "style-emphasis": "pulse", "font": "pulse", "font-style": "pulse",
                "brush-underline": "pulse"}
PATH_PRESETS = {42: "line-down", 64: "line-up", 63: "line-right"}  # named; we follow the path itself
FLY_DIR = {1: "top", 2: "right", 3: "top-right", 4: "bottom", 6: "bottom-right", 8: "left",
           9: "top-left", 12: "bottom-left"}
EDGE_DIR = {1: "top", 2: "right", 4: "bottom", 8: "left"}

# Transitions: OOXML element (with its namespace prefix) → our name.
TRANSITIONS = {
    "p:fade": "fade", "p:push": "push", "p:wipe": "wipe", "p:split": "split", "p:cover": "cover",
    "p:pull": "uncover", "p:zoom": "zoom", "p:circle": "circle", "p:cut": "cut",
    "p:diamond": "diamond", "p:plus": "plus", "p:wedge": "wedge", "p:wheel": "wheel",
    "p:randomBar": "random-bars", "p:blinds": "blinds", "p:strips": "strips",
    "p:dissolve": "dissolve", "p:newsflash": "newsflash", "p:comb": "comb", "p:checker": "checker",
    "p:random": "random", "p159:morph": "morph", "p14:reveal": "reveal", "p14:vortex": "vortex",
    "p14:switch": "switch", "p14:flip": "flip", "p14:ripple": "ripple", "p14:honeycomb": "honeycomb",
    "p14:prism": "prism", "p14:doors": "doors", "p14:window": "window", "p14:ferris": "ferris",
    "p14:gallery": "gallery", "p14:conveyor": "conveyor", "p14:pan": "pan", "p14:glitter": "glitter",
    "p14:warp": "warp", "p14:flythrough": "fly-through", "p14:flash": "flash", "p14:shred": "shred",
    "p14:wheelReverse": "wheel", "p15:prstTrans": "curtains",
}
NATIVE_TRANSITIONS = {"fade", "push", "wipe", "split", "cover", "uncover", "zoom", "circle", "cut",
                      "wheel", "diamond"}
TRANSITION_NEAREST = {"plus": "diamond", "wedge": "wheel", "random-bars": "wipe", "blinds": "wipe",
                      "strips": "wipe", "dissolve": "fade", "newsflash": "zoom", "comb": "push",
                      "checker": "fade", "random": "fade", "reveal": "fade", "vortex": "fade",
                      "switch": "push", "flip": "push", "ripple": "fade", "honeycomb": "fade",
                      "prism": "push", "doors": "split", "window": "split", "ferris": "push",
                      "gallery": "push", "conveyor": "push", "pan": "push", "glitter": "fade",
                      "warp": "zoom", "fly-through": "zoom", "flash": "fade", "shred": "fade",
                      "curtains": "split", "morph": "fade"}
SPEED = {"slow": 1.0, "med": 0.75, "fast": 0.5}


# ------------------------------------------------------------------------------------------


def _int(v: str | None, default: int | None = None) -> int | None:
    try:
        return int(v) if v is not None else default
    except ValueError:
        try:
            return int(float(v))
        except (TypeError, ValueError):
            return default


def _ms(v: str | None) -> float | None:
    """A time attribute in ms → seconds; None for "indefinite" or junk."""
    if v is None or v == "indefinite":
        return None
    n = _int(v)
    return None if n is None else max(0, n) / 1000.0


def _cond_delay(ctn) -> tuple[float | None, list]:
    """(numeric start delay or None, all cond elements) of a cTn."""
    lst = ctn.find(P_STCONDLST)
    conds = list(lst.findall(P_COND)) if lst is not None else []
    delay = None
    for c in conds:
        if c.get("evt"):
            continue
        d = _ms(c.get("delay"))
        if d is not None:
            delay = d if delay is None else max(delay, d)
    return delay, conds


def _children(ctn) -> list:
    """Child time nodes (par/seq/behaviours) of a cTn."""
    lst = ctn.find(P_CHILDTNLST)
    return [c for c in lst if isinstance(c.tag, str)] if lst is not None else []


def _node_ctn(node):
    """The cTn of a par/seq, or of a behaviour (through its cBhvr)."""
    ctn = node.find(P_CTN)
    if ctn is None:
        b = node.find(P_CBHVR)
        ctn = b.find(P_CTN) if b is not None else None
    return ctn


def shape_names(sld) -> dict[str, str]:
    """Shape id → name, for every shape on the slide (inside groups and mc branches too)."""
    out: dict[str, str] = {}
    for c in sld.iter(P_CNVPR):
        sid = c.get("id")
        if sid and sid not in out:
            out[sid] = c.get("name") or ""
    return out


# ------------------------------------------------------------------------------------------
# Effects


def _behaviours(ctn) -> list:
    out = []
    for child in ctn.iter():
        if isinstance(child.tag, str) and local(child) in BEHAVIOURS and child.find(P_CBHVR) is not None:
            out.append(child)
    return out


def _target(behaviours) -> tuple[str | None, list[int] | None, str | None]:
    """(shape id, paragraph range, unsupported-target note) of an effect's first target."""
    for b in behaviours:
        tgt = b.find(P_CBHVR).find(P_TGTEL)
        if tgt is None:
            continue
        sp = tgt.find(P_SPTGT)
        if sp is None:
            if any(local(c) == "sndTgt" for c in tgt):
                return None, None, "sound"
            continue
        rng = None
        note = None
        txel = sp.find(P_TXEL)
        if txel is not None:
            prg = txel.find(P_PRG)
            if prg is not None:
                st, en = _int(prg.get("st"), 0), _int(prg.get("end"), 0)
                rng = [min(st, en), max(st, en)]
            else:
                note = "chars"
        if sp.find(P_GRAPHICEL) is not None:
            note = "graphicEl"
        if sp.get("bg") in ("1", "true"):
            note = note or "bg"
        return sp.get("spid"), rng, note
    return None, None, None


def _timing_of(ctn, behaviours) -> float:
    """Effect length in seconds (one repetition): the latest behaviour end."""
    longest = 0.0
    for b in behaviours:
        bctn = b.find(P_CBHVR).find(P_CTN)
        if bctn is None:
            continue
        d, _ = _cond_delay(bctn)
        dur = _ms(bctn.get("dur"))
        if dur is None:
            dur = 0.0
        if bctn.get("autoRev") in ("1", "true"):
            dur *= 2  # a behaviour that plays forward then back (PowerPoint's pulse)
        longest = max(longest, (d or 0.0) + dur)
    own = _ms(ctn.get("dur"))
    if own is not None and own > 0:
        longest = max(longest, own)
    return round(longest, 3)


def _repeat(ctn, behaviours) -> float:
    for el in [ctn] + [b.find(P_CBHVR).find(P_CTN) for b in behaviours]:
        if el is None:
            continue
        v = el.get("repeatCount")
        if v == "indefinite":
            return 0.0  # until next click; the video plays it once more than the first
        n = _int(v)
        if n and n > 1000:
            return n / 1000.0
    return 1.0


def _auto_reverse(ctn, behaviours) -> bool:
    for el in [ctn] + [b.find(P_CBHVR).find(P_CTN) for b in behaviours]:
        if el is not None and el.get("autoRev") in ("1", "true"):
            return True
    return False


def _filter(behaviours) -> str | None:
    for b in behaviours:
        if local(b) == "animEffect" and b.get("filter"):
            return b.get("filter")
    return None


def _attr_names(behaviours) -> set[str]:
    return {(a.text or "").strip() for b in behaviours for a in b.iter(P_ATTRNAME)}


def _motion_path(behaviours) -> str | None:
    for b in behaviours:
        if local(b) == "animMotion" and b.get("path"):
            return b.get("path")
    return None


def _scale_by(behaviours) -> float | None:
    for b in behaviours:
        if local(b) == "animScale":
            by = b.find(P_BY)
            if by is not None and by.get("x"):
                return (_int(by.get("x"), 100000) or 100000) / 100000.0
    return None


def _rot_by(behaviours) -> float | None:
    for b in behaviours:
        if local(b) == "animRot" and b.get("by"):
            return (_int(b.get("by"), 0) or 0) / 60000.0
    return None


def _opacity_to(behaviours) -> float | None:
    for b in behaviours:
        names = {(a.text or "").strip() for a in b.iter(P_ATTRNAME)}
        if "style.opacity" in names:
            to = b.find(P_TO)
            if to is not None:
                for v in to.iter():
                    if v.get("val"):
                        try:
                            return float(v.get("val"))
                        except ValueError:
                            pass
    return None


def _colour_to(behaviours) -> str | None:
    """The colour an `animClr` goes to: "RRGGBB", "scheme:accent2" (resolved against the theme by
    `resolve_scheme_colours`), "scheme" (no value) or None (no animClr)."""
    for b in behaviours:
        if local(b) == "animClr":
            to = b.find(P_TO)
            if to is not None:
                c = to.find(A_SRGB)
                if c is not None and c.get("val"):
                    return c.get("val").upper()
                sc = to.find(A_SCHEME)
                if sc is not None and sc.get("val"):
                    return "scheme:" + sc.get("val")
                return "scheme"
    return None


# what an animClr changes → Effect.params["colour_attr"]
COLOUR_ATTRS = {"fillcolor": 1, "fill.color": 1, "style.color": 2, "stroke.color": 3}
COLOUR_ATTR_NAMES = {1: "fill", 2: "text", 3: "line"}


def _colour_attrs(behaviours) -> list[int]:
    """What the effect's animClr behaviours change, in order (colour blend: text and fill)."""
    out: list[int] = []
    for b in behaviours:
        if local(b) == "animClr":
            for a in b.iter(P_ATTRNAME):
                k = COLOUR_ATTRS.get((a.text or "").strip().lower())
                if k and k not in out:
                    out.append(k)
    return out


def _theme_colours(slide) -> dict[str, str]:
    """Scheme colour name → "RRGGBB" from the slide master's theme (python-pptx slide)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    master = slide.slide_layout.slide_master
    theme = master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    out: dict[str, str] = {}
    scheme = root.find(f".//{q('a:clrScheme')}")
    if scheme is None:
        return out
    for el in scheme:
        name = etree.QName(el).localname
        c = el.find(A_SRGB)
        if c is not None and c.get("val"):
            out[name] = c.get("val").upper()
        else:
            sysc = el.find(q("a:sysClr"))
            if sysc is not None and sysc.get("lastClr"):
                out[name] = sysc.get("lastClr").upper()
    # the names slides use for the text/background pair
    for a, b in (("tx1", "dk1"), ("bg1", "lt1"), ("tx2", "dk2"), ("bg2", "lt2")):
        if b in out:
            out.setdefault(a, out[b])
    return out


def resolve_scheme_colours(steps: list[Step], slide) -> None:
    """Colour emphases that name a theme colour get its value (else they stay approximated)."""
    pending = [e for s in steps for e in s.effects if (e.color or "").startswith("scheme:")]
    if not pending:
        return
    try:
        colours = _theme_colours(slide)
    except Exception as exc:  # noqa: BLE001 — an odd theme leaves the colour unresolved
        log.info("theme colours unreadable: %r", exc)
        colours = {}
    for e in pending:
        name = e.color.split(":", 1)[1]
        value = colours.get(name)
        e.color = value
        if value and e.render_as == "colour" and e.params.get("colour_attr"):
            e.outcome = REPRODUCED
            e.note = ""
        elif not value:
            e.note = (f"主题颜色 {name} 未找到，以深红色近似 / theme colour {name} not found, drawn in dark red")


_PATH_TOKEN = _PATH_TOKEN = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[A-Za-z]")


def path_points(path: str) -> list[tuple[str, list[tuple[float, float]]]]:
    """PowerPoint motion path → [(command, [points])]; coordinates are slide fractions.

    Numbers are matched before letters so the exponent in `2.29E-6` is not read as the `E`
    (end) command.
    """
    out: list[tuple[str, list[float]]] = []
    for tok in _PATH_TOKEN.findall(path or ""):
        if tok.isalpha():
            out.append((tok.upper(), []))
        elif out:
            out[-1][1].append(float(tok))
    return [(cmd, [(n[i], n[i + 1]) for i in range(0, len(n) - 1, 2)]) for cmd, n in out]


def _path_name(path: str) -> str:
    segs = [s for s in path_points(path) if s[0] in ("M", "L", "C")]
    pts = [p for _, ps in segs for p in ps]
    if len(pts) < 2:
        return "custom-path"
    if all(c in ("M", "L") for c, _ in segs) and len(pts) == 2:
        dx, dy = pts[-1][0] - pts[0][0], pts[-1][1] - pts[0][1]
        if abs(dx) > 3 * abs(dy):
            return "line-right" if dx > 0 else "line-left"
        if abs(dy) > 3 * abs(dx):
            return "line-down" if dy > 0 else "line-up"
        return "line-diagonal"
    return "custom-path"


def _classify(e: Effect, cls: str, behaviours, filt: str | None) -> None:
    """Fill kind/preset/direction/render_as/outcome from the preset and the behaviours."""
    pid, sub = e.preset_id, e.preset_subtype
    if cls in ("entr", "exit"):
        e.kind = "entrance" if cls == "entr" else "exit"
        name = ENTR_EXIT.get(pid or -1)
        if name is None:  # unknown preset: name it by its behaviours
            attrs = _attr_names(behaviours)
            if filt:
                name = filt.split("(")[0].lower().replace("randombar", "random-bars").replace("barn", "split")
            elif attrs & {"ppt_x", "ppt_y"}:
                name = "fly"
            else:
                name = "appear"
        if e.kind == "exit" and name == "appear":
            name = "disappear"
        elif e.kind == "exit" and name in ("float-up", "float-down"):
            name = "float-down" if name == "float-up" else "float-up"  # exit 42 = Descend
        e.preset = name
        if name == "fly":
            e.direction = FLY_DIR.get(sub or 0, "bottom")
        elif name in ("wipe", "peek", "strips"):
            e.direction = EDGE_DIR.get(sub or 0, "left" if name == "wipe" else "bottom")
        elif name == "split" and filt:
            e.direction = filt[filt.find("(") + 1:-1] if "(" in filt else None
        elif name == "shape" and filt:
            e.direction = filt  # circle(in), diamond(out), plus(in), box(in)
        elif name == "random-bars":
            e.direction = "vertical" if sub == 5 else "horizontal"
        elif name == "wheel":
            e.direction = str(sub or 1)
        draw = "appear" if name == "disappear" else name
        if draw in NATIVE_ENTR_EXIT:
            e.render_as = draw
            if draw == "random-bars":
                e.outcome, e.note = APPROXIMATED, "随机线条按固定图案绘制 / random bars drawn in a fixed pattern"
            else:
                e.outcome = REPRODUCED
        else:
            e.render_as = NEAREST.get(draw, "fade")
            e.outcome = APPROXIMATED
            if draw == "shape" or e.render_as == "shape":
                e.direction = e.direction or "circle(in)"
            if e.render_as in ("fly", "float-up", "float-down", "wipe") and not e.direction:
                e.direction = "bottom" if e.render_as != "wipe" else "left"
            e.note = f"“{name}”以“{e.render_as}”近似 / approximated by {e.render_as}"
    elif cls == "emph":
        e.kind = "emphasis"
        name = EMPH.get(pid or -1) or ("spin" if _rot_by(behaviours) is not None else
                                       "grow-shrink" if _scale_by(behaviours) is not None else "emphasis")
        e.preset = name
        scale, rot, alpha, col = _scale_by(behaviours), _rot_by(behaviours), _opacity_to(behaviours), _colour_to(behaviours)
        if scale is not None:
            e.params["scale"] = scale
        if rot is not None:
            e.params["angle"] = rot
        if alpha is not None:
            e.params["alpha"] = alpha
        if col and col != "scheme":
            e.color = col  # "scheme:name" until resolve_scheme_colours
        attrs = _colour_attrs(behaviours)
        attr = attrs[0] if attrs else None
        for key, value in zip(("colour_attr", "colour_attr2"), attrs):
            e.params[key] = float(value)
        if name == "pulse":
            e.render_as, e.outcome = "pulse", REPRODUCED
        elif name == "grow-shrink":
            e.params.setdefault("scale", 1.5)
            e.render_as, e.outcome = "grow-shrink", REPRODUCED
        elif name == "spin":
            e.params.setdefault("angle", 360.0)
            e.render_as, e.outcome = "spin", REPRODUCED
        elif name == "transparency":
            e.params.setdefault("alpha", 0.5)
            e.render_as, e.outcome = "transparency", REPRODUCED
        elif name in COLOUR_EMPH:
            e.render_as = "colour"
            if attr and e.color and not e.color.startswith("scheme"):
                e.outcome = REPRODUCED  # the shape's fill / text / line colour moves to e.color
            else:
                e.outcome = APPROXIMATED
                why = ("没有目标颜色（变暗/变亮/补色等），以深红色着色近似 / no target colour (darken, lighten, "
                       "complementary…): tinted dark red") if not (e.color or "").startswith("scheme:") else \
                      "主题颜色 / theme colour"
                if not attr:
                    why = "未指明填充/文字/线条，整个形状着色 / no fill/text/line named: the whole shape is tinted"
                e.note = why
        else:
            e.render_as = EMPH_NEAREST.get(name, "pulse")
            e.outcome = APPROXIMATED
            e.note = f"“{name}”以“{e.render_as}”近似 / approximated by {e.render_as}"
    elif cls == "path":
        e.kind = "motion"
        e.path = _motion_path(behaviours)
        e.preset = PATH_PRESETS.get(pid or -1) or _path_name(e.path or "")
        e.render_as = "path"
        e.outcome = REPRODUCED if e.path else END_STATE
        if not e.path:
            e.note = "动作路径缺失 / motion path missing"
    else:
        e.kind = "media" if cls == "mediacall" else "other"
        e.preset = cls or "unknown"
        e.render_as = "none"
        e.outcome = END_STATE
        e.note = "媒体播放/命令不在视频中执行 / media and commands are not played"


def _effect(ctn, start: str, delay: float, names: dict[str, str], trigger: str | None) -> Effect | None:
    behaviours = _behaviours(ctn)
    spid, rng, tnote = _target(behaviours)
    cls = ctn.get("presetClass") or ""
    e = Effect(shape_id=spid or "", shape_name=names.get(spid or "", ""), start=start,
               preset_id=_int(ctn.get("presetID")), preset_subtype=_int(ctn.get("presetSubtype")),
               delay=round(delay, 3), paragraph_range=rng, trigger_shape=trigger)
    e.duration = _timing_of(ctn, behaviours)
    e.repeat = _repeat(ctn, behaviours)
    e.auto_reverse = _auto_reverse(ctn, behaviours)
    if tnote == "sound" or (not cls and not spid):
        e.kind, e.preset, e.render_as, e.outcome = "media", "sound", "none", END_STATE
        e.note = "动画声音未播放 / effect sound not played"
        return e
    _classify(e, cls, behaviours, _filter(behaviours))
    if e.duration <= 0 and e.render_as not in ("appear", "none"):
        e.duration = 0.5
    if any(local(a) == "audio" for a in ctn.iter()):
        e.note = (e.note + "；" if e.note else "") + "动画音效未播放 / effect sound not played"
    if tnote == "graphicEl":
        e.outcome, e.render_as = END_STATE, "appear"
        e.note = ("SmartArt 部件逐个动画按整幅图出现 / SmartArt parts animate as the whole diagram")
    elif tnote == "chars":
        e.outcome = APPROXIMATED
        e.note = (e.note + "；" if e.note else "") + "按字符范围的动画按整个形状处理 / character range treated as the whole shape"
    elif tnote == "bg":
        e.note = (e.note + "；" if e.note else "") + "形状背景单独动画按整个形状处理 / shape background animated with the shape"
    iterate = ctn.find(P_ITERATE)
    if iterate is not None and e.outcome == REPRODUCED:
        e.outcome = APPROXIMATED
        e.note = ("逐字/逐词出现按整段出现 / by-word or by-letter text shown as a whole "
                  f"({iterate.get('type', 'el')})")
    if spid and spid not in names:
        e.outcome, e.render_as = END_STATE, "none"
        e.note = "目标形状不在幻灯片上 / target shape not on the slide"
    return e


def _group_effects(group_ctn, names: dict[str, str], trigger: str | None) -> list[Effect]:
    """Effects of one click group; sub-group delays (after-previous chains) are resolved."""
    effects: list[Effect] = []
    cursor = 0.0  # end of everything so far: where an after-previous sub-group starts
    for sub in _children(group_ctn):
        sctn = _node_ctn(sub)
        if sctn is None:
            continue
        if sctn.get("presetClass") is not None or sctn.get("nodeType") in ("clickEffect", "withEffect", "afterEffect"):
            # an effect directly in the click group (some writers skip the sub-group level)
            d, _ = _cond_delay(sctn)
            e = _effect(sctn, _start(sctn), d or 0.0, names, trigger)
            if e:
                effects.append(e)
                cursor = max(cursor, e.end)
            continue
        sub_delay, _ = _cond_delay(sctn)
        base = sub_delay if sub_delay is not None else cursor
        for node in _children(sctn):
            ectn = _node_ctn(node)
            if ectn is None:
                continue
            d, _ = _cond_delay(ectn)
            e = _effect(ectn, _start(ectn), base + (d or 0.0), names, trigger)
            if e is not None:
                effects.append(e)
                cursor = max(cursor, e.end)
    return effects


def _start(ctn) -> str:
    return {"clickEffect": "click", "withEffect": "with", "afterEffect": "after"}.get(
        ctn.get("nodeType") or "", "with")


def _steps_of_seq(seq_ctn, names: dict[str, str], trigger: str | None) -> list[Step]:
    steps: list[Step] = []
    for group in _children(seq_ctn):
        gctn = _node_ctn(group)
        if gctn is None:
            continue
        _, conds = _cond_delay(gctn)
        auto = any(c.get("evt") == "onBegin" for c in conds) or (
            conds and all(c.get("delay") not in ("indefinite",) for c in conds if not c.get("evt")))
        effects = _group_effects(gctn, names, trigger)
        if not effects:
            continue
        if trigger is not None:
            kind = "shape"
        else:
            kind = "auto" if (auto and not steps) else "click"
        steps.append(Step(effects=effects, trigger=kind, trigger_shape=trigger,
                          trigger_shape_name=names.get(trigger or "", "")))
    return steps


def read_steps(sld) -> list[Step]:
    """The slide's steps: the automatic step (if any), one per click, then trigger steps."""
    timing = sld.find(P_TIMING)
    if timing is None:
        return []
    names = shape_names(sld)
    main: list[Step] = []
    triggered: list[Step] = []
    for seq in timing.iter(P_SEQ):
        ctn = seq.find(P_CTN)
        if ctn is None:
            continue
        node_type = ctn.get("nodeType")
        if node_type == "mainSeq":
            main.extend(_steps_of_seq(ctn, names, None))
        elif node_type == "interactiveSeq":
            _, conds = _cond_delay(ctn)
            trig = None
            for c in conds:
                sp = c.find(f"{P_TGTEL}/{P_SPTGT}")
                if sp is not None:
                    trig = sp.get("spid")
            triggered.extend(_steps_of_seq(ctn, names, trig or "?"))
    return main + triggered


# ------------------------------------------------------------------------------------------
# Transitions


def _transition_el(sld):
    """The `p:transition` PowerPoint would use: mc:Choice (p14/p15/p159) before mc:Fallback."""
    for child in sld:
        if child.tag == P_TRANSITION:
            return child
        if child.tag == MC_ALT:
            ch = child.find(MC_CHOICE)
            if ch is not None and ch.find(P_TRANSITION) is not None:
                return ch.find(P_TRANSITION)
            fb = child.find(MC_FALLBACK)
            if fb is not None and fb.find(P_TRANSITION) is not None:
                return fb.find(P_TRANSITION)
    return None


def _qname(el) -> str:
    ns, _, name = el.tag[1:].partition("}")
    return f"{NS_PREFIX.get(ns, '?')}:{name}"


def read_transition(sld) -> Transition | None:
    tr = _transition_el(sld)
    if tr is None:
        return None
    t = Transition()
    t.advance_on_click = tr.get("advClick") not in ("0", "false")
    adv = _ms(tr.get("advTm"))
    t.advance_after = adv
    kind_el = next((c for c in tr if isinstance(c.tag, str) and local(c) not in ("sndAc", "extLst")), None)
    dur = _ms(tr.get(f"{{{NS_P14}}}dur")) or _ms(tr.get("dur"))
    if dur is None:
        dur = SPEED.get(tr.get("spd") or "fast", 0.5)
    if kind_el is None:
        t.kind, t.render_as, t.duration, t.outcome = "none", "none", 0.0, REPRODUCED
        return t
    t.source = _qname(kind_el)
    t.kind = TRANSITIONS.get(t.source, local(kind_el))
    t.duration = round(dur if t.kind != "cut" else 0.0, 3)
    t.direction = kind_el.get("dir") or kind_el.get("orient")
    if t.kind == "split":
        t.direction = f"{kind_el.get('orient', 'horz')}-{kind_el.get('dir', 'out')}"
    if t.kind == "fade" and kind_el.get("thruBlk") in ("1", "true"):
        t.direction = "through-black"
    if t.kind == "cut" and kind_el.get("thruBlk") in ("1", "true"):
        t.direction = "through-black"
    if t.kind == "morph":
        t.render_as = "fade"
        t.outcome = APPROXIMATED
        t.note = ("平滑切换（Morph）：视频中按形状名称匹配并移动；未匹配时以淡入淡出代替 / morph: shapes are "
                  "matched by name when the video is made; without a match a crossfade is drawn")
    elif t.kind in NATIVE_TRANSITIONS:
        t.render_as, t.outcome = t.kind, REPRODUCED
    else:
        t.render_as = TRANSITION_NEAREST.get(t.kind, "fade")
        t.outcome = APPROXIMATED
        t.note = f"切换效果“{t.kind}”以“{t.render_as}”近似 / approximated by {t.render_as}"
    if t.render_as == "wheel" and t.direction is None:
        t.direction = kind_el.get("spokes")
    return t


def read_slide_animation(sld) -> tuple[list[Step], Transition | None, list[str]]:
    """(steps, transition, warnings) — never raises on odd timing XML; warns instead."""
    warnings: list[str] = []
    try:
        steps = read_steps(sld)
    except Exception as exc:  # noqa: BLE001 — an odd time tree must not cost the slide
        log.info("timing unreadable: %r", exc, exc_info=True)
        steps = []
        warnings.append(f"动画时间线无法读取，已按静态页面处理（{type(exc).__name__}）。")
    try:
        transition = read_transition(sld)
    except Exception as exc:  # noqa: BLE001
        log.info("transition unreadable: %r", exc, exc_info=True)
        transition = None
        warnings.append(f"切换效果无法读取（{type(exc).__name__}）。")
    return steps, transition, warnings


# ------------------------------------------------------------------------------------------
# Linking effects to the page's blocks (the H5 player reveals blocks, not pixels)

A_P, A_T = q("a:p"), q("a:t")


def _norm(text: str) -> str:
    return "".join(text.split())


def _shape_elements(sld) -> dict[str, object]:
    out: dict[str, object] = {}
    for c in sld.iter(P_CNVPR):
        sid = c.get("id")
        nv = c.getparent()
        shape = nv.getparent() if nv is not None else None
        if sid and shape is not None and sid not in out:
            out[sid] = shape
    return out


def _paragraph_texts(shape) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(A_T)) for p in shape.iter(A_P)]


def link_blocks(sld, steps: list[Step], blocks: list) -> None:
    """Fill `Effect.text` and `Effect.block_indexes` by matching target text with block text.

    The importer's walk and arrangement are free to reorder and merge shapes; matching by text
    keeps this module independent of them. A target with no text (a picture, an arrow) matches
    nothing, and the H5 player then shows it with the page (reported there as end state).
    """
    shapes = _shape_elements(sld)
    texts = [_norm(b.plain_text()) for b in blocks]
    def matching(want: str) -> list[int]:
        return [i for i, t in enumerate(texts)
                if t and (t == want or (len(want) >= 2 and want in t) or (len(t) >= 2 and t in want))]

    for step in steps:
        if step.trigger_shape and step.trigger_shape in shapes:
            want = _norm("".join(_paragraph_texts(shapes[step.trigger_shape])))
            step.trigger_blocks = matching(want) if want else []
        for e in step.effects:
            shape = shapes.get(e.shape_id)
            if shape is None:
                continue
            paras = _paragraph_texts(shape)
            if e.paragraph_range:
                a, b = e.paragraph_range
                paras = paras[a:b + 1]
            e.text = "\n".join(p for p in paras if p.strip())
            want = _norm(e.text)
            if len(want) < 1:
                continue
            e.block_indexes = matching(want)


def read_page_animation(sld, page, slide=None) -> None:
    """The importer's hook: steps, transition and warnings onto a `Page` (never raises).

    `slide` (python-pptx) lets theme colours named by colour emphases be resolved."""
    steps, transition, warnings = read_slide_animation(sld)
    if slide is not None:
        resolve_scheme_colours(steps, slide)
    try:
        link_blocks(sld, steps, page.blocks)
    except Exception as exc:  # noqa: BLE001 — linking is a nicety for H5, never a failure
        log.info("animation block linking failed: %r", exc)
    page.steps = steps
    page.transition = transition
    page.warnings.extend(warnings)
