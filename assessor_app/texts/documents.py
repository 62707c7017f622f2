"""Phrasing that only administrative documents need, always Vietnamese (Nghị định 30/2020/NĐ-CP):
a unit's name inside a sentence and the place-and-date line."""

from __future__ import annotations

from datetime import date

from assessor_app.domain.text import nfc
from assessor_app.texts.dates import document_date

# The type words a unit's official name starts with, longest first where one starts another.
_TYPE_WORDS = (
    "Thị trấn ",
    "Thành phố ",
    "Xã ",
    "Phường ",
    "Huyện ",
    "Tỉnh ",
    "Thị xã ",
    "Quận ",
)


def in_sentence(name: str) -> str:
    """A unit's name inside a sentence: its type in lower case ("Xã Hữu Liên" → "xã Hữu Liên",
    "Thị trấn Hữu Lũng" → "thị trấn Hữu Lũng", "Huyện Hữu Lũng" → "huyện Hữu Lũng")."""
    name = nfc(name)
    for prefix in _TYPE_WORDS:
        if name.startswith(prefix):
            return prefix.lower() + name[len(prefix) :]
    return name


def place_date(place: str, day: date) -> str:
    """The place-and-date line of a document: "Hữu Liên, ngày 28 tháng 11 năm 2026"."""
    return f"{place}, {document_date(day)}" if place else document_date(day)
