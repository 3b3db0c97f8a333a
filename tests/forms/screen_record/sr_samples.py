"""Sample inputs for screen-record tests (imported by name; this folder is on sys.path)."""

from __future__ import annotations

import re
from pathlib import Path

from creator_studio.core.lesson import model as m

NOTES = ["大家好，欢迎学习个人养老金。", "隐藏页的旁白不应出现。", "每年缴费上限是12000元，收益率3.5%。"]


def make_deck(path: Path) -> Path:
    """3 slides (the 2nd hidden), Chinese titles, bullets and speaker notes."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    for i, note in enumerate(NOTES):
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = f"第{i + 1}页 个人养老金"
        s.placeholders[1].text = "税收优惠\n投资范围\n领取条件"
        s.notes_slide.notes_text_frame.text = note
        if i == 1:
            s._element.set("show", "0")
    prs.save(path)
    return path


def make_lesson(n: int = 2, *, narration: bool = True, asset_root: Path | None = None,
                advance: float | None = None) -> m.Lesson:
    pages = []
    for i in range(n):
        pages.append(m.Page(
            id=f"p{i + 1}", title=f"第{i + 1}页 产品要点", source_index=i + 1,
            blocks=[m.Paragraph(runs=[m.Run("个人养老金是补充养老保险制度。")]),
                    m.BulletList(items=[m.ListItem(runs=[m.Run("税收优惠")]), m.ListItem(runs=[m.Run("投资范围")])])],
            narration=f"第{i + 1}页，我们介绍要点。" if narration else "",
            duration=advance))
    pages.append(m.Page(id="hidden", title="隐藏页", hidden=True, narration="不应朗读。"))
    return m.Lesson(title="个人养老金入门", pages=pages, asset_root=asset_root,
                    meta=m.LessonMeta(maker_name="张老师", business_line="寿险"))


_TS = re.compile(r"(\d\d):(\d\d):(\d\d)[,.](\d\d\d) --> (\d\d):(\d\d):(\d\d)[,.](\d\d\d)")


def cue_times(text: str) -> list[tuple[float, float]]:
    out = []
    for g in _TS.findall(text):
        a = int(g[0]) * 3600 + int(g[1]) * 60 + int(g[2]) + int(g[3]) / 1000
        b = int(g[4]) * 3600 + int(g[5]) * 60 + int(g[6]) + int(g[7]) / 1000
        out.append((a, b))
    return out
