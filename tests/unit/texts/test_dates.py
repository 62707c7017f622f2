"""Dates and times: stored UTC, read in Vietnam time whatever the computer's zone; day first; the
administrative documents' dates in words."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from assessor_app.texts import dates
from assessor_app.texts.documents import in_sentence, place_date


@pytest.fixture(params=["UTC", "America/New_York", "Asia/Ho_Chi_Minh"])
def computer_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """The computer set to a time zone: the text must not depend on it."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield request.param
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_late_evening_utc_is_the_next_day_in_vietnam(computer_zone: str) -> None:
    stamp = "2026-11-28T23:30:00Z"
    assert dates.stamp(stamp) == "29/11/2026 06:30:00"
    assert dates.stamp(stamp, seconds=False) == "29/11/2026 06:30"
    assert dates.stamp_day(stamp) == "29/11/2026"
    assert dates.stamp_clock(stamp) == "06:30:00"
    assert dates.stamp_clock(stamp, seconds=False) == "06:30"
    assert dates.in_vietnam(stamp) == datetime(2026, 11, 29, 6, 30)
    assert dates.local(datetime(2026, 11, 28, 23, 30, tzinfo=UTC)) == datetime(2026, 11, 29, 6, 30)


def test_stamps_without_a_zone_are_utc_and_other_text_is_shown_as_it_is() -> None:
    assert dates.stamp("2026-03-14T01:30:12") == "14/03/2026 08:30:12"
    assert dates.stamp("2026-03-14T01:30:12+07:00") == "14/03/2026 01:30:12"
    assert dates.stamp("not a time") == "not a time"
    assert dates.stamp(None) == "—"
    assert dates.stamp_day("") == "—"
    assert dates.stamp_clock(None) == "—"
    assert dates.stamp_clock("not a time") == "not a time"


def test_days_and_clock() -> None:
    assert dates.day(date(2026, 2, 5)) == "05/02/2026"
    assert dates.clock(datetime(2026, 2, 5, 6, 3, 9)) == "06:03:09"
    assert dates.document_time(datetime(2026, 2, 5, 14, 30)) == "14 giờ 30"


def test_document_dates_follow_decree_30() -> None:
    # days below 10 and the months 1 and 2 take a leading zero; other months do not
    assert dates.document_date(date(2026, 11, 28)) == "ngày 28 tháng 11 năm 2026"
    assert dates.document_date(date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert dates.document_date(date(2026, 3, 20)) == "ngày 20 tháng 3 năm 2026"
    assert place_date("Hữu Liên", date(2026, 11, 28)) == "Hữu Liên, ngày 28 tháng 11 năm 2026"
    assert place_date("", date(2026, 11, 28)) == "ngày 28 tháng 11 năm 2026"


def test_unit_names_inside_a_sentence() -> None:
    assert in_sentence("Xã Hữu Liên") == "xã Hữu Liên"
    assert in_sentence("Thị trấn Hữu Lũng") == "thị trấn Hữu Lũng"
    assert in_sentence("Phường Đông Kinh") == "phường Đông Kinh"
    assert in_sentence("Huyện Hữu Lũng") == "huyện Hữu Lũng"
    assert in_sentence("X\u0061\u0303 Hữu Liên") == "xã Hữu Liên"  # NFD input
    assert in_sentence("Hữu Liên") == "Hữu Liên"
