"""The words of the merge table and the roll-up (domain/unit_merges.py): a row's review status,
what the source says of it, how its name was matched, why a 2024 row names its target, and the
roll-up's rule. Same rules as `texts.labels`: gettext with a context, an explicit language."""

from __future__ import annotations

from datetime import date

from assessor_app.i18n import gettext_in, pgettext
from assessor_app.texts import dates
from assessor_app.texts.lookup import label_or_code as _pick


def merge_review(status: str, language: str) -> str:
    """A row of the merge table: unverified until a person confirms or corrects it."""
    return _pick(
        {
            "unverified": pgettext("merge row", "Not verified", language),
            "confirmed": pgettext("merge row", "Confirmed", language),
            "corrected": pgettext("merge row", "Corrected", language),
        },
        status,
    )


def source_flag(flag: str, language: str) -> str:
    """What the reference says of the row's source."""
    return _pick(
        {
            "unverified": pgettext("merge source", "Secondary source, not verified", language),
            "quoted": pgettext(
                "merge source", "Secondary source quoting the resolution's text", language
            ),
            "inconsistent": pgettext(
                "merge source",
                "Secondary source, inconsistent: the commune is listed under two units",
                language,
            ),
        },
        flag,
    )


def match_kind(kind: str, language: str) -> str:
    """How the source's name was matched to a commune code of the unit list."""
    return _pick(
        {
            "exact": pgettext("merge match", "Name matched exactly", language),
            "no_diacritics": pgettext("merge match", "Name matched without diacritics", language),
            "none": pgettext(
                "merge match", "Name not found in the district the source names", language
            ),
        },
        kind,
    )


def basis_2024(note: str, language: str) -> str:
    """Why a row of the December 2024 round names where the commune went."""
    return _pick(
        {
            "legal_example": pgettext(
                "merge basis", "Named as an example in a secondary source", language
            ),
            "inferred_from_lists": pgettext(
                "merge basis",
                "Inferred from the unit lists: the remaining commune took its name",
                language,
            ),
            "target_unknown": pgettext(
                "merge basis",
                "The unit lists only show the commune removed; where it went is not known",
                language,
            ),
        },
        note,
    )


_ROUND_DAYS = {"2024-12": date(2024, 12, 1), "2025-07": date(2025, 7, 1)}


def merge_round_day(round_: str) -> str:
    """The day a round took effect ("2024-12" → 01/12/2024)."""
    day = _ROUND_DAYS.get(round_)
    return dates.day(day) if day else round_


def merge_round(round_: str, language: str) -> str:
    """A round of merges in words ("Đợt sáp nhập 01/12/2024")."""
    if round_ not in _ROUND_DAYS:
        return round_
    return pgettext("merge round", "Merges of {day}", language).format(day=merge_round_day(round_))


def rollup_rule(language: str) -> str:
    """The roll-up's rule, stated wherever the roll-up is shown."""
    return gettext_in(
        "Each unit of July 2025 is shown with the old communes it absorbed and their results that "
        "year; the share is the recognised old communes out of all of them. A merged unit is not "
        "itself recognised: only its parts were assessed.",
        language,
    )
