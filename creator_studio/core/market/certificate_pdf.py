"""The printable certificate: an A4 landscape PDF with a QR code carrying the verification code."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw

from creator_studio.core import atomic
from creator_studio.core.media.fonts import load_font

W, H = 1754, 1240  # A4 landscape at 150 dpi
NAVY, GOLD, INK = (20, 48, 102), (184, 142, 60), (40, 40, 40)


def _center(draw: ImageDraw.ImageDraw, y: int, text: str, font, fill) -> None:
    w = draw.textlength(text, font=font)
    draw.text(((W - w) / 2, y), text, font=font, fill=fill)


def draw_certificate_pdf(cert, holder, out: Path, form_names: Mapping[str, str] | None = None
                         ) -> Path:
    """`form_names` (form id → 中文 label) comes from the format registry, through the caller:
    the market layer never loads the forms, and keeps no copy of their names (#18)."""
    names = dict(form_names or {})
    img = Image.new("RGB", (W, H), (252, 250, 244))
    d = ImageDraw.Draw(img)
    d.rectangle([30, 30, W - 30, H - 30], outline=NAVY, width=10)
    d.rectangle([55, 55, W - 55, H - 55], outline=GOLD, width=3)
    _center(d, 130, "创客资格证书", load_font(96, bold=True), NAVY)
    _center(d, 250, "MAKER CERTIFICATE", load_font(40), GOLD)
    _center(d, 380, f"兹证明  {holder.display_name}", load_font(60, bold=True), INK)
    forms = "、".join(names.get(f, f) for f in cert.forms)
    _center(d, 490, "已完成创客培训、考试与实践课程评审，具备以下课程形式的制作资格：",
            load_font(34), INK)
    _center(d, 560, forms, load_font(48, bold=True), NAVY)
    _center(d, 660, f"有效期：{cert.issued_at:%Y年%m月%d日} 至 {cert.expires_at:%Y年%m月%d日}",
            load_font(34), INK)
    small = load_font(26)
    d.text((120, 1000), f"证书编号 / No.  {cert.number}", font=small, fill=INK)
    d.text((120, 1045), f"状态 / Status  {cert.status}", font=small, fill=INK)
    d.text((120, 1090), "验证：creator-studio verify <验证码>，或扫描右侧二维码", font=small, fill=INK)
    qr = qrcode.QRCode(border=2, box_size=8, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(cert.verification_code)
    qr.make(fit=True)
    code_img = qr.make_image(fill_color="black", back_color="white").convert("RGB").resize((260, 260))
    img.paste(code_img, (W - 120 - 260, 880))
    d.text((W - 120 - 260, 1150), cert.verification_code[:26], font=load_font(16), fill=INK)
    _center(d, 800, "集团企业大学 · 创客认证中心", load_font(36, bold=True), NAVY)
    out = Path(out)
    with atomic.staged_file(out) as tmp:
        img.save(tmp, "PDF", resolution=150.0)
    return out
