"""The norms check must not read files outside the package it checks (defect 4 family, issue 20).

The team server runs `check_package` on packages makers upload (`market/deliveries.py`). Its
manifest lists the files to check; before the fix an entry like `../../secret.vtt`, an absolute
path or a symlink made the check read that file and quote its text in the findings.
"""

from __future__ import annotations

import json
from pathlib import Path

from creator_studio.core.norms import check_package
from creator_studio.core.norms.check import PackageContext

SECRET = "SECRET-7f3a 本页没有文字内容 内部薪酬表"  # a placeholder phrase: the rule quotes around it


def _package(root: Path, outside: Path) -> Path:
    pkg = root / "pkg"
    (pkg / "screen-record").mkdir(parents=True)
    (pkg / "screen-record" / "course.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\n（本页没有文字内容）\n",
                                                      encoding="utf-8")
    (pkg / "screen-record" / "link.vtt").symlink_to(outside)
    files = [{"path": "screen-record/course.vtt", "role": "captions"},
             {"path": "../secret.vtt", "role": "captions"},
             {"path": str(outside), "role": "captions"},
             {"path": "screen-record/link.vtt", "role": "captions"},
             {"path": "screen-record\\..\\..\\secret.vtt", "role": "captions"}]
    manifest = {"title": "测试", "forms": {"screen-record": {"files": files}}}
    (pkg / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return pkg


def test_manifest_entries_outside_the_package_are_not_read(tmp_path):
    outside = tmp_path / "secret.vtt"
    outside.write_text(f"WEBVTT\n\n00:00.000 --> 00:01.000\n{SECRET}\n", encoding="utf-8")
    pkg = _package(tmp_path, outside)
    ctx = PackageContext(pkg)
    assert [f["path"] for f in ctx.files("screen-record")] == ["screen-record/course.vtt"]
    assert ctx.image_size("../secret.vtt") is None and ctx.image_size(str(outside)) is None
    report = check_package(pkg)
    text = json.dumps([f.__dict__ for f in report.findings], ensure_ascii=False)
    assert "SECRET-7f3a" not in text and "内部薪酬表" not in text
    # control: the same rule does read and quote the file inside the package
    assert "screen-record/course.vtt" in text and "本页没有文字内容" in text


def test_a_manifest_that_is_a_link_out_is_not_a_package(tmp_path):
    import pytest

    from creator_studio.core.errors import StudioError

    real = tmp_path / "elsewhere.json"
    real.write_text(json.dumps({"forms": {}}), encoding="utf-8")
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "manifest.json").symlink_to(real)
    with pytest.raises(StudioError) as ei:
        PackageContext(pkg)
    assert ei.value.code == "NOT_A_PACKAGE"
