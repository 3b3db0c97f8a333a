"""Write an H5 course folder and its SCORM 1.2 / cmi5 zips from plain `COURSE` data.

This is the reusable part: the `h5` form calls it with lesson data, the `skit` form with scenario
data (`kind="scenario"`). Everything the package contains is named by us: the player files have
fixed names, media files are named by content hash plus a sniffed extension, so a document can
never choose an output path.
"""

from __future__ import annotations

import hashlib
import json
import logging
import zipfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from creator_studio.core import atomic
from creator_studio.core.errors import RenderError

log = logging.getLogger(__name__)

SCORM_ZIP = "course-scorm12.zip"
CMI5_ZIP = "course-cmi5.zip"
PLAYER_FILES = ("player.js", "tracking.js", "player.css", "steps.js")  # steps.js: issue 16

CSP_BASE = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "media-src 'self'; font-src 'self'; connect-src {connect}; base-uri 'none'; "
            "form-action 'none'")

# Sniffed types only: a file whose bytes we do not recognise is not shipped.
_MAGIC: list[tuple[bytes, int, str]] = [
    (b"\x89PNG\r\n\x1a\n", 0, ".png"),
    (b"\xff\xd8\xff", 0, ".jpg"),
    (b"GIF87a", 0, ".gif"),
    (b"GIF89a", 0, ".gif"),
    (b"ID3", 0, ".mp3"),
    (b"OggS", 0, ".ogg"),
    (b"fLaC", 0, ".flac"),
]


def sniff_ext(head: bytes) -> str | None:
    for magic, off, ext in _MAGIC:
        if head[off:off + len(magic)] == magic:
            return ext
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return ".wav"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ".webp"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        return ".m4a" if brand in (b"M4A ", b"M4B ") else ".mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return ".webm"
    if len(head) >= 2 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0:
        return ".mp3"  # MPEG audio frame sync without an ID3 tag
    return None


def json_for_script(data: dict) -> str:
    """JSON that is also safe inside HTML/JS: no `</script>`, no raw line separators."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def csp(connect: list[str] | None = None) -> str:
    return CSP_BASE.format(connect=" ".join(["'self'", *(connect or [])]))


def _env() -> Environment:
    return Environment(loader=PackageLoader("creator_studio.core.forms.h5", "templates"),
                       autoescape=select_autoescape(["html", "xml", "j2"], default=True),
                       trim_blocks=True, lstrip_blocks=True)


def _player_bytes(name: str) -> bytes:
    return resources.files("creator_studio.resources").joinpath("h5", name).read_bytes()


SCORM12_SCHEMAS = ("imscp_rootv1p1p2.xsd", "imsmd_rootv1p2p1.xsd", "adlcp_rootv1p2.xsd", "ims_xml.xsd")


def scorm12_schemas() -> dict[str, bytes]:
    """The XSDs `imsmanifest.xml` names in `schemaLocation` (+ `ims_xml.xsd` they import), shipped
    at the zip root: LMSs that validate on upload need them (issue 20; resources/h5/scorm12)."""
    root = resources.files("creator_studio.resources").joinpath("h5", "scorm12")
    return {name: root.joinpath(name).read_bytes() for name in SCORM12_SCHEMAS}


def _valid_origin(origin: str) -> bool:
    """LRS origins for cmi5's connect-src come from the maker's settings, not the document."""
    import re

    return bool(re.fullmatch(r"https?://[A-Za-z0-9.\-\[\]:*]+", origin)) and ";" not in origin


@dataclass
class PackageResult:
    folder: Path
    files: list[Path] = field(default_factory=list)  # every file written, folder files first
    scorm_zip: Path | None = None
    cmi5_zip: Path | None = None
    course_id: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def sizes(self) -> dict[str, int]:
        return {p.name: p.stat().st_size for p in (self.scorm_zip, self.cmi5_zip) if p}


def build_package(out_dir: Path, course_data: dict, *, title: str, kind: str = "lesson",
                  pass_mark: int | None = None, media: dict[str, Path] | None = None,
                  lrs_origins: list[str] | None = None, job=None) -> PackageResult:
    """Write `out_dir/` (index.html, data.js, assets/, media/) plus the SCORM 1.2 and cmi5 zips.

    `course_data` is the COURSE dict (`lesson_course_data` / `scenario_course_data`); `media` maps
    the keys it references to files. `lrs_origins` widens cmi5's connect-src (the LRS lives on
    another origin); the folder and the SCORM zip keep `connect-src 'self'`.
    """
    if kind not in ("lesson", "scenario"):
        raise ValueError(f"unknown package kind {kind!r}")
    out_dir = Path(out_dir)
    data = dict(course_data)
    data["kind"] = kind
    data["title"] = title or data.get("title") or "微课"
    has_score = bool(data.get("quiz")) if kind == "lesson" else bool(data.get("max_score"))
    if pass_mark is not None:
        data["pass_mark"] = max(0, min(100, int(pass_mark)))
    data.setdefault("pass_mark", 60)
    data["scored"] = has_score
    origins = [o for o in (lrs_origins or []) if _valid_origin(o)]
    warnings = [f"已忽略无效的LRS地址：{o}" for o in (lrs_origins or []) if not _valid_origin(o)]

    blobs: dict[str, bytes] = {}  # relative path → bytes, media first
    mapping: dict[str, str] = {}
    for key, path in (media or {}).items():
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            warnings.append(f"媒体文件无法读取，已跳过（{exc.__class__.__name__}）")
            continue
        ext = sniff_ext(raw[:16])
        if ext is None:
            warnings.append("媒体文件格式无法识别，已跳过")
            continue
        rel = f"media/{hashlib.sha256(raw).hexdigest()[:32]}{ext}"
        blobs[rel] = raw
        mapping[str(key)] = rel
    data["media"] = mapping
    body = json_for_script(data)
    course_id = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    data["id"] = course_id
    blobs["data.js"] = ("window.COURSE = " + json_for_script(data) + ";\n").encode("utf-8")
    for name in PLAYER_FILES:
        blobs[f"assets/{name}"] = _player_bytes(name)

    env = _env()
    page_tpl = env.get_template("index.html.j2")
    lang = str(data.get("lang") or "zh-CN")
    index_plain = page_tpl.render(title=data["title"], lang=lang, kind=kind, csp=csp()).encode("utf-8")
    index_cmi5 = page_tpl.render(title=data["title"], lang=lang, kind=kind,
                                 csp=csp(["https:", *origins])).encode("utf-8")
    blobs["index.html"] = index_plain
    if job:
        job.raise_if_cancelled()

    file_list = sorted(blobs)
    manifest = env.get_template("imsmanifest.xml.j2").render(
        course_id=course_id, title=data["title"], files=file_list,
        mastery=data["pass_mark"] if has_score else None).encode("utf-8")
    iri = f"urn:creator-studio:h5:{course_id}"
    cmi5 = env.get_template("cmi5.xml.j2").render(
        course_iri=iri, au_iri=f"{iri}:au", title=data["title"], lang=lang,
        description="情景对话练习" if kind == "scenario" else "H5互动微课",
        move_on="CompletedAndPassed" if has_score else "Completed",
        mastery=f"{data['pass_mark'] / 100:.2f}" if has_score else None).encode("utf-8")

    result = PackageResult(folder=out_dir, course_id=course_id, warnings=warnings)
    with atomic.staged_dir(out_dir) as tmp:
        for rel in file_list:
            dest = tmp / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(blobs[rel])
        scorm_entries = {**blobs, **scorm12_schemas(), "imsmanifest.xml": manifest}
        cmi5_entries = {**blobs, "index.html": index_cmi5, "cmi5.xml": cmi5}
        _write_zip(tmp / SCORM_ZIP, scorm_entries)
        _write_zip(tmp / CMI5_ZIP, cmi5_entries)
    result.files = [out_dir / rel for rel in file_list] + [out_dir / SCORM_ZIP, out_dir / CMI5_ZIP]
    result.scorm_zip, result.cmi5_zip = out_dir / SCORM_ZIP, out_dir / CMI5_ZIP
    return result


def _write_zip(path: Path, entries: dict[str, bytes]) -> None:
    """Deterministic zip: sorted names, fixed timestamps, media stored (already compressed)."""
    with zipfile.ZipFile(path, "w") as zf:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = (zipfile.ZIP_STORED if name.startswith("media/")
                                  else zipfile.ZIP_DEFLATED)
            info.external_attr = 0o644 << 16
            zf.writestr(info, entries[name], compresslevel=6)


def course_data_error(kind: str) -> RenderError:
    if kind == "scenario":
        return RenderError("剧本没有可播放的场景", "The script has no playable scene", code="H5_EMPTY")
    return RenderError("课程没有可显示的页面", "The lesson has no visible page", code="H5_EMPTY")
