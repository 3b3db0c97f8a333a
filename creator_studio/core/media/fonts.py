"""Find a CJK font that draws Simplified Chinese with the right glyph shapes.

Noto Sans CJK ships as a .ttc whose faces are JP, KR, SC, TC, HK in some order: index 0 is JP,
so loading the file without the right index gives Japanese-shaped 骨/直/门. We pick the face by
its family name, never by a fixed index. On Windows 微软雅黑 (msyh.ttc) or 等线 (Deng.ttf) serve.
"""

from __future__ import annotations

import functools
import logging
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont

from creator_studio.core.errors import RenderError

log = logging.getLogger(__name__)

_CANDIDATES: dict[str, list[str]] = {
    "regular": [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
        "C:/Windows/Fonts/msyh.ttc",
        "C:/Windows/Fonts/Deng.ttf",
        "C:/Windows/Fonts/simhei.ttf",
        "/System/Library/Fonts/PingFang.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    ],
    "bold": [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Bold.otf",
        "C:/Windows/Fonts/msyhbd.ttc",
        "C:/Windows/Fonts/Dengb.ttf",
    ],
}

# Family names that mean "Simplified Chinese face" inside a collection.
_SC_MARKERS = (" SC", "CN", "Microsoft YaHei", "DengXian", "SimHei", "PingFang SC", "WenQuanYi")


@dataclass(frozen=True)
class FontSpec:
    path: str
    index: int
    family: str

    def describe(self) -> str:
        return f"{self.family} ({Path(self.path).name}#{self.index})"


class NoCJKFontError(RenderError):
    code = "NO_CJK_FONT"

    def __init__(self) -> None:
        super().__init__(
            "找不到中文字体。请安装 Noto Sans CJK（Debian/Ubuntu：apt-get install fonts-noto-cjk），"
            "或在 Windows 上确认已有微软雅黑",
            "No Chinese font found. Install Noto Sans CJK (Debian/Ubuntu: apt-get install "
            "fonts-noto-cjk) or make sure Microsoft YaHei is present on Windows",
        )


def _sc_face(path: str) -> FontSpec | None:
    """Return the Simplified Chinese face of a font file, or None if it has none."""
    fallback: FontSpec | None = None
    for index in range(0, 16):
        try:
            font = ImageFont.truetype(path, 20, index=index)
        except OSError:
            break
        family, _style = font.getname()
        spec = FontSpec(path, index, family or "")
        if any(marker in (family or "") for marker in _SC_MARKERS):
            return spec
        if fallback is None and font.getbbox("中")[2] > 0:
            fallback = spec
        if not path.lower().endswith((".ttc", ".otc")):
            break
    # A single-face font that draws 中 is acceptable when nothing better exists.
    if fallback and not path.lower().endswith((".ttc", ".otc")):
        return fallback
    return None


def _fc_list() -> list[str]:
    try:
        out = subprocess.run(["fc-list", ":lang=zh-cn", "file"], capture_output=True, text=True,
                             timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({line.split(":")[0].strip() for line in out.splitlines() if line.strip()})


@functools.lru_cache(maxsize=4)
def find_cjk_font(weight: str = "regular") -> FontSpec:
    """The CJK font to use; `CREATOR_STUDIO_FONT` (path[#index]) overrides the search."""
    env = os.environ.get("CREATOR_STUDIO_FONT" if weight == "regular" else "CREATOR_STUDIO_FONT_BOLD")
    if env:
        path, _, idx = env.partition("#")
        if Path(path).is_file():
            if idx:
                return FontSpec(path, int(idx), "custom")
            spec = _sc_face(path)
            if spec:
                return spec
    if os.environ.get("CREATOR_STUDIO_NO_SYSTEM_FONTS") == "1":
        raise NoCJKFontError()  # used by tests of the "no font installed" path
    candidates = list(_CANDIDATES.get(weight, []))
    if weight != "regular":
        candidates += _CANDIDATES["regular"]
    for path in candidates + _fc_list():
        if Path(path).is_file():
            spec = _sc_face(path)
            if spec:
                log.debug("CJK font (%s): %s", weight, spec.describe())
                return spec
    raise NoCJKFontError()


@functools.lru_cache(maxsize=64)
def load_font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    spec = find_cjk_font("bold" if bold else "regular")
    return ImageFont.truetype(spec.path, int(size), index=spec.index)


# ------------------------------------------------------------------------------------------
# Latin face for Latin punctuation (issue 15): Noto Sans CJK draws ’ “ ” full-width, which
# opens a gap in "Today’s". In Latin context those characters are drawn with a Latin face.

_LATIN_CANDIDATES = {
    False: ["/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
            "/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "C:/Windows/Fonts/arial.ttf", "/System/Library/Fonts/Helvetica.ttc"],
    True: ["/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
           "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
           "/usr/share/fonts/truetype/crosextra/Carlito-Bold.ttf",
           "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
           "C:/Windows/Fonts/arialbd.ttf"],
}
LATIN_PUNCT = set("‘’“”")


@functools.lru_cache(maxsize=1)
def find_latin_font() -> str | None:
    for path in _LATIN_CANDIDATES[False]:
        if Path(path).is_file():
            return path
    return None


@functools.lru_cache(maxsize=64)
def load_latin_font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """A proportional Latin face (Liberation Sans, else Carlito/DejaVu); the CJK face if none."""
    for path in _LATIN_CANDIDATES[bold] + _LATIN_CANDIDATES[False]:
        if Path(path).is_file():
            return ImageFont.truetype(path, int(size))
    return load_font(size, bold)


def _is_latin(ch: str) -> bool:
    return bool(ch) and (ch.isascii() and ch.isalnum() or "\u00c0" <= ch <= "\u024f")


def _is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"
                         or "\uff00" <= ch <= "\uffef" or "\u3000" <= ch <= "\u303f")


def latin_context(text: str, i: int) -> bool:
    """True when the curly quote at text[i] sits in Latin text ("Today’s", “Hello”).

    Chinese uses the same code points for its quotes (他说“好”): there the full-width CJK glyph
    is right, so a quote touching a CJK character stays with the CJK face.
    """
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if _is_cjk(prev) or _is_cjk(nxt):
        return False
    if _is_latin(prev) or _is_latin(nxt):
        return True
    # Quote next to a space or another quote: look one step further for a Latin letter.
    far_prev = text[i - 2] if i > 1 else ""
    far_next = text[i + 2] if i + 2 < len(text) else ""
    return (_is_latin(far_prev) or _is_latin(far_next)) and not (_is_cjk(far_prev) or _is_cjk(far_next))


def latin_positions(text: str) -> set[int]:
    """Indexes of the curly quotes in `text` that should use the Latin face."""
    return {i for i, ch in enumerate(text) if ch in LATIN_PUNCT and latin_context(text, i)}


# ------------------------------------------------------------------------------------------
# Fonts a deck asks for, and what this machine gives instead (issue 15, FIELD-NOTES §8)

# Chinese Office fonts → the closest free face in Debian (shape class: 黑体 sans, 宋体 serif, 楷体
# brush). Fontconfig would otherwise hand all of them DejaVu Sans, which has no CJK at all.
CJK_ALIASES: dict[str, str] = {
    "微软雅黑": "Noto Sans CJK SC", "Microsoft YaHei": "Noto Sans CJK SC",
    "Microsoft YaHei UI": "Noto Sans CJK SC", "等线": "Noto Sans CJK SC", "DengXian": "Noto Sans CJK SC",
    "黑体": "Noto Sans CJK SC", "SimHei": "Noto Sans CJK SC", "华文黑体": "Noto Sans CJK SC",
    "STHeiti": "Noto Sans CJK SC", "华文细黑": "Noto Sans CJK SC", "STXihei": "Noto Sans CJK SC",
    "方正黑体_GBK": "Noto Sans CJK SC", "PingFang SC": "Noto Sans CJK SC",
    "思源黑体": "Noto Sans CJK SC", "Source Han Sans SC": "Noto Sans CJK SC",
    "宋体": "Noto Serif CJK SC", "SimSun": "Noto Serif CJK SC", "新宋体": "Noto Serif CJK SC",
    "NSimSun": "Noto Serif CJK SC", "华文宋体": "Noto Serif CJK SC", "STSong": "Noto Serif CJK SC",
    "仿宋": "Noto Serif CJK SC", "FangSong": "Noto Serif CJK SC", "仿宋_GB2312": "Noto Serif CJK SC",
    "华文中宋": "Noto Serif CJK SC", "STZhongsong": "Noto Serif CJK SC",
    "思源宋体": "Noto Serif CJK SC", "Source Han Serif SC": "Noto Serif CJK SC",
    "楷体": "AR PL UKai CN", "KaiTi": "AR PL UKai CN", "楷体_GB2312": "AR PL UKai CN",
    "华文楷体": "AR PL UKai CN", "STKaiti": "AR PL UKai CN",
    "標楷體": "AR PL UKai CN", "DFKai-SB": "AR PL UKai CN",
    "微软雅黑 Light": "Noto Sans CJK SC", "Microsoft YaHei Light": "Noto Sans CJK SC",
    "微軟正黑體": "Noto Sans CJK SC", "Microsoft JhengHei": "Noto Sans CJK SC",
    "新細明體": "Noto Serif CJK SC", "PMingLiU": "Noto Serif CJK SC", "MingLiU": "Noto Serif CJK SC",
    "隶书": "AR PL UKai CN", "LiSu": "AR PL UKai CN", "幼圆": "WenQuanYi Micro Hei", "YouYuan": "WenQuanYi Micro Hei",
}
# Latin Office fonts without a metric-compatible alias in fontconfig's own rules.
LATIN_ALIASES: dict[str, str] = {
    "Segoe UI": "Carlito", "Segoe UI Light": "Carlito", "Segoe UI Semilight": "Carlito",
    "Segoe UI Semibold": "Carlito", "Segoe UI Black": "Carlito", "Calibri Light": "Carlito",
    "Consolas": "Liberation Mono", "Courier New": "Liberation Mono", "Lucida Console": "Liberation Mono", "Tahoma": "DejaVu Sans",
    "Verdana": "DejaVu Sans", "Helvetica": "Liberation Sans", "Arial Unicode MS": "Noto Sans CJK SC",
}
# Fallbacks in case a preferred substitute is not installed (CJK never ends at DejaVu).
_CJK_FALLBACK = ["Noto Sans CJK SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "AR PL UMing CN"]


def _xml_escape(s: str) -> str:
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def fontconfig_aliases_xml() -> str:
    """A fontconfig file mapping Office font names to installed look-alikes (strong binding)."""
    parts = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">', "<fontconfig>",
             "  <!-- written by Creator Studio: Office fonts → installed look-alikes -->"]
    for name, sub in {**CJK_ALIASES, **LATIN_ALIASES}.items():
        fallbacks = [sub] + ([f for f in _CJK_FALLBACK if f != sub] if name in CJK_ALIASES else [])
        prefer = "".join(f"<family>{_xml_escape(f)}</family>" for f in fallbacks)
        parts.append(f'  <alias binding="strong"><family>{_xml_escape(name)}</family>'
                     f"<prefer>{prefer}</prefer></alias>")
    parts.append("</fontconfig>")
    return "\n".join(parts) + "\n"


def private_fontconfig(folder: Path) -> Path:
    """Write fonts.conf (system config + our aliases) into `folder`; set FONTCONFIG_FILE to it.

    LibreOffice and `fc-match` read it; the user's and the system's own files are untouched.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    alias = folder / "creator-studio-aliases.conf"
    alias.write_text(fontconfig_aliases_xml(), encoding="utf-8")
    system = next((p for p in ("/etc/fonts/fonts.conf", "/usr/local/etc/fonts/fonts.conf")
                   if Path(p).is_file()), None)
    main = folder / "fonts.conf"
    include = f"  <include ignore_missing=\"yes\">{_xml_escape(system)}</include>\n" if system else ""
    main.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                    f"{include}  <include>{_xml_escape(str(alias))}</include>\n"
                    f"  <cachedir>{_xml_escape(str(folder / 'cache'))}</cachedir>\n"
                    "</fontconfig>\n", encoding="utf-8")
    return main


_shared_conf: Path | None = None


def shared_fontconfig() -> Path | None:
    """One private config per process (in the temp folder), for fc-match and LibreOffice."""
    global _shared_conf
    if _shared_conf is not None and _shared_conf.is_file():
        return _shared_conf
    import tempfile

    try:
        _shared_conf = private_fontconfig(Path(tempfile.gettempdir()) / f"cs-fontconfig-{os.getuid() if hasattr(os, 'getuid') else 0}")
    except OSError as exc:
        log.info("private fontconfig unavailable: %s", exc)
        return None
    return _shared_conf


@functools.lru_cache(maxsize=512)
def fc_match(name: str) -> str:
    """The family fontconfig gives for `name` under our alias file ('' when fc-match is absent)."""
    env = dict(os.environ)
    conf = shared_fontconfig()
    if conf:
        env["FONTCONFIG_FILE"] = str(conf)
    try:
        out = subprocess.run(["fc-match", "-f", "%{family[0]}", name], capture_output=True,
                             text=True, timeout=10, env=env).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.strip()


def deck_fonts(path: Path) -> list[str]:
    """Typefaces a PPTX/DOCX names (theme major/minor Latin + East Asian, and run-level faces).

    Read straight from the XML parts: `+mj-lt`-style theme references are resolved by the
    theme entries themselves, so they are skipped.
    """
    import re
    import zipfile

    names: dict[str, None] = {}
    rx = re.compile(rb'<(?:a:(?:latin|ea|cs)|w:rFonts)\b[^>]*?(?:typeface|w:ascii|w:eastAsia|w:hAnsi)="([^"]{1,64})"')
    try:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                n = info.filename
                if not n.endswith(".xml") or info.file_size > 20_000_000:
                    continue
                if not (n.startswith(("ppt/slides/", "ppt/theme/", "ppt/slideLayouts/",
                                      "ppt/slideMasters/", "word/"))):
                    continue
                for mt in rx.finditer(z.read(n)):
                    face = mt.group(1).decode("utf-8", "replace").strip()
                    if face and not face.startswith("+"):
                        names.setdefault(face, None)
    except (zipfile.BadZipFile, OSError, KeyError):
        return []
    return list(names)[:60]


def font_report(path: Path | None) -> list[dict[str, str]]:
    """[{asked, used}] for every font the source asks for: what a render on this machine used."""
    if not path or not Path(path).is_file():
        return []
    return [{"asked": name, "used": fc_match(name) or "?"} for name in deck_fonts(Path(path))]
