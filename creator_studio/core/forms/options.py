"""Form options resolved once, from each form's `OptionSpec`s, into one typed, checked object.

Before #18 every form re-parsed its raw dict and the parsers had drifted ("是" was "yes" for the
skit but not for the screen recording; "" was a value here and "not set" there). `render_forms`
now resolves the raw options (from the studio's widgets, the CLI's flags or a test) against the
form's specs before the form sees them:

- every option the form declares is present, its default filled in when not given ("" and None
  count as not given);
- values are of the declared type: `int`/`float` from numbers or digit strings, `bool` from
  booleans, 0/1 or the words 1/true/yes/on/是 and 0/false/no/off/否 (nothing else);
- a value of an option with `choices` is one of them (matched without regard to case; on/off
  and always/never choices take yes/no words too; "jpg" is "jpeg"), unless the spec says `open_choices` (the
  form accepts more than it offers, e.g. a skit's "960x540");
- anything else is refused with a typed error in 中文 and English naming the option by its label;
- keys the form does not declare (the CLI passes its flags to every form; `source_path`) pass
  through unchanged.

The result is a `ResolvedOptions`: a read-only mapping (forms keep calling `opts.get(...)`) with
attribute access (`opts.width`) and `.form`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from creator_studio.core.errors import RenderError

TRUE_WORDS = frozenset({"1", "true", "yes", "on", "y", "是"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", "n", "否"})
CHOICE_ALIASES = {"jpg": "jpeg"}
# Choices that mean yes/no: a yes/no word picks them ("on" for a watermark, "always" for slide
# pictures), as the forms' own parsers did
YES_NO_CHOICES = (("on", "off"), ("always", "never"))


class OptionError(RenderError):
    """An option value the form cannot take (typed, bilingual; `details` names option and value)."""

    code = "BAD_OPTION"


class ResolvedOptions(Mapping):
    """One form's options after resolution; read-only."""

    __slots__ = ("form", "_values")

    def __init__(self, form: str, values: dict[str, Any]) -> None:
        object.__setattr__(self, "form", form)
        object.__setattr__(self, "_values", dict(values))

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("ResolvedOptions is read-only")

    def __repr__(self) -> str:
        return f"ResolvedOptions({self.form!r}, {self._values!r})"

    def __reduce__(self):  # copy/deepcopy/pickle (a form may hand its options to a worker)
        return (ResolvedOptions, (self.form, self._values))


def _fail(form: str, spec, value: Any, allowed_zh: str, allowed_en: str, code: str) -> OptionError:
    return OptionError(
        f"“{spec.label_zh}”的值无效：{value!r}（应为：{allowed_zh}）",
        f"Invalid value for “{spec.label_en}”: {value!r} (expected {allowed_en})",
        code=code, details={"form": form, "option": spec.name, "value": repr(value)})


def _bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        v = value.strip().lower()
        if v in TRUE_WORDS:
            return True
        if v in FALSE_WORDS:
            return False
    return None


def _coerce(form: str, spec, value: Any, code: str) -> Any:
    t = spec.type
    if t == "bool":
        b = _bool(value)
        if b is None:
            raise _fail(form, spec, value, "是/否", "yes or no", code)
        return b
    if t == "int":
        if isinstance(value, bool):
            raise _fail(form, spec, value, "整数", "a whole number", code)
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                pass
        raise _fail(form, spec, value, "整数", "a whole number", code)
    if t == "float":
        if isinstance(value, bool):
            raise _fail(form, spec, value, "数字", "a number", code)
        try:
            return float(value.strip() if isinstance(value, str) else value)
        except (TypeError, ValueError):
            raise _fail(form, spec, value, "数字", "a number", code) from None
    if isinstance(value, (dict, list, tuple, set)):
        raise _fail(form, spec, value, "文字", "text", code)
    return str(value).strip()


def _choose(form: str, spec, value: Any, code: str) -> Any:
    choices = list(spec.choices or [])
    if value in choices:
        return value
    if isinstance(value, str):
        v = value.strip().lower()
        v = CHOICE_ALIASES.get(v, v)
        for c in choices:
            if isinstance(c, str) and c.lower() == v:
                return c
        b = _bool(v)
        if b is not None:
            for yes, no in YES_NO_CHOICES:
                if {yes, no} <= set(choices):
                    return yes if b else no
    elif isinstance(value, bool):
        for yes, no in YES_NO_CHOICES:
            if {yes, no} <= set(choices):
                return yes if value else no
    if getattr(spec, "open_choices", False):
        return value
    from creator_studio.core.forms.base import choice_label

    zh = "、".join(choice_label(spec, c, "zh_CN") for c in choices)
    en = ", ".join(choice_label(spec, c, "en") for c in choices)
    raise _fail(form, spec, value, zh, en, code)


def resolve_options(form: str, specs: Iterable, raw: Mapping[str, Any] | None, *,
                    error_code: str = "BAD_OPTION") -> ResolvedOptions:
    """`raw` checked against `specs` (see the module docstring); raises `OptionError`."""
    raw = dict(raw or {})
    out: dict[str, Any] = {}
    for spec in specs:
        value = raw.pop(spec.name, None)
        if value is None or (isinstance(value, str) and value.strip() == ""):
            out[spec.name] = spec.default
            continue
        value = _coerce(form, spec, value, error_code)
        if spec.choices:
            value = _choose(form, spec, value, error_code)
        out[spec.name] = value
    out.update(raw)  # undeclared keys pass through (source_path, other forms' CLI flags)
    return ResolvedOptions(form, out)


def resolve_for(fmt, raw: Mapping[str, Any] | None) -> ResolvedOptions:
    """`resolve_options` with a Format's own specs and error code."""
    return resolve_options(fmt.id, fmt.options(), raw,
                           error_code=getattr(fmt, "option_error_code", "BAD_OPTION"))
