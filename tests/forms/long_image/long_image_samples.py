"""Sample lessons and helpers for the long-image tests (imported by conftest and tests)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw

from creator_studio.core.forms.long_image import LongImageFormat
from creator_studio.core.forms.long_image.layout import Options, build_layout
from creator_studio.core.jobs import Job
from creator_studio.core.lesson import model as m
from creator_studio.core.themes import load_theme

ORANGE = (245, 166, 35)


def make_assets(folder: Path) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    png = PILImage.new("RGB", (800, 450), (30, 91, 184))
    ImageDraw.Draw(png).ellipse([500, 100, 700, 300], fill=ORANGE)
    png.save(folder / "wide.png")
    PILImage.new("RGB", (3000, 2000), (200, 40, 40)).save(folder / "big.jpg", quality=80)
    rgba = PILImage.new("RGBA", (300, 300), (0, 0, 0, 0))
    ImageDraw.Draw(rgba).rectangle([50, 50, 250, 250], fill=(0, 160, 80, 255))
    rgba.save(folder / "alpha.png")
    good = (folder / "wide.png").read_bytes()
    (folder / "truncated.png").write_bytes(good[: len(good) // 3])
    (folder / "junk.png").write_bytes(b"this is not a picture at all" * 10)
    return {"wide": "wide.png", "big": "big.jpg", "alpha": "alpha.png",
            "truncated": "truncated.png", "junk": "junk.png"}


def all_blocks_lesson(assets_dir: Path) -> m.Lesson:
    a = make_assets(assets_dir)
    p1 = m.Page(id="p1", title="第一节：条款要点", blocks=[
        m.Heading(text="第一节：条款要点", level=1),  # same as the title: not repeated
        m.Heading(text="一、保险责任", level=2),
        m.Paragraph(runs=[m.Run("普通文字，"), m.Run("加粗强调", bold=True), m.Run("，红色提醒", color="C8102E"),
                          m.Run("，白色（看不见的）文字", color="FFFFFF"),
                          m.Run(" 链接", link="https://example.com")]),
        m.Paragraph(runs=[m.Run("居中的一句话")], align="center"),
        m.BulletList(items=[m.ListItem([m.Run("第一点")], 0, "•"), m.ListItem([m.Run("子要点")], 1, "\uf0a7"),
                            m.ListItem([m.Run("第二点")], 0, "")]),
        m.BulletList(ordered=True, items=[m.ListItem([m.Run("报案")], 0, "一、"),
                                          m.ListItem([m.Run("提交资料")], 0, "二、"),
                                          m.ListItem([m.Run("细节")], 1, "(a)"),
                                          m.ListItem([m.Run("无编号")], 0, "")]),
        m.Table(rows=[[m.TableCell("项目"), m.TableCell("说明", col_span=2)],
                      [m.TableCell("理赔时效", row_span=2), m.TableCell("资料齐全后"), m.TableCell("5 个工作日")],
                      [m.TableCell("复杂案件"), m.TableCell("30 日")],
                      [m.TableCell("金额"), m.TableCell("12,800"), m.TableCell("元")]],
                caption="表1 理赔时效"),
    ])
    p2 = m.Page(id="p2", title="第二节：图表与图片", blocks=[
        m.Chart(title="季度保费", chart_type="bar", categories=["Q1", "Q2", "Q3"],
                series=[m.ChartSeries("2025", [1, 2.5, 3]), m.ChartSeries("2026", [2, None, 4])]),
        m.Image(asset=a["wide"], alt="产品示意图", width_px=800, height_px=450),
        m.Image(asset=a["big"], alt="大照片"),
        m.Image(asset=a["alpha"], alt="透明图标"),
        m.Image(asset=a["truncated"], alt="截断的图片"),
        m.Image(asset=a["junk"], alt="不是图片"),
        m.Image(asset=None, alt="外部链接图片", problem="图片为外部链接"),
        m.Image(asset="missing.png", alt="丢失的文件"),
        m.Image(asset=None, alt="EMF 流程图", needs_raster=True, mime="image/x-emf"),
    ])
    p3 = m.Page(id="p3", title="第三节：提示与媒体", blocks=[
        m.Note(text="注意：等待期内出险不予赔付。", label="注1"),
        m.Media(asset=None, media_type="video"),
        m.Media(asset=None, media_type="audio", is_narration=True),
    ])
    hidden = m.Page(id="p4", title="隐藏页", hidden=True, blocks=[m.Paragraph([m.Run("不应出现")])])
    quiz = m.Quiz([
        m.Question("q1", "single", "报案电话是？", ["95500", "110"], [0], explanation="客服热线。"),
        m.Question("q2", "multiple", "需要哪些资料？", ["保单", "身份证", "星座"], [0, 1]),
        m.Question("q3", "truefalse", "等待期内可以赔付。", ["正确", "错误"], [1]),
        m.Question("q4", "fill", "犹豫期____天", accepted=["15"], explanation="一般为 15 天。"),
    ])
    return m.Lesson(title="理赔实务（全块型测试）", pages=[p1, p2, p3, hidden], quiz=quiz,
                    meta=m.LessonMeta(business_line="团险条线", maker_name="李雷", maker_id="MK001",
                                      platform_url="https://learn.example.com/c/7"),
                    asset_root=assets_dir)


def layout_of(lesson: m.Lesson, theme: str = "corporate-blue", width: int = 750,
              segment_height: int = 4000, slide_pictures: str = "auto"):
    return build_layout(lesson, load_theme(theme),
                        Options(width, segment_height, "", lesson.meta.platform_url, "2026-01-01",
                                slide_pictures=slide_pictures))


def render(lesson: m.Lesson, out: Path, **opts):
    return LongImageFormat().render(lesson, out, opts, Job())

