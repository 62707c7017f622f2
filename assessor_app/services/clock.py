"""The one clock of the services: wall-clock time as the store records it (UTC, ISO 8601, whole
seconds), the calendar date in Vietnam, and the local time for names a person reads.

Services never call `date.today()` or `datetime.now()` themselves: the date a commune, a unit list
or a report is judged by is Vietnam's (UTC+7) whatever the computer's time zone, and tests (and the
workspace's `clock`) fix the time in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

Clock = Callable[[], str]

VIETNAM = timezone(timedelta(hours=7), "ICT")  # no daylight saving time


def utc_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def vietnam_date(stamp: str) -> date:
    """The calendar date in Vietnam at the instant `stamp` (a time as `utc_now` writes it)."""
    instant = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    if instant.tzinfo is None:  # as the store writes them: UTC
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(VIETNAM).date()


def vietnam_today(clock: Clock = utc_now) -> date:
    """Today in Vietnam, by `clock` (for code that has no workspace, like the first start)."""
    return vietnam_date(clock())


def local_now() -> datetime:
    """The computer's local time, for the names of files a person finds next to their own (a
    damaged settings file set aside)."""
    return datetime.now()
