"""Dates and times as people read them.

The store records moments in UTC ("2026-11-28T23:30:00Z"); people read them in Vietnam time
(UTC+7, no daylight saving), on screen, in the command line and on paper alike, whatever time zone
the computer is set to: an entry made at 23:30 UTC on 28/11 reads 29/11/2026 06:30 everywhere, and
a dossier made on a laptop left on UTC still dates its letter by the day in Vietnam.

Dates read day first ("29/11/2026") with a 24-hour clock in both languages, so these functions take
no language. Administrative documents write dates in words (`document_date`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

VIETNAM = timezone(timedelta(hours=7), "ICT")
NONE = "—"  # no moment recorded

# Qt's date-time editors take their own format strings; the same order as `day` and `moment`.
QT_DATE_TIME_INPUT = "HH:mm dd/MM/yyyy"
QT_DATE_INPUT = "dd/MM/yyyy"


def parse_stamp(stamp: str) -> datetime | None:
    """A stored time stamp (ISO 8601; UTC when it names no zone, as the store writes it), or None
    when `stamp` is not one."""
    try:
        moment = datetime.fromisoformat(stamp.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def local(value: datetime) -> datetime:
    """A moment (aware, or naive UTC) in Vietnam time, as a naive datetime."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(VIETNAM).replace(tzinfo=None)


def in_vietnam(value: str) -> datetime | None:
    """A stored time stamp in Vietnam time (naive); None for text that is not a time stamp."""
    parsed = parse_stamp(value)
    return local(parsed) if parsed is not None else None


def day(value: date) -> str:
    """ "05/02/2026"."""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def day_month(month: int, day: int) -> str:
    """A day of every year: "30/11"."""
    return f"{day:02d}/{month:02d}"


def clock(value: datetime, seconds: bool = True) -> str:
    """ "06:30:00" (or "06:30")."""
    text = f"{value.hour:02d}:{value.minute:02d}"
    return f"{text}:{value.second:02d}" if seconds else text


def moment(value: datetime, seconds: bool = True) -> str:
    """A moment already in Vietnam time: "29/11/2026 06:30:00"."""
    return f"{day(value.date())} {clock(value, seconds)}"


def stamp(value: str | None, seconds: bool = True) -> str:
    """A stored time stamp in Vietnam time ("29/11/2026 06:30:00"); "—" for none, and text that
    is not a time stamp as it is (shown, never hidden)."""
    if not value:
        return NONE
    local = in_vietnam(value)
    return moment(local, seconds) if local is not None else value


def stamp_day(value: str | None) -> str:
    """The day (in Vietnam) of a stored time stamp: "29/11/2026"; as `stamp` for the rest."""
    if not value:
        return NONE
    local = in_vietnam(value)
    return day(local.date()) if local is not None else value


def stamp_clock(value: str | None, seconds: bool = True) -> str:
    """The time of day (in Vietnam) of a stored time stamp: "06:30:00"; as `stamp` for the rest."""
    if not value:
        return NONE
    local = in_vietnam(value)
    return clock(local, seconds) if local is not None else value


# --- administrative documents (always Vietnamese)


def document_date(value: date) -> str:
    """The date as documents write it (NĐ 30/2020, Phụ lục I, mục II.6): "ngày 28 tháng 11 năm
    2026"; days below 10 and the months 1 and 2 take a leading 0: "ngày 05 tháng 02 năm 2026",
    "ngày 20 tháng 3 năm 2026"."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def document_time(value: datetime) -> str:
    """The time of day as minutes write it: "14 giờ 30"."""
    return f"{value.hour:02d} giờ {value.minute:02d}"
