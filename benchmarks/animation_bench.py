"""Animated vs static screen-record video of the same deck (issue 16).

A generated 20-slide deck with 60 click steps (fade, fly, wipe, zoom, appear) and 20 transitions
(fade, push, wipe, cover, circle, split, zoom, uncover), Chinese notes with click markers, is
imported once and rendered to MP4 twice in this run:

- static: the same lesson with its steps and transitions removed (today's still-per-slide path);
- animated: LibreOffice layers + compositing + variable-rate encode.

Targets: animated ≤ 3× static, and ≥ 15× faster than real time. A second measurement compares
drawing transitions ourselves (numpy frames → x264) with ffmpeg's `xfade` filter for the same 20
transitions, to justify the choice.

    python benchmarks/animation_bench.py [--tts none|espeak] [--runs 1] [--keep DIR]

`--keep DIR` copies the last animated MP4 there, to look at.
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from creator_studio.core.forms.screen_record import ScreenRecordFormat
from creator_studio.core.importers import import_source
from creator_studio.core.jobs import Job
from creator_studio.core.media import animate, ffmpeg, raster

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("anim_decks", ROOT / "tests" / "animation" / "anim_decks.py")
anim_decks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(anim_decks)


def render(lesson, out: Path, tts: str) -> tuple[float, dict]:
    t0 = time.perf_counter()
    art = ScreenRecordFormat().render(lesson, out, {"tts": tts, "resolution": "720p"}, Job())
    video_file = next(f.path for f in art.files if f.role == "video")
    return time.perf_counter() - t0, dict(art.info, path=out / video_file)


def transitions_own(a: np.ndarray, b: np.ndarray, kinds: list[str], work: Path) -> float:
    from creator_studio.core.media import video

    t0 = time.perf_counter()
    segs = work / "own-segments"
    segs.mkdir()
    seq = animate.Sequence(seg_dir=segs, preset=video.PRESETS["720p"])
    try:
        for k in kinds:
            animate._span_frames(seq, 0.0, 0.75, lambda t, k=k: animate.TransitionPicture(k, "l", a, b, t / 0.75),
                                 drawn=True)
        seq.finish(work / "own.mp4", audio=None, srt=None, burn_subtitles=False)  # cleanup removes segs
    finally:
        seq.cleanup()
    return time.perf_counter() - t0


def transitions_xfade(a_png: Path, b_png: Path, kinds: list[str], work: Path) -> float:
    names = {"fade": "fade", "push": "slideleft", "wipe": "wipeleft", "cover": "coverleft",
             "circle": "circleopen", "split": "vertopen", "zoom": "zoomin", "uncover": "revealleft"}
    t0 = time.perf_counter()
    for i, k in enumerate(kinds):
        ffmpeg.run_ffmpeg(["-loop", "1", "-t", "0.75", "-framerate", "25", "-i", str(a_png),
                           "-loop", "1", "-t", "0.75", "-framerate", "25", "-i", str(b_png),
                           "-filter_complex", f"xfade=transition={names.get(k, 'fade')}:duration=0.75:offset=0,format=yuv420p",
                           "-c:v", "libx264", "-preset", "ultrafast", "-tune", "stillimage",
                           str(work / f"xf{i}.mp4")])
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tts", default="espeak")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--keep", type=Path, default=None)
    args = ap.parse_args()
    if raster.soffice_exe() is None:
        print("LibreOffice is needed for the animated path; not installed")
        return 1
    work = Path(tempfile.mkdtemp(prefix="anim-bench-"))
    try:
        deck = anim_decks.build_deck(work / "bench.pptx", anim_decks.benchmark_slides())
        lesson = import_source(deck, assets_dir=work / "assets")
        lesson.source_path = deck
        steps = sum(len(p.steps) for p in lesson.pages)
        trans = sum(1 for p in lesson.pages if p.transition and p.transition.kind != "none")
        print(f"deck: {len(lesson.pages)} slides, {steps} steps, {trans} transitions")
        static = copy.deepcopy(lesson)
        static.source_path = deck
        for p in static.pages:
            p.steps, p.transition = [], None
        for run in range(args.runs):
            t_static, info_s = render(static, work / f"static{run}", args.tts)
            t_anim, info_a = render(lesson, work / f"anim{run}", args.tts)
            ratio = t_anim / t_static
            rt = info_a["duration"] / t_anim
            print(f"run {run + 1}: static {t_static:.2f} s for {info_s['duration']:.1f} s of video "
                  f"(encode {info_s['encode_seconds']:.2f} s)")
            print(f"        animated {t_anim:.2f} s for {info_a['duration']:.1f} s of video: layers "
                  f"{info_a['layers_seconds']:.2f} s, drawing {info_a['frames_seconds']:.2f} s "
                  f"({info_a['animation_frames']} frames), encode {info_a['encode_seconds']:.2f} s, "
                  f"segments {info_a['segments']}")
            print(f"        ratio animated/static = {ratio:.2f} (target ≤ 3)   "
                  f"real-time factor = {rt:.1f}× (target ≥ 15)   "
                  f"{'OK' if ratio <= 3 and rt >= 15 else 'MISSED'}")
        if args.keep is not None:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy2(info_a["path"], args.keep / "animated.mp4")
        # transitions: own compositing vs ffmpeg xfade, same 20 transitions at 25 fps, 720p
        a = np.full((720, 1280, 3), 240, np.uint8)
        a[200:500, 200:700] = (47, 111, 222)
        b = np.full((720, 1280, 3), 250, np.uint8)
        b[150:550, 600:1100] = (224, 112, 58)
        Image.fromarray(a).save(work / "a.png")
        Image.fromarray(b).save(work / "b.png")
        kinds = [p.transition.render_as for p in lesson.pages if p.transition]
        (work / "tr").mkdir()
        t_own = transitions_own(a, b, kinds, work / "tr")
        t_xf = transitions_xfade(work / "a.png", work / "b.png", kinds, work / "tr")
        print(f"transitions ({len(kinds)} × 0.75 s): own compositing {t_own:.2f} s, ffmpeg xfade "
              f"{t_xf:.2f} s (one ffmpeg per transition) → xfade/own = {t_xf / t_own:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
