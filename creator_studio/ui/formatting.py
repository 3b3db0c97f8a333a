"""Dates, date-times and money as the chosen UI language writes them (#18 item 4).

One place for every date and amount the window shows. The language's QLocale is the default one
(`i18n.install_translator` sets it): 简体中文 gives "2026年12月2日" and "¥1,234.00", English gives
"Dec 2, 2026" and "CN¥1,234.00" (the currency is always CNY, so English names it). Money stays
integer fen everywhere; it becomes text here with integer/Decimal arithmetic only, so 1 fen and
99,999,999 fen come out exact (no float in between).

Tables show these strings but sort by the real value: a column's `sort` key is served under
`SORT_ROLE` (see `lazy_model.Col`).

Time zones (#18): the market keeps every moment as a naive UTC datetime (`core/market/clock.py`);
people read and pick times on their own clock. So a moment is turned to local time here, at the
edge, and a picked local time back to UTC before it goes to the market (`local_from_utc`,
`utc_from_local` and the two QDateTime helpers below). Pure `date` values are days, not moments,
and are shown as they are.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
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


def local_from_utc(dt: datetime) -> datetime:
    """The user's wall-clock time (naive) of a market moment (naive UTC).

    The market stores naive UTC, so 23:30 UTC must read as 07:30 the next morning in Beijing.
    `datetime.astimezone()` follows the system zone (TZ / `time.tzset`). An aware datetime is
    converted from its own zone.
    """
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone().replace(tzinfo=None)


def utc_from_local(dt: datetime) -> datetime:
    """The market's naive UTC for a wall-clock time the user picked (naive local).

    Pickers and "18:00 on the chosen day" are the user's clock; the market compares against
    UTC, so a local time sent as-is would be off by the zone's offset. A naive datetime is read
    as local time by `astimezone` (following TZ / `time.tzset`); an aware one by its own zone.
    """
    return dt.astimezone(UTC).replace(tzinfo=None)


def qdatetime_from_utc(dt: datetime) -> QDateTime:
    """A local QDateTime (for a QDateTimeEdit) showing a market moment on the user's clock.

    Built from the converted fields, so Qt's own zone handling plays no part: what the picker
    shows is exactly `local_from_utc(dt)`.
    """
    return _qdatetime(dt)


def utc_from_qdatetime(q: QDateTime) -> datetime:
    """The market's naive UTC (whole seconds) for what a QDateTimeEdit shows on the user's clock."""
    if q.timeSpec() != Qt.TimeSpec.LocalTime:
        q = q.toLocalTime()
    d, t = q.date(), q.time()
    return utc_from_local(datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second()))


def _moment(d, utc: bool):  # noqa: ANN001
    """`d` as a QDate/QDateTime, a `date` (a day: kept) or a wall-clock `datetime`; None if not one.

    Datetimes (and ISO texts with a time) are market moments in naive UTC unless `utc` is False
    (a value already on the local clock, e.g. a studio autosave time); they come back local.
    """
    if isinstance(d, QDate | QDateTime):
        return d
    if isinstance(d, str):
        try:
            return date.fromisoformat(d)  # "2027-01-31": a day, not a moment at UTC midnight
        except ValueError:
            pass
        try:
            d = datetime.fromisoformat(d)
        except ValueError:
            return None
    if isinstance(d, datetime):
        return local_from_utc(d) if utc or d.tzinfo is not None else d  # aware: its own zone
    if isinstance(d, date):
        return d
    return None


def _qdate(d, utc: bool = True) -> QDate | None:  # noqa: ANN001
    d = _moment(d, utc)
    if isinstance(d, QDateTime):
        return d.date()
    if isinstance(d, QDate) or d is None:
        return d
    return QDate(d.year, d.month, d.day)


def _qdatetime(d, utc: bool = True) -> QDateTime | None:  # noqa: ANN001
    d = _moment(d, utc)
    if isinstance(d, QDateTime) or d is None:
        return d
    if isinstance(d, QDate):
        return QDateTime(d, QTime(0, 0))
    if isinstance(d, datetime):
        return QDateTime(QDate(d.year, d.month, d.day), QTime(d.hour, d.minute, d.second))
    return QDateTime(QDate(d.year, d.month, d.day), QTime(0, 0))


def fmt_date(d, loc: QLocale | None = None, *, utc: bool = True) -> str:  # noqa: ANN001
    """A day in the chosen language ("" for none; unparsable text is shown as given).

    A datetime is a market moment (naive UTC) and shows the user's local day (23:30 UTC on
    Dec 2 is Dec 3 in Beijing); `utc=False` for a datetime already on the local clock. A pure
    `date` is shown as it is.
    """
    q = _qdate(d, utc)
    if q is None:
        return "" if d is None else str(d)
    loc = _locale(loc)
    return loc.toString(q, date_format(loc))


def fmt_date_time(d, loc: QLocale | None = None, *, utc: bool = True) -> str:  # noqa: ANN001
    """A moment (day and minute) in the chosen language, on the user's clock.

    Datetimes and ISO texts are market moments (naive UTC) unless `utc=False` (a local-clock
    value such as a studio autosave time).
    """
    q = _qdatetime(d, utc)
    if q is None:
        return "" if d is None else str(d)
    loc = _locale(loc)
    return loc.toString(q, date_time_format(loc))


def fmt_month(value, loc: QLocale | None = None) -> str:  # noqa: ANN001
    """A "YYYY-MM" month as the language writes it: 2026年10月 / Oct 2026 (other text as given)."""
    text = str(value or "")
    try:
        year, month = (int(x) for x in text.split("-")[:2])
        q = QDate(year, month, 1)
    except ValueError:
        return text
    if not q.isValid():
        return text
    loc = _locale(loc)
    return loc.toString(q, "yyyy年M月" if _is_zh(loc) else "MMM yyyy")


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
