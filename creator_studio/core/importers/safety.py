"""Checks on an untrusted source file before any parser touches it.

python-pptx reads *every* zip member into memory when it opens a package, and python-docx reads
every part a relationship reaches, so a zip bomb (a small file with a huge zero-filled member)
costs gigabytes before the first slide is seen. `inspect` therefore looks only at the zip's
central directory (member count, declared sizes, ratios) and at three tiny XML parts
(`[Content_Types].xml`, the `.rels` files) — it never inflates a large member — and refuses
anything suspicious with a typed `SourceError`: code, 中文 message that says what to do, English.

It also says what the file really is (family + variant), so `.ppsx/.potx/.pptm/.docm/.dotx` are
read as their base type: `InspectedFile.open_stream()` hands parsers an in-memory copy whose main
content type is rewritten to the one python-pptx/python-docx accept, and from which dangling
relationships (targets missing from the zip) are dropped. Error codes are listed in
docs/importing.md.
"""

from __future__ import annotations

import hashlib
import html
import io
import logging
import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from creator_studio.core.errors import SourceError

log = logging.getLogger(__name__)

MiB = 1024 * 1024

# A parser that never resolves entities or touches the network (FIELD-NOTES §6: XXE).
_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                       remove_comments=True)

NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
RT_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
STRICT_MARK = b"http://purl.oclc.org/ooxml/"

CT_PRESENTATION = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
CT_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

# main-part content type → (family, variant extension)
MAIN_TYPES: dict[str, tuple[str, str]] = {
    CT_PRESENTATION: ("pptx", ".pptx"),
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml": ("pptx", ".ppsx"),
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml": ("pptx", ".potx"),
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml": ("pptx", ".pptm"),
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml": ("pptx", ".ppsm"),
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml": ("pptx", ".potm"),
    CT_DOCUMENT: ("docx", ".docx"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": ("docx", ".dotx"),
    "application/vnd.ms-word.document.macroEnabled.main+xml": ("docx", ".docm"),
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": ("docx", ".dotm"),
}
BASE_TYPE = {"pptx": CT_PRESENTATION, "docx": CT_DOCUMENT}
OFFICE_EXTS = {".pptx", ".ppsx", ".potx", ".pptm", ".ppsm", ".potm",
               ".docx", ".dotx", ".docm", ".dotm"}

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


@dataclass(frozen=True)
class ZipLimits:
    """Bounds checked on the zip directory before anything is inflated.

    The ratio is only checked on members whose declared size exceeds `ratio_min_size`: small XML
    parts legitimately compress 50–300×, while bombs are large by definition.
    """

    max_file_size: int = 300 * MiB
    max_members: int = 5000
    max_total_size: int = 500 * MiB
    max_member_size: int = 300 * MiB
    max_ratio: float = 200.0
    ratio_min_size: int = 2 * MiB
    max_xml_part_size: int = 64 * MiB  # [Content_Types].xml, .rels: we inflate these ourselves


DEFAULT_LIMITS = ZipLimits()


@dataclass
class InspectedFile:
    """What `inspect` learnt about a file that passed every check.

    `warnings` are 中文 notes importers copy into `lesson.warnings` (e.g. the extension said
    .pptx but the content is a Word document, or a relationship pointed at a missing part).
    """

    path: Path
    family: str  # "pptx" | "docx"
    variant: str  # real kind as an extension: ".pptx", ".ppsx", ".potx", ".pptm", ".docm", ...
    size: int
    sha256: str
    content_type: str
    main_part: str  # zip member name of the main part, e.g. "ppt/presentation.xml"
    member_count: int = 0
    total_size: int = 0
    extension_mismatch: bool = False
    dangling_rels: list[tuple[str, str, str]] = field(default_factory=list)  # (rels, rId, target)
    warnings: list[str] = field(default_factory=list)
    _data: bytes | None = field(default=None, repr=False)
    strict: bool = False  # read through `strict_to_transitional`

    @property
    def needs_rewrite(self) -> bool:
        return self.content_type != BASE_TYPE[self.family] or bool(self.dangling_rels)

    def read_bytes(self) -> bytes:
        if self._data is None:
            self._data = self.path.read_bytes()
        return self._data

    def open_stream(self) -> io.BytesIO:
        """A package python-pptx / python-docx will open: the file itself, or a fixed copy.

        The copy (only made for variants and dangling relationships) has the main part's
        content type set to the base type and relationships to missing parts removed; for
        presentations the matching `p:sldId` entries go too, so the slide list stays consistent.
        """
        data = self.read_bytes()
        if not self.needs_rewrite:
            return io.BytesIO(data)
        return io.BytesIO(_rewrite_package(data, self))

    def without_unparsable_parts(self, limits: ZipLimits | None = None) -> InspectedFile | None:
        """A re-inspected copy without the XML members lxml cannot parse, or None if none are.

        Called only after python-pptx/python-docx failed to open the package: one malformed
        slide (or chart, or notes page) then costs that part — its relationships become
        dangling and are dropped like any other — instead of the whole file. A malformed main
        part is still fatal (`CORRUPT`).
        """
        limits = limits or DEFAULT_LIMITS
        broken: list[str] = []
        with zipfile.ZipFile(io.BytesIO(self.read_bytes())) as z:
            for i in z.infolist():
                if not i.filename.lower().endswith((".xml", ".rels")):
                    continue
                if i.file_size > limits.max_xml_part_size:
                    continue
                try:
                    etree.fromstring(z.read(i), _XML)
                except (etree.XMLSyntaxError, ValueError):
                    broken.append(i.filename)
                except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
                    broken.append(i.filename)
            if not broken:
                return None
            if self.main_part in broken:
                raise _corrupt(self.path.name, f"{self.main_part} is not well-formed XML")
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
                for i in z.infolist():
                    if i.filename not in broken:
                        dst.writestr(i.filename, z.read(i))
        fixed = _inspect_zip(self.path, self.path.name, self.size, limits,
                             data=out.getvalue(), sha=self.sha256)
        fixed.warnings = [w for w in self.warnings if w not in fixed.warnings] + [
            f"文件内部部件“{b}”已损坏（XML 无法解析），已跳过。" for b in broken] + fixed.warnings
        fixed.extension_mismatch = self.extension_mismatch
        return fixed


def _err(code: str, zh: str, en: str, **details) -> SourceError:
    return SourceError(zh, en, code=code, details=details)


# --------------------------------------------------------------------------------------------


def inspect(path: Path | str, limits: ZipLimits | None = None) -> InspectedFile:
    """Check `path` and say what it is; raise `SourceError` (see docs/importing.md) otherwise."""
    limits = limits or DEFAULT_LIMITS
    path = Path(path)
    name = path.name
    try:
        st = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise _err("FILE_NOT_FOUND", f"找不到文件“{name}”，请检查路径是否正确。",
                   f"File not found: {path}") from None
    except OSError as exc:
        raise _err("FILE_UNREADABLE", f"无法读取文件“{name}”：{exc.strerror}。请检查文件权限。",
                   f"Cannot read {name}: {exc.strerror}") from None
    if not path.is_file():
        raise _err("FILE_NOT_FOUND", f"“{name}”不是文件（可能是文件夹），请选择 PPT 或 Word 文件。",
                   f"{name} is not a file")
    size = st.st_size
    if size == 0:
        raise _err("EMPTY_FILE", f"文件“{name}”是空的（0 字节），可能上传或保存未完成，请重新保存后再导入。",
                   f"{name} is empty (0 bytes); save it again and retry")
    if size > limits.max_file_size:
        raise _err("FILE_TOO_LARGE",
                   f"文件“{name}”有 {size / MiB:.0f} MB，超过 {limits.max_file_size / MiB:.0f} MB 上限；"
                   "请压缩图片和视频后再导入。",
                   f"{name} is {size / MiB:.0f} MB, above the {limits.max_file_size / MiB:.0f} MB "
                   "limit; compress pictures and videos first", size=size)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise _err("FILE_UNREADABLE", f"无法读取文件“{name}”：{exc.strerror}。请检查文件权限。",
                   f"Cannot read {name}: {exc.strerror}") from None
    if head == CFB_MAGIC:
        raise _classify_cfb(path, name)
    if not head.startswith(ZIP_MAGICS):
        raise _not_office(name, head)
    return _inspect_zip(path, name, size, limits)


def _not_office(name: str, head: bytes) -> SourceError:
    what_zh, what_en = "", ""
    if head.startswith(b"%PDF"):
        what_zh, what_en = "（这是 PDF 文件）", " (it is a PDF)"
    elif head.startswith(b"{\\rtf"):
        what_zh, what_en = "（这是 RTF 文件，请用 Word 另存为 .docx）", " (it is RTF; save it as .docx in Word)"
    return _err("NOT_OFFICE",
                f"“{name}”不是 PowerPoint 或 Word 文件{what_zh}。请选择 .pptx 或 .docx 文件。",
                f"{name} is not a PowerPoint or Word file{what_en}; choose a .pptx or .docx file")


# --- OLE2 / Compound File Binary ------------------------------------------------------------


def cfb_stream_names(data: bytes) -> list[str]:
    """Names in a Compound File's directory (MS-CFB), read by following the FAT chain.

    Only the header, FAT and directory sectors are read. Loops and out-of-range sectors stop
    the walk; what was read so far is returned.
    """
    if len(data) < 512 or data[:8] != CFB_MAGIC:
        return []
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if shift not in (9, 12):
        return []
    ssz = 1 << shift
    n_fat = struct.unpack_from("<I", data, 0x2C)[0]
    dir_start = struct.unpack_from("<I", data, 0x30)[0]
    difat_start = struct.unpack_from("<I", data, 0x44)[0]
    n_difat = struct.unpack_from("<I", data, 0x48)[0]
    n_sectors = (len(data) - ssz) // ssz + 1

    def sector(i: int) -> bytes:
        off = (i + 1) * ssz
        return data[off:off + ssz] if 0 <= i < n_sectors and off + ssz <= len(data) else b""

    fat_sectors = [x for x in struct.unpack_from("<109I", data, 0x4C) if x < 0xFFFFFFFA]
    nxt, seen = difat_start, 0
    while nxt < 0xFFFFFFFA and seen < min(n_difat, 10_000):
        sec = sector(nxt)
        if not sec:
            break
        vals = struct.unpack(f"<{ssz // 4}I", sec)
        fat_sectors += [x for x in vals[:-1] if x < 0xFFFFFFFA]
        nxt, seen = vals[-1], seen + 1
    fat: list[int] = []
    for s in fat_sectors[:max(n_fat, 0) or len(fat_sectors)]:
        sec = sector(s)
        if sec:
            fat.extend(struct.unpack(f"<{ssz // 4}I", sec))
    names: list[str] = []
    cur, hops = dir_start, 0
    while cur < 0xFFFFFFFA and hops < 100_000:
        sec = sector(cur)
        if not sec:
            break
        for off in range(0, ssz, 128):
            entry = sec[off:off + 128]
            nlen = struct.unpack_from("<H", entry, 0x40)[0]
            if 2 <= nlen <= 64 and entry[0x42] in (1, 2, 5):
                names.append(entry[:nlen - 2].decode("utf-16-le", "replace"))
        cur = fat[cur] if cur < len(fat) else 0xFFFFFFFE
        hops += 1
    return names


def _classify_cfb(path: Path, name: str) -> SourceError:
    data = path.read_bytes()
    names = set(cfb_stream_names(data))
    if not names:  # a broken directory: fall back to a plain scan for the UTF-16 names
        for probe in ("EncryptionInfo", "PowerPoint Document", "WordDocument", "Workbook"):
            if probe.encode("utf-16-le") in data:
                names.add(probe)
    if "EncryptionInfo" in names or "EncryptedPackage" in names:
        return _err("ENCRYPTED",
                    f"“{name}”设置了打开密码，无法读取。请在 Office 中打开它，"
                    "于“文件 → 信息 → 保护 → 用密码进行加密”中清除密码并保存后再导入。",
                    f"{name} is password-protected; remove the password in Office "
                    "(File → Info → Protect → Encrypt with Password) and save it again")
    if "PowerPoint Document" in names:
        kind_zh, kind_en, ext = "旧版 PowerPoint 97-2003（.ppt）", "a legacy PowerPoint 97-2003 (.ppt)", ".pptx"
    elif "WordDocument" in names:
        kind_zh, kind_en, ext = "旧版 Word 97-2003（.doc）", "a legacy Word 97-2003 (.doc)", ".docx"
    elif "Workbook" in names or "Book" in names:
        return _err("WRONG_TYPE",
                    f"“{name}”是 Excel 工作簿，不是 PPT 或 Word 文件。请选择演示文稿或文档。",
                    f"{name} is an Excel workbook, not a presentation or document")
    else:
        return _err("NOT_OFFICE",
                    f"“{name}”是 OLE 复合文件，但不是可识别的 PowerPoint 或 Word 文件。请选择 .pptx 或 .docx 文件。",
                    f"{name} is an OLE compound file but not a recognised PowerPoint or Word file")
    return _err("LEGACY_BINARY",
                f"“{name}”是{kind_zh}文件，暂不支持。请在 Office 或 WPS 中打开并“另存为”{ext} 后再导入。",
                f"{name} is {kind_en} file; open it in Office or WPS and save it as {ext}")


# --- zip packages ---------------------------------------------------------------------------


def _corrupt(name: str, why: str) -> SourceError:
    return _err("CORRUPT",
                f"“{name}”已损坏或不完整（可能下载/复制中断），无法读取。请重新获取原文件，"
                "或在 Office 中打开后“另存为”一份再导入。",
                f"{name} is damaged or incomplete ({why}); get the original again or re-save it in Office",
                reason=why)


def _bomb(name: str, why_zh: str, why_en: str) -> SourceError:
    return _err("ZIP_BOMB",
                f"“{name}”的压缩内容异常（{why_zh}），可能是恶意文件，已拒绝导入。"
                "如确认文件可信，请删除其中的超大附件后重新保存。",
                f"{name} was refused: {why_en} (possible zip bomb)")


def _read_member(z: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limits: ZipLimits) -> bytes:
    if info.file_size > limits.max_xml_part_size:
        raise _bomb(name, f"{info.filename} 过大", f"{info.filename} is too large")
    try:
        return z.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
            NotImplementedError) as exc:
        raise _corrupt(name, f"{info.filename}: {exc}") from None


def _parse(data: bytes, name: str, member: str):
    try:
        return etree.fromstring(data, _XML)
    except etree.XMLSyntaxError as exc:
        raise _corrupt(name, f"{member}: {exc}") from None


def _rels_source(rels_name: str) -> str:
    """`ppt/slides/_rels/slide1.xml.rels` → `ppt/slides/slide1.xml`; `_rels/.rels` → ``."""
    d, base = posixpath.split(rels_name)
    parent = posixpath.dirname(d)
    return posixpath.join(parent, base[:-5]) if base != ".rels" else parent


def resolve_target(source_part: str, target: str) -> str:
    """A relationship target (relative to its source part's folder, or absolute) → member name."""
    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    base = posixpath.dirname(source_part)
    joined = posixpath.normpath(posixpath.join(base, target)) if base else posixpath.normpath(target)
    return joined.lstrip("/")


def _inspect_zip(path: Path, name: str, size: int, limits: ZipLimits,
                 data: bytes | None = None, sha: str | None = None,
                 strict_mapped: bool = False) -> InspectedFile:
    data = path.read_bytes() if data is None else data
    sha = sha or hashlib.sha256(data).hexdigest()
    declared = _declared_member_count(data)
    if declared is not None and declared > limits.max_members:
        # Checked before ZipFile builds one ZipInfo per entry: millions of tiny entries would
        # cost seconds and gigabytes just to list.
        raise _bomb(name, f"声明包含 {declared} 个成员，上限 {limits.max_members}",
                    f"declares {declared} members, limit {limits.max_members}")
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
            NotImplementedError, struct.error) as exc:
        raise _corrupt(name, str(exc)) from None
    with z:
        infos = z.infolist()
        if len(infos) > limits.max_members:
            raise _bomb(name, f"包含 {len(infos)} 个成员，上限 {limits.max_members}",
                        f"{len(infos)} members, limit {limits.max_members}")
        total = 0
        for i in infos:
            total += i.file_size
            if i.file_size > limits.max_member_size:
                raise _bomb(name, f"成员 {i.filename} 解压后 {i.file_size / MiB:.0f} MB",
                            f"member {i.filename} expands to {i.file_size / MiB:.0f} MB")
            if i.file_size > limits.ratio_min_size:
                ratio = i.file_size / max(i.compress_size, 1)
                if ratio > limits.max_ratio:
                    raise _bomb(name, f"成员 {i.filename} 压缩比 {ratio:.0f}:1",
                                f"member {i.filename} has compression ratio {ratio:.0f}:1")
            if i.flag_bits & 0x1:
                raise _corrupt(name, f"{i.filename} uses zip encryption")
        if total > limits.max_total_size:
            raise _bomb(name, f"解压后共 {total / MiB:.0f} MB，上限 {limits.max_total_size / MiB:.0f} MB",
                        f"expands to {total / MiB:.0f} MB, limit {limits.max_total_size / MiB:.0f} MB")

        by_lower = {i.filename.lower(): i for i in infos}
        ct_info = by_lower.get("[content_types].xml")
        if ct_info is None:
            if "mimetype" in by_lower:
                raise _err("WRONG_TYPE",
                           f"“{name}”是 OpenDocument（WPS/LibreOffice 格式）文件。请另存为 .pptx 或 .docx 后再导入。",
                           f"{name} is an OpenDocument file; save it as .pptx or .docx")
            if "_rels/.rels" not in by_lower and not any(k.startswith(("ppt/", "word/")) for k in by_lower):
                raise _err("NOT_OFFICE",
                           f"“{name}”是普通 ZIP 压缩包，不是 PowerPoint 或 Word 文件。请选择 .pptx 或 .docx 文件。",
                           f"{name} is a plain zip archive, not a PowerPoint or Word file")
            raise _corrupt(name, "[Content_Types].xml missing")
        ct_bytes = _read_member(z, ct_info, name, limits)
        rels_info = by_lower.get("_rels/.rels")
        rels_bytes = _read_member(z, rels_info, name, limits) if rels_info else b""
        if STRICT_MARK in rels_bytes or STRICT_MARK in ct_bytes:
            if strict_mapped:
                # still Strict after mapping (a mangled namespace, a duplicated member): mapping
                # again would never end — the fuzzer found exactly that recursion
                raise _corrupt(name, "Strict namespaces left after mapping")
            # ISO Strict: every limit above already holds for the original; the mapped copy
            # only renames namespaces, so it is inspected again as a transitional package.
            mapped = strict_to_transitional(z, limits, name)
            z.close()
            info = _inspect_zip(path, name, size, limits, data=mapped, sha=sha, strict_mapped=True)
            info.warnings.insert(0, "文件以“严格 Open XML（Strict）”格式保存，已按普通格式读取。")
            info.strict = True
            return info
        if rels_info is None:
            raise _corrupt(name, "_rels/.rels missing")
        root = _parse(rels_bytes, name, "_rels/.rels")
        main_target = None
        for rel in root.iter(f"{{{NS_REL}}}Relationship"):
            if rel.get("Type") == RT_OFFICE_DOC and rel.get("TargetMode") != "External":
                main_target = resolve_target("", rel.get("Target", ""))
                break
        if main_target is None:
            raise _err("NOT_OFFICE",
                       f"“{name}”是 Office 包，但没有主文档部分，无法识别为 PPT 或 Word 文件。",
                       f"{name} is an Office package without a main document part")
        content_type = _content_type(_parse(ct_bytes, name, "[Content_Types].xml"), main_target)
        kind = MAIN_TYPES.get(content_type)
        if kind is None:
            if "spreadsheetml" in content_type or "ms-excel" in content_type:
                raise _err("WRONG_TYPE",
                           f"“{name}”是 Excel 工作簿，不是 PPT 或 Word 文件。请选择演示文稿或文档。",
                           f"{name} is an Excel workbook, not a presentation or document",
                           content_type=content_type)
            raise _err("WRONG_TYPE",
                       f"“{name}”不是可导入的 PPT 或 Word 文件（内容类型 {content_type or '未知'}）。",
                       f"{name} is not an importable presentation or document "
                       f"(content type {content_type or 'unknown'})", content_type=content_type)
        family, variant = kind
        main_info = by_lower.get(main_target.lower())
        if main_info is None:
            raise _err("MISSING_PART",
                       f"“{name}”缺少主文档部分（{main_target}），文件已损坏。请在 Office 中打开修复并另存后再导入。",
                       f"{name} lacks its main part {main_target}; repair and re-save it in Office",
                       part=main_target)
        if main_info.filename != main_target:
            main_target = main_info.filename

        info = InspectedFile(path=path, family=family, variant=variant, size=size, sha256=sha,
                             content_type=content_type, main_part=main_target,
                             member_count=len(infos), total_size=total, _data=data)
        ext = path.suffix.lower()
        if ext in OFFICE_EXTS and _family_of_ext(ext) != family:
            info.extension_mismatch = True
            real = "Word 文档" if family == "docx" else "PowerPoint 演示文稿"
            info.warnings.append(f"文件扩展名是 {ext}，但内容其实是{real}（{variant}），已按实际类型导入。")
        info.dangling_rels = _dangling_rels(z, infos, by_lower, name, limits)
        for rels_name, _rid, target in info.dangling_rels:
            info.warnings.append(f"文件内部引用的部件“{target}”不存在（来自 {rels_name}），已忽略该引用。")
        return info


def _declared_member_count(data: bytes) -> int | None:
    """Entry count from the end-of-central-directory record (zip64 aware), or None."""
    pos = data.rfind(b"PK\x05\x06", max(0, len(data) - 65557))
    if pos < 0 or pos + 22 > len(data):
        return None
    total = struct.unpack_from("<H", data, pos + 10)[0]
    if total == 0xFFFF and pos >= 20 and data[pos - 20:pos - 16] == b"PK\x06\x07":
        off = struct.unpack_from("<Q", data, pos - 12)[0]
        if off + 40 <= len(data) and data[off:off + 4] == b"PK\x06\x06":
            total = struct.unpack_from("<Q", data, off + 32)[0]
    return total


def _family_of_ext(ext: str) -> str:
    return "pptx" if ext.startswith((".pp", ".po")) else "docx"


def _content_type(types_root, part: str) -> str:
    want = "/" + part.lower()
    for o in types_root.iter(f"{{{NS_CT}}}Override"):
        if (o.get("PartName") or "").lower() == want:
            return o.get("ContentType") or ""
    ext = posixpath.splitext(part)[1].lstrip(".").lower()
    for d in types_root.iter(f"{{{NS_CT}}}Default"):
        if (d.get("Extension") or "").lower() == ext:
            return d.get("ContentType") or ""
    return ""


_REL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?Relationship\s([^>]*?)/?>")
_ATTR = re.compile(rb"""([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _relationships(blob: bytes) -> list[dict[str, str]]:
    """Attributes of each `Relationship` in a .rels part.

    A regex rather than an XML parse: .rels parts are flat and this runs over every one of them
    in every import (about a third of `inspect`'s time with lxml, on a 60-slide deck). Anything
    it misreads only means a dangling target goes unnoticed, and python-pptx then reports the
    package as CORRUPT instead of it being repaired.
    """
    out = []
    for m in _REL_TAG.finditer(blob):
        attrs = {}
        for a in _ATTR.finditer(m.group(1)):
            raw = a.group(2) if a.group(2) is not None else a.group(3)
            attrs[a.group(1).decode("ascii", "replace")] = html.unescape(
                raw.decode("utf-8", "replace"))
        out.append(attrs)
    return out


def _dangling_rels(z, infos, by_lower, name, limits) -> list[tuple[str, str, str]]:
    """Internal relationships whose target is not in the zip (python-pptx/docx die on them)."""
    out = []
    resolved: dict[tuple[str, str], str] = {}
    for i in infos:
        fn = i.filename
        if not fn.lower().endswith(".rels"):
            continue
        try:
            blob = _read_member(z, i, name, limits)
        except SourceError:
            continue  # a broken rels file only hurts its own part; the importer degrades that
        src = _rels_source(fn)
        base = posixpath.dirname(src)
        for rel in _relationships(blob):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            if not target or target.startswith(("http:", "https:", "file:", "mailto:")):
                continue
            key = (base, target)
            member = resolved.get(key)
            if member is None:
                member = resolved[key] = resolve_target(src, target)
            if member.lower() not in by_lower and not member.endswith("/"):
                out.append((fn, rel.get("Id") or "", member))
    return out


# --- ISO Strict → transitional ------------------------------------------------------------

# Strict namespaces (ISO/IEC 29500-1 Strict) and the transitional ones python-pptx/python-docx
# and our readers know. Order matters: longer prefixes first (…/relationships before the rest).
STRICT_NAMESPACES: tuple[tuple[bytes, bytes], ...] = tuple(
    (a.encode(), b.encode()) for a, b in (
        ("http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties",
         "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"),
        ("http://purl.oclc.org/ooxml/officeDocument/relationships/customProperties",
         "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"),
        ("http://purl.oclc.org/ooxml/officeDocument/relationships",
         "http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
        ("http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
         "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"),
        ("http://purl.oclc.org/ooxml/officeDocument/customProperties",
         "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"),
        ("http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes",
         "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"),
        ("http://purl.oclc.org/ooxml/officeDocument/sharedTypes",
         "http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes"),
        ("http://purl.oclc.org/ooxml/officeDocument/math",
         "http://schemas.openxmlformats.org/officeDocument/2006/math"),
        ("http://purl.oclc.org/ooxml/officeDocument/bibliography",
         "http://schemas.openxmlformats.org/officeDocument/2006/bibliography"),
        ("http://purl.oclc.org/ooxml/officeDocument/customXml",
         "http://schemas.openxmlformats.org/officeDocument/2006/customXml"),
        ("http://purl.oclc.org/ooxml/presentationml/main",
         "http://schemas.openxmlformats.org/presentationml/2006/main"),
        ("http://purl.oclc.org/ooxml/wordprocessingml/main",
         "http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
        ("http://purl.oclc.org/ooxml/spreadsheetml/main",
         "http://schemas.openxmlformats.org/spreadsheetml/2006/main"),
        ("http://purl.oclc.org/ooxml/drawingml/main",
         "http://schemas.openxmlformats.org/drawingml/2006/main"),
        ("http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing",
         "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"),
        ("http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing",
         "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"),
        ("http://purl.oclc.org/ooxml/drawingml/chartDrawing",
         "http://schemas.openxmlformats.org/drawingml/2006/chartDrawing"),
        ("http://purl.oclc.org/ooxml/drawingml/",
         "http://schemas.openxmlformats.org/drawingml/2006/"),  # chart, diagram, picture, …
        ("http://purl.oclc.org/ooxml/schemaLibrary/main",
         "http://schemas.openxmlformats.org/schemaLibrary/2006/main"),
    ))


_CONFORMANCE = re.compile(rb'\s(?:[A-Za-z][\w.-]*:)?conformance="strict"')


def strict_to_transitional(z: zipfile.ZipFile, limits: ZipLimits, name: str) -> bytes:
    """A copy of a Strict package with every XML part's namespaces mapped to transitional.

    Done on the bytes of each `.xml`/`.rels`/`.vml` member (namespace URIs are plain strings in
    both the XML and the relationship types), in memory, before any parser sees the package.
    Strict also writes some values differently (percentages as "50%", lengths as "1in"); our
    readers treat values they cannot parse as absent, so those cost a detail, not the file.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for i in z.infolist():
            blob = _read_member(z, i, name, limits) if i.filename.lower().endswith(
                (".xml", ".rels", ".vml")) else _read_any(z, i, name)
            if i.filename.lower().endswith((".xml", ".rels", ".vml")):
                for old, new in STRICT_NAMESPACES:
                    blob = blob.replace(old, new)
                blob = _CONFORMANCE.sub(b"", blob)
            dst.writestr(i.filename, blob)
    return out.getvalue()


def _read_any(z: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    try:
        return z.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
            NotImplementedError) as exc:
        raise _corrupt(name, f"{info.filename}: {exc}") from None


# --- the rewritten copy ---------------------------------------------------------------------

NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _rewrite_package(data: bytes, info: InspectedFile) -> bytes:
    drop: dict[str, set[str]] = {}
    for rels_name, rid, _t in info.dangling_rels:
        drop.setdefault(rels_name, set()).add(rid)
    main_rels = posixpath.join(posixpath.dirname(info.main_part), "_rels",
                               posixpath.basename(info.main_part) + ".rels")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for i in src.infolist():
            blob = src.read(i)
            fn = i.filename
            if fn.lower() == "[content_types].xml" and info.content_type != BASE_TYPE[info.family]:
                blob = _retype(blob, info)
            elif fn in drop:
                blob = _drop_rels(blob, drop[fn])
            elif fn == info.main_part and info.family == "pptx" and main_rels in drop:
                blob = _drop_slide_ids(blob, drop[main_rels])
            dst.writestr(fn, blob)
    return out.getvalue()


def _retype(blob: bytes, info: InspectedFile) -> bytes:
    root = etree.fromstring(blob, _XML)
    want = "/" + info.main_part.lower()
    done = False
    for o in root.iter(f"{{{NS_CT}}}Override"):
        if (o.get("PartName") or "").lower() == want:
            o.set("ContentType", BASE_TYPE[info.family])
            done = True
    if not done:
        etree.SubElement(root, f"{{{NS_CT}}}Override", PartName="/" + info.main_part,
                         ContentType=BASE_TYPE[info.family])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drop_rels(blob: bytes, ids: set[str]) -> bytes:
    root = etree.fromstring(blob, _XML)
    for rel in list(root.iter(f"{{{NS_REL}}}Relationship")):
        if rel.get("Id") in ids:
            rel.getparent().remove(rel)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drop_slide_ids(blob: bytes, ids: set[str]) -> bytes:
    root = etree.fromstring(blob, _XML)
    for tag in ("sldId", "notesMasterId", "handoutMasterId", "sldMasterId"):
        for el in list(root.iter(f"{{{NS_P}}}{tag}")):
            if el.get(f"{{{NS_R}}}id") in ids:
                el.getparent().remove(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
