"""Screen-record video speed: ours vs. the ffmpeg concat-demuxer floor vs. naive moviepy.

A 20-slide deck with ~10 s of narration per slide (≈ 225 s of video, 1280×720). All methods get
the same slide pictures and the same narration WAVs, measured in this run:

- floor   : one ffmpeg command, concat demuxer for the pictures and for the WAVs, fps=5,
            x264 ultrafast + stillimage, AAC with the same fast coder as ours (FIELD-NOTES §3
            "physical limit");
- ours    : what the screen-record form does after TTS — the sample-exact audio track (Python
            mix + one AAC encode) and `video.encode_slideshow` (concat demuxer, 5 fps, keyframes
            at slide changes, soft subtitles);
- ours/moviepy : the same contract through moviepy (`ImageClip`s, prebuilt AAC copied);
- naive   : moviepy the obvious way — ImageClip.with_audio(AudioFileClip) per slide,
            concatenate_videoclips, write_videofile(fps=24, audio_codec="aac"), default preset.

Targets (issue 4): ours ≤ 2× floor and ≥ 5× faster than naive.
Usage: python benchmarks/video_bench.py [--slides 20] [--skip-naive]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from creator_studio.core.lesson import model as m
from creator_studio.core.media import audio, captions, ffmpeg, slide_render, timing, video
from creator_studio.core.media.tts import VoiceSpec, synthesize

SIZE = (1280, 720)
NARRATION = ("各位同事好，本页介绍个人养老金的第{n}个要点：每年缴费上限一万二千元，"
             "投资收益暂不征税，领取时按百分之三计税。")


def prepare(work: Path, n: int) -> tuple[list[Path], list[Path], list[timing.SlideTime], list[str]]:
    lesson = m.Lesson(title="个人养老金基准课程")
    pal = slide_render.palette_for(lesson.theme)
    pictures, wavs, texts = [], [], []
    target = 10.0
    for i in range(n):
        page = m.Page(id=f"p{i}", title=f"第{i + 1}个要点",
                      blocks=[m.Paragraph(runs=[m.Run("个人养老金是政府支持、个人自愿参加的补充养老保险制度。" * 2)]),
                              m.BulletList(items=[m.ListItem(runs=[m.Run(t)]) for t in ("税收优惠", "投资范围", "领取条件")])])
        pic = work / f"slide-{i:02d}.png"
        slide_render.render_page(page, lesson, SIZE, palette=pal, page_no=i + 1, page_count=n).save(pic, compress_level=1)
        pictures.append(pic)
        text = NARRATION.format(n=i + 1)
        nar = synthesize(text, work / f"n-{i:02d}.wav", VoiceSpec())
        # Pad or trim to ~10 s so every method gets the same, realistic-length narration.
        data, rate = audio.read_wav(nar.wav_path)
        want = int(target * rate)
        import numpy as np

        data = np.concatenate([data] * (want // max(1, len(data)) + 1))[:want]
        audio.write_wav(nar.wav_path, data, rate)
        wavs.append(nar.wav_path)
        texts.append(text * 2)
    plan = timing.plan([timing.TimingInput(speech=audio.wav_duration(w)) for w in wavs])
    return pictures, wavs, plan, texts


def floor_concat(work: Path, pictures, wavs, plan) -> float:
    """The practical floor: one ffmpeg command, both concat lists, like FIELD-NOTES §3."""
    vlist, alist = work / "v.txt", work / "a.txt"
    vlist.write_text("".join(f"file {ffmpeg.concat_quote(p)}\nduration {t.duration:.3f}\n"
                             for p, t in zip(pictures, plan)))
    # Each slide's audio padded to the slide length (lead-in/tail silence) — same timeline as ours.
    padded = []
    for i, (w, t) in enumerate(zip(wavs, plan)):
        data, rate = audio.read_wav(w)
        import numpy as np

        lead = np.zeros(int(round((t.speech_start - t.start) * rate)), dtype=np.int16)
        body = np.concatenate([lead, data])
        body = np.concatenate([body, np.zeros(max(0, int(round(t.duration * rate)) - len(body)), dtype=np.int16)])
        padded.append(audio.write_wav(work / f"pad-{i:02d}.wav", body, rate))
    alist.write_text("".join(f"file {ffmpeg.concat_quote(p)}\n" for p in padded))
    total = timing.total(plan)
    out = work / "floor.mp4"
    t0 = time.perf_counter()
    ffmpeg.run_ffmpeg(["-f", "concat", "-safe", "0", "-i", str(vlist), "-f", "concat", "-safe", "0",
                       "-i", str(alist), "-map", "0:v", "-map", "1:a", "-vf", "fps=5,format=yuv420p",
                       "-c:v", "libx264", "-preset", "ultrafast", "-tune", "stillimage",
                       # the same AAC settings as ours, so the floor is not handicapped by the
                       # (4× slower) default two-loop coder
                       "-c:a", "aac", "-aac_coder", "fast", "-b:a", "96k",
                       "-t", f"{total:.3f}", "-movflags", "+faststart", str(out)], timeout=1800)
    return time.perf_counter() - t0


def ours(work: Path, pictures, wavs, plan, texts, engine: str = "ffmpeg") -> tuple[float, dict]:
    total = timing.total(plan)
    t0 = time.perf_counter()
    segs = [audio.Segment(w, t.speech_start) for w, t in zip(wavs, plan)]
    track = audio.build_track(segs, total, work / f"track-{engine}.m4a")
    cues = captions.build_cues([(x, t.speech_start, t.speech_end) for x, t in zip(texts, plan)], total)
    srt = work / f"subs-{engine}.srt"
    srt.write_text(captions.to_srt(cues), encoding="utf-8")
    stills = [video.Still(p, t.duration) for p, t in zip(pictures, plan)]
    out = work / f"ours-{engine}.mp4"
    video.encode_slideshow(stills, out, audio=track, preset=video.PRESETS["720p"], srt=srt, engine=engine)
    secs = time.perf_counter() - t0
    p = ffmpeg.probe(out)
    return secs, {"duration": p["duration"], "planned": total, "video": p["video"]["codec_name"],
                  "pix_fmt": p["video"]["pix_fmt"], "audio": p["audio"]["codec_name"],
                  "subs": (p["subtitle"] or {}).get("codec_name"), "bytes": out.stat().st_size}


def naive_moviepy(work: Path, pictures, wavs, plan) -> float:
    from moviepy import AudioFileClip, ImageClip, concatenate_videoclips

    t0 = time.perf_counter()
    clips, audios = [], []
    for p, w, t in zip(pictures, wavs, plan):
        a = AudioFileClip(str(w))
        audios.append(a)
        clips.append(ImageClip(str(p)).with_duration(t.duration).with_audio(a))
    final = concatenate_videoclips(clips, method="chain")
    final.write_videofile(str(work / "naive.mp4"), fps=24, codec="libx264", audio_codec="aac", logger=None)
    final.close()
    for c in clips + audios:
        c.close()
    return time.perf_counter() - t0


def end_to_end(work: Path, n: int) -> tuple[float, dict]:
    """The whole form on a real generated deck: import, LibreOffice slides, espeak-ng, encode."""
    from pptx import Presentation
    from pptx.util import Inches

    from creator_studio.core.forms.screen_record import ScreenRecordFormat
    from creator_studio.core.importers import import_source
    from creator_studio.core.jobs import Job

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    for i in range(n):
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = f"第{i + 1}个要点：个人养老金"
        s.placeholders[1].text = "税收优惠\n投资范围\n领取条件"
        s.notes_slide.notes_text_frame.text = NARRATION.format(n=i + 1)
    deck = work / "e2e.pptx"
    prs.save(deck)
    t0 = time.perf_counter()
    lesson = import_source(deck, assets_dir=work / "e2e-assets")
    art = ScreenRecordFormat().render(lesson, work / "e2e-out", {"resolution": "720p"}, Job())
    return time.perf_counter() - t0, {k: art.info[k] for k in ("duration", "raster_backend", "tts_engine",
                                                                "encode_seconds", "render_seconds")}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--slides", type=int, default=20)
    ap.add_argument("--skip-naive", action="store_true", help="skip the slow naive moviepy render")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="video-bench-"))
    try:
        t0 = time.perf_counter()
        pictures, wavs, plan, texts = prepare(work, args.slides)
        total = timing.total(plan)
        print(f"inputs: {args.slides} slides, {total:.1f} s of video at {SIZE[0]}x{SIZE[1]} "
              f"(prepared in {time.perf_counter() - t0:.1f} s: built-in slide pictures + espeak-ng)")
        floor = floor_concat(work, pictures, wavs, plan)
        print(f"floor  (ffmpeg concat demuxer, 1 command) : {floor:7.2f} s")
        mine, info = ours(work, pictures, wavs, plan, texts)
        print(f"ours   (audio once + concat encode + subs): {mine:7.2f} s  {info}")
        mine_mp, info_mp = ours(work, pictures, wavs, plan, texts, engine="moviepy")
        print(f"ours via moviepy engine (5 fps, AAC copy)  : {mine_mp:7.2f} s")
        print(f"ratio ours / floor            = {mine / floor:5.2f}   (target <= 2.0)")
        print(f"ratio ours-moviepy / floor    = {mine_mp / floor:5.2f}")
        print(f"realtime factor (video/ours)  = {total / mine:5.1f}x")
        e2e, e2e_info = end_to_end(work, args.slides)
        print(f"end to end (import + LibreOffice + espeak-ng + encode): {e2e:6.2f} s  {e2e_info}")
        if not args.skip_naive:
            naive = naive_moviepy(work, pictures, wavs, plan)
            print(f"naive  (moviepy 24 fps, per-clip audio)    : {naive:7.2f} s")
            print(f"ratio naive / ours            = {naive / mine:5.1f}   (target >= 5.0)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
