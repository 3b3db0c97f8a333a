"""Beat planning (long lines, narrator, decisions), chat segmentation, cancellation."""

from __future__ import annotations

import pytest
from PIL import Image

from creator_studio.core.errors import Cancelled
from creator_studio.core.forms.skit import SkitFormat
from creator_studio.core.jobs import Job
from creator_studio.core.lesson import model as m
from creator_studio.core.media.textlayout import check_kinsoku, wrap_for_font
from creator_studio.core.skit import best_path
from creator_studio.core.skit.chat import ChatRenderer
from creator_studio.core.skit.plan import plan_beats
from creator_studio.core.skit.shots import ShotPainter
from creator_studio.core.themes import load_theme

from .conftest import branching_script, skit_lesson_of


def _painter(w=640, h=360):
    return ShotPainter(w, h, load_theme())


def test_beats_follow_best_path_with_cards_and_feedback():
    s = branching_script()
    beats = plan_beats(s, best_path(s), _painter(), "门店接待")
    kinds = [b.shot.kind for b in beats]
    assert kinds[0] == "title" and kinds.count("choice") == 1
    assert kinds == ["title", "title", "narration", "line", "choice", "line", "narration",
                     "title", "line", "line"]
    choice = beats[4].shot
    assert choice.chosen == 1 and len(choice.options) == 2
    reply = beats[5]
    assert reply.speaker.name == "业务员小李" and "理赔数据" in reply.speech
    assert beats[6].caption == "点评：用事实说话。" and beats[6].speaker.is_narrator
    # the speaker is on stage and highlighted on their side
    line = beats[3].shot
    assert line.speaker.id == "c1" and line.left.id == "c1" and line.right.id == "c2"
    assert all(b.shot.progress is not None for b in beats if b.shot.kind != "title")


def test_long_line_splits_into_bubbles_that_fit():
    painter = _painter()
    long = "。".join(["这份保险合同约定了一百二十种重大疾病和二十种轻症，等待期九十天"] * 6) + "。"
    s = m.Script(cast=[m.Character("c1", "客户"), m.Character("c2", "业务员")],
                 scenes=[m.Scene("s1", "长句", lines=[m.Line("c2", long)])])
    beats = [b for b in plan_beats(s, best_path(s), painter, scene_cards=False) if b.speech and b.line_index is not None]  # dialogue (cards are read too)
    assert len(beats) > 1
    assert "".join(b.speech for b in beats) == long
    font, maxw = painter.bubble_font_and_width()
    for b in beats:
        lines = wrap_for_font(b.speech, font, maxw)
        assert len(lines) <= painter.MAX_BUBBLE_LINES and check_kinsoku(lines) == []
        assert b.shot.part[1] == len(beats)


def test_three_people_and_control_characters_render():
    s = m.Script(cast=[m.Character("c1", "客户 王女士"), m.Character("c2", "业务员小李"),
                       m.Character("c3", "主管老张")],
                 scenes=[m.Scene("s1", "三人", lines=[
                     m.Line("c1", "你好\x00\x07。"), m.Line("c2", "您好。"), m.Line("c3", "我来补充一下。")])])
    painter = _painter()
    beats = plan_beats(s, best_path(s), painter, scene_cards=False)
    third = beats[-1].shot
    assert third.speaker.id == "c3" and third.speaker.id in (third.left.id, third.right.id)
    img = painter.paint(beats[1].shot)
    assert img.size == (640, 360) and img.mode == "RGB"
    assert beats[1].speech == "你好。"  # control characters never reach TTS or pixels
    assert beats[1].shot.text == "你好。"


def test_chat_segments_respect_the_height_limit():
    s = branching_script()
    for i in range(30):
        s.scenes[1].lines.append(m.Line("c1" if i % 2 else "c2", f"第{i}句：继续讨论保险条款的细节。"))
    r = ChatRenderer(s, load_theme(), 750, max_segment=1500)
    imgs = r.render(best_path(s), "分段测试")
    assert len(imgs) >= 3
    assert all(isinstance(i, Image.Image) and i.width == 750 and i.height <= 1500 for i in imgs)
    r1080 = ChatRenderer(s, load_theme(), 1080)
    assert r1080.render(best_path(s), "宽图")[0].width == 1080


def test_cancel_leaves_no_partial_output(tmp_path):
    job = Job()

    def cancel_when_drawing(ev):
        if "绘制" in ev.message:
            job.cancel()

    job.subscribe(cancel_when_drawing)
    with pytest.raises(Cancelled):
        SkitFormat().render(skit_lesson_of(branching_script()), tmp_path,
                            {"resolution": "360p", "tts": "none"}, job)
    assert not (tmp_path / "skit").exists()
    assert not list(tmp_path.glob(".skit*"))


def test_emoji_dropped_and_decision_only_script_renders(tmp_path):
    from creator_studio.core.skit.avatars import avatar_initial
    from creator_studio.core.skit.shots import clean_text

    assert clean_text("你好😀👍\x00") == "你好" and avatar_initial("😀小王") == "王"
    s = m.Script(cast=[m.Character("a", "客户"), m.Character("b", "业务员")],
                 scenes=[m.Scene("s1", "只有选择", decision=m.Decision("怎么办？", [
                     m.Choice("先倾听", "好", 5), m.Choice("直接推销", "不好", 0)]))])
    art = SkitFormat().render(skit_lesson_of(s), tmp_path, {"resolution": "360p", "tts": "none"},
                              Job())
    assert art.info["best_score"] == 5 and art.info["line_count"] == 0
    assert "业务员：先倾听" in (tmp_path / "skit" / "skit.srt").read_text(encoding="utf-8")
