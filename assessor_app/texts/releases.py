"""How the catalogue in force is said (issue 15): one sentence, the same in the command line, the
assessments list and the new-assessment dialog ("Bộ tiêu chí áp dụng: … phiên bản … (áp dụng từ
dd/mm/yyyy, do … ban hành)")."""

from __future__ import annotations

from datetime import date

from assessor_app.i18n import pgettext
from assessor_app.texts import dates
from assessor_app.texts.documents import in_sentence


def in_force_line(code: str, version: str, since: date, publisher: str, language: str) -> str:
    """The sentence for the catalogue `code` `version` in force since `since`."""
    return pgettext(
        "catalogue in force",
        "Catalogue in force: {code} version {version} (in force from {day}, published by {publisher})",
        language,
    ).format(code=code, version=version, day=dates.day(since), publisher=in_sentence(publisher))


def published_by_line(office: str, person: str, owner: str, language: str) -> str:
    """Who released it: the office, the person, and whose key signed it (`catalogue in-force`)."""
    if not owner:
        return pgettext(
            "catalogue in force",
            "Published by {person}, {office}; signed with a key not known here",
            language,
        ).format(person=person, office=in_sentence(office))
    return pgettext(
        "catalogue in force",
        "Published by {person}, {office}; signed with the key of {owner}",
        language,
    ).format(person=person, office=in_sentence(office), owner=owner)


def none_in_force(language: str) -> str:
    return pgettext(
        "catalogue in force",
        "No catalogue released by the province is in force here yet: the shipped catalogues apply.",
        language,
    )
