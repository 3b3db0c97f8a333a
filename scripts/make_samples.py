"""Write the bundled Chinese sample sources (README demo input and importer test fixtures).

    .venv/bin/python scripts/make_samples.py [OUT_DIR]

Creates, in creator_studio/resources/samples/ by default:
  * 理赔流程培训.pptx — a 12-slide 车险 claims-process training deck
  * 新员工入职手册.docx — an onboarding handbook
Both are generated with python-pptx / python-docx (plus a little raw XML for what those libraries
cannot write: transitions, hidden slides, footnotes, Chinese list numbering), so they are
reproducible and small. The expected import counts are asserted in
tests/importers/test_docx_import.py and test_samples.py; change both together.
"""

from __future__ import annotations

import copy
import io
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "creator_studio" / "resources" / "samples"
PPTX_NAME = "理赔流程培训.pptx"
DOCX_NAME = "新员工入职手册.docx"


# --------------------------------------------------------------------------------------------
# A flow diagram picture drawn with Pillow (no external assets)


def _font(size: int):
    try:
        from creator_studio.core.media.fonts import load_font

        return load_font(size)
    except Exception:  # the script must still work without the CJK font (boxes, but valid PNG)
        return ImageFont.load_default()


def flow_png(steps: list[str], title: str, width: int = 960, height: int = 360) -> bytes:
    img = Image.new("RGB", (width, height), (246, 249, 253))
    d = ImageDraw.Draw(img)
    d.text((30, 20), title, fill=(20, 60, 120), font=_font(30))
    n = len(steps)
    box_w, gap = (width - 60 - (n - 1) * 30) // n, 30
    y0, y1 = 130, 250
    palette = [(41, 98, 255), (0, 150, 136), (255, 152, 0), (156, 39, 176), (229, 57, 53)]
    for i, step in enumerate(steps):
        x0 = 30 + i * (box_w + gap)
        color = palette[i % len(palette)]
        d.rounded_rectangle((x0, y0, x0 + box_w, y1), radius=18, fill=color)
        font = _font(26)
        tw = d.textlength(step, font=font)
        d.text((x0 + (box_w - tw) / 2, y0 + 42), step, fill="white", font=font)
        if i < n - 1:
            ax = x0 + box_w + 4
            d.polygon([(ax, 180), (ax + gap - 8, 190), (ax, 200)], fill=(90, 90, 90))
    d.text((30, 300), "图：示意流程（培训用）", fill=(110, 110, 110), font=_font(20))
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return buf.getvalue()


# --------------------------------------------------------------------------------------------
# PPTX


def make_pptx(path: Path) -> None:
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.oxml.ns import qn
    from pptx.util import Emu, Inches, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    title_layout, content_layout, title_only = prs.slide_layouts[0], prs.slide_layouts[1], prs.slide_layouts[5]

    def notes(slide, text: str) -> None:
        slide.notes_slide.notes_text_frame.text = text

    def bullets(slide, items: list[tuple[int, str]]) -> None:
        body = slide.placeholders[1]
        body.left, body.top, body.width, body.height = Inches(0.8), Inches(1.6), Inches(11.7), Inches(5.4)
        tf = body.text_frame
        tf.text = items[0][1]
        tf.paragraphs[0].level = items[0][0]
        for level, text in items[1:]:
            p = tf.add_paragraph()
            p.text = text
            p.level = level

    def content(title: str, items: list[tuple[int, str]], note: str | None):
        s = prs.slides.add_slide(content_layout)
        s.shapes.title.text = title
        bullets(s, items)
        if note:
            notes(s, note)
        return s

    def textbox(slide, lines: list[str], top=1.5, size=20):
        tb = slide.shapes.add_textbox(Inches(0.8), Inches(top), Inches(11.7), Inches(5.6))
        tf = tb.text_frame
        tf.word_wrap = True
        tf.text = lines[0]
        for line in lines[1:]:
            tf.add_paragraph().text = line
        for p in tf.paragraphs:
            for r in p.runs:
                r.font.size = Pt(size)
        return tb

    # 1 title
    s = prs.slides.add_slide(title_layout)
    s.shapes.title.text = "车险理赔流程培训"
    s.placeholders[1].text = "理赔服务部 · 2025年第3期新人培训"
    notes(s, "各位同事大家好，欢迎参加2025年第3期车险理赔流程培训。今天的课程大约需要40分钟，"
             "我们会用12页内容把从报案到赔款支付的全过程讲清楚。")
    # 2 agenda
    content("课程目录", [(0, "理赔流程总览"), (0, "报案与受理"), (0, "查勘定损"), (0, "理赔材料清单"),
                       (0, "时效数据与服务承诺"), (0, "核赔与支付"), (0, "客户异议处理"), (0, "随堂测验")],
            "本次课程分为八个部分。前六部分讲流程，第七部分通过一段对话练习客户沟通，最后用3道题检验学习效果。")
    # 3 overview
    content("理赔流程总览", [
        (0, "报案：客户拨打95500或通过APP报案"),
        (1, "记录出险时间、地点、经过"),
        (1, "告知客户保护现场并拍照"),
        (0, "查勘：查勘员到达现场或远程视频查勘"),
        (0, "定损：确定损失项目与金额"),
        (1, "小额案件可线上快速定损"),
        (0, "核赔：审核材料与责任"),
        (0, "支付：赔款转入客户账户"),
    ], "理赔一共五个环节：报案、查勘、定损、核赔和支付。其中报案环节最关键，信息记录得越完整，后面的环节就越快。"
       "去年我们有超过60%的案件在报案当天就完成了查勘。")
    # 4 report
    content("第一步：报案与受理", [
        (0, "出险后48小时内报案"),
        (0, "报案渠道"),
        (1, "客服电话95500（7×24小时）"),
        (1, "官方APP“一键报案”"),
        (1, "微信公众号"),
        (0, "受理要点：核实保单、确认出险经过、告知下一步"),
    ], "请提醒客户在出险后48小时内报案。超过时限不一定拒赔，但可能影响责任认定。"
       "95500电话全年无休，APP报案平均只需3分钟。")
    # 5 survey + picture
    s = prs.slides.add_slide(title_only)
    s.shapes.title.text = "第二步：查勘定损"
    png = flow_png(["报案", "查勘", "定损", "核赔", "支付"], "车险理赔五步流程")
    s.shapes.add_picture(io.BytesIO(png), Inches(1.2), Inches(1.7), width=Inches(10.9))
    notes(s, "这张图展示了完整的五步流程。查勘员一般在接到派工后30分钟内联系客户，"
             "城区案件要求1小时内到达现场。")
    # 6 table with merged header
    s = prs.slides.add_slide(title_only)
    s.shapes.title.text = "理赔材料清单"
    rows = [["材料类别", "所需材料", ""], ["", "必备", "视情况"],
            ["身份证明", "被保险人身份证", "委托书"],
            ["车辆证明", "行驶证、驾驶证", "车辆登记证书"],
            ["事故证明", "事故认定书", "现场照片、维修发票"]]
    gf = s.shapes.add_table(len(rows), 3, Inches(0.8), Inches(1.6), Inches(11.7), Inches(3.6))
    tbl = gf.table
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                tbl.cell(r, c).text = text
    tbl.cell(0, 1).merge(tbl.cell(0, 2))
    tbl.cell(0, 0).merge(tbl.cell(1, 0))
    notes(s, "材料分为三类：身份证明、车辆证明和事故证明。表格中“必备”一列的材料缺一不可，"
             "“视情况”一列按案件类型补充。")
    # 7 chart
    s = prs.slides.add_slide(title_only)
    s.shapes.title.text = "理赔时效数据"
    cd = CategoryChartData()
    cd.categories = ["2022年", "2023年", "2024年", "2025年上半年"]
    cd.add_series("平均结案天数", (6.8, 5.2, 3.9, 2.7))
    cd.add_series("当日查勘率(%)", (48, 55, 61, 68))
    s.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(0.8), Inches(1.6), Inches(11.7),
                       Inches(5.4), cd)
    notes(s, "平均结案天数从2022年的6.8天下降到2025年上半年的2.7天，降幅约60.3%。"
             "当日查勘率提升到68%。")
    # 8 payment, with an automatic advance after 8 s
    s = content("第三步：核赔与支付", [
        (0, "核赔：审核责任、金额与材料一致性"),
        (0, "万元以下案件：材料齐全后1个工作日内支付"),
        (0, "支付方式：转账至被保险人本人账户"),
    ], "核赔通过后，1万元以下的案件在1个工作日内完成支付，客户会收到短信通知。")
    trans = s.element.makeelement(qn("p:transition"), {"advTm": "8000"})
    clr = s.element.find(qn("p:clrMapOvr"))
    (clr.addnext(trans) if clr is not None else s.element.append(trans))
    # 9 dialogue
    s = prs.slides.add_slide(title_only)
    s.shapes.title.text = "客户异议处理"
    textbox(s, [
        "客户：我的车修了三天还没有定损结果，你们效率太低了！",
        "理赔员：非常理解您的心情，我先帮您查一下案件进度。",
        "客户：上次报案的时候也是拖了很久。",
        "理赔员：您的案件今天上午已经完成定损，金额是3,200元。",
        "客户：那什么时候能到账？",
        "理赔员：材料齐全的话，1个工作日内就会转账到您的账户。",
        "客户：好的，那我等你们的短信。",
    ], size=18)
    notes(s, "这是一段常见的客户异议对话。注意理赔员先共情，再给出具体的进度和时间承诺。")
    # 10 quiz
    s = prs.slides.add_slide(title_only)
    s.shapes.title.text = "随堂测验"
    textbox(s, [
        "1. 车险出险后，客户一般应在多少小时内报案？（ ）",
        "A. 12小时  B. 24小时  C. 48小时  D. 72小时",
        "答案：C",
        "解析：条款要求出险后48小时内报案。",
        "2. 以下属于理赔必备材料的有（ ）",
        "A. 被保险人身份证",
        "B. 行驶证、驾驶证",
        "C. 事故认定书",
        "D. 车辆购置发票",
        "答案：ABC",
        "3. 1万元以下案件材料齐全后，1个工作日内支付赔款。（ ）",
        "答案：对",
    ], top=1.4, size=16)
    # 11 hidden
    s = content("讲师备注（隐藏页）", [(0, "本页仅供讲师参考，不对学员展示"), (0, "答疑时间控制在5分钟内")],
                None)
    s.element.set("show", "0")
    # 12 summary
    content("课程小结", [(0, "五步流程：报案、查勘、定损、核赔、支付"), (0, "48小时内报案，材料一次收齐"),
                       (0, "先共情，再给出明确时间承诺"),
                       (0, "本课程仅供内部培训使用，理赔标准以保险合同条款为准")],
            "最后总结一下：记住五步流程和48小时报案时限，沟通时先共情再给承诺。谢谢大家！")
    buf = io.BytesIO()
    prs.save(buf)
    path.write_bytes(buf.getvalue())


# --------------------------------------------------------------------------------------------
# DOCX

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _add_chinese_numbering(doc) -> tuple[str, str]:
    """Add a 一、二、三 list and a restarted decimal list to numbering.xml; return both numIds."""
    from docx.oxml import parse_xml

    numbering = doc.part.numbering_part.element
    nums = numbering.findall(f"{{{W}}}num")
    abstract_ids = [int(a.get(f"{{{W}}}abstractNumId")) for a in numbering.findall(f"{{{W}}}abstractNum")]
    num_ids = [int(n.get(f"{{{W}}}numId")) for n in nums]
    aid, nid_cn, nid_dec = max(abstract_ids) + 1, max(num_ids) + 1, max(num_ids) + 2
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="{aid}">'
        '<w:multiLevelType w:val="hybridMultilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="420" w:hanging="420"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="840" w:hanging="420"/></w:pPr></w:lvl>'
        '</w:abstractNum>')
    first_num = nums[0] if nums else None
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="{nid_cn}"><w:abstractNumId w:val="{aid}"/></w:num>'))
    # a second instance of the "List Number" list that restarts at 1
    list_number = doc.styles["List Number"].element
    ref = list_number.find(f"{{{W}}}pPr/{{{W}}}numPr/{{{W}}}numId")
    base_num = numbering.find(f"{{{W}}}num[@{{{W}}}numId='{ref.get(f'{{{W}}}val')}']")
    base_abstract = base_num.find(f"{{{W}}}abstractNumId").get(f"{{{W}}}val")
    numbering.append(parse_xml(
        f'<w:num xmlns:w="{W}" w:numId="{nid_dec}"><w:abstractNumId w:val="{base_abstract}"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    return str(nid_cn), str(nid_dec)


def _set_num(paragraph, num_id: str, ilvl: int = 0) -> None:
    from docx.oxml import parse_xml

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _add_footnote(doc, paragraph, text: str) -> None:
    """python-docx cannot write footnotes: add word/footnotes.xml and a reference run."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           f'<w:footnotes xmlns:w="{W}">'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
           '<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
           '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
           f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
           '</w:footnotes>')
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                xml.encode("utf-8"), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)
    paragraph._p.append(parse_xml(
        f'<w:r xmlns:w="{W}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        '<w:footnoteReference w:id="1"/></w:r>'))


def make_docx(path: Path) -> None:
    from docx import Document
    from docx.shared import Inches

    doc = Document()
    doc.core_properties.title = "新员工入职手册"
    doc.core_properties.author = "人力资源部"
    num_cn, num_restart = _add_chinese_numbering(doc)

    doc.add_paragraph("新员工入职手册", style="Title")
    doc.add_paragraph("欢迎加入公司！本手册帮助你在入职第一个月了解公司、完成入职手续，并掌握客户沟通的基本方法。"
                      "请在入职后7天内读完，并完成最后的入职测验。")

    doc.add_heading("一、公司简介", level=1)
    p = doc.add_paragraph("公司成立于1998年，是一家综合性保险集团，业务涵盖财产险、人身险和资产管理，"
                          "服务客户超过3000万。")
    _add_footnote(doc, p, "数据截至2024年12月31日，来源：公司年度报告。")
    doc.add_paragraph("下图是新员工最常接触的理赔服务流程（本手册仅供内部培训使用）：")
    doc.add_picture(io.BytesIO(flow_png(["报案", "查勘", "定损", "核赔", "支付"], "理赔服务流程")),
                    width=Inches(6))

    doc.add_heading("二、入职流程", level=1)
    doc.add_paragraph().add_run("（一）报到准备").bold = True
    for text in ["携带身份证原件及复印件2份", "提交学历证书和离职证明", "提供本人银行卡信息用于工资发放",
                 "完成入职体检（公司指定医院）"]:
        doc.add_paragraph(text, style="List Number")
    doc.add_paragraph().add_run("（二）入职第一周安排").bold = True
    for text in ["参加公司级新员工培训", "认识部门同事和导师", "开通办公系统账号", "阅读岗位操作手册"]:
        _set_num(doc.add_paragraph(text), num_cn)
    doc.add_paragraph().add_run("（三）试用期考核").bold = True
    for text in ["试用期为3个月", "导师每月填写一次评估表", "考核合格后办理转正"]:
        _set_num(doc.add_paragraph(text, style="List Number"), num_restart)

    doc.add_heading("三、薪酬福利", level=1)
    doc.add_paragraph("公司为员工提供有竞争力的薪酬和完善的福利：")
    t = doc.add_table(rows=5, cols=3)
    t.style = "Table Grid"
    data = [["福利类别", "项目", ""], ["", "基本保障", "补充福利"],
            ["保险", "五险一金", "补充医疗保险"], ["假期", "法定年假", "入职满1年加2天"],
            ["补贴", "交通补贴", "通讯补贴"]]
    for r, row in enumerate(data):
        for c, text in enumerate(row):
            if text:
                t.cell(r, c).text = text
    t.cell(0, 1).merge(t.cell(0, 2))
    t.cell(0, 0).merge(t.cell(1, 0))
    doc.add_paragraph("具体标准以当年《薪酬福利管理办法》为准。")

    doc.add_heading("四、客户沟通情景", level=1)
    doc.add_paragraph("下面是一段业务员处理客户异议的示范对话，请注意业务员如何先倾听、再解释。")
    for line in [
        "旁白：周一上午，客户王先生来到柜台，情绪有些激动。",
        "客户：我上个月买的保险，怎么这次看病不能报销？",
        "业务员：王先生您好，请先别着急，我帮您查一下保单。",
        "客户：你们卖保险的时候可没说有这么多限制。",
        "业务员：理解您的感受。您的保单有30天等待期，这次就诊正好在等待期内。",
        "客户：那以后还能报吗？",
        "业务员：等待期结束后，符合条款的医疗费用都可以按80%比例报销。",
        "客户：好吧，那你把条款再给我讲一遍。",
        "业务员：没问题，我们一条一条来看。",
    ]:
        doc.add_paragraph(line)

    doc.add_heading("五、入职测验", level=1)
    doc.add_paragraph().add_run("（一）单选题").bold = True
    for line in [
        "1. 新员工应在入职后几天内读完本手册？（ ）",
        "A. 3天", "B. 7天", "C. 15天", "D. 30天",
        "答案：B",
        "解析：手册开头要求入职后7天内读完。",
        "2. 公司的试用期为（ ）",
        "A. 1个月  B. 2个月  C. 3个月  D. 6个月",
        "答案：C",
        "解析：试用期为3个月。",
    ]:
        doc.add_paragraph(line)
    doc.add_paragraph().add_run("（二）多选题").bold = True
    for line in [
        "3. 报到时需要携带的材料有（ ）",
        "A. 身份证原件及复印件", "B. 学历证书", "C. 离职证明", "D. 房产证",
        "【答案】ABC",
        "【解析】房产证不属于入职材料。",
        "4. 以下属于公司福利的有（ ）",
        "A．五险一金", "B．补充医疗保险", "C．交通补贴", "D．股票期权",
        "答案：A、B、C",
    ]:
        doc.add_paragraph(line)
    doc.add_paragraph().add_run("（三）判断题").bold = True
    for line in [
        "5. 等待期内就诊的医疗费用也可以报销。（ ）",
        "答案：错",
        "解析：等待期内发生的费用不在保障范围内。",
        "6. 导师每月填写一次新员工评估表。（ ）",
        "答案：√",
    ]:
        doc.add_paragraph(line)
    doc.add_paragraph().add_run("（四）填空题").bold = True
    for line in [
        "7. 理赔服务流程的第一步是____。",
        "答案：报案",
        "解析：流程依次为报案、查勘、定损、核赔、支付。",
    ]:
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(buf.getvalue())


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else OUT
    out.mkdir(parents=True, exist_ok=True)
    make_pptx(out / PPTX_NAME)
    make_docx(out / DOCX_NAME)
    for name in (PPTX_NAME, DOCX_NAME):
        print(f"wrote {out / name} ({(out / name).stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
