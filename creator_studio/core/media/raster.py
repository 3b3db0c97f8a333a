"""Slide pictures for a lesson, from one of two backends behind one interface.

``libreoffice`` (faithful): the original deck → PDF with `soffice --headless` → one picture per
slide with pypdfium2. Safety and robustness, following FIELD-NOTES §1:

- a private LibreOffice profile per job (`-env:UserInstallation`), so parallel jobs never share
  one (shared profiles fail silently) and nothing the user configured leaks in;
- hidden slides are exported too (`ExportHiddenSlides`), so PDF page N is slide N — the page count
  must equal the deck's slide count, otherwise we fall back;
- a timeout, and the whole process group is killed on timeout or cancel (no stray soffice.bin);
- no network: external relationships (linked pictures/OLE/media — the only things LibreOffice
  would fetch) are stripped from a private copy of the deck before converting, proxy variables
  are removed from its environment, and on Linux it runs inside an empty network namespace
  (`unshare -rn`) when the kernel allows unprivileged user namespaces;
- the output file must exist (soffice can exit 0 without writing anything).

``builtin`` (always available): `slide_render.render_page` lays out the course model's blocks.

`rasterize(...)` tries LibreOffice when asked for "auto" and the source is a presentation, and
falls back to the built-in renderer with the reason recorded. `CREATOR_STUDIO_SOFFICE=none`
simulates a machine without LibreOffice; `CREATOR_STUDIO_SOFFICE=/path/soffice` picks one.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from creator_studio.core import staging
from creator_studio.core.errors import Cancelled, StudioError
from creator_studio.core.jobs import Job
from creator_studio.core.lesson import model as m
from creator_studio.core.media import ffmpeg, slide_render

log = logging.getLogger(__name__)

PRESENTATION_SUFFIXES = {".pptx", ".pptm", ".ppsx", ".potx", ".ppsm", ".potm"}
PDF_FILTER = 'pdf:impress_pdf_Export:{"ExportHiddenSlides":{"type":"boolean","value":"true"}}'
DEFAULT_SOFFICE_TIMEOUT = 180.0
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_PML_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
_HYPERLINK_TYPES = ("/hyperlink",)


@dataclass
class RasterResult:
    images: list[Path]                 # one per requested page, same order
    backend: str                       # "libreoffice" | "builtin" | "libreoffice+builtin"
    warnings: list[str] = field(default_factory=list)
    fallback_reason: str | None = None  # why LibreOffice was not used (when it was wanted)
    seconds: float = 0.0


class _Fallback(Exception):
    """LibreOffice could not give us one faithful picture per slide; use the built-in renderer."""


# ------------------------------------------------------------------------------------------
# Discovery


def soffice_exe() -> str | None:
    env = os.environ.get("CREATOR_STUDIO_SOFFICE")
    if env:
        if env.lower() == "none":
            return None
        return env if Path(env).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for p in ("C:/Program Files/LibreOffice/program/soffice.exe",
              "C:/Program Files (x86)/LibreOffice/program/soffice.exe",
              "/Applications/LibreOffice.app/Contents/MacOS/soffice"):
        if Path(p).is_file():
            return p
    return None


@functools.lru_cache(maxsize=1)
def _netns_prefix() -> tuple[str, ...]:
    """`unshare -rn` when it works here (an empty network namespace: no network at all)."""
    if sys.platform != "linux" or os.environ.get("CREATOR_STUDIO_SANDBOX", "1") == "0":
        return ()
    exe = shutil.which("unshare")
    if not exe:
        return ()
    try:
        ok = subprocess.run([exe, "-rn", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    return (exe, "-rn") if ok else ()


def libreoffice_status() -> str:
    """'' when usable, else why not (for the UI and the report)."""
    return "" if soffice_exe() else "未找到 LibreOffice / LibreOffice not found"


# ------------------------------------------------------------------------------------------
# The deck copy LibreOffice sees


def count_slides(deck: Path) -> int:
    """Slides listed in ppt/presentation.xml (hidden ones included)."""
    with zipfile.ZipFile(deck) as z:
        root = etree.fromstring(z.read("ppt/presentation.xml"))
    return len(root.findall(f".//{{{_PML_NS}}}sldIdLst/{{{_PML_NS}}}sldId"))


def strip_external_links(src: Path, dst: Path) -> int:
    """Copy a deck, dropping every external relationship LibreOffice could fetch.

    Hyperlinks stay (they are only followed on click). Returns how many were removed.
    """
    removed = 0
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.endswith(".rels"):
                try:
                    root = etree.fromstring(data)
                except etree.XMLSyntaxError:
                    root = None
                if root is not None:
                    for rel in list(root):
                        if rel.get("TargetMode") == "External" and not (rel.get("Type") or "").endswith(_HYPERLINK_TYPES):
                            root.remove(rel)
                            removed += 1
                    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info, data)
    return removed


def _clean_env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k.lower() not in ("http_proxy", "https_proxy", "ftp_proxy", "all_proxy")}
    env.update({"HOME": str(home), "no_proxy": "*", "NO_PROXY": "*", "SAL_USE_VCLPLUGIN": "svp"})
    # Our private fontconfig: Office fonts (微软雅黑, 宋体, Segoe UI…) map to installed look-alikes
    # instead of DejaVu (FIELD-NOTES §8); the system config stays untouched.
    from creator_studio.core.media.fonts import shared_fontconfig

    conf = shared_fontconfig()
    if conf:
        env["FONTCONFIG_FILE"] = str(conf)
    return env


def convert_to_pdf(deck: Path, work: Path, *, job: Job | None = None,
                   timeout: float | None = None) -> Path:
    """Run soffice once; returns the PDF path. Raises _Fallback with the reason on failure."""
    exe = soffice_exe()
    if not exe:
        raise _Fallback("未找到 LibreOffice / LibreOffice not found")
    timeout = timeout or float(os.environ.get("CREATOR_STUDIO_SOFFICE_TIMEOUT", DEFAULT_SOFFICE_TIMEOUT))
    safe = work / ("deck" + deck.suffix.lower())
    try:
        # issue 20 defect 6: LibreOffice gets the copy whose pictures are within the import's
        # pixel budget, never a 30k×30k original (core/importers/pixel_budget.py).
        from creator_studio.core.importers.pixel_budget import safe_deck_for_render

        deck = safe_deck_for_render(deck, cache_dir=work)
        removed = strip_external_links(deck, safe)
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        raise _Fallback(f"演示文稿无法复制 / deck unreadable: {exc}") from None
    if removed:
        log.info("removed %d external relationships before LibreOffice", removed)
    profile, outdir, home = work / "lo-profile", work / "out", work / "home"
    for d in (outdir, home):
        d.mkdir(parents=True, exist_ok=True)
    seeded = _seed_profile(profile)
    cmd = [*_netns_prefix(), exe, "--headless", "--norestore", "--nolockcheck", "--nodefault",
           "--nologo", f"-env:UserInstallation={profile.resolve().as_uri()}",
           "--convert-to", PDF_FILTER, "--outdir", str(outdir), str(safe)]
    try:
        res = ffmpeg.run(cmd, job=job, timeout=timeout, cwd=work, env=_clean_env(home),
                         what="LibreOffice")
    except Cancelled:
        raise
    except StudioError as exc:  # timeout or cannot start
        raise _Fallback(f"LibreOffice 失败 / failed: {exc.message_en}") from None
    pdf = outdir / (safe.stem + ".pdf")
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise _Fallback(f"LibreOffice 没有输出 PDF（退出码 {res.returncode}）/ no PDF written "
                        f"(exit {res.returncode}): {res.stderr.strip()[-200:]}")
    if not seeded:
        _keep_profile(profile)
    return pdf


# LibreOffice runs with a private profile each time (no shared state between renders), and a
# first start spends 0.2–0.5 s creating one (measured: 1.55 → 1.2–1.4 s on a small deck). The
# first good run's fresh profile is kept in the user's own (0700) cache folder and copied for
# later runs (~10 ms), one template per LibreOffice binary.


def _profile_template() -> Path | None:
    import hashlib

    from creator_studio.core import paths

    exe = soffice_exe()
    if not exe:
        return None
    try:
        real = Path(exe).resolve()
        stamp = f"{real}:{real.stat().st_mtime_ns}"
        return paths.cache_dir() / f"lo-profile-{hashlib.sha256(stamp.encode()).hexdigest()[:12]}"
    except OSError:
        return None


def _seed_profile(profile: Path) -> bool:
    """Copy the kept profile into `profile`; False when there is none (or it cannot be read)."""
    tpl = _profile_template()
    if tpl is None or not (tpl / ".complete").is_file() or profile.exists():
        return False
    try:
        shutil.copytree(tpl, profile, ignore=shutil.ignore_patterns(".complete"))
        return True
    except OSError:
        shutil.rmtree(profile, ignore_errors=True)
        return False


def _keep_profile(profile: Path) -> None:
    """Keep a copy of a fresh profile that just converted a deck (written aside, then renamed:
    two renders finishing together cannot leave half a template)."""
    import threading

    tpl = _profile_template()
    if tpl is None or tpl.exists() or not profile.is_dir():
        return
    tmp = tpl.with_name(f"{tpl.name}.part-{os.getpid()}-{threading.get_ident()}")
    try:
        shutil.copytree(profile, tmp)
        (tmp / ".complete").write_bytes(b"")
        os.rename(tmp, tpl)
    except OSError:
        pass
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _pdf_pictures(pdf: Path, indexes: Sequence[int | None], size: tuple[int, int], out_dir: Path,
                  job: Job | None, expected_pages: int) -> list[Path | None]:
    """One picture per mapped page (None where a page has no slide of its own)."""
    import pypdfium2 as pdfium

    from creator_studio.core.media.pdfium_lock import PDFIUM

    with PDFIUM:
        doc = pdfium.PdfDocument(str(pdf))
        n_pages = len(doc)
    try:
        if n_pages != expected_pages:
            raise _Fallback(f"PDF 页数 {n_pages} 与幻灯片数 {expected_pages} 不符 / "
                            f"PDF has {n_pages} pages for {expected_pages} slides")
        paths: list[Path | None] = []
        for k, idx in enumerate(indexes):
            if job is not None:
                job.progress(k, len(indexes), "渲染幻灯片 / rendering slides")
            if idx is None:
                paths.append(None)
                continue
            with PDFIUM:
                page = doc[idx]
                w_pt, h_pt = page.get_size()
                scale = min(size[0] / w_pt, size[1] / h_pt)
                bitmap = page.render(scale=scale)
                im = bitmap.to_pil().copy()  # our own pixels, before the bitmap is freed
                bitmap.close()
                page.close()
            pic = slide_render.letterbox(im, size)
            path = out_dir / f"slide-{k + 1:03d}.png"
            pic.save(path, compress_level=1)
            paths.append(path)
        return paths
    finally:
        with PDFIUM:
            doc.close()


def _slide_indexes(pages: Sequence[m.Page], lesson: m.Lesson, n_slides: int) -> list[int | None]:
    """0-based slide index of each page, None for a page the maker added in the studio.

    Pages imported from this deck carry `source_index`; a lesson whose pages carry none but match
    the deck one to one is mapped in order.
    """
    if all(p.source_index is None for p in pages) and len(lesson.pages) == n_slides:
        return [lesson.pages.index(p) for p in pages]
    idx: list[int | None] = []
    for p in pages:
        if p.source_index is None:
            idx.append(None)
            continue
        i = p.source_index - 1
        if not 0 <= i < n_slides:
            raise _Fallback(f"第 {i + 1} 张幻灯片不存在 / slide {i + 1} out of range")
        idx.append(i)
    if all(i is None for i in idx):
        raise _Fallback("页面与幻灯片无法对应 / pages do not map to slides")
    return idx


# ------------------------------------------------------------------------------------------


def rasterize_builtin(lesson: m.Lesson, pages: Sequence[m.Page], size: tuple[int, int],
                      out_dir: Path, job: Job | None = None) -> list[Path]:
    pal = slide_render.palette_for(lesson.theme)
    paths = []
    for k, page in enumerate(pages):
        if job is not None:
            job.progress(k, len(pages), "绘制幻灯片 / drawing slides")
        im = slide_render.render_page(page, lesson, size, palette=pal, page_no=k + 1,
                                      page_count=len(pages))
        path = out_dir / f"slide-{k + 1:03d}.png"
        im.save(path, compress_level=1)
        paths.append(path)
    return paths


def _existing_rasters(lesson: m.Lesson, pages: Sequence[m.Page], size: tuple[int, int],
                      out_dir: Path) -> list[Path | None]:
    """Slide pictures already attached to pages (`page.raster`), letterboxed to `size`."""
    from PIL import Image as PILImage

    found: list[Path | None] = []
    for k, page in enumerate(pages):
        path = lesson.asset_path(page.raster) if page.raster else None
        if path is None:
            found.append(None)
            continue
        try:
            with PILImage.open(path) as im:
                pic = slide_render.letterbox(im, size)
        except Exception as exc:  # noqa: BLE001 - a broken stored raster is simply redrawn
            log.info("stored slide picture %s unusable: %s", page.raster, exc)
            found.append(None)
            continue
        dest = out_dir / f"slide-{k + 1:03d}.png"
        pic.save(dest, compress_level=1)
        found.append(dest)
    return found


def rasterize(lesson: m.Lesson, source_path: Path | None, size: tuple[int, int], job: Job | None = None,
              *, pages: Sequence[m.Page] | None = None, out_dir: Path | None = None,
              backend: str = "auto", slide_pictures: str = "auto") -> RasterResult:
    """One picture per page, honouring `slide_pictures` (auto|always|never) first.

    "never" draws every page with the built-in renderer; otherwise a page that already carries
    its slide picture (`page.raster`, e.g. a reopened project with no deck at hand) uses it, and
    a page the maker switched to "reflow" (its mode differs from the importer's choice) is drawn
    built-in under "auto". The rest go through `_rasterize` below.
    """
    pages = list(pages if pages is not None else lesson.visible_pages())
    if slide_pictures == "never":
        return _rasterize(lesson, source_path, size, job, pages=pages, out_dir=out_dir,
                          backend="builtin")
    out_dir = Path(out_dir or staging.make_temp_dir("cs-slides-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    stored = _existing_rasters(lesson, pages, size, out_dir) if backend != "builtin" else [None] * len(pages)
    forced_builtin = [slide_pictures == "auto" and getattr(p, "visual_mode", "reflow") == "reflow"
                      and getattr(p, "visual_mode_auto", "reflow") != "reflow" for p in pages]
    todo = [k for k, p in enumerate(pages) if stored[k] is None and not forced_builtin[k]]
    if all(x is None for x in stored) and not any(forced_builtin):
        return _rasterize(lesson, source_path, size, job, pages=pages, out_dir=out_dir,
                          backend=backend)
    import time

    t0 = time.perf_counter()
    images: list[Path | None] = list(stored)
    warnings: list[str] = []
    reason = None
    used = {"stored"} if any(stored) else set()
    if todo:
        sub = out_dir / "rest"
        res = _rasterize(lesson, source_path, size, job, pages=[pages[k] for k in todo],
                         out_dir=sub, backend=backend)
        for k, path in zip(todo, res.images):
            images[k] = path
        warnings += res.warnings
        reason = res.fallback_reason
        used.add(res.backend)
    rest = [k for k, p in enumerate(images) if p is None]
    if rest:
        pal = slide_render.palette_for(lesson.theme)
        for k in rest:
            im = slide_render.render_page(pages[k], lesson, size, palette=pal, page_no=k + 1,
                                          page_count=len(pages))
            images[k] = out_dir / f"builtin-{k + 1:03d}.png"
            im.save(images[k], compress_level=1)
        used.add("builtin")
    name = "+".join(sorted(used, key=lambda b: (b == "builtin", b)))
    return RasterResult([p for p in images if p is not None], name, warnings, reason,
                        time.perf_counter() - t0)


def _rasterize(lesson: m.Lesson, source_path: Path | None, size: tuple[int, int], job: Job | None = None,
               *, pages: Sequence[m.Page] | None = None, out_dir: Path | None = None,
               backend: str = "auto") -> RasterResult:
    """One picture per page (visible pages by default), at exactly `size`.

    `backend`: "auto" (LibreOffice when installed and the source is a deck, else built-in),
    "libreoffice" (preferred, still falls back — the reason is in `fallback_reason`), "builtin".
    """
    import time

    t0 = time.perf_counter()
    pages = list(pages if pages is not None else lesson.visible_pages())
    out_dir = Path(out_dir or staging.make_temp_dir("cs-slides-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    reason = None
    if backend in ("auto", "libreoffice"):
        src = Path(source_path) if source_path else None
        if src is None or not src.is_file():
            reason = "没有原始演示文稿 / no source deck available"
        elif src.suffix.lower() not in PRESENTATION_SUFFIXES:
            reason = f"{src.suffix} 不是演示文稿 / not a presentation"
        elif not soffice_exe():
            reason = "未找到 LibreOffice / LibreOffice not found"
        else:
            work = staging.make_temp_dir("cs-lo-")
            try:
                n_slides = count_slides(src)
                indexes = _slide_indexes(pages, lesson, n_slides)
                pdf = convert_to_pdf(src, work, job=job)
                images = _pdf_pictures(pdf, indexes, size, out_dir, job, n_slides)
                backend, warnings = "libreoffice", []
                extra = [k for k, p in enumerate(images) if p is None]
                if extra:  # pages added in the studio: drawn by the built-in renderer
                    pal = slide_render.palette_for(lesson.theme)
                    for k in extra:
                        im = slide_render.render_page(pages[k], lesson, size, palette=pal,
                                                      page_no=k + 1, page_count=len(pages))
                        images[k] = out_dir / f"slide-{k + 1:03d}.png"
                        im.save(images[k], compress_level=1)
                    backend = "libreoffice+builtin"
                    warnings.append(f"{len(extra)} 页不在原演示文稿中，使用内置渲染器 / "
                                    f"{len(extra)} page(s) not in the source deck drawn by the built-in renderer")
                return RasterResult(images, backend, warnings, seconds=time.perf_counter() - t0)
            except Cancelled:
                raise
            except _Fallback as exc:
                reason = str(exc)
            except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as exc:
                reason = f"演示文稿无法读取 / deck unreadable: {exc}"
            except Exception as exc:  # pdfium errors and the like: never lose the video over it
                log.warning("LibreOffice path failed", exc_info=True)
                reason = f"{type(exc).__name__}: {exc}"
            finally:
                shutil.rmtree(work, ignore_errors=True)
        if reason:
            log.info("slide pictures: built-in renderer (%s)", reason)
    images = rasterize_builtin(lesson, pages, size, out_dir, job)
    warnings = [f"使用内置渲染器：{reason}"] if reason and backend == "libreoffice" else []
    return RasterResult(images, "builtin", warnings, reason, time.perf_counter() - t0)


# ------------------------------------------------------------------------------------------
# Slide pictures attached to the lesson (long image, H5 and video share them)

SLIDE_PICTURE_CHOICES = ("auto", "always", "never")
SLIDE_PICTURE_WIDTH = 1600  # 2× an 800-px phone column; the long image scales it down


def slide_pictures_option(value) -> str:
    """Normalise the `slide_pictures` option (older callers passed True/False)."""
    if isinstance(value, bool):
        return "always" if value else "auto"
    v = str(value if value is not None else "auto").strip().lower()
    v = {"true": "always", "on": "always", "yes": "always", "1": "always",
         "false": "never", "off": "never", "no": "never", "0": "never", "": "auto"}.get(v, v)
    if v not in SLIDE_PICTURE_CHOICES:
        raise StudioError(f"幻灯片原貌图片选项无效：{value!r}（允许：auto、always、never）",
                          f"Invalid slide_pictures option {value!r} (allowed: auto, always, never)",
                          code="BAD_OPTION")
    return v


def effective_mode(page: m.Page, slide_pictures: str) -> str:
    """The mode a form uses for a page: the page's own under "auto"; "never" reflows all;
    "always" shows the slide picture (keeping the text below on picture+text pages)."""
    mode = getattr(page, "visual_mode", "reflow") or "reflow"
    if mode not in ("picture", "reflow", "picture+text"):
        mode = "reflow"
    if slide_pictures == "never":
        return "reflow"
    if slide_pictures == "always" and mode == "reflow":
        return "picture"
    return mode


def _needs_crop(block) -> bool:
    return (bool(getattr(block, "needs_raster", False)) and not getattr(block, "raster_asset", None)
            and bool(getattr(block, "bbox", None)))


@dataclass
class SlidePictures:
    """What `attach_slide_pictures` did: pages now carrying `page.raster`, and how."""

    pages: set[str] = field(default_factory=set)   # page ids with a usable slide picture
    backend: str = "none"                          # "libreoffice" | "stored" | "none"
    reason: str | None = None                      # why pictures are missing, if they are
    warnings: list[str] = field(default_factory=list)
    crops: int = 0                                 # regions cut out for charts/vector pictures
    seconds: float = 0.0


def _asset_store(lesson: m.Lesson):
    from creator_studio.core.lesson.assets import AssetStore

    if lesson.asset_root is None:
        lesson.asset_root = staging.make_temp_dir("cs-assets-")
    return AssetStore(lesson.asset_root, durable=False)


def crop_region(picture: Path, bbox: Sequence[float]):
    """The region [x, y, w, h] (fractions of the slide) of a slide picture, or None if empty."""
    from PIL import Image as PILImage

    try:
        x, y, w, h = (float(v) for v in bbox)
    except (TypeError, ValueError):
        return None
    with PILImage.open(picture) as im:
        W, H = im.size
        box = (max(0, int(x * W)), max(0, int(y * H)), min(W, int((x + w) * W + 0.999)),
               min(H, int((y + h) * H + 0.999)))
        if box[2] - box[0] < 8 or box[3] - box[1] < 8:
            return None
        return im.convert("RGB").crop(box)


def attach_slide_pictures(lesson: m.Lesson, slide_pictures: str = "auto", job: Job | None = None,
                          *, pages: Sequence[m.Page] | None = None, source_path: Path | None = None,
                          width: int = SLIDE_PICTURE_WIDTH) -> SlidePictures:
    """Give every page that needs one its faithful slide picture (`page.raster`, an asset).

    Pages need one when their effective mode is picture/picture+text, or when they hold an
    "unsupported" chart or a vector picture with a slide `bbox` (those are cropped from the
    slide picture into `raster_asset`). LibreOffice runs once for the whole deck; pictures
    already attached are reused, so a second form in the same run costs nothing. Without
    LibreOffice or a source deck the pages stay without pictures and `reason` says why.
    """
    import time

    from PIL import Image as PILImage

    t0 = time.perf_counter()
    out = SlidePictures()
    pages = list(pages if pages is not None else lesson.visible_pages())
    want = [p for p in pages
            if effective_mode(p, slide_pictures) != "reflow"
            or (slide_pictures != "never" and any(_needs_crop(b) for b in p.all_blocks()))]
    have = {p.id for p in want if p.raster and lesson.asset_path(p.raster)}
    todo = [p for p in want if p.id not in have]
    out.pages |= have
    if have:
        out.backend = "stored"
    if todo:
        src = Path(source_path or lesson.source_path) if (source_path or lesson.source_path) else None
        reason = None
        if src is None or not src.is_file():
            reason = "没有原始演示文稿 / no source deck available"
        elif src.suffix.lower() not in PRESENTATION_SUFFIXES:
            reason = f"{src.suffix} 不是演示文稿 / not a presentation"
        elif not soffice_exe():
            reason = "未找到 LibreOffice / LibreOffice not found"
        if reason is None:
            work = staging.make_temp_dir("cs-lo-")
            try:
                n_slides = count_slides(src)
                idx = [(p, p.source_index - 1) for p in todo
                       if p.source_index is not None and 0 < p.source_index <= n_slides]
                if not idx and all(p.source_index is None for p in lesson.pages) \
                        and len(lesson.pages) == n_slides:
                    idx = [(p, lesson.pages.index(p)) for p in todo]
                if idx:
                    pdf = convert_to_pdf(src, work, job=job)
                    store = _asset_store(lesson)
                    import pypdfium2 as pdfium

                    from creator_studio.core.media.pdfium_lock import PDFIUM

                    with PDFIUM:
                        doc = pdfium.PdfDocument(str(pdf))
                        n_pages = len(doc)
                    try:
                        if n_pages != n_slides:
                            raise _Fallback(f"PDF 页数 {n_pages} 与幻灯片数 {n_slides} 不符 / "
                                            f"PDF has {n_pages} pages for {n_slides} slides")
                        for k, (page, i) in enumerate(idx):
                            if job is not None:
                                job.progress(k, len(idx), "渲染幻灯片原貌 / rendering slide pictures")
                            with PDFIUM:
                                pp = doc[i]
                                w_pt, _h = pp.get_size()
                                bitmap = pp.render(scale=width / max(1.0, w_pt))
                                im = bitmap.to_pil().convert("RGB")  # a copy of the pixels
                                bitmap.close()
                                pp.close()
                            tmp_png = work / f"p{k}.png"
                            im.save(tmp_png, compress_level=3)
                            page.raster = store.put_file(tmp_png, ".png")
                            out.pages.add(page.id)
                    finally:
                        with PDFIUM:
                            doc.close()
                    out.backend = "libreoffice"
                else:
                    reason = "页面与幻灯片无法对应 / pages do not map to slides"
            except Cancelled:
                raise
            except _Fallback as exc:
                reason = str(exc)
            except Exception as exc:  # noqa: BLE001 - pictures are an enhancement: keep the text
                log.warning("slide pictures failed", exc_info=True)
                reason = f"{type(exc).__name__}: {exc}"
            finally:
                shutil.rmtree(work, ignore_errors=True)
        out.reason = reason
        if reason:
            missing = [p for p in todo if p.id not in out.pages]
            if missing:
                out.warnings.append(f"{len(missing)} 页无法生成幻灯片原貌图片，改用文字排版：{reason}")
    # Crop charts we cannot redraw and vector pictures from their slide picture.
    for page in pages:
        if page.id not in out.pages:
            continue
        pic = lesson.asset_path(page.raster)
        if pic is None:
            continue
        for b in page.all_blocks():
            if not _needs_crop(b):
                continue
            try:
                region = crop_region(pic, b.bbox)
            except (OSError, PILImage.DecompressionBombError) as exc:
                log.info("crop failed on %s: %s", page.id, exc)
                region = None
            if region is None:
                continue
            import io

            buf = io.BytesIO()
            region.save(buf, "PNG", compress_level=3)
            b.raster_asset = _asset_store(lesson).put(buf.getvalue(), ".png")
            out.crops += 1
    out.seconds = time.perf_counter() - t0
    return out
