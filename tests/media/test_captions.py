"""Captions: kinsoku-wrapped, caption-sized, monotonic, inside the speech span and the video."""

from __future__ import annotations

import re

import pytest

from creator_studio.core.media import captions
from creator_studio.core.media.textlayout import NO_END, NO_START, check_kinsoku

TEXT = ("各位同事，大家好！今天我们一起学习《个人养老金》产品的三个要点：第一，税收优惠；第二，投资范围；"
        "第三，领取条件。请注意，年化收益率为3.5%，每年缴费上限为12000元，详情请见 https://example.com/pension 。"
        "如有疑问——请联系您的培训经理……谢谢！")


def test_lines_are_caption_sized_and_obey_kinsoku():
    lines = captions.caption_lines(TEXT)
    assert len(lines) >= 5
    for ln in lines:
        assert captions.char_units(ln) <= captions.MAX_UNITS + 1e-9, ln
        assert ln and ln[0] not in NO_START, ln
        assert ln[-1] not in NO_END, ln
    assert check_kinsoku(lines) == []
    assert not any("http" in ln for ln in lines)
    joined = "".join(lines)
    assert "《个人养老金》" in joined or ("《个人养老金" in joined and "》" in joined)
    assert "3.5%" in joined  # captions show the written form, not the spoken one


def test_line_final_commas_and_full_stops_dropped():
    for ln in captions.caption_lines(TEXT):
        assert ln[-1] not in "，。、；：", ln


def test_short_sentences_share_a_line():
    assert captions.caption_lines("好。是的。走吧。") == ["好。是的。走吧"]


def test_cues_fill_the_span_in_order():
    cues = captions.cues_for_span(TEXT, 3.0, 30.0)
    assert cues[0].start == pytest.approx(3.0)
    assert cues[-1].end == pytest.approx(30.0)
    for a, b in zip(cues, cues[1:]):
        assert b.start >= a.end - 1e-9
    for c in cues:
        assert c.end > c.start
        assert len(c.text.split("\n")) <= captions.MAX_LINES


def test_longer_cue_gets_more_time():
    cues = captions.cues_for_span("短。" + "这是一个明显更长得多的句子需要更多的时间来读完它。", 0, 10)
    if len(cues) >= 2:
        lens = [(len(c.text), c.end - c.start) for c in cues]
        assert max(lens)[1] >= min(lens)[1]
    assert cues[-1].end == pytest.approx(10)


def test_very_short_span_merges_cues():
    cues = captions.cues_for_span(TEXT, 0, 1.0)
    assert len(cues) == 1


def test_build_cues_monotonic_and_inside_video():
    spans = [(TEXT, 3.4, 20.0), ("第二页。", 19.5, 23.0), ("超出视频的旁白。", 30.0, 50.0)]
    cues = captions.build_cues(spans, video_duration=40.0)
    assert captions.problems(cues, 40.0) == []
    assert cues[-1].end <= 40.0


def test_empty_text_gives_no_cues():
    assert captions.build_cues([("", 0, 5), ("   ", 5, 9)]) == []


def test_srt_and_vtt_format():
    cues = captions.build_cues([("第一句。第二句比较长一些。", 1.0, 4.5)], 10)
    srt = captions.to_srt(cues)
    vtt = captions.to_vtt(cues)
    ts_srt = re.findall(r"(\d\d:\d\d:\d\d,\d\d\d) --> (\d\d:\d\d:\d\d,\d\d\d)", srt)
    ts_vtt = re.findall(r"(\d\d:\d\d:\d\d\.\d\d\d) --> (\d\d:\d\d:\d\d\.\d\d\d)", vtt)
    assert len(ts_srt) == len(ts_vtt) == len(cues) >= 1
    assert srt.startswith("1\n00:00:01,000 --> ")
    assert vtt.startswith("WEBVTT\n")
    assert "第一句" in srt and "第一句" in vtt


def test_problems_detects_bad_cues():
    bad = [captions.Cue(0, 2, "a"), captions.Cue(1, 3, "b"), captions.Cue(3, 3, "c"), captions.Cue(4, 12, "d")]
    found = " ".join(captions.problems(bad, 10))
    assert "before cue 1 ends" in found and "no duration" in found and "outside" in found


def test_timestamp_rounding():
    assert captions._ts(3723.4567, ",") == "01:02:03,457"


def test_vtt_escapes_markup_characters_when_asked():
    cues = captions.build_cues([("收益<3% & 风险>0 --> 注意。", 0, 3)], 5)
    vtt = captions.to_vtt(cues, escape=True)
    assert "收益&lt;3% &amp; 风险&gt;0 --&gt; 注意" in vtt
    assert "<" not in vtt.split("\n", 2)[2]
    assert "收益<3%" in captions.to_srt(cues)
