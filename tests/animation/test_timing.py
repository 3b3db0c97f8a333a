"""Issue 16: `p:timing` → steps and `p:transition` → transition, on the corpus and on our decks.

Expected click counts were read off the slide XML by hand (number of click groups in the main
sequence whose start condition is only `delay="indefinite"`); every test also cross-checks the
parser against an independent XPath count, so neither can drift on its own.
"""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from creator_studio.core.importers.pptx_parts.timing import path_points, read_slide_animation
from creator_studio.core.lesson import model as m
from creator_studio.core.lesson import serialize
from creator_studio.core.lesson.animation import click_count
from creator_studio.core.media import animate

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus" / "pptx"
NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}

_spec = importlib.util.spec_from_file_location("anim_decks", Path(__file__).with_name("anim_decks.py"))
anim_decks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(anim_decks)


def slides(path: Path) -> list:
    with zipfile.ZipFile(path) as z:
        pres = etree.fromstring(z.read("ppt/presentation.xml"))
        rels = etree.fromstring(z.read("ppt/_rels/presentation.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        out = []
        for s in pres.findall(".//p:sldIdLst/p:sldId", NS):
            t = target[s.get(f"{{{NS['r']}}}id")]
            out.append(etree.fromstring(z.read("ppt/" + t if not t.startswith("/") else t[1:])))
        return out


def xpath_clicks(sld) -> int:
    """Independent count: main-sequence click groups started only by a click."""
    groups = sld.xpath(".//p:seq/p:cTn[@nodeType='mainSeq']/p:childTnLst/p:par/p:cTn", namespaces=NS)
    n = 0
    for g in groups:
        conds = g.findall("p:stCondLst/p:cond", NS)
        if any(c.get("delay") == "indefinite" for c in conds) and not any(c.get("evt") == "onBegin" for c in conds):
            n += 1
    return n


# deck → clicks per slide (hand-read from the XML; slides without timing are 0)
EXPECTED_CLICKS = {
    "anim_aspose_SimpleAnimations.pptx": [1, 3, 2, 1],
    "anim_aspose_AnimationRewind.pptx": [1],
    "anim_sdk_SmartArt_OrgChart_by_level.pptx": [9],
    "anim_sdk_o09_Performance_typical.pptx": [1, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0],
    "anim_ppl_HighlightPoints.pptx": [0, 0, 0, 0, 8, 0, 0, 9, 0, 0, 9, 0, 0, 6, 0, 0, 7, 0, 0, 7, 0,
                                      0, 2, 0, 8, 0, 0, 6, 0, 0, 7, 0, 0],
    "anim_ppl_CreateTrigger.pptx": [0] * 21,
    "anim_poi_keyframes_transitions.pptx": [1] + [0] * 27,
    "anim_shapecrawler_p14_reveal_chart.pptx": [0],
}


@pytest.mark.parametrize("deck", sorted(EXPECTED_CLICKS))
def test_click_counts_match_powerpoint(deck):
    path = CORPUS / deck
    got, independent = [], []
    for sld in slides(path):
        steps, _tr, warnings = read_slide_animation(sld)
        assert warnings == []
        got.append(click_count(steps))
        independent.append(xpath_clicks(sld))
    assert got == EXPECTED_CLICKS[deck]
    assert got == independent


def test_effect_totals_and_start_modes_match_the_manifest():
    """MANIFEST rows 19–25: effect counts and clickEffect/withEffect/afterEffect splits."""
    def totals(deck):
        effects = [e for sld in slides(CORPUS / deck) for s in read_slide_animation(sld)[0] for e in s.effects
                   if e.kind != "media"]
        starts = {k: sum(e.start == k for e in effects) for k in ("click", "with", "after")}
        return len(effects), starts

    assert totals("anim_aspose_SimpleAnimations.pptx") == (16, {"click": 7, "with": 9, "after": 0})
    assert totals("anim_ppl_HighlightPoints.pptx") == (180, {"click": 69, "with": 82, "after": 29})
    assert totals("anim_ppl_CreateTrigger.pptx") == (98, {"click": 90, "with": 8, "after": 0})
    assert totals("anim_sdk_SmartArt_OrgChart_by_level.pptx") == (17, {"click": 9, "with": 8, "after": 0})
    assert totals("anim_sdk_o09_Performance_typical.pptx") == (9, {"click": 4, "with": 5, "after": 0})


def test_triggers_become_shape_steps_not_clicks():
    steps = [s for sld in slides(CORPUS / "anim_ppl_CreateTrigger.pptx") for s in read_slide_animation(sld)[0]]
    shape_steps = [s for s in steps if s.trigger == "shape"]
    assert len(shape_steps) == len(steps) == 90
    assert all(s.trigger_shape and s.trigger_shape != "?" for s in shape_steps)
    assert all(e.trigger_shape == s.trigger_shape for s in shape_steps for e in s.effects)


def test_after_previous_start_auto_step_repeat_and_autoreverse():
    (sld,) = slides(CORPUS / "anim_aspose_AnimationRewind.pptx")
    steps, tr, _ = read_slide_animation(sld)
    assert [s.trigger for s in steps] == ["auto", "click"]
    motion = steps[0].effects[0]
    assert (motion.kind, motion.preset, motion.auto_reverse, motion.repeat) == ("motion", "line-up", True, 0.0)
    assert motion.duration == pytest.approx(0.45)
    pulse, gone = steps[1].effects
    assert (pulse.preset, pulse.render_as, pulse.duration) == ("pulse", "pulse", pytest.approx(0.5))
    assert "sound" in pulse.note  # the effect sound is reported, not played
    assert (gone.kind, gone.preset, gone.start, gone.delay) == ("exit", "disappear", "after", pytest.approx(0.5))
    # a p:transition with only timing attributes: no visual transition, but no advance on click
    assert tr.kind == "none" and tr.duration == 0 and tr.advance_on_click is False


def test_by_paragraph_build_and_effect_names():
    s1, s2, s3, s4 = slides(CORPUS / "anim_aspose_SimpleAnimations.pptx")
    (step,) = read_slide_animation(s4)[0]
    circle, bars = step.effects
    assert circle.paragraph_range == [0, 0] and circle.render_as == "shape" and circle.direction == "circle(in)"
    assert bars.preset == "random-bars" and bars.outcome == "approximated"
    names = [(e.kind, e.preset, e.direction) for s in read_slide_animation(s2)[0] for e in s.effects]
    assert ("exit", "split", "inHorizontal") in names and ("entrance", "wipe", "bottom") in names
    assert ("motion", "line-right", None) in names
    colour = read_slide_animation(s3)[0][0].effects[0]
    assert colour.kind == "emphasis" and colour.render_as == "colour" and colour.outcome == "approximated"
    # a theme colour is named; the importer resolves it against the theme (test_report: reproduced)
    assert colour.color == "scheme:accent2" and colour.params["colour_attr"] == 3.0  # stroke.color


def test_transitions_from_alternate_content_and_legacy_kinds():
    kinds = [read_slide_animation(s)[1] for s in slides(CORPUS / "anim_poi_keyframes_transitions.pptx")]
    named = [t.kind for t in kinds if t is not None and t.kind != "none"]
    assert sorted(named) == sorted(["dissolve", "diamond", "wheel", "wheel", "wheel", "random-bars",
                                    "random-bars", "blinds", "newsflash", "wheel", "strips", "plus",
                                    "blinds", "comb", "strips", "push"])
    (reveal,) = [read_slide_animation(s)[1] for s in slides(CORPUS / "anim_shapecrawler_p14_reveal_chart.pptx")]
    assert (reveal.source, reveal.kind, reveal.duration) == ("p14:reveal", "reveal", pytest.approx(3.4))
    assert reveal.outcome == "approximated" and reveal.render_as == "fade"


def test_morph_falls_back_to_a_reported_crossfade():
    morphs = [t for s in slides(CORPUS / "zh_designed_aisys_L3_Framework.pptx")
              if (t := read_slide_animation(s)[1]) is not None and t.kind == "morph"]
    assert len(morphs) == 1
    assert morphs[0].source == "p159:morph" and morphs[0].render_as == "fade"
    assert morphs[0].outcome == "approximated" and "morph" in morphs[0].note


def test_motion_path_numbers_with_exponents():
    segs = path_points("M 2.29167E-6 3.7037E-6 L 0.00703 -0.29699 E")
    assert [c for c, _ in segs] == ["M", "L", "E"]
    assert segs[1][1][0] == pytest.approx((0.00703, -0.29699))


def test_steps_round_trip_through_course_json(tmp_path):
    deck = anim_decks.build_deck(tmp_path / "d.pptx", [
        {"title": "A", "shapes": [("一", 100, 250, 300, 200), ("二", 500, 250, 300, 200)],
         "clicks": [[(0, "fade"), (1, "fly-left")], [(1, "spin")]], "transition": "push"}])
    (sld,) = slides(deck)
    page = m.Page(id="p1")
    page.steps, page.transition, _ = read_slide_animation(sld)
    page.steps[1].narration = "改过的旁白"
    lesson = m.Lesson(pages=[page])
    back = serialize.loads(serialize.dumps(lesson))
    assert back.pages[0].steps == page.steps
    assert back.pages[0].transition == page.transition
    assert [e.start for e in back.pages[0].steps[0].effects] == ["click", "with"]
    # an older course.json without the fields still loads
    old = serialize.loads('{"pages": [{"id": "p1"}]}')
    assert old.pages[0].steps == [] and old.pages[0].transition is None


def test_imported_deck_carries_steps_and_links_blocks(tmp_path):
    from creator_studio.core.importers import import_source

    deck = anim_decks.build_deck(tmp_path / "d.pptx", [
        {"title": "标题", "shapes": [("淡入的框", 100, 250, 300, 200), ("飞入的框", 500, 250, 300, 200)],
         "clicks": [[(0, "fade")], [(1, "fly-bottom")]]}])
    lesson = import_source(deck, assets_dir=tmp_path / "assets")
    (page,) = lesson.pages
    assert click_count(page.steps) == 2
    fade = page.steps[0].effects[0]
    assert fade.text == "淡入的框" and fade.shape_name.startswith("Box 1")
    assert fade.block_indexes and "淡入的框" in page.blocks[fade.block_indexes[0]].plain_text()


# --- narration per step ---------------------------------------------------------------------


def test_click_markers_split_the_notes_and_are_not_spoken():
    text = "开场白。[点击]第一点。【下一步】第二点。[click]第三点。"
    assert animate.split_narration(text, 3) == ["开场白。", "第一点。", "第二点。", "第三点。"]
    assert animate.spoken(text) == "开场白。 第一点。 第二点。 第三点。"
    # more markers than clicks: the rest joins the last click; fewer: empty parts
    assert animate.split_narration("a[点击]b[点击]c", 1) == ["a", "b c"]
    assert animate.split_narration("a[点击]b", 3) == ["a", "b", "", ""]


def test_sentences_spread_over_clicks_in_proportion():
    parts = animate.split_narration("一二三四五六七八九十。短句。另一个很长很长很长的句子在这里。", 2)
    assert parts[0] == "" and len(parts) == 3
    assert all(parts[1:]) and "".join(parts) == "一二三四五六七八九十。短句。另一个很长很长很长的句子在这里。"


def test_step_narration_edits_win_and_steps_follow_the_speech():
    from creator_studio.core.lesson.animation import Effect, Step

    page = m.Page(id="p", narration="第一句话。第二句话。",
                  steps=[Step([Effect(shape_id="2", duration=0.5)]), Step([Effect(shape_id="3", duration=0.5)])])
    starts = animate.step_starts(page, start=10.0, duration=8.0, speech_start=10.4, speech_duration=4.0)
    assert starts[0] == pytest.approx(10.4)           # first click when the narration starts
    assert starts[1] == pytest.approx(12.4, abs=0.05)  # second where its sentence starts
    page.steps[1].narration = "改写"
    assert animate.step_texts(page)[2] == "改写"
    assert animate.page_advance(page) >= 2 * (0.5 + animate.STEP_AIR)
