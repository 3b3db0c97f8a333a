"""A skit line spoken with the maker's own recording instead of TTS (issue 14): in the video at
that line's place (a long line's recording is cut per bubble), in the H5 line clips, and as a
project asset."""

from __future__ import annotations

import re
import subprocess

import numpy as np
import pytest

from creator_studio.core.forms.skit import SkitFormat
from creator_studio.core.jobs import Job
from creator_studio.core.lesson.assets import AssetStore, referenced_assets
from creator_studio.core.media import audio, ffmpeg

from .conftest import branching_script, skit_lesson_of

pytestmark = pytest.mark.slow

LONG = ("您好，我们这款重大疾病保险的保障范围包括一百二十种重大疾病和二十种轻症，确诊即可按合同约定一次性赔付，"
        "另外投保前请您如实告知健康状况，等待期为九十天，等待期后确诊的疾病都在保障范围之内，理赔材料也很简单。")


def _dominant(y, r):
    spec = np.abs(np.fft.rfft(y.astype(float) * np.hanning(len(y))))
    return float(np.fft.rfftfreq(len(y), 1 / r)[int(np.argmax(spec))])


def _tones(path, parts):
    """A 'recording': (seconds of silence, tone Hz, seconds) pieces, AAC like a finished take."""
    expr = []
    t = 0.0
    for gap, hz, dur in parts:
        t += gap
        expr.append(f"between(t,{t:.3f},{t + dur:.3f})*0.4*sin(2*PI*{hz}*t)")
        t += dur
    subprocess.run([ffmpeg.ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"aevalsrc='{'+'.join(expr)}':s=44100:d={t + 0.4:.3f}", "-c:a", "aac", str(path)],
                   check=True, timeout=60)
    return path


def _cues(srt: str):
    out = []
    for block in srt.strip().split("\n\n"):
        lines = block.splitlines()
        m = re.match(r"(\d+):(\d+):(\d+),(\d+) --> (\d+):(\d+):(\d+),(\d+)", lines[1])
        g = [int(x) for x in m.groups()]
        out.append((g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 1000, g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 1000,
                    "".join(lines[2:])))
    return out


def test_recorded_lines_play_in_the_video_and_the_h5(tmp_path):
    script = branching_script()
    root = tmp_path / "assets"
    store = AssetStore(root)
    short = store.put_file(_tones(tmp_path / "a.m4a", [(0.3, 523, 1.2)]), ".m4a")
    # the long line: two bubbles, read with a pause between — first half 440 Hz, second 660 Hz
    long_rec = store.put_file(_tones(tmp_path / "b.m4a", [(0.2, 440, 3.0), (0.9, 660, 3.0)]), ".m4a")
    script.scenes[0].lines[1].audio = short          # 客户: "这个保险靠谱吗？"
    script.scenes[1].lines[0].text = LONG
    script.scenes[1].lines[0].audio = long_rec       # 业务员 (best path goes through s2)
    lesson = skit_lesson_of(script)
    lesson.asset_root = root
    assert {short, long_rec} <= referenced_assets(lesson)  # kept with the project

    out = tmp_path / "out"
    art = SkitFormat().render(lesson, out, {"resolution": "360p", "tts": "none"}, Job())
    assert "recorded" in art.info["tts_engine"]
    cues = _cues((out / "skit" / "skit.srt").read_text(encoding="utf-8"))
    wav = tmp_path / "skit.wav"
    ffmpeg.to_wav(out / "skit" / "skit.mp4", wav, rate=44100)
    y, r = audio.read_wav(wav)

    def hz_at(t):
        return _dominant(y[int((t + 0.15) * r): int((t + 0.85) * r)], r)

    start_q = next(a for a, _b, txt in cues if "这个保险靠谱吗" in txt)
    assert hz_at(start_q) == pytest.approx(523, abs=5)
    # the long line speaks its own recording whole: 440 Hz first, 660 Hz after the pause
    line_cues = [(a, b) for a, b, txt in cues if txt.startswith("业务员小李：您好")]
    assert line_cues, cues
    a0 = line_cues[0][0]
    end = next(b for a, b, txt in cues if a > a0 and "理赔材料也很简单" in txt)
    assert end - a0 == pytest.approx(7.1, abs=0.6)  # the slot follows the recording's length
    assert hz_at(a0) == pytest.approx(440, abs=5)
    assert hz_at(end - 2.0) == pytest.approx(660, abs=5)
    # lines without a recording stay silent with tts=none: nothing at the narrator's first line
    start_n = next(a for a, _b, txt in cues if "客户来到门店" in txt)
    seg = y[int((start_n + 0.1) * r): int((start_n + 0.6) * r)]
    assert np.abs(seg.astype(int)).max() < 300
    # the H5 scenario voices exactly the recorded lines
    assert art.info["h5_voiced_lines"] == 2


def test_a_line_shown_in_two_bubbles_gets_its_recording_cut_between_them(tmp_path):
    from creator_studio.core.skit.video import recorded_parts

    rec = _tones(tmp_path / "b.m4a", [(0.2, 440, 3.0), (0.9, 660, 3.0)])
    half = len(LONG) // 2
    parts = recorded_parts(rec, (LONG[:half], LONG[half:]), tmp_path, {})
    assert parts is not None and len(parts) == 2
    for (wav, secs), hz in zip(parts, (440, 660)):
        y, r = audio.read_wav(wav)
        assert secs == pytest.approx(3.0, abs=0.15)
        assert _dominant(y, r) == pytest.approx(hz, abs=5)
    silent = _tones(tmp_path / "s.m4a", [(0.5, 440, 0.0)])
    assert recorded_parts(silent, ("好的。",), tmp_path, {}) is None


def test_unreadable_line_recording_falls_back_to_tts_with_a_warning(tmp_path):
    script = branching_script()
    root = tmp_path / "assets"
    bad = tmp_path / "bad.m4a"
    bad.write_bytes(b"not audio")
    script.scenes[0].lines[1].audio = AssetStore(root).put_file(bad, ".m4a")
    lesson = skit_lesson_of(script)
    lesson.asset_root = root
    art = SkitFormat().render(lesson, tmp_path / "out", {"resolution": "360p", "tts": "none"}, Job())
    assert "recorded" not in art.info["tts_engine"]
    assert any("line recording unusable" in w for w in art.info.get("tts_fallbacks", []) + art.warnings), \
        (art.info.get("tts_fallbacks"), art.warnings)


def test_a_line_uses_the_recording_of_its_page(qtbot, tmp_path):
    """Script editor → Use the page's recording: a line imported from a page speaks with that
    page's own take (one undo step); a line whose page has no take is left alone."""
    from creator_studio.core.lesson import model as m
    from creator_studio.ui.studio.project import StudioProject
    from creator_studio.ui.studio.script_editor import ScriptEditor

    script = branching_script()
    script.scenes[0].lines[1].source_page = "p1"
    script.scenes[0].lines[0].source_page = "p2"
    lesson = skit_lesson_of(script)
    root = tmp_path / "assets"
    take = AssetStore(root).put_file(_tones(tmp_path / "t.m4a", [(0.2, 523, 1.0)]), ".m4a")
    lesson.pages[0].narration_audio = take
    lesson.pages.append(m.Page(id="p2", title="无录音"))
    lesson.asset_root = root
    project = StudioProject(lesson, tmp_path / "w")
    ed = ScriptEditor(project, lambda *_: None)
    qtbot.addWidget(ed)
    ed.reload()
    ed.lines_table.selectRow(0)
    assert ed.use_page_recording() is False and script.scenes[0].lines[0].audio is None
    ed.lines_table.selectRow(1)
    assert ed.use_page_recording() is True and script.scenes[0].lines[1].audio == take
    project.undo_stack.undo()
    assert script.scenes[0].lines[1].audio is None
