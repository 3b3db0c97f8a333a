"""The `skit` Format (情景剧): one script → voiced video (best path), branching H5, chat image.

Outputs in `DIR/skit/`: `skit.mp4` + `skit.srt` + `skit.vtt`, `h5/` (folder + SCORM 1.2 + cmi5
zips, built by the H5 form's package builder in scenario mode) and `chat-01.png …`. The whole
folder is staged and swapped in at the end, so a cancel or failure never leaves half a skit.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import re
import shutil
from pathlib import Path
from typing import Any

from creator_studio.core import staging
from creator_studio.core.errors import RenderError
from creator_studio.core.forms.base import Artifact, ArtifactFile, OptionSpec
from creator_studio.core.jobs import Job
from creator_studio.core.lesson.model import Lesson, Script
from creator_studio.core.skit.avatars import render_avatar
from creator_studio.core.skit.cast import resolve_sides
from creator_studio.core.skit.chat import ChatRenderer
from creator_studio.core.skit.paths import best_path, max_score
from creator_studio.core.skit.plan import plan_beats
from creator_studio.core.skit.shots import ShotPainter
from creator_studio.core.skit.source import ensure_script
from creator_studio.core.skit.validate import check_script
from creator_studio.core.skit.video import render_video, srt_text, vtt_text
from creator_studio.core.skit.voices import assign_voices, voice_table
from creator_studio.core.themes import load_theme

log = logging.getLogger(__name__)

RESOLUTIONS = {"360p": (640, 360), "480p": (854, 480), "720p": (1280, 720), "1080p": (1920, 1080)}


def parse_resolution(value: Any) -> tuple[int, int]:
    v = str(value or "720p").strip().lower()
    if v in RESOLUTIONS:
        return RESOLUTIONS[v]
    m = re.fullmatch(r"(\d{3,4})\s*[x×*]\s*(\d{3,4})", v)
    if m:
        w, h = int(m.group(1)), int(m.group(2))
        if 320 <= w <= 3840 and 240 <= h <= 2160:
            return w - w % 2, h - h % 2  # H.264 yuv420p needs even sizes
    raise RenderError(f"不支持的分辨率：{value}（可用：{'、'.join(RESOLUTIONS)} 或 宽x高）",
                      f"Unsupported resolution {value!r} (use {', '.join(RESOLUTIONS)} or WxH)",
                      code="SKIT_OPTION")


def _chat_width(value: Any) -> int:
    try:
        w = int(value) if value not in (None, "") else 750
    except (TypeError, ValueError):
        w = 750
    return w if 360 <= w <= 1600 else 750


def _flag(value: Any, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on", "是")
    return bool(value)


def _segment_height(value: Any) -> int | None:
    try:
        v = int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
    return None if v is None else max(1200, min(v, 16000))


def _line_audio(script: Script, voices, work: Path, cache: dict, job: Job, engine: str,
                recordings: dict[str, Path] | None = None) -> dict[tuple[str, int], Path]:
    """Every line of every scene (not only the best path) as a small AAC clip for the H5; a line
    the maker recorded plays the recording (trimmed, −16 LUFS like the rest)."""
    from creator_studio.core.media import audio
    from creator_studio.core.skit.shots import clean_text
    from creator_studio.core.skit.video import recorded_parts, speak

    folder = work / "h5-audio"
    folder.mkdir(exist_ok=True)
    cast = {c.id for c in script.cast}
    out: dict[tuple[str, int], Path] = {}
    encoded: dict[Path, Path] = {}
    for scene in script.scenes:
        for i, line in enumerate(scene.lines):
            text = clean_text(line.text)
            if not text or line.speaker not in cast:
                continue
            rec = (recordings or {}).get(line.audio) if line.audio else None
            parts = recorded_parts(rec, (text,), work, cache, job) if rec is not None else None
            if parts:
                wav, used = parts[0][0], "recorded"
            else:
                wav, _dur, used = speak(text, voices.get(line.speaker), work, cache, job, engine)
            if used == "none":
                continue
            if wav not in encoded:
                dst = folder / f"{wav.stem}.m4a"
                # same loudness as the video: −16 LUFS, true peak ≤ −1 dBTP (issue 13 §5)
                audio.encode_normalized(wav, dst, job=job, bitrate="48k")
                encoded[wav] = dst
            out[(scene.id, i)] = encoded[wav]
    return out


def _loudness(mp4: Path) -> dict:
    """The measured loudness of the finished video's audio (EBU R128), for the manifest."""
    from creator_studio.core.media import audio

    try:
        loud = audio.measure_loudness(mp4)
    except Exception as exc:  # the video is fine; only the figure is missing
        log.warning("loudness of %s not measured: %s", mp4, exc)
        return {"integrated_lufs": None, "note": "not measured"}
    return loud.as_info() if loud else {"integrated_lufs": None, "note": "silent track"}


def _h5_script(script: Script, sides: dict[str, str], avatar_dir: Path) -> tuple[Script, dict]:
    """A copy whose characters carry our generated avatars and resolved sides, so the H5
    scenario looks like the video and the chat image."""
    s = copy.deepcopy(script)
    files: dict[str, Path] = {}
    for ch in s.cast:
        ch.side = sides.get(ch.id, ch.side)  # type: ignore[assignment]
        key = f"skit-avatar-{ch.id}.png"
        p = avatar_dir / key
        render_avatar(ch, 160).save(p, "PNG")
        if not ch.avatar:
            ch.avatar = key
        files[key] = p
    return s, files


class SkitFormat:
    id = "skit"
    label_zh = "情景剧"
    label_en = "Skit (dialogue scenario)"
    order = 40  # place in every list of forms (core.forms.base.form_catalogue)
    option_error_code = "SKIT_OPTION"  # code of a refused option (core.forms.options)

    def options(self) -> list[OptionSpec]:
        return [
            OptionSpec("resolution", "视频分辨率", "Video resolution", "720p",
                       choices=["720p", "1080p"], open_choices=True),  # also 360p/480p/WxH
            OptionSpec("tts", "配音引擎", "Speech engine", "auto",
                       choices=["auto", "espeak", "system", "none"]),
            OptionSpec("theme", "主题", "Theme", None),
            OptionSpec("width", "长图宽度（像素）", "Long/chat image width (px)", 750,
                       choices=[750, 1080], type="int"),
            OptionSpec("segment_height", "每段最大高度（像素）", "Max height of each part (px)",
                       None, type="int"),
            OptionSpec("pass_mark", "及格分（百分制）", "Pass mark (percent)", None, type="int"),
            OptionSpec("burn_captions", "字幕烧录进画面", "Burn captions into the picture", False,
                       type="bool"),
            OptionSpec("line_audio", "H5中每句台词附配音", "Voice every line in the H5 scenario",
                       True, type="bool"),
            OptionSpec("scene_cards", "每个场景前显示标题卡", "Title card before each scene", True,
                       type="bool"),
        ]

    def render(self, lesson: Lesson, out: Path, opts: dict[str, Any], job: Job) -> Artifact:
        job = job or Job()
        out = Path(out)
        script = ensure_script(lesson)  # NO_DIALOGUE when there is nothing to play
        findings = check_script(script)  # raises ValidationError on blocking problems
        size = parse_resolution(opts.get("resolution"))
        engine = str(opts.get("tts") or "auto")
        if engine not in ("auto", "espeak", "system", "none"):
            raise RenderError(f"未知的配音引擎：{engine}", f"Unknown speech engine {engine!r}",
                              code="SKIT_OPTION")
        theme = load_theme(opts.get("theme") or lesson.theme or None)
        scene_cards = _flag(opts.get("scene_cards"), True)
        burn = _flag(opts.get("burn_captions"), False)
        title = script.title or lesson.title or "情景剧"
        steps = best_path(script)
        voices = assign_voices(script, engine)
        if lesson.meta.lexicon:  # the maker's pronunciation fixes apply to every character
            lex = tuple(sorted(lesson.meta.lexicon.items()))
            voices = {k: dataclasses.replace(v, lexicon=lex) for k, v in voices.items()}
        painter = ShotPainter(size[0], size[1], theme, lesson)
        beats = plan_beats(script, steps, painter, title, scene_cards=scene_cards)
        sides = resolve_sides(script)

        out.mkdir(parents=True, exist_ok=True)
        work = staging.make_temp_dir(".skit-work-", dir=out)
        warnings = [f.message_zh for f in findings]
        try:
            from creator_studio.core import atomic

            with atomic.staged_dir(out / "skit") as stage:
                tts_cache: dict = {}
                recordings = {ln.audio: p for sc in script.scenes for ln in sc.lines
                              if ln.audio and (p := lesson.asset_path(ln.audio)) is not None}
                vid = render_video(beats, painter, voices, work, stage / "skit.mp4",
                                   job.sub(0, 0.8, 1.0), engine=engine, burn_captions=burn,
                                   tts_cache=tts_cache, recordings=recordings)
                (stage / "skit.srt").write_text(srt_text(vid.cues), encoding="utf-8")
                (stage / "skit.vtt").write_text(vtt_text(vid.cues), encoding="utf-8")
                job.progress(0.82, 1.0, "生成情景对话长图")
                best, top = sum(s.choice.score for s in steps if s.choice), max_score(script)
                chat = ChatRenderer(script, theme, _chat_width(opts.get("width")), lesson,
                                    max_segment=_segment_height(opts.get("segment_height")))
                chats = chat.render(steps, title, (best, top) if top else None)
                chat_names = []
                for k, img in enumerate(chats, 1):
                    name = f"chat-{k:02d}.png"
                    img.save(stage / name, "PNG", compress_level=6)
                    chat_names.append((name, img.size))
                job.progress(0.88, 1.0, "生成分支互动H5")
                line_audio = {}
                if _flag(opts.get("line_audio"), True) and vid.engines - {"none"}:
                    line_audio = _line_audio(script, voices, work, tts_cache, job, engine,
                                             recordings=recordings)
                h5 = self._h5(script, sides, lesson, title, opts, stage / "h5", work, job,
                              line_audio)
                warnings.extend(h5.warnings)
        finally:
            shutil.rmtree(work, ignore_errors=True)

        base = out / "skit"
        files = [ArtifactFile("skit/skit.mp4", "video", (base / "skit.mp4").stat().st_size,
                              width=size[0], height=size[1], duration=round(vid.duration, 3),
                              extra={"codec": "h264", "pix_fmt": "yuv420p", "audio": "aac",
                                     "subtitles": "mov_text"}),
                 ArtifactFile("skit/skit.srt", "captions", (base / "skit.srt").stat().st_size),
                 ArtifactFile("skit/skit.vtt", "captions", (base / "skit.vtt").stat().st_size)]
        for name, (w, h) in chat_names:
            files.append(ArtifactFile(f"skit/{name}", "image", (base / name).stat().st_size,
                                      width=w, height=h))
        for p in sorted((base / "h5").rglob("*")):
            if p.is_file():
                rel = p.relative_to(base / "h5").as_posix()
                role = ("package" if rel.endswith(".zip") else "html" if rel == "index.html"
                        else "media" if rel.startswith("media/") else "asset")
                files.append(ArtifactFile(p.relative_to(out).as_posix(), role, p.stat().st_size))
        engines = sorted(vid.engines) or ["none"]
        if vid.fallbacks:
            warnings.append("配音引擎回退：" + "；".join(vid.fallbacks[:3]))
        info = {
            "line_count": script.line_count,
            "video_line_count": sum(1 for b in beats if b.speech and b.line_index is not None),
            "scene_count": len(script.scenes),
            "path_scenes": [s.scene.id for s in steps],
            "duration": round(vid.duration, 3),
            "resolution": f"{size[0]}x{size[1]}",
            "voices": voice_table(script, voices),
            "tts_engine": engines[0] if len(engines) == 1 else ",".join(engines),
            "transitions": "dissolve",
            "title_card": bool(beats) and beats[0].shot.kind == "title",
            "best_score": best,
            "max_score": top,
            "chat_segments": len(chat_names),
            "h5_entry": "skit/h5/index.html",
            "h5_voiced_lines": len(line_audio),
            "timings": {k: round(v, 3) for k, v in vid.timings.items()},
            "loudness": _loudness(base / "skit.mp4"),
        }
        job.progress(1.0, 1.0, "情景剧完成")
        return Artifact(form=self.id, files=files, info=info, warnings=warnings)

    def _h5(self, script: Script, sides, lesson: Lesson, title: str, opts, dest: Path, work: Path,
            job: Job, line_audio: dict | None = None):
        from creator_studio.core.forms.h5 import build_package, scenario_course_data

        avatar_dir = work / "avatars"
        avatar_dir.mkdir(exist_ok=True)
        s2, generated = _h5_script(script, sides, avatar_dir)

        def resolve(name: str | None):
            if name in generated:
                return generated[name]
            return lesson.asset_path(name)

        pass_mark = opts.get("pass_mark")
        try:
            pass_mark = 60 if pass_mark in (None, "") else max(0, min(100, int(pass_mark)))
        except (TypeError, ValueError):
            raise RenderError(f"及格分必须是0–100的整数：{pass_mark}",
                              f"Pass mark must be an integer 0-100: {pass_mark}",
                              code="SKIT_OPTION") from None
        data, media, warnings = scenario_course_data(s2, title=title, pass_mark=pass_mark,
                                                     asset_path=resolve, line_audio=line_audio)
        result = build_package(dest, data, title=title, kind="scenario", pass_mark=pass_mark,
                               media=media, job=job)
        result.warnings = list(warnings) + list(result.warnings)
        return result
