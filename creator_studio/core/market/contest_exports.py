"""What a contest hands out (#19): the award credential PDF (the certificate's layout, colours
and QR from ``certificate_pdf.py``), the XLSX of entries, scores and results, and the public
results page as one long PNG (what gets posted in WeChat groups).

Fonts and line breaking come from ``core/media`` (the CJK face and the kinsoku-aware wrapper).
"""

from __future__ import annotations

from pathlib import Path

import qrcode
from PIL import Image, ImageDraw

from creator_studio.core import atomic
from creator_studio.core.market.certificate_pdf import GOLD, H, INK, NAVY, W, _center
from creator_studio.core.media.fonts import load_font
from creator_studio.core.media.textlayout import wrap_for_font



def _qr(code: str, size: int) -> Image.Image:
    qr = qrcode.QRCode(border=2, box_size=8, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(code)
    qr.make(fit=True)
    return qr.make_image(fill_color="black", back_color="white").convert("RGB").resize((size, size))


def draw_award_pdf(view: dict, out: Path) -> Path:
    """An A4 landscape award certificate with the verification code as QR.

    Bilingual like the rest of the certificate: the award's 中文 name large, its English name
    under it (a special award carries only the name staff gave it)."""
    from creator_studio.core.market.contests import AWARDS_EN

    img = Image.new("RGB", (W, H), (252, 250, 244))
    d = ImageDraw.Draw(img)
    d.rectangle([30, 30, W - 30, H - 30], outline=GOLD, width=10)
    d.rectangle([55, 55, W - 55, H - 55], outline=NAVY, width=3)
    _center(d, 130, "荣誉证书", load_font(96, bold=True), NAVY)
    _center(d, 250, "CERTIFICATE OF AWARD", load_font(40), GOLD)
    _center(d, 370, f"{view['holder']}", load_font(64, bold=True), INK)
    _center(d, 480, f"作品《{view['entry']}》在「{view['contest']}」中荣获", load_font(36), INK)
    _center(d, 560, view["award_name"], load_font(88, bold=True), (178, 34, 34))
    if not view.get("special_name") and view.get("award") in AWARDS_EN:
        _center(d, 680, AWARDS_EN[view["award"]].upper(), load_font(30), GOLD)
    _center(d, 760, "集团企业大学 · 微课大赛组委会", load_font(36, bold=True), NAVY)
    small = load_font(26)
    d.text((120, 1000), f"证书编号 / No.  {view['number']}", font=small, fill=INK)
    d.text((120, 1045), f"颁发日期 / Issued  {view['issued_at']:%Y-%m-%d}", font=small, fill=INK)
    d.text((120, 1090), "验证：creator-studio verify <验证码>，或扫描右侧二维码", font=small, fill=INK)
    img.paste(_qr(view["verification_code"], 260), (W - 120 - 260, 880))
    d.text((W - 120 - 260, 1150), view["verification_code"][:26], font=load_font(16), fill=INK)
    out = Path(out)
    with atomic.staged_file(out) as tmp:
        img.save(tmp, "PDF", resolution=150.0)
    return out


def export_xlsx(entries: list[dict], scores: list[dict], result: dict, path: Path,
                form_names: dict[str, str] | None = None) -> Path:
    """Three sheets: 参赛作品 (entries), 评分明细 (scores per judge and criterion), 比赛结果.

    The workbook is the organising committee's record, in 中文 throughout (sheet names, headers,
    award names such as 一等奖), whatever language the staff member's window uses."""
    # form id → 中文 label from the format registry, through the caller (#18: the market
    # layer keeps no copy of the form names; ids are shown when none are given)
    names = dict(form_names or {})
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "参赛作品"
    ws.append(["编号", "作品", "参赛人/队长", "团队", "业务条线", "形式", "版本", "提交时间"])
    for e in entries:
        ws.append([e["id"], e["title"], e["owner_name"], e.get("team", ""), e.get("business_line", ""),
                   "、".join(names.get(f, f) for f in e["forms"]), e["version"],
                   e["submitted_at"]])
    ws2 = wb.create_sheet("评分明细")
    ws2.append(["作品编号", "评委", "评分项", "分数", "评语"])
    for s in scores:
        ws2.append([s["entry_id"], s["judge"], s["criterion"], s["points"], s["comment"]])
    ws3 = wb.create_sheet("比赛结果")
    rubric = result["contest"]["rubric"]
    ws3.append(["名次", "作品", "参赛人/队长", "标准化得分", "原始均分", "评委数"]
               + [f"{r['name']}（{r['weight']}%）" for r in rubric] + ["奖项", "备注"])
    for r in result["ranking"]:
        ws3.append([r["rank"], r["title"], r["owner_name"], round(r["score"], 2), round(r["raw_mean"], 2),
                    r["judges"]] + [round(r["criteria"][c["id"]], 2) for c in rubric]
                   + ["、".join(r["awards"]), r["tie_note"]])
    for sheet in (ws, ws2, ws3):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for col in sheet.columns:
            sheet.column_dimensions[col[0].column_letter].width = 16
    path = Path(path)
    with atomic.staged_file(path) as tmp:
        wb.save(tmp)
    return path


def results_long_image(result: dict, path: Path, width: int = 1080,
                       previews: dict[int, bytes] | None = None) -> Path:
    """The public results page (the showcase): title, awards by tier with a preview of each
    winning course when one is given, then the ranking, one PNG."""
    import io

    previews = previews or {}
    thumbs = {}
    for eid, data in previews.items():
        try:
            with Image.open(io.BytesIO(data)) as im:
                thumbs[int(eid)] = im.convert("RGB").copy()
        except Exception:  # noqa: BLE001 - a broken preview is left out
            continue
    c = result["contest"]
    title_f, h2_f, body_f, small_f = (load_font(60, bold=True), load_font(40, bold=True),
                                      load_font(32), load_font(26))
    pad = 60
    inner = width - 2 * pad
    blocks: list[tuple[str, object, tuple, int]] = []  # (text, font, colour, gap after)
    for line in wrap_for_font(f"{c['title']}", title_f, inner):
        blocks.append((line, title_f, (255, 255, 255), 24))
    blocks.append(("微课大赛 · 获奖名单", h2_f, (255, 226, 160), 40))
    header_h = pad + sum(f.size + g for _, f, _, g in blocks) + 20
    rows: list[tuple[str, object, tuple, int]] = []
    from creator_studio.core.market.contests import AWARDS

    order = list(AWARDS.values())  # tiers in rank order; special awards by their own names last
    winners = [r for r in result["ranking"] if r["awards"]]
    tiers: dict[str, list[dict]] = {}
    for r in winners:
        for a in r["awards"]:
            tiers.setdefault(a, []).append(r)
    for tier in sorted(tiers, key=lambda t: order.index(t) if t in order else 99):
        rows.append((f"【{tier}】", h2_f, (178, 34, 34), 16))
        for r in tiers[tier]:
            who = r["team"] or r["owner_name"]
            for line in wrap_for_font(f"《{r['title']}》 —— {who}", body_f, inner - 30):
                rows.append(("  " + line, body_f, INK, 8))
            if r["id"] in thumbs:
                rows[-1] = rows[-1][:3] + (22,)  # room between the line and its preview
                rows.append((thumbs[r["id"]], None, None, 16))
        rows[-1] = rows[-1][:3] + (30,)
    rows.append(("完整排名（标准化得分）", h2_f, NAVY, 16))
    for r in result["ranking"]:
        line = f"{r['rank']:>2}. {r['title']}  {r['score']:.2f}" + (f"  {r['tie_note'][:2]}" if r["tie_note"].startswith("并列") else "")
        for part in wrap_for_font(line, small_f, inner):
            rows.append((part, small_f, INK, 6))
    method = "逐评委 Z 分数标准化" if result["method"] == "zscore" else "去掉最高最低分后取平均"
    rows.append(("", small_f, INK, 20))
    rows.append((f"评分方法：{method}；同分按权重最高的评分项依次比较。", small_f, (110, 110, 110), 6))
    def row_h(text, font) -> int:  # noqa: ANN001
        return text.height if font is None else font.size

    body_h = sum(row_h(t, f) + g for t, f, _, g in rows)
    height = header_h + body_h + 2 * pad
    img = Image.new("RGB", (width, height), (250, 247, 240))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, width, header_h], fill=NAVY)
    y = pad
    for text, font, colour, gap in blocks:
        d.text((pad, y), text, font=font, fill=colour)
        y += font.size + gap
    y = header_h + pad
    for text, font, colour, gap in rows:
        if font is None:  # a preview of the winning course, framed
            img.paste(text, (pad + 30, y))
            d.rectangle([pad + 29, y - 1, pad + 30 + text.width, y + text.height], outline=GOLD, width=2)
        else:
            d.text((pad, y), text, font=font, fill=colour)
        y += row_h(text, font) + gap
    path = Path(path)
    with atomic.staged_file(path) as tmp:
        img.save(tmp, "PNG")
    return path
