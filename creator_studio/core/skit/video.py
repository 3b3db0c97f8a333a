"""Beats → voiced MP4 with captions.

Pipeline (FIELD-NOTES §3): every beat's still is painted once with Pillow; each spoken text is
synthesised once (cached per voice+text) through `media.tts`; the narration track is assembled
sample-exact and encoded to AAC once (`media.audio.build_track`); then `media.video` encodes the
stills with the concat demuxer at a low frame rate, copies the AAC in and adds the SRT as a soft
`mov_text` track (H.264 yuv420p, even dims, `+faststart`, a keyframe at every shot). Shots change
with a cut: an xfade per shot would push every frame through a filter graph and cost the speed
target for little gain on static shots.
"""

from __future__ import annotations

import hashlib
import html
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from creator_studio.core.jobs import Job
from creator_studio.core.lesson.model import Character
from creator_studio.core.media import audio, captions
from creator_studio.core.media import video as mvideo
from creator_studio.core.media.tts import VoiceSpec, synthesize
from creator_studio.core.skit.plan import GAP_SECONDS, Beat
from creator_studio.core.skit.shots import ShotPainter
from creator_studio.core.skit.voices import NARRATOR

log = logging.getLogger(__name__)


@dataclass
class VideoResult:
    path: Path
    duration: float
    cues: list[captions.Cue]
    engines: set[str] = field(default_factory=set)
    fallbacks: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # tts, stills, encode seconds
    beats: int = 0
    width: int = 0
    height: int = 0


DISSOLVE_FRAMES = 2  # at the 5 fps still rate: a 0.4 s cross-dissolve between shots


def srt_text(cues: list[captions.Cue]) -> str:
    return captions.to_srt(cues)


def vtt_text(cues: list[captions.Cue]) -> str:
    """WebVTT treats < and & as markup: document text is escaped so it stays text."""
    safe = [captions.Cue(c.start, c.end, html.escape(c.text, quote=False)) for c in cues]
    return captions.to_vtt(safe)


def preset_for_size(w: int, h: int) -> mvideo.VideoPreset:
    for p in mvideo.PRESETS.values():
        if p.size == (w, h):
            return p
    return mvideo.VideoPreset(f"{w}x{h}", w, h)


def speak(text: str, voice: VoiceSpec | None, work: Path, cache: dict, job: Job, engine: str,
          engines: set[str] | None = None, fallbacks: list[str] | None = None
          ) -> tuple[Path, float, str]:
    """Synthesise once per (voice, text); returns (wav, seconds, engine used)."""
    v = voice or VoiceSpec(engine=engine, espeak_voice=NARRATOR.espeak_voice,
                           pitch=NARRATOR.pitch, speed=NARRATOR.speed)
    key = (v.espeak_voice, v.pitch, v.speed, v.engine, text)
    if key not in cache:
        name = hashlib.sha1(repr(key).encode("utf-8")).hexdigest()[:16]
        nar = synthesize(text, work / f"tts-{name}.wav", v, job=job)
        cache[key] = (nar.wav_path, nar.duration, nar.engine)
        if fallbacks is not None:
            fallbacks.extend(f for f in nar.fallbacks if f not in fallbacks)
    if engines is not None:
        engines.add(cache[key][2])
    return cache[key]


def recorded_parts(path: Path, chunks: tuple[str, ...], work: Path, cache: dict,
                   job: Job | None = None) -> list[tuple[Path, float]] | None:
    """A line's own recording as one WAV per chunk of the line (a long line is shown in several
    bubbles): the chunks are placed on the recording's speech (`align`) and it is cut halfway
    between them. None when the recording cannot be read or holds no speech."""
    from creator_studio.core.media import ffmpeg
    from creator_studio.core.media.align import align
    from creator_studio.core.media.tts import estimate_seconds

    key = ("recorded", str(path), chunks)
    if key in cache:
        return cache[key]
    name = hashlib.sha1(repr(key).encode("utf-8")).hexdigest()[:16]
    raw = work / f"rec-{name}.wav"
    try:
        ffmpeg.to_wav(Path(path), raw, rate=audio.COMMON_RATE, job=job)
        samples, rate = audio.read_wav(raw)
    except (ffmpeg.MediaToolError, OSError, EOFError, ValueError) as exc:
        log.info("line recording %s unreadable: %s", Path(path).name, exc)
        cache[key] = None
        return None
    chunks = chunks or ("",)
    found = align(samples, rate, [max(1.0, estimate_seconds(c) or len(c)) for c in chunks])
    if found is None:
        cache[key] = None
        return None
    spans = found.spans
    cuts = [0] + [int((a_end + b_start) / 2 * rate) for (_a, a_end), (b_start, _b) in zip(spans, spans[1:])]
    cuts.append(len(samples))
    parts = []
    for k, (x, y) in enumerate(zip(cuts, cuts[1:])):
        piece = audio.trim_silence(samples[x:y])
        wav = audio.write_wav(work / f"rec-{name}-{k}.wav", piece, rate)
        parts.append((wav, len(piece) / rate))
    cache[key] = parts
    return parts


def render_video(beats: list[Beat], painter: ShotPainter, voices: dict[str, VoiceSpec],
                 work: Path, out_mp4: Path, job: Job, *, engine: str = "auto",
                 burn_captions: bool = False, tts_cache: dict | None = None,
                 recordings: dict[str, Path] | None = None) -> VideoResult:
    """`recordings`: asset name → file for lines the maker recorded (`Line.audio`); those lines
    speak with the recording, cut per bubble, instead of TTS."""
    work.mkdir(parents=True, exist_ok=True)
    preset = preset_for_size(painter.w, painter.h)
    fps = preset.fps
    n = len(beats)
    timings = {"tts": 0.0, "stills": 0.0, "encode": 0.0}

    # 1. speech, cached per (voice, text)
    t0 = time.perf_counter()
    cache = tts_cache if tts_cache is not None else {}
    spoken: list[tuple[Path, float] | None] = []
    engines: set[str] = set()
    fallbacks: list[str] = []
    for i, b in enumerate(beats):
        if not b.speech.strip():
            spoken.append(None)
            continue
        rec = (recordings or {}).get(b.recording) if b.recording else None
        parts = recorded_parts(rec, b.chunks, work, cache, job) if rec is not None else None
        if parts is not None and b.part[0] <= len(parts):
            spoken.append((*parts[b.part[0] - 1], "recorded"))
            engines.add("recorded")
            job.progress(i + 1, n * 3, "合成配音")
            continue
        if b.recording:
            msg = f"台词录音无法使用，已改用合成语音 / line recording unusable: {b.recording}"
            if msg not in fallbacks:
                fallbacks.append(msg)
        v = voices.get(b.speaker.id) if isinstance(b.speaker, Character) else None
        spoken.append(speak(b.speech, v, work, cache, job, engine, engines, fallbacks))
        job.progress(i + 1, n * 3, "合成配音")
    timings["tts"] = time.perf_counter() - t0

    # 2. timeline in whole frames, so shots and audio never drift apart
    starts, durs = [], []
    t = 0.0
    spans: list[tuple[str, float, float]] = []
    for b, sp in zip(beats, spoken):
        d = max(b.hold, (sp[1] + GAP_SECONDS) if sp else 0.0, 0.8)
        d = max(1, round(d * fps)) / fps
        starts.append(t)
        durs.append(d)
        if b.caption:
            spans.append((b.caption.replace("-->", "→"), t, t + d))
        t += d
    total = t
    cues = captions.build_cues(spans, total)

    # 3. stills
    t0 = time.perf_counter()
    stills = []
    previous = None
    frame = 1.0 / fps
    for i, (b, d) in enumerate(zip(beats, durs)):
        p = work / f"shot-{i:04d}.png"
        img = painter.paint(b.shot)
        img.save(p, "PNG", compress_level=1)
        # Dissolve: the first frames of a shot blend from the previous one. They take their time
        # from this shot, so the timeline (and the voice) does not move.
        steps = DISSOLVE_FRAMES if previous is not None and d >= (DISSOLVE_FRAMES + 2) * frame else 0
        for k in range(steps):
            bp = work / f"shot-{i:04d}-x{k}.png"
            Image.blend(previous, img, (k + 1) / (steps + 1)).save(bp, "PNG", compress_level=1)
            stills.append(mvideo.Still(bp, frame))
        stills.append(mvideo.Still(p, round((d - steps * frame) * fps) / fps))
        previous = img.convert(previous.mode) if previous is not None else img
        job.progress(n + i + 1, n * 3, "绘制画面")
    timings["stills"] = time.perf_counter() - t0

    # 4. audio track once, then encode
    t0 = time.perf_counter()
    segs = [audio.Segment(sp[0], s) for sp, s in zip(spoken, starts) if sp]
    track = audio.build_track(segs, total, work / "track.m4a", job=job)
    srt = work / "subs.srt"
    srt.write_text(srt_text(cues), encoding="utf-8")
    mvideo.encode_slideshow(stills, out_mp4, audio=track, preset=preset, srt=srt,
                            soft_subtitles=True, burn_subtitles=burn_captions,
                            job=job.sub(2 * n, n, 3 * n))
    timings["encode"] = time.perf_counter() - t0
    return VideoResult(out_mp4, total, cues, engines, fallbacks, timings, n, painter.w, painter.h)
