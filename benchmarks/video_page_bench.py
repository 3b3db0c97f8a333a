"""A course with video pages (issue 14): joined without re-encoding vs the overlay pass.

5 slide pages with espeak-less timed captions + one screen recording (MPEG-4 Part 2, 1280×720,
25 fps, AAC — what Qt records here) of `--clip` seconds, rendered to the screen-record form twice:
(A) the default join (slide runs and the clip encoded alone, stream-copied together) and
(B) the overlay pass (slideshow encoded, then the whole course re-encoded with the clip on top).
Prints wall time of each render and of the video-page step, and checks both decode cleanly.

    python benchmarks/video_page_bench.py --clip 60
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from pathlib import Path

from creator_studio.core.forms import screen_record
from creator_studio.core.forms.screen_record import ScreenRecordFormat
from creator_studio.core.jobs import Job
from creator_studio.core.lesson import model as m
from creator_studio.core.lesson.assets import AssetStore
from creator_studio.core.media import ffmpeg


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clip", type=float, default=60.0)
    a = ap.parse_args()
    d = Path(tempfile.mkdtemp(prefix="cs-vp-bench-"))
    clip = d / "clip.mp4"
    subprocess.run([ffmpeg.ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"testsrc2=s=1280x720:r=25:d={a.clip}", "-f", "lavfi", "-i", f"sine=frequency=440:d={a.clip}",
                    "-c:v", "mpeg4", "-q:v", "4", "-c:a", "aac", str(clip)], check=True)
    name = AssetStore(d / "assets").put_file(clip, ".mp4")
    pages = [m.Page(id=f"p{k}", title=f"第{k}页", narration="这一页讲理赔流程的一个步骤。请认真看。") for k in range(1, 4)]
    pages.append(m.Page(id="video-1", title="录屏", blocks=[m.Media(asset=name, media_type="video", mime="video/mp4")]))
    pages += [m.Page(id=f"q{k}", title=f"第{k + 3}页", narration="这是最后的步骤。") for k in range(1, 3)]
    lesson = m.Lesson(title="视频页基准", pages=pages)
    lesson.asset_root = d / "assets"
    print(f"5 slide pages + one {a.clip:.0f}-s 720p clip")
    for label, join in (("join (-c copy)", True), ("overlay pass", False)):
        screen_record.JOIN_VIDEO_PAGES = join
        t0 = time.perf_counter()
        art = ScreenRecordFormat().render(lesson, d / label.split()[0], {"tts": "none", "raster": "builtin"}, Job())
        wall = time.perf_counter() - t0
        mp4 = d / label.split()[0] / "screen-record" / "course.mp4"
        errs = subprocess.run([ffmpeg.ffmpeg_exe(), "-v", "error", "-i", str(mp4), "-fps_mode", "passthrough",
                               "-f", "null", "-"], capture_output=True, text=True).stderr.strip()
        step = art.info.get("video_page_parts_seconds", art.info.get("video_page_overlay_seconds"))
        print(f"  {label:15s} render {wall:6.1f} s  video-page step {step} s  duration {art.info['duration']:.2f} s"
              f"  decode errors {len(errs.splitlines())}")
    screen_record.JOIN_VIDEO_PAGES = True


if __name__ == "__main__":
    main()
