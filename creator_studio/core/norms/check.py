"""Check a rendered package against a norm set.

Facts come from the package itself, not from what a form claims where that is cheap to verify:
picture sizes are read from the files' headers and videos are probed when the manifest lacks a
figure. Text rules read the `course.json` snapshot so each finding can name its page.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from creator_studio.core.errors import StudioError
from creator_studio.core.package_manifest import LESSON_SNAPSHOT, MANIFEST
from creator_studio.core.lesson.model import Lesson
from creator_studio.core.lesson.serialize import loads
from creator_studio.core.norms.rules import NormRule, NormSet, default_normset

log = logging.getLogger(__name__)

Status = Literal["pass", "warn", "fail"]
VIDEO_FORMS = ("screen-record", "skit")


@dataclass
class Finding:
    rule_id: str
    status: Status
    message_zh: str
    message_en: str
    form: str | None = None
    page: str | None = None  # Page.id, so the studio can jump to it
    file: str | None = None


@dataclass
class NormsReport:
    normset_id: str
    normset_version: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def blocking(self) -> bool:
        return any(f.status == "fail" for f in self.findings)

    @property
    def failures(self) -> list[Finding]:
        return [f for f in self.findings if f.status == "fail"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.status == "warn"]

    def to_dict(self) -> dict:
        return {"normset_id": self.normset_id, "normset_version": self.normset_version,
                "blocking": self.blocking, "findings": [asdict(f) for f in self.findings]}

    @classmethod
    def from_dict(cls, data: dict) -> "NormsReport":
        return cls(data["normset_id"], int(data["normset_version"]),
                   [Finding(**f) for f in data.get("findings", [])])

    def render_text(self, problems_only: bool = False) -> str:
        mark = {"pass": "✓", "warn": "!", "fail": "✗"}
        lines = [f"规范 / Norms: {self.normset_id} v{self.normset_version}"]
        for f in self.findings:
            if problems_only and f.status == "pass":
                continue
            where = " ".join(x for x in (f.form and f"[{f.form}]", f.page and f"@{f.page}",
                                         f.file) if x)
            lines.append(f"  {mark[f.status]} {f.status.upper():4} {f.rule_id:22} {where} "
                         f"{f.message_zh} / {f.message_en}".rstrip())
        n_fail, n_warn = len(self.failures), len(self.warnings)
        n_pass = len(self.findings) - n_fail - n_warn
        verdict = "不可交付 / BLOCKED" if self.blocking else "可交付 / OK"
        lines.append(f"结果 / Result: {verdict} ({n_pass} pass, {n_fail} fail, {n_warn} warn)")
        return "\n".join(lines)


class PackageContext:
    """Lazy access to the parts of a rendered package the rules need."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        path = self.root / MANIFEST
        if not path.is_file() or not self.inside(MANIFEST):
            raise StudioError(f"{root} 不是已渲染的课程包（缺少 manifest.json）",
                              f"{root} is not a rendered course package (no manifest.json)",
                              code="NOT_A_PACKAGE")
        try:
            self.manifest = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            raise StudioError("manifest.json 已损坏", "manifest.json is damaged",
                              code="NOT_A_PACKAGE") from None
        self._lesson: Lesson | None = None

    @property
    def forms(self) -> dict[str, dict]:
        return self.manifest.get("forms", {})

    @property
    def lesson(self) -> Lesson | None:
        if self._lesson is None:
            snap = self.root / LESSON_SNAPSHOT
            if snap.is_file() and self.inside(LESSON_SNAPSHOT):
                try:
                    self._lesson = loads(snap.read_text(encoding="utf-8"))
                except Exception:  # a damaged snapshot only disables the text rules
                    log.warning("course.json snapshot unreadable in %s", self.root)
        return self._lesson

    def inside(self, rel) -> bool:
        """A manifest path names a file inside the package, symlinks followed. WHY: the server
        checks packages makers upload (`market/deliveries.py`); a manifest naming
        `../../secrets/x.vtt` or `/etc/…` must not make the check read — and quote in its
        findings — files of the machine it runs on (issue 20, the defect 4 family)."""
        if not isinstance(rel, str) or not rel or "\0" in rel or "\\" in rel or Path(rel).is_absolute():
            return False
        try:
            return (self.root / rel).resolve().is_relative_to(self.root.resolve())
        except (OSError, RuntimeError, ValueError):
            return False

    def files(self, form: str, role: str | None = None) -> list[dict]:
        """The form's manifest file entries; entries whose path leaves the package are dropped."""
        out = []
        for f in self.forms.get(form, {}).get("files", []):
            if not isinstance(f, dict) or (role is not None and f.get("role") != role):
                continue
            if not self.inside(f.get("path")):
                log.warning("manifest entry outside the package ignored: %r", f.get("path"))
                continue
            out.append(f)
        return out

    def image_size(self, rel: str) -> tuple[int, int] | None:
        from PIL import Image

        if not self.inside(rel):
            return None
        try:
            with Image.open(self.root / rel) as im:
                return im.size
        except (OSError, ValueError):
            return None

    def video_facts(self, f: dict) -> dict:
        """duration/height/codec for a video file: manifest first, ffprobe for what is missing."""
        facts = {"duration": f.get("duration"), "height": f.get("height"),
                 "width": f.get("width"), "codec": (f.get("extra") or {}).get("codec")}
        if all(v is not None for v in facts.values()):
            return facts
        probed = probe_video(self.root / f["path"])
        for k, v in probed.items():
            if facts.get(k) is None:
                facts[k] = v
        return facts


def probe_video(path: Path) -> dict:
    exe = shutil.which("ffprobe")
    if not exe or not path.is_file():
        return {}
    try:
        out = subprocess.run([exe, "-v", "error", "-select_streams", "v:0", "-show_entries",
                              "stream=codec_name,width,height:format=duration", "-of", "json",
                              str(path)], capture_output=True, text=True, timeout=30)
        data = json.loads(out.stdout or "{}")
    except (OSError, subprocess.SubprocessError, json.JSONDecodeError):
        return {}
    stream = (data.get("streams") or [{}])[0]
    dur = (data.get("format") or {}).get("duration")
    return {"codec": stream.get("codec_name"), "width": stream.get("width"),
            "height": stream.get("height"), "duration": float(dur) if dur else None}


def _page_texts(lesson: Lesson) -> list[tuple[str | None, str]]:
    """(page id, text) for everything a learner will read or hear."""
    out: list[tuple[str | None, str]] = [(None, lesson.title)]
    for p in lesson.pages:
        out.append((p.id, p.plain_text() + "\n" + p.narration))
    for q in lesson.quiz.questions:
        out.append((q.source_page, "\n".join([q.stem, *q.options, q.explanation, *q.accepted])))
    if lesson.script:
        for scene in lesson.script.scenes:
            for line in scene.lines:
                out.append((line.source_page, line.text))
            if scene.decision:
                out.extend((None, c.text + "\n" + c.feedback) for c in scene.decision.options)
    return out


# ---------------------------------------------------------------------------------------------
# One checker per rule kind. Each yields findings; "pass" findings are kept so the report shows
# what was checked, not only what went wrong.


def _result(rule: NormRule, ok: bool, detail_zh: str = "", detail_en: str = "", **where) -> Finding:
    status: Status = "pass" if ok else rule.severity
    zh = rule.zh + (f"：{detail_zh}" if detail_zh else "")
    en = rule.en + (f": {detail_en}" if detail_en else "")
    return Finding(rule.id, status, zh, en, **where)


def _unverifiable(rule: NormRule, form: str, what_zh: str, what_en: str) -> Finding:
    return Finding(rule.id, "warn", f"{rule.zh}：无法核实（{what_zh}）",
                   f"{rule.en}: cannot verify ({what_en})", form=form)


def check_title_length(rule, ctx):
    title = (ctx.lesson.title if ctx.lesson else ctx.manifest.get("lesson", {}).get("title")) or ""
    n = len(title.strip())
    ok = rule.params["min"] <= n <= rule.params["max"]
    yield _result(rule, ok, f"当前 {n} 个字", f"now {n} characters")


def check_cover_present(rule, ctx):
    for form, data in ctx.forms.items():
        if not rule.applies_to(form):
            continue
        info = data.get("info", {})
        cover = info.get("cover", info.get("title_card"))
        if cover is None:
            yield _unverifiable(rule, form, "清单未说明", "the manifest does not say")
        else:
            yield _result(rule, bool(cover), form=form)


def _videos(rule, ctx):
    for form in VIDEO_FORMS:
        if form in ctx.forms and rule.applies_to(form):
            for f in ctx.files(form, "video"):
                yield form, f


def check_video_duration(rule, ctx):
    for form, f in _videos(rule, ctx):
        d = ctx.video_facts(f).get("duration")
        if d is None:
            yield _unverifiable(rule, form, "无法读取视频时长", "no duration")
            continue
        ok = rule.params["min_s"] <= d <= rule.params["max_s"]
        yield _result(rule, ok, f"当前 {d:.1f} 秒", f"now {d:.1f} s", form=form, file=f["path"])


def check_video_resolution(rule, ctx):
    for form, f in _videos(rule, ctx):
        h = ctx.video_facts(f).get("height")
        if h is None:
            yield _unverifiable(rule, form, "无法读取分辨率", "no resolution")
            continue
        ok = int(h) >= int(rule.params["min_height"])
        yield _result(rule, ok, f"当前 {h}p", f"now {h}p", form=form, file=f["path"])


def check_video_codec(rule, ctx):
    for form, f in _videos(rule, ctx):
        codec = ctx.video_facts(f).get("codec")
        if codec is None:
            yield _unverifiable(rule, form, "无法读取编码", "no codec")
            continue
        ok = str(codec).lower() == str(rule.params["codec"]).lower()
        yield _result(rule, ok, f"当前 {codec}", f"now {codec}", form=form, file=f["path"])


def _long_image_parts(ctx):
    return [f for f in ctx.files("long-image") if f.get("role") == "image"]


def check_long_image_width(rule, ctx):
    if "long-image" not in ctx.forms:
        return
    allowed = [int(w) for w in rule.params["allowed"]]
    for f in _long_image_parts(ctx):
        size = ctx.image_size(f["path"])
        if size is None:
            yield Finding(rule.id, "fail", f"长图文件缺失或损坏：{f['path']}",
                          f"long-image part missing or damaged: {f['path']}", form="long-image",
                          file=f["path"])
            continue
        yield _result(rule, size[0] in allowed, f"当前 {size[0]} 像素", f"now {size[0]} px",
                      form="long-image", file=f["path"])


def check_long_image_segments(rule, ctx):
    if "long-image" not in ctx.forms:
        return
    parts = {Path(f["path"]).stem for f in _long_image_parts(ctx)}
    n = len(parts)
    yield _result(rule, n <= int(rule.params["max"]), f"当前 {n} 段", f"now {n} parts",
                  form="long-image")


def check_min_questions(rule, ctx):
    for form in ctx.forms:
        if not rule.applies_to(form):
            continue
        info = ctx.forms[form].get("info", {})
        n = info.get("question_count")
        if n is None and ctx.lesson is not None:
            n = len(ctx.lesson.quiz.questions)
        if n is None:
            yield _unverifiable(rule, form, "题目数量未知", "question count unknown")
            continue
        yield _result(rule, int(n) >= int(rule.params["min"]), f"当前 {n} 题",
                      f"now {n} questions", form=form)


def check_file_size_cap(rule, ctx):
    caps = rule.params["max_bytes"]
    for form in ctx.forms:
        cap = caps.get(form) if isinstance(caps, dict) else caps
        if cap is None or not rule.applies_to(form):
            continue
        worst = None
        for f in ctx.files(form):
            path = ctx.root / f["path"]
            size = path.stat().st_size if path.is_file() else int(f.get("bytes") or 0)
            if size > int(cap):
                worst = (f["path"], size)
                yield _result(rule, False, f"{f['path']} 为 {size / 1e6:.1f} MB",
                              f"{f['path']} is {size / 1e6:.1f} MB", form=form, file=f["path"])
        if worst is None:
            yield _result(rule, True, form=form)


def check_forbidden_words(rule, ctx):
    if ctx.lesson is None:
        yield _unverifiable(rule, "*", "缺少课程文本", "no course text in the package")
        return
    words = [w for w in rule.params["words"] if w]
    pattern = re.compile("|".join(re.escape(w) for w in words)) if words else None
    hits = 0
    for page_id, text in _page_texts(ctx.lesson):
        for m in pattern.finditer(text) if pattern else ():
            hits += 1
            ctx_text = text[max(0, m.start() - 8): m.end() + 8].replace("\n", " ")
            yield _result(rule, False, f"“{m.group(0)}”（…{ctx_text}…）",
                          f"'{m.group(0)}' in …{ctx_text}…", page=page_id)
    if not hits:
        yield _result(rule, True)


def check_required_text(rule, ctx):
    if ctx.lesson is None:
        yield _unverifiable(rule, "*", "缺少课程文本", "no course text in the package")
        return
    everything = "\n".join(t for _, t in _page_texts(ctx.lesson))
    ok = any(s in everything for s in rule.params["any_of"])
    yield _result(rule, ok)


def _buyer_strings(node, skip=("warnings", "errors", "visual_reasons", "problem")):
    """Every string in a JSON value except maker-facing keys (warnings are for the maker)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            if k not in skip:
                yield from _buyer_strings(v, skip)
    elif isinstance(node, list):
        for v in node:
            yield from _buyer_strings(v, skip)


def check_no_placeholder_text(rule, ctx):
    """Issue 15: placeholder or internal text must never reach a buyer ("图片IDbldpl040208" as a
    caption, "（本页没有文字内容）", "矢量图…无法在此显示"). Scans the course snapshot, the H5 data,
    the manifest (maker warnings excluded) and caption files."""
    literals = [w for w in rule.params["strings"] if w]
    patterns = [re.compile(p) for p in rule.params.get("patterns", [])]

    def hits(text: str):
        for w in literals:
            at = text.find(w)
            if at >= 0:
                yield w, text[max(0, at - 10): at + len(w) + 10]
        for rx in patterns:
            mt = rx.search(text)
            if mt:
                yield mt.group(0), text[max(0, mt.start() - 10): mt.end() + 10]

    found = 0
    if ctx.lesson is not None:
        texts = _page_texts(ctx.lesson)
        for p in ctx.lesson.pages:
            for b in p.all_blocks():
                for attr in ("caption", "alt", "title"):
                    v = getattr(b, attr, "")
                    if isinstance(v, str) and v:
                        texts.append((p.id, v))
        for page_id, text in texts:
            for what, near in hits(text or ""):
                found += 1
                near = near.replace("\n", " ")
                yield _result(rule, False, f"“{what}”（…{near}…）", f"'{what}' in …{near}…",
                              page=page_id)
    sources = [("manifest.json", "\n".join(_buyer_strings(ctx.manifest)))]
    for form in ctx.forms:
        for f in ctx.files(form):
            rel = f.get("path", "")
            if rel.endswith(("data.js", ".srt", ".vtt")) and (ctx.root / rel).is_file():
                sources.append((rel, (ctx.root / rel).read_text(encoding="utf-8", errors="replace")))
    for form, data in ctx.forms.items():
        drawn = int((data.get("info") or {}).get("placeholders") or 0)
        if drawn:  # older renders drew "cannot display" boxes into the picture itself
            found += 1
            yield _result(rule, False, f"{form} 中画有 {drawn} 个图片占位框",
                          f"{form} shows {drawn} picture placeholder box(es)", form=form)
    for rel, text in sources:
        for what, near in hits(text):
            found += 1
            near = near.replace("\n", " ")
            yield _result(rule, False, f"{rel} 含“{what}”（…{near}…）", f"{rel} contains '{what}'",
                          file=rel)
    if not found:
        yield _result(rule, True)


def check_audio_silence(rule, ctx):
    """Silence measured on the video's own audio (RMS per 1-s window), not taken from the
    manifest: a deck without notes once gave a silent 57-s "narrated" video that passed.
    Seconds of pages the maker set to music only / silent (`silent_by_choice_seconds`) are not
    counted against it."""
    from creator_studio.core.media import audio

    limit = float(rule.params["max_silent_fraction"])
    window = float(rule.params.get("window_s", 1.0))
    threshold = float(rule.params.get("threshold_dbfs", -45))
    for form, f in _videos(rule, ctx):
        path = ctx.root / f["path"]
        try:
            frac, dur = audio.silent_fraction(path, window=window, threshold_dbfs=threshold)
        except StudioError as exc:
            yield _unverifiable(rule, form, f"无法读取音频：{exc.message_zh}", f"cannot read audio: {exc.message_en}")
            continue
        excused = float(ctx.forms[form].get("info", {}).get("silent_by_choice_seconds") or 0.0)
        silent = frac * dur
        rest = dur - excused
        share = 0.0 if rest <= window else max(0.0, silent - excused) / rest
        detail_zh = f"静音约 {share:.0%}（上限 {limit:.0%}）"
        detail_en = f"about {share:.0%} silent (limit {limit:.0%})"
        if excused:
            detail_zh += f"，已扣除选择静音的 {excused:.0f} 秒"
            detail_en += f", {excused:.0f} s chosen silent not counted"
        yield _result(rule, share <= limit, detail_zh, detail_en, form=form, file=f["path"])


def _recorded_pages(rule, ctx, kinds=("voice", "video"), audible=False):
    """(form, video file entry, page entry) for every page the maker recorded (voice or screen):
    the render lists them with their place in the video (`info.recorded_pages`, issue 14).
    A form without any yields (form, None, None): the report still shows the rule was checked."""
    for form in VIDEO_FORMS:
        if form not in ctx.forms or not rule.applies_to(form):
            continue
        videos = ctx.files(form, "video")
        entries = [e for e in (ctx.forms[form].get("info") or {}).get("recorded_pages") or []
                   if isinstance(e, dict) and e.get("kind") in kinds and (e.get("audio") or not audible)]
        if not videos or not entries:
            yield form, None, None
        for entry in entries if videos else []:
            yield form, videos[0], entry


def _none_recorded(rule, form):
    return _result(rule, True, "没有录制的页面", "no recorded pages", form=form)


def check_video_page_length(rule, ctx):
    """A screen recording inserted as a page must stay short enough to follow (issue 14)."""
    limit = float(rule.params["max_s"])
    for form, f, e in _recorded_pages(rule, ctx, kinds=("video",)):
        if e is None:
            yield _none_recorded(rule, form)
            continue
        secs = float(e.get("seconds") or 0.0)
        yield _result(rule, secs <= limit, f"当前 {secs:.0f} 秒（上限 {limit:.0f} 秒）",
                      f"now {secs:.0f} s (limit {limit:.0f} s)", form=form, page=e.get("page"), file=f["path"])


def check_recorded_loudness(rule, ctx):
    """Each recorded page's integrated loudness, measured on the delivered video's audio in that
    page's slot (EBU R128, ffmpeg ebur128) — not taken from the manifest: a screen recording's own
    sound is placed as it was recorded, so a quiet microphone shows up here."""
    from creator_studio.core.media import audio

    lo, hi = float(rule.params["min_lufs"]), float(rule.params["max_lufs"])
    for form, f, e in _recorded_pages(rule, ctx, audible=True):
        if e is None:
            yield _none_recorded(rule, form)
            continue
        start, end = float(e.get("start") or 0.0), float(e.get("end") or 0.0)
        where = {"form": form, "page": e.get("page"), "file": f["path"]}
        if end - start < 0.4:  # EBU R128 needs one 400 ms block
            continue
        try:
            loud = audio.measure_loudness(ctx.root / f["path"], start=start, duration=end - start, timeout=120)
        except StudioError as exc:
            yield _unverifiable(rule, form, f"无法读取音频：{exc.message_zh}", f"cannot read audio: {exc.message_en}")
            continue
        if loud is None:
            yield _result(rule, False, "这一页没有声音", "this page is silent", **where)
            continue
        i = loud.integrated
        yield _result(rule, lo <= i <= hi, f"当前 {i:.1f} LUFS（应在 {lo:.0f} 至 {hi:.0f} 之间）",
                      f"now {i:.1f} LUFS (window {lo:.0f} to {hi:.0f})", **where)


CHECKERS = {
    "title_length": check_title_length,
    "cover_present": check_cover_present,
    "video_duration": check_video_duration,
    "video_resolution": check_video_resolution,
    "video_codec": check_video_codec,
    "long_image_width": check_long_image_width,
    "long_image_segments": check_long_image_segments,
    "min_questions": check_min_questions,
    "file_size_cap": check_file_size_cap,
    "forbidden_words": check_forbidden_words,
    "required_text": check_required_text,
    "no_placeholder_text": check_no_placeholder_text,
    "audio_silence": check_audio_silence,
    "video_page_length": check_video_page_length,
    "recorded_loudness": check_recorded_loudness,
}


def check_package(root: Path, normset: NormSet | None = None) -> NormsReport:
    normset = normset or default_normset()
    ctx = PackageContext(Path(root))
    report = NormsReport(normset.id, normset.version)
    if not ctx.forms:
        report.findings.append(Finding("package-has-forms", "fail", "课程包中没有任何已渲染的课程形式",
                                       "The package holds no rendered course form"))
    for rule in normset.rules:
        report.findings.extend(CHECKERS[rule.kind](rule, ctx))
    return report
