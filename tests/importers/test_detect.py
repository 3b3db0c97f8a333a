"""Quiz and dialogue detection (detect.enrich) on crafted pages."""

from __future__ import annotations

import pytest

from creator_studio.core.importers import detect
from creator_studio.core.importers.detect import enrich, guess_role
from creator_studio.core.lesson.model import (
    BulletList,
    Heading,
    Lesson,
    ListItem,
    Page,
    Paragraph,
    Run,
    Script,
)


def para(text: str) -> Paragraph:
    return Paragraph(runs=[Run(text)])


def lesson_of(*pages: list, titles: list[str] | None = None) -> Lesson:
    out = []
    for i, blocks in enumerate(pages):
        blocks = [para(b) if isinstance(b, str) else b for b in blocks]
        out.append(Page(id=f"p{i + 1}", title=(titles or [f"第{i + 1}页"] * len(pages))[i], blocks=blocks))
    return Lesson(title="测试课", pages=out)


def texts(page: Page) -> list[str]:
    return [b.plain_text() for b in page.blocks]


# --------------------------------------------------------------------------------------------
# Quiz


def test_single_choice_options_on_separate_lines_with_explanation():
    lesson = enrich(lesson_of([
        "1. 车险出险后应在多少小时内报案？（ ）",
        "A. 12小时", "B. 24小时", "C. 48小时", "D. 72小时",
        "答案：C",
        "解析：条款要求48小时内报案。",
        "这是题目之后的正文。",
    ]))
    (q,) = lesson.quiz.questions
    assert q.kind == "single" and q.id == "q1" and q.source_page == "p1"
    assert q.stem == "车险出险后应在多少小时内报案？（ ）"
    assert q.options == ["12小时", "24小时", "48小时", "72小时"]
    assert q.answers == [2] and q.explanation == "条款要求48小时内报案。"
    assert texts(lesson.pages[0]) == ["这是题目之后的正文。"]  # consumed lines removed


@pytest.mark.parametrize("options", [
    ["A. 甲  B. 乙  C. 丙  D. 丁"],
    ["A、甲", "B、乙", "C、丙", "D、丁"],
    ["A．甲", "B．乙", "C．丙", "D．丁"],
    ["(A) 甲 (B) 乙", "(C) 丙 (D) 丁"],
    ["（A）甲", "（B）乙", "（C）丙", "（D）丁"],
])
def test_option_label_styles(options):
    lesson = enrich(lesson_of(["2、下列哪项正确（ ）", *options, "【答案】B"]))
    (q,) = lesson.quiz.questions
    assert q.options == ["甲", "乙", "丙", "丁"] and q.answers == [1] and q.kind == "single"
    assert lesson.pages[0].blocks == []


@pytest.mark.parametrize("answer", ["答案：ABD", "答案：A、B、D", "【答案】A,B,D", "参考答案：ABD"])
def test_multiple_choice_answers(answer):
    lesson = enrich(lesson_of(["（3）以下属于理赔材料的有（ ）", "A. 身份证", "B. 行驶证", "C. 房产证",
                               "D. 事故认定书", answer, "【解析】房产证与车险无关。"]))
    (q,) = lesson.quiz.questions
    assert q.kind == "multiple" and q.answers == [0, 1, 3]
    assert q.explanation == "房产证与车险无关。"


@pytest.mark.parametrize("answer,truth", [("对", True), ("错", False), ("√", True), ("×", False),
                                          ("正确", True), ("错误", False)])
def test_true_false_answers(answer, truth):
    lesson = enrich(lesson_of([f"5. 报案后无需保护现场。（ ）", f"答案：{answer}"]))
    (q,) = lesson.quiz.questions
    assert q.kind == "truefalse" and q.options == ["正确", "错误"]
    assert q.answers == ([0] if truth else [1])
    assert q.answer_label() == ("正确" if truth else "错误")


def test_true_false_written_as_two_options():
    lesson = enrich(lesson_of(["1. 赔款只能打到被保险人本人账户。", "A. 正确  B. 错误", "答案：A"]))
    (q,) = lesson.quiz.questions
    assert q.kind == "truefalse" and q.answers == [0]


def test_fill_in_with_blanks_and_alternatives():
    lesson = enrich(lesson_of([
        "1. 全国统一客服电话是____。", "答案：95500",
        "2. 理赔的第一步是（    ）。", "答案：报案；报险",
    ]))
    q1, q2 = lesson.quiz.questions
    assert (q1.kind, q1.accepted) == ("fill", ["95500"])
    assert (q2.kind, q2.accepted) == ("fill", ["报案", "报险"])
    assert [q.id for q in lesson.quiz.questions] == ["q1", "q2"]


def test_answer_inside_stem_parentheses():
    lesson = enrich(lesson_of(["1. 城区查勘要求多久到达现场（B）", "A. 30分钟  B. 1小时  C. 2小时"]))
    (q,) = lesson.quiz.questions
    assert q.answers == [1] and "（  ）" in q.stem and "B" not in q.stem


def test_section_hint_makes_single_letter_multiple_and_is_consumed():
    lesson = enrich(lesson_of([Heading(text="（二）多选题", level=2), "1. 哪些正确（ ）",
                               "A. 甲  B. 乙  C. 丙", "答案：A", "结束语"]))
    (q,) = lesson.quiz.questions
    assert q.kind == "multiple"
    assert texts(lesson.pages[0]) == ["结束语"]


def test_numbered_steps_without_answers_are_not_questions():
    lesson = enrich(lesson_of(["1. 客户报案", "2. 查勘员联系客户", "3. 定损核价", "答：以上流程适用于车险。"]))
    assert len(lesson.quiz) == 0
    assert len(lesson.pages[0].blocks) == 4


def test_answer_key_at_the_end():
    lesson = enrich(lesson_of(
        ["一、单选题", "1. 甲（ ）", "A. a  B. b  C. c", "2. 乙（ ）", "A. x", "B. y",
         "二、判断题", "1. 丙。（ ）", "2. 丁。（ ）", "正文不动"],
        ["参考答案", "一、1.C 2.B", "二、判断：1.对 2.×"]))
    kinds = [(q.id, q.kind, q.answers) for q in lesson.quiz.questions]
    assert kinds == [("q1", "single", [2]), ("q2", "single", [1]),
                     ("q3", "truefalse", [0]), ("q4", "truefalse", [1])]
    assert texts(lesson.pages[0]) == ["正文不动"] and lesson.pages[1].blocks == []


def test_questions_in_numbered_list_items():
    """DOCX auto-numbering keeps "1." and "A." in the marker, not in the text."""
    lst = BulletList(ordered=True, items=[
        ListItem(runs=[Run("理赔款支付给谁（ ）")], marker="1."),
        ListItem(runs=[Run("被保险人")], marker="A."),
        ListItem(runs=[Run("修理厂")], marker="B."),
        ListItem(runs=[Run("答案：A")], marker="2."),
    ])
    lesson = enrich(lesson_of([lst]))
    # "答案：A" carries a list marker "2." here (the whole quiz was one numbered list)
    (q,) = lesson.quiz.questions
    assert q.stem == "理赔款支付给谁（ ）" and q.options == ["被保险人", "修理厂"]
    assert q.answers == [0] and lesson.pages[0].blocks == []


def test_questions_across_pages_number_in_order_and_enrich_is_idempotent():
    lesson = lesson_of(["1. 甲（ ）", "A. a  B. b", "答案：A"], ["1. 乙（ ）", "A. a  B. b", "答案：B"])
    enrich(lesson)
    enrich(lesson)
    assert [(q.id, q.source_page, q.answers) for q in lesson.quiz.questions] == [
        ("q1", "p1", [0]), ("q2", "p2", [1])]


def test_answer_letter_beyond_options_is_not_a_question():
    lesson = enrich(lesson_of(["1. 甲（ ）", "A. a  B. b", "答案：D"]))
    assert len(lesson.quiz) == 0 and len(lesson.pages[0].blocks) == 3


# --------------------------------------------------------------------------------------------
# Dialogue


def test_dialogue_run_becomes_script_with_cast_and_sides():
    lesson = enrich(lesson_of([
        "下面是一段对话：",
        "旁白：周一上午，客户来到柜台。",
        "客户：我的车被撞了，怎么办？",
        "理赔员: 您先别着急，有人受伤吗？",
        "客户 王先生：没有人受伤。",
        "业务员：我来帮您联系查勘。",
        "理赔员：好的，请先拍照留存。",
        "以上是示范。",
    ]))
    script = lesson.script
    assert isinstance(script, Script) and len(script.scenes) == 1
    cast = {c.name: c for c in script.cast}
    assert [c.id for c in script.cast] == ["c1", "c2", "c3", "c4", "c5"]
    assert (cast["旁白"].role, cast["旁白"].side) == ("旁白", "center")
    assert (cast["客户"].role, cast["客户"].side) == ("客户", "right")
    assert (cast["客户 王先生"].role, cast["客户 王先生"].side) == ("客户", "right")
    assert (cast["理赔员"].role, cast["理赔员"].side) == ("理赔员", "left")
    assert (cast["业务员"].role, cast["业务员"].side) == ("业务员", "left")
    lines = script.scenes[0].lines
    assert len(lines) == 6 and lines[2].text == "您先别着急，有人受伤吗？"
    assert lines[2].speaker == cast["理赔员"].id and lines[0].source_page == "p1"
    assert script.start_scene == "s1" and script.scenes[0].title == "第1页"
    # dialogue stays in the page: it is content for the other forms too
    assert len(lesson.pages[0].blocks) == 8


def test_two_runs_make_two_linked_scenes_with_shared_cast():
    lesson = enrich(lesson_of(
        ["甲：你好。", "乙：你好。", "甲：再见。"],
        ["说明文字在中间。", "乙：又见面了。", "甲：是啊。", "乙：最近好吗？"]))
    s = lesson.script
    assert [sc.id for sc in s.scenes] == ["s1", "s2"] and s.scenes[0].next_scene == "s2"
    assert [c.name for c in s.cast] == ["甲", "乙"]
    assert {c.side for c in s.cast} == {"left", "right"}  # unknown roles still face each other
    assert s.line_count == 6 and s.scenes[1].lines[0].source_page == "p2"


@pytest.mark.parametrize("lines", [
    ["注意：报案要及时。", "提示：材料要齐全。", "说明：以上为参考。"],
    ["姓名：张三", "电话：13800000000", "地址：北京市朝阳区"],
    ["会议于10:30开始", "午休12:00结束", "下午14:30继续"],
    ["官网 https://example.com", "下载 http://example.com/app", "邮箱 mailto:a@b.c"],
    ["第一步：报案", "第二步：查勘", "第三步：定损"],
    ["客户：你好。", "理赔员：您好。"],  # only two lines
    ["张三：参会", "李四：请假", "王五：参会"],  # a roll call: nobody speaks twice, no roles
])
def test_dialogue_false_positives(lines):
    lesson = enrich(lesson_of(lines))
    assert lesson.script is None


def test_role_words_allow_a_run_without_repeats():
    lesson = enrich(lesson_of(["旁白：客户来电。", "客户：我要报案。", "坐席：请讲。"]))
    assert lesson.script is not None and lesson.script.line_count == 3


def test_guess_role():
    assert guess_role("客户 王先生") == "客户"
    assert guess_role("张女士") == "客户"
    assert guess_role("查勘员小李") == "理赔员"
    assert guess_role("客户经理") == "业务员"
    assert guess_role("画外音") == "旁白"
    assert guess_role("甲") == ""


def test_existing_script_is_kept():
    lesson = lesson_of(["客户：一。", "业务员：二。", "客户：三。"])
    lesson.script = Script(title="手写的")
    enrich(lesson)
    assert lesson.script.title == "手写的"


def test_detection_failure_is_a_page_warning(monkeypatch):
    def boom(page):
        raise RuntimeError("坏了")

    monkeypatch.setattr(detect, "detect_dialogue", boom)
    lesson = enrich(lesson_of(["客户：一。", "业务员：二。", "客户：三。"]))
    assert lesson.script is None
    assert any("坏了" in w for w in lesson.pages[0].warnings)


def test_inline_true_false_mark_and_answer_with_remark():
    lesson = enrich(lesson_of([
        "1. 出险后应先保护现场。（√）",
        "2. 报案时限是（ ）", "A. 24小时  B. 48小时", "答案：B（条款第十条）",
        "3. 普通的编号句子（附件一）",
    ]))
    q1, q2 = lesson.quiz.questions
    assert (q1.kind, q1.answers, q1.stem) == ("truefalse", [0], "出险后应先保护现场。（  ）")
    assert (q2.kind, q2.answers) == ("single", [1])
    assert texts(lesson.pages[0]) == ["3. 普通的编号句子（附件一）"]


def test_emotion_in_brackets_after_the_speaker():
    lesson = enrich(lesson_of(["客户（生气）：怎么还没赔？", "理赔员(微笑)：马上为您查询。", "客户：好吧。"]))
    lines = lesson.script.scenes[0].lines
    assert [(l.emotion, l.text) for l in lines] == [("生气", "怎么还没赔？"), ("微笑", "马上为您查询。"),
                                                    ("", "好吧。")]
    assert [c.name for c in lesson.script.cast] == ["客户", "理赔员"]


def test_bracketed_prose_is_not_an_emotion_line():
    lesson = enrich(lesson_of(["注意（重要）：先报案。", "提示（一）：带证件。", "说明（二）：见附件。"]))
    assert lesson.script is None


def test_slide_title_as_stem():
    lesson = enrich(lesson_of(["A. 24小时", "B. 48小时", "答案：B", "备注：以条款为准"],
                              titles=["车险报案时限是多少？"]))
    (q,) = lesson.quiz.questions
    assert q.stem == "车险报案时限是多少？" and q.answers == [1]
    assert lesson.pages[0].title == "车险报案时限是多少？"  # the title stays
    assert texts(lesson.pages[0]) == ["备注：以条款为准"]


def test_section_title_gives_the_hint():
    lesson = enrich(lesson_of(["1. 哪些属于必备材料（ ）", "A. 身份证  B. 行驶证", "答案：A"],
                              titles=["二、多选题"]))
    assert lesson.quiz.questions[0].kind == "multiple"


def test_answers_hidden_in_speaker_notes():
    lesson = lesson_of(["1. 报案时限是（ ）", "A. 24小时  B. 48小时", "2. 赔款打给谁（ ）", "A. 修理厂  B. 被保险人",
                        "3. 现场要拍照。（ ）"])
    lesson.pages[0].narration = "先请大家思考。\n答案：B\n第二题答案：B。\n第三题答案：对"
    enrich(lesson)
    assert [(q.kind, q.answers) for q in lesson.quiz.questions] == [
        ("single", [1]), ("single", [1]), ("truefalse", [0])]
    assert lesson.pages[0].blocks == []
    numbered = lesson_of(["1. 甲（ ）", "A. a  B. b", "2. 乙（ ）", "A. a  B. b"])
    numbered.pages[0].narration = "参考答案：1.B 2.A"
    enrich(numbered)
    assert [q.answers for q in numbered.quiz.questions] == [[1], [0]]


def test_mixed_inline_and_key_answers_keep_document_order_and_remove_right_lines():
    lesson = enrich(lesson_of(
        ["导语", "1. 甲（ ）", "A. a  B. b", "答案：A", "2. 乙（ ）", "A. a  B. b", "中段",
         "3. 丙（ ）", "A. a  B. b", "答案：B", "尾声"],
        ["参考答案：2.B"]))
    assert [(q.id, q.stem, q.answers) for q in lesson.quiz.questions] == [
        ("q1", "甲（ ）", [0]), ("q2", "乙（ ）", [1]), ("q3", "丙（ ）", [1])]
    assert texts(lesson.pages[0]) == ["导语", "中段", "尾声"]
    assert lesson.pages[1].blocks == []


@pytest.mark.parametrize("label,kind", [("一、单选题（每题2分）", "single"), ("（二）多选题", "multiple"),
                                        ("判断题：", "truefalse"), ("3. 填空题", "fill"),
                                        ("如何判断事故责任", None), ("多选时要注意什么？", None)])
def test_section_labels(label, kind):
    assert detect._section_hint(label) == kind


def test_prose_mentioning_a_kind_is_not_consumed():
    lesson = enrich(lesson_of(["如何判断事故责任", "1. 甲（ ）", "A. a  B. b", "答案：A"]))
    assert lesson.quiz.questions[0].kind == "single"
    assert texts(lesson.pages[0]) == ["如何判断事故责任"]


def test_letter_f_on_six_options_is_a_choice_not_false():
    lesson = enrich(lesson_of(["1. 选一个（ ）", "A. 1  B. 2  C. 3", "D. 4  E. 5  F. 6", "答案：F"]))
    (q,) = lesson.quiz.questions
    assert (q.kind, q.answers) == ("single", [5])


def test_lettered_answer_without_options_is_not_a_fill_question():
    lesson = enrich(lesson_of(["1. 选项丢了的题（ ）", "答案：C"]))
    assert len(lesson.quiz) == 0 and len(lesson.pages[0].blocks) == 2


def test_fill_alternatives_only_split_on_separators():
    lesson = enrich(lesson_of(["1. 事件发生的可能性称为____。", "答案：或然率 / 概率"]))
    assert lesson.quiz.questions[0].accepted == ["或然率", "概率"]


def test_glossary_of_roles_is_not_a_dialogue():
    lesson = enrich(lesson_of(["客户：指与公司签订保险合同的投保人。", "业务员：指公司的销售人员。",
                               "理赔员：指负责案件处理的员工。"]))
    assert lesson.script is None


def _table(rows: list[list[str]]):
    from creator_studio.core.lesson.model import Table, TableCell

    return Table(rows=[[TableCell(text=t) for t in row] for row in rows])


def test_question_bank_table():
    from creator_studio.core.lesson.model import Table

    bank = _table([
        ["题型", "题目", "A", "B", "C", "D", "答案", "解析"],
        ["单选", "1. 报案时限是（ ）", "12小时", "24小时", "48小时", "72小时", "C", "条款规定"],
        ["多选", "必备材料有（ ）", "身份证", "行驶证", "房产证", "", "AB", ""],
        ["判断", "现场应拍照。", "", "", "", "", "对", ""],
        ["填空", "客服电话是", "", "", "", "", "95500", ""],
    ])
    other = _table([["姓名", "答案"], ["张三", "略"]])
    lesson = enrich(lesson_of(["导语", bank, other]))
    got = [(q.kind, q.stem, q.options, q.answers, q.accepted) for q in lesson.quiz.questions]
    assert got == [
        ("single", "报案时限是（ ）", ["12小时", "24小时", "48小时", "72小时"], [2], []),
        ("multiple", "必备材料有（ ）", ["身份证", "行驶证", "房产证"], [0, 1], []),
        ("truefalse", "现场应拍照。", ["正确", "错误"], [0], []),
        ("fill", "客服电话是", [], [], ["95500"]),
    ]
    assert lesson.quiz.questions[0].explanation == "条款规定"
    kinds = [type(b) for b in lesson.pages[0].blocks]
    assert kinds == [type(lesson.pages[0].blocks[0]), Table]  # the bank went, the roster stayed
    assert lesson.pages[0].blocks[1].rows[1][0].text == "张三"


def test_question_bank_with_one_options_column():
    bank = _table([["题干", "选项", "正确答案"],
                   ["出险后先做什么", "A. 报案 B. 离开 C. 争吵", "A"],
                   ["谁来定损", "A. 客户\nB. 定损员", "B"]])
    lesson = enrich(lesson_of([bank]))
    assert [(q.options, q.answers) for q in lesson.quiz.questions] == [
        (["报案", "离开", "争吵"], [0]), (["客户", "定损员"], [1])]
    assert lesson.pages[0].blocks == []
