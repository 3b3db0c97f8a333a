"""微课大赛 (#19) blind copy beyond bytes: names in PDF text layers and document information,
and names drawn into pixels (pictures, a long image, PDF pages, video title cards) read with
OCR (tesseract chi_sim) — and, without OCR, every such file listed as unchecked with a staff
warning in both languages. Both paths run here: the OCR-less one by hiding tesseract."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from creator_studio.core.market import contest_blind
from creator_studio.core.media.fonts import load_font

NAME, LOGIN = "张创客", "maker01"
TERMS = [NAME, LOGIN, "E1001"]


def _card(text: str, size=(1080, 720), font_px: int = 44, y: int = 200) -> Image.Image:
    img = Image.new("RGB", size, (250, 250, 250))
    ImageDraw.Draw(img).text((80, y), text, font=load_font(font_px), fill=(20, 20, 20))
    return img


def _package(root: Path) -> Path:
    """A copy whose bytes are clean but whose pixels name the maker in four places."""
    pkg = root / "copy"
    (pkg / "h5" / "img").mkdir(parents=True)
    (pkg / "long-image").mkdir()
    _card(f"讲师：{NAME}").save(pkg / "h5" / "img" / "title.png")
    _card("车险理赔三步走：报案、查勘、定损").save(pkg / "h5" / "img" / "clean.png")
    tall = Image.new("RGB", (1080, 5200), (255, 255, 255))
    tall.paste(_card("第一步：报案", (1080, 400)), (0, 0))
    tall.paste(_card(f"课程制作 {NAME}", (1080, 400), 36), (0, 4700))  # past the first slices
    tall.save(pkg / "long-image" / "long.png")
    return pkg


def _hide_tesseract(monkeypatch) -> None:
    real = shutil.which
    monkeypatch.setattr(contest_blind.shutil, "which",
                        lambda cmd, *a, **k: None if cmd == "tesseract" else real(cmd, *a, **k))


# ---------------------------------------------------------------------------------------------
# Text layers: no OCR needed


def test_pdf_text_layer_and_document_info_are_searched(qapp, tmp_path):
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

    path = tmp_path / "handout.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait, QMarginsF(10, 10, 10, 10)))
    p = QPainter(writer)
    p.setFont(QFont("Noto Sans CJK SC", 14))
    p.drawText(200, 400, f"车险理赔讲义 制作人：{NAME}")
    p.end()
    data = path.read_bytes()
    assert NAME.encode("utf-8") not in data and NAME.encode("utf-16-be") not in data  # bytes miss it
    leaks: list[dict] = []
    contest_blind.scan_bytes("h5/handout.pdf", data, TERMS, leaks)
    assert leaks == [{"path": "h5/handout.pdf", "term": NAME, "where": "PDF text"}]

    buf = io.BytesIO()  # a picture-only PDF whose document information names the author
    _card("车险理赔").save(buf, "PDF", author=NAME, title="讲义")
    leaks = []
    contest_blind.scan_bytes("a.pdf", buf.getvalue(), TERMS, leaks)
    assert "PDF text" in [lk["where"] for lk in leaks]  # the information dictionary, read
    buf = io.BytesIO()
    _card("车险理赔").save(buf, "PDF", title="讲义")
    leaks = []
    contest_blind.scan_bytes("b.pdf", buf.getvalue(), TERMS, leaks)
    assert leaks == []
    leaks = []
    contest_blind.scan_bytes("c.pdf", b"%PDF-1.4 broken", TERMS, leaks)
    assert leaks[0]["where"] == "unreadable PDF"


def test_svg_and_utf16_be_text_are_found(tmp_path):
    leaks: list[dict] = []
    svg = f'<svg xmlns="http://www.w3.org/2000/svg"><text>主讲 {NAME}</text></svg>'.encode()
    contest_blind.scan_bytes("h5/cover.svg", svg, TERMS, leaks)
    contest_blind.scan_bytes("x.bin", b"\xfe\xff" + NAME.encode("utf-16-be"), TERMS, leaks)
    assert [lk["path"] for lk in leaks] == ["h5/cover.svg", "x.bin"]


# ---------------------------------------------------------------------------------------------
# Pixels: without OCR (tesseract hidden) every such file is listed as unchecked


def test_without_ocr_pixels_are_reported_unchecked(tmp_path, monkeypatch):
    _hide_tesseract(monkeypatch)
    assert contest_blind.tesseract() is None
    pkg = _package(tmp_path)
    report = contest_blind.make_blind_copy(pkg, tmp_path / "blind", TERMS)
    assert report.clean  # the bytes are clean; the names drawn into pixels cannot be seen
    px = report.pixels
    assert px["engine"] is None and px["checked"] == [] and px["hits"] == []
    assert sorted(px["unchecked"]) == ["h5/img/clean.png", "h5/img/title.png", "long-image/long.png"]
    zh, en = contest_blind.pixel_warning(report.to_dict())
    assert "未安装文字识别" in zh and "无法检测" in zh and "3 个文件" in zh and "title.png" in zh
    assert "No OCR is installed" in en and "cannot be detected" in en
    # an entry stored before pixels were checked at all also warns
    assert "未检查画面" in contest_blind.pixel_warning({"files": 1})[0]


# ---------------------------------------------------------------------------------------------
# Pixels with OCR: tesseract with chi_sim (installed by scripts/setup.sh)


def test_ocr_is_installed_here():
    """The machine's setup installs tesseract-ocr + chi_sim (scripts/setup.sh); without it the
    OCR tests below would not be testing anything."""
    assert contest_blind.tesseract() is not None, "run scripts/setup.sh (tesseract-ocr-chi-sim)"


def test_ocr_finds_names_drawn_into_pixels(tmp_path):
    pkg = _package(tmp_path)
    px = contest_blind.pixel_check(pkg, TERMS)
    assert px["engine"].startswith("tesseract") and px["unchecked"] == []
    hits = sorted(h["path"] for h in px["hits"])
    assert hits == ["h5/img/title.png", "long-image/long.png"]  # the bottom of the long image too
    assert all(h["term"] == NAME and h["where"] == "pixels (OCR)" for h in px["hits"])
    report = contest_blind.make_blind_copy(pkg, tmp_path / "blind", TERMS)
    assert not report.clean and {lk["where"] for lk in report.leaks} == {"pixels (OCR)"}
    assert contest_blind.pixel_warning(report.to_dict()) is None  # everything was read


def test_ocr_reads_pdf_pages_and_video_title_cards(tmp_path):
    ffmpeg = shutil.which("ffmpeg")
    assert ffmpeg, "ffmpeg is a system requirement (scripts/setup.sh)"
    pkg = tmp_path / "copy"
    (pkg / "screen-record").mkdir(parents=True)
    card = tmp_path / "card.png"
    _card(f"讲师：{NAME}", (1280, 720), 56, 300).save(card)
    subprocess.run([ffmpeg, "-v", "error", "-y", "-loop", "1", "-i", str(card), "-t", "3",
                    "-r", "5", "-pix_fmt", "yuv420p", "-vf", "scale=1280:720",
                    str(pkg / "screen-record" / "lesson.mp4")], check=True, timeout=120)
    _card(f"讲义 · {NAME}").save(pkg / "screen-record" / "handout.pdf", "PDF")  # pixels only
    px = contest_blind.pixel_check(pkg, TERMS)
    assert sorted(h["path"] for h in px["hits"]) == ["screen-record/handout.pdf",
                                                       "screen-record/lesson.mp4"]


def test_ocr_time_budget_leaves_the_rest_unchecked(tmp_path):
    pkg = _package(tmp_path)
    px = contest_blind.pixel_check(pkg, TERMS, budget_s=0.0)
    assert px["checked"] == [] and len(px["unchecked"]) == 3
    zh, en = contest_blind.pixel_warning({"pixels": px})
    assert "未能完成文字识别" in zh and "time budget" in en


def test_a_maker_name_of_one_character_or_a_short_login_is_not_read_from_pixels(tmp_path):
    """Single CJK characters and short ASCII ids would match ordinary text by chance."""
    assert not contest_blind._term_counts("张") and not contest_blind._term_counts("li")
    assert contest_blind._term_counts("张三") and contest_blind._term_counts("E1001")


# ---------------------------------------------------------------------------------------------
# Through the contest: a drawn name refuses the entry; staff see what could not be checked

from tests.market.test_contests import _create, _small_package, _ui, contest_world  # noqa: E402,F401


def test_entry_refused_for_a_drawn_name_and_staff_warned_without_ocr(svc, world, contest_world,
                                                                      tmp_path, monkeypatch):
    from creator_studio.core.errors import ValidationError

    client, makers, judges = contest_world
    staff, maker = _ui(svc, world.staff), _ui(svc, makers[3])
    c = _create(client, staff, judges, svc.now())
    client.publish_contest(staff, c["id"])
    pkg = _small_package(tmp_path, "理赔三步走", "")
    _card(f"讲师：{maker.display_name}", (600, 400), 40, 150).save(pkg / "h5" / "cover.png")
    with pytest.raises(ValidationError) as e:  # OCR reads the name on the cover
        client.submit_contest_entry(maker, c["id"], pkg, "理赔三步走")
    assert e.value.code == "BLIND_COPY_FAILED"
    assert any(lk["where"] == "pixels (OCR)" for lk in e.value.details["leaks"])

    _card("理赔三步走", (600, 400), 40, 150).save(pkg / "h5" / "cover.png")
    client.submit_contest_entry(maker, c["id"], pkg, "理赔三步走")
    row = client.list_contest_entries(staff, c["id"])[0]
    assert row["ocr_engine"].startswith("tesseract") and row["pixels_checked"] == 1
    assert row["blind_warning_zh"] == "" and row["pixels_unchecked"] == []

    _hide_tesseract(monkeypatch)  # the same entry again on a machine without OCR
    client.submit_contest_entry(maker, c["id"], pkg, "理赔三步走（第二版）")
    row = client.list_contest_entries(staff, c["id"])[0]
    assert row["version"] == 2 and row["ocr_engine"] is None
    assert row["pixels_unchecked"] == ["h5/cover.png"]
    assert "无法检测" in row["blind_warning_zh"] and "cannot be detected" in row["blind_warning_en"]
    assert client.list_my_contest_entries(maker)[0]["blind_warning_zh"]  # the maker is told too


def test_an_unreadable_video_is_unchecked_and_warned(tmp_path):
    pkg = tmp_path / "copy"
    (pkg / "skit").mkdir(parents=True)
    (pkg / "skit" / "broken.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42 not really a video")
    px = contest_blind.pixel_check(pkg, TERMS)
    assert px["engine"] is not None and px["checked"] == [] and px["unchecked"] == ["skit/broken.mp4"]
    zh, en = contest_blind.pixel_warning({"pixels": px})
    assert "skit/broken.mp4" in zh and "unreadable" in en
