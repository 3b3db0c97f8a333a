"""Scripts written as a table (Word, PowerPoint or Excel): 角色 | 台词 | 情绪 | 选项 | 跳转 | 得分.

Makers often draft role-plays as a grid. The rules, in the order they are applied per row:

- The header row names the columns, in Chinese or English (see `_HEADERS`); a table is a script
  table when it has a speaker column and a line column.
- A row whose first filled cell reads ``场景：标题`` / ``Scene: title`` (and nothing else) starts a
  new scene; so does a new value in a 场景/scene column.
- A row with an option cell adds an option to the current scene's decision: the option text is
  the option cell (or, when that is only a label like "A"/"选项1", the line cell); the feedback
  is the feedback column or else the line cell; score from the score column ("10", "+5分", "-3").
- 跳转/next names a scene by title, id or number; blank means "the following scene" and
  ``结束``/``end`` ends the scenario. On an ordinary line row it sets where the scene goes after
  its lines (e.g. from a consequence scene back to the main story).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from creator_studio.core.errors import SourceError
from creator_studio.core.lesson.model import (
    Choice,
    Decision,
    Lesson,
    Line,
    Scene,
    Script,
    Table,
    TableCell,
)
from creator_studio.core.skit.cast import CastBuilder

log = logging.getLogger(__name__)

# Order matters for partial matches: "跳转场景" must map to next, not scene.
_HEADERS: dict[str, tuple[str, ...]] = {
    "next": ("跳转", "下一场景", "下一幕", "去向", "后续", "next", "goto", "jump", "next scene"),
    "score": ("得分", "分数", "分值", "score", "points"),
    "feedback": ("反馈", "点评", "解析", "feedback", "comment"),
    "option": ("选项", "选择", "option", "choice"),
    "emotion": ("情绪", "表情", "语气", "emotion", "mood", "tone"),
    "line": ("台词", "对白", "话术", "内容", "对话", "line", "text", "dialogue", "says"),
    "speaker": ("角色", "说话人", "人物", "发言人", "speaker", "character", "role", "who"),
    "scene": ("场景", "场次", "幕", "scene", "act"),
}

_SCENE_ROW = re.compile(r"^\s*(?:场景|场次|第.{1,3}幕|scene)\s*(?:\d+\s*)?[：:]\s*(.*)$", re.I)
_END_WORDS = {"结束", "完", "终", "end", "结束剧情", "剧终", "the end", "finish"}
_LABEL = re.compile(r"^\s*(?:选项|option)?\s*[A-Za-z0-9一二三四五六七八九十]{1,2}[.)．、]?\s*$", re.I)
_SCORE = re.compile(r"[-+]?\d+")


def _norm(text: str) -> str:
    return re.sub(r"[\s\u3000（）()：:]+", "", text or "").lower()


def header_map(cells: list[str]) -> dict[str, int]:
    """Column index per field; exact header names win over partial ones."""
    found: dict[str, int] = {}
    normed = [_norm(c) for c in cells]
    for exact in (True, False):
        for fld, names in _HEADERS.items():
            if fld in found:
                continue
            for i, h in enumerate(normed):
                if not h or i in found.values():
                    continue
                if any((h == _norm(n)) if exact else (_norm(n) in h) for n in names):
                    found[fld] = i
                    break
    return found


def _grid(table: Table) -> list[list[str]]:
    """The table as a rectangular grid of strings; a merged cell's text fills its first column."""
    rows: list[list[str]] = []
    width = table.n_cols
    for row in table.rows:
        out: list[str] = []
        for c in row:
            out.append((c.text or "").strip())
            out.extend([""] * (max(1, c.col_span) - 1))
        out.extend([""] * (width - len(out)))
        rows.append(out)
    return rows


def is_script_table(table: Table) -> bool:
    if len(table.rows) < 2:
        return False
    hm = header_map(_grid(table)[0])
    return "speaker" in hm and "line" in hm


@dataclass
class _Row:
    kind: str  # "scene" | "line" | "option"
    scene_title: str = ""
    speaker: str = ""
    text: str = ""
    emotion: str = ""
    option: str = ""
    next: str = ""
    score: int = 0
    feedback: str = ""
    where: str = ""


def _rows_of(grid: list[list[str]], where: str) -> list[_Row]:
    hm = header_map(grid[0])
    out: list[_Row] = []

    def cell(row: list[str], fld: str) -> str:
        i = hm.get(fld)
        return row[i].strip() if i is not None and i < len(row) else ""

    for r, row in enumerate(grid[1:], 2):
        filled = [c for c in row if c.strip()]
        if not filled:
            continue
        m = _SCENE_ROW.match(filled[0])
        if m and (len(filled) == 1 or all(c == filled[0] for c in filled)):
            out.append(_Row("scene", scene_title=m.group(1).strip() or filled[0].strip(),
                            where=f"{where} row {r}"))
            continue
        scene_val = cell(row, "scene")
        if scene_val:
            sm = _SCENE_ROW.match(scene_val)
            out.append(_Row("scene", scene_title=(sm.group(1).strip() if sm and sm.group(1).strip()
                                                  else scene_val), where=f"{where} row {r}"))
        score_txt = cell(row, "score")
        sm = _SCORE.search(score_txt)
        item = _Row("option" if cell(row, "option") else "line",
                    speaker=cell(row, "speaker"), text=cell(row, "line"),
                    emotion=cell(row, "emotion"), option=cell(row, "option"),
                    next=cell(row, "next"), score=int(sm.group(0)) if sm else 0,
                    feedback=cell(row, "feedback"), where=f"{where} row {r}")
        if item.kind == "line" and not item.speaker and not item.text:
            continue
        out.append(item)
    return out


@dataclass
class _SceneDraft:
    scene: Scene
    next_raw: str | None = None
    option_next: list[str] = field(default_factory=list)


def _build(rows: list[_Row], title: str = "") -> Script | None:
    cast = CastBuilder()
    drafts: list[_SceneDraft] = []

    def current() -> _SceneDraft:
        if not drafts:
            drafts.append(_SceneDraft(Scene(id="s1", title="")))
        return drafts[-1]

    for row in rows:
        if row.kind == "scene":
            cur = drafts[-1] if drafts else None
            if cur is not None and cur.scene.title == row.scene_title:
                continue  # the scene column repeats the same scene on every row
            if cur is not None and not cur.scene.title and not cur.scene.lines \
                    and cur.scene.decision is None:
                cur.scene.title = row.scene_title  # untitled empty first scene: just name it
                continue
            drafts.append(_SceneDraft(Scene(id=f"s{len(drafts) + 1}", title=row.scene_title)))
            continue
        d = current()
        if row.kind == "line":
            if not row.speaker:
                continue
            ch = cast.get(row.speaker)
            d.scene.lines.append(Line(speaker=ch.id, text=row.text, emotion=row.emotion))
            if row.next:
                d.next_raw = row.next
            continue
        # option row
        if row.speaker:
            cast.get(row.speaker)
        if _LABEL.match(row.option) and row.text:
            text, feedback = row.text, row.feedback
        else:
            text, feedback = row.option, row.feedback or row.text
        if d.scene.decision is None:
            d.scene.decision = Decision(prompt="")
            if row.speaker:
                d.scene.decision.prompt = f"作为{cast.get(row.speaker).name}，你会怎么说？"
        d.scene.decision.options.append(Choice(text=text, feedback=feedback, score=row.score))
        d.option_next.append(row.next)

    if not drafts or not any(d.scene.lines or d.scene.decision for d in drafts):
        return None

    by_title = {d.scene.title: d.scene.id for d in drafts if d.scene.title}
    ids = {d.scene.id for d in drafts}

    def resolve(raw: str | None, idx: int) -> str | None:
        following = drafts[idx + 1].scene.id if idx + 1 < len(drafts) else None
        if raw is None or not raw.strip():
            return following
        key = raw.strip()
        if key.lower() in _END_WORDS:
            return None
        m = _SCENE_ROW.match(key)
        if m and m.group(1).strip() in by_title:
            return by_title[m.group(1).strip()]
        if key in by_title:
            return by_title[key]
        if key in ids:
            return key
        num = re.fullmatch(r"(?:场景|scene|第)?\s*(\d+)\s*(?:幕|场)?", key, re.I)
        if num and 1 <= int(num.group(1)) <= len(drafts):
            return drafts[int(num.group(1)) - 1].scene.id
        return key  # unknown: kept so validation points at it

    for i, d in enumerate(drafts):
        if not d.scene.title:
            d.scene.title = f"场景{i + 1}"
        d.scene.next_scene = resolve(d.next_raw, i)
        if d.scene.decision is not None:
            d.scene.next_scene = None
            for c, raw in zip(d.scene.decision.options, d.option_next):
                c.next_scene = resolve(raw, i)
    script = Script(cast=cast.cast, scenes=[d.scene for d in drafts],
                    start_scene=drafts[0].scene.id, title=title)
    return script


def script_from_tables(tables: list[Table], title: str = "") -> Script | None:
    """One script from all script tables in order (a long role-play may span several slides)."""
    rows: list[_Row] = []
    for k, t in enumerate(tables, 1):
        if is_script_table(t):
            rows.extend(_rows_of(_grid(t), f"table {k}"))
    return _build(rows, title) if rows else None


def script_from_table(table: Table, title: str = "") -> Script | None:
    return script_from_tables([table], title)


def script_tables(lesson: Lesson) -> list[Table]:
    return [b for p in lesson.pages for b in p.blocks if isinstance(b, Table) and is_script_table(b)]


def script_from_lesson_tables(lesson: Lesson) -> Script | None:
    tables = script_tables(lesson)
    return script_from_tables(tables, lesson.title) if tables else None


# ------------------------------------------------------------------------------------------
# Excel

MAX_XLSX_BYTES = 20 * 1024 * 1024
MAX_XLSX_ROWS = 5000


def _xlsx_error(path: Path, why_zh: str, why_en: str, code: str = "XLSX_UNREADABLE") -> SourceError:
    return SourceError(f"无法读取剧本表格 {path.name}：{why_zh}",
                       f"Cannot read the script spreadsheet {path.name}: {why_en}", code=code)


def table_from_xlsx(path: Path | str) -> list[Table]:
    """Every sheet of a workbook as a `Table` (values, not formulas; merged cells at origin)."""
    import zipfile

    path = Path(path)
    if not path.is_file():
        raise _xlsx_error(path, "文件不存在", "file not found", "NOT_FOUND")
    if path.stat().st_size > MAX_XLSX_BYTES:
        raise _xlsx_error(path, "文件过大", "file too large", "TOO_LARGE")
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(i.file_size for i in zf.infolist())
            if total > 10 * MAX_XLSX_BYTES:
                raise _xlsx_error(path, "解压后体积异常（疑似压缩炸弹）",
                                  "expands to an abnormal size (zip bomb?)", "ZIP_BOMB")
    except zipfile.BadZipFile:
        raise _xlsx_error(path, "不是有效的 .xlsx 文件（可能已加密或损坏）",
                          "not a valid .xlsx file (encrypted or damaged?)") from None
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=False, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        log.info("openpyxl failed on %s: %s", path, exc)
        raise _xlsx_error(path, "文件损坏或格式不受支持", "damaged or unsupported file") from None
    tables: list[Table] = []
    try:
        for ws in wb.worksheets:
            rows: list[list[TableCell]] = []
            for r, values in enumerate(ws.iter_rows(values_only=True)):
                if r >= MAX_XLSX_ROWS:
                    break
                rows.append([TableCell(text="" if v is None else _cell_text(v)) for v in values])
            if rows:
                tables.append(Table(rows=rows, header_rows=1, caption=ws.title))
    finally:
        wb.close()
    return tables


def _cell_text(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def script_from_xlsx(path: Path | str, title: str = "") -> Script:
    tables = [t for t in table_from_xlsx(path) if is_script_table(t)]
    script = script_from_tables(tables, title or Path(path).stem) if tables else None
    if script is None:
        raise SourceError(
            "表格中没有找到剧本：需要表头含“角色”和“台词”列（可选：情绪、选项、跳转、得分、反馈、场景）",
            "No script found in the spreadsheet: the header needs a speaker (角色) and a line (台词) "
            "column (optional: emotion, option, next, score, feedback, scene)",
            code="NO_DIALOGUE")
    return script
