"""Done-when of issue 14: a lesson with a page narrated in the maker's own voice, a screen recording
as a video page and a skit line in the maker's voice — all four forms use them (one render)."""

from __future__ import annotations

import json
import subprocess

import numpy as np
import pytest
from PIL import Image

from creator_studio.core.forms import render_forms
from creator_studio.core.lesson import model as m
from creator_studio.core.lesson.assets import AssetStore
from creator_studio.core.media import audio, ffmpeg
from creator_studio.core.norms import check_package

from .conftest import dominant_hz  # noqa: TID252


def _make(tmp_path, args, name):
    out = tmp_path / name
    subprocess.run([ffmpeg.ffmpeg_exe(), "-v", "error", "-y", *args, str(out)], check=True, timeout=120)
    return out


@pytest.mark.slow
def test_recordings_flow_into_all_four_forms(tmp_path):
    store = AssetStore(tmp_path / "assets")
    # a page take as finish_take stores it (AAC at −16 LUFS): 330 Hz
    voice_wav = _make(tmp_path, ["-f", "lavfi", "-i", "aevalsrc='0.3*sin(2*PI*330*t)':s=44100:d=4"], "v.wav")
    voice = tmp_path / "v.m4a"
    audio.encode_normalized(voice_wav, voice)
    # a screen recording as Qt makes it here: MPEG-4 Part 2 + AAC, a green picture, 550 Hz
    clip = _make(tmp_path, ["-f", "lavfi", "-i", "color=c=0x00c800:s=1280x720:r=25:d=5", "-f", "lavfi", "-i",
                            "aevalsrc='0.25*sin(2*PI*550*t)':s=44100:d=5", "-c:v", "mpeg4", "-q:v", "3",
                            "-c:a", "aac", "-shortest"], "clip.mp4")
    line_take = tmp_path / "line.m4a"
    audio.encode_normalized(_make(tmp_path, ["-f", "lavfi", "-i", "aevalsrc='0.3*sin(2*PI*770*t)':s=44100:d=2"],
                                  "l.wav"), line_take)
    v_name, c_name, l_name = (store.put_file(voice, ".m4a"), store.put_file(clip, ".mp4"),
                              store.put_file(line_take, ".m4a"))
    cast = [m.Character("c1", "客户 王女士", role="客户"), m.Character("c2", "业务员小李", role="业务员")]
    script = m.Script(cast=cast, scenes=[m.Scene("s1", "拜访", lines=[
        m.Line("c1", "理赔要多久？"), m.Line("c2", "资料齐全三天内。", audio=l_name)])], start_scene="s1", title="拜访")
    lesson = m.Lesson(title="车险理赔流程培训", pages=[
        m.Page(id="p1", title="报案", narration="出险后请及时报案。", narration_audio=v_name,
               blocks=[m.Paragraph(runs=[m.Run("本课程仅供内部培训使用。")])]),
        m.Page(id="video-1", title="系统演示", narration="打开理赔系统。",
               blocks=[m.Media(asset=c_name, media_type="video", mime="video/mp4", trim_in=1.0, trim_out=4.0)]),
        m.Page(id="p2", title="结案", narration="资料齐全后结案。"),
    ], script=script)
    lesson.asset_root = tmp_path / "assets"
    out = tmp_path / "out"
    done, failed = render_forms(lesson, out, ["screen-record", "h5", "long-image", "skit"],
                                {"tts": "none", "raster": "builtin", "narration": False})
    assert not failed, failed

    # 1. screen-record: the page speaks the take, the video page shows its kept 3 s with its sound
    sr = done["screen-record"].info
    rec = {e["page"]: e for e in sr["recorded_pages"]}
    assert rec["p1"]["kind"] == "voice" and rec["video-1"]["seconds"] == pytest.approx(3.0, abs=0.05)
    wav = tmp_path / "sr.wav"
    ffmpeg.to_wav(out / "screen-record" / "course.mp4", wav, rate=44100)
    y, r = audio.read_wav(wav)

    def hz(t):
        return dominant_hz(y[int(t * r): int((t + 0.6) * r)], r)

    assert hz(rec["p1"]["start"] + 0.5) == pytest.approx(330, abs=5)
    assert hz(rec["video-1"]["start"] + 1.0) == pytest.approx(550, abs=5)
    # 2. H5: the page's audio is the take; the video page ships an H.264 file of the kept part
    mp4s = list((out / "h5").rglob("*.mp4"))
    assert len(mp4s) == 1
    web = ffmpeg.probe(mp4s[0])
    assert web["video"]["codec_name"] == "h264" and web["duration"] == pytest.approx(3.0, abs=0.15)
    m4as = [p for p in (out / "h5").rglob("*.m4a") if p.read_bytes() == voice.read_bytes()]
    assert m4as, "the page take is not shipped with the H5 course"
    # 3. long image: key frames of the video page (green), not a pill
    pngs = sorted((out / "long-image").glob("*.png"))
    img = np.concatenate([np.asarray(Image.open(p).convert("RGB")) for p in pngs], axis=0).astype(int)
    green = np.all(np.abs(img - [0, 200, 0]) < 30, axis=2)
    assert green.sum() > 20000, "no key frame of the screen recording in the long image"
    # 4. skit: the recorded line speaks the maker's take (770 Hz) at its place
    assert "recorded" in done["skit"].info["tts_engine"]
    swav = tmp_path / "skit.wav"
    ffmpeg.to_wav(out / "skit" / "skit.mp4", swav, rate=44100)
    ys, rs = audio.read_wav(swav)
    spec_hz = [dominant_hz(ys[k: k + rs // 2], rs) for k in range(0, len(ys) - rs // 2, rs // 4)
               if np.abs(ys[k: k + rs // 2].astype(int)).max() > 2000]
    assert any(abs(f - 770) < 5 for f in spec_hz), spec_hz
    # and the norms know the recorded pages (loudness measured per page, linked to it)
    report = check_package(out)
    by_page = {f.page: f.status for f in report.findings if f.rule_id == "recorded-loudness"}
    assert by_page.get("p1") == "pass" and "video-1" in by_page
    assert json.dumps(report.to_dict())  # serialisable for the studio
