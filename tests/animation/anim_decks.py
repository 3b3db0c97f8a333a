"""Animated decks made on the fly: python-pptx draws the shapes, we write the `p:timing` XML the
way PowerPoint does (click group → sub-group → effect with set/animEffect/anim behaviours).

Used by the tests in this folder and by benchmarks/animation_bench.py (loaded by path).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Pt

P = "http://schemas.openxmlformats.org/presentationml/2006/main"

# effect name → (presetClass, presetID, presetSubtype, animEffect filter or None)
EFFECTS = {
    "fade": ("entr", 10, 0, "fade"),
    "appear": ("entr", 1, 0, None),
    "fly-bottom": ("entr", 2, 4, None),
    "fly-left": ("entr", 2, 8, None),
    "wipe-left": ("entr", 22, 8, "wipe(right)"),
    "zoom": ("entr", 53, 16, "fade"),
    "fade-out": ("exit", 10, 0, "fade"),
    "pulse": ("emph", 26, 0, None),
    "spin": ("emph", 8, 0, None),
    "line-right": ("path", 63, 0, None),
    "checkerboard": ("entr", 5, 10, "checkerboard(across)"),
    # colour emphasis as PowerPoint writes it: animClr on fillcolor / style.color, to a colour
    "fill-to-red": ("emph", 1, 2, None),
    "text-to-yellow": ("emph", 3, 2, None),
    "fill-to-accent2": ("emph", 1, 2, None),
}
COLOUR_FX = {"fill-to-red": ("fillcolor", '<a:srgbClr val="C00000"/>'),
             "text-to-yellow": ("style.color", '<a:srgbClr val="FFFF00"/>'),
             "fill-to-accent2": ("fillcolor", '<a:schemeClr val="accent2"/>')}


class _Ids:
    def __init__(self) -> None:
        self.n = 2

    def __call__(self) -> int:
        self.n += 1
        return self.n


def _effect_xml(ids: _Ids, spid: int, name: str, node: str, delay_ms: int = 0, dur_ms: int = 500) -> str:
    cls, pid, sub, filt = EFFECTS[name]
    tgt = f'<p:tgtEl><p:spTgt spid="{spid}"/></p:tgtEl>'
    beh = []
    if cls == "entr":
        beh.append(f'<p:set><p:cBhvr><p:cTn id="{ids()}" dur="1" fill="hold"><p:stCondLst><p:cond delay="0"/>'
                   f'</p:stCondLst></p:cTn>{tgt}<p:attrNameLst><p:attrName>style.visibility</p:attrName>'
                   f'</p:attrNameLst></p:cBhvr><p:to><p:strVal val="visible"/></p:to></p:set>')
    if filt:
        beh.append(f'<p:animEffect transition="{"out" if cls == "exit" else "in"}" filter="{filt}"><p:cBhvr>'
                   f'<p:cTn id="{ids()}" dur="{dur_ms}"/>{tgt}</p:cBhvr></p:animEffect>')
    if name.startswith("fly"):
        for attr, frm in (("ppt_x", "#ppt_x"), ("ppt_y", "1+#ppt_h/2" if name == "fly-bottom" else "#ppt_y")):
            beh.append(f'<p:anim calcmode="lin" valueType="num"><p:cBhvr additive="base"><p:cTn id="{ids()}" '
                       f'dur="{dur_ms}" fill="hold"/>{tgt}<p:attrNameLst><p:attrName>{attr}</p:attrName>'
                       f'</p:attrNameLst></p:cBhvr><p:tavLst><p:tav tm="0"><p:val><p:strVal val="{frm}"/>'
                       f'</p:val></p:tav><p:tav tm="100000"><p:val><p:strVal val="#{attr}"/></p:val></p:tav>'
                       f'</p:tavLst></p:anim>')
    if name == "pulse":
        beh.append(f'<p:animScale><p:cBhvr><p:cTn id="{ids()}" dur="{dur_ms // 2}" autoRev="1" fill="hold"/>'
                   f'{tgt}</p:cBhvr><p:by x="105000" y="105000"/></p:animScale>')
    if name in COLOUR_FX:
        attr, to = COLOUR_FX[name]
        beh.append(f'<p:animClr clrSpc="rgb" dir="cw"><p:cBhvr><p:cTn id="{ids()}" dur="{dur_ms}" fill="hold"/>'
                   f'{tgt}<p:attrNameLst><p:attrName>{attr}</p:attrName></p:attrNameLst></p:cBhvr>'
                   f'<p:to xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">{to}</p:to></p:animClr>')
    if name == "spin":
        beh.append(f'<p:animRot by="21600000"><p:cBhvr><p:cTn id="{ids()}" dur="{dur_ms}" fill="hold"/>'
                   f'{tgt}<p:attrNameLst><p:attrName>r</p:attrName></p:attrNameLst></p:cBhvr></p:animRot>')
    if name == "line-right":
        beh.append(f'<p:animMotion origin="layout" path="M 0 0 L 0.25 0 E" pathEditMode="relative">'
                   f'<p:cBhvr><p:cTn id="{ids()}" dur="{dur_ms}" fill="hold"/>{tgt}<p:attrNameLst>'
                   f'<p:attrName>ppt_x</p:attrName><p:attrName>ppt_y</p:attrName></p:attrNameLst></p:cBhvr>'
                   f'</p:animMotion>')
    if cls == "exit":
        beh.append(f'<p:set><p:cBhvr><p:cTn id="{ids()}" dur="1" fill="hold"><p:stCondLst>'
                   f'<p:cond delay="{max(0, dur_ms - 1)}"/></p:stCondLst></p:cTn>{tgt}<p:attrNameLst>'
                   f'<p:attrName>style.visibility</p:attrName></p:attrNameLst></p:cBhvr><p:to>'
                   f'<p:strVal val="hidden"/></p:to></p:set>')
    return (f'<p:par><p:cTn id="{ids()}" presetID="{pid}" presetClass="{cls}" presetSubtype="{sub}" '
            f'fill="hold" nodeType="{node}"><p:stCondLst><p:cond delay="{delay_ms}"/></p:stCondLst>'
            f'<p:childTnLst>{"".join(beh)}</p:childTnLst></p:cTn></p:par>')


def _groups(ids: _Ids, clicks: list[list[tuple[int, str]]], dur_ms: int) -> list[str]:
    groups = []
    for effects in clicks:
        inner = "".join(_effect_xml(ids, spid, name, "clickEffect" if i == 0 else "withEffect", dur_ms=dur_ms)
                        for i, (spid, name) in enumerate(effects))
        groups.append(f'<p:par><p:cTn id="{ids()}" fill="hold"><p:stCondLst><p:cond delay="indefinite"/>'
                      f'</p:stCondLst><p:childTnLst><p:par><p:cTn id="{ids()}" fill="hold"><p:stCondLst>'
                      f'<p:cond delay="0"/></p:stCondLst><p:childTnLst>{inner}</p:childTnLst></p:cTn></p:par>'
                      f'</p:childTnLst></p:cTn></p:par>')
    return groups


def timing_xml(clicks: list[list[tuple[int, str]]], dur_ms: int = 500,
               triggers: list[tuple[int, list[tuple[int, str]]]] | None = None) -> str:
    """`clicks[k]` = [(shape id, effect), …]: the first effect is on click, the rest with it.
    `triggers` = [(shape id clicked, [(shape id, effect), …]), …]: interactive sequences."""
    ids = _Ids()
    groups = _groups(ids, clicks, dur_ms)
    inter = []
    for trig, effects in triggers or []:
        inner = "".join(_groups(ids, [effects], dur_ms))
        inter.append(f'<p:seq concurrent="1" nextAc="seek"><p:cTn id="{ids()}" restart="whenNotActive" '
                     f'fill="hold" evtFilter="cancelBubble" nodeType="interactiveSeq"><p:stCondLst>'
                     f'<p:cond evt="onClick" delay="0"><p:tgtEl><p:spTgt spid="{trig}"/></p:tgtEl></p:cond>'
                     f'</p:stCondLst><p:endSync evt="end" delay="0"><p:rtn val="all"/></p:endSync>'
                     f'<p:childTnLst>{inner}</p:childTnLst></p:cTn><p:nextCondLst><p:cond evt="onClick" '
                     f'delay="0"><p:tgtEl><p:spTgt spid="{trig}"/></p:tgtEl></p:cond></p:nextCondLst></p:seq>')
    return (f'<p:timing xmlns:p="{P}"><p:tnLst><p:par><p:cTn id="1" dur="indefinite" restart="never" '
            f'nodeType="tmRoot"><p:childTnLst><p:seq concurrent="1" nextAc="seek"><p:cTn id="2" '
            f'dur="indefinite" nodeType="mainSeq"><p:childTnLst>{"".join(groups)}</p:childTnLst></p:cTn>'
            f'<p:prevCondLst><p:cond evt="onPrev" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond>'
            f'</p:prevCondLst><p:nextCondLst><p:cond evt="onNext" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl>'
            f'</p:cond></p:nextCondLst></p:seq>{"".join(inter)}</p:childTnLst></p:cTn></p:par></p:tnLst>'
            f'</p:timing>')


MORPH_XML = ('<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
             'xmlns:p159="http://schemas.microsoft.com/office/powerpoint/2015/09/main" '
             f'xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main" xmlns:p="{P}">'
             '<mc:Choice Requires="p159"><p:transition spd="slow" p14:dur="2000"><p159:morph option="byObject"/>'
             '</p:transition></mc:Choice><mc:Fallback><p:transition spd="slow"><p:fade/></p:transition>'
             '</mc:Fallback></mc:AlternateContent>')


def transition_xml(kind: str = "fade", spd: str = "med") -> str:
    if kind == "morph":
        return MORPH_XML
    inner = {"fade": "<p:fade/>", "push": '<p:push dir="u"/>', "wipe": '<p:wipe dir="r"/>',
             "cover": '<p:cover dir="l"/>', "circle": "<p:circle/>", "split": '<p:split orient="vert" dir="out"/>',
             "zoom": "<p:zoom/>", "uncover": '<p:pull dir="d"/>'}[kind]
    return f'<p:transition xmlns:p="{P}" spd="{spd}">{inner}</p:transition>'


COLOURS = [(0x2F, 0x6F, 0xDE), (0xE0, 0x70, 0x3A), (0x2E, 0x9E, 0x6B), (0x8A, 0x4F, 0xD0)]


def build_deck(path: Path, slides: list[dict]) -> Path:
    """Each slide dict: {"title": str, "shapes": [(label, x, y, w, h)] (hundredths of an inch; the slide is 1333 × 750),
    "clicks": [[(shape index, effect), …], …], "transition": kind or None, "notes": str,
    "triggers": [(shape index tapped, [(shape index, effect), …]), …]}.

    Shape index i is the i-th entry of "shapes"; its shape id is returned by python-pptx and
    written into the timing XML. Returns `path`.
    """
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    title_only = prs.slide_layouts[5]
    for spec in slides:
        slide = prs.slides.add_slide(title_only)
        ids = []
        title = slide.shapes.title
        title.left, title.top, title.width, title.height = Emu(600000), Emu(250000), Emu(11000000), Emu(900000)
        title.text_frame.text = spec.get("title", "")
        title.text_frame.paragraphs[0].runs[0].font.size = Pt(32)
        for i, (label, x, y, w, h) in enumerate(spec.get("shapes", [])):
            shp = slide.shapes.add_shape(1, Emu(x * 9144), Emu(y * 9144), Emu(w * 9144), Emu(h * 9144))
            shp.fill.solid()
            shp.fill.fore_color.rgb = RGBColor(*COLOURS[i % len(COLOURS)])
            shp.line.fill.background()
            shp.text_frame.text = label
            shp.text_frame.paragraphs[0].runs[0].font.size = Pt(20)
            shp.name = f"Box {i + 1} {label}"
            ids.append(shp.shape_id)
        el = slide._element
        if spec.get("transition"):
            el.append(etree.fromstring(transition_xml(spec["transition"])))
        clicks = [[(ids[i], name) for i, name in grp] for grp in spec.get("clicks", [])]
        triggers = [(ids[t], [(ids[i], name) for i, name in grp]) for t, grp in spec.get("triggers", [])]
        if clicks or triggers:
            el.append(etree.fromstring(timing_xml(clicks, dur_ms=spec.get("dur_ms", 500), triggers=triggers)))
        if spec.get("notes"):
            slide.notes_slide.notes_text_frame.text = spec["notes"]
    prs.save(path)
    return path


def benchmark_slides(n: int = 20, steps: int = 3) -> list[dict]:
    """20 slides × 3 click steps (60) and a transition on each slide (20), with short notes."""
    kinds = ["fade", "fly-bottom", "wipe-left", "zoom", "fly-left", "appear"]
    trans = ["fade", "push", "wipe", "cover", "circle", "split", "zoom", "uncover"]
    out = []
    for s in range(n):
        shapes = [(f"要点 {k + 1}", 60 + 420 * k, 250, 380, 220) for k in range(steps)]
        clicks = [[(k, kinds[(s + k) % len(kinds)])] for k in range(steps)]
        out.append({"title": f"第 {s + 1} 页 动画示例", "shapes": shapes, "clicks": clicks,
                    "transition": trans[s % len(trans)],
                    "notes": "[点击]第一个要点。[点击]第二个要点。[点击]第三个要点。"})
    return out
