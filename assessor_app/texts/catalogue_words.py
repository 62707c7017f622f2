"""Words about stored catalogues and their drafts (issue 15): where a catalogue came from."""

from __future__ import annotations

from datetime import date

from assessor_app.i18n import pgettext
from assessor_app.texts import dates
from assessor_app.texts.lookup import label_or_code

CATALOGUE_ORIGINS = ("shipped", "imported", "published", "release")


def catalogue_origin(origin: str, language: str) -> str:
    """Where a stored catalogue came from ("published" → "do tỉnh ban hành")."""
    return label_or_code(
        {
            "shipped": pgettext("catalogue origin", "shipped with the app", language),
            "imported": pgettext("catalogue origin", "imported from a file", language),
            "published": pgettext("catalogue origin", "published by the province", language),
            "release": pgettext(
                "catalogue origin", "released by the province, signed file received", language
            ),
        },
        origin,
    )


def pinned_version(code: str, version: str) -> str:
    """The catalogue an assessment is scored on, short for a list column: "QD06-2019 2019.1"
    (a provisional or draft version's state is left to the tooltip and the catalogue list)."""
    number, _dash, state = version.strip().partition("-")
    return f"{code} {number if state in ('provisional', 'draft') else version}"


def in_force_mark(language: str) -> str:
    return pgettext("catalogue standing", "in force", language)


def provisional_mark(language: str) -> str:
    return pgettext("catalogue standing", "provisional", language)


def standing(in_force: bool, provisional: bool, language: str) -> str:
    """ "đang áp dụng", "tạm tính", both, or "" — how a stored version stands."""
    marks = [in_force_mark(language)] if in_force else []
    if provisional:
        marks.append(provisional_mark(language))
    return ", ".join(marks)


def applied_since(day: date | None) -> str:
    """The day the province's release puts a version in force, "—" for one never released."""
    return dates.day(day) if day is not None else "—"


def offered(
    code: str, version_words: str, since: date | None, in_force: bool, language: str
) -> str:
    """A version in a drop-down: "QD06-2019, phiên bản 2027.1 — áp dụng từ 01/01/2026, đang áp
    dụng"; a version never released keeps "QD06-2019, phiên bản tạm thời 2019.1"."""
    text = f"{code}, {version_words}"
    if since is None:
        return text
    return f"{text} — {applied_from(since, language)}" + (
        f", {in_force_mark(language)}" if in_force else ""
    )


def applied_from(day: date, language: str) -> str:
    """ "áp dụng từ 01/01/2026": since when the province's release puts a version in force."""
    return pgettext("catalogue standing", "applied from {day}", language).format(day=dates.day(day))
