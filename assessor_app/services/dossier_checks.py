"""Validation of the dossier details before they are stored: every text within its limit, NFC with
white space folded, the required values present and the dates consistent with the evaluation year
and with each other (`normalise`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from assessor_app.domain.errors import N_, InputError
from assessor_app.domain.evaluation import period
from assessor_app.domain.text import (
    DOSSIER_LINE,
    DOSSIER_NAME,
    DOSSIER_TEXT,
    check_text,
    clean,
)
from assessor_app.services.dossier_document import ROLE_MEMBER, CouncilMemberDetails, DossierDetails


def _required(name: str) -> InputError:
    return InputError(
        "DOSSIER_FIELD_REQUIRED",
        N_("The dossier details need a value for '{field}'."),
        field=name,
    )


def _line(value: str) -> str:
    return clean(value)


def _lines(value: str) -> str:
    """Text where "\\n" chooses line breaks (the issuing body): each line cleaned, empty ones
    dropped."""
    return "\n".join(part for part in (clean(p) for p in value.splitlines()) if part)


def _item(value: str) -> str:
    """A recipient without a leading dash or final punctuation."""
    return clean(value).lstrip("-–• ").rstrip(";.,").strip()


def _minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0, tzinfo=None)


# The limit of each field (domain/text.py): people's names are names, the conclusion and each
# paragraph of the content are as long as a reason, the rest is a line. Errors name the field as
# DOSSIER_FIELD_REQUIRED does (the attribute's name).
_NAMES = ("signer_name", "council_chair", "council_secretary")
_PARAGRAPHS = ("council_conclusion",)
_LINES = (
    "issuer",
    "issuer_parent",
    "letter_number",
    "place",
    "signer_title",
    "signer_authority",
    "addressee",
    "council_place",
    "council_number",
    "council_chair_position",
    "council_votes",
)


def _check_lengths(details: DossierDetails) -> None:
    """Every free text within its limit and free of control characters (TEXT_TOO_LONG,
    TEXT_CONTROL_CHARACTER, naming the field), checked as typed, before cleaning."""
    for rule, fields in (
        (DOSSIER_NAME, _NAMES),
        (DOSSIER_TEXT, _PARAGRAPHS),
        (DOSSIER_LINE, _LINES),
    ):
        for attribute in fields:
            check_text(getattr(details, attribute), rule, field=attribute)
    for recipient in details.recipients:
        check_text(recipient, DOSSIER_LINE, field="recipients")
    for paragraph in details.council_content:
        check_text(paragraph, DOSSIER_TEXT, field="council_content")
    for member in details.council_members:
        check_text(member.name, DOSSIER_NAME, field="council_members.name")
        check_text(member.position, DOSSIER_LINE, field="council_members.position")
        check_text(member.role, DOSSIER_LINE, field="council_members.role")


def _cleaned(details: DossierDetails) -> DossierDetails:
    """NFC, white space folded, empty items dropped, times to the minute."""
    return replace(
        details,
        issuer=_lines(details.issuer),
        issuer_parent=_lines(details.issuer_parent),
        letter_number=_line(details.letter_number),
        place=_line(details.place),
        signer_name=_line(details.signer_name),
        signer_title=_line(details.signer_title),
        signer_authority=_line(details.signer_authority),
        addressee=_line(details.addressee),
        recipients=tuple(r for r in (_item(r) for r in details.recipients) if r),
        council_held_at=_minute(details.council_held_at) if details.council_held_at else None,
        council_ended_at=_minute(details.council_ended_at) if details.council_ended_at else None,
        council_place=_line(details.council_place),
        council_number=_line(details.council_number),
        council_chair=_line(details.council_chair),
        council_chair_position=_line(details.council_chair_position),
        council_secretary=_line(details.council_secretary),
        council_members=tuple(
            CouncilMemberDetails(
                _line(m.name), _line(m.position), _line(m.role) or ROLE_MEMBER, m.present
            )
            for m in details.council_members
        ),
        council_content=tuple(p for p in (_line(p) for p in details.council_content) if p),
        council_conclusion=_line(details.council_conclusion),
        council_votes=_line(details.council_votes),
    )


def _require(details: DossierDetails, names: tuple[str, ...]) -> None:
    for name in names:
        if not getattr(details, name):
            raise _required(name)


def _before_year(what: str, day: date, year: int, start: date) -> InputError:
    """DOSSIER_BAD_DATE: the letter (`what` "letter") or the meeting ("council") is dated before
    the evaluation year began."""
    template = (
        N_("The letter is dated {date}, before the evaluation year {year} began ({start}).")
        if what == "letter"
        else N_("The council met on {date}, before the evaluation year {year} began ({start}).")
    )
    return InputError(
        "DOSSIER_BAD_DATE", template, date=day.isoformat(), year=year, start=start.isoformat()
    )


def _check_minutes(details: DossierDetails, held: datetime, year: int, start: date) -> None:
    """The minutes of a meeting that took place: where, who chaired, every member named, and
    held within the year, before the letter, ending after it starts."""
    _require(details, ("council_place", "council_chair"))
    if any(not m.name for m in details.council_members):
        raise _required("council_members.name")
    if held.date() < start:
        raise _before_year("council", held.date(), year, start)
    if held.date() > details.letter_date:
        raise InputError(
            "DOSSIER_BAD_DATE",
            N_(
                "The council met on {held}, after the date of the letter ({date}); the letter comes after the meeting."
            ),
            held=held.date().isoformat(),
            date=details.letter_date.isoformat(),
        )
    if details.council_ended_at is not None and details.council_ended_at < held:
        raise InputError(
            "DOSSIER_BAD_DATE",
            N_("The council's meeting ends ({end}) before it starts ({start})."),
            end=details.council_ended_at.isoformat(sep=" ", timespec="minutes"),
            start=held.isoformat(sep=" ", timespec="minutes"),
        )


def normalise(details: DossierDetails, year: int) -> DossierDetails:
    """Within the limits on text, NFC, white space folded, required values present, dates
    consistent; raises InputError."""
    _check_lengths(details)
    result = _cleaned(details)
    _require(result, ("issuer", "place", "signer_name", "signer_title", "addressee"))
    start, _end = period(year)
    if result.letter_date < start:
        raise _before_year("letter", result.letter_date, year, start)
    held = result.council_held_at
    if held is None:
        if result.council_ended_at is not None:
            raise _required("council_held_at")
        return result
    _check_minutes(result, held, year, start)
    return result
