"""Turn a Lesson into the plain `COURSE` data the H5 player renders.

The player only ever sees this dict (written to `data.js`), never the model: every string in it is
document text and is treated as text by the player (`textContent`), so nothing here needs HTML
escaping. What this module does own is *deciding* things the browser must not be trusted with:
which links are allowed, which media files exist, and which derived exercises (flip cards,
ordering) a page yields.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from creator_studio.core.lesson import model as m

ALLOWED_LINK_SCHEMES = ("http:", "https:", "mailto:")
_TERM_SPLIT = re.compile(r"^\s*(.{1,24}?)\s*[:：]\s*(.{2,})$", re.S)
_MAX_CARDS = 12
_ORDER_MIN, _ORDER_MAX = 3, 8


def safe_link(link: str | None) -> str | None:
    """Only http/https/mailto survive; `javascript:`, `file:`, `data:`, relative paths do not.

    Control characters and whitespace are stripped first because browsers ignore them inside a
    scheme (`java\\tscript:` still runs).
    """
    if not link:
        return None
    cleaned = "".join(ch for ch in link if unicodedata.category(ch)[0] != "C").strip()
    low = cleaned.lower().replace(" ", "")
    if low.startswith(ALLOWED_LINK_SCHEMES):
        return cleaned
    return None


@dataclass
class MediaCollector:
    """Gives each referenced file a neutral key (`m1`, `m2`…); the package names it by hash."""

    files: dict[str, Path] = field(default_factory=dict)
    _by_path: dict[Path, str] = field(default_factory=dict)

    def add(self, path: Path | None) -> str | None:
        if path is None:
            return None
        path = Path(path)
        if path in self._by_path:
            return self._by_path[path]
        key = f"m{len(self.files) + 1}"
        self.files[key] = path
        self._by_path[path] = key
        return key


def _runs(runs: list[m.Run]) -> list[dict]:
    out = []
    for r in runs:
        if not r.text:
            continue
        d: dict = {"text": r.text}
        if r.bold:
            d["b"] = 1
        if r.italic:
            d["i"] = 1
        if r.underline:
            d["u"] = 1
        if r.strike:
            d["s"] = 1
        link = safe_link(r.link)
        if link:
            d["link"] = link
        out.append(d)
    return out


def _table(t: m.Table) -> dict:
    rows = [[{"text": c.text, "rs": max(1, c.row_span), "cs": max(1, c.col_span),
              **({"b": 1} if c.bold else {})} for c in row] for row in t.rows]
    return {"t": "table", "rows": rows, "header_rows": max(0, t.header_rows), "caption": t.caption}


def _chart_picture(b: m.Chart, lesson: m.Lesson, media: MediaCollector, work_dir: Path | None) -> str | None:
    """The chart as a picture: redrawn by us keeping its type, or the slide picture's region."""
    from creator_studio.core.media.chart_draw import can_draw, chart_kind, draw_chart

    crop = lesson.asset_path(b.raster_asset) if b.raster_asset else None
    if crop is not None and (chart_kind(b) == "unsupported" or not can_draw(b)):
        return media.add(crop)
    if not can_draw(b) or work_dir is None:
        return None
    # ~2.7× the width a phone shows it at (sharp), labels enlarged to stay ≥ 12 CSS px there
    im = draw_chart(b, 1000, font_scale=1.6)
    if im is None:
        return None
    work_dir.mkdir(parents=True, exist_ok=True)
    path = work_dir / f"chart-{len(media.files) + 1}-{id(b)}.png"
    im.save(path, optimize=True)
    return media.add(path)


def _block(b: m.Block, lesson: m.Lesson, media: MediaCollector, warnings: list[str],
           work_dir: Path | None = None) -> dict | None:
    if isinstance(b, m.Heading):
        return {"t": "h", "text": b.text, "level": min(max(b.level, 1), 4)}
    if isinstance(b, m.Paragraph):
        runs = _runs(b.runs)
        if not runs:
            return None
        align = b.align if b.align in ("left", "center", "right", "justify") else None
        return {"t": "p", "runs": runs, "level": max(0, min(b.level, 4)), **({"align": align} if align else {})}
    if isinstance(b, m.BulletList):
        items = [{"runs": _runs(i.runs), "level": max(0, min(i.level, 4)), "marker": i.marker}
                 for i in b.items if i.text.strip()]
        return {"t": "list", "ordered": bool(b.ordered), "items": items} if items else None
    if isinstance(b, m.Table):
        return _table(b) if b.rows else None
    if isinstance(b, m.Chart):
        # The data table stays for search and screen readers; the picture keeps the chart's type.
        d = _table(b.to_table()) if b.series and b.categories else {"t": "table", "rows": [],
                                                                     "header_rows": 0, "caption": ""}
        d["chart"] = b.chart_type or "chart"
        d["caption"] = b.title
        d["img"] = _chart_picture(b, lesson, media, work_dir)
        if d["img"] is None and not d["rows"]:
            warnings.append(f"图表「{b.title or '未命名'}」没有数据，也没有幻灯片图片，未显示")
            return None
        return d
    if isinstance(b, m.Columns):
        cols = []
        for c in b.columns:
            blocks = [d for x in c.blocks if (d := _block(x, lesson, media, warnings, work_dir))]
            if c.heading.strip() or blocks:
                cols.append({"heading": c.heading, "blocks": blocks})
        return {"t": "cols", "columns": cols} if cols else None
    if isinstance(b, m.Image):
        # Vector pictures (EMF/WMF) only show through their raster; browsers cannot draw them.
        name = b.raster_asset if b.raster_asset and (b.needs_raster or not b.asset) else (
            None if b.needs_raster else b.asset)
        key = media.add(lesson.asset_path(name))
        if key is None:
            # Issue 15: never a placeholder for the buyer; the maker is told in the warnings.
            why = b.problem or ("矢量图没有可用的位图" if b.needs_raster else "图片文件缺失")
            warnings.append(f"图片未显示（{why}）" + (f"：{b.alt}" if b.alt else ""))
            return None
        d = {"t": "img", "src": key, "alt": b.alt}
        if b.width_px and b.height_px:
            d["w"], d["h"] = int(b.width_px), int(b.height_px)
        return d
    if isinstance(b, m.Note):
        return {"t": "note", "text": b.text, "label": b.label} if b.text.strip() else None
    if isinstance(b, m.Media):
        src = lesson.asset_path(b.asset)
        trimmed = False
        if src is not None and b.media_type == "video" and work_dir is not None:
            src, trimmed = _web_video(src, b, work_dir, warnings)
        key = media.add(src)
        if key is None:
            warnings.append("媒体文件缺失，已跳过")
            return None
        d = {"t": "media", "src": key, "media": "video" if b.media_type == "video" else "audio",
             "poster": media.add(lesson.asset_path(b.poster_asset))}
        if b.media_type == "video" and not trimmed and (b.trim_in or b.trim_out is not None):
            # a trimmed screen recording plays only its in/out points (a media fragment, #t=in,out)
            d["in"] = round(max(0.0, float(b.trim_in or 0.0)), 3)
            if b.trim_out is not None:
                d["out"] = round(float(b.trim_out), 3)
        return d
    return None


def _web_video(src: Path, b: m.Media, work_dir: Path, warnings: list[str]) -> tuple[Path, bool]:
    """A video a browser can play: the file itself when it is H.264/AAC, else (a screen recording
    from Qt is MPEG-4 Part 2, which Chromium and phones refuse) its kept part transcoded to H.264
    — then already trimmed. Returns (file, trimmed)."""
    from creator_studio.core.media import ffmpeg, recording

    try:
        info = ffmpeg.probe(src)
    except ffmpeg.MediaToolError:
        return src, False
    if not info["video"] or recording.web_playable(info):
        return src, False
    dur = float(info["duration"] or 0.0)
    tin, tout = float(b.trim_in or 0.0), (dur if b.trim_out is None else float(b.trim_out))
    if not (0 <= tin < tout <= dur + 0.05) or tout - tin < 0.2:
        tin, tout = 0.0, dur
    work_dir.mkdir(parents=True, exist_ok=True)
    dst = work_dir / f"web-{Path(src).stem}-{tin:.2f}-{tout:.2f}.mp4"
    try:
        if not dst.is_file():
            recording.web_clip(src, dst, start=tin, end=tout)
    except ffmpeg.MediaToolError as exc:
        warnings.append(f"视频无法转为网页可播放的格式，按原样附上 / video not converted for the web: {exc.message_en[:120]}")
        return src, False
    return dst, True


def _cards_from_page(page: m.Page) -> list[dict]:
    """Key terms: two-column tables (term | definition) and `**术语**：定义` paragraphs/items."""
    cards: list[dict] = []
    for b in page.blocks:
        if isinstance(b, m.Table) and b.n_cols == 2 and all(len(r) == 2 for r in b.rows):
            body = b.rows[max(0, b.header_rows):]
            if len(body) >= 2:
                cards.extend({"term": r[0].text.strip(), "definition": r[1].text.strip()}
                             for r in body if r[0].text.strip() and r[1].text.strip())
        runs_list: list[list[m.Run]] = []
        if isinstance(b, m.Paragraph):
            runs_list = [b.runs]
        elif isinstance(b, m.BulletList):
            runs_list = [i.runs for i in b.items]
        for runs in runs_list:
            if not runs or not runs[0].bold:
                continue
            match = _TERM_SPLIT.match(m.runs_text(runs))
            if match:
                cards.append({"term": match.group(1).strip(), "definition": match.group(2).strip()})
    return cards[:_MAX_CARDS]


def _order_from_page(page: m.Page, seed: int) -> dict | None:
    """An ordered list of 3–8 short steps becomes a put-in-order exercise."""
    for b in page.blocks:
        if not (isinstance(b, m.BulletList) and b.ordered):
            continue
        items = [i.text.strip() for i in b.items if i.level == 0 and i.text.strip()]
        if not (_ORDER_MIN <= len(items) <= _ORDER_MAX) or any(len(t) > 80 for t in items):
            continue
        if len(set(items)) != len(items):
            continue
        n = len(items)
        # A fixed derangement-ish shuffle: deterministic builds, never already in order.
        step = next(k for k in (2, 3, 1) if _gcd(k, n) == 1) if n > 1 else 1
        start = [((i * step) + seed + 1) % n for i in range(n)]
        if start == list(range(n)):
            start = start[1:] + start[:1]
        return {"items": items, "start": start}
    return None


def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


def _question(q: m.Question, idx: int) -> dict | None:
    kind = q.kind if q.kind in ("single", "multiple", "truefalse", "fill") else "single"
    options = list(q.options)
    if kind == "truefalse" and len(options) != 2:
        options = ["正确", "错误"]
    answers = sorted({a for a in q.answers if 0 <= a < len(options)})
    if kind == "fill":
        accepted = [a for a in q.accepted if a.strip()]
        if not accepted:
            return None
    elif not options or not answers:
        return None
    return {"id": f"q{idx}", "kind": kind, "stem": q.stem, "options": options if kind != "fill" else [],
            "answers": answers if kind != "fill" else [], "accepted": q.accepted if kind == "fill" else [],
            "explanation": q.explanation, "points": max(1, int(q.points or 1))}


def _picture_size(path: Path | None) -> tuple[int, int] | None:
    if path is None:
        return None
    try:
        from PIL import Image as PILImage

        with PILImage.open(path) as im:
            return im.size
    except Exception:  # noqa: BLE001 - an unreadable picture is simply not used
        return None


def lesson_course_data(lesson: m.Lesson, *, pass_mark: int | None = None,
                       slide_pictures: str | bool = "auto",
                       narration_audio: dict[str, Path] | None = None,
                       work_dir: Path | None = None
                       ) -> tuple[dict, dict[str, Path], list[str]]:
    """Return (COURSE dict, media key → file, warnings).

    `narration_audio` maps page ids to synthesized audio when the page has no recording of its own.
    `slide_pictures` (auto|always|never) picks each page's mode (`raster.effective_mode`); a
    picture page shows `page.raster` and keeps its blocks in the page, visually hidden, for
    search and screen readers. `work_dir` receives the chart pictures we draw.
    """
    from creator_studio.core.media.raster import effective_mode, slide_pictures_option

    option = slide_pictures_option(slide_pictures)
    media = MediaCollector()
    warnings: list[str] = []
    pages: list[dict] = []
    extras: list[dict] = []
    for page in lesson.visible_pages():
        blocks = [d for b in page.blocks if (d := _block(b, lesson, media, warnings, work_dir)) is not None]
        audio_path = lesson.asset_path(page.narration_audio)
        if audio_path is None and narration_audio and page.id in narration_audio:
            audio_path = narration_audio[page.id]
        mode = effective_mode(page, option)
        raster_path = lesson.asset_path(page.raster) if mode != "reflow" and page.raster else None
        size = _picture_size(raster_path)
        if size is None:
            mode, raster_path = "reflow", None
        pd: dict = {"title": page.title, "blocks": blocks, "narration": page.narration,
                    "audio": media.add(audio_path), "mode": mode,
                    "raster": media.add(raster_path)}
        if size:
            pd["raster_w"], pd["raster_h"] = size
        if page.steps:  # issue 16: animation steps for resources/h5/steps.js
            from creator_studio.core.forms.h5.anim_steps import page_steps

            pd["steps"] = page_steps(page, lesson)
        pages.append(pd)
        index = len(pages) - 1
        cards = _cards_from_page(page)
        if len(cards) >= 2:
            extras.append({"type": "cards", "after": index, "title": page.title, "cards": cards})
        order = _order_from_page(page, index)
        if order:
            extras.append({"type": "order", "after": index, "title": page.title, **order})
    questions = [d for i, q in enumerate(lesson.quiz.questions, 1) if (d := _question(q, i))]
    skipped = len(lesson.quiz.questions) - len(questions)
    if skipped:
        warnings.append(f"{skipped} 道题缺少选项或答案，未放入H5测验")
    mark = lesson.quiz.pass_mark if pass_mark is None else pass_mark
    data = {
        "kind": "lesson",
        "title": lesson.title or (pages[0]["title"] if pages else "") or "微课",
        "lang": lesson.meta.language or "zh-CN",
        "pass_mark": max(0, min(100, int(mark))),
        "pages": pages,
        "extras": extras,
        "quiz": questions,
    }
    return data, media.files, warnings


# --------------------------------------------------------------------------------------------
# Branching scenario (the skit form's H5 output uses this too)

_PALETTE = ["2F6FDE", "E0703A", "2E9E6B", "8A4FD0", "C23B5A", "1C8C9E", "B08A1E", "5B6B7F"]


def _avatar_colour(ch: m.Character, i: int) -> str:
    if ch.color and re.fullmatch(r"[0-9A-Fa-f]{6}", ch.color):
        return ch.color.upper()
    return _PALETTE[i % len(_PALETTE)]


def best_path_score(script: m.Script) -> int:
    """The highest total a learner can collect from the start scene (cycles count once)."""
    memo: dict[str, int] = {}

    def walk(sid: str | None, stack: frozenset[str]) -> int:
        if sid is None or sid in stack:
            return 0
        if sid in memo:
            return memo[sid]
        scene = script.scene(sid)
        if scene is None:
            return 0
        stack = stack | {sid}
        if scene.decision and scene.decision.options:
            best = max(max(c.score, 0) + walk(c.next_scene, stack) for c in scene.decision.options)
        else:
            best = walk(scene.next_scene, stack)
        memo[sid] = best
        return best

    start = script.start_scene or (script.scenes[0].id if script.scenes else None)
    return walk(start, frozenset())


def scenario_course_data(script: m.Script, *, title: str = "", pass_mark: int = 60,
                         asset_path=None, line_audio: dict[tuple[str, int], Path] | None = None
                         ) -> tuple[dict, dict[str, Path], list[str]]:
    """Return (COURSE dict for kind="scenario", media key → file, warnings).

    `asset_path(name) -> Path | None` resolves avatars/backgrounds (e.g. `lesson.asset_path`);
    `line_audio[(scene_id, line_index)]` attaches a voiced line (the skit form's TTS output).
    Scene ids in the output are neutral (`s1`, `s2`…), so document text never becomes an id.
    """
    media = MediaCollector()
    warnings: list[str] = []
    resolve = asset_path or (lambda name: None)
    sid_map = {s.id: f"s{i}" for i, s in enumerate(script.scenes, 1)}
    cid_map = {c.id: f"c{i}" for i, c in enumerate(script.cast, 1)}
    cast = []
    for i, ch in enumerate(script.cast):
        name = ch.name or ch.id
        cast.append({"id": cid_map[ch.id], "name": name, "role": ch.role,
                     "side": ch.side if ch.side in ("left", "right", "center") else "left",
                     "narrator": ch.is_narrator, "color": _avatar_colour(ch, i),
                     "initial": (name.strip()[:1] or "?"),
                     "avatar": media.add(resolve(ch.avatar)) if ch.avatar else None})
    scenes = []
    for scene in script.scenes:
        lines = []
        for li, line in enumerate(scene.lines):
            cid = cid_map.get(line.speaker)
            if cid is None:
                warnings.append(f"场景「{scene.title or scene.id}」第{li + 1}句的说话人未知，已跳过")
                continue
            audio = media.add((line_audio or {}).get((scene.id, li)))
            lines.append({"speaker": cid, "text": line.text, "emotion": line.emotion,
                          **({"audio": audio} if audio else {})})
        decision = None
        if scene.decision and scene.decision.options:
            opts = scene.decision.options
            best = max(c.score for c in opts)
            decision = {"prompt": scene.decision.prompt,
                        "options": [{"text": c.text, "feedback": c.feedback, "score": int(c.score),
                                     "best": c.score == best,
                                     "next": sid_map.get(c.next_scene) if c.next_scene else None}
                                    for c in opts]}
        bg = scene.background if scene.background and re.fullmatch(r"#[0-9A-Fa-f]{6}", scene.background) else None
        scenes.append({"id": sid_map[scene.id], "title": scene.title, "lines": lines,
                       "decision": decision, "background": bg,
                       "next": sid_map.get(scene.next_scene) if scene.next_scene else None})
    start = sid_map.get(script.start_scene) if script.start_scene else (scenes[0]["id"] if scenes else None)
    data = {
        "kind": "scenario",
        "title": title or script.title or "情景练习",
        "lang": "zh-CN",
        "pass_mark": max(0, min(100, int(pass_mark))),
        "cast": cast,
        "scenes": scenes,
        "start": start,
        "max_score": best_path_score(script),
    }
    return data, media.files, warnings
