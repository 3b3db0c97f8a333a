"""The norms check on crafted packages: each rule kind can pass and can fail."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import imageio_ffmpeg
import pytest
from PIL import Image

from creator_studio.core.errors import StudioError, ValidationError
from creator_studio.core.forms.base import Artifact, ArtifactFile, save_lesson_snapshot, update_manifest
from creator_studio.core.lesson import model as m
from creator_studio.core.norms import check_package, default_normset, normset_from_dict


def _lesson(text="理赔材料需齐全。本课程仅供内部培训使用。", questions=3, title="车险理赔流程培训"):
    pages = [m.Page(id="p1", title="报案", blocks=[m.Paragraph(runs=[m.Run("客户报案后24小时内联系。")])]),
             m.Page(id="p2", title="材料", blocks=[m.Paragraph(runs=[m.Run(text)])])]
    qs = [m.Question(id=f"q{i}", stem=f"题目{i}", options=["对", "错"], answers=[0])
          for i in range(questions)]
    return m.Lesson(title=title, pages=pages, quiz=m.Quiz(questions=qs))


def _png(path: Path, width: int, height: int = 400) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (width, height), "white").save(path)


def _video(path: Path, size="1280x720", seconds=25) -> None:
    # with an audible track: a narrated video that is silent fails the narration-audible rule
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"color=c=blue:s={size}:d={seconds}:r=2", "-f", "lavfi", "-i",
                    f"sine=frequency=440:duration={seconds}", "-c:v", "libx264", "-preset",
                    "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", str(path)],
                   check=True, timeout=60)


def _package(tmp: Path, lesson: m.Lesson, *, width=750, video_size="1280x720", video_s=25,
             h5=True) -> Path:
    save_lesson_snapshot(lesson, tmp)
    _png(tmp / "long-image/part-01.png", width)
    update_manifest(tmp, lesson, Artifact("long-image", [ArtifactFile("long-image/part-01.png", "image")],
                                          info={"cover": True}))
    _video(tmp / "screen-record/course.mp4", video_size, video_s)
    update_manifest(tmp, lesson, Artifact("screen-record",
                                          [ArtifactFile("screen-record/course.mp4", "video")],
                                          info={"title_card": True}))
    if h5:
        update_manifest(tmp, lesson, Artifact("h5", [], info={"question_count": len(lesson.quiz)}))
    return tmp


def _status(report, rule_id):
    return {f.status for f in report.findings if f.rule_id == rule_id}


def test_clean_package_passes_every_rule(tmp_path):
    report = check_package(_package(tmp_path, _lesson()))
    assert not report.blocking, report.render_text()
    assert not report.warnings, report.render_text()
    checked = {f.rule_id for f in report.findings}
    assert {r.id for r in default_normset().rules} <= checked


def test_forbidden_wording_fails_and_names_the_page(tmp_path):
    report = check_package(_package(tmp_path, _lesson("本产品保本稳赚，零风险！仅供内部培训")))
    bad = [f for f in report.findings if f.rule_id == "forbidden-wording" and f.status == "fail"]
    assert {f.page for f in bad} == {"p2"}
    assert any("保本" in f.message_zh for f in bad) and len(bad) == 3
    assert report.blocking


def test_low_resolution_video_is_found_by_probing_the_file(tmp_path):
    report = check_package(_package(tmp_path, _lesson(), video_size="640x360"))
    assert _status(report, "video-resolution") == {"fail"}
    assert any("360p" in f.message_zh for f in report.failures)


def test_video_too_short(tmp_path):
    report = check_package(_package(tmp_path, _lesson(), video_s=5))
    assert _status(report, "video-duration") == {"fail"}


def test_long_image_width_read_from_the_picture(tmp_path):
    report = check_package(_package(tmp_path, _lesson(), width=800))
    assert _status(report, "long-image-width") == {"fail"}


def test_h5_needs_enough_questions(tmp_path):
    report = check_package(_package(tmp_path, _lesson(questions=1)))
    assert _status(report, "h5-min-questions") == {"fail"}


def test_missing_disclaimer_warns_without_blocking(tmp_path):
    report = check_package(_package(tmp_path, _lesson(text="材料需齐全。")))
    assert _status(report, "disclaimer") == {"warn"}
    assert not report.blocking


def test_title_length(tmp_path):
    report = check_package(_package(tmp_path, _lesson(title="课")))
    assert _status(report, "title-length") == {"fail"}


def test_report_round_trips_through_json(tmp_path):
    report = check_package(_package(tmp_path, _lesson("保本")))
    from creator_studio.core.norms import NormsReport

    again = NormsReport.from_dict(json.loads(json.dumps(report.to_dict(), ensure_ascii=False)))
    assert again.blocking == report.blocking and again.findings == report.findings


def test_staff_rules_are_validated():
    good = default_normset().to_dict()
    assert normset_from_dict(good).version == 1
    bad_kind = json.loads(json.dumps(good))
    bad_kind["rules"][0]["kind"] = "nonsense"
    with pytest.raises(ValidationError) as exc:
        normset_from_dict(bad_kind)
    assert exc.value.code == "NORMS_INVALID" and "title-length" in exc.value.message_zh
    missing = json.loads(json.dumps(good))
    missing["rules"][0]["params"] = {}
    with pytest.raises(ValidationError):
        normset_from_dict(missing)


def test_not_a_package(tmp_path):
    with pytest.raises(StudioError) as exc:
        check_package(tmp_path)
    assert exc.value.code == "NOT_A_PACKAGE"


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "creator_studio", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def test_check_cli_exit_codes(tmp_path):
    good = _package(tmp_path / "good", _lesson())
    out = _cli("check", good)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "可交付" in out.stdout
    bad = _package(tmp_path / "bad", _lesson("稳赚不赔"))
    out = _cli("check", bad, "--json")
    assert out.returncode == 1
    assert json.loads(out.stdout)["blocking"] is True
    out = _cli("check", tmp_path / "nothing-here")
    assert out.returncode == 2
    assert out.stderr.startswith("error[NOT_A_PACKAGE]") and "Traceback" not in out.stderr
