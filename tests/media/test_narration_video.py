"""Narration end to end through the screen-record form and `check` (issue 13 §3, §5, §6).

Real espeak-ng, real ffmpeg, real loudness measurement. A deck without notes must give an
audible video by default, or be blocked by `check`; the maker's explicit "silent" choice passes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from creator_studio.core.errors import RenderError
from creator_studio.core.forms.base import save_lesson_snapshot, update_manifest
from creator_studio.core.forms.screen_record import ScreenRecordFormat
from creator_studio.core.jobs import Job
from creator_studio.core.lesson import model as m
from creator_studio.core.media import audio, captions, tts
from creator_studio.core.norms import check_package

pytestmark = pytest.mark.slow
HAS_ESPEAK = bool(tts.espeak_exe())


def _notesless_lesson() -> m.Lesson:
    pages = []
    for i, (title, items) in enumerate([
        ("理赔流程", ["报案：出险后48小时内拨打95500", "查勘定损", "提交保单和身份证明"]),
        ("核保要点", ["如实告知健康状况", "重疾险等待期为90天", "趸交与期交的区别"]),
        ("还款规则", ["保单贷款按时还款", "逾期将影响保单效力"]),
    ]):
        pages.append(m.Page(id=f"p{i + 1}", title=title,
                            blocks=[m.BulletList(items=[m.ListItem(runs=[m.Run(t)]) for t in items])]))
    return m.Lesson(title="车险理赔流程培训（仅供内部培训使用）", pages=pages)


def _render(lesson: m.Lesson, out: Path, **opts):
    art = ScreenRecordFormat().render(lesson, out, {"raster": "builtin", **opts}, Job())
    save_lesson_snapshot(lesson, out)
    update_manifest(out, lesson, art)
    return art


def _narration_finding(report):
    return [f for f in report.findings if f.rule_id == "narration-audible"]


@pytest.fixture(scope="module")
def notesless_render(tmp_path_factory):
    out = tmp_path_factory.mktemp("notesless")
    art = _render(_notesless_lesson(), out)
    return out, art


@pytest.mark.skipif(not HAS_ESPEAK, reason="needs espeak-ng")
def test_notesless_deck_narrates_its_own_text_and_passes_check(notesless_render):
    out, art = notesless_render
    info = art.info
    assert info["narration_sources"] == {"page_text": 3}
    assert info["tts_engine"] == "espeak-ng" and info["tts_voice"] == "cmn-latn-pinyin"
    frac, dur = audio.silent_fraction(out / "screen-record" / "course.mp4")
    assert frac < 0.3 and dur > 20
    report = check_package(out)
    (finding,) = _narration_finding(report)
    assert finding.status == "pass", finding


@pytest.mark.skipif(not HAS_ESPEAK, reason="needs espeak-ng")
def test_loudness_is_normalised_and_reported(notesless_render):
    out, art = notesless_render
    loud = art.info["loudness"]
    assert -16.5 <= loud["integrated_lufs"] <= -15.5 and loud["true_peak_dbtp"] <= -1.0
    measured = audio.measure_loudness(out / "screen-record" / "course.mp4")
    assert abs(measured.integrated - loud["integrated_lufs"]) < 0.3
    assert measured.true_peak <= -1.0
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["forms"]["screen-record"]["info"]["loudness"]["integrated_lufs"] == loud["integrated_lufs"]


@pytest.mark.skipif(not HAS_ESPEAK, reason="needs espeak-ng")
def test_captions_follow_sentences_and_keep_list_items_apart(notesless_render):
    out, art = notesless_render
    srt = (out / "screen-record" / "course.srt").read_text("utf-8")
    texts = [b.split("\n", 2)[2] for b in srt.strip().split("\n\n")]
    assert "理赔流程" in texts and "查勘定损" in texts and "提交保单和身份证明" in texts
    assert not any("理赔流程" in t and "报案" in t for t in texts)  # title and first item not glued
    cues = []
    for b in srt.strip().split("\n\n"):
        ts = re.findall(r"(\d\d):(\d\d):(\d\d),(\d\d\d)", b)
        a, z = [int(h) * 3600 + int(mi) * 60 + int(s) + int(ms) / 1000 for h, mi, s, ms in ts]
        cues.append(captions.Cue(a, z, b.split("\n", 2)[2]))
    assert captions.problems(cues, art.info["duration"], strict=True) == []
    vtt = (out / "screen-record" / "course.vtt").read_text("utf-8")
    assert vtt.count(" --> ") == len(cues)


def test_silent_video_is_blocked_by_check(tmp_path):
    _render(_notesless_lesson(), tmp_path, tts="none")
    (finding,) = _narration_finding(check_package(tmp_path))
    assert finding.status == "fail" and "30%" in finding.message_zh


def test_music_only_choice_is_not_blocked(tmp_path):
    lesson = _notesless_lesson()
    for p in lesson.pages:
        p.narration_mode = "silent"
    art = _render(lesson, tmp_path)
    assert art.info["narration_sources"] == {"silent": 3} and art.info["captions"] == 0
    assert art.info["silent_by_choice_seconds"] == pytest.approx(art.info["planned_duration"], abs=0.01)
    (finding,) = _narration_finding(check_package(tmp_path))
    assert finding.status == "pass", finding


@pytest.mark.skipif(not HAS_ESPEAK, reason="needs espeak-ng")
def test_one_silent_page_is_not_counted_against_the_video(tmp_path):
    lesson = _notesless_lesson()
    lesson.pages[1].narration_mode = "silent"
    art = _render(lesson, tmp_path)
    assert art.info["narration_sources"] == {"page_text": 2, "silent": 1}
    assert art.info["silent_by_choice_seconds"] > 0
    srt = (tmp_path / "screen-record" / "course.srt").read_text("utf-8")
    assert "核保要点" not in srt


def test_course_over_four_hours_is_refused_before_synthesis(tmp_path):
    lesson = _notesless_lesson()
    lesson.pages[0].narration = "各位同事请注意理赔材料" * 20_000  # 200k characters of notes
    with pytest.raises(RenderError) as e:
        ScreenRecordFormat().render(lesson, tmp_path, {"raster": "builtin"}, Job())
    assert e.value.code == "NARRATION_TOO_LONG"
    assert not list(tmp_path.rglob("*.wav"))
    assert not (tmp_path / "screen-record").exists()


def test_synthesize_refuses_200k_characters_without_writing_audio(tmp_path):
    with pytest.raises(RenderError) as e:
        tts.synthesize("保单" * 100_000, tmp_path / "x.wav")
    assert e.value.code == "NARRATION_TOO_LONG"
    assert not (tmp_path / "x.wav").exists()


def test_page_over_ten_minutes_is_a_typed_warning():
    long_page = "理赔材料需要齐全" * 300  # ≈ 2400 syllables ≈ 12 minutes
    warnings = tts.check_budget(["短。", long_page], page_labels=["p1", "p2"])
    assert len(warnings) == 1 and warnings[0].startswith("[p2]") and "10 分钟" in warnings[0]
    assert tts.estimate_seconds(long_page) > tts.PAGE_WARN_SECONDS


def test_one_page_over_thirty_minutes_is_refused_with_its_label(tmp_path):
    lesson = _notesless_lesson()
    lesson.pages[1].narration = "理赔材料需要齐全" * 800  # ≈ 6400 syllables ≈ 32 minutes
    with pytest.raises(RenderError) as e:
        ScreenRecordFormat().render(lesson, tmp_path, {"raster": "builtin"}, Job())
    assert e.value.code == "NARRATION_TOO_LONG" and "p2" in e.value.message_zh
    assert not list(tmp_path.rglob("*.wav"))


@pytest.mark.skipif(not HAS_ESPEAK, reason="needs espeak-ng")
def test_many_sentences_are_synthesised_in_bounded_batches(tmp_path, monkeypatch):
    calls = []
    real = tts._espeak_samples

    def spy(spoken, raw, voice, job, **kw):
        calls.append(spoken.count("<break"))
        return real(spoken, raw, voice, job, **kw)

    monkeypatch.setattr(tts, "_espeak_samples", spy)
    monkeypatch.setattr(tts, "BATCH_SENTENCES", 4)
    n = tts.synthesize("好。" * 10, tmp_path / "x.wav")
    assert len(n.sentences) == 10 and calls == [3, 3, 1]
