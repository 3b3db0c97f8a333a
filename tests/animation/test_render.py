"""Issue 16: animated slides drawn from LibreOffice layers, checked on real pictures and a real MP4.

- the middle of a fade lies between the two states;
- a fly-in moves monotonically towards its place;
- the end state of every step matches LibreOffice's own render of the slide in that state;
- transitions move between the two pictures;
- without LibreOffice the video is still made and every effect is reported at its end state.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from creator_studio.core.importers import import_source
from creator_studio.core.jobs import Job
from creator_studio.core.media import anim_layers, animate, ffmpeg, raster

pytestmark = pytest.mark.slow

_spec = importlib.util.spec_from_file_location("anim_decks", Path(__file__).with_name("anim_decks.py"))
anim_decks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(anim_decks)

SIZE = (640, 360)
needs_lo = pytest.mark.skipif(raster.soffice_exe() is None, reason="LibreOffice not installed")
SLIDES = [
    {"title": "淡入与飞入", "shapes": [("淡入", 100, 250, 400, 250), ("飞入", 700, 250, 400, 250)],
     "clicks": [[(0, "fade")], [(1, "fly-bottom")]], "dur_ms": 1000,
     "notes": "先看第一个。[点击]淡入出现了。[点击]飞入也出现了。"},
    {"title": "强调与路径", "shapes": [("旋转", 100, 250, 300, 250), ("退出", 700, 250, 300, 250)],
     "clicks": [[(0, "spin")], [(1, "fade-out")], [(0, "line-right")]], "transition": "push"},
]


@pytest.fixture(scope="session")
def deck(tmp_path_factory) -> Path:
    return anim_decks.build_deck(tmp_path_factory.mktemp("anim") / "anim.pptx", SLIDES)


@pytest.fixture(scope="session")
def lesson(deck, tmp_path_factory):
    lesson = import_source(deck, assets_dir=tmp_path_factory.mktemp("assets"))
    lesson.source_path = deck
    return lesson


@pytest.fixture(scope="session")
def layers(deck, lesson, tmp_path_factory):
    if raster.soffice_exe() is None:
        pytest.skip("LibreOffice not installed")
    pages = [(p, p.source_index - 1) for p in lesson.pages]
    return anim_layers.render_slide_layers(deck, pages, SIZE, tmp_path_factory.mktemp("layers"), with_full=True)


def animator(lesson, layers, k: int) -> animate.PageAnimator:
    page = lesson.pages[k]
    geo = animate.Geometry(SIZE, animate.content_box(lesson, SIZE))
    return animate.PageAnimator(page, layers[k], geo)


def centre(layer) -> tuple[int, int]:
    return layer.x + layer.size[0] // 2, layer.y + layer.size[1] // 2


@needs_lo
def test_layers_recompose_the_slide(layers):
    for sl in layers.values():
        comp = sl.background.copy()
        for key in sl.order:
            L = sl.layers[key]
            animate._blend(comp, L.x, L.y, L.rgba)
        diff = np.abs(comp.astype(int) - sl.full.astype(int))
        assert diff.mean() < 1.5
        assert (diff.max(axis=2) > 40).mean() < 0.01


@needs_lo
def test_mid_fade_is_between_the_two_states(lesson, layers):
    an = animator(lesson, layers, 0)
    key = lesson.pages[0].steps[0].effects[0].target_key
    x, y = centre(layers[0].layers[key])
    before = an.frame(0, 0.0)[y, x].astype(int)
    mid = an.frame(0, 0.5)[y, x].astype(int)
    after = an.frame(0, 1.0)[y, x].astype(int)
    assert np.abs(before - after).max() > 60  # the shape really changes the pixel
    for c in range(3):
        lo, hi = sorted((before[c], after[c]))
        assert lo - 2 <= mid[c] <= hi + 2
    # about half way (linear fade)
    assert np.abs(mid - (before + after) / 2).max() < 25


@needs_lo
def test_fly_in_moves_monotonically_up_into_place(lesson, layers):
    an = animator(lesson, layers, 0)
    eff = lesson.pages[0].steps[1].effects[0]
    assert (eff.render_as, eff.direction) == ("fly", "bottom")
    L = layers[0].layers[eff.target_key]
    rest = an.frame(1, 1e9)
    empty = an.frame(1, 0.0)
    ys = []
    for t in np.linspace(0.1, 0.9, 9):
        f = an.frame(1, float(t)).astype(int)
        changed = np.abs(f - empty.astype(int)).max(axis=2) > 30
        cols = changed[:, L.x:L.x + L.size[0]]
        rows = np.nonzero(cols.any(axis=1))[0]
        assert len(rows), f"shape not on screen at t={t}"
        ys.append(rows.min())
    assert all(b <= a for a, b in zip(ys, ys[1:])) and ys[0] > ys[-1]
    assert ys[-1] >= L.y - 2
    assert np.abs(an.frame(1, 1.0).astype(int) - rest.astype(int)).max() < 3


@needs_lo
def test_end_state_of_every_step_matches_libreoffice(deck, lesson, layers, tmp_path):
    for k, page in enumerate(lesson.pages):
        an = animator(lesson, layers, k)
        hidden_sets = []
        for step_index in range(-1, len(page.steps)):
            states, _ = an.states_at(step_index, 1e9)
            hidden_sets.append([anim_layers.Target(key) for key, st in states.items() if not st.visible])
        expected = anim_layers.render_states(deck, k, hidden_sets, SIZE, tmp_path / f"s{k}")
        for step_index, want in zip(range(-1, len(page.steps)), expected):
            got = an.frame(step_index, 1e9)
            if any(e.render_as == "path" for s in page.steps[:step_index + 1] for e in s.effects):
                continue  # a motion path leaves the shape where LibreOffice never draws it
            diff = np.abs(got.astype(int) - want.astype(int))
            assert diff.mean() < 2.0, (k, step_index, diff.mean())
            assert (diff.max(axis=2) > 40).mean() < 0.01, (k, step_index)


@needs_lo
def test_transition_frames_move_between_pictures():
    a = np.zeros((90, 160, 3), np.uint8)
    b = np.full((90, 160, 3), 255, np.uint8)
    mid = animate.transition_frame("fade", None, a, b, 0.5)
    assert 120 <= mid.mean() <= 135
    push = animate.transition_frame("push", "u", a, b, 0.5)
    assert push[:30].mean() < 10 and push[-30:].mean() > 245  # old slide leaving up, new coming in
    wipe = animate.transition_frame("wipe", "r", a, b, 0.5)
    assert wipe[:, :70].mean() > 245 and wipe[:, -70:].mean() < 10
    circle = animate.transition_frame("circle", None, a, b, 0.3)
    assert circle[45, 80].mean() == 255 and circle[0, 0].mean() == 0
    for kind in ("cover", "uncover", "zoom", "split", "wheel", "diamond"):
        f = animate.transition_frame(kind, None, a, b, 0.5)
        assert 5 < f.mean() < 250, kind


def _frame_at(mp4: Path, t: float, tmp: Path) -> np.ndarray:
    png = tmp / f"at-{t:.2f}.png"
    ffmpeg.run_ffmpeg(["-ss", f"{t:.3f}", "-i", str(mp4), "-frames:v", "1", str(png)])
    return np.asarray(Image.open(png).convert("RGB")).astype(int)


@needs_lo
def test_screen_record_plays_the_steps(lesson, tmp_path):
    from creator_studio.core.forms.screen_record import ScreenRecordFormat

    art = ScreenRecordFormat().render(lesson, tmp_path, {"tts": "none", "resolution": "720p"}, Job())
    info = art.info
    assert info["animated_pages"] == 2 and info["animation_fallback_reason"] is None
    assert info["animation"]["clicks"] == 5 and info["animation"]["transitions"] == 1
    assert info["animation"]["by_outcome"]["end_state"] == 0
    assert abs(info["duration"] - info["planned_duration"]) < 0.3
    mp4 = tmp_path / "screen-record" / "course.mp4"
    # the fade of page 1: 1 s long from its step start; sample before, in the middle and after
    start = info["step_starts"]["p1"][0]
    page = lesson.pages[0]
    box = page.steps[0].effects[0]
    W, H = 1280, 720
    cx, cy = int((100 + 200) / 1333 * W), int((250 + 125) / 750 * H)
    before = _frame_at(mp4, start - 0.1, tmp_path)[cy, cx]
    mid = _frame_at(mp4, start + 0.5, tmp_path)[cy, cx]
    after = _frame_at(mp4, start + 1.2, tmp_path)[cy, cx]
    assert box.render_as == "fade"
    assert np.abs(before - after).max() > 60
    for c in range(3):
        lo, hi = sorted((before[c], after[c]))
        assert lo - 8 <= mid[c] <= hi + 8
    assert np.abs(mid - (before + after) / 2).max() < 40
    manifest_like = json.dumps(info["animation"], ensure_ascii=False)
    assert "fade" in manifest_like and "push" in manifest_like


def test_without_libreoffice_effects_are_reported_at_end_state(deck, tmp_path, monkeypatch):
    from creator_studio.core.forms.screen_record import ScreenRecordFormat

    monkeypatch.setenv("CREATOR_STUDIO_SOFFICE", "none")
    lesson = import_source(deck, assets_dir=tmp_path / "assets")
    lesson.source_path = deck
    art = ScreenRecordFormat().render(lesson, tmp_path, {"tts": "none", "resolution": "720p"}, Job())
    info = art.info
    assert info["raster_backend"] == "builtin"
    assert info["animated_pages"] == 0 and info["animation_fallback_reason"]
    rep = info["animation"]
    assert rep["by_outcome"]["reproduced"] == 0 and rep["by_outcome"]["end_state"] == rep["effects"] == 5
    assert all("LibreOffice" in e["note"] or "libreoffice" in e["note"].lower()
               for p in rep["pages"] for e in p["effects"])
    assert (tmp_path / "screen-record" / "course.mp4").stat().st_size > 0
    assert rep["transitions"] == 1  # transitions are still drawn between the built-in pictures
    shutil.rmtree(tmp_path / "screen-record")


@needs_lo
@pytest.mark.parametrize("stage", ["绘制动画", "编码视频"])
def test_cancel_mid_animation_leaves_nothing(lesson, tmp_path, stage):
    """Cancel while frames are drawn, or while they are encoded: typed Cancelled, no output
    folder, no frames left in RAM, no child process. The cancel is pressed when the job reports
    that stage, so the test does not depend on the machine's speed."""
    import glob
    import os

    from creator_studio.core.errors import Cancelled
    from creator_studio.core.forms.screen_record import ScreenRecordFormat

    def children() -> set[int]:
        me = str(os.getpid())
        out = set()
        for d in glob.glob("/proc/[0-9]*"):
            try:
                if open(f"{d}/stat").read().split()[3] == me:
                    out.add(int(d.rsplit("/", 1)[1]))
            except OSError:
                pass
        return out

    before_frames = set(glob.glob("/dev/shm/cs-anim-frames-*"))
    before = children()
    job = Job()
    seen: list[str] = []

    def on_progress(ev) -> None:
        seen.append(ev.message)
        if stage in (ev.message or ""):
            job.cancel()

    job.subscribe(on_progress)
    with pytest.raises(Cancelled):
        ScreenRecordFormat().render(lesson, tmp_path, {"tts": "none", "resolution": "720p"}, job)
    assert any(stage in (m or "") for m in seen)
    assert not (tmp_path / "screen-record").exists()
    assert set(glob.glob("/dev/shm/cs-anim-frames-*")) <= before_frames
    import time as _t
    _t.sleep(0.2)
    assert children() - before == set()


@needs_lo
def test_morph_moves_shapes_matched_by_name(tmp_path):
    from creator_studio.core.forms.screen_record import ScreenRecordFormat

    deck = anim_decks.build_deck(tmp_path / "morph.pptx", [
        {"title": "平滑切换", "shapes": [("移动", 100, 300, 300, 200), ("只在第一页", 900, 300, 300, 200)]},
        {"title": "平滑切换", "shapes": [("移动", 900, 300, 300, 200)], "transition": "morph"},
    ])
    lesson = import_source(deck, assets_dir=tmp_path / "assets")
    assert lesson.pages[1].transition.kind == "morph"
    found = anim_layers.render_morph(deck, [(0, 1)], SIZE, tmp_path / "m")
    ml = found[(0, 1)]
    assert "Box 1 移动" in ml.names and "Box 2 只在第一页" not in ml.names
    # black text on the black backdrop is still found (the title's box has no fill: text only)
    assert ml.a["Title 1"].empty and not ml.text_a["Title 1"].empty
    la, lb = ml.a["Box 1 移动"], ml.b["Box 1 移动"]
    mid = animate.morph_frame(ml, 0.5).astype(int)
    colour = np.array(anim_decks.COLOURS[0])
    close = (np.abs(mid - colour).max(axis=2) < 40)
    ys, xs = np.nonzero(close)
    assert len(xs) > 0.6 * la.size[0] * la.size[1] * 0.5  # one solid box, not two faint ones
    cx = xs.mean()
    ax, bx = la.x + la.size[0] / 2, lb.x + lb.size[0] / 2
    assert ax + 0.3 * (bx - ax) < cx < ax + 0.7 * (bx - ax)
    # the end of the morph is the new slide
    end = animate.morph_frame(ml, 1.0).astype(int)
    comp = ml.bg_b.copy()
    for name in ml.names:
        for L in (ml.b[name], ml.text_b.get(name)):
            if L is not None and not L.empty:
                animate._blend(comp, L.x, L.y, L.rgba)
    assert np.abs(end - comp.astype(int)).mean() < 1.0
    # the video reports the morph as matched by name
    lesson.source_path = deck
    art = ScreenRecordFormat().render(lesson, tmp_path / "out", {"tts": "none", "resolution": "720p"}, Job())
    (row,) = [p for p in art.info["animation"]["pages"] if p["transition"]]
    assert row["transition"]["render_as"] == "morph" and "2 shape(s) matched by name" in row["transition"]["note"]  # title + box
    assert lesson.pages[1].transition.render_as == "fade"  # the maker's model is not changed by a render


def test_segments_encode_in_the_background_and_join(tmp_path):
    """Many frames: chunks are encoded while the next ones are drawn, then joined by copy."""
    from creator_studio.core.media import video

    seq = animate.Sequence(seg_dir=tmp_path / "segs",
                           preset=video.PRESETS["360p"], budget=20_000_000)
    (tmp_path / "segs").mkdir()
    W, H = video.PRESETS["360p"].size
    try:
        frame = np.full((H, W, 3), 250, np.uint8)
        seq.mark_keyframe()
        seq.add_still(seq.picture(frame), 1.0)
        for i in range(120):  # a bar moving right, 6 s at 20 fps
            f = frame.copy()
            f[150:200, i * 5:i * 5 + 40] = (200, 40, 40)
            seq.add_frame(f, 1 / animate.FPS)
            if i % 20 == 19:
                seq.mark_keyframe()
                seq.checkpoint()
        seq.add_still(seq.picture(frame), 1.0)
        res = seq.finish(tmp_path / "out.mp4", audio=None, srt=None, burn_subtitles=False)
    finally:
        seq.cleanup()
    assert len(seq.segments) >= 3 and "seg" in res.engine
    assert seq.entries == [] and not (tmp_path / "segs").exists()  # nothing held or left behind
    info = ffmpeg.probe(tmp_path / "out.mp4")
    # without an audio track the very last picture may end up to 0.2 s early (the screen-record
    # video carries its audio, which sets the length)
    assert info["duration"] == pytest.approx(8.0, abs=0.25)
    for t in (2.0, 3.5, 5.0, 6.5):  # every joint keeps its time: the bar is where the plan put it
        f = _frame_at(tmp_path / "out.mp4", t, tmp_path)
        red = np.nonzero((f[175, :, 0] > 150) & (f[175, :, 1] < 100))[0]
        i = int((t - 1.0) * animate.FPS)
        assert abs(red.mean() - (i * 5 + 20)) <= 12, (t, red.mean())


@needs_lo
def test_colour_change_moves_the_fill_and_keeps_the_text(tmp_path):
    """Fill colour emphasis: the box's fill goes from its colour to red through the colours in
    between; its white label stays white. Font colour: the label turns yellow, the fill stays."""
    deck = anim_decks.build_deck(tmp_path / "c.pptx", [
        {"title": "颜色变化", "shapes": [("填充变红", 100, 250, 450, 250), ("文字变黄", 700, 250, 450, 250)],
         "clicks": [[(0, "fill-to-red")], [(1, "text-to-yellow")]], "dur_ms": 1000}])
    lesson = import_source(deck, assets_dir=tmp_path / "assets")
    page = lesson.pages[0]
    fill_fx, text_fx = page.steps[0].effects[0], page.steps[1].effects[0]
    assert (fill_fx.render_as, fill_fx.color, fill_fx.params["colour_attr"], fill_fx.outcome) == \
        ("colour", "C00000", 1.0, "reproduced")
    assert (text_fx.color, text_fx.params["colour_attr"], text_fx.outcome) == ("FFFF00", 2.0, "reproduced")
    layers = anim_layers.render_slide_layers(deck, [(page, 0)], SIZE, tmp_path / "layers")
    an = animate.PageAnimator(page, layers[0], animate.Geometry(SIZE, animate.content_box(lesson, SIZE)))
    L0 = layers[0].layers[fill_fx.target_key]
    blue, red = np.array(anim_decks.COLOURS[0]), np.array([0xC0, 0, 0])
    fy, fx = L0.y + 8, L0.x + 8  # a fill pixel (top-left corner, away from the label)
    f0, fmid, f1 = (an.frame(0, t)[fy, fx].astype(int) for t in (0.0, 0.5, 1e9))
    assert np.abs(f0 - blue).max() < 12 and np.abs(f1 - red).max() < 12
    assert np.abs(fmid - (blue + red) / 2).max() < 40  # in between, not a jump
    # the label's white glyphs stay white while the fill turns red
    lab = an.frame(0, 1e9)[L0.y:L0.y + L0.size[1], L0.x:L0.x + L0.size[0]].astype(int)
    assert (lab.min(axis=2) > 235).sum() > 30
    # font colour: yellow glyphs appear on the second box, its orange fill stays
    L1 = layers[0].layers[text_fx.target_key]
    box1 = lambda fr: fr[L1.y:L1.y + L1.size[1], L1.x:L1.x + L1.size[0]].astype(int)  # noqa: E731
    yellow = lambda a: ((a[:, :, 0] > 220) & (a[:, :, 1] > 220) & (a[:, :, 2] < 80)).sum()  # noqa: E731
    before, after = box1(an.frame(1, 0.0)), box1(an.frame(1, 1e9))
    assert yellow(before) == 0 and yellow(after) > 30
    orange = np.array(anim_decks.COLOURS[1])
    assert np.abs(after[8, 8] - orange).max() < 12


def test_theme_colour_of_a_colour_change_is_resolved(tmp_path):
    deck = anim_decks.build_deck(tmp_path / "t.pptx", [
        {"title": "主题色", "shapes": [("甲", 100, 250, 450, 250)], "clicks": [[(0, "fill-to-accent2")]]}])
    lesson = import_source(deck, assets_dir=tmp_path / "assets")
    e = lesson.pages[0].steps[0].effects[0]
    assert e.color and len(e.color) == 6 and e.outcome == "reproduced"  # the default theme's accent2


@needs_lo
def test_morph_moves_text_at_its_own_size_and_reports_the_fallback(tmp_path):
    """A box that grows and moves: its label slides across at its font size (not stretched with
    the box); shapes named differently fall back to a reported crossfade."""
    from creator_studio.core.forms.screen_record import ScreenRecordFormat

    deck = anim_decks.build_deck(tmp_path / "grow.pptx", [
        {"title": "平滑切换", "shapes": [("移动", 100, 300, 300, 200)]},
        {"title": "平滑切换", "shapes": [("移动", 800, 150, 450, 400)], "transition": "morph"}])
    ml = anim_layers.render_morph(deck, [(0, 1)], SIZE, tmp_path / "m")[(0, 1)]
    n = "Box 1 移动"
    assert n in ml.text_a and not ml.text_a[n].empty and ml.differ == []
    ta, tb = ml.text_a[n], ml.text_b[n]
    assert abs(ta.size[0] - tb.size[0]) <= 2 and abs(ta.size[1] - tb.size[1]) <= 2  # same font size
    la, lb = ml.a[n], ml.b[n]
    assert lb.size[0] > 1.3 * la.size[0]  # the box itself grows

    def white_in_box(frame, x0, y0, x1, y1):
        part = frame[y0:y1, x0:x1].astype(int)
        return int((part.min(axis=2) > 200).sum())

    start = animate.morph_frame(ml, 0.0)
    mid = animate.morph_frame(ml, 0.5)
    e = animate._ease(0.5)
    bx = int(la.x + (lb.x - la.x) * e)
    by = int(la.y + (lb.y - la.y) * e)
    bw = int(la.size[0] + (lb.size[0] - la.size[0]) * e)
    bh = int(la.size[1] + (lb.size[1] - la.size[1]) * e)
    glyphs0 = white_in_box(start, la.x, la.y, la.x + la.size[0], la.y + la.size[1])
    glyphs_mid = white_in_box(mid, bx, by, bx + bw, by + bh)
    assert glyphs0 > 20
    assert 0.75 * glyphs0 < glyphs_mid < 1.3 * glyphs0  # the label is not stretched with the box
    lesson = import_source(deck, assets_dir=tmp_path / "assets")
    lesson.source_path = deck
    art = ScreenRecordFormat().render(lesson, tmp_path / "out", {"tts": "none", "resolution": "360p"}, Job())
    (row,) = [p for p in art.info["animation"]["pages"] if p["transition"]]
    assert row["transition"]["outcome"] == "reproduced" and row["transition"]["render_as"] == "morph"
    # renamed shapes: nothing to match → crossfade, reported
    other = anim_decks.build_deck(tmp_path / "renamed.pptx", [
        {"title": "甲", "shapes": [("一", 100, 300, 300, 200)]},
        {"title": "乙", "shapes": [("二", 800, 150, 450, 400)], "transition": "morph"}])
    from pptx import Presentation

    prs = Presentation(other)
    for k, slide in enumerate(prs.slides):
        for shp in slide.shapes:
            shp.name = f"slide{k}-{shp.shape_id}"
    prs.save(other)
    lesson = import_source(other, assets_dir=tmp_path / "assets2")
    lesson.source_path = other
    art = ScreenRecordFormat().render(lesson, tmp_path / "out2", {"tts": "none", "resolution": "360p"}, Job())
    (row,) = [p for p in art.info["animation"]["pages"] if p["transition"]]
    assert row["transition"]["render_as"] == "fade" and row["transition"]["outcome"] == "approximated"
    assert "fell back to a crossfade" in row["transition"]["note"]


@pytest.mark.parametrize("budget", [20_000_000, 10**12])  # several segments joined / one encode
def test_burned_captions_on_the_animated_path(tmp_path, budget):
    """Both ways out of the frame sequence (one encode, or segments joined and re-encoded for the
    burn-in) burn the captions and keep soft ones."""
    from creator_studio.core.media import video

    srt = tmp_path / "c.srt"
    srt.write_text("1\n00:00:00,500 --> 00:00:03,500\n字幕测试字幕测试\n", encoding="utf-8")
    seq = animate.Sequence(seg_dir=tmp_path / "segs",
                           preset=video.PRESETS["360p"], budget=budget, piece=animate.STILL_PIECE)
    (tmp_path / "segs").mkdir()
    W, H = video.PRESETS["360p"].size
    try:
        white = np.full((H, W, 3), 255, np.uint8)
        seq.mark_keyframe()
        seq.add_still(seq.picture(white), 1.0)
        for i in range(60):
            f = white.copy()
            f[40:80, i * 5:i * 5 + 40] = (200, 40, 40)
            seq.add_frame(f, 1 / animate.FPS)
            if i % 20 == 19:
                seq.checkpoint()
        seq.add_still(seq.picture(white), 1.0)
        seq.finish(tmp_path / "out.mp4", audio=None, srt=srt, burn_subtitles=True)
    finally:
        seq.cleanup()
    assert (len(seq.segments) >= 2) == (budget < 10**9)
    info = ffmpeg.probe(tmp_path / "out.mp4")
    assert info["duration"] == pytest.approx(5.0, abs=0.25)
    low = _frame_at(tmp_path / "out.mp4", 2.0, tmp_path)[int(H * 0.7):]
    assert (low.max(axis=2) < 120).sum() > 50  # caption glyphs (dark outline) burned into the picture
    clean = _frame_at(tmp_path / "out.mp4", 4.5, tmp_path)[int(H * 0.7):]
    assert (clean.max(axis=2) < 120).sum() == 0


def test_a_group_target_keeps_its_own_shapes(tmp_path):
    """The layer of an animated group holds the group's shapes (they were dropped as "siblings")."""
    from lxml import etree
    from pptx import Presentation
    from pptx.util import Emu

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    slide.shapes.add_shape(1, Emu(0), Emu(0), Emu(100000), Emu(100000))  # a sibling, not in the layer
    grp = slide.shapes.add_group_shape()
    grp.shapes.add_shape(1, Emu(200000), Emu(0), Emu(100000), Emu(100000))
    inner = grp.shapes.add_group_shape()
    inner.shapes.add_shape(9, Emu(400000), Emu(0), Emu(100000), Emu(100000))
    root = etree.fromstring(etree.tostring(slide._element))
    assert anim_layers.layer_variant(root, anim_layers.Target(str(grp.shape_id)))
    tree = root.find(f"{anim_layers._p('cSld')}/{anim_layers._p('spTree')}")
    kept = [c.get("id") for c in tree.iter(anim_layers._p("cNvPr"))]
    assert str(grp.shape_id) in kept and str(inner.shape_id) in kept
    assert len([el for el in tree.iter(anim_layers._p("sp"))]) == 2  # both of the group's shapes, not the sibling


@needs_lo
def test_corpus_slide_with_groups_and_a_paragraph_build_recomposes(tmp_path):
    """L3 slide 3: a by-paragraph build of a placeholder (its text colour is inherited, which
    LibreOffice draws white on a dark page) and three animated groups. Every step's end composite
    equals LibreOffice's own slide; the paragraph is dark text, not a white ghost."""
    deck = Path(__file__).resolve().parents[1] / "data" / "corpus" / "pptx" / "zh_designed_aisys_L3_Framework.pptx"
    lesson = import_source(deck, assets_dir=tmp_path / "assets")
    page = next(p for p in lesson.pages if p.source_index == 3)
    assert sum(1 for s in page.steps for e in s.effects if e.paragraph_range) == 1
    layers = anim_layers.render_slide_layers(deck, [(page, 2)], SIZE, tmp_path / "l", with_full=True)
    sl = layers[2]
    assert not any(sl.layers[k].empty for k in sl.order)  # the groups are drawn
    an = animate.PageAnimator(page, sl, animate.Geometry(SIZE, animate.content_box(lesson, SIZE)))
    assert np.abs(an.last().astype(int) - sl.full.astype(int)).mean() < 0.5
    para = sl.layers[page.steps[0].effects[0].target_key]
    opaque = para.rgba[:, :, 3] > 0.95
    assert opaque.sum() > 100 and para.rgba[:, :, :3][opaque].mean() < 0.2


@needs_lo
@pytest.mark.parametrize("deck,slide", [("zh_designed_aisys_L3_Framework.pptx", 23),
                                        ("zh_designed_aisys_L7_Platform.pptx", 25)])
def test_paragraph_builds_in_autofit_boxes_keep_their_layout(deck, slide, tmp_path):
    """Bullets of the paragraphs left out of a layer keep their place (a no-break space in the
    bullet's font): dropping them re-wrapped the visible ones in these autofit boxes (mean diff
    6.1 and 7.4 before), and the end of the build must be LibreOffice's slide."""
    path = Path(__file__).resolve().parents[1] / "data" / "corpus" / "pptx" / deck
    lesson = import_source(path, assets_dir=tmp_path / "assets")
    page = next(p for p in lesson.pages if p.source_index == slide)
    assert any(e.paragraph_range for s in page.steps for e in s.effects)
    sl = anim_layers.render_slide_layers(path, [(page, slide - 1)], SIZE, tmp_path / "l", with_full=True)[slide - 1]
    an = animate.PageAnimator(page, sl, animate.Geometry(SIZE, animate.content_box(lesson, SIZE)))
    assert np.abs(an.last().astype(int) - sl.full.astype(int)).mean() < 0.5


@needs_lo
def test_corpus_colour_blend_and_line_colour_end_states(tmp_path):
    """aspose slide 3: colour blend moves the fill (and text) to accent2 ED7D31; line colour moves
    only the outline, the green fill inside stays; no layer is tinted as a whole."""
    path = Path(__file__).resolve().parents[1] / "data" / "corpus" / "pptx" / "anim_aspose_SimpleAnimations.pptx"
    lesson = import_source(path, assets_dir=tmp_path / "assets")
    page = next(p for p in lesson.pages if p.source_index == 3)
    blend, line = sorted(page.steps[0].effects, key=lambda e: e.preset)
    assert (blend.preset, line.preset) == ("colour-blend", "line-colour")
    assert blend.params == {"colour_attr": 2.0, "colour_attr2": 1.0} and line.params == {"colour_attr": 3.0}
    sl = anim_layers.render_slide_layers(path, [(page, 2)], SIZE, tmp_path / "l")[2]
    an = animate.PageAnimator(page, sl, animate.Geometry(SIZE, animate.content_box(lesson, SIZE)))
    end = an.frame(0, 1e9).astype(int)
    orange = np.array([0xED, 0x7D, 0x31])
    B, L = sl.layers[blend.target_key], sl.layers[line.target_key]
    assert np.abs(end[B.y + B.size[1] // 2, B.x + B.size[0] // 2] - orange).max() < 12
    assert np.abs(end[L.y + 2, L.x + L.size[0] // 2] - orange).max() < 20  # the frame
    centre = end[L.y + L.size[1] // 2, L.x + L.size[0] // 2]
    assert centre[1] > 150 and centre[0] < 60  # still green inside
