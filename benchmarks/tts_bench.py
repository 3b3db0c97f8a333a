"""Narration speed: TTS seconds per minute of narration, before and after the pinyin step.

Text: the narration of the sample decks and the Chinese corpus decks (notes, or the page's own
text when a page has none — what the screen-record form speaks), repeated until there are at
least `--minutes` of speech. Every method runs on the same text in this run:

- before : the old path — `normalize_for_speech`, then espeak-ng `cmn` on the hanzi, one call
           per page (this voice reads most hanzi as English-spelled pinyin, issue 13);
- pinyin : the pinyin step alone — `pinyin.speech_pinyin` (jieba + lexicon + pypinyin) on every
           normalised sentence, warm (the one-time jieba load is reported separately);
- after  : what `tts.synthesize` does now — per sentence: normalise, pinyin, espeak-ng
           `cmn-latn-pinyin`, trim; join with gaps; one WAV per page;
- loudness: the two-pass loudness normalisation of the whole track (measure, gain + limiter,
           AAC, measure) that the forms add after synthesis.

Target (issue 13 §7): the pinyin step costs < 10 % of synthesis time.
Usage: python benchmarks/tts_bench.py [--minutes 10]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DECKS = [ROOT / "creator_studio/resources/samples/理赔流程培训.pptx",
         ROOT / "creator_studio/resources/samples/新员工入职手册.docx",
         ROOT / "tests/data/corpus/pptx/pptxtojson_test.pptx",
         ROOT / "tests/data/corpus/pptx/sdk_AllSlidesConverterSC.pptx",
         ROOT / "tests/data/corpus/pptx/程序员晚枫-2.pptx",
         ROOT / "tests/data/corpus/docx/pyoffice_zh_word_table.docx"]


def narrations() -> list[str]:
    from creator_studio.core.importers import import_source
    from creator_studio.core.media import page_script

    out = []
    for deck in DECKS:
        lesson = import_source(deck)
        out += [t for t in (page_script.narration_for(p).text for p in lesson.visible_pages()) if t.strip()]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--minutes", type=float, default=10.0)
    args = ap.parse_args(argv)

    from creator_studio.core.media import audio, pinyin, tts
    from creator_studio.core.media.text_normalize import normalize_for_speech, split_sentences

    exe = tts.espeak_exe()
    if not exe:
        print("espeak-ng not installed: nothing to measure")
        return 1
    base = narrations()
    print(f"{len(base)} pages of narration from {len(DECKS)} decks")

    t0 = time.perf_counter()
    pinyin.warm_up()
    warm = time.perf_counter() - t0

    work = Path(tempfile.mkdtemp(prefix="cs-tts-bench-"))
    try:
        # one pass of the decks, to know how long they speak
        probe_s = 0.0
        for i, text in enumerate(base):
            probe_s += tts.synthesize(text, work / f"probe-{i}.wav").duration
        reps = max(1, int(args.minutes * 60 / probe_s + 0.999))
        pages = base * reps

        # after: the current synthesize (pinyin + cmn-latn-pinyin, per sentence)
        t0 = time.perf_counter()
        after_audio = 0.0
        wavs = []
        for i, text in enumerate(pages):
            n = tts.synthesize(text, work / f"after-{i}.wav")
            after_audio += n.duration
            wavs.append((n.wav_path, n.duration))
        after_s = time.perf_counter() - t0
        minutes = after_audio / 60

        # pinyin step alone (warm)
        sentences = [normalize_for_speech(s) for text in pages for s in split_sentences(text)]
        t0 = time.perf_counter()
        for s in sentences:
            pinyin.speech_pinyin(s)
        pinyin_s = time.perf_counter() - t0

        # before: the old path, one espeak-ng `cmn` call per page on normalised hanzi
        t0 = time.perf_counter()
        before_audio = 0.0
        for i, text in enumerate(pages):
            raw = work / f"before-{i}.wav"
            subprocess.run([exe, "-v", "cmn", "-s", "165", "-p", "50", "-b", "1", "-w", str(raw), "--stdin"],
                           input=normalize_for_speech(text).encode("utf-8"), check=True,
                           capture_output=True, timeout=300)
            data, rate = audio.read_wav(raw)
            data = audio.trim_silence(audio.resample(data, rate))
            audio.write_wav(raw, data)
            before_audio += len(data) / audio.COMMON_RATE
        before_s = time.perf_counter() - t0

        # loudness: the whole track once, as the forms do
        segs, t = [], 0.0
        for wav, dur in wavs:
            segs.append(audio.Segment(wav, t))
            t += dur + 1.2
        t0 = time.perf_counter()
        report: dict = {}
        audio.build_track(segs, t, work / "track.m4a", report=report)
        loud_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        audio.build_track(segs, t, work / "track-plain.m4a", normalize=False)
        plain_s = time.perf_counter() - t0
    finally:
        shutil.rmtree(work, ignore_errors=True)

    synth_only = after_s - pinyin_s
    print(f"narration: {minutes:.1f} min after ({after_audio:.0f} s), {before_audio / 60:.1f} min before "
          f"({len(pages)} pages, {len(sentences)} sentences)")
    print(f"one-time pinyin warm-up (jieba dictionary + lexicon): {warm:.2f} s")
    print(f"{'method':<44}{'seconds':>9}{'s per min':>11}")
    print(f"{'before: espeak-ng cmn, one call per page':<44}{before_s:>9.2f}{before_s / (before_audio / 60):>11.3f}")
    print(f"{'after: pinyin + cmn-latn-pinyin, sentence-timed':<44}{after_s:>9.2f}{after_s / minutes:>11.3f}")
    print(f"{'  of which the pinyin step':<44}{pinyin_s:>9.2f}{pinyin_s / minutes:>11.3f}")
    print(f"{'track: AAC only':<44}{plain_s:>9.2f}{plain_s / (t / 60):>11.3f}")
    print(f"{'track: loudness two-pass + AAC':<44}{loud_s:>9.2f}{loud_s / (t / 60):>11.3f}")
    share = pinyin_s / synth_only
    print(f"ratio pinyin step / synthesis (target < 0.10): {share:.3f}")
    print(f"ratio after / before (s per min): {(after_s / minutes) / (before_s / (before_audio / 60)):.2f}")
    print(f"loudness: {report}")
    return 0 if share < 0.10 else 2


if __name__ == "__main__":
    sys.exit(main())
