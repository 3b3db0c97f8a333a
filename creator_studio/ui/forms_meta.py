"""Form names in the window, from the format registry only (#18).

Every list of forms — the market filters and columns, the request form, the certificate and
programme views, the preview tabs, the render panel — asks here, and here asks
`core.forms.form_catalogue()`: the label and the place in the list come from each Format
(`label_zh`, `label_en`, `order`). A plugin form therefore shows its own label, and the one
form that used to have two English names now has the one its Format declares.

Loading the registry imports the renderers (seconds on a busy machine), so `app.main` warms
it on the read pool right after the first paint; until then the first caller waits for it.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale

_CACHE: list | None = None


def ui_language() -> str:
    """The window's language, as `install_translator` set it (QLocale's default)."""
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"


def form_infos(reload: bool = False) -> list:
    """`FormInfo`s in display order (cached; the registry is loaded once per process)."""
    global _CACHE
    if _CACHE is None or reload:
        from creator_studio.core.forms.base import form_catalogue

        _CACHE = form_catalogue()
    return list(_CACHE)


def warm_up() -> None:
    """Load the registry now (called on a worker thread after the first paint)."""
    form_infos()


def form_names(language: str | None = None) -> dict[str, str]:
    """form id → label in the window's language, in display order."""
    lang = language or ui_language()
    return {i.id: i.label(lang) for i in form_infos()}


def form_label(form_id: str, language: str | None = None) -> str:
    return form_names(language).get(form_id, form_id)


def list_separator(language: str | None = None) -> str:
    """"、" between Chinese items, ", " between English ones (never "、" in English)."""
    return "、" if (language or ui_language()).startswith("zh") else ", "


def forms_text(forms, language: str | None = None) -> str:
    names = form_names(language)
    return list_separator(language).join(names.get(f, f) for f in forms)
