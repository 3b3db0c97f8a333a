"""`creator-studio import` as a user runs it: a real subprocess, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
CLI = ROOT / ".venv" / "bin" / "creator-studio"
CORPUS = ROOT / "tests" / "data" / "corpus"
ERROR_LINE = re.compile(r"^error\[([A-Z_]+)\]: (.+) / (.+)$")


def run(*args, home: Path) -> subprocess.CompletedProcess:
    exe = [str(CLI)] if CLI.exists() else [sys.executable, "-m", "creator_studio"]
    env = dict(os.environ, CREATOR_STUDIO_HOME=str(home), PYTHONIOENCODING="utf-8")
    return subprocess.run(exe + ["import", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, env=env)


def test_outline_of_a_chinese_deck(_isolated_home):
    r = run(CORPUS / "pptx" / "pptxtojson_test.pptx", home=_isolated_home)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.startswith("标题 Title: 我是標題\n")
    assert "19 页 pages" in out and "表格 tables 3" in out and "图表 charts 8" in out
    assert "    8. 表格測試 — 表格×2" in out
    assert "   18. 圖表測試-3D圓餅圖 — 图表×1" in out
    assert "测验题 Quiz questions: 0" in out and "对话台词 Dialogue lines: 0" in out
    assert "Traceback" not in r.stderr


def test_outline_marks_notes_hidden_timing_and_warnings(feature_deck, _isolated_home):
    r = run(feature_deck, home=_isolated_home)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert "[备注 notes]" in lines[2] and "[5s]" in lines[2]
    assert "[隐藏 hidden]" in lines[3] and "[3s]" in lines[3]
    assert re.search(r"    5\. 坏图片 — .*\[警告 1\]", r.stdout)
    assert re.search(r"警告 Warnings: [1-9]", r.stdout)
    assert "外部链接" in r.stdout


def test_json_is_the_full_model(tmp_path, _isolated_home):
    assets = tmp_path / "assets"
    r = run(CORPUS / "pptx" / "poi_EmbeddedAudio.pptx", "--json", "--assets", assets,
            home=_isolated_home)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["schema_version"] >= 1 and doc["source"]["kind"] == "pptx"
    media = doc["pages"][0]["blocks"][0]
    assert media["kind"] == "media" and (assets / media["asset"]).is_file()
    assert doc["counts"]["media"] == 1


@pytest.mark.parametrize("rel,code", [
    ("pptx/tika_encrypted_passtika.pptx", "ENCRYPTED"),
    ("pptx/poi_fuzz_5463285576892416.pptx", "CORRUPT"),
    ("docx/tika_testWORD_truncated.docx", "CORRUPT"),
    ("docx/tika_encrypted_passtika.docx", "ENCRYPTED"),
    ("missing.pptx", "FILE_NOT_FOUND"),
])
def test_refused_inputs_exit_2_with_one_line(rel, code, _isolated_home):
    r = run(CORPUS / rel, home=_isolated_home)
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    m = ERROR_LINE.match(lines[0])
    assert m and m.group(1) == code
    assert re.search(r"[\u4e00-\u9fff]", m.group(2)) and re.search(r"[A-Za-z]", m.group(3))
    assert "Traceback" not in r.stderr


def test_generated_hostile_files_exit_2(tmp_path, tools, small_deck, _isolated_home):
    bomb = tools.make_zip_bomb(small_deck, tmp_path / "bomb.pptx", zero_mb=50)
    ole = tmp_path / "old.ppt"
    ole.write_bytes(tools.make_cfb(["PowerPoint Document"]))
    noise = tmp_path / "noise.docx"
    noise.write_bytes(os.urandom(2000))
    empty = tmp_path / "empty.pptx"
    empty.write_bytes(b"")
    for f, code in [(bomb, "ZIP_BOMB"), (ole, "LEGACY_BINARY"), (noise, "NOT_OFFICE"),
                    (empty, "EMPTY_FILE")]:
        r = run(f, home=_isolated_home)
        assert r.returncode == 2 and "Traceback" not in r.stderr
        assert r.stderr.count("\n") == 1 and r.stderr.startswith(f"error[{code}]: ")


def test_outline_shows_picture_pages_and_columns(_isolated_home):
    r = run(CORPUS / "pptx" / "zh_designed_aisys_ch13_figs.pptx", home=_isolated_home)
    assert r.returncode == 0, r.stderr
    lines = [ln for ln in r.stdout.splitlines() if ln.lstrip()[:2] in ("1.", "2.", "3.")]
    assert "[整页图片 picture]" in lines[0] and "[图片+文字 picture+text]" in lines[2]
    r = run(CORPUS / "pptx" / "pptxtojson_test.pptx", home=_isolated_home)
    assert "分栏×1" in r.stdout  # 版面 5: two columns
