"""A video page in the long image (issue 14): key frames of the kept part of the recording, each
with its time and the script's sentence being said then (placed on the clip's own speech)."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest
from PIL import Image

from creator_studio.core.forms.long_image import LongImageFormat
from creator_studio.core.forms.long_image.context import Options
from creator_studio.core.forms.long_image.layout import build_layout
from creator_studio.core.jobs import Job
from creator_studio.core.lesson import model as m
from creator_studio.core.lesson.assets import AssetStore
from creator_studio.core.media import audio, ffmpeg
from creator_studio.core.themes import load_theme

SENTENCES = ["首先打开理赔系统并且登录自己的工号和密码。", "好的。", "然后填写报案信息，最后点击提交按钮完成报案。"]
COLOURS = [(200, 30, 30), (30, 170, 30), (30, 60, 200)]


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    """12 s: red, green, blue for 4 s each; the three sentences spoken at 0.5 s, 4.5 s, 8.5 s."""
    if not shutil.which("espeak-ng"):
        pytest.skip("espeak-ng not installed")
    d = tmp_path_factory.mktemp("clip")
    rate = 22050
    track = np.zeros(12 * rate, np.int16)
    for k, (text, at) in enumerate(zip(SENTENCES, (0.5, 4.5, 8.5))):
        wav = d / f"s{k}.wav"
        subprocess.run(["espeak-ng", "-v", "cmn", "-s", "220", "-w", str(wav), text], check=True, timeout=60)
        s, r = audio.read_wav(wav)
        assert r == rate
        s = audio.trim_silence(s)[: int(3.4 * rate)]
        track[int(at * rate): int(at * rate) + len(s)] = s
    speech = audio.write_wav(d / "speech.wav", track, rate)
    args = [ffmpeg.ffmpeg_exe(), "-v", "error", "-y"]
    for c in COLOURS:
        args += ["-f", "lavfi", "-i", "color=c=0x%02x%02x%02x:s=640x360:r=25:d=4" % c]
    args += ["-i", str(speech), "-filter_complex", "[0:v][1:v][2:v]concat=n=3:v=1:a=0[v]", "-map", "[v]",
             "-map", "3:a", "-c:v", "mpeg4", "-q:v", "2", "-c:a", "aac", str(d / "clip.mp4")]
    subprocess.run(args, check=True, timeout=120)
    return d / "clip.mp4"


def _lesson(tmp_path, clip, **trim):
    root = tmp_path / "assets"
    name = AssetStore(root).put_file(clip, ".mp4")
    lesson = m.Lesson(title="理赔系统报案演示", pages=[
        m.Page(id="p1", title="开始", blocks=[m.Paragraph(runs=[m.Run("下面看系统操作。")])]),
        m.Page(id="video-1", title="报案演示", narration="".join(SENTENCES),
               blocks=[m.Media(asset=name, media_type="video", mime="video/mp4", **trim)])])
    lesson.asset_root = root
    return lesson


def test_key_frames_with_captions_follow_the_clip(tmp_path, clip):
    lay = build_layout(_lesson(tmp_path, clip), load_theme("minimal"), Options(750, 4000, "", "", "2026-01-01"))
    frames = [b for b in lay.boxes if b.kind == "video-frame"]
    caps = [b for b in lay.boxes if b.kind == "video-caption"]
    assert len(frames) == 3 and len(caps) == 3 and "media" not in lay.kinds()
    assert [c.info["time"] for c in caps] == [2.0, 6.0, 10.0]
    # at 6 s nobody speaks: the caption is the last sentence said (the short "好的。" at 4.5 s),
    # which spreading the script by length would have put near 4 s — aligned, not guessed
    assert [c.info["caption"] for c in caps] == SENTENCES
    # the rendered long image shows the three colours in that order
    out = tmp_path / "out"
    art = LongImageFormat().render(_lesson(tmp_path / "r", clip), out, {"width": 750, "theme": "minimal"}, Job())
    parts = sorted(p for p in (out / "long-image").glob("*.png"))
    img = np.concatenate([np.asarray(Image.open(p).convert("RGB")) for p in parts], axis=0).astype(int)
    col = img[:, img.shape[1] // 2]
    seen = []
    for y in range(0, len(col), 4):
        for k, c in enumerate(COLOURS):
            if abs(col[y] - c).max() < 30 and (not seen or seen[-1] != k):
                seen.append(k)
    assert seen == [0, 1, 2], seen
    assert not [w for w in art.warnings if "视频" in w]


def test_trimmed_clip_shows_only_the_kept_part_and_a_broken_one_falls_back(tmp_path, clip):
    lay = build_layout(_lesson(tmp_path, clip, trim_in=4.0, trim_out=8.0), load_theme("minimal"),
                       Options(750, 4000, "", "", "2026-01-01"))
    caps = [b for b in lay.boxes if b.kind == "video-caption"]
    assert [c.info["time"] for c in caps] == [2.0]  # 4 s kept → one frame, at its middle (6 s)
    assert caps[0].info["caption"] == SENTENCES[1]
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"not a video")
    lay = build_layout(_lesson(tmp_path / "b", bad), load_theme("minimal"), Options(750, 4000, "", "", "2026-01-01"))
    assert "media" in lay.kinds() and "video-frame" not in lay.kinds()
