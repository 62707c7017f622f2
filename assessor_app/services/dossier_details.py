"""The paperwork around an assessment: the frame of the commune's request letter (tờ trình) and the
minutes of the assessment council's meeting (biên bản họp hội đồng đánh giá), printed in the dossier
(services/report_data.py, docs/reports.md "Where the data comes from").

Nothing is stored until someone edits it: `get_details` then returns defaults derived from the
data (the commune, the evaluation year, the team). `set_details` validates, normalises (NFC) and
stores the whole document in `dossier_details`, audited on the assessment's chain (old → new).

Decision: the details may be set on drafts and finalised assessments alike. They are paperwork that
follows the assessment (the letter is numbered and dated, the council meets, after the figures are
final); they change no figure, total or verdict, so finalising does not lock them and no reopen is
needed. Every change is still audited on the assessment's chain. They are not carried in bundles
(bundle format 1 has no place for them): each store keeps its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from assessor_app.domain.assessment import MemberRole
from assessor_app.domain.catalogue import Sector
from assessor_app.domain.errors import N_, InputError
from assessor_app.domain.evaluation import period
from assessor_app.domain.text import (
    DOSSIER_LINE,
    DOSSIER_NAME,
    DOSSIER_TEXT,
    check_text,
    clean,
)
from assessor_app.domain.units import UnitType, unit_type_from_name
from assessor_app.services.assessments import require_assessment
from assessor_app.services.workspace import Workspace
from assessor_app.storage.records import AssessmentRecord, StoredUnit
from assessor_app.storage.repository import Repository
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER
from assessor_app.texts import labels
from assessor_app.texts.documents import in_sentence

VIETNAM = timezone(timedelta(hours=7), "ICT")
# The reform that abolished districts (Nghị quyết 202/2025/QH15): evaluation years whose period ends
# on or after this day have communes and the province only.
DISTRICTS_ABOLISHED = date(2025, 7, 1)

DOCUMENT_FORMAT = "assessor-dossier-details"
DOCUMENT_VERSION = 1

ROLE_CHAIR = "Chủ tịch Hội đồng"
ROLE_STANDING = "Thường trực Hội đồng"
ROLE_SECRETARY = "Thư ký"
ROLE_MEMBER = "Thành viên"

_MEMBER_ROLES = {
    MemberRole.LEAD: ROLE_STANDING,
    MemberRole.MEMBER: ROLE_MEMBER,
    MemberRole.SECRETARY: ROLE_SECRETARY,
}


@dataclass(frozen=True)
class CouncilMemberDetails:
    """A member of the assessment council as entered.

    Fields:
        name: họ và tên.
        position: chức vụ ("Trạm trưởng Trạm Y tế xã").
        role: nhiệm vụ trong hội đồng ("Thường trực Hội đồng", "Thư ký", "Thành viên").
        present: attended the meeting.
    """

    name: str
    position: str
    role: str = ROLE_MEMBER
    present: bool = True


@dataclass(frozen=True)
class DossierDetails:
    """The request letter's frame and the council's minutes of one assessment.

    Letter (tờ trình):
        issuer: the issuing body in normal case, a "\\n" where the header breaks the line
            ("Ủy ban nhân dân\\nxã Hữu Liên"; printed in capitals by the layout).
        issuer_parent: cơ quan chủ quản above it ("Ủy ban nhân dân huyện Hữu Lũng").
        letter_number: số và ký hiệu without "Số:"; "/TTr-UBND" leaves the number blank.
        place: the place of the place-and-date line ("Hữu Liên").
        letter_date: the letter's date.
        signer_name, signer_title, signer_authority: who signs ("Hoàng Văn Thắng", "Chủ tịch",
            "TM. Ủy ban nhân dân").
        addressee: kính gửi.
        recipients: nơi nhận, without dashes or final punctuation.
    Minutes (biên bản họp hội đồng đánh giá); `council_held_at` None means no minutes yet:
        council_held_at, council_ended_at: when the meeting opened and closed (Vietnam time).
        council_place: where it was held.
        council_number: the minutes' number ("05/BB-HĐĐG"), may be empty.
        council_chair, council_chair_position: the chair (signs the minutes).
        council_secretary: the secretary (signs the minutes).
        council_members: the other members, with positions, roles and attendance.
        council_content: what was discussed, one paragraph each.
        council_conclusion: the council's conclusion.
        council_votes: the vote ("7/7 thành viên dự họp nhất trí").
    Not part of the stored document:
        updated_at, updated_by: when and by whom it was stored; empty for defaults.
    """

    issuer: str
    issuer_parent: str
    letter_number: str
    place: str
    letter_date: date
    signer_name: str
    signer_title: str
    signer_authority: str
    addressee: str
    recipients: tuple[str, ...]
    council_held_at: datetime | None = None
    council_ended_at: datetime | None = None
    council_place: str = ""
    council_number: str = ""
    council_chair: str = ""
    council_chair_position: str = ""
    council_secretary: str = ""
    council_members: tuple[CouncilMemberDetails, ...] = ()
    council_content: tuple[str, ...] = ()
    council_conclusion: str = ""
    council_votes: str = ""
    updated_at: str = field(default="", compare=False)
    updated_by: str = field(default="", compare=False)

    @property
    def stored(self) -> bool:
        """Someone saved these details (False: every value is a default)."""
        return bool(self.updated_at)

    @property
    def has_minutes(self) -> bool:
        return self.council_held_at is not None


# --- JSON form (stored document, `dossier show --json`)


def to_json(details: DossierDetails) -> dict[str, Any]:
    def moment(value: datetime | None) -> str | None:
        return value.isoformat(timespec="minutes") if value is not None else None

    return {
        "format": DOCUMENT_FORMAT,
        "version": DOCUMENT_VERSION,
        "letter": {
            "issuer": details.issuer,
            "issuer_parent": details.issuer_parent,
            "number": details.letter_number,
            "place": details.place,
            "date": details.letter_date.isoformat(),
            "signer_name": details.signer_name,
            "signer_title": details.signer_title,
            "signer_authority": details.signer_authority,
            "addressee": details.addressee,
            "recipients": list(details.recipients),
        },
        "council": {
            "held_at": moment(details.council_held_at),
            "ended_at": moment(details.council_ended_at),
            "place": details.council_place,
            "number": details.council_number,
            "chair": details.council_chair,
            "chair_position": details.council_chair_position,
            "secretary": details.council_secretary,
            "members": [
                {"name": m.name, "position": m.position, "role": m.role, "present": m.present}
                for m in details.council_members
            ],
            "content": list(details.council_content),
            "conclusion": details.council_conclusion,
            "votes": details.council_votes,
        },
    }


def _bad_document(detail: str) -> InputError:
    return InputError(
        "DOSSIER_DETAILS_INVALID",
        N_("The stored dossier details cannot be read ({detail})."),
        detail=detail,
    )


def from_json(data: Any) -> DossierDetails:
    """The inverse of `to_json` (values are not validated here: `set_details` does that)."""
    try:
        if data.get("format") != DOCUMENT_FORMAT or data.get("version") != DOCUMENT_VERSION:
            raise _bad_document("format")
        letter, council = data["letter"], data["council"]

        def moment(value: Any) -> datetime | None:
            return datetime.fromisoformat(value) if value else None

        return DossierDetails(
            issuer=str(letter["issuer"]),
            issuer_parent=str(letter["issuer_parent"]),
            letter_number=str(letter["number"]),
            place=str(letter["place"]),
            letter_date=date.fromisoformat(letter["date"]),
            signer_name=str(letter["signer_name"]),
            signer_title=str(letter["signer_title"]),
            signer_authority=str(letter["signer_authority"]),
            addressee=str(letter["addressee"]),
            recipients=tuple(str(r) for r in letter["recipients"]),
            council_held_at=moment(council["held_at"]),
            council_ended_at=moment(council["ended_at"]),
            council_place=str(council["place"]),
            council_number=str(council["number"]),
            council_chair=str(council["chair"]),
            council_chair_position=str(council["chair_position"]),
            council_secretary=str(council["secretary"]),
            council_members=tuple(
                CouncilMemberDetails(
                    str(m["name"]), str(m["position"]), str(m["role"]), bool(m["present"])
                )
                for m in council["members"]
            ),
            council_content=tuple(str(p) for p in council["content"]),
            council_conclusion=str(council["conclusion"]),
            council_votes=str(council["votes"]),
        )
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise _bad_document(type(error).__name__) from None


# --- defaults derived from the data


def vietnam_time(stamp: str) -> datetime:
    """A stored UTC time stamp ("2026-11-28T20:47:03Z") as naive Vietnam local time."""
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(VIETNAM).replace(tzinfo=None)


def without_type(name: str) -> str:
    """A unit's name without its type word: "Xã Hữu Liên" → "Hữu Liên", "Thành phố Lạng Sơn" →
    "Lạng Sơn" (the địa danh of a place-and-date line)."""
    name = clean(name)
    for prefix in ("Thị trấn ", "Thành phố ", "Thị xã ", "Xã ", "Phường ", "Huyện ", "Tỉnh "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def committee_of(unit_name: str) -> str:
    """ "Huyện Hữu Lũng" → "Ủy ban nhân dân huyện Hữu Lũng"."""
    return f"Ủy ban nhân dân {in_sentence(unit_name)}"


def before_reform(year: int) -> bool:
    """The evaluation year ended while districts still existed (its period ends before 1/7/2025)."""
    return period(year)[1] < DISTRICTS_ABOLISHED


@dataclass(frozen=True)
class UnitContext:
    """What the defaults need to know about an assessment's commune."""

    name: str
    unit_type: UnitType
    district_name: str
    province_name: str


def unit_context(repo: Repository, row: AssessmentRecord) -> UnitContext:
    document = repo.unit_list_document(row.unit_list_code)
    unit: StoredUnit | None = None
    province = ""
    if document is not None:
        unit = next(
            (u for u in repo.units_in_list(row.unit_list_code) if u.code == row.commune_code), None
        )
        try:
            province = clean(str(json.loads(document)["province"]["name"]))
        except (KeyError, TypeError, ValueError):
            province = ""
    if unit is None:
        return UnitContext(row.commune_name, unit_type_from_name(row.commune_name), "", province)
    return UnitContext(unit.name, UnitType(unit.unit_type), unit.district_name, province)


def _type_word(unit_type: UnitType) -> str:
    return labels.unit_type(unit_type, PAPER).lower()


def _member_position(agency: str) -> str:
    try:
        return f"Cán bộ {labels.sector(Sector(agency), PAPER)}"
    except ValueError:
        return ""


def _defaults(repo: Repository, row: AssessmentRecord) -> DossierDetails:
    unit = unit_context(repo, row)
    commune = in_sentence(unit.name)
    old = before_reform(row.year) and bool(unit.district_name)
    superior = committee_of(unit.district_name) if old else committee_of(unit.province_name)
    office = (
        f"Phòng Lao động - Thương binh và Xã hội {in_sentence(unit.district_name)}"
        if old
        else f"Sở Y tế {in_sentence(unit.province_name)}"
    )
    kind = _type_word(unit.unit_type)
    stamp = row.finalized_at or row.updated_at
    members: list[CouncilMemberDetails] = []
    secretary = ""
    for member in repo.team_members(row.id):
        role = _MEMBER_ROLES.get(member.role, ROLE_MEMBER)
        members.append(CouncilMemberDetails(member.name, _member_position(member.agency), role))
        if role == ROLE_SECRETARY and not secretary:
            secretary = member.name
    if row.recognized:
        conclusion = (
            f"Hội đồng thống nhất kết quả đánh giá nêu trên và đề nghị Ủy ban nhân dân {commune} "
            f"lập hồ sơ đề nghị công nhận đạt tiêu chuẩn năm {row.year}."
        )
    else:
        conclusion = (
            "Hội đồng thống nhất kết quả đánh giá nêu trên; giao các ngành xây dựng kế hoạch "
            "khắc phục các tiêu chí chưa đạt."
        )
    return DossierDetails(
        issuer=f"Ủy ban nhân dân\n{commune}",
        issuer_parent=superior,
        letter_number="/TTr-UBND",
        place=without_type(unit.name),
        letter_date=vietnam_time(stamp).date(),
        signer_name="",
        signer_title="Chủ tịch",
        signer_authority="TM. Ủy ban nhân dân",
        addressee=superior,
        recipients=("Như trên", office, f"Thường trực Đảng ủy {kind}", "Lưu: VT"),
        council_place=f"Hội trường Ủy ban nhân dân {commune}",
        council_chair_position=f"Chủ tịch Ủy ban nhân dân {kind}",
        council_secretary=secretary,
        council_members=tuple(members),
        council_conclusion=conclusion,
    )


def details_in(repo: Repository, row: AssessmentRecord) -> DossierDetails:
    """The stored details of an assessment, or the defaults (inside the caller's session)."""
    stored = repo.dossier_document(row.id)
    if stored is None:
        return _defaults(repo, row)
    details = from_json(stored.document)
    return replace(details, updated_at=stored.updated_at, updated_by=stored.updated_by)


def get_details(workspace: Workspace, assessment_id: int) -> DossierDetails:
    """The stored details, or sensible defaults derived from the data (`stored` tells which)."""
    with workspace.database.reading() as session:
        repo = Repository(session)
        return details_in(repo, require_assessment(repo, assessment_id))


def default_details(workspace: Workspace, assessment_id: int) -> DossierDetails:
    """The defaults, whatever is stored (a "reset" button)."""
    with workspace.database.reading() as session:
        repo = Repository(session)
        return _defaults(repo, require_assessment(repo, assessment_id))


# --- validation and storing


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


def normalise(details: DossierDetails, year: int) -> DossierDetails:
    """Within the limits on text, NFC, white space folded, required values present, dates
    consistent; raises InputError."""
    _check_lengths(details)
    result = replace(
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
    for name in ("issuer", "place", "signer_name", "signer_title", "addressee"):
        if not getattr(result, name):
            raise _required(name)
    start, _end = period(year)
    if result.letter_date < start:
        raise InputError(
            "DOSSIER_BAD_DATE",
            N_("The letter is dated {date}, before the evaluation year {year} began ({start})."),
            date=result.letter_date.isoformat(),
            year=year,
            start=start.isoformat(),
        )
    held = result.council_held_at
    if held is None:
        if result.council_ended_at is not None:
            raise _required("council_held_at")
        return result
    for name in ("council_place", "council_chair"):
        if not getattr(result, name):
            raise _required(name)
    if any(not m.name for m in result.council_members):
        raise _required("council_members.name")
    if held.date() < start:
        raise InputError(
            "DOSSIER_BAD_DATE",
            N_("The council met on {date}, before the evaluation year {year} began ({start})."),
            date=held.date().isoformat(),
            year=year,
            start=start.isoformat(),
        )
    if held.date() > result.letter_date:
        raise InputError(
            "DOSSIER_BAD_DATE",
            N_(
                "The council met on {held}, after the date of the letter ({date}); the letter comes after the meeting."
            ),
            held=held.date().isoformat(),
            date=result.letter_date.isoformat(),
        )
    if result.council_ended_at is not None and result.council_ended_at < held:
        raise InputError(
            "DOSSIER_BAD_DATE",
            N_("The council's meeting ends ({end}) before it starts ({start})."),
            end=result.council_ended_at.isoformat(sep=" ", timespec="minutes"),
            start=held.isoformat(sep=" ", timespec="minutes"),
        )
    return result


def set_details(
    workspace: Workspace, assessment_id: int, details: DossierDetails
) -> DossierDetails:
    """Validate and store the details (drafts and finalised assessments alike); audited on the
    assessment's chain as `set_dossier_details` with the old and new documents. Storing the same
    details again changes nothing."""
    with workspace.database.transaction() as session:
        repo = Repository(session)
        row = require_assessment(repo, assessment_id)
        clean_details = normalise(details, row.year)
        new = to_json(clean_details)
        stored = repo.dossier_document(row.id)
        old = stored.document if stored is not None else None
        if old != new:
            now = workspace.clock()
            repo.set_dossier_document(row.id, new, now, workspace.actor)
            repo.append_audit(
                row.uid,
                now,
                workspace.actor,
                "set_dossier_details",
                f"dossier:{row.uid}",
                old,
                new,
                assessment=row,
            )
        return details_in(repo, row)
