"""The blind judging copy of a contest entry (#19): names, marks and metadata stripped, then
checked — a copy that still carries a maker's name anywhere is never released.

What the copy changes (everything else is copied byte for byte):
- JSON and text files (course.json, manifest.json, H5 ``data.js``, HTML, XML, subtitles): maker
  fields (``maker``, ``maker_name``, ``maker_id``, ``author``, ``artist``, ``creator``) are
  emptied and every occurrence of a maker's name, login or employee number is removed, in plain
  and in JSON-escaped (``\\uXXXX``) spelling;
- zip files (the SCORM 1.2 and cmi5 packages): unpacked in memory, every member treated by the
  same rules, zipped again with fixed timestamps;
- PNG / JPEG / WebP: re-saved from their pixels only when they carry anything beyond plain
  picture facts (text chunks, EXIF, XMP, ICC, comments), so all of that is gone;
- MP4 / M4A / MP3: ``ffmpeg -map_metadata -1 -c copy`` (no re-encode); without ffmpeg the file is
  copied as is and the check below decides whether the copy may be released.

The check then scans every byte of every file, inside zips too (recursively), plus the text
chunks and EXIF Pillow reads from each picture, for each name in UTF-8, UTF-16 and JSON-escaped
form. Short ASCII identifiers (< 4 characters) are only looked for in text files, where a match
means something; in compressed binary data they would match by chance.

Pixels are not text: a name *drawn* into a picture (the long image's watermark or cover line)
cannot be found by a byte scan. The contest entry check therefore refuses a long image rendered
with a maker watermark (see ``contests.submit_entry``); the studio renders contest copies
without maker fields on the cover.
"""

from __future__ import annotations

import io
import json
import logging
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

log = logging.getLogger(__name__)

TEXT_EXT = {".json", ".js", ".html", ".htm", ".xml", ".txt", ".css", ".vtt", ".srt", ".md",
            ".xsd", ".dtd", ".svg", ".csv"}
IMAGE_EXT = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}
MEDIA_EXT = {".mp4", ".m4a", ".mp3", ".mov", ".webm"}
MAKER_KEYS = {"maker", "maker_name", "maker_id", "author", "artist", "creator", "owner"}
MIN_BINARY_TERM = 4


@dataclass
class BlindReport:
    files: int = 0
    changed: list[str] = field(default_factory=list)
    leaks: list[dict] = field(default_factory=list)  # {"path", "term", "where"}
    warnings: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.leaks

    def to_dict(self) -> dict:
        return {"files": self.files, "changed": self.changed, "leaks": self.leaks,
                "warnings": self.warnings, "clean": self.clean}


def _escaped(term: str) -> str:
    return json.dumps(term, ensure_ascii=True)[1:-1]


def scrub_text(text: str, terms: list[str]) -> str:
    for t in sorted(terms, key=len, reverse=True):
        text = text.replace(t, "")
        esc = _escaped(t)
        if esc != t:
            text = text.replace(esc, "").replace(esc.upper().replace("\\U", "\\u"), "")
    return text


def _scrub_json_value(value, terms):  # noqa: ANN001, ANN202
    if isinstance(value, dict):
        return {k: ("" if k.lower() in MAKER_KEYS and isinstance(v, (str, int)) else
                    _scrub_json_value(v, terms)) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub_json_value(v, terms) for v in value]
    if isinstance(value, str):
        return scrub_text(value, terms)
    return value


# Keys Pillow reports for plain pictures; anything else (text chunks, XMP, ICC, comments) or
# any EXIF makes the picture be re-saved from its pixels. A picture with none of it is copied
# as is: re-encoding the long image's big segments was 90 % of the copy's time, for nothing.
BENIGN_INFO = {"dpi", "gamma", "srgb", "aspect", "interlace", "transparency", "jfif",
               "jfif_version", "jfif_unit", "jfif_density", "progressive", "progression",
               "adobe", "adobe_transform", "loop", "duration", "background", "bbox"}


def _scrub_image(data: bytes, fmt: str) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        if not set(img.info) - BENIGN_INFO and not img.getexif():
            return data
        img.load()
        clean = Image.frombytes(img.mode, img.size, img.tobytes())
        if img.mode == "P":
            clean.putpalette(img.getpalette())
            if "transparency" in img.info and isinstance(img.info["transparency"], int):
                clean.info["transparency"] = img.info["transparency"]
        out = io.BytesIO()
        kwargs = {"quality": 95} if fmt == "JPEG" else {}
        if fmt == "PNG" and "transparency" in clean.info:
            kwargs["transparency"] = clean.info["transparency"]
        clean.save(out, fmt, **kwargs)
        return out.getvalue()


def _ffmpeg() -> str | None:
    return shutil.which("ffmpeg")


def _scrub_media(data: bytes, suffix: str, warnings: list[str], name: str) -> bytes:
    ff = _ffmpeg()
    if ff is None:
        warnings.append(f"{name}: 未找到 ffmpeg，媒体元数据未清除 / ffmpeg missing, metadata kept")
        return data
    import tempfile

    with tempfile.TemporaryDirectory(prefix="cs-blind-") as tmp:
        src, dst = Path(tmp) / f"in{suffix}", Path(tmp) / f"out{suffix}"
        src.write_bytes(data)
        proc = subprocess.run([ff, "-v", "error", "-y", "-i", str(src), "-map", "0",
                               "-map_metadata", "-1", "-map_chapters", "-1", "-c", "copy",
                               "-fflags", "+bitexact", str(dst)], capture_output=True, timeout=300)
        if proc.returncode != 0 or not dst.is_file():
            warnings.append(f"{name}: ffmpeg 清除元数据失败 / ffmpeg failed: "
                            f"{proc.stderr.decode('utf-8', 'replace')[-200:]}")
            return data
        return dst.read_bytes()


def scrub_bytes(name: str, data: bytes, terms: list[str], warnings: list[str]) -> bytes:
    """One file's anonymised bytes (``name`` decides how it is treated)."""
    suffix = Path(name).suffix.lower()
    if suffix == ".zip":
        return _scrub_zip(data, terms, warnings, name)
    if suffix in IMAGE_EXT:
        try:
            return _scrub_image(data, IMAGE_EXT[suffix])
        except Exception as exc:  # noqa: BLE001 - a damaged picture is reported, not fatal
            warnings.append(f"{name}: 图片无法重存 / picture not re-saved: {exc}")
            return data
    if suffix in MEDIA_EXT:
        return _scrub_media(data, suffix, warnings, name)
    if suffix in TEXT_EXT:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return data
        if suffix == ".json":
            try:
                obj = json.loads(text)
            except ValueError:
                return scrub_text(text, terms).encode("utf-8")
            return json.dumps(_scrub_json_value(obj, terms), ensure_ascii=False,
                              indent=2).encode("utf-8")
        return _scrub_js_fields(scrub_text(text, terms)).encode("utf-8")
    return data


_FIELD_RE = re.compile(r'("(?:maker|maker_name|maker_id|author|artist|creator)"\s*:\s*)"[^"]*"')


def _scrub_js_fields(text: str) -> str:
    """Maker fields inside JSON embedded in scripts/HTML (H5 ``data.js``) are emptied too."""
    return _FIELD_RE.sub(r'\1""', text)


def _scrub_zip(data: bytes, terms: list[str], warnings: list[str], name: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.is_dir():
                continue
            member = scrub_bytes(f"{name}!{info.filename}", zin.read(info), terms, warnings)
            zout.writestr(zipfile.ZipInfo(info.filename, date_time=(2020, 1, 1, 0, 0, 0)), member,
                          compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# The check


def _needles(terms: list[str], binary: bool) -> list[tuple[str, bytes]]:
    out = []
    for t in terms:
        if binary and t.isascii() and len(t) < MIN_BINARY_TERM:
            continue
        forms = {t.encode("utf-8"), t.encode("utf-16-le"), _escaped(t).encode("ascii"),
                 _escaped(t).upper().replace("\\U", "\\u").encode("ascii")}
        out.extend((t, f) for f in forms)
    return out


def scan_bytes(name: str, data: bytes, terms: list[str], leaks: list[dict]) -> None:
    suffix = Path(name).suffix.lower()
    binary = suffix not in TEXT_EXT
    hay = data.lower() if not binary else data
    for term, needle in _needles(terms, binary):
        if (needle.lower() if not binary else needle) in hay:
            leaks.append({"path": name, "term": term, "where": "bytes"})
            break
    if suffix == ".zip":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                for info in zf.infolist():
                    if not info.is_dir():
                        scan_bytes(f"{name}!{info.filename}", zf.read(info), terms, leaks)
        except zipfile.BadZipFile:
            leaks.append({"path": name, "term": "", "where": "unreadable zip"})
    elif suffix in IMAGE_EXT:
        try:
            with Image.open(io.BytesIO(data)) as img:
                meta = " ".join(str(v) for v in img.info.values())
                meta += " ".join(str(v) for v in img.getexif().values())
        except Exception:  # noqa: BLE001
            return
        for t in terms:
            if t and t in meta:
                leaks.append({"path": name, "term": t, "where": "image metadata"})


def check_folder(folder: Path, terms: list[str]) -> list[dict]:
    terms = [t for t in {t.strip() for t in terms if t} if t]
    leaks: list[dict] = []
    for p in sorted(Path(folder).rglob("*")):
        if p.is_file():
            scan_bytes(p.relative_to(folder).as_posix(), p.read_bytes(), terms, leaks)
    return leaks


def make_blind_copy(src: Path, dest: Path, terms: list[str]) -> BlindReport:
    """Write the anonymised copy of package folder `src` into `dest`, then check it."""
    terms = [t for t in {t.strip() for t in terms if t} if t]
    report = BlindReport()
    dest.mkdir(parents=True, exist_ok=True)
    for p in sorted(Path(src).rglob("*")):
        if not p.is_file() or p.is_symlink():
            continue
        rel = p.relative_to(src).as_posix()
        data = p.read_bytes()
        new = scrub_bytes(rel, data, terms, report.warnings)
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(new)
        report.files += 1
        if new != data:
            report.changed.append(rel)
    report.leaks = check_folder(dest, terms)
    return report
