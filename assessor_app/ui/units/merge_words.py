"""What the merge table's screen says of a row: the old commune, the unit, the remarks (the
same words as `units merges list`, from texts/unit_merges.py)."""

from __future__ import annotations

from assessor_app import i18n
from assessor_app.domain.unit_merges import MergeRound, ReviewedRow, SourceFlag
from assessor_app.i18n import _
from assessor_app.services import unit_merges
from assessor_app.texts import dates
from assessor_app.texts.unit_merges import basis_2024, match_kind, source_flag

Names = dict[str, dict[str, str]]


def old_text(row: ReviewedRow, names: Names) -> str:
    old_name, _new = unit_merges.names_of(row, names)
    if row.old_code is None:
        return _("{name} (no code found)").format(name=row.row.old_name)
    return f"{row.old_code} {old_name}"


def new_text(row: ReviewedRow, names: Names) -> str:
    _old, new_name = unit_merges.names_of(row, names)
    if row.new_code is None:
        return _("not known")
    return f"{row.new_code} {new_name}"


def remarks(row: ReviewedRow) -> list[str]:
    """What a person checking the row should know, most important first."""
    language = i18n.language()
    said = []
    if row.old_code is None:
        said.append(match_kind(row.row.match.value, language))
        if row.row.candidates:
            said.append(
                _("same name elsewhere: {codes}").format(codes=", ".join(row.row.candidates))
            )
    if row.row.partial:
        said.append(_("part of the commune"))
    if row.row.district_doubtful:
        said.append(_("the source's district label is doubtful"))
    if row.row.note:
        said.append(basis_2024(row.row.note, language))
    if row.row.source_flag is not SourceFlag.UNVERIFIED:
        said.append(source_flag(row.row.source_flag.value, language))
    return said


def review_text(row: ReviewedRow) -> str:
    """Who confirmed or corrected the row, when and why (empty while unverified)."""
    review = row.review
    if review is None:
        return ""
    return _("{who}, {when}: {reason}").format(
        who=review.by, when=dates.stamp(review.at), reason=review.reason
    )


def source_text(row: ReviewedRow) -> str:
    """Where the row comes from, in the user's language (the data keeps the full citation)."""
    if row.row.round is MergeRound.JUL_2025:
        return _(
            "Source: the table of the 2025 merges (NQ 1672/NQ-UBTVQH15), item {item}; "
            "secondary source"
        ).format(item=row.row.item)
    return _("Source: the unit lists before and after 1 December 2024")
