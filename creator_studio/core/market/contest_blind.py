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

PDF files: their text layer and document information (Author, Title, …) are read with
pdfium and searched as text (a name in a PDF is usually in a compressed stream a byte scan
cannot see). PDFs are not rewritten: a PDF naming the maker refuses the copy.

Pixels are not text: a name *drawn* into a picture (the long image's watermark or cover line,
a video's title card) cannot be found by a byte scan. The contest entry check therefore refuses
a long image rendered with a maker watermark (see ``contests.submit_entry``), and
`pixel_check` reads the pictures, PDF pages and sampled video frames of the copy with OCR
(tesseract, ``chi_sim+eng``) when it is installed: a name it reads refuses the copy like any
other leak. Without tesseract — or past its time budget — the files it could not read are
listed in the report (``pixels``), and staff see a warning on the entry: names drawn into
those pixels were *not* checked.
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
    pixels: dict = field(default_factory=dict)  # what `pixel_check` read and could not read

    @property
    def clean(self) -> bool:
        return not self.leaks

    def to_dict(self) -> dict:
        return {"files": self.files, "changed": self.changed, "leaks": self.leaks,
                "warnings": self.warnings, "clean": self.clean, "pixels": self.pixels}


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
        forms = {t.encode("utf-8"), t.encode("utf-16-le"), t.encode("utf-16-be"),
                 _escaped(t).encode("ascii"),
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
    elif suffix == ".pdf":
        text = pdf_text(data)
        if text is None:
            leaks.append({"path": name, "term": "", "where": "unreadable PDF"})
            return
        flat = _flat(text)
        for t in terms:
            if _term_counts(t) and _flat(t) in flat:
                leaks.append({"path": name, "term": t, "where": "PDF text"})
                break
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


def make_blind_copy(src: Path, dest: Path, terms: list[str], *, pixels: bool = True) -> BlindReport:
    """Write the anonymised copy of package folder `src` into `dest`, then check it (bytes,
    text layers, and — `pixels` — what OCR can read in its pictures and video frames)."""
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
    if pixels:
        report.pixels = pixel_check(dest, terms)
        report.leaks += report.pixels["hits"]
    return report


# ---------------------------------------------------------------------------------------------
# Text layers of PDFs, and pixels (OCR)


def _flat(text: str) -> str:
    """Whitespace-free and case-folded: OCR and PDF text put spaces between CJK characters."""
    return re.sub(r"\s+", "", text).casefold()


def _term_counts(term: str) -> bool:
    """Names of two CJK characters and ASCII ids of four or more are looked for in text read
    from PDFs and pixels; shorter ones would match by chance."""
    t = _flat(term)
    return len(t) >= (MIN_BINARY_TERM if t.isascii() else 2)


def pdf_text(data: bytes) -> str | None:
    """Every page's text plus the document information, or None when pdfium cannot read it."""
    from creator_studio.core.media.pdfium_lock import PDFIUM

    with PDFIUM:  # PDFium is not thread-safe and the server reads on its worker threads
        try:
            import pypdfium2 as pdfium

            doc = pdfium.PdfDocument(data)
        except Exception:  # noqa: BLE001 - a damaged PDF is reported by the caller
            return None
        try:
            parts = [str(v) for v in (doc.get_metadata_dict() or {}).values()]
            for i in range(len(doc)):
                page = doc[i]
                tp = page.get_textpage()
                parts.append(tp.get_text_range())
                tp.close()
                page.close()
            return "\n".join(parts)
        finally:
            doc.close()


OCR_LANGS = ("chi_sim", "eng")
# Per copy: a submission over HTTP must answer within the client's 60 s read timeout, with the
# norms check and the upload too. What is left unread past it is listed as not checked.
OCR_BUDGET_S = 30.0
OCR_TILE = 1600  # tall pictures (the long image) are read in slices this high, overlapping
OCR_OVERLAP = 120
OCR_WORKERS = 2
VIDEO_FRAMES = 8  # sampled frames per video: the first second, then evenly spread
PIXEL_EXT = set(IMAGE_EXT) | {".pdf"} | MEDIA_EXT - {".m4a", ".mp3"}


def tesseract() -> tuple[str, str] | None:
    """(path, languages) of a usable tesseract with Chinese, or None."""
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    have = set(out.stdout.decode("utf-8", "replace").split())
    if "chi_sim" not in have:
        return None
    return exe, "+".join(lang for lang in OCR_LANGS if lang in have)


def _ocr(exe: str, langs: str, pngs: list[bytes], timeout: float) -> str:
    """All slices of one file in one tesseract run (the model loads once), single-threaded:
    on two shared cores OpenMP's spinning threads made it ~2× slower in wall time."""
    import os
    import tempfile

    with tempfile.TemporaryDirectory(prefix="cs-ocr-") as tmp:
        paths = []
        for i, png in enumerate(pngs):
            paths.append(Path(tmp) / f"s{i:03d}.png")
            paths[-1].write_bytes(png)
        listing = Path(tmp) / "slices.txt"
        listing.write_text("\n".join(str(p) for p in paths) + "\n", encoding="utf-8")
        proc = subprocess.run([exe, str(listing), "stdout", "-l", langs, "--psm", "3"],
                              capture_output=True, timeout=max(5.0, timeout),
                              env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    return proc.stdout.decode("utf-8", "replace")


def _tiles(img: Image.Image) -> list[bytes]:
    img = img.convert("RGB")
    if img.width > 2400:  # OCR needs no more; keeps the slices' cost bounded
        img = img.resize((2400, max(1, round(img.height * 2400 / img.width))))
    out, top = [], 0
    while True:
        box = img.crop((0, top, img.width, min(img.height, top + OCR_TILE)))
        buf = io.BytesIO()
        box.save(buf, "PNG")
        out.append(buf.getvalue())
        if top + OCR_TILE >= img.height:
            return out
        top += OCR_TILE - OCR_OVERLAP


def _pictures(name: str, data: bytes, warnings: list[str]) -> list[bytes]:
    """The PNG slices OCR reads for one file: a picture, a PDF's pages, a video's frames."""
    suffix = Path(name).suffix.lower()
    if suffix in IMAGE_EXT:
        with Image.open(io.BytesIO(data)) as img:
            return _tiles(img)
    if suffix == ".pdf":
        import pypdfium2 as pdfium

        from creator_studio.core.media.pdfium_lock import PDFIUM

        pictures = []
        with PDFIUM:  # PDFium is not thread-safe and the server reads on its worker threads
            doc = pdfium.PdfDocument(data)
            try:
                for i in range(min(len(doc), 20)):
                    page = doc[i]
                    bitmap = page.render(scale=2)
                    pictures.append(bitmap.to_pil().copy())
                    bitmap.close()
                    page.close()
            finally:
                doc.close()
        out = []
        for picture in pictures:
            out += _tiles(picture)
        return out
    return _video_frames(name, data, warnings)


def _video_frames(name: str, data: bytes, warnings: list[str]) -> list[bytes]:
    ff = _ffmpeg()
    if ff is None:
        raise RuntimeError("ffmpeg missing")
    import tempfile

    with tempfile.TemporaryDirectory(prefix="cs-frames-") as tmp:
        src = Path(tmp) / f"in{Path(name).suffix.lower()}"
        src.write_bytes(data)
        probe = subprocess.run([ff, "-i", str(src)], capture_output=True, timeout=60)
        m = re.search(rb"Duration: (\d+):(\d+):(\d+\.?\d*)", probe.stderr)
        seconds = (int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))) if m else 0.0
        # the first second (title cards), then evenly spread; an unknown length: the start only
        times = sorted({round(min(1.0, seconds / 2), 2)}
                       | {round(seconds * k / VIDEO_FRAMES, 2) for k in range(1, VIDEO_FRAMES)})
        out: list[bytes] = []
        for i, t in enumerate(times):
            frame = Path(tmp) / f"f{i}.png"
            subprocess.run([ff, "-v", "error", "-y", "-ss", f"{t:.2f}", "-i", str(src),
                            "-frames:v", "1", str(frame)], capture_output=True, timeout=60)
            if frame.is_file():
                with Image.open(frame) as img:
                    for tile in _tiles(img):
                        if tile not in out:  # a still title card gives the same frame again
                            out.append(tile)
        if not out:
            raise RuntimeError("no frame could be read")
        return out


def _pixel_files(folder: Path) -> list[tuple[str, bytes]]:
    """Every file with pixels in the copy, inside zips too; the same bytes are read once."""
    seen: set[bytes] = set()
    out: list[tuple[str, bytes]] = []

    def add(name: str, data: bytes) -> None:
        import hashlib

        if Path(name).suffix.lower() == ".zip":
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as zf:
                    for info in zf.infolist():
                        if not info.is_dir():
                            add(f"{name}!{info.filename}", zf.read(info))
            except zipfile.BadZipFile:
                pass
            return
        if Path(name).suffix.lower() not in PIXEL_EXT:
            return
        digest = hashlib.sha256(data).digest()
        if digest not in seen:
            seen.add(digest)
            out.append((name, data))

    for p in sorted(Path(folder).rglob("*")):
        if p.is_file():
            add(p.relative_to(folder).as_posix(), p.read_bytes())
    return out


def pixel_check(folder: Path, terms: list[str], *, budget_s: float = OCR_BUDGET_S) -> dict:
    """Read the pictures, PDF pages and sampled video frames of `folder` with OCR and look for
    the names. Returns ``{"engine", "checked", "unchecked", "hits", "seconds"}``: `engine` is
    None when tesseract (with chi_sim) is not installed — then every such file is unchecked;
    `hits` are leaks like the byte scan's (``where: "pixels (OCR)"``)."""
    import time

    files = _pixel_files(folder)
    names = [n for n in terms if _term_counts(n)]
    tool = tesseract()
    result = {"engine": None, "checked": [], "unchecked": [], "hits": [], "seconds": 0.0}
    if tool is None:
        result["unchecked"] = [n for n, _ in files]
        return result
    exe, langs = tool
    result["engine"] = f"tesseract ({langs})"
    start = time.monotonic()
    warnings: list[str] = []

    def read(item: tuple[str, bytes]) -> tuple[str, str | None]:
        name, data = item
        left = budget_s - (time.monotonic() - start)
        if left <= 0:
            return name, None
        try:
            return name, _ocr(exe, langs, _pictures(name, data, warnings), left)
        except Exception as exc:  # noqa: BLE001 - unreadable here means unchecked, said so
            log.info("OCR could not read %s: %s", name, exc)
            return name, None

    from concurrent.futures import ThreadPoolExecutor

    # Two single-threaded tesseract runs at a time (the machines have two cores); the answers
    # are taken in file order, so the report does not depend on which finished first.
    with ThreadPoolExecutor(max_workers=OCR_WORKERS) as pool:
        for name, text in pool.map(read, files):
            if text is None:
                result["unchecked"].append(name)
                continue
            result["checked"].append(name)
            flat = _flat(text)
            for t in names:
                if _flat(t) in flat:
                    result["hits"].append({"path": name, "term": t, "where": "pixels (OCR)"})
                    break
    result["seconds"] = round(time.monotonic() - start, 2)
    return result


def pixel_warning(report: dict | None) -> tuple[str, str] | None:
    """The staff-facing warning for an entry's blind copy (中文, English), or None when every
    picture, PDF page and video of the copy was read by OCR."""
    px = (report or {}).get("pixels")
    if not px:
        return ("提交时未检查画面中的文字：图片、PDF 或视频画面里绘制的姓名未经检测，请人工查看",
                "Pixels were not checked when this was submitted: names drawn into pictures, PDF "
                "pages or video frames were not looked for; look before judging")
    unchecked = px.get("unchecked") or []
    if not unchecked:
        return None
    listed = "、".join(unchecked[:5]) + ("等" if len(unchecked) > 5 else "")
    listed_en = ", ".join(unchecked[:5]) + (", …" if len(unchecked) > 5 else "")
    if px.get("engine") is None:
        return (f"本机未安装文字识别（OCR），以下 {len(unchecked)} 个文件画面中绘制的姓名无法检测，"
                f"请人工查看：{listed}",
                f"No OCR is installed: names drawn into the pixels of {len(unchecked)} file(s) "
                f"cannot be detected; look at them before judging: {listed_en}")
    return (f"以下 {len(unchecked)} 个文件未能完成文字识别（超时或无法读取），画面中的姓名未经检测：{listed}",
            f"OCR could not read {len(unchecked)} file(s) (time budget or unreadable); names "
            f"drawn into them were not checked: {listed_en}")
