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
        elif isinstance(block, Heading) and (bi, None) in gone:
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
_SECTION = re.compile(r"(单选|单项选择|多选|多项选择|不定项|判断|是非|填空|选择题)")


def _section_hint(text: str) -> str | None:
    m = _SECTION.search(text)
    if not m or len(text) > 40:
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
    return ans.strip().rstrip("。.；;").strip()


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
    if not ans and d.options:
        m = _INLINE_ANS.search(stem)
        if m:
            ans = m.group(1)
            stem = (stem[:m.start()] + "（  ）" + stem[m.end():]).strip()
    if not ans or not stem:
        return None
    opts = [o for o in d.options]
    tf_opts = [o.strip("。. ") for o in opts]
    if ans in _TRUE or ans in _FALSE:
        return Question(id=qid, kind="truefalse", stem=stem, options=["正确", "错误"],
                        answers=[0 if ans in _TRUE else 1], explanation=d.explanation,
                        source_page=page_id)
    if opts and _LETTERS.match(ans):
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
        accepted = [a.strip() for a in re.split(r"[；;/|]|\s或\s|或", ans) if a.strip()]
        return Question(id=qid, kind="fill", stem=stem, accepted=accepted or [ans],
                        explanation=d.explanation, source_page=page_id)
    return None


def detect_questions(page: Page, first_id: int = 1) -> tuple[list[Question], list[_Ref]]:
    """Questions found on one page, and the lines they used (to be removed from the page)."""
    refs = _page_lines(page)
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
            nxt = next((r for r in refs[i + 1:] if r.text), None)
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
            consumed.extend(d.refs)
            if hint_ref is not None:  # "一、单选题" above consumed questions goes with them
                consumed.append(hint_ref)
                hint_ref = None
            i = j
        else:
            i += 1
    return questions, consumed


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
    ("客户", ("客户", "顾客", "客人", "投保人", "被保险人", "车主", "先生", "女士", "小姐", "阿姨",
              "大爷", "用户", "报案人", "家属")),
    ("业务员", ("业务员", "代理人", "营销员", "销售", "顾问", "客户经理", "经理", "坐席", "客服",
                "专员", "柜员", "讲师", "主管", "组长", "伙伴", "同事")),
]


def _speaker_of(text: str) -> tuple[str, str] | None:
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


def _has_role_words(speakers: list[str]) -> bool:
    return sum(1 for s in set(speakers) if guess_role(s)) >= 2


@dataclass
class DialogueRun:
    page_id: str
    title: str
    lines: list[tuple[str, str]]  # (speaker, text)


def detect_dialogue(page: Page) -> list[DialogueRun]:
    runs: list[DialogueRun] = []
    current: list[tuple[str, str]] = []

    def close() -> None:
        if len(current) >= 3:
            speakers = [s for s, _ in current]
            distinct = set(speakers)
            talkers = {s for s in distinct if s not in _NARRATOR}
            repeats = len(distinct) < len(speakers)
            if talkers and len(distinct) >= 2 and (repeats or _has_role_words(speakers)):
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
        for speaker, _ in run.lines:
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
                      lines=[Line(speaker=by_name[s].id, text=t, source_page=run.page_id)
                             for s, t in run.lines])
        scenes.append(scene)
    for a, b in zip(scenes, scenes[1:]):
        a.next_scene = b.id
    return Script(cast=cast, scenes=scenes, start_scene=scenes[0].id if scenes else None,
                  title=title)


# --------------------------------------------------------------------------------------------


def enrich(lesson: Lesson) -> Lesson:
    """Add detected quiz questions and a dialogue script to `lesson` (in place; also returned).

    Safe to call twice: consumed question lines are gone after the first call, and an existing
    script is left alone.
    """
    for page in lesson.pages:
        try:
            qs, consumed = detect_questions(page, first_id=len(lesson.quiz.questions) + 1)
            if qs:
                lesson.quiz.questions.extend(qs)
                _remove_refs(page, consumed)
        except Exception as exc:  # detection must never cost the import
            log.exception("quiz detection failed on %s", page.id)
            page.warnings.append(f"题目识别失败 / quiz detection failed: {exc}")
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
