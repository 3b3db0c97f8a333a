"""Dates, date-times and money as the chosen UI language writes them (#18 item 4).

One place for every date and amount the window shows. The language's QLocale is the default one
(`i18n.install_translator` sets it): 简体中文 gives "2026年12月2日" and "¥1,234.00", English gives
"Dec 2, 2026" and "CN¥1,234.00" (the currency is always CNY, so English names it). Money stays
integer fen everywhere; it becomes text here with integer/Decimal arithmetic only, so 1 fen and
99,999,999 fen come out exact (no float in between).

Tables show these strings but sort by the real value: a column's `sort` key is served under
`SORT_ROLE` (see `lazy_model.Col`).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, Qt

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the real value (datetime, fen) behind a formatted cell


def _locale(loc: QLocale | None = None) -> QLocale:
    loc = loc if loc is not None else QLocale()
    if loc.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return QLocale(QLocale.Language.English)  # no language chosen yet: the English one
    return loc


def _is_zh(loc: QLocale) -> bool:
    return loc.language() == QLocale.Language.Chinese


def date_format(loc: QLocale | None = None) -> str:
    """Qt's format string for a date in this language (date pickers use it, as the tables do)."""
    return "yyyy年M月d日" if _is_zh(_locale(loc)) else "MMM d, yyyy"


def date_time_format(loc: QLocale | None = None) -> str:
    loc = _locale(loc)
    time = "HH:mm" if _is_zh(loc) else loc.timeFormat(QLocale.FormatType.ShortFormat)
    return f"{date_format(loc)} {time}"


def _qdate(d) -> QDate | None:  # noqa: ANN001
    if d is None:
        return None
    if isinstance(d, QDate):
        return d
    if isinstance(d, datetime | date):
        return QDate(d.year, d.month, d.day)
    if isinstance(d, str):
        try:
            return _qdate(datetime.fromisoformat(d))
        except ValueError:
            return None
    return None


def _qdatetime(d) -> QDateTime | None:  # noqa: ANN001
    if isinstance(d, QDateTime):
        return d
    if isinstance(d, str):
        try:
            d = datetime.fromisoformat(d)
        except ValueError:
            return None
    if isinstance(d, datetime):
        return QDateTime(QDate(d.year, d.month, d.day), QTime(d.hour, d.minute, d.second))
    if isinstance(d, date):
        return QDateTime(QDate(d.year, d.month, d.day), QTime(0, 0))
    return None


def fmt_date(d, loc: QLocale | None = None) -> str:  # noqa: ANN001
    """A day in the chosen language ("" for none; unparsable text is shown as given)."""
    q = _qdate(d)
    if q is None:
        return "" if d is None else str(d)
    loc = _locale(loc)
    return loc.toString(q, date_format(loc))


def fmt_date_time(d, loc: QLocale | None = None) -> str:  # noqa: ANN001
    """A moment (day and minute) in the chosen language."""
    q = _qdatetime(d)
    if q is None:
        return "" if d is None else str(d)
    loc = _locale(loc)
    return loc.toString(q, date_time_format(loc))


def currency_symbol(loc: QLocale | None = None) -> str:
    return "¥" if _is_zh(_locale(loc)) else "CN¥"


def fmt_money(fen, loc: QLocale | None = None) -> str:  # noqa: ANN001
    """Integer fen as CNY yuan with two decimals, grouped and placed as the language does."""
    if fen is None:
        return ""
    loc = _locale(loc)
    f = int(Decimal(fen).to_integral_value(ROUND_HALF_UP))
    yuan_part, fen_part = divmod(abs(f), 100)
    number = f"{loc.toString(yuan_part)}{loc.decimalPoint()}{fen_part:02d}"
    # where the symbol goes (and the spacing) comes from the locale's own currency pattern
    pattern = loc.toCurrencyString(7, "\x01")
    text = pattern.replace(loc.toString(7), number, 1).replace("\x01", currency_symbol(loc))
    return (loc.negativeSign() + text) if f < 0 else text


def fmt_money_delta(fen, loc: QLocale | None = None) -> str:  # noqa: ANN001
    """A signed change of price: "+¥12.00" / "-¥3.50"."""
    fen = int(fen or 0)
    return fmt_money(fen, loc) if fen < 0 else _locale(loc).positiveSign() + fmt_money(fen, loc)


def fmt_yuan_axis(yuan_value: float, loc: QLocale | None = None) -> str:
    """A whole-yuan chart label ("¥12,000")."""
    return fmt_money(int(round(yuan_value)) * 100, loc).rsplit(_locale(loc).decimalPoint(), 1)[0]
