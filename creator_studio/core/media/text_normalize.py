"""Turn written Chinese course text into what a narrator would say, before TTS.

espeak-ng's Mandarin reads "25%" as English "percent", skips "-3.5℃" and spells long numbers
digit by digit in English (FIELD-NOTES §5), so everything numeric is spelled out in Chinese
words first: integers (with 万/亿 grouping and 零 rules), decimals, negatives, percentages, dates,
clock times, temperatures, currency, common units, ranges, fractions, and phone/account numbers
(read digit by digit, 1 as 幺). Bullets and vertical tabs are dropped — nobody reads those
aloud. E-mail addresses and web addresses are read the way people say them ("service 艾特 abc 点
com", "www 点 abc 点 com", the path left out). The rules are ordered: specific shapes (dates,
phones) run before the generic number rule.

`split_sentences` cuts written text into the sentences narration is synthesised in and captions
are timed by: at 。！？；, at line ends (so list items never run together), keeping closing quotes.
"""

from __future__ import annotations

import re

DIGITS = "零一二三四五六七八九"
PHONE_DIGITS = "零幺二三四五六七八九"
_GROUP_UNITS = ["", "万", "亿", "万亿"]

# Full-width forms people type in Chinese IMEs.
_FULLWIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)},
                            "．": ".", "％": "%", "：": ":", "－": "-", "／": "/", "＋": "+",
                            "～": "~", "，": "，"})

_NUM = r"\d+(?:\.\d+)?"


def _group_to_zh(n: int) -> str:
    """0 < n < 10000 in words, without leading 零."""
    out, pending_zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d == 0:
            if out:
                pending_zero = True
            continue
        if pending_zero:
            out += "零"
            pending_zero = False
        out += DIGITS[d] + unit
    return out


def int_to_zh(n: int) -> str:
    """An integer in Chinese words: 10 → 十, 110 → 一百一十, 100010000 → 一亿零一万."""
    if n < 0:
        return "负" + int_to_zh(-n)
    if n == 0:
        return "零"
    groups = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    if len(groups) > len(_GROUP_UNITS):
        return digits_to_zh("".join(str(g) for g in reversed(groups)))
    out, gap = "", False
    for i in reversed(range(len(groups))):
        g = groups[i]
        if g == 0:
            gap = bool(out)
            continue
        if out and (gap or g < 1000):
            out += "零"
        out += _group_to_zh(g) + _GROUP_UNITS[i]
        gap = False
    if out.startswith("一十"):
        out = out[1:]
    return out


def digits_to_zh(s: str, *, phone: bool = False) -> str:
    """Read each digit: 2026 → 二零二六; phone numbers read 1 as 幺."""
    table = PHONE_DIGITS if phone else DIGITS
    return "".join(table[int(c)] if c.isdigit() else "" for c in s)


def number_to_zh(text: str) -> str:
    """'12.50' → 十二点五零, '-3' → 负三, '007' → 零零七 (leading zeros are read as digits)."""
    text = text.strip()
    neg = text.startswith("-")
    if neg:
        text = text[1:]
    whole, _, frac = text.partition(".")
    if not whole:
        whole = "0"
    if len(whole) > 1 and whole.startswith("0"):
        spoken = digits_to_zh(whole)
    elif len(whole) > 16:
        spoken = digits_to_zh(whole)
    else:
        spoken = int_to_zh(int(whole))
    if frac:
        spoken += "点" + digits_to_zh(frac)
    return ("负" if neg else "") + spoken


# ------------------------------------------------------------------------------------------
# Rules, applied in order. Each is (pattern, replacement function).

_URL_RE = re.compile(r"(?:https?|ftp)://\S+|www\.[A-Za-z0-9.-]+\.[A-Za-z]{2,}\S*", re.I)
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_BULLETS = "•●○◦▪▫■□◆◇★☆✓✔✗✘➢➤►▶▸‣⁃◉❖➔→⇒※·"
_BULLET_LINE_RE = re.compile(r"^\s*(?:[" + re.escape(_BULLETS) + r"\-*]+|\d+[.)、]|[（(]\d+[)）]|[a-zA-Z][.)])\s+",
                             re.M)
_BULLET_ANY_RE = re.compile("[" + re.escape(_BULLETS.replace("·", "")) + "]")
_THOUSANDS_RE = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d,])")

_DATE_YMD_RE = re.compile(r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*[日号]?")
_DATE_YM_RE = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月")
_YEAR_RE = re.compile(r"(?<![\d.])(\d{4})\s*年(?!\d)")
_TIME_RE = re.compile(r"(?<![\d.:])([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(?![\d:])")

_MOBILE_RE = re.compile(r"(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)")
_LANDLINE_RE = re.compile(r"(?<![\d.])(?:0\d{2,3}|[48]00)-\d{3,4}-?\d{3,4}(?!\d)")
# 955xx: the short national service lines of insurers and banks (95500, 95511, 95519…).
_HOTLINE_RE = re.compile(r"(?<![\d.,])95\d{3}(?![\d.,])(?!\s*(?:元|万|亿|%|‰|人|份|次|个|年|件|名))")
_SERVICE_RE = re.compile(r"(电话|热线|拨打|拨|致电|客服|专线|号码|手机|编号|工号|账号|卡号|保单号)(\s*[:是为]?\s*)(\d{3,})")
_LONG_DIGITS_RE = re.compile(r"(?<![\d.,])\d{7,}(?![\d.,])(?!\s*(?:元|万|亿|%|‰|人|份|次|个))")

_TEMP_RE = re.compile(r"(-?" + _NUM + r")\s*(?:℃|°C|°c|摄氏度)")
_PERCENT_RE = re.compile(r"(-?" + _NUM + r")\s*%")
_PERMILLE_RE = re.compile(r"(-?" + _NUM + r")\s*‰")
_CURRENCY_PREFIX_RE = re.compile(r"([¥￥$€£])\s*(-?" + _NUM + r")\s*(万亿|万|亿|千)?(元)?")
_CURRENCY_NAMES = {"¥": "元", "￥": "元", "$": "美元", "€": "欧元", "£": "英镑"}

_UNITS = [
    ("km/h", "公里每小时"), ("km²", "平方公里"), ("m²", "平方米"), ("m³", "立方米"), ("m2", "平方米"),
    ("km", "公里"), ("kg", "千克"), ("cm", "厘米"), ("mm", "毫米"), ("ml", "毫升"), ("mL", "毫升"),
    ("kW", "千瓦"), ("kw", "千瓦"), ("TB", "TB"), ("GB", "GB"), ("MB", "MB"), ("KB", "KB"),
    ("mg", "毫克"), ("min", "分钟"), ("ms", "毫秒"), ("m", "米"), ("g", "克"), ("L", "升"),
    ("h", "小时"), ("s", "秒"), ("t", "吨"),
]
_UNIT_RE = re.compile(r"(" + _NUM + r")\s*(" + "|".join(re.escape(u) for u, _ in _UNITS)
                      + r")(?![A-Za-z0-9²³])")
_UNIT_NAMES = dict(_UNITS)

_RATIO_RE = re.compile(r"(?<![\d.])(\d+)\s*:\s*(\d+)(?![\d.])")
# Codes: policy and case numbers with letters and dashes (AB-2026-0001234, P2026123456):
# letters spelled, digits one by one — never "two thousand and twenty-six".
_CODE_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{1,4}[-_]?\d+(?:[-_]\d+)+(?![A-Za-z0-9])"
                      r"|(?<![A-Za-z0-9])[A-Za-z]{1,4}\d{5,}(?![A-Za-z0-9])")
# "元/年", "3次/月": a slash before a unit of time or count is read 每.
_PER_RE = re.compile(r"/(?=(?:年|月|日|天|周|人|次|份|件|小时|分钟|公里|千克|张|单|户|家))")
# A range between clock times or dates already in words: "九点三十分-十七点" → 到.
_WORD_RANGE_RE = re.compile(r"(?<=[分整点日号月])\s*[-~～–—至]\s*(?=[零一二三四五六七八九十\d])")
_RANGE_RE = re.compile(r"(" + _NUM + r")\s*(?:~|〜|～|–|—|至|-)\s*(?=\d)")
_FRACTION_RE = re.compile(r"(?<![\d/])(\d+)/(\d+)(?![\d/])")
_NEGATIVE_RE = re.compile(r"(?<![0-9A-Za-z.])-(?=\d)")
_LIANG_RE = re.compile(r"(?<![\d.])2(?=\s*[个位种项次条家份台辆张名只件本门节堂])")
_NUMBER_RE = re.compile(r"(?<![\d.])" + _NUM + r"(?![\d])")
_SYMBOLS = [("+", "加"), ("×", "乘"), ("÷", "除以"), ("=", "等于"), ("&", "和"), ("№", "第"),
            ("＜", "小于"), ("＞", "大于"), ("≤", "小于等于"), ("≥", "大于等于")]


def _ymd(m: re.Match) -> str:
    y, mo, d = m.group(1), int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return m.group(0)
    return f"{digits_to_zh(y)}年{int_to_zh(mo)}月{int_to_zh(d)}日"


def _ym(m: re.Match) -> str:
    mo = int(m.group(2))
    if not 1 <= mo <= 12:
        return m.group(0)
    return f"{digits_to_zh(m.group(1))}年{int_to_zh(mo)}月"


def _clock(m: re.Match) -> str:
    h, mi, s = int(m.group(1)), int(m.group(2)), m.group(3)
    out = f"{int_to_zh(h)}点"
    if mi == 0 and not s:
        return out + "整"
    out += ("零" if mi < 10 else "") + int_to_zh(mi) + "分"
    if s:
        out += int_to_zh(int(s)) + "秒"
    return out


def _phone(m: re.Match) -> str:
    return digits_to_zh(re.sub(r"\D", "", m.group(0).replace("+86", "")), phone=True)


def _temperature(m: re.Match) -> str:
    v = m.group(1)
    if v.startswith("-"):
        return "零下" + number_to_zh(v[1:]) + "摄氏度"
    return number_to_zh(v) + "摄氏度"


def _currency(m: re.Match) -> str:
    sign, value, mult, _yuan = m.groups()
    name = _CURRENCY_NAMES[sign]
    whole, _, frac = value.partition(".")
    if name == "元" and not mult and frac and len(frac) <= 2 and not whole.startswith("-"):
        # ¥12.50 → 十二元五角: how amounts are said aloud.
        jiao, fen = int(frac[0]), int(frac[1]) if len(frac) == 2 else 0
        out = number_to_zh(whole) + "元"
        if jiao:
            out += DIGITS[jiao] + "角"
        if fen:
            out += ("零" if not jiao else "") + DIGITS[fen] + "分"
        return out
    return number_to_zh(value) + (mult or "") + name


def _unit(m: re.Match) -> str:
    return number_to_zh(m.group(1)) + _UNIT_NAMES[m.group(2)]


def _fraction(m: re.Match) -> str:
    num, den = m.group(1), m.group(2)
    if den == "0":
        return m.group(0)
    return f"{number_to_zh(den)}分之{number_to_zh(num)}"


def strip_unspoken(text: str) -> str:
    """Remove what a narrator never reads: bullets, list numbers, line-break marks."""
    text = text.replace("\v", "\n").replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\t", " ").replace("\u00a0", " ").replace("\u200b", "")
    text = _BULLET_LINE_RE.sub("", text)
    text = _BULLET_ANY_RE.sub(" ", text)
    return text


_SENTENCE_RE = re.compile(r"[^。！？!?；;\n]*[。！？!?；;]+[”’」』）)\"']*|[^。！？!?；;\n]+")
_WORDY_RE = re.compile(r"[\w\u3400-\u9fff]")


def split_sentences(text: str) -> list[str]:
    """Written text → sentences (bullets removed, each line at least one sentence)."""
    out = []
    for para in strip_unspoken(text or "").split("\n"):
        para = re.sub(r"[ \t\u3000]+", " ", para).strip()
        for s in _SENTENCE_RE.findall(para):
            s = s.strip()
            if s and _WORDY_RE.search(s):
                out.append(s)
    return out


def _spoken_host(host: str) -> str:
    return " 点 ".join(p for p in host.strip(".").split(".") if p)


def _spoken_email(m: re.Match) -> str:
    local, _, domain = m.group(0).partition("@")
    return f" {_spoken_host(local)} 艾特 {_spoken_host(domain)} "


def _spoken_url(m: re.Match) -> str:
    url = re.sub(r"^(?:https?|ftp)://", "", m.group(0), flags=re.I)
    host = re.split(r"[/?#:]", url, maxsplit=1)[0]
    return f" {_spoken_host(host)} "


def normalize_for_speech(text: str) -> str:
    """Written text → speakable Chinese text (numbers etc. in words, no bullets/URLs)."""
    if not text:
        return ""
    text = text.translate(_FULLWIDTH)
    text = strip_unspoken(text)
    text = _EMAIL_RE.sub(_spoken_email, text)
    text = _URL_RE.sub(_spoken_url, text)
    # Digit strings that are identifiers (phones, policy numbers) first, before amounts
    # lose their thousands separators and would look like identifiers.
    text = _MOBILE_RE.sub(_phone, text)
    text = _LANDLINE_RE.sub(_phone, text)
    text = _HOTLINE_RE.sub(_phone, text)
    text = _SERVICE_RE.sub(lambda m: m.group(1) + m.group(2).replace(":", "") +
                           digits_to_zh(m.group(3), phone=True), text)
    text = _CODE_RE.sub(lambda m: re.sub(r"\d+", lambda d: digits_to_zh(d.group(0), phone=True),
                                          m.group(0)).replace("-", " ").replace("_", " "), text)
    text = _LONG_DIGITS_RE.sub(lambda m: digits_to_zh(m.group(0), phone=True), text)
    text = _THOUSANDS_RE.sub(lambda m: m.group(0).replace(",", ""), text)
    text = _DATE_YMD_RE.sub(_ymd, text)
    text = _DATE_YM_RE.sub(_ym, text)
    text = _YEAR_RE.sub(lambda m: digits_to_zh(m.group(1)) + "年", text)
    text = _TIME_RE.sub(_clock, text)
    text = _TEMP_RE.sub(_temperature, text)
    text = _PERMILLE_RE.sub(lambda m: "千分之" + number_to_zh(m.group(1)), text)
    text = _PERCENT_RE.sub(lambda m: "百分之" + number_to_zh(m.group(1)), text)
    text = _CURRENCY_PREFIX_RE.sub(_currency, text)
    text = _UNIT_RE.sub(_unit, text)
    text = _PER_RE.sub("每", text)
    text = _FRACTION_RE.sub(_fraction, text)
    text = _RATIO_RE.sub(lambda m: m.group(1) + "比" + m.group(2), text)
    text = _RANGE_RE.sub(lambda m: m.group(1) + "到", text)
    text = _WORD_RANGE_RE.sub("到", text)
    text = _NEGATIVE_RE.sub("负", text)
    text = _LIANG_RE.sub("两", text)
    text = _NUMBER_RE.sub(lambda m: number_to_zh(m.group(0)), text)
    text = text.replace("负负", "负")
    for sym, word in _SYMBOLS:
        text = text.replace(sym, word)
    # Line breaks become pauses; runs of blanks collapse.
    lines = [ln.strip() for ln in text.split("\n")]
    out = ""
    for ln in lines:
        if not ln:
            continue
        if out and out[-1] not in "，。！？；：,.!?;:、":
            out += "。"
        out += ln
    return re.sub(r"[ \u3000]{2,}", " ", out).strip()
