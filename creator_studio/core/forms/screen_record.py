"""The screen-record form (录屏课): a narrated slide video with captions.

Pipeline (each step is a reusable module in `core.media`):

1. slide pictures — `raster.rasterize` (LibreOffice when available, else the built-in renderer);
   hidden pages are skipped; title and end cards come from the theme (`slide_render`);
2. narration — `tts.synthesize` per page (the maker's recording, espeak-ng, the OS voice, or
   timed silence), text normalised first;
3. timing — `timing.plan`: narration + padding, or the deck's advTm, or a reading time;
4. audio — one sample-exact WAV → one AAC encode (`audio.build_track`);
5. captions — `captions.build_cues` → course.srt / course.vtt;
6. video — `video.encode_slideshow` (concat demuxer, 5 fps, x264 stillimage, AAC copied, soft
   mov_text subtitles, optional burn-in).

Everything is written into a staged folder that replaces `DIR/screen-record/` only on success,
so a cancel or failure leaves the previous output (or nothing) — never half a video.
"""

from __future__ import annotations

import logging
import re
import shutil
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from creator_studio.core import staging
from creator_studio.core import atomic
from creator_studio.core.errors import RenderError
from creator_studio.core.forms.base import Artifact, ArtifactFile, OptionSpec
from creator_studio.core.forms.long_image import slide_pictures_spec  # the one slide_pictures option
from creator_studio.core.jobs import Job
from creator_studio.core.lesson import model as m
from creator_studio.core.media import audio, captions, ffmpeg, raster, slide_render, timing, tts, video
from creator_studio.core.media import animate  # issue 16: PowerPoint animations and transitions
from creator_studio.core.media import page_script
from creator_studio.core.media import recording  # issue 14: screen recordings as video pages

log = logging.getLogger(__name__)

FORM_ID = "screen-record"
RESOLUTIONS = ("720p", "1080p")
TTS_CHOICES = ("auto", "espeak", "system", "none")
RASTER_CHOICES = ("auto", "libreoffice", "builtin")
TITLE_SECONDS = 3.0
END_SECONDS = 3.0


def _bad(name: str, value: Any, allowed: str) -> RenderError:
    return RenderError(f"录屏课选项 {name} 的值无效：{value!r}（允许：{allowed}）",
                       f"Invalid screen-record option {name}={value!r} (allowed: {allowed})",
                       code="BAD_OPTION")


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value or "").strip().lower() in ("1", "true", "yes", "on")


def _choice(opts: dict, name: str, default: str, allowed: tuple[str, ...]) -> str:
    v = str(opts.get(name) or default).strip().lower()
    if v not in allowed:
        raise _bad(name, opts.get(name), ", ".join(allowed))
    return v


# Video pages are joined to the slide parts without re-encoding the course (recording.concat_course);
# False forces the older overlay pass (still used with animation steps or burned captions) — the
# benchmark sets it to compare the two.
JOIN_VIDEO_PAGES = True


def _wait(future, job: Job):
    """The result of background work, waking at once when the render is cancelled (the worker's
    own Job is cancelled with it and stops its LibreOffice; we don't sit out its timeout)."""
    import concurrent.futures

    while True:
        job.raise_if_cancelled()
        try:
            return future.result(timeout=0.1)
        except concurrent.futures.TimeoutError:
            continue


class _Pictures:
    """The slide pictures of a render, one per page (None for a page the animation layers draw
    whole), from the runs started at the beginning.

    A page left to the layers that the layer run could not draw after all (LibreOffice failed,
    a shape was not found) gets its slide picture afterwards, so the video never misses one.
    """

    def __init__(self, ras_future, layer_future, layered: set[str], raster_args: dict) -> None:
        self.ras_future, self.layer_future = ras_future, layer_future
        self.layered, self.raster_args = layered, raster_args

    def result(self, pages, job: Job) -> "raster.RasterResult":
        ras = _wait(self.ras_future, job) if self.ras_future is not None else None
        by_id = dict(zip([p.id for p in pages if p.id not in self.layered], ras.images)) if ras else {}
        drawn: set[str] = set()
        if self.layered:
            lr = _wait(self.layer_future, job)
            drawn = {p.id for p, idx in animate._animated(pages) if idx in lr.layers} & self.layered
        late = [p for p in pages if p.id not in by_id and p.id not in drawn]
        warnings = list(ras.warnings) if ras else []
        backends = [ras.backend] if ras else []
        reason = ras.fallback_reason if ras else None
        if late:  # layers missing after all: these pages need their pictures now
            more = raster.rasterize(pages=late, job=job, **self.raster_args)
            by_id.update(zip([p.id for p in late], more.images))
            warnings += more.warnings
            backends.append(more.backend)
            reason = reason or more.fallback_reason
        if not backends:  # every page drawn from the layers: LibreOffice's own pictures
            backends = ["libreoffice"]
        backend = "+".join(dict.fromkeys(b for name in backends for b in name.split("+")))
        return raster.RasterResult([by_id.get(p.id) for p in pages], backend, warnings, reason,
                                   ras.seconds if ras else 0.0)


def _recording_for(lesson: m.Lesson, page: m.Page) -> Path | None:
    """The maker's own narration: `page.narration_audio`, else narration audio in the deck."""
    path = lesson.asset_path(page.narration_audio)
    if path:
        return path
    for b in page.blocks:
        if isinstance(b, m.Media) and b.is_narration and b.media_type == "audio":
            found = lesson.asset_path(b.asset)
            if found:
                return found
    return None


def _themes() -> list[str] | None:
    try:
        from creator_studio.core.themes import list_themes

        return list_themes()
    except Exception:  # themes unavailable: free text
        return None


class ScreenRecordFormat:
    id = FORM_ID
    label_zh = "录屏课"
    label_en = "Narrated slide video"
    order = 20  # place in every list of forms (core.forms.base.form_catalogue)

    def options(self) -> list[OptionSpec]:
        return [
            OptionSpec("resolution", "视频分辨率", "Video resolution", "720p", list(RESOLUTIONS), "str"),
            OptionSpec("tts", "旁白语音", "Narration voice engine", "auto",
                       list(TTS_CHOICES), "str"),
            OptionSpec("burn_captions", "把字幕烧录进画面", "Burn captions into the picture", False,
                       None, "bool"),
            OptionSpec("raster", "幻灯片画面来源", "Slide picture backend", "auto",
                       list(RASTER_CHOICES), "str"),
            slide_pictures_spec(),
            OptionSpec("voice", "合成音色", "Synthetic voice", "cmn", ["cmn", "cmn+f3", "cmn+m3"], "str",
                       choice_labels={"cmn": ("普通话（默认）", "Mandarin (default)"),
                                      "cmn+f3": ("普通话·女声", "Mandarin, female"),
                                      "cmn+m3": ("普通话·男声", "Mandarin, male")},
                       open_choices=True),  # other espeak-ng voices from the command line
            OptionSpec("theme", "主题（默认用课程主题）", "Theme (default: the lesson's)", None,
                       _themes(), "str"),
        ]

    # ------------------------------------------------------------------------------------
    def render(self, lesson: m.Lesson, out: Path, opts: dict[str, Any], job: Job) -> Artifact:
        t_start = time.perf_counter()
        job = job or Job()
        res_name = str(opts.get("resolution") or "720p").strip().lower()
        if res_name not in video.PRESETS:
            raise _bad("resolution", opts.get("resolution"), ", ".join(RESOLUTIONS))
        preset = video.PRESETS[res_name]
        tts_choice = _choice(opts, "tts", "auto", TTS_CHOICES)
        raster_choice = _choice(opts, "raster", "auto", RASTER_CHOICES)
        slide_pictures = _choice(opts, "slide_pictures", "auto", raster.SLIDE_PICTURE_CHOICES)
        burn = _bool(opts.get("burn_captions"))
        engine = _choice(opts, "encoder", "ffmpeg", ("ffmpeg", "moviepy"))
        theme_name = str(opts.get("theme") or lesson.theme or "")
        if opts.get("theme"):  # a theme the maker picked must exist; the lesson's own may be stale
            from creator_studio.core.themes import load_theme

            load_theme(theme_name)
        voice_name = str(opts.get("voice") or "cmn").strip()
        if not re.fullmatch(r"[a-z]{2,3}(?:-[a-z]{2,4})?(?:\+[a-z0-9]{1,12})?", voice_name):
            raise _bad("voice", voice_name, "cmn, cmn+f3, cmn+m3, …")
        voice = tts.VoiceSpec(engine=tts_choice, espeak_voice=voice_name,
                              lexicon=tuple(sorted((lesson.meta.lexicon or {}).items())))
        source = opts.get("source_path") or lesson.source_path
        pages = lesson.visible_pages()
        if not pages:
            raise RenderError("课程没有可显示的页面，无法生成录屏课",
                              "The lesson has no visible pages; nothing to put in a video",
                              code="NO_PAGES")
        warnings: list[str] = []
        # Caps before any audio is made: a page over 10 min warns, a course over 4 h is refused.
        warnings += tts.check_budget([page_script.narration_for(p).text for p in pages],
                                     page_labels=[p.id for p in pages])
        dest = Path(out) / FORM_ID
        work = staging.make_temp_dir("cs-screen-record-")
        try:
            with atomic.staged_dir(dest) as stage:
                art = self._render(lesson, pages, stage, work, preset, voice, raster_choice, burn,
                                   engine, theme_name, source, job, warnings,
                                   slide_pictures=slide_pictures)
            job.progress(1, 1, "完成 / done")
        finally:
            shutil.rmtree(work, ignore_errors=True)
        art.info["render_seconds"] = round(time.perf_counter() - t_start, 2)
        return art

    def _render(self, lesson, pages, stage: Path, work: Path, preset, voice, raster_choice, burn,
                engine, theme_name, source, job: Job, warnings: list[str],
                slide_pictures: str = "auto") -> Artifact:
        size = preset.size
        # 1. The LibreOffice runs (slide pictures; the animation's shape layers) need nothing from
        #    the narration, so they start first, in the background: synthesis is mostly Python
        #    (the word segmenter's dictionary alone loads for ~1 s) and runs beside them instead
        #    of before them (measured on the animation benchmark, issue 16).
        pic_job = Job()
        job.on_cancel(pic_job.cancel)
        pic_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="sr-pictures")
        layer_job = Job()
        job.on_cancel(layer_job.cancel)
        layer_future = None
        layered: set[str] = set()
        if animate.has_animation(pages) and raster_choice != "builtin" and slide_pictures != "never" \
                and source and Path(source).suffix.lower() in raster.PRESENTATION_SUFFIXES \
                and raster.soffice_exe():
            layer_future = pic_pool.submit(animate.render_layers, pages, size, work / "anim",
                                           Path(source), layer_job)
            # the layer run draws these pages whole: their slide pictures would go unused (a
            # deck that animates every slide needs no second LibreOffice run at all)
            layered = animate.layered_candidates(pages)
        picture_pages = [p for p in pages if p.id not in layered]
        ras_future = None
        if picture_pages:
            ras_future = pic_pool.submit(raster.rasterize, lesson, Path(source) if source else None, size,
                                         pic_job, pages=picture_pages, out_dir=work / "slides",
                                         backend=raster_choice, slide_pictures=slide_pictures)
        pictures = _Pictures(ras_future, layer_future, layered, dict(
            lesson=lesson, source_path=Path(source) if source else None, size=size,
            out_dir=work / "slides-late", backend=raster_choice, slide_pictures=slide_pictures))
        try:
            return self._render_rest(lesson, pages, stage, work, preset, voice, burn, engine, theme_name,
                                     source, job, warnings, pictures, layer_future)
        except BaseException:
            pic_job.cancel()  # nothing keeps drawing into the work folder once it is removed
            layer_job.cancel()
            raise
        finally:
            pic_pool.shutdown(wait=True)

    def _render_rest(self, lesson, pages, stage: Path, work: Path, preset, voice, burn, engine,
                     theme_name, source, job: Job, warnings: list[str], pictures: "_Pictures",
                     layer_future) -> Artifact:
        size = preset.size
        # 2. narration, while the pictures are drawn; then the audio track is encoded (one
        #    ffmpeg) beside whatever LibreOffice still has to do.
        # Each page narrates its notes, its recording, or a script read from its own text;
        # "silent" only when the maker chose it (page_script, issue 13 §3).
        narrations: list[tts.Narration] = []
        sources: list[str] = []
        clips: dict[int, tuple[Path, float, float]] = {}  # page index → (recording, seconds, in point)
        tjob = job.sub(0, 15, 100)
        for i, page in enumerate(pages):
            tjob.progress(i, len(pages), f"生成旁白 {i + 1}/{len(pages)} / narration")
            rec = _recording_for(lesson, page)
            clip = recording.video_page_asset(lesson, page)
            try:
                clip_info = ffmpeg.probe(clip) if clip is not None else None
            except ffmpeg.MediaToolError:
                clip_info = None
                warnings.append(f"[{page.id}] 录屏文件无法读取，此页按普通页面处理 / unreadable screen recording")
            if clip_info is not None and not clip_info["video"]:
                clip_info = None
            if clip_info is not None:  # a video page speaks with its own audio, or not at all
                # only its in/out points play (Media.trim_in/out: non-destructive, issue 14)
                tin, tout = recording.clip_trim(page, float(clip_info["duration"] or 0.0))
                clips[i] = (clip, tout - tin, tin)
                rec = clip if clip_info["audio"] else None
                if rec is not None and (tin > 0 or tout < float(clip_info["duration"] or 0.0)):
                    rec = recording.clip_audio(clip, work / f"clip-{i + 1:03d}.wav", tin, tout - tin, job=job)
            said = page_script.narration_for(page, has_recording=rec is not None)
            wav = work / f"narration-{i + 1:03d}.wav"
            if clip_info is not None and rec is None:
                n = tts.Narration(wav, 0.0, "silent")
            elif said.source == "silent":
                n = tts.Narration(wav, 0.0, "silent")
            else:
                n = tts.synthesize(animate.spoken(said.text), wav, voice.with_recording(rec), job=job)
            if rec is not None and n.engine != "recorded":
                warnings.append(f"[{page.id}] 录音无法使用，已改用 {n.engine} / recording unusable")
            narrations.append(n)
            sources.append(said.source)
        engines = Counter(n.engine for n in narrations if n.duration > 0)
        failures = sorted({f for n in narrations for f in n.fallbacks})
        # 2. timing
        items = [timing.TimingInput(fixed=TITLE_SECONDS)]
        for i, (page, n) in enumerate(zip(pages, narrations)):
            fixed = clips[i][1] + (timing.LEAD_IN if n.duration > 0 else 0.0) if i in clips else None
            items.append(timing.TimingInput(speech=n.duration, advance=animate.page_advance(page),
                                            visible_chars=len(page.plain_text()), fixed=fixed))
        items.append(timing.TimingInput(fixed=END_SECONDS))
        plan = timing.plan(items)
        total = timing.total(plan)
        # 3. audio, built once, in the background
        job.progress(15, 100, "合成音轨 / audio track")
        segments = [audio.Segment(n.wav_path, t.speech_start)
                    for n, t in zip(narrations, plan[1:-1]) if n.duration > 0 and n.engine != "none"]
        audio_job = Job()
        job.on_cancel(audio_job.cancel)
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sr-audio")
        loudness: dict = {}
        track_future = pool.submit(audio.build_track, segments, total, work / "narration.m4a", job=audio_job,
                                   report=loudness)
        try:
            # 4. pictures (started in step 1)
            job.progress(20, 100, "幻灯片图片 / slide pictures")
            ras = pictures.result(pages, job)
            warnings += ras.warnings
            pal = slide_render.palette_for(theme_name or lesson.theme)
            title_png, end_png = work / "title.png", work / "end.png"
            slide_render.render_title_card(lesson, size, palette=pal).save(title_png, compress_level=1)
            slide_render.render_end_card(lesson, size, palette=pal).save(end_png, compress_level=1)
            job.progress(50, 100, "合成音轨 / audio track")
            track = track_future.result()
        except BaseException:
            audio_job.cancel()  # stop the encoder before the work folder is removed
            raise
        finally:
            pool.shutdown(wait=True)
        job.raise_if_cancelled()
        # 5. captions
        # one span per spoken sentence, at its own place in the audio (tts.Narration.sentences)
        spans = [(s.text, t.speech_start + s.start, min(t.speech_start + s.end, t.speech_end),
                  tuple(t.speech_start + p for p in s.pauses))  # clause pauses measured in the audio
                 for n, t in zip(narrations, plan[1:-1]) if t.speech_duration > 0
                 for s in n.sentences]
        cues = captions.build_cues(spans, total)
        srt_path, vtt_path = stage / "course.srt", stage / "course.vtt"
        atomic.write_text(srt_path, captions.to_srt(cues))
        atomic.write_text(vtt_path, captions.to_vtt(cues, escape=True))
        # 6. video
        stills = [video.Still(title_png, plan[0].duration)]
        stills += [video.Still(p, t.duration) for p, t in zip(ras.images, plan[1:-1])]
        stills.append(video.Still(end_png, plan[-1].duration))
        mp4 = stage / "course.mp4"
        meta = {"title": lesson.title or "微课", "artist": lesson.meta.maker_name,
                "comment": "创客工作室 Creator Studio · 录屏课"}
        anim_info: dict = {}
        joined = False
        if animate.has_animation(pages):  # issue 16: steps and transitions as frames
            av = animate.build_video(lesson, pages, plan[1:-1], ras.images, title_png, end_png,
                                     plan[0].duration, plan[-1].duration, size, work / "anim",
                                     Path(source) if source else None, ras.backend, job.sub(50, 10, 100),
                                     burn_captions=burn and bool(cues), preset=preset,
                                     prefetched=layer_future)
            enc = av.encode(mp4, audio=track, srt=srt_path if cues else None,
                            burn_subtitles=burn and bool(cues), metadata=meta)
            anim_info = dict(av.info)  # includes the animation report of this render
        elif clips and JOIN_VIDEO_PAGES and not (burn and cues) and engine == "ffmpeg":
            # issue 14: video pages joined without re-encoding the whole course — slide runs and
            # clips encoded alone with the same x264 settings at 25 fps, then stream-copied
            slots, run = [], [stills[0]]
            for i, (still, t) in enumerate(zip(stills[1:-1], plan[1:-1])):
                if i in clips:
                    if run:
                        slots.append(("stills", run))
                    lead = (t.speech_start - t.start) if t.speech_duration > 0 else 0.0
                    slots.append(("clip", (clips[i][0], clips[i][2], clips[i][1], lead, t.duration)))
                    run = []
                else:
                    run.append(still)
            slots.append(("stills", run + [stills[-1]]))
            t_enc = time.perf_counter()
            anim_info.update(recording.concat_course(slots, mp4, preset=preset, audio_track=track,
                                                     srt=srt_path if cues else None, metadata=meta,
                                                     work=work, job=job))
            w, h = size
            enc = video.EncodeResult(mp4, total, w, h, 25, "ffmpeg (parts joined)", time.perf_counter() - t_enc)
            joined = True
        else:
            enc = video.encode_slideshow(stills, mp4, audio=track, preset=preset,
                                         srt=srt_path if cues else None, burn_subtitles=burn and bool(cues),
                                         job=job.sub(55, 45, 100), engine=engine, metadata=meta)
        if clips and not joined:  # issue 14: each recording over its slot (audio is already placed)
            anim_info.update(recording.overlay_video_pages(
                mp4, [(clips[i][0], (t.speech_start if t.speech_duration > 0 else t.start), clips[i][1], clips[i][2])
                      for i, t in enumerate(plan[1:-1]) if i in clips], size, job=job))
        info_probe = ffmpeg.probe(mp4)
        v, a = info_probe["video"] or {}, info_probe["audio"] or {}
        if failures:
            warnings.append("部分语音引擎不可用，已自动改用下一个 / some TTS engines were unavailable: "
                            + "; ".join(failures[:3]))
        primary = engines.most_common(1)[0][0] if engines else "none"
        info = {
            "title_card": True,  # always rendered from the theme (norms cover rule)
            "duration": round(info_probe["duration"], 3),
            "planned_duration": round(total, 3),
            "resolution": preset.name,
            "width": v.get("width"), "height": v.get("height"),
            "codec": v.get("codec_name"), "pix_fmt": v.get("pix_fmt"),
            "audio_codec": a.get("codec_name"), "fps": 25 if joined else preset.fps,
            "tts_engine": "+".join(sorted(engines)) if len(engines) > 1 else primary,
            "tts_voice": tts.espeak_voice_name(voice) if "espeak-ng" in engines else None,
            "narration_sources": dict(Counter(sources)),
            # seconds of pages the maker set to "music only / silent" (the norms silence rule
            # does not count them against the video)
            "silent_by_choice_seconds": round(total if sources and all(s == "silent" for s in sources)
                                              else sum(t.duration for src, t in zip(sources, plan[1:-1])
                                                       if src == "silent"), 3),
            "loudness": loudness,
            "tts_engines": dict(engines),
            # pages the maker recorded (voice or screen) and their place in the video: the norms
            # check their length and measure their loudness there (issue 14)
            "recorded_pages": [
                {"page": page.id, "kind": "video" if i in clips else "voice",
                 "start": round(t.speech_start if t.speech_duration > 0 or i not in clips else t.start, 3),
                 "end": round((t.speech_start if t.speech_duration > 0 or i not in clips else t.start)
                              + (clips[i][1] if i in clips else n.duration), 3),
                 "seconds": round(clips[i][1] if i in clips else n.duration, 3),
                 "audio": n.duration > 0}
                for i, (page, n, t) in enumerate(zip(pages, narrations, plan[1:-1]))
                if i in clips or n.engine == "recorded"],
            # recorded pages: captions placed on the voice ("pauses") or spread by length
            "recorded_caption_timing": dict(Counter(n.caption_timing for n in narrations if n.caption_timing)),
            "tts_fallbacks": failures,
            "raster_backend": ras.backend,
            "raster_fallback_reason": ras.fallback_reason,
            "slide_count": len(pages),
            "hidden_skipped": sum(p.hidden for p in lesson.pages),
            "captions": len(cues),
            "burn_captions": burn and bool(cues),
            "soft_subtitles": bool(cues),
            "encoder": enc.engine,
            "encode_seconds": round(enc.seconds, 2),
            "timing_rules": dict(Counter(t.rule for t in plan[1:-1])),
            **anim_info,
        }
        files = [
            ArtifactFile(f"{FORM_ID}/course.mp4", "video", mp4.stat().st_size, v.get("width"),
                         v.get("height"), info["duration"],
                         {"codec": info["codec"], "pix_fmt": info["pix_fmt"], "audio_codec": info["audio_codec"]}),
            ArtifactFile(f"{FORM_ID}/course.srt", "captions", srt_path.stat().st_size,
                         extra={"format": "srt", "cues": len(cues)}),
            ArtifactFile(f"{FORM_ID}/course.vtt", "captions", vtt_path.stat().st_size,
                         extra={"format": "vtt", "cues": len(cues)}),
        ]
        return Artifact(form=FORM_ID, files=files, info=info, warnings=warnings)
