"""Mandarin text → tone-numbered pinyin that espeak-ng's `cmn-latn-pinyin` voice reads as Mandarin.

WHY: espeak-ng 1.51's `cmn` voice reads most hanzi as English-spelled pinyin ("考" → "kay-uh
three"; 80 % of a claims narration ends up in `(en)` segments, FIELD-NOTES §8). The
`cmn-latn-pinyin` voice reads tone-numbered pinyin reliably, so we do the hanzi → pinyin step
ourselves, where polyphones can be decided with context:

1. the text is segmented into words with a private jieba tokenizer (the lexicon's words are added
   to it, so "进行业务" splits as 进行/业务 and does not match the lexicon word 行业);
2. each word is read from the lexicon (insurance terms shipped in
   `resources/lexicon/insurance.tsv`, plus the maker's own entries from `LessonMeta.lexicon`),
   else by pypinyin, whose phrase dictionary decides most polyphones (银行 yín háng);
3. 一/不 tone sandhi is applied for speech (espeak-ng already does the 3-3 sandhi itself);
4. Latin words: acronyms (APP, VIP, IT, PDF) are spelled letter by letter — the pinyin voice has
   Mandarin letter names — and other words go to espeak-ng as they are, where its English
   fallback reads them (the only `(en)` segments left).

The text must already be normalised (`text_normalize.normalize_for_speech`): digits become
hanzi there. Any digit left over is read one by one.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources

from creator_studio.core.errors import ValidationError

log = logging.getLogger(__name__)

ESPEAK_PINYIN_VOICE = "cmn-latn-pinyin"

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{_HAN}]")
_TOKEN_RE = re.compile(
    rf"(?P<han>[{_HAN}]+)"
    r"|(?P<latin>[A-Za-z]+(?:['’\-][A-Za-z]+)*\d*|\d+[A-Za-z]+\d*)"
    r"|(?P<digits>\d+)"
    r"|(?P<stop>[。！？!?…]+|\.(?=\s|$))"
    r"|(?P<pause>[，、；：,;:—–]+)"
    r"|(?P<other>.)", re.S)
_SYLLABLE_RE = re.compile(r"^(?:[a-zêü]+|[mn]|ng|hm|hng)[1-5]$")
_DIGIT_PINYIN = ["ling2", "yi1", "er4", "san1", "si4", "wu3", "liu4", "qi1", "ba1", "jiu3"]
_NUMERALS = set("零〇一二三四五六七八九十百千万亿两幺点第")
_DIGIT_HANZI = set("零〇一二三四五六七八九幺两")

# Words pronounced as a whole English word although written in capitals.
_ACRONYM_MAX = 6


# ------------------------------------------------------------------------------------------
# Readings


def parse_reading(text: str) -> list[str]:
    """'dǔn jiāo' or 'dun3 jiao1' (or 'lü4', 'lv4') → ['dun3', 'jiao1'].

    Raises ValidationError for anything that is not pinyin, so a maker's typo is shown, not
    spoken.
    """
    from pypinyin.contrib.tone_convert import to_tone3

    out = []
    for raw in re.split(r"[\s'’,，]+", (text or "").strip()):
        if not raw:
            continue
        s = unicodedata.normalize("NFC", raw.lower()).replace("u:", "ü")
        if not s[-1].isdigit():
            s = to_tone3(s, neutral_tone_with_five=True, v_to_u=False)
            if not s[-1].isdigit():
                s += "5"  # no tone mark: neutral tone
        s = s.replace("ü", "v")
        if s[-1] == "0":
            s = s[:-1] + "5"
        if not _SYLLABLE_RE.match(s) or s[:-1] not in _valid_syllables():
            raise ValidationError(f"读音“{text}”不是有效的拼音", f"'{text}' is not valid pinyin",
                                  code="BAD_PINYIN")
        out.append(s)
    if not out:
        raise ValidationError("读音不能为空", "The reading is empty", code="BAD_PINYIN")
    return out


@functools.lru_cache(maxsize=1)
def _valid_syllables() -> frozenset[str]:
    """Every toneless syllable pypinyin knows (ü written v), so 'p5' or 'xx3' is refused."""
    from pypinyin.contrib.tone_convert import to_tone3
    from pypinyin.pinyin_dict import pinyin_dict

    raw = {p for value in pinyin_dict.values() for p in value.split(",")}
    return frozenset(to_tone3(p, v_to_u=False, neutral_tone_with_five=True).rstrip("12345") for p in raw)


@dataclass(frozen=True)
class Entry:
    word: str
    reading: tuple[str, ...]   # tone3 syllables for hanzi words; spoken tokens for Latin words
    note: str = ""


@dataclass
class Lexicon:
    """Word → reading. Hanzi words need one syllable per character; Latin words (APP, e-mail)
    may map to pinyin or to letters/words for espeak-ng."""

    entries: dict[str, Entry] = field(default_factory=dict)

    @property
    def max_len(self) -> int:
        return max((len(w) for w in self.entries), default=1)

    def get(self, word: str) -> Entry | None:
        e = self.entries.get(word)
        if e is None and not _HAN_RE.search(word):
            e = self.entries.get(word.lower())
        return e

    def add(self, word: str, reading: str, note: str = "") -> Entry:
        word = (word or "").strip()
        if not word or len(word) > 20 or any(ch.isspace() for ch in word):
            raise ValidationError(f"词条“{word}”无效", f"Invalid lexicon word {word!r}",
                                  code="BAD_LEXICON")
        if _HAN_RE.search(word):
            syl = parse_reading(reading)
            if len(syl) != len(word) or not all(_HAN_RE.match(ch) for ch in word):
                raise ValidationError(f"“{word}”有 {len(word)} 个字，读音却有 {len(syl)} 个音节",
                                      f"'{word}' has {len(word)} characters but {len(syl)} syllables",
                                      code="BAD_LEXICON")
            entry = Entry(word, tuple(syl), note)
        else:  # Latin: pinyin if it parses, else literal tokens for espeak-ng
            try:
                entry = Entry(word.lower(), tuple(parse_reading(reading)), note)
            except ValidationError:
                toks = tuple(t for t in re.split(r"\s+", reading.strip()) if t)
                if not toks or not all(re.fullmatch(r"[A-Za-z][A-Za-z'\-]*", t) for t in toks):
                    raise ValidationError(f"“{word}”的读音只能是拼音或英文字母",
                                          f"Reading of {word!r} must be pinyin or Latin letters",
                                          code="BAD_LEXICON") from None
                entry = Entry(word.lower(), toks, note)
        self.entries[entry.word] = entry
        return entry

    def merged(self, extra: Mapping[str, str] | None) -> "Lexicon":
        """A copy with the maker's entries on top; a bad maker entry is skipped and logged."""
        out = Lexicon(dict(self.entries))
        for word, reading in (extra or {}).items():
            try:
                out.add(word, reading, "project")
            except ValidationError as exc:
                log.warning("lexicon entry %r skipped: %s", word, exc.message_en)
        return out

    def to_tsv(self) -> str:
        lines = ["# word\treading\tnote"]
        for e in sorted(self.entries.values(), key=lambda e: e.word):
            lines.append(f"{e.word}\t{' '.join(e.reading)}\t{e.note}".rstrip())
        return "\n".join(lines) + "\n"


def parse_tsv(text: str) -> Lexicon:
    lex = Lexicon()
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            raise ValidationError(f"词典第 {n} 行格式错误", f"Lexicon line {n}: need word<TAB>reading",
                                  code="BAD_LEXICON")
        lex.add(parts[0], parts[1], parts[2].strip() if len(parts) > 2 else "")
    return lex


@functools.lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped insurance lexicon (`resources/lexicon/insurance.tsv`)."""
    text = resources.files("creator_studio.resources").joinpath("lexicon/insurance.tsv").read_text("utf-8")
    return parse_tsv(text)


def lexicon_for(extra: Mapping[str, str] | None = None) -> Lexicon:
    return default_lexicon().merged(extra) if extra else default_lexicon()


# ------------------------------------------------------------------------------------------
# Segmentation


_jieba_lock = threading.Lock()
_tokenizer = None
_known_words: set[str] = set()


def _segmenter(lex: Lexicon):
    """A private jieba tokenizer (the global one is shared with other code), lexicon-aware."""
    global _tokenizer
    with _jieba_lock:
        if _tokenizer is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tk = jieba.Tokenizer()
            tk.initialize()
            _tokenizer = tk
        for w in lex.entries:
            if w not in _known_words and len(w) > 1 and _HAN_RE.match(w):
                _tokenizer.add_word(w, freq=max(50_000, _tokenizer.suggest_freq(w, tune=False)))
                _known_words.add(w)
        return _tokenizer


def warm_up() -> None:
    """Load jieba and pypinyin now (≈ 1 s once per process) rather than on the first page."""
    to_syllables("银行", default_lexicon())


def words(text: str, lex: Lexicon | None = None) -> list[str]:
    """jieba words (no HMM guessing: dictionary words only), used by the captions too."""
    lex = lex or default_lexicon()
    return list(_segmenter(lex).cut(text, HMM=False))


# ------------------------------------------------------------------------------------------
# Hanzi → syllables


def _pypinyin(parts: list[str]) -> list[str]:
    from pypinyin import Style, pinyin

    out = []
    for item in pinyin(parts, style=Style.TONE3, neutral_tone_with_five=True, errors="ignore",
                       v_to_u=False):
        if item:
            out.append(item[0])
    return out


def _read_word(word: str, lex: Lexicon) -> list[str]:
    e = lex.get(word)
    if e is not None:
        return list(e.reading)
    from pypinyin.constants import PHRASES_DICT

    known_phrase = word in PHRASES_DICT
    out: list[str] = []
    i = 0
    gap_start = 0
    maxlen = min(lex.max_len, len(word))
    while i < len(word):
        hit = None
        for n in range(maxlen, 0, -1):
            if i + n > len(word):
                continue
            cand = lex.get(word[i:i + n])
            # A single-character entry (单 dān) overrides only where pypinyin would read the
            # character on its own, never inside a phrase it knows (单于 chán yú).
            if cand is not None and (n > 1 or not known_phrase):
                hit = cand
                break
        if hit is None:
            i += 1
            continue
        if gap_start < i:
            out += _pypinyin([word[gap_start:i]])
        out += list(hit.reading)
        i += len(hit.word)
        gap_start = i
    if gap_start < len(word):
        out += _pypinyin([word[gap_start:]])
    return out


# Single characters whose reading depends on the grammar around them, not on a word they are in.
# Each rule sees (previous word, the character, next text) and returns a reading or None.
_DE_COMPLEMENT_NEXT = set("很非常太真十分特别更越极挺比较不好快慢清楚多少")
_DEI_SUBJECTS = set("你我他她它们就还也总都必")
_DEI_NEXT = set("先去要把再赶马提做来走交补")
_JIAO_VERB_NEXT = set("我你他她大们人学")


def _grammar_reading(prev: str, ch: str, nxt: str) -> str | None:
    first = nxt[:1]
    if ch == "得":
        if prev and prev[-1:] in _DEI_SUBJECTS and first in _DEI_NEXT:
            return "dei3"   # 你得先填写 — "must"
        if prev and first in _DE_COMPLEMENT_NEXT:
            return "de5"    # 说得很清楚 — complement marker
    elif ch == "地":
        if len(prev) >= 2 and first and _HAN_RE.match(first):
            return "de5"    # 一步一步地完成 — adverb marker (土地、地方 are words, never alone)
    elif ch == "教":
        if first in _JIAO_VERB_NEXT:
            return "jiao1"  # 教我们填写 — the verb "teach"
    return None


def to_syllables(text: str, lex: Lexicon | None = None) -> list[tuple[str, str]]:
    """(hanzi, tone3 syllable) for every hanzi of `text`, in order — citation tones, no sandhi.

    This is what the polyphone test checks; `speech_pinyin` adds 一/不 sandhi on top.
    """
    lex = lex or default_lexicon()
    out: list[tuple[str, str]] = []
    for m in re.finditer(f"[{_HAN}]+", text or ""):
        run = m.group(0)
        toks = words(run, lex)
        pos = 0
        for k, w in enumerate(toks):
            syl = _read_word(w, lex)
            if len(syl) != len(w):  # pypinyin dropped something odd: fall back per character
                syl = [(_pypinyin([ch]) or ["5"])[0] for ch in w]
            if len(w) == 1 and lex.get(w) is None:
                fixed = _grammar_reading(toks[k - 1] if k else "", w, run[pos + 1:])
                if fixed:
                    syl = [fixed]
            out.extend(zip(w, syl))
            pos += len(w)
    # 一 in a decimal number is yī: "一点五" (1.5), not the phrase 一点 yìdiǎn ("a little").
    for i in range(len(out) - 2):
        if out[i][0] == "一" and out[i + 1][0] == "点" and out[i + 2][0] in _DIGIT_HANZI:
            out[i] = ("一", "yi1")
    return out


def _sandhi(pairs: list[tuple[str, str]]) -> list[str]:
    """一 and 不 change tone before another syllable (一个 yí gè, 不是 bú shì).

    一 keeps tone 1 in numbers (十一, 第一, 一一) and at the end of a word or clause (统一).
    """
    out = [s for _, s in pairs]
    for i, (ch, syl) in enumerate(pairs):
        if i + 1 >= len(pairs):
            break
        nxt_ch, nxt = pairs[i + 1]
        tone = nxt[-1]
        if ch == "不" and syl == "bu4" and tone == "4":
            out[i] = "bu2"
        elif ch == "一" and syl == "yi1":
            prev = pairs[i - 1][0] if i > 0 else ""
            if prev in _NUMERALS or nxt_ch in _NUMERALS:
                continue
            if nxt_ch in "月号" or (nxt_ch == "日" and prev == "月"):
                continue  # dates: 一月 yī yuè, 三月一日 sān yuè yī rì
            out[i] = "yi2" if tone == "4" else "yi4" if tone in "123" else syl
    return out


def _latin(word: str, lex: Lexicon) -> list[str]:
    e = lex.get(word)
    if e is not None:
        return list(e.reading)
    letters = re.sub(r"[^A-Za-z]", "", word)
    digits_split = re.findall(r"[A-Za-z]+|\d+", word)
    if len(digits_split) > 1:  # H5, 5G, A4: letters spelled, digits read one by one
        out = []
        for part in digits_split:
            out += _latin(part, lex) if part[0].isalpha() else [_DIGIT_PINYIN[int(d)] for d in part]
        return out
    if len(letters) == 1 or (letters.isupper() and len(letters) <= _ACRONYM_MAX):
        return list(letters.upper())  # the pinyin voice has Mandarin letter names: A → ēi
    if letters.lower() == "www":
        return ["W", "W", "W"]
    return [word.replace("’", "'")]


@dataclass
class SpeechText:
    text: str             # what espeak-ng (cmn-latn-pinyin) is given
    latin_words: list[str]  # Latin words passed through as words (may be read in English)


def speech_pinyin(text: str, lex: Lexicon | None = None) -> SpeechText:
    """Normalised Chinese text → a line of tone-numbered pinyin with pauses for punctuation."""
    lex = lex or default_lexicon()
    out: list[str] = []
    latin_words: list[str] = []

    def pause(mark: str) -> None:
        if out and out[-1] not in (",", "."):
            out.append(mark)
        elif out and mark == "." and out[-1] == ",":
            out[-1] = "."

    for m in _TOKEN_RE.finditer(text or ""):
        kind = m.lastgroup
        tok = m.group(0)
        if kind == "han":
            pairs = to_syllables(tok, lex)
            out.extend(_sandhi(pairs))
        elif kind == "latin":
            spoken = _latin(tok, lex)
            latin_words += [t for t in spoken if len(t) > 1 and not _SYLLABLE_RE.match(t)]
            out.extend(spoken)
        elif kind == "digits":
            out.extend(_DIGIT_PINYIN[int(d)] for d in tok)
        elif kind == "stop":
            pause(".")
        elif kind == "pause":
            pause(",")
        elif tok == "\n":
            pause(".")
        # other punctuation, quotes, brackets, symbols: silent
    while out and out[0] in (",", "."):
        out.pop(0)
    line = " ".join(out).replace(" ,", ",").replace(" .", ".")
    return SpeechText(line, latin_words)


def has_hanzi(text: str) -> bool:
    return bool(_HAN_RE.search(text or ""))


def iter_entries(lex: Lexicon) -> Iterable[Entry]:
    return lex.entries.values()
