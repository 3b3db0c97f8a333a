"""Issue 20, defect 4: a project folder must not pull local files into a course.

The attack: a crafted `course.json` names `../secret.png`, `/abs/path/secret.png`, a symlink in
`assets/` that points outside, or makes `assets/` itself a link. Before the fix each of these
copied the outside picture into H5 media, both zips and the long image. Now the project is
refused on load with `ASSET_OUTSIDE_PROJECT`, and a lesson built in memory with such a name makes
the form fail with the same typed error; in no case do the secret bytes reach the output.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image as PILImage

from creator_studio.core.errors import StudioError
from creator_studio.core.forms import render_forms
from creator_studio.core.lesson import Heading, Image, Lesson, Page, Paragraph, Run, dumps, load_project

ROOT = Path(__file__).parents[2]
CLI = ROOT / ".venv" / "bin" / "creator-studio"
ERROR_LINE = re.compile(r"^error\[([A-Z_]+)\]: (.+) / (.+)$")


def _secret_png(path: Path) -> bytes:
    """A 'private' picture (say, a scanned ID card) the attacker wants shipped in the course."""
    im = PILImage.new("RGB", (64, 48), (200, 30, 40))
    im.putpixel((3, 7), (1, 2, 3))
    buf = io.BytesIO()
    im.save(buf, "PNG", pnginfo=None)
    data = buf.getvalue() + b"SECRET-MARKER-7f3a"  # trailing bytes survive a byte copy
    path.write_bytes(data)
    return data


def _lesson(name: str) -> Lesson:
    return Lesson(title="资源越界测试", pages=[Page(id="p1", title="第一页", blocks=[
        Heading(text="图片", level=2),
        Paragraph(runs=[Run("下面这张图来自项目外部。")]),
        Image(asset=name, alt="身份证"),
    ])])


def _project(folder: Path, name: str) -> Path:
    (folder / "assets").mkdir(parents=True, exist_ok=True)
    (folder / "course.json").write_text(dumps(_lesson(name)), encoding="utf-8")
    return folder


def _all_bytes(out: Path) -> bytes:
    """Every byte under `out`, including the members of every zip (the SCORM and cmi5 packages)."""
    chunks = []
    for p in out.rglob("*"):
        if p.is_file():
            data = p.read_bytes()
            chunks.append(data)
            if zipfile.is_zipfile(p):
                with zipfile.ZipFile(p) as z:
                    chunks.extend(z.read(n) for n in z.namelist())
    return b"\n".join(chunks)


def _convert(project: Path, out: Path, home: Path) -> subprocess.CompletedProcess:
    exe = [str(CLI)] if CLI.exists() else [sys.executable, "-m", "creator_studio"]
    env = dict(os.environ, CREATOR_STUDIO_HOME=str(home), PYTHONIOENCODING="utf-8")
    return subprocess.run(exe + ["convert", str(project), "--to", "h5,long-image", "--out", str(out),
                                 "--quiet"], capture_output=True, text=True, encoding="utf-8",
                          timeout=300, env=env)


def _attack(kind: str, tmp: Path) -> tuple[Path, bytes]:
    outside = tmp / "private"
    outside.mkdir()
    secret = _secret_png(outside / "secret.png")
    proj = tmp / "proj"
    if kind == "dotdot":
        _project(proj, "../../private/secret.png")
    elif kind == "absolute":
        _project(proj, str(outside / "secret.png"))
    elif kind == "symlink-file":
        _project(proj, "a1b2c3.png")
        (proj / "assets" / "a1b2c3.png").symlink_to(outside / "secret.png")
    elif kind == "symlink-folder":
        proj.mkdir()
        (proj / "assets").symlink_to(outside)
        (proj / "course.json").write_text(dumps(_lesson("secret.png")), encoding="utf-8")
    elif kind == "backslash":
        _project(proj, "..\\..\\private\\secret.png")
    else:
        raise AssertionError(kind)
    return proj, secret


ATTACKS = ["dotdot", "absolute", "symlink-file", "symlink-folder", "backslash"]


@pytest.mark.parametrize("kind", ATTACKS)
def test_load_project_refuses(kind, tmp_path):
    proj, _ = _attack(kind, tmp_path)
    with pytest.raises(StudioError) as ei:
        load_project(proj)
    assert ei.value.code == "ASSET_OUTSIDE_PROJECT"
    assert "资源文件夹之外" in ei.value.message_zh and "outside" in ei.value.message_en


@pytest.mark.parametrize("kind", ["dotdot", "absolute", "symlink-file", "symlink-folder"])
def test_convert_cli_refuses_and_ships_nothing(kind, tmp_path, _isolated_home):
    proj, secret = _attack(kind, tmp_path)
    out = tmp_path / "out"
    r = _convert(proj, out, _isolated_home)
    assert r.returncode == 2, (r.stdout, r.stderr)
    lines = [x for x in r.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    m = ERROR_LINE.match(lines[0])
    assert m and m.group(1) == "ASSET_OUTSIDE_PROJECT", lines[0]
    if out.exists():
        assert b"SECRET-MARKER-7f3a" not in _all_bytes(out)


def test_convert_cli_ships_an_inside_picture(tmp_path, _isolated_home):
    """Control: the same route with the picture inside `assets/` does ship it — so the refusal
    above is the check, not a broken pipeline. A symlink that stays inside is fine too."""
    proj = _project(tmp_path / "proj", "c0ffee.png")
    secret = _secret_png(proj / "assets" / "real.png")
    (proj / "assets" / "c0ffee.png").symlink_to("real.png")
    out = tmp_path / "out"
    r = _convert(proj, out, _isolated_home)
    assert r.returncode == 0, r.stderr
    blob = _all_bytes(out / "h5")
    assert b"SECRET-MARKER-7f3a" in blob  # copied byte-for-byte into media/ and both zips
    assert secret in blob
    assert sorted(out.joinpath("long-image").glob("part-*.png"))


@pytest.mark.parametrize("kind", ["dotdot", "absolute", "symlink-file"])
def test_forms_refuse_a_lesson_built_in_memory(kind, tmp_path):
    """Code that builds a Lesson itself (plugins, the window) bypasses `load_project`:
    `Lesson.asset_path` is the second line, so H5 and the long image fail typed."""
    proj, _ = _attack(kind, tmp_path)
    name = json.loads((proj / "course.json").read_text(encoding="utf-8"))["pages"][0]["blocks"][2]["asset"]
    lesson = _lesson(name)
    lesson.asset_root = proj / "assets"
    out = tmp_path / "out"
    done, failed = render_forms(lesson, out, ["h5", "long-image"])
    assert not done
    assert {k: e.code for k, e in failed.items()} == {"h5": "ASSET_OUTSIDE_PROJECT",
                                                      "long-image": "ASSET_OUTSIDE_PROJECT"}
    assert b"SECRET-MARKER-7f3a" not in _all_bytes(out)


def test_damaged_asset_name_type_is_typed(tmp_path):
    proj = _project(tmp_path / "proj", "x.png")
    data = json.loads((proj / "course.json").read_text(encoding="utf-8"))
    data["pages"][0]["raster"] = ["not", "a", "name"]
    (proj / "course.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(StudioError) as ei:
        load_project(proj)
    assert ei.value.code == "PROJECT_DAMAGED"
