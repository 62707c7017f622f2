"""Validation of the dossier details, in one place for the dialog, the command line and the printed
dossier: every text within its limit, NFC with white space folded, the required values present,
the dates consistent with the evaluation year and with each other, and minutes that cannot
contradict themselves (`problems`, `normalise`, `missing_from_minutes`).

Every problem is an InputError whose `field` parameter names the attribute it is about, so the
dialog shows it next to that field, the command line prints the first one with its code, and the
dossier names what the minutes still lack instead of printing a page that contradicts itself.

The minutes' checks (TT 25/2014 and QĐ 34/2014 as secondary sources quote them; the official forms
were not found): the meeting has a date, a place, a chair and a secretary (both sign the minutes,
so both are present); no second chair or secretary among the members; the vote counts at most the
members present; the meeting falls within the regime's assessment window or the minutes say why
not (`AssessmentWindow`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
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
from assessor_app.services.dossier_document import (
    ROLE_CHAIR,
    ROLE_MEMBER,
    ROLE_SECRETARY,
    CouncilMemberDetails,
    DossierDetails,
)


@dataclass(frozen=True)
class AssessmentWindow:
    """When the regime has the council assess: its first and last day for one evaluation year,
    and the text the source has it from."""

    start: date
    end: date
    source: str


# The regimes' assessment windows, by catalogue code: data, one entry a regime, until the procedure
# becomes editable data of its own. QĐ 34/2014: once a year, in November (SECONDARY: a 2014 legal
# Q&A quoting the decision, ../shared/reference/procedure-tt25-2014.md §3.1). QĐ 06/2019: November
# of the 2nd and 4th year of each five-year plan (SECONDARY, a news report; which years is not
# settled), so no window is given and the date is not checked against one (`window_for` None).
_NOVEMBER = "QĐ 34/2014/QĐ-TTg"
_WINDOW_MONTHS = {"QD34-2014": (11, _NOVEMBER)}


def window_for(catalogue_code: str, year: int) -> AssessmentWindow | None:
    """The assessment window of evaluation year `year` under the catalogue's regime; None when the
    regime's data gives none (the dialog and the command line say so)."""
    entry = _WINDOW_MONTHS.get(catalogue_code)
    if entry is None:
        return None
    month, source = entry
    following = date(year + (month == 12), month % 12 + 1, 1)
    return AssessmentWindow(
        date(year, month, 1), date.fromordinal(following.toordinal() - 1), source
    )


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


# The limit of each field (domain/text.py): people's names are names, the conclusion, each
# paragraph of the content and the reason for the date are as long as a reason, the rest is a line.
# Errors name the field as DOSSIER_FIELD_REQUIRED does (the attribute's name).
_NAMES = ("signer_name", "council_chair", "council_secretary")
_PARAGRAPHS = ("council_conclusion", "council_date_reason")
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
)


def _texts(details: DossierDetails) -> Iterator[tuple[str, object, str]]:
    """Every free text with its rule and the field its errors name."""
    for rule, fields in (
        (DOSSIER_NAME, _NAMES),
        (DOSSIER_TEXT, _PARAGRAPHS),
        (DOSSIER_LINE, _LINES),
    ):
        for attribute in fields:
            yield getattr(details, attribute), rule, attribute
    for recipient in details.recipients:
        yield recipient, DOSSIER_LINE, "recipients"
    for paragraph in details.council_content:
        yield paragraph, DOSSIER_TEXT, "council_content"
    for member in details.council_members:
        yield member.name, DOSSIER_NAME, "council_members.name"
        yield member.position, DOSSIER_LINE, "council_members.position"
        yield member.role, DOSSIER_LINE, "council_members.role"


def _length_problems(details: DossierDetails) -> list[InputError]:
    """Every free text within its limit and free of control characters (TEXT_TOO_LONG,
    TEXT_CONTROL_CHARACTER, naming the field), checked as typed, before cleaning."""
    found: list[InputError] = []
    for value, rule, name in _texts(details):
        try:
            check_text(value, rule, field=name)  # type: ignore[arg-type]
        except InputError as error:
            found.append(error)
    return found


def _cleaned(details: DossierDetails) -> DossierDetails:
    """NFC, white space folded, empty items dropped (a member without a name is an empty seat of
    the defaults, not a member), times to the minute."""
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
            if _line(m.name)
        ),
        council_content=tuple(p for p in (_line(p) for p in details.council_content) if p),
        council_conclusion=_line(details.council_conclusion),
        council_date_reason=_line(details.council_date_reason),
    )


def _before_year(what: str, day: date, year: int, start: date) -> InputError:
    """DOSSIER_BAD_DATE: the letter (`what` "letter") or the meeting ("council") is dated before
    the evaluation year began."""
    template = (
        N_("The letter is dated {date}, before the evaluation year {year} began ({start}).")
        if what == "letter"
        else N_("The council met on {date}, before the evaluation year {year} began ({start}).")
    )
    field = "letter_date" if what == "letter" else "council_held_at"
    return InputError(
        "DOSSIER_BAD_DATE",
        template,
        date=day.isoformat(),
        year=year,
        start=start.isoformat(),
        field=field,
    )


def _letter_problems(details: DossierDetails, year: int) -> Iterator[InputError]:
    for name in ("issuer", "place", "signer_name", "signer_title", "addressee"):
        if not getattr(details, name):
            yield _required(name)
    start, _end = period(year)
    if details.letter_date < start:
        yield _before_year("letter", details.letter_date, year, start)


# --- the minutes


def _who_signs(details: DossierDetails) -> Iterator[InputError]:
    """A chair and a secretary named (both sign the minutes), present, and not contradicted by a
    member listed with the same role under another name."""
    if not details.council_chair:
        yield InputError(
            "DOSSIER_FIELD_REQUIRED",
            N_(
                "Name the council's chair: the chair presides over the meeting and signs the minutes."
            ),
            field="council_chair",
        )
    if not details.secretary_name:
        yield InputError(
            "DOSSIER_FIELD_REQUIRED",
            N_("Name the council's secretary: the secretary signs the minutes."),
            field="council_secretary",
        )
    for role, name in (
        (ROLE_CHAIR, details.council_chair),
        (ROLE_SECRETARY, details.secretary_name),
    ):
        for member in details.council_members:
            if member.role == role and name and member.name != name:
                yield InputError(
                    "DOSSIER_COUNCIL_ROLE_CONFLICT",
                    N_("{member} is listed as '{role}', but the minutes name {name} in that role."),
                    member=member.name,
                    role=role,
                    name=name,
                    field="council_members",
                )
            if member.name == name and name and not member.present:
                yield InputError(
                    "DOSSIER_COUNCIL_SIGNER_ABSENT",
                    N_("{name} signs the minutes as '{role}' but is marked absent."),
                    name=name,
                    role=role,
                    field="council_members",
                )


def present_count(details: DossierDetails) -> tuple[int, int]:
    """Members present and members of the council, counted from the roster the minutes print."""
    roster = details.council_roster()
    return sum(1 for m in roster if m.present), len(roster)


def _vote_problems(details: DossierDetails) -> Iterator[InputError]:
    votes_for = details.council_votes_for or 0
    votes_against = details.council_votes_against or 0
    if votes_for < 0 or votes_against < 0:
        yield InputError(
            "DOSSIER_COUNCIL_VOTES",
            N_("A vote count cannot be negative."),
            field="council_votes",
        )
        return
    present, members = present_count(details)
    if votes_for + votes_against > present:
        yield InputError(
            "DOSSIER_COUNCIL_VOTES",
            N_(
                "The vote counts {votes_for} for and {votes_against} against: more than the {present} members present (of {members})."
            ),
            votes_for=votes_for,
            votes_against=votes_against,
            present=present,
            members=members,
            field="council_votes",
        )


def _date_problems(
    details: DossierDetails, held: datetime, year: int, window: AssessmentWindow | None
) -> Iterator[InputError]:
    """Held within the evaluation year, not after the letter, ending after it starts, and within
    the regime's window unless the minutes say why not."""
    start, _end = period(year)
    if held.date() < start:
        yield _before_year("council", held.date(), year, start)
    elif held.date() > details.letter_date:
        yield InputError(
            "DOSSIER_BAD_DATE",
            N_(
                "The council met on {held}, after the date of the letter ({date}); the letter comes after the meeting."
            ),
            held=held.date().isoformat(),
            date=details.letter_date.isoformat(),
            field="council_held_at",
        )
    if details.council_ended_at is not None and details.council_ended_at < held:
        yield InputError(
            "DOSSIER_BAD_DATE",
            N_("The council's meeting ends ({end}) before it starts ({start})."),
            end=details.council_ended_at.isoformat(sep=" ", timespec="minutes"),
            start=held.isoformat(sep=" ", timespec="minutes"),
            field="council_ended_at",
        )
    outside = window is not None and not window.start <= held.date() <= window.end
    if window is not None and outside and not details.council_date_reason:
        yield InputError(
            "DOSSIER_COUNCIL_OUTSIDE_WINDOW",
            N_(
                "The council met on {date}, outside the assessment window of {regime} ({start} to {end}); give the reason in the minutes."
            ),
            date=held.date().isoformat(),
            regime=window.source,
            start=window.start.isoformat(),
            end=window.end.isoformat(),
            field="council_date_reason",
        )


def _composition_problems(details: DossierDetails) -> Iterator[InputError]:
    if not details.council_place:
        yield InputError(
            "DOSSIER_FIELD_REQUIRED",
            N_("Say where the council met."),
            field="council_place",
        )
    yield from _who_signs(details)
    yield from _vote_problems(details)


def _minutes_problems(
    details: DossierDetails, year: int, window: AssessmentWindow | None
) -> Iterator[InputError]:
    held = details.council_held_at
    if held is None:
        if details.council_ended_at is not None:
            yield _required("council_held_at")
        return
    yield from _composition_problems(details)
    yield from _date_problems(details, held, year, window)


def problems(
    details: DossierDetails, year: int, window: AssessmentWindow | None = None
) -> list[InputError]:
    """Every problem of the details as they would be stored, in the order of the form: the
    lengths as typed, then the letter, then the minutes (checked only when the council has met).
    Empty: `normalise` accepts them."""
    found = _length_problems(details)
    if found:
        return found
    result = _cleaned(details)
    return [*_letter_problems(result, year), *_minutes_problems(result, year, window)]


def normalise(
    details: DossierDetails, year: int, window: AssessmentWindow | None = None
) -> DossierDetails:
    """Within the limits on text, NFC, white space folded, required values present, dates and
    minutes consistent; raises the first of `problems` (InputError)."""
    found = problems(details, year, window)
    if found:
        raise found[0]
    return _cleaned(details)


def missing_from_minutes(
    details: DossierDetails, year: int, window: AssessmentWindow | None = None
) -> tuple[str, ...]:
    """What keeps the minutes from being printed, as the fields concerned, in the form's order
    ("council_held_at" first when the meeting has no date); empty when they can be printed.
    Details stored before a check existed may fail it: the dossier then says so instead of
    printing minutes that contradict themselves."""
    result = _cleaned(details)
    found: list[InputError] = []
    if result.council_held_at is None:
        found.append(_required("council_held_at"))
        found += _composition_problems(result)
    else:
        found += _minutes_problems(result, year, window)
    fields: list[str] = []
    for error in found:
        name = str(error.params.get("field", ""))
        if name not in fields:
            fields.append(name)
    return tuple(fields)


def outside_window(details: DossierDetails, window: AssessmentWindow | None) -> bool:
    """The council met outside the regime's window (the minutes print the reason)."""
    held = details.council_held_at
    return window is not None and held is not None and not window.start <= held.date() <= window.end
