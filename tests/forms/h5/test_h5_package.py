"""The H5 package on disk: data escaping, file naming, SCORM/cmi5 manifests, the Format contract."""

from __future__ import annotations

import html as html_mod
import json
import re
import zipfile
from pathlib import Path

import pytest
from h5_samples import HOSTILE, make_hostile_lesson, make_lesson, make_script, png_bytes
from lxml import etree

from creator_studio.core.errors import RenderError
from creator_studio.core.forms import available_formats, render_forms
from creator_studio.core.forms.h5 import (
    CMI5_ZIP,
    SCORM_ZIP,
    H5Format,
    best_path_score,
    build_package,
    json_for_script,
    lesson_course_data,
    safe_link,
    scenario_course_data,
)
from creator_studio.core.jobs import Job
from creator_studio.core.lesson import model as m

NS = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
      "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
CMI5_NS = {"c": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"}


@pytest.fixture
def built(tmp_path):
    lesson = make_lesson(tmp_path / "assets")
    art = H5Format().render(lesson, tmp_path / "out", {"pass_mark": 75}, Job())
    return tmp_path / "out", art


def validate_scorm12(zip_path: Path) -> etree._Element:
    """SCORM 1.2 content-package structure, as an LMS importer checks it."""
    with zipfile.ZipFile(zip_path) as zf:
        names = set(zf.namelist())
        assert "imsmanifest.xml" in names, "manifest must sit at the zip root"
        root = etree.fromstring(zf.read("imsmanifest.xml"), etree.XMLParser(resolve_entities=False))
    assert root.tag == f"{{{NS['cp']}}}manifest" and root.get("identifier")
    assert root.nsmap.get("adlcp") == NS["adlcp"]
    assert root.findtext("cp:metadata/cp:schema", namespaces=NS) == "ADL SCORM"
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    orgs = root.find("cp:organizations", NS)
    default = orgs.get("default")
    org = orgs.find(f"cp:organization[@identifier='{default}']", NS)
    assert org is not None and org.findtext("cp:title", namespaces=NS)
    items = org.findall("cp:item", NS)
    assert items
    resources = {r.get("identifier"): r for r in root.findall("cp:resources/cp:resource", NS)}
    for item in items:
        res = resources[item.get("identifierref")]
        assert res.get("type") == "webcontent"
        assert res.get(f"{{{NS['adlcp']}}}scormtype") == "sco"
        assert res.get("href") == "index.html"
        listed = {f.get("href") for f in res.findall("cp:file", NS)}
        # the schema files sit beside the manifest and belong to no SCO (issue 20)
        schemas = {"imscp_rootv1p1p2.xsd", "imsmd_rootv1p2p1.xsd", "adlcp_rootv1p2.xsd", "ims_xml.xsd"}
        assert schemas <= names, "the XSDs named in schemaLocation are shipped"
        assert listed == names - {"imsmanifest.xml"} - schemas, "every zip file listed, every listed file present"
        assert "index.html" in listed
    return root


def test_scorm_manifest_is_valid_and_lists_every_file(built):
    out, art = built
    root = validate_scorm12(out / "h5" / SCORM_ZIP)
    mastery = root.find(".//adlcp:masteryscore", NS)
    assert mastery is not None and mastery.text == "75"


def test_cmi5_structure_relative_url_and_mastery(built):
    out, _ = built
    with zipfile.ZipFile(out / "h5" / CMI5_ZIP) as zf:
        names = zf.namelist()
        root = etree.fromstring(zf.read("cmi5.xml"))
        index = html_mod.unescape(zf.read("index.html").decode())
    assert "cmi5.xml" in names and "index.html" in names and "imsmanifest.xml" not in names
    assert root.tag == f"{{{CMI5_NS['c']}}}courseStructure"
    course = root.find("c:course", CMI5_NS)
    assert course.get("id").startswith("urn:")
    au = root.find("c:au", CMI5_NS)
    assert au.get("moveOn") == "CompletedAndPassed" and au.get("masteryScore") == "0.75"
    url = au.findtext("c:url", namespaces=CMI5_NS)
    assert url == "index.html" and "://" not in url
    assert au.find("c:title/c:langstring", CMI5_NS).text
    # The LRS lives elsewhere: only the cmi5 copy may connect beyond 'self'.
    assert "connect-src 'self' https:" in index
    assert "connect-src 'self';" in html_mod.unescape((out / "h5" / "index.html").read_text())


def test_folder_layout_csp_and_no_inline_script(built):
    out, art = built
    h5 = out / "h5"
    html = (h5 / "index.html").read_text(encoding="utf-8")
    csp = html_mod.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    for part in ("default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
                 "media-src 'self'", "base-uri 'none'", "form-action 'none'"):
        assert part in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts and all('src="' in attrs and not body.strip() for attrs, body in scripts)
    assert not re.search(r"\son[a-z]+=", html), "no inline event handlers"
    assert 'type="module"' not in html
    for rel in ("assets/player.js", "assets/tracking.js", "assets/player.css", "data.js"):
        assert (h5 / rel).is_file()
    js = (h5 / "assets" / "player.js").read_text()
    assert "innerHTML" not in js and "fetch(" not in js and "XMLHttpRequest" not in js and "eval(" not in js
    media = sorted(p.name for p in (h5 / "media").iterdir())
    assert media and all(re.fullmatch(r"[0-9a-f]{32}\.(png|wav)", n) for n in media)
    roles = {f.path: f.role for f in art.files}
    assert roles["h5/index.html"] == "html" and roles[f"h5/{SCORM_ZIP}"] == "package"
    assert all(f.bytes == (out / f.path).stat().st_size for f in art.files)
    assert art.info["page_count"] == 3 and art.info["question_count"] == 4
    assert art.info["interactions"] == {"quiz": 4, "flip_cards": 1, "ordering": 1}
    assert art.info["package_bytes"]["scorm12"] == (h5 / SCORM_ZIP).stat().st_size


def test_data_js_escapes_script_breakers(tmp_path):
    lesson = make_hostile_lesson(tmp_path / "a")
    H5Format().render(lesson, tmp_path / "out", {}, Job())
    h5 = tmp_path / "out" / "h5"
    data_js = (h5 / "data.js").read_text(encoding="utf-8")
    assert "<" not in data_js and ">" not in data_js
    assert "\u2028" not in data_js and "\u2029" not in data_js
    assert "\\u003cscript\\u003e" in data_js
    payload = json.loads(data_js[len("window.COURSE = "):].rstrip().rstrip(";"))
    assert payload["title"].startswith(HOSTILE)  # escaped on disk, identical once parsed
    links = [r.get("link") for b in payload["pages"][0]["blocks"] if b["t"] == "p" for r in b["runs"]]
    assert links == [None, None, None, "https://example.com/ok"]
    html = (h5 / "index.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in html and "&lt;script&gt;" in html
    names = {p.relative_to(h5).as_posix() for p in h5.rglob("*")}
    assert not any("script" in n or "<" in n or '"' in n for n in names)
    with zipfile.ZipFile(h5 / SCORM_ZIP) as zf:
        manifest = zf.read("imsmanifest.xml").decode()
    assert "<script>" not in manifest and "&lt;script&gt;" in manifest
    validate_scorm12(h5 / SCORM_ZIP)


@pytest.mark.parametrize("link,ok", [
    ("https://a.example/x", True), ("http://a", True), ("mailto:x@y.cn", True),
    ("javascript:alert(1)", False), (" jAvAsCrIpT:alert(1)", False), ("java\tscript:alert(1)", False),
    ("\x00javascript:alert(1)", False), ("data:text/html,x", False), ("file:///etc/passwd", False),
    ("vbscript:msgbox", False), ("../../secret", False), ("", False), (None, False),
])
def test_safe_link_allow_list(link, ok):
    assert (safe_link(link) is not None) is ok


def test_json_for_script_escapes_separators():
    text = json_for_script({"a": "</script>\u2028\u2029&"})
    assert "</" not in text and "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"a": "</script>\u2028\u2029&"}


def test_derived_interactions(tmp_path):
    lesson = make_lesson(tmp_path / "a")
    data, media, warnings = lesson_course_data(lesson)
    cards = [x for x in data["extras"] if x["type"] == "cards"][0]
    assert [c["term"] for c in cards["cards"]] == ["保费", "保额", "免赔额"]
    order = [x for x in data["extras"] if x["type"] == "order"][0]
    assert order["items"] == ["报案", "提交材料", "审核", "赔付"]
    assert sorted(order["start"]) == [0, 1, 2, 3] and order["start"] != [0, 1, 2, 3]
    chart = [b for b in data["pages"][1]["blocks"] if b.get("chart")][0]
    assert chart["rows"][1] == [{"text": "一季度", "rs": 1, "cs": 1}, {"text": "120", "rs": 1, "cs": 1}]
    # bold "term: definition" paragraphs also make cards
    page = m.Page(id="t", title="t", blocks=[
        m.Paragraph(runs=[m.Run("犹豫期", bold=True), m.Run("：签收保单后的十五天")]),
        m.Paragraph(runs=[m.Run("等待期:", bold=True), m.Run(" 合同生效后一段时间内不赔")]),
        m.Paragraph(runs=[m.Run("普通句子：不是术语")])])
    d2, _, _ = lesson_course_data(m.Lesson(title="x", pages=[page]))
    assert [c["term"] for c in d2["extras"][0]["cards"]] == ["犹豫期", "等待期"]


def test_missing_assets_and_bad_questions_warn(tmp_path):
    page = m.Page(id="p", title="t", blocks=[m.Image(asset="nope.png", alt="丢失的图")])
    quiz = m.Quiz(questions=[m.Question(id="q", kind="single", stem="无答案", options=["a"], answers=[])])
    lesson = m.Lesson(title="t", pages=[page], quiz=quiz)
    lesson.asset_root = tmp_path
    data, media, warnings = lesson_course_data(lesson)
    # issue 15: a missing picture is left out (no placeholder for the buyer), the maker is warned
    assert media == {} and data["pages"][0]["blocks"] == []
    assert any("丢失的图" in w for w in warnings)
    assert data["quiz"] == [] and any("未放入" in w for w in warnings)


def test_vector_pictures_use_their_raster_or_are_left_out(tmp_path):
    (tmp_path / "v.emf").write_bytes(b"\x01\x00\x00\x00" + b"\x00" * 100)
    (tmp_path / "r.png").write_bytes(png_bytes())
    page = m.Page(id="p", title="t", blocks=[
        m.Image(asset="v.emf", alt="流程图", needs_raster=True),
        m.Image(asset="v.emf", alt="流程图2", needs_raster=True, raster_asset="r.png")])
    hidden = m.Page(id="h", title="隐藏页", hidden=True)
    lesson = m.Lesson(title="t", pages=[page, hidden])
    lesson.asset_root = tmp_path
    data, media, warnings = lesson_course_data(lesson)
    (second,) = data["pages"][0]["blocks"]
    assert any("矢量图" in w and "流程图" in w for w in warnings)
    assert media[second["src"]] == tmp_path / "r.png"
    assert len(data["pages"]) == 1  # hidden pages are not in the course


def test_unknown_media_bytes_are_not_shipped(tmp_path):
    bad = tmp_path / "evil.html"
    bad.write_text("<script>alert(1)</script>")
    res = build_package(tmp_path / "pkg", {"pages": [], "quiz": []}, title="t", media={"m1": bad})
    assert not (tmp_path / "pkg" / "media").exists()
    assert res.warnings and "无法识别" in res.warnings[0]


def test_render_errors_are_typed(tmp_path):
    with pytest.raises(RenderError) as e:
        H5Format().render(m.Lesson(title="空"), tmp_path, {}, Job())
    assert e.value.code == "H5_EMPTY" and e.value.message_en
    lesson = make_lesson(tmp_path / "a")
    for bad in (101, "abc", -1):
        with pytest.raises(RenderError) as e:
            H5Format().render(lesson, tmp_path, {"pass_mark": bad}, Job())
        assert e.value.code == "H5_OPTION"


def test_registered_and_manifest_updated(tmp_path):
    assert "h5" in available_formats(reload=True)
    fmt = available_formats()["h5"]
    assert fmt.label_zh == "H5互动课程"
    assert {o.name for o in fmt.options()} >= {"pass_mark", "slide_pictures", "narration"}
    lesson = make_lesson(tmp_path / "a", with_quiz=False)
    done, failed = render_forms(lesson, tmp_path / "out", ["h5"])
    assert not failed
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["forms"]["h5"]["info"]["question_count"] == 0
    with zipfile.ZipFile(tmp_path / "out" / "h5" / CMI5_ZIP) as zf:
        au = etree.fromstring(zf.read("cmi5.xml")).find("c:au", CMI5_NS)
    assert au.get("moveOn") == "Completed" and au.get("masteryScore") is None
    with zipfile.ZipFile(tmp_path / "out" / "h5" / SCORM_ZIP) as zf:
        assert b"masteryscore" not in zf.read("imsmanifest.xml")


def test_slide_pictures_option(tmp_path):
    lesson = make_lesson(tmp_path / "a")
    lesson.pages[1].raster = "pic.png"
    on, media_on, _ = lesson_course_data(lesson, slide_pictures=True)
    off, media_off, _ = lesson_course_data(lesson, slide_pictures=False)
    assert on["pages"][1]["raster"] and off["pages"][1]["raster"] is None
    default, _, _ = lesson_course_data(lesson)
    assert default["pages"][1]["raster"] is None  # opt-in (a CLI bool flag can only switch on)


def test_narration_option_without_tts_engine_degrades(tmp_path, monkeypatch):
    monkeypatch.setenv("CREATOR_STUDIO_ESPEAK", "none")
    monkeypatch.setenv("CREATOR_STUDIO_SYSTEM_TTS", "none")
    lesson = make_lesson(tmp_path / "a")
    lesson.pages[1].narration = "这一页讲术语。"
    art = H5Format().render(lesson, tmp_path / "out", {"narration": True}, Job())
    assert art.info["narrated_pages"] == 1 and art.info["synthesized_pages"] == 0  # recorded page only
    assert any("语音合成" in w for w in art.warnings)
    assert not any(p.name.startswith(".") for p in (tmp_path / "out").iterdir())


def test_narration_option_with_espeak(tmp_path, monkeypatch):
    import shutil

    monkeypatch.setenv("CREATOR_STUDIO_SYSTEM_TTS", "none")
    monkeypatch.delenv("CREATOR_STUDIO_ESPEAK", raising=False)
    assert shutil.which("espeak-ng"), "espeak-ng is part of this machine's setup"
    lesson = make_lesson(tmp_path / "a")
    lesson.pages[1].narration = "这一页讲术语。"
    art = H5Format().render(lesson, tmp_path / "out", {"narration": True}, Job())
    assert art.info["synthesized_pages"] == 1 and art.info["narrated_pages"] == 2
    # the recording stays as it was; synthesized narration ships as AAC (.m4a), not WAV
    clips = [f for f in art.files if f.path.endswith((".wav", ".m4a"))]
    assert sorted(f.path[-4:] for f in clips) == [".m4a", ".wav"] and all(f.bytes > 1000 for f in clips)
    # without the option, nothing is synthesized
    art2 = H5Format().render(lesson, tmp_path / "out2", {}, Job())
    assert art2.info["narrated_pages"] == 1


def test_scenario_data_and_best_path(tmp_path):
    script = make_script()
    assert best_path_score(script) == 20
    data, media, warnings = scenario_course_data(script, pass_mark=80)
    assert data["kind"] == "scenario" and data["start"] == "s1" and data["max_score"] == 20
    first = data["scenes"][0]
    assert first["decision"]["options"][0]["next"] == "s1"  # the retry loop
    assert [o["best"] for o in first["decision"]["options"]] == [False, True]
    assert {c["side"] for c in data["cast"]} == {"left", "right", "center"}
    assert all(re.fullmatch(r"[0-9A-F]{6}", c["color"]) for c in data["cast"])
    bad = m.Script(cast=[], scenes=[m.Scene(id="a", lines=[m.Line("ghost", "hi")])])
    d2, _, w2 = scenario_course_data(bad)
    assert d2["scenes"][0]["lines"] == [] and w2
    res = build_package(tmp_path / "skit" / "h5", data, title="情景", kind="scenario", pass_mark=80, media=media)
    validate_scorm12(res.scorm_zip)
    assert (tmp_path / "skit" / "h5" / "index.html").read_text().count("kind-scenario") == 1


def test_cli_convert_to_h5(tmp_path, capsys):
    from creator_studio.cli import main

    src = Path(__file__).parents[3] / "creator_studio" / "resources" / "samples" / "理赔流程培训.pptx"
    out = tmp_path / "out"
    rc = main(["convert", str(src), "--to", "h5", "--out", str(out), "--quiet", "--pass-mark", "70"])
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    printed = captured.out
    assert "h5/index.html" in printed
    for rel in ("h5/index.html", f"h5/{SCORM_ZIP}", f"h5/{CMI5_ZIP}", "h5/data.js", "manifest.json"):
        assert (out / rel).is_file(), rel
    manifest = json.loads((out / "manifest.json").read_text())
    info = manifest["forms"]["h5"]["info"]
    assert info["page_count"] >= 5 and info["question_count"] >= 1 and info["pass_mark"] == 70
    validate_scorm12(out / "h5" / SCORM_ZIP)
    rc = main(["convert", str(src), "--to", "h5", "--out", str(out), "--quiet", "--pass-mark", "170"])
    assert rc == 1 and "H5_OPTION" in capsys.readouterr().err
