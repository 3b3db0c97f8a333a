"""Narration behind one interface: text (or the maker's recording) → WAV + duration.

`synthesize(text, out_wav, voice)` tries engines in order and reports which one spoke:

- ``recorded``  – the maker's own WAV/MP3/M4A for this page (always first when given);
- ``espeak-ng`` – offline Mandarin. Its `cmn` voice reads most hanzi as English-spelled pinyin
  (FIELD-NOTES §8), so text is normalised, turned into tone-numbered pinyin (`media.pinyin`,
  with the insurance lexicon and the maker's fixes) and read by `cmn-latn-pinyin`; variants like
  ``cmn+f3``/``cmn+m3`` and speed/pitch give distinguishable voices for skits. A page is spoken
  sentence by sentence (one call, SSML breaks) so captions follow the voice;
- ``system``    – the OS voice: SAPI5 through pyttsx3 on Windows (only if a Chinese voice is
  installed), `say` on macOS. On Linux pyttsx3 merely drives libespeak-ng, so "system" is
  reported unavailable there and the chain moves on to espeak-ng — same sound, honest label;
- ``none``      – silence whose length follows the text, so captions still have time on screen.

One engine failing (missing, crashing, producing silence) falls through to the next; the
result lists the failures. Every WAV is written in the common format of `media.audio`.
`CREATOR_STUDIO_ESPEAK=none` / `CREATOR_STUDIO_SYSTEM_TTS=none` simulate absent engines (tests,
support); `CREATOR_STUDIO_ESPEAK=/path/to/espeak-ng` picks a binary.

Caps (`check_budget`): a page over 10 minutes warns, over 30 minutes or a course over 4 hours is
refused before any audio is made. Children die with their parent (process group + parent-death
signal), and temp audio lives in owner-tagged folders a later run removes (`temp_dir`).
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import wave
from dataclasses import dataclass, field, replace
from pathlib import Path

from creator_studio.core.errors import Cancelled, RenderError, StudioError
from creator_studio.core.jobs import Job
from creator_studio.core.media import audio, ffmpeg, pinyin
from creator_studio.core.media.text_normalize import normalize_for_speech, split_sentences

log = logging.getLogger(__name__)

ENGINES = ("recorded", "espeak", "system", "none")
# What each user choice tries, in order (recorded is prepended whenever a recording exists).
CHAINS = {
    "auto": ("espeak", "system", "none"),
    "espeak": ("espeak", "system", "none"),
    "system": ("system", "espeak", "none"),
    "none": ("none",),
}
ENGINE_LABELS = {"recorded": "recorded", "espeak": "espeak-ng", "system": "system", "none": "none"}


class TTSUnavailable(RenderError):
    code = "TTS_UNAVAILABLE"


class NarrationTooLong(RenderError):
    """Narration beyond the course cap: refused before any audio is made (issue 20 #5)."""

    code = "NARRATION_TOO_LONG"


# Caps (issue 13 §6, issue 20 #5). 200k characters of notes once produced a 3 GB WAV.
PAGE_WARN_SECONDS = 10 * 60       # a page narrating longer than this gets a typed warning
PAGE_MAX_SECONDS = 30 * 60        # one page longer than this is refused (its audio is held in memory)
COURSE_MAX_SECONDS = 4 * 3600     # a course (or one call) longer than this is refused
EST_SECONDS_PER_SYLLABLE = 0.30   # espeak-ng cmn-latn-pinyin at -s 165 (measured 0.305 s)
SENTENCE_GAP = 0.30               # air between sentences synthesised one by one
MIN_SENTENCE_SLOT = 1.0           # a short sentence ("好。") keeps its caption up ≥ 1 s
SENTENCE_TIMEOUT = 120.0          # one espeak-ng call


def estimate_seconds(text: str) -> float:
    """How long `text` will take to speak, before synthesising (for caps and progress).

    Counts hanzi and Latin/digit runs as syllables; numbers count after normalisation would be
    longer, so digits count one each — an estimate, meant to catch hours, not seconds.
    """
    import re

    if not text:
        return 0.0
    n = len(re.findall(r"[\u3400-\u9fff]|[A-Za-z]+|\d", text))
    return n * EST_SECONDS_PER_SYLLABLE


def check_budget(texts: list[str], *, page_labels: list[str] | None = None) -> list[str]:
    """Refuse a course whose narration would exceed COURSE_MAX_SECONDS; warn per long page.

    Returns bilingual warnings for pages over PAGE_WARN_SECONDS; raises NarrationTooLong before
    any synthesis when the total is over the course cap.
    """
    labels = page_labels or [str(i + 1) for i in range(len(texts))]
    warnings = []
    total = 0.0
    for label, text in zip(labels, texts):
        est = estimate_seconds(text)
        total += est
        if est > PAGE_MAX_SECONDS:
            raise NarrationTooLong(
                f"第 {label} 页旁白约 {est / 60:.0f} 分钟，超过单页 30 分钟上限，已拒绝合成。请拆分这一页",
                f"Page {label}: narration of about {est / 60:.0f} min exceeds the 30-minute page limit; "
                "nothing was synthesised. Split the page",
                details={"page": label, "estimated_seconds": round(est), "limit_seconds": PAGE_MAX_SECONDS})
        if est > PAGE_WARN_SECONDS:
            warnings.append(f"[{label}] 旁白约 {est / 60:.0f} 分钟，超过单页 10 分钟上限，建议拆分 / "
                            f"narration of about {est / 60:.0f} min exceeds the 10-minute page limit")
    if total > COURSE_MAX_SECONDS:
        raise NarrationTooLong(
            f"旁白总长约 {total / 3600:.1f} 小时，超过 4 小时上限，已拒绝合成。请精简讲稿或拆分课程",
            f"Narration of about {total / 3600:.1f} h exceeds the 4-hour course limit; nothing "
            "was synthesised. Shorten the notes or split the course",
            details={"estimated_seconds": round(total), "limit_seconds": COURSE_MAX_SECONDS})
    return warnings


@dataclass(frozen=True)
class VoiceSpec:
    """How to speak. Skits make one per character (variant, speed and pitch differ)."""

    engine: str = "auto"                 # auto | espeak | system | none
    espeak_voice: str = "cmn"            # cmn, cmn+f3, cmn+m3, ...
    speed: int = 165                     # espeak words per minute (-s), 80..450
    pitch: int = 50                      # espeak pitch (-p), 0..99
    system_voice: str | None = None      # a SAPI5 / `say` voice name to prefer
    recorded: Path | None = None         # the maker's own recording for this text
    chars_per_second: float = 4.5        # silence length when nothing speaks
    normalize: bool = True
    pinyin: bool = True                  # Mandarin via pypinyin → espeak-ng cmn-latn-pinyin
    lexicon: tuple[tuple[str, str], ...] = ()  # the maker's word → reading fixes (LessonMeta)
    per_sentence: bool = True            # one espeak call per sentence: caption times follow audio

    def with_recording(self, path: Path | None) -> "VoiceSpec":
        return replace(self, recorded=path)


@dataclass(frozen=True)
class SentenceSpan:
    """Where one written sentence is heard inside a narration WAV (seconds from its start)."""

    text: str
    start: float
    end: float
    pauses: tuple[float, ...] = ()  # the narrator's pauses at its clause marks (，、；：), measured


@dataclass
class Narration:
    wav_path: Path
    duration: float
    engine: str                # recorded | espeak-ng | system:sapi5 | system:say | none
    text: str = ""             # what was spoken, after normalisation
    fallbacks: list[str] = field(default_factory=list)  # "espeak-ng: 未安装 / not installed"
    sentences: list[SentenceSpan] = field(default_factory=list)  # caption timing (written text)
    spoken_input: str = ""     # what the engine was given (pinyin for espeak-ng)
    # how the sentence times of a recording were found: "pauses" (the script placed on the
    # recording's speech segments, `align`) or "proportional" (spread by length); "" for TTS
    caption_timing: str = ""

    @property
    def is_silent(self) -> bool:
        return self.engine == "none"


# ------------------------------------------------------------------------------------------
# Engine discovery


def espeak_exe() -> str | None:
    env = os.environ.get("CREATOR_STUDIO_ESPEAK")
    if env:
        if env.lower() == "none":
            return None
        return env if Path(env).is_file() else None
    return shutil.which("espeak-ng") or shutil.which("espeak")


@functools.lru_cache(maxsize=8)
def _espeak_has_cmn(exe: str) -> bool:
    try:
        out = subprocess.run([exe, "--voices=cmn"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return "cmn" in out


@functools.lru_cache(maxsize=8)
def _espeak_has_pinyin_voice(exe: str) -> bool:
    """espeak-ng ≥ 1.50 ships `cmn-latn-pinyin`; older builds only `cmn` (then the hanzi go to
    `cmn` as before — robotic and partly English, but not silent)."""
    try:
        out = subprocess.run([exe, "--voices=cmn"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return pinyin.ESPEAK_PINYIN_VOICE in out.lower()


def pinyin_voice_available() -> bool:
    exe = espeak_exe()
    return bool(exe) and _espeak_has_pinyin_voice(exe)


def system_engine() -> tuple[str | None, str]:
    """(engine name, reason when unavailable) for this OS's own voice."""
    if os.environ.get("CREATOR_STUDIO_SYSTEM_TTS", "").lower() == "none":
        return None, "已禁用 / disabled by CREATOR_STUDIO_SYSTEM_TTS"
    if sys.platform == "win32":
        try:
            import pyttsx3  # noqa: F401  (optional; SAPI5 bridge)
        except ImportError:
            return None, "未安装 pyttsx3 / pyttsx3 not installed"
        return "sapi5", ""
    if sys.platform == "darwin" and shutil.which("say"):
        return "say", ""
    return None, ("Linux 上 pyttsx3 只是调用 espeak-ng，请使用 espeak 引擎 / on Linux pyttsx3 only "
                  "drives espeak-ng; the espeak engine is used instead")


def available_engines() -> dict[str, str]:
    """Engine → '' when usable, else the reason (for the UI and `--help` text)."""
    exe = espeak_exe()
    esp = "" if exe and _espeak_has_cmn(exe) else "未安装 espeak-ng（或缺少 cmn 语音）/ espeak-ng (cmn) not found"
    sys_name, reason = system_engine()
    return {"espeak": esp, "system": "" if sys_name else reason, "none": ""}


# ------------------------------------------------------------------------------------------
# Engines. Each writes out_wav in the common format and returns its duration, or raises.


class _EngineFailed(Exception):
    pass


def _finish(raw_wav: Path, out_wav: Path, trim: bool) -> float:
    data, rate = audio.read_wav(raw_wav)
    data = audio.resample(data, rate)
    if trim:
        data = audio.trim_silence(data)
    if len(data) < int(0.05 * audio.COMMON_RATE):
        raise _EngineFailed("没有声音输出 / produced no audible speech")
    audio.write_wav(out_wav, data)
    return len(data) / audio.COMMON_RATE


def espeak_voice_name(voice: VoiceSpec) -> str:
    """`cmn`, `cmn+f3` → `cmn-latn-pinyin`, `cmn-latn-pinyin+f3` when the pinyin step is on."""
    name = voice.espeak_voice or "cmn"
    base, plus, variant = name.partition("+")
    if voice.pinyin and base in ("cmn", "zh", "zh-cmn", "cmn-latn-pinyin"):
        base = pinyin.ESPEAK_PINYIN_VOICE if pinyin_voice_available() else "cmn"
    return base + plus + variant


def espeak_input(text: str, voice: VoiceSpec) -> str:
    """What espeak-ng is given for already normalised `text`: tone-numbered pinyin for Mandarin."""
    if voice.pinyin and espeak_voice_name(voice).startswith(pinyin.ESPEAK_PINYIN_VOICE):
        lex = pinyin.lexicon_for(dict(voice.lexicon)) if voice.lexicon else pinyin.default_lexicon()
        return pinyin.speech_pinyin(text, lex).text
    return text


def phoneme_trace(text: str, voice: VoiceSpec | None = None, *, timeout: float = 60) -> str:
    """espeak-ng's phoneme trace (`-x -q`) of `text` as this module would speak it.

    Language switches show as `(en)…(cmn)`; that is how we check that Mandarin is read as
    Mandarin (FIELD-NOTES §8: check TTS changes with the trace, not by ear).
    """
    voice = voice or VoiceSpec()
    exe = espeak_exe()
    if not exe:
        raise TTSUnavailable("未安装 espeak-ng", "espeak-ng is not installed")
    given = "\n".join(espeak_input(sp, voice) for sp in
                      (normalize_for_speech(w) if voice.normalize else w for w in split_sentences(text)))
    res = ffmpeg.run([exe, "-v", espeak_voice_name(voice), "-x", "-q", "--stdin"], timeout=timeout,
                     stdin_text=given, what="espeak-ng -x")
    return res.stdout


def english_share(trace: str) -> tuple[int, int]:
    """(phoneme characters inside `(en)` segments, all phoneme characters) of a trace."""
    import re

    en = total = 0
    for line in trace.splitlines():
        for lang, chunk in re.findall(r"(?:\((\w+(?:-\w+)*)\))?([^()]*)", line):
            n = len(re.sub(r"[\s_|]", "", chunk))
            total += n
            if lang == "en":
                en += n
    return en, total


@functools.lru_cache(maxsize=1)
def _pdeathsig_prefix() -> tuple[str, ...]:
    """`setpriv --pdeathsig KILL` (util-linux) on Linux: the child dies with us, and Python can
    still start it the fast way (vfork). A `preexec_fn` forces a full fork of this process —
    ≈ 20 ms each with jieba's dictionary in memory, for every sentence."""
    if not sys.platform.startswith("linux"):
        return ()
    exe = shutil.which("setpriv")
    if not exe:
        return ()
    try:
        ok = subprocess.run([exe, "--pdeathsig", "KILL", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    return (exe, "--pdeathsig", "KILL") if ok else ()


def run_short(args: list[str], stdin_text: str, *, job: Job | None, timeout: float, what: str):
    """Run a short-lived tool (one espeak-ng call per sentence) without polling latency.

    Same guarantees as `ffmpeg.run` — own process group, killed on cancel/timeout, dies with
    its parent (parent-death signal) — but waits on the pipes (`communicate`), so a 30 ms
    call costs 30 ms, not the 50–100 ms of a poll loop. Returns (returncode, stderr).
    """
    import signal as _signal

    if job is not None:
        job.raise_if_cancelled()
    prefix = _pdeathsig_prefix()
    kw: dict = {"start_new_session": True} if os.name == "posix" else {}
    if os.name == "posix" and not prefix and sys.platform.startswith("linux"):
        parent = os.getpid()
        kw["preexec_fn"] = lambda: ffmpeg._die_with_parent(parent)
    try:
        proc = subprocess.Popen([*prefix, *args], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, **kw)
    except OSError as exc:
        raise _EngineFailed(f"无法启动 {what} / cannot start {what}: {exc}") from None

    def kill() -> None:
        if proc.poll() is None:
            try:
                if os.name == "posix":
                    os.killpg(proc.pid, _signal.SIGKILL)
                else:  # pragma: no cover
                    proc.kill()
            except (ProcessLookupError, PermissionError):
                pass

    if job is not None:
        job.on_cancel(kill)
    try:
        _, err = proc.communicate(stdin_text.encode("utf-8"), timeout=timeout)
    except subprocess.TimeoutExpired:
        kill()
        proc.communicate()
        raise _EngineFailed(f"{what} 超时 / timed out after {timeout:.0f} s") from None
    except BaseException:
        kill()
        proc.wait()
        raise
    finally:
        kill()  # helpers it may have started
    if job is not None and job.cancelled:
        raise Cancelled()
    return proc.returncode, err.decode("utf-8", "replace")


def _espeak_samples(spoken: str, raw: Path, voice: VoiceSpec, job: Job | None, *, ssml: bool = False):
    """espeak-ng → samples in the common rate; one sentence trimmed, or a whole SSML page raw."""
    exe = espeak_exe()
    speed = max(80, min(450, int(voice.speed)))
    pitch = max(0, min(99, int(voice.pitch)))
    try:
        rc, err = run_short([exe, "-v", espeak_voice_name(voice), "-s", str(speed), "-p", str(pitch),
                             "-b", "1", *(["-m"] if ssml else []), "-w", str(raw), "--stdin"], spoken,
                            job=job, timeout=SENTENCE_TIMEOUT * (5 if ssml else 1), what="espeak-ng")
        if rc != 0 or not raw.is_file():
            raise _EngineFailed(f"退出码 {rc} / exit {rc}: {err.strip()[:200]}")
        data, rate = audio.read_wav(raw)
    finally:
        raw.unlink(missing_ok=True)
    data = audio.resample(data, rate)
    return data if ssml else audio.trim_silence(data)


BREAK_MS = 1000          # SSML break between sentences in one espeak-ng call
BATCH_SENTENCES = 40     # sentences per espeak-ng call (≈ 2–4 minutes of speech)
_MIN_BREAK = 0.8         # a silence at least this long is one of our breaks (natural pauses ≤ 0.4 s)


def _ssml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _inner_pauses(samples, k: int) -> list[float]:
    """Centres (seconds from the piece's start) of the k longest silences inside a sentence —
    the pauses espeak-ng makes at its clause marks (≈ 0.18 s at a comma, other gaps < 0.06 s).
    Empty when there are fewer than k clear pauses (captions then share time by length)."""
    import numpy as np

    if k <= 0:
        return []
    blk = int(0.01 * audio.COMMON_RATE)
    m = len(samples) // blk
    if m < 3:
        return []
    active = np.abs(samples[: m * blk].astype(np.int32)).reshape(m, blk).max(axis=1) > 200
    runs, start = [], None
    for i, a in enumerate(active):
        if not a and start is None:
            start = i
        elif a and start is not None:
            if start > 0 and i - start >= 8:  # ≥ 80 ms, not the leading silence
                runs.append((i - start, start, i))
            start = None
    if len(runs) < k:
        return []
    runs.sort(reverse=True)
    return sorted((a + b) / 2 * 0.01 for _, a, b in runs[:k])


def _split_at_breaks(samples, n: int):
    """Cut one call's audio at its n-1 longest silences, which must be our SSML breaks.

    Returns n trimmed pieces, or None when the breaks cannot be told apart (then the caller
    synthesises sentence by sentence)."""
    import numpy as np

    if n == 1:
        piece = audio.trim_silence(samples)
        return [piece] if len(piece) else None
    blk = int(0.01 * audio.COMMON_RATE)
    m = len(samples) // blk
    if m == 0:
        return None
    active = np.abs(samples[: m * blk].astype(np.int32)).reshape(m, blk).max(axis=1) > 200
    runs, start = [], None
    for i, a in enumerate(active):
        if not a and start is None:
            start = i
        elif a and start is not None:
            if start > 0:  # not the leading silence
                runs.append((i - start, start, i))
            start = None
    runs.sort(reverse=True)
    if len(runs) < n - 1 or runs[n - 2][0] * 0.01 < _MIN_BREAK:
        return None
    cuts = sorted((a + b) // 2 * blk for _, a, b in runs[: n - 1])
    bounds = [0, *cuts, len(samples)]
    pieces = [audio.trim_silence(samples[x:y]) for x, y in zip(bounds, bounds[1:])]
    return pieces if all(len(p) for p in pieces) else None


def _speak_espeak(sentences: list[tuple[str, str]], out_wav: Path, voice: VoiceSpec,
                  job: Job | None) -> tuple[float, str, list[SentenceSpan], str]:
    """Every (written, spoken) sentence of a page, joined with a short gap, with exact times.

    All sentences go to one espeak-ng call, separated by SSML breaks of `BREAK_MS`; the audio
    is cut at those breaks (they are far longer than any pause espeak-ng makes itself) and
    re-joined with `SENTENCE_GAP`. One process per page instead of one per sentence: under load
    a process start cost ≈ 100 ms here. If the breaks cannot be found, each sentence is spoken
    on its own. Either way captions follow the voice, sentence by sentence.
    """
    import numpy as np

    exe = espeak_exe()
    if not exe:
        raise _EngineFailed("未安装 / not installed")
    if not _espeak_has_cmn(exe):
        raise _EngineFailed("缺少普通话语音 cmn / no Mandarin (cmn) voice")
    raw = out_wav.with_suffix(".espeak.wav")
    units = [(w, espeak_input(sp, voice)) for w, sp in sentences]
    units = [(w, t) for w, t in units if t.strip(" ,.")]
    if not units:
        raise _EngineFailed("没有声音输出 / produced no audible speech")
    pieces: list = []
    for b in range(0, len(units), BATCH_SENTENCES):  # bounded calls: memory stays small
        batch = units[b:b + BATCH_SENTENCES]
        got = None
        if len(batch) > 1:
            brk = f' <break time="{BREAK_MS}ms"/> '
            ssml = "<speak>" + brk.join(_ssml_escape(t.rstrip(" ,.") + ".") for _, t in batch) + "</speak>"
            got = _split_at_breaks(_espeak_samples(ssml, raw, voice, job, ssml=True), len(batch))
            if got is None:
                log.info("espeak-ng breaks not found in %d sentences; speaking them one by one", len(batch))
        if got is None:
            got = []
            for _, text_in in batch:
                if job is not None:
                    job.raise_if_cancelled()
                got.append(_espeak_samples(text_in, raw, voice, job))
        pieces.extend(got)
    gap = np.zeros(int(SENTENCE_GAP * audio.COMMON_RATE), dtype=np.int16)
    chunks, spans = [], []
    pos = 0
    for (written, _), data in zip(units, pieces):
        if len(data) == 0:
            continue
        if chunks:
            chunks.append(gap)
            pos += len(gap)
        start = pos
        slot = max(len(data), int(MIN_SENTENCE_SLOT * audio.COMMON_RATE))
        chunks.append(data)
        if slot > len(data):
            chunks.append(np.zeros(slot - len(data), dtype=np.int16))
        pos += slot
        t0 = start / audio.COMMON_RATE
        from creator_studio.core.media.captions import clause_ends

        pauses = tuple(round(t0 + p, 3) for p in _inner_pauses(data, len(clause_ends(written))))
        spans.append(SentenceSpan(written, t0, (start + len(data)) / audio.COMMON_RATE, pauses))
    if not spans:
        raise _EngineFailed("没有声音输出 / produced no audible speech")
    samples = np.concatenate(chunks)
    if len(samples) < int(0.05 * audio.COMMON_RATE):
        raise _EngineFailed("没有声音输出 / produced no audible speech")
    audio.write_wav(out_wav, samples)
    return len(samples) / audio.COMMON_RATE, "espeak-ng", spans, "\n".join(t for _, t in units)


def _speak_system(text: str, out_wav: Path, voice: VoiceSpec, job: Job | None) -> tuple[float, str]:
    name, reason = system_engine()
    if not name:
        raise _EngineFailed(reason)
    raw = out_wav.with_suffix(".system.raw")
    try:
        if name == "say":
            aiff = raw.with_suffix(".aiff")
            cmd = ["say", "-o", str(aiff)] + (["-v", voice.system_voice or "Tingting"])
            res = ffmpeg.run(cmd + ["-f", "-"], job=job, timeout=120, stdin_text=text, what="say")
            if res.returncode != 0 or not aiff.is_file():
                raise _EngineFailed(f"say: {res.stderr.strip()[:200]}")
            ffmpeg.to_wav(aiff, raw.with_suffix(".wav"), rate=audio.COMMON_RATE, job=job)
            aiff.unlink(missing_ok=True)
            return _finish(raw.with_suffix(".wav"), out_wav, trim=True), "system:say"
        return _sapi5(text, raw.with_suffix(".wav"), out_wav, voice), "system:sapi5"  # pragma: no cover
    finally:
        for p in (raw.with_suffix(".wav"), raw.with_suffix(".aiff")):
            p.unlink(missing_ok=True)


def _sapi5(text: str, tmp_wav: Path, out_wav: Path, voice: VoiceSpec) -> float:  # pragma: no cover
    """Windows only. A fresh engine per file: pyttsx3 loses queued files otherwise (#142, #161)."""
    import pyttsx3

    engine = pyttsx3.init()
    try:
        voices = engine.getProperty("voices") or []

        def is_zh(v) -> bool:
            langs = " ".join(str(x) for x in (getattr(v, "languages", None) or []))
            blob = f"{v.id} {v.name} {langs}".lower()
            return any(k in blob for k in ("zh", "chinese", "huihui", "kangkang", "yaoyao", "804"))

        chosen = next((v for v in voices if voice.system_voice and voice.system_voice in v.name), None)
        chosen = chosen or next((v for v in voices if is_zh(v)), None)
        if chosen is None:
            raise _EngineFailed("系统没有中文语音 / no Chinese SAPI5 voice installed")
        engine.setProperty("voice", chosen.id)
        engine.save_to_file(text, str(tmp_wav))
        engine.runAndWait()
    finally:
        engine.stop()
    if not tmp_wav.is_file():
        raise _EngineFailed("SAPI5 没有输出 / SAPI5 wrote no file")
    return _finish(tmp_wav, out_wav, trim=True)


def _use_recording(path: Path, out_wav: Path, job: Job | None) -> float:
    if not Path(path).is_file():
        raise _EngineFailed(f"录音文件不存在 / recording missing: {Path(path).name}")
    tmp = out_wav.with_suffix(".rec.wav")
    try:
        ffmpeg.to_wav(Path(path), tmp, rate=audio.COMMON_RATE, job=job)
        return _finish(tmp, out_wav, trim=False)
    except ffmpeg.MediaToolError as exc:
        raise _EngineFailed(f"无法读取录音 / unreadable recording: {exc.message_en[:200]}") from None
    finally:
        tmp.unlink(missing_ok=True)


def silence_seconds(text: str, chars_per_second: float = 4.5) -> float:
    """How long captions of `text` should stay up when nobody speaks them."""
    n = sum(1 for ch in text if not ch.isspace())
    return 0.0 if n == 0 else max(1.5, n / max(0.5, chars_per_second))


# ------------------------------------------------------------------------------------------


def engine_chain(voice: VoiceSpec) -> list[str]:
    chain = list(CHAINS.get(voice.engine, CHAINS["auto"]))
    if voice.recorded is not None:
        chain.insert(0, "recorded")
    return chain


def _proportional_spans(sentences: list[tuple[str, str]], duration: float) -> list[SentenceSpan]:
    """Sentence times for engines that speak the page in one go (recording, system, silence):
    spread in proportion to the spoken length — the best we can do without per-sentence audio."""
    weights = [max(1.0, estimate_seconds(sp) or len(sp)) for _, sp in sentences]
    total = sum(weights) or 1.0
    out, acc = [], 0.0
    for (written, _), w in zip(sentences, weights):
        a = duration * acc / total
        acc += w
        out.append(SentenceSpan(written, round(a, 3), round(duration * acc / total, 3)))
    return out


def _recorded_spans(wav: Path, sentences: list[tuple[str, str]],
                    duration: float) -> tuple[list[SentenceSpan], str]:
    """Sentence times in the maker's own recording: the script placed on the speech segments
    found in it (`align`, by the pauses between sentences), else spread over its duration."""
    from creator_studio.core.media import align
    from creator_studio.core.media.captions import clause_ends

    if not sentences:
        return [], "none"
    try:
        samples, rate = audio.read_wav(wav)
    except (OSError, EOFError, ValueError, wave.Error):
        return _proportional_spans(sentences, duration), "proportional"
    weights = [max(1.0, estimate_seconds(sp) or len(sp)) for _, sp in sentences]
    found = align.align(samples, rate, weights, [len(clause_ends(w)) for w, _ in sentences])
    if found is None:
        return _proportional_spans(sentences, duration), "proportional"
    spans = [SentenceSpan(w, a, min(b, duration), p)
             for (w, _), (a, b), p in zip(sentences, found.spans, found.pauses)]
    return spans, found.method


def synthesize(text: str, out_wav: Path | str, voice: VoiceSpec | None = None, *,
               job: Job | None = None) -> Narration:
    """Speak `text` into `out_wav` (common WAV format) with the first engine that works.

    Never raises for a missing engine — "none" (timed silence) always succeeds — only for
    cancellation, or `NarrationTooLong` when the text alone would exceed the course cap.
    Empty text without a recording gives a 0-second narration.
    """
    voice = voice or VoiceSpec()
    out_wav = Path(out_wav)
    out_wav.parent.mkdir(parents=True, exist_ok=True)
    check_budget([text or ""])
    written = split_sentences(text or "")
    if voice.normalize:
        sentences = [(w, normalize_for_speech(w)) for w in written]
    else:
        sentences = [(w, w) for w in written]
    sentences = [(w, sp) for w, sp in sentences if sp.strip()]
    spoken = "".join(sp if sp[-1:] in "。！？；，、：,.!?;:" else sp + "。" for _, sp in sentences)
    failures: list[str] = []
    for engine in engine_chain(voice):
        if job is not None:
            job.raise_if_cancelled()
        try:
            if engine == "recorded":
                dur = _use_recording(voice.recorded, out_wav, job)
                spans, how = _recorded_spans(out_wav, sentences, dur)
                return Narration(out_wav, dur, "recorded", spoken, failures, spans,
                                 caption_timing=how)
            if engine == "none":
                dur = silence_seconds(spoken, voice.chars_per_second)
                audio.write_silence(out_wav, dur)
                return Narration(out_wav, dur, "none", spoken, failures,
                                 _proportional_spans(sentences, dur))
            if not spoken:
                continue  # nothing to say; fall through to silence
            if engine == "espeak":
                units = sentences if voice.per_sentence else [(" ".join(w for w, _ in sentences), spoken)]
                dur, used, spans, given = _speak_espeak(units, out_wav, voice, job)
                if not voice.per_sentence:
                    spans = _proportional_spans(sentences, dur)
                return Narration(out_wav, dur, used, spoken, failures, spans, given)
            dur, used = _speak_system(spoken, out_wav, voice, job)
            return Narration(out_wav, dur, used, spoken, failures, _proportional_spans(sentences, dur))
        except Cancelled:
            raise
        except (_EngineFailed, StudioError, OSError, ValueError, EOFError, wave.Error) as exc:
            msg = str(exc) if isinstance(exc, _EngineFailed) else f"{type(exc).__name__}: {exc}"
            log.info("TTS engine %s failed: %s", engine, msg)
            failures.append(f"{ENGINE_LABELS[engine]}: {msg}")
    raise TTSUnavailable("无法生成旁白", "Could not produce narration")  # pragma: no cover


def synthesize_to_temp(text: str, voice: VoiceSpec | None = None, *, job: Job | None = None,
                       folder: Path | None = None) -> Narration:
    """Convenience for callers that do not care where the WAV lives."""
    folder = Path(folder or temp_dir())
    fd, name = tempfile.mkstemp(suffix=".wav", dir=folder)
    os.close(fd)
    return synthesize(text, Path(name), voice, job=job)


TEMP_PREFIX = "cs-tts-"


def temp_dir() -> Path:
    """A temp folder for narration audio, tagged with this process's PID.

    On the next start, folders of owners that died (kill -9 skips every `finally`) are removed
    (`core.staging`), so a killed `convert` leaves no audio behind for long.
    """
    try:
        from creator_studio.core import staging
    except ImportError:  # pragma: no cover - staging module not present in this build
        return Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
    return staging.make_temp_dir(TEMP_PREFIX)
