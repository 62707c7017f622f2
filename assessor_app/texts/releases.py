"""How the catalogue in force is said (issue 15): one sentence, the same in the command line, the
assessments list and the new-assessment dialog ("Bộ tiêu chí áp dụng: … phiên bản … (áp dụng từ
dd/mm/yyyy, do … ban hành)")."""

from __future__ import annotations

from datetime import date

from assessor_app.i18n import pgettext
from assessor_app.texts import dates


def in_force_line(code: str, version: str, since: date, publisher: str, language: str) -> str:
    """The sentence for the catalogue `code` `version` in force since `since`."""
    return pgettext(
        "catalogue in force",
        "Catalogue in force: {code} version {version} (in force from {day}, published by {publisher})",
        language,
    ).format(code=code, version=version, day=dates.day(since), publisher=publisher)


def none_in_force(language: str) -> str:
    return pgettext(
        "catalogue in force",
        "No catalogue released by the province is in force here yet: the shipped catalogues apply.",
        language,
    )
