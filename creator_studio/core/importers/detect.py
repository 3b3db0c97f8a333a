"""Quiz and dialogue detection over an imported lesson (either source type).

Business-line decks and handbooks carry exam questions and role-play dialogues as plain text,
because that is how authors type them in Word/PowerPoint. `enrich(lesson)` turns

* the common Chinese exam layout (``1. 题干（ ）`` / ``A.``…``D.`` / ``答案：C`` / ``解析：…``, 判断题
  answered 对/错, 多选 answered ``AB``, 填空 with ``____``) into `Question`s in ``lesson.quiz`` and
  removes the consumed lines from the page (the long image folds answers to the end, so leaving
  them in the page would give the answers away), and
* runs of at least three ``角色：台词`` lines into a skit `Script` (one scene per run). Dialogue
  lines stay in the page: they are the page's content too.

Detection is deliberately conservative: a question is only taken when its answer is present
(otherwise an ordinary numbered list of steps would become a "question"), and a dialogue run needs
turn-taking (a speaker who speaks twice) or known role words, so key/value prose
("注意：…", "时间：…", "地点：…") stays prose.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from creator_studio.core.lesson.model import (
    BulletList,
    Columns,
    Character,
    Heading,
    Lesson,
    Line,
    Page,
    Paragraph,
    Question,
    Run,
    Scene,
    Script,
    Table,
)

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------------------------
# Line stream: every text line of a page, with where it came from (so consumed lines can go).


@dataclass
class _Ref:
    block: int
    item: int | None  # list item index, None for a paragraph/heading
    sub: int  # line index inside a multi-line paragraph/item
    text: str  # detection text (list marker prepended when it is a number/letter)
    bare: str  # text without the list marker
    is_heading: bool = False


_NUMERIC_MARKER = re.compile(r"^[（(]?[0-9A-Za-z一二三四五六七八九十百甲乙丙丁戊己庚辛壬癸]+[)）.．、]?$")


def _page_lines(page: Page) -> list[_Ref]:
    refs: list[_Ref] = []
    for bi, block in enumerate(page.blocks):
        if isinstance(block, Heading):
            refs.append(_Ref(bi, None, 0, block.text.strip(), block.text.strip(), True))
        elif isinstance(block, Paragraph):
            for si, line in enumerate(_split_lines(block.text)):
                refs.append(_Ref(bi, None, si, line.strip(), line.strip()))
        elif isinstance(block, BulletList):
            for ii, item in enumerate(block.items):
                marker = (item.marker or "").strip()
                for si, line in enumerate(_split_lines(item.text)):
                    bare = line.strip()
                    text = bare
                    if si == 0 and marker and _NUMERIC_MARKER.match(marker):
                        text = f"{marker} {bare}" if marker[-1] in ".．、)）" else f"{marker}. {bare}"
                    refs.append(_Ref(bi, ii, si, text, bare))
    return refs


def _split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n").split("\n")


def _remove_refs(page: Page, consumed: list[_Ref]) -> None:
    """Drop consumed lines; a block or list item whose lines are all gone disappears."""
    if not consumed:
        return
    gone: dict[tuple[int, int | None], set[int]] = {}
    for r in consumed:
        gone.setdefault((r.block, r.item), set()).add(r.sub)
    new_blocks = []
    for bi, block in enumerate(page.blocks):
        if isinstance(block, Paragraph):
            subs = gone.get((bi, None))
            if subs:
                lines = _split_lines(block.text)
                keep = [ln for si, ln in enumerate(lines) if si not in subs]
                if not any(k.strip() for k in keep):
                    continue
                block.runs = [Run("\n".join(keep))]
        elif isinstance(block, BulletList):
            items = []
            for ii, item in enumerate(block.items):
                subs = gone.get((bi, ii))
                if subs:
                    lines = _split_lines(item.text)
                    keep = [ln for si, ln in enumerate(lines) if si not in subs]
                    if not any(k.strip() for k in keep):
                        continue
                    item.runs = [Run("\n".join(keep))]
                items.append(item)
            if not items:
                continue
            block.items = items
        elif isinstance(block, (Heading, Table)) and (bi, None) in gone:
            continue
        new_blocks.append(block)
    page.blocks = new_blocks


# --------------------------------------------------------------------------------------------
# Quiz

_STEM = re.compile(
    r"^\s*(?:第\s*)?(?:(\d{1,3})\s*(?:[.．、]|[)）])(?!\d)|[（(]\s*(\d{1,3})\s*[)）])\s*(\S.*)$")
_OPT_LABEL = re.compile(
    r"(?:^|(?<=\s)|(?<=[；;，,。]))(?:[（(]\s*([A-Ha-h])\s*[)）]|([A-H])\s*[.．、:：)）])\s*")
_ANSWER = re.compile(r"(?:【\s*)?(?:参考|正确)?答案(?:\s*】)?\s*(?:[:：]\s*|(?<=】)\s*)(.*)$")
_EXPLAIN = re.compile(r"(?:【\s*)?(?:答案)?解析(?:\s*】)?\s*(?:[:：]\s*|(?<=】)\s*)(.*)$")
_LETTERS = re.compile(r"^[A-Ha-h](?:[\s、,，和及]*[A-Ha-h])*$")
_TRUE = {"对", "√", "✓", "✔", "正确", "是", "T", "TRUE", "True", "true", "Y"}
_FALSE = {"错", "×", "✗", "✘", "X", "x", "错误", "否", "F", "FALSE", "False", "false", "N"}
_BLANK = re.compile(r"_{2,}|＿{2,}|[（(]\s*[)）]")
_INLINE_ANS = re.compile(r"[（(]\s*([A-Ha-h]{1,8}|√|×|对|错)\s*[)）]")
# a section label such as "一、单选题（每题2分）", "（二）多选题", "判断题：" — not prose that
# merely mentions 判断 ("如何判断事故责任" must stay in the page)
_SECTION = re.compile(
    r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[.．、]|第.{1,3}部分)?\s*"
    r"(单选|单项选择|多选|多项选择|不定项|判断|是非|填空|选择)题?\s*(?:[（(][^）)]*[)）])?\s*[:：]?\s*$")


def _section_hint(text: str) -> str | None:
    m = _SECTION.match(text.strip())
    if not m:
        return None
    word = m.group(1)
    if word in ("单选", "单项选择"):
        return "single"
    if word in ("多选", "多项选择", "不定项"):
        return "multiple"
    if word in ("判断", "是非"):
        return "truefalse"
    if word == "填空":
        return "fill"
    return None


def _split_options(text: str) -> list[tuple[str, str]] | None:
    """``"A. 甲  B. 乙"`` → [("A","甲"),("B","乙")]; None if the line does not start with a label."""
    matches = list(_OPT_LABEL.finditer(text))
    if not matches or matches[0].start() != len(text) - len(text.lstrip()):
        return None
    out = []
    for i, m in enumerate(matches):
        label = (m.group(1) or m.group(2)).upper()
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        out.append((label, text[m.end():end].strip()))
    # labels must run A, B, C… in order (from the first one); stop where the sequence breaks
    seq = []
    for label, body in out:
        expected = chr(ord(out[0][0]) + len(seq))
        if label != expected:
            if seq:
                seq[-1] = (seq[-1][0], seq[-1][1] + " " + label + " " + body)
                continue
            return None
        seq.append((label, body))
    return seq


def _split_answer_parts(text: str) -> tuple[str, str | None, str | None]:
    """Split a line into (content, answer, explanation) where 答案/解析 appear inline."""
    answer = explanation = None
    m = _EXPLAIN.search(text)
    if m:
        explanation = m.group(1).strip()
        text = text[:m.start()]
    m = _ANSWER.search(text)
    if m:
        answer = m.group(1).strip()
        text = text[:m.start()]
    return text.strip(), answer, explanation


def _clean_answer(ans: str) -> str:
    return ans.strip().rstrip("。.．；;").strip()


@dataclass
class _Draft:
    stem: str
    refs: list[_Ref] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    answer: str | None = None
    explanation: str = ""
    hint: str | None = None


def _is_stem(ref: _Ref) -> re.Match | None:
    if ref.is_heading:
        return None
    return _STEM.match(ref.text)


def _build_question(d: _Draft, qid: str, page_id: str) -> Question | None:
    stem = d.stem.strip()
    ans = _clean_answer(d.answer or "")
    if not ans:
        m = _INLINE_ANS.search(stem)
        if m and (d.options or m.group(1) in _TRUE | _FALSE):
            ans = m.group(1)  # "1. 题干（C）" / "2. 陈述。（√）"
            stem = (stem[:m.start()] + "（  ）" + stem[m.end():]).strip()
    if not ans or not stem:
        return None
    if d.options:  # "C（48小时）" / "C．": the letters lead, the rest is a remark
        lead = re.match(r"^([A-Ha-h](?:[\s、,，和及]*[A-Ha-h])*)(?![A-Za-z])", ans)
        if lead:
            ans = lead.group(1)
    opts = [o for o in d.options]
    tf_opts = [o.strip("。. ") for o in opts]
    letters = bool(_LETTERS.match(ans))
    if (ans in _TRUE or ans in _FALSE) and not (opts and letters):  # "F" on a 6-option question
        return Question(id=qid, kind="truefalse", stem=stem, options=["正确", "错误"],
                        answers=[0 if ans in _TRUE else 1], explanation=d.explanation,
                        source_page=page_id)
    if not opts and letters:
        return None  # a lettered answer without readable options cannot be scored
    if opts and letters:
        idx = sorted({ord(c.upper()) - ord("A") for c in ans if c.isalpha()})
        if any(i >= len(opts) for i in idx):
            return None
        if len(opts) == 2 and all(o in _TRUE | _FALSE for o in tf_opts):
            truth = tf_opts[idx[0]] in _TRUE
            return Question(id=qid, kind="truefalse", stem=stem, options=["正确", "错误"],
                            answers=[0 if truth else 1], explanation=d.explanation,
                            source_page=page_id)
        kind = "multiple" if len(idx) > 1 or d.hint == "multiple" else "single"
        return Question(id=qid, kind=kind, stem=stem, options=opts, answers=idx,
                        explanation=d.explanation, source_page=page_id)
    if not opts and (_BLANK.search(stem) or d.hint == "fill"):
        accepted = [a.strip() for a in re.split(r"[；;/|]|\s+或\s+", ans) if a.strip()]
        return Question(id=qid, kind="fill", stem=stem, accepted=accepted or [ans],
                        explanation=d.explanation, source_page=page_id)
    return None


def detect_questions(page: Page, first_id: int = 1, pending: list | None = None,
                     positions: dict[int, _Ref] | None = None
                     ) -> tuple[list[Question], list[_Ref]]:
    """Questions found on one page, and the lines they used (to be removed from the page).

    Numbered questions with options but no answer go to `pending` (when given) so an answer
    key elsewhere in the lesson can complete them (`apply_answer_keys`).
    The page title takes part as a first line (a slide titled "1. 报案时限是（ ）" whose body holds
    the options); it can be a stem or a section hint but is never removed.
    """
    refs = _page_lines(page)
    if page.title.strip():
        refs.insert(0, _Ref(-1, None, 0, page.title.strip(), page.title.strip()))
    questions: list[Question] = []
    consumed: list[_Ref] = []
    hint: str | None = None
    hint_ref: _Ref | None = None
    i = 0
    n = len(refs)
    while i < n:
        ref = refs[i]
        if not ref.text:
            i += 1
            continue
        h = _section_hint(ref.text)
        if h and not _is_stem(ref) and _split_options(ref.text) is None:
            hint = h
            hint_ref = ref
            i += 1
            continue
        stem_m = _is_stem(ref)
        unnumbered = False
        if not stem_m:
            # an unnumbered stem: a plain line directly followed by an "A." option line
            k = i + 1
            while k < n and not refs[k].text:
                k += 1
            nxt = refs[k] if k < n else None
            if (ref.is_heading or nxt is None or _split_options(ref.text) is not None
                    or _ANSWER.match(ref.text) or _split_options(nxt.text) is None):
                i += 1
                continue
            unnumbered = True
        stem_text = ref.text if unnumbered else stem_m.group(3)
        stem_text, ans, expl = _split_answer_parts(stem_text)
        d = _Draft(stem=stem_text, refs=[ref], answer=ans, explanation=expl or "", hint=hint)
        # inline options after the stem: "1. 题干（ ）A. x B. y"
        inline = _OPT_LABEL.search(stem_text)
        if inline and inline.start() > 0:
            opts = _split_options(stem_text[inline.start():])
            if opts and opts[0][0] == "A" and len(opts) >= 2:
                d.stem = stem_text[:inline.start()].strip()
                d.options = [b for _, b in opts]
        j = i + 1
        while j < n:
            r = refs[j]
            if not r.text:
                j += 1
                continue
            if r.is_heading:
                break
            content, a2, e2 = _split_answer_parts(r.text)
            if r.text != r.bare and (a2 is not None or e2 is not None):
                content, a2, e2 = _split_answer_parts(r.bare)  # "答案：A" in a numbered list
            if a2 is not None or e2 is not None:
                if content and _split_options(content) is None:
                    break
                if content:
                    opts = _split_options(content)
                    expected = chr(ord("A") + len(d.options))
                    if not opts or opts[0][0] != expected:
                        break
                    d.options.extend(b for _, b in opts)
                if a2 is not None:
                    if d.answer is not None:
                        break
                    d.answer = a2
                if e2 is not None:
                    d.explanation = e2
                d.refs.append(r)
                j += 1
                continue
            if d.answer is None:
                opts = _split_options(r.text)
                if opts and opts[0][0] == chr(ord("A") + len(d.options)):
                    d.options.extend(b for _, b in opts)
                    d.refs.append(r)
                    j += 1
                    continue
            break
        q = _build_question(d, f"q{first_id + len(questions)}", page.id)
        if q is not None:
            questions.append(q)
            if positions is not None:  # where it started, for document order
                positions[id(q)] = d.refs[0]
            consumed.extend(d.refs)
            if hint_ref is not None:  # "一、单选题" above consumed questions goes with them
                consumed.append(hint_ref)
                hint_ref = None
            i = j
        elif (pending is not None and stem_m is not None and d.answer is None
              and (len(d.options) >= 2 or _BLANK.search(d.stem))):
            # answer probably in a key at the end ("参考答案：1.C 2.AB 3.对"); decided later
            num = stem_m.group(1) or stem_m.group(2)
            pending.append(_Pending(int(num), d, page, hint_ref))
            hint_ref = None
            i = j
        else:
            i += 1
    return questions, consumed


_COL_STEM = re.compile(r"^(题目|题干|试题|问题|题目内容|试题内容)$")
_COL_ANSWER = re.compile(r"^(答案|正确答案|参考答案|标准答案)$")
_COL_EXPLAIN = re.compile(r"^(解析|答案解析|试题解析|说明)$")
_COL_KIND = re.compile(r"^(题型|类型|试题类型)$")
_COL_OPTION = re.compile(r"^(?:选项\s*)?([A-H])$")
_COL_OPTIONS = re.compile(r"^(选项|备选项|备选答案)$")


def detect_table_questions(page: Page, positions: dict[int, _Ref] | None = None
                           ) -> tuple[list[Question], list[_Ref]]:
    """Question banks kept as tables: 题目 | A | B | C | D | 答案 | 解析 (or one 选项 column).

    A table is taken only when its header names a stem column and an answer column and at least
    half of its data rows make valid questions; it is then removed from the page.
    """
    questions: list[Question] = []
    consumed: list[_Ref] = []
    for bi, block in enumerate(page.blocks):
        if not isinstance(block, Table) or len(block.rows) < 2:
            continue
        header = [c.text.strip() for c in block.rows[0]]
        cols: dict[str, int] = {}
        opt_cols: list[tuple[str, int]] = []
        for ci, h in enumerate(header):
            h = h.replace(" ", "")
            for key, rx in (("stem", _COL_STEM), ("answer", _COL_ANSWER), ("explain", _COL_EXPLAIN),
                            ("kind", _COL_KIND), ("options", _COL_OPTIONS)):
                if rx.match(h) and key not in cols:
                    cols[key] = ci
            m = _COL_OPTION.match(h)
            if m:
                opt_cols.append((m.group(1), ci))
        if "stem" not in cols or "answer" not in cols:
            continue
        opt_cols.sort()
        rows = [r for r in block.rows[1:] if any(c.text.strip() for c in r)]
        found = []
        for row in rows:
            cells = [c.text.strip() for c in row]

            def cell(i: int | None) -> str:
                return cells[i] if i is not None and i < len(cells) else ""

            stem = cell(cols["stem"])
            m = _STEM.match(stem)
            if m:
                stem = m.group(3)
            options = [cell(ci) for _, ci in opt_cols if cell(ci)]
            if not options and "options" in cols:
                split = _split_options(cell(cols["options"]).replace("\n", " "))
                options = [b for _, b in split] if split else []
            d = _Draft(stem=stem, options=options, answer=cell(cols["answer"]) or None,
                       explanation=cell(cols.get("explain")),
                       hint=_section_hint(cell(cols.get("kind"))))
            q = _build_question(d, "q0", page.id)
            if q is not None:
                found.append(q)
        if found and len(found) * 2 >= len(rows):
            ref = _Ref(bi, None, 0, "", "")
            for q in found:
                if positions is not None:
                    positions[id(q)] = ref
            questions.extend(found)
            consumed.append(ref)
    return questions, consumed


@dataclass
class _Pending:
    number: int
    draft: _Draft
    page: Page
    hint_ref: _Ref | None


_KEY_TITLE = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]\s*)?[【\[]?\s*(?:参考答案|答案(?:与|及)?(?:解析)?|标准答案)"
                        r"\s*[】\]]?\s*[:：]?\s*$")
_KEY_PREFIX = re.compile(r"^[【\[]?\s*(?:参考答案|答案|标准答案)\s*[】\]]?\s*[:：]?\s*")
_KEY_PAIR = re.compile(r"(\d{1,3})\s*[.．、:：]?\s*([A-Ha-h]{1,8}(?![A-Za-z])|对|错|√|×|正确|错误)")


_KEY_SECTION = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])?\s*"
                          r"(?:(?:单选|多选|判断|填空|选择|单项选择|多项选择)题?\s*[:：]?)?\s*")


def _key_pairs(text: str) -> list[tuple[int, str]] | None:
    """Pairs of an answer-key line, or None when the line is anything else."""
    text = _KEY_SECTION.sub("", text.strip())
    pairs = [(int(m.group(1)), m.group(2).upper() if m.group(2).isascii() else m.group(2))
             for m in _KEY_PAIR.finditer(text)]
    rest = _KEY_PAIR.sub("", text)
    if not pairs or re.sub(r"[\s,，;；。.、]", "", rest):
        return None
    return pairs


def answers_from_notes(pending: list[_Pending], removals: dict[str, list[_Ref]],
                       positions: dict[int, _Ref]) -> tuple[list[Question], list[_Pending]]:
    """Answers kept in a slide's speaker notes ("答案：C", or "1.C 2.AB") for its questions.

    Trainers often hide the answer in the notes so the slide can be shown first. Numbered
    pairs match by number; bare answers go to the page's unanswered questions in order.
    """
    out: list[Question] = []
    rest: list[_Pending] = []
    by_page: dict[str, list[_Pending]] = {}
    for p in pending:
        by_page.setdefault(p.page.id, []).append(p)
    for items in by_page.values():
        page = items[0].page
        numbered: dict[int, str] = {}
        bare: list[str] = []
        for line in _split_lines(page.narration or ""):
            line = line.strip()
            m = _ANSWER.search(line)
            if not m:
                continue
            content, ans, _e = _split_answer_parts(line)
            pairs = _key_pairs(ans or "")
            if pairs:
                for num, a in pairs:
                    numbered.setdefault(num, a)
            elif ans:
                bare.append(ans)
        for p in items:
            if p.number in numbered:
                p.draft.answer = numbered[p.number]
            elif bare:
                p.draft.answer = bare.pop(0)
            q = _build_question(p.draft, "q0", page.id) if p.draft.answer else None
            if q is None:
                p.draft.answer = None
                rest.append(p)
                continue
            out.append(q)
            positions[id(q)] = p.draft.refs[0]
            removals.setdefault(page.id, []).extend(
                list(p.draft.refs) + ([p.hint_ref] if p.hint_ref else []))
    return out, rest


def apply_answer_keys(lesson: Lesson, pending: list[_Pending], first_id: int,
                      removals: dict[str, list[_Ref]], positions: dict[int, _Ref]
                      ) -> list[Question]:
    """Answer pending questions from answer-key lines anywhere in the lesson.

    Keys are matched in document order: the first pending question numbered N takes the first
    key entry for N, so sections that restart their numbering (单选 1-5, 判断 1-5) still pair up
    when the key lists them in the same order.
    """
    if not pending:
        return []
    key: list[tuple[int, str]] = []
    used: dict[str, list[_Ref]] = {}
    for page in lesson.pages:
        in_key = False
        for ref in _page_lines(page):
            if not ref.text:
                continue
            if _KEY_TITLE.match(ref.text):
                in_key = True
                used.setdefault(page.id, []).append(ref)
                continue
            m = _KEY_PREFIX.match(ref.text)
            body = ref.text[m.end():] if m else ref.text
            pairs = _key_pairs(body) if (m or in_key) else None
            if pairs:
                key.extend(pairs)
                used.setdefault(page.id, []).append(ref)
                continue
            if in_key and ref.is_heading:
                in_key = False
    if not key:
        return []
    out: list[Question] = []
    taken = [False] * len(key)
    for p in pending:
        for k, (num, ans) in enumerate(key):
            if not taken[k] and num == p.number:
                taken[k] = True
                p.draft.answer = ans
                break
        q = _build_question(p.draft, f"q{first_id + len(out)}", p.page.id)
        if q is None:
            continue
        out.append(q)
        positions[id(q)] = p.draft.refs[0]
        refs = list(p.draft.refs) + ([p.hint_ref] if p.hint_ref is not None else [])
        used.setdefault(p.page.id, []).extend(refs)
    if out:
        for page_id, refs in used.items():
            removals.setdefault(page_id, []).extend(refs)
    return out


# --------------------------------------------------------------------------------------------
# Dialogue

_DIALOGUE = re.compile(r"^\s*([^\s：:，,。；;！？!?“”\"'（）()【】\[\]<>《》/\\|]"
                       r"[^：:，,。；;！？!?“”\"（）()【】\[\]<>《》/\\|]{0,9}?)\s*[：:]\s*(\S.*)$")
_NOT_SPEAKERS = {
    "注意", "注", "备注", "提示", "说明", "答案", "参考答案", "解析", "答", "问", "时间", "地点", "日期",
    "电话", "手机", "地址", "邮箱", "网址", "传真", "邮编", "要求", "目的", "目标", "步骤", "方法", "原因",
    "结论", "总结", "小结", "例如", "例", "比如", "重点", "难点", "要点", "主题", "姓名", "性别", "年龄",
    "部门", "职位", "岗位", "联系人", "材料", "注释", "来源", "出处", "作者", "题目", "标题", "内容",
    "关键词", "定义", "含义", "举例", "案例", "场景", "背景", "任务", "问题", "结果", "原则", "范围",
    "依据", "对象", "适用范围", "特别提示", "温馨提示", "友情提示", "风险提示", "口诀", "公式", "费用",
    "金额", "保费", "保额", "期限", "单位", "编号", "版本", "状态", "类型", "级别", "等级", "分数",
    "得分", "评分", "Note", "NOTE", "Tip", "TIP", "Q", "A", "Email", "Tel", "URL", "http", "https",
}
_NOT_SPEAKER_RE = re.compile(r"^(第.{1,4}[步章节条项部分]|步骤.{0,3}|[0-9]+.*|.*\d$|.*(https?|ftp|www)$)$")
_NARRATOR = {"旁白", "画外音", "解说", "Narrator", "narrator", "主持人"}
_ROLE_WORDS = [
    ("旁白", ("旁白", "画外音", "解说", "Narrator")),
    ("理赔员", ("理赔", "查勘", "定损", "核赔")),
    ("业务员", ("客户经理", "客服", "坐席")),  # before 客户: "客户经理" is staff
    ("客户", ("客户", "顾客", "客人", "投保人", "被保险人", "车主", "先生", "女士", "小姐", "阿姨",
              "大爷", "用户", "报案人", "家属")),
    ("业务员", ("业务员", "代理人", "营销员", "销售", "顾问", "客户经理", "经理", "坐席", "客服",
                "专员", "柜员", "讲师", "主管", "组长", "伙伴", "同事")),
]


_EMOTION = re.compile(r"^\s*([^（()）：:]{1,10}?)\s*[（(]\s*([^（()）：:]{1,8}?)\s*[)）]\s*[：:]\s*(\S.*)$")


def _speaker_of(text: str) -> tuple[str, str, str] | None:
    """(speaker, words, emotion) for a dialogue line; emotion from ``客户（生气）：…``."""
    m = _EMOTION.match(text)
    if m:
        inner = _plain_speaker_of(f"{m.group(1).strip()}：{m.group(3)}")
        if inner:
            return inner[0], inner[1], m.group(2).strip()
    plain = _plain_speaker_of(text)
    return (plain[0], plain[1], "") if plain else None


def _plain_speaker_of(text: str) -> tuple[str, str] | None:
    m = _DIALOGUE.match(text)
    if not m:
        return None
    speaker, said = m.group(1).strip(), m.group(2).strip()
    if not speaker or not said:
        return None
    # times (10:30) and URLs (https://) are not dialogue
    if re.search(r"\d\s*[：:]\s*\d", text[: m.end(1) + 3]) or said.startswith("//"):
        return None
    if speaker in _NOT_SPEAKERS or _NOT_SPEAKER_RE.match(speaker):
        return None
    if speaker.endswith(("注意", "提示", "说明", "备注", "要求", "如下", "包括", "是", "为", "有")):
        return None
    return speaker, said


def guess_role(name: str) -> str:
    if name in _NARRATOR:
        return "旁白"
    for role, words in _ROLE_WORDS:
        if any(w in name for w in words):
            return role
    return ""


# spoken lines carry pronouns, particles or questions; glossary entries ("客户：指投保人") do not
_CONVERSATIONAL = re.compile(r"[我您你咱俺吗呢吧啊呀嘛哦嗯哈？！?!]|好的|谢谢|请")


def _has_role_words(speakers: list[str]) -> bool:
    return sum(1 for s in set(speakers) if guess_role(s)) >= 2


@dataclass
class DialogueRun:
    page_id: str
    title: str
    lines: list[tuple[str, str, str]]  # (speaker, text, emotion)


def detect_dialogue(page: Page) -> list[DialogueRun]:
    runs: list[DialogueRun] = []
    current: list[tuple[str, str, str]] = []

    def close() -> None:
        if len(current) >= 3:
            speakers = [s for s, _, _ in current]
            distinct = set(speakers)
            talkers = {s for s in distinct if s not in _NARRATOR}
            repeats = len(distinct) < len(speakers)
            chatty = sum(1 for _, t, _ in current if _CONVERSATIONAL.search(t)) * 2 >= len(current)
            if talkers and len(distinct) >= 2 and (repeats or (_has_role_words(speakers) and chatty)):
                runs.append(DialogueRun(page.id, page.title, list(current)))
        current.clear()

    for ref in _page_lines(page):
        if not ref.bare:
            continue
        if ref.is_heading:
            close()
            continue
        hit = _speaker_of(ref.bare)
        if hit:
            current.append(hit)
        else:
            close()
    close()
    return runs


_SIDE = {"客户": "right", "业务员": "left", "理赔员": "left", "旁白": "center"}


def build_script(runs: list[DialogueRun], title: str = "") -> Script:
    cast: list[Character] = []
    by_name: dict[str, Character] = {}
    scenes: list[Scene] = []
    unknown_sides = ["left", "right"]
    for run in runs:
        for speaker, _, _ in run.lines:
            if speaker in by_name:
                continue
            role = guess_role(speaker)
            side = _SIDE.get(role)
            if side is None:
                taken = {c.side for c in cast if c.side != "center"}
                side = next((s for s in unknown_sides if s not in taken), "left")
            ch = Character(id=f"c{len(cast) + 1}", name=speaker, role=role or speaker, side=side)
            cast.append(ch)
            by_name[speaker] = ch
    for k, run in enumerate(runs, start=1):
        scene = Scene(id=f"s{k}", title=run.title or f"场景{k}",
                      lines=[Line(speaker=by_name[s].id, text=t, emotion=e,
                                  source_page=run.page_id)
                             for s, t, e in run.lines])
        scenes.append(scene)
    for a, b in zip(scenes, scenes[1:]):
        a.next_scene = b.id
    return Script(cast=cast, scenes=scenes, start_scene=scenes[0].id if scenes else None,
                  title=title)


# --------------------------------------------------------------------------------------------


_OPTION_LINE = re.compile(r"^\s*[（(]?[A-Ha-h]\s*[)）.．、:：]")


def _flatten_option_columns(page: Page) -> None:
    """Quiz options laid out in a grid are read as two columns by the importer; a question is
    not a comparison, so such a page gets its column blocks back in column order (A, B | C, D
    → A, B, C, D) for detection and for every form."""
    if not any(isinstance(b, Columns) for b in page.blocks):
        return
    flat: list = []
    for b in page.blocks:
        if isinstance(b, Columns):
            for col in b.columns:
                if col.heading:
                    flat.append(Paragraph(runs=[Run(col.heading)]))
                flat.extend(col.blocks)
        else:
            flat.append(b)
    lines = [ln for b in flat for ln in _split_lines(b.plain_text())]
    if sum(bool(_OPTION_LINE.match(ln)) for ln in lines) >= 2:
        page.blocks = flat


def enrich(lesson: Lesson) -> Lesson:
    """Add detected quiz questions and a dialogue script to `lesson` (in place; also returned).

    Safe to call twice: consumed question lines are gone after the first call, and an existing
    script is left alone.
    """
    for page in lesson.pages:
        _flatten_option_columns(page)
    before = len(lesson.quiz.questions)
    found: list[Question] = []
    pending: list[_Pending] = []
    # every ref is computed against the untouched pages; all removals happen once, at the end
    removals: dict[str, list[_Ref]] = {}
    positions: dict[int, _Ref] = {}
    for page in lesson.pages:
        try:
            page_pending: list[_Pending] = []
            qs, consumed = detect_questions(page, first_id=1, pending=page_pending,
                                             positions=positions)
            pending.extend(page_pending)
            found.extend(qs)
            removals.setdefault(page.id, []).extend(consumed)
            tqs, tconsumed = detect_table_questions(page, positions)
            found.extend(tqs)
            removals.setdefault(page.id, []).extend(tconsumed)
        except Exception as exc:  # detection must never cost the import
            log.exception("quiz detection failed on %s", page.id)
            page.warnings.append(f"题目识别失败 / quiz detection failed: {exc}")
    try:
        from_notes, pending = answers_from_notes(pending, removals, positions)
        found.extend(from_notes)
        found.extend(apply_answer_keys(lesson, pending, 1, removals, positions))
    except Exception as exc:
        log.exception("answer key matching failed")
        lesson.warnings.append(f"答案表识别失败 / answer key matching failed: {exc}")
    for page in lesson.pages:
        _remove_refs(page, removals.get(page.id, []))
    order = {p.id: i for i, p in enumerate(lesson.pages)}

    def doc_order(q: Question):
        ref = positions.get(id(q))
        pos = (ref.block, ref.item if ref.item is not None else -1, ref.sub) if ref else (0, 0, 0)
        return (order.get(q.source_page or "", 0), *pos)

    found.sort(key=doc_order)
    for k, q in enumerate(found, start=before + 1):
        q.id = f"q{k}"
    lesson.quiz.questions.extend(found)
    if lesson.script is None:
        runs: list[DialogueRun] = []
        for page in lesson.pages:
            try:
                runs.extend(detect_dialogue(page))
            except Exception as exc:
                log.exception("dialogue detection failed on %s", page.id)
                page.warnings.append(f"对话识别失败 / dialogue detection failed: {exc}")
        if runs:
            lesson.script = build_script(runs, title=lesson.title)
    return lesson
