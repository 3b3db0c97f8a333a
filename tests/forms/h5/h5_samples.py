"""Sample lessons and scripts for the H5 tests, built from the model dataclasses."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image as PILImage

from creator_studio.core.lesson import model as m

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def png_bytes(colour=(40, 120, 220), size=(64, 40)) -> bytes:
    buf = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buf, "PNG")
    return buf.getvalue()


def wav_bytes(seconds: float = 0.5) -> bytes:
    import struct
    rate, n = 8000, int(8000 * seconds)
    data = b"\x00\x00" * n
    return (b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt " +
            struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16) + b"data" +
            struct.pack("<I", len(data)) + data)


def make_lesson(asset_root: Path, *, n_pages: int = 3, with_quiz: bool = True) -> m.Lesson:
    """A small, realistic lesson: text, list, table, chart, picture, note, terms, steps, audio."""
    asset_root.mkdir(parents=True, exist_ok=True)
    (asset_root / "pic.png").write_bytes(png_bytes())
    (asset_root / "narr.wav").write_bytes(wav_bytes())
    pages = [
        m.Page(id="p1", title="保险基础知识", narration="欢迎学习本课。今天我们了解保险的基本概念！",
               narration_audio="narr.wav", blocks=[
                   m.Paragraph(runs=[m.Run("保险是一种"), m.Run("风险转移", bold=True), m.Run("机制。"),
                                     m.Run("官网", link="https://example.com/a")]),
                   m.BulletList(items=[m.ListItem([m.Run("保障")]), m.ListItem([m.Run("储蓄")])]),
                   m.Image(asset="pic.png", alt="保险示意图", width_px=64, height_px=40),
                   m.Note(text="注意：以条款为准。", label="提示"),
               ]),
        m.Page(id="p2", title="关键术语", blocks=[
            m.Table(rows=[[m.TableCell("术语"), m.TableCell("释义")],
                          [m.TableCell("保费"), m.TableCell("投保人交给保险公司的钱")],
                          [m.TableCell("保额"), m.TableCell("保险公司承担赔付的最高金额")],
                          [m.TableCell("免赔额"), m.TableCell("自行承担的损失部分")]]),
            m.Chart(title="季度保费", categories=["一季度", "二季度"],
                    series=[m.ChartSeries("保费", [120.0, 150.5])]),
        ]),
        m.Page(id="p3", title="理赔流程", blocks=[
            m.BulletList(ordered=True, items=[m.ListItem([m.Run("报案")]), m.ListItem([m.Run("提交材料")]),
                                              m.ListItem([m.Run("审核")]), m.ListItem([m.Run("赔付")])]),
        ]),
    ]
    for i in range(3, n_pages):
        pages.append(m.Page(id=f"p{i + 1}", title=f"第{i + 1}节 内容", blocks=[
            m.Paragraph(runs=[m.Run(f"这是第{i + 1}页的正文，讲解保险产品的要点。")])]))
    quiz = m.Quiz(pass_mark=60)
    if with_quiz:
        quiz.questions = [
            m.Question(id="a", kind="single", stem="保险的本质是？", options=["风险转移", "投资理财", "储蓄"],
                       answers=[0], explanation="保险把风险转移给保险公司。"),
            m.Question(id="b", kind="multiple", stem="以下哪些属于理赔材料？", options=["保单", "身份证", "菜谱"],
                       answers=[0, 1], explanation="菜谱与理赔无关。"),
            m.Question(id="c", kind="truefalse", stem="免赔额由保险公司承担。", options=["正确", "错误"],
                       answers=[1], explanation="免赔额由被保险人自行承担。"),
            m.Question(id="d", kind="fill", stem="投保人交给保险公司的钱叫____。", accepted=["保费", "保险费"],
                       explanation="保费即保险费。"),
        ]
    lesson = m.Lesson(title="保险入门微课", pages=pages, quiz=quiz)
    lesson.asset_root = asset_root
    return lesson


HOSTILE = "<script>window.__pwned=1;alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=\"window.__pwned=1;alert(2)\">"


def make_hostile_lesson(asset_root: Path) -> m.Lesson:
    asset_root.mkdir(parents=True, exist_ok=True)
    (asset_root / "pic.png").write_bytes(png_bytes())
    page = m.Page(id="x\"><script>", title=HOSTILE, narration=HOSTILE_IMG, blocks=[
        m.Heading(text=HOSTILE_IMG, level=1),
        m.Paragraph(runs=[m.Run("点我", link="javascript:window.__pwned=1;alert(3)"),
                          m.Run("再点", link=" JaVa\tScRiPt:alert(4)"),
                          m.Run("数据", link="data:text/html,<script>alert(5)</script>"),
                          m.Run("正常链接", link="https://example.com/ok")]),
        m.Table(rows=[[m.TableCell(HOSTILE_IMG), m.TableCell("</script><script>alert(6)</script>")],
                      [m.TableCell("\u2028line\u2029sep"), m.TableCell("<!--")]], caption=HOSTILE),
        m.Image(asset="pic.png", alt=HOSTILE_IMG + "\" onload=\"alert(7)"),
        m.Note(text=HOSTILE_IMG, label=HOSTILE),
        m.BulletList(ordered=True, items=[m.ListItem([m.Run(HOSTILE_IMG)]), m.ListItem([m.Run("<b>步骤二</b>")]),
                                          m.ListItem([m.Run("步骤三 ${alert(8)}")])]),
    ])
    quiz = m.Quiz(questions=[m.Question(id="<q>", kind="single", stem=HOSTILE,
                                        options=[HOSTILE_IMG, "<svg onload=alert(9)>"], answers=[0],
                                        explanation=HOSTILE_IMG)])
    lesson = m.Lesson(title=HOSTILE + "标题", pages=[page], quiz=quiz)
    lesson.asset_root = asset_root
    return lesson


def make_script() -> m.Script:
    """Customer objection: a wrong answer loops back to the decision, the right one moves on."""
    cast = [m.Character(id="kh", name="王女士", role="客户", side="left"),
            m.Character(id="yw", name="小李", role="业务员", side="right"),
            m.Character(id="pb", name="旁白", role="旁白", side="center")]
    scenes = [
        m.Scene(id="s-open", title="第一幕：客户犹豫", lines=[
            m.Line("pb", "周末，王女士来到营业厅。"),
            m.Line("kh", "这个保险太贵了，我再考虑考虑。", emotion="犹豫"),
            m.Line("yw", "理解您的顾虑。"),
        ], decision=m.Decision(prompt="你会怎么回应？", options=[
            m.Choice("那您回去慢慢考虑吧。", feedback="放弃了沟通机会。", score=0, next_scene="s-open"),
            m.Choice("我们可以一起算一笔账，看看每天只需要多少钱。", feedback="把保费拆成日均成本，客户更容易接受。",
                     score=10, next_scene="s-close"),
        ])),
        m.Scene(id="s-close", title="第二幕：促成", lines=[
            m.Line("kh", "每天不到五块钱？那还可以。", emotion="放松"),
        ], decision=m.Decision(prompt="接下来？", options=[
            m.Choice("趁热打铁，帮您办理投保。", feedback="时机合适。", score=10, next_scene=None),
            m.Choice("您再想想也行。", feedback="错失促成时机。", score=0, next_scene=None),
        ])),
    ]
    return m.Script(cast=cast, scenes=scenes, start_scene="s-open", title="异议处理：太贵了")


