"""A realistic Chinese lesson built from the course model, for benchmarks, docs and tests.

It exercises every block type with insurance-training content, so the benchmark measures what a
business line actually posts rather than lorem ipsum.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw

from creator_studio.core.lesson.model import (
    BulletList, Chart, ChartSeries, Heading, Image, Lesson, LessonMeta, ListItem, Media, Note, Page,
    Paragraph, Question, Quiz, Run, Table, TableCell,
)

TOPICS = ["重疾险核心条款解读", "客户需求分析五步法", "健康告知与如实告知义务", "理赔流程与资料清单",
          "年金险的现金价值", "合规销售“双录”要点", "异议处理话术", "家庭保障缺口测算"]

PARA = ("根据《保险法》第十六条，订立保险合同时，保险人就保险标的或者被保险人的有关情况提出询问的，"
        "投保人应当如实告知。代理人在讲解时，应提醒客户：未如实告知可能导致合同解除或拒赔——这并不是"
        "“吓唬”客户，而是保护双方的权益。详情参见 https://example.com/policy/clause-16 或拨打 95500。")
PARA2 = ("2025年第三季度，本条线新单保费同比增长18.6%，其中长期健康险占比达到42%；"
         "客户平均保额为 35.8 万元（含附加险），较去年提升约 6 万元……")


def _picture(path: Path, w: int, h: int) -> None:
    im = PILImage.new("RGB", (w, h), (230, 238, 250))
    d = ImageDraw.Draw(im)
    for i in range(0, w, 40):
        d.line([(i, 0), (i - h // 2, h)], fill=(210, 222, 240), width=14)
    d.rounded_rectangle([w * 0.1, h * 0.2, w * 0.9, h * 0.8], radius=24, fill=(30, 91, 184))
    d.ellipse([w * 0.62, h * 0.3, w * 0.82, h * 0.3 + w * 0.2], fill=(245, 166, 35))
    im.save(path, "PNG")


def demo_lesson(pages: int = 30, assets_dir: Path | None = None, *, broken_picture: bool = True,
                questions: int = 5) -> Lesson:
    lesson = Lesson(title="重疾险销售实务：从需求分析到合规成交（2026版）",
                    meta=LessonMeta(business_line="个人业务 · 健康险条线", maker_name="王晓明",
                                    maker_id="MK20260318", platform_url="https://learn.example.com/c/1024"),
                    asset_root=assets_dir)
    picture = None
    if assets_dir is not None:
        assets_dir.mkdir(parents=True, exist_ok=True)
        picture = "demo-picture.png"
        if not (assets_dir / picture).is_file():
            _picture(assets_dir / picture, 1200, 675)
    for i in range(pages):
        topic = TOPICS[i % len(TOPICS)]
        blocks = [
            Heading(text="一、要点概览", level=2),
            Paragraph(runs=[Run("核心要点："), Run("先问需求，再讲产品。", bold=True),
                            Run(PARA[: 60 + (i * 7) % 80]), Run("切记不可夸大收益！", color="C8102E")]),
            BulletList(items=[ListItem([Run("了解客户家庭结构与收入来源（Income & Family）")], 0, "•"),
                              ListItem([Run("识别已有保障：社保、团险、商业险")], 0, "•"),
                              ListItem([Run("测算缺口：5 年收入 + 负债 − 已有保额")], 1, "◦"),
                              ListItem([Run("给出方案并说明等待期、免责条款")], 0, "•")]),
        ]
        kind = i % 5
        if kind == 0:
            blocks.append(Table(rows=[[TableCell("险种"), TableCell("保障范围"), TableCell("等待期"),
                                       TableCell("保费（元/年）")],
                                      [TableCell("重疾险"), TableCell("确诊合同约定的重大疾病一次性给付"),
                                       TableCell("90天"), TableCell("6,800")],
                                      [TableCell("医疗险"), TableCell("住院医疗费用报销，含社保外用药"),
                                       TableCell("30天"), TableCell("420")],
                                      [TableCell("意外险"), TableCell("意外身故、伤残及意外医疗"),
                                       TableCell("无", row_span=1), TableCell("150")]],
                              caption="表1 三类保障对比"))
        elif kind == 1 and picture:
            blocks.append(Image(asset=picture, alt="产品架构示意图", width_px=1200, height_px=675))
        elif kind == 2:
            blocks.append(Chart(title="各季度新单保费（万元）", chart_type="bar",
                                categories=["一季度", "二季度", "三季度", "四季度"],
                                series=[ChartSeries("2025", [320, 410, 465, 520]),
                                        ChartSeries("2026", [380, 470, 551, 600])]))
        elif kind == 3:
            blocks.append(Note(text=PARA2, label="数据提示"))
            blocks.append(Media(media_type="video", mime="video/mp4"))
        else:
            blocks.append(BulletList(ordered=True, items=[
                ListItem([Run("填写投保单并核对客户信息")], 0, "1."),
                ListItem([Run("完成健康告知及“双录”")], 0, "2."),
                ListItem([Run("缴费并出具电子保单，提醒犹豫期 15 天")], 0, "3.")]))
        blocks.append(Paragraph(runs=[Run(PARA2)]))
        lesson.pages.append(Page(id=f"p{i + 1}", title=f"{topic}（{i + 1}）", blocks=blocks))
    if broken_picture and lesson.pages:
        lesson.pages[min(2, len(lesson.pages) - 1)].blocks.append(
            Image(asset=None, alt="原始幻灯片中的流程图", needs_raster=True, mime="image/x-emf",
                  problem="矢量图（EMF）无法在此显示"))
    qs = [Question("q1", "single", "客户投保重疾险时，等待期内确诊重疾，通常如何处理？",
                   ["全额赔付", "退还已交保费，合同终止", "赔付一半", "不做任何处理"], [1],
                   explanation="等待期内出险一般退还已交保费并终止合同，具体以条款为准。"),
          Question("q2", "multiple", "以下哪些属于需求分析的内容？",
                   ["家庭结构", "收入与负债", "已有保障", "客户星座"], [0, 1, 2],
                   explanation="星座与保障需求无关。"),
          Question("q3", "truefalse", "“双录”只需要录音，不需要录像。", ["正确", "错误"], [1],
                   explanation="双录指同步录音录像。"),
          Question("q4", "fill", "犹豫期通常为____天。", accepted=["15"], explanation="多数长期险为 15 天。"),
          Question("q5", "single", "保额缺口测算公式中，应减去的是？",
                   ["已有保额", "年收入", "房贷余额", "子女教育金"], [0])]
    lesson.quiz = Quiz(questions=(qs * (questions // len(qs) + 1))[:questions])
    return lesson
