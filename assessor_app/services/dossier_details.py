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
from dataclasses import dataclass, replace

from assessor_app.core.messages import N_, Message
from assessor_app.domain.assessment import MemberRole
from assessor_app.domain.catalogue import Sector
from assessor_app.domain.errors import InputError
from assessor_app.domain.evaluation import period
from assessor_app.domain.text import clean, fold
from assessor_app.domain.units import UnitType, unit_type_from_name
from assessor_app.services.assessments import require_assessment
from assessor_app.services.dossier_checks import (
    AssessmentWindow,
    missing_from_minutes,
    normalise,
    outside_window,
    problems,
    window_for,
)
from assessor_app.services.dossier_document import (
    MINUTES_NUMBER,
    ROLE_CHAIR,
    ROLE_MEMBER,
    ROLE_SECRETARY,
    ROLE_STANDING,
    CouncilMemberDetails,
    DossierDetails,
    from_json,
    to_json,
)
from assessor_app.services.report_shaping import (
    committee_of,
    vietnam_time,
    without_type,
)
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.records import AssessmentRecord, StoredUnit
from assessor_app.storage.repository import Repository
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, labels
from assessor_app.texts.documents import in_sentence

# The document and its checks live in dossier_document and dossier_checks; the interfaces import
# them from here, where the details are read and stored.
__all__ = [
    "MINUTES_NUMBER",
    "ROLE_CHAIR",
    "ROLE_MEMBER",
    "ROLE_SECRETARY",
    "ROLE_STANDING",
    "AssessmentWindow",
    "CouncilMemberDetails",
    "DossierDetails",
    "MinutesContext",
    "PrintableMinutes",
    "UnitContext",
    "check_details",
    "default_details",
    "details_in",
    "from_json",
    "get_details",
    "minutes_context",
    "normalise",
    "printable_minutes",
    "set_details",
    "to_json",
    "unit_context",
    "vacant_seats",
]

# The council's seats as the standard has them (SECONDARY: QĐ 34/2014 as a 2014 legal Q&A quotes
# it, ../shared/reference/procedure-tt25-2014.md §3.1; the list goes on beyond the school heads
# and was not retrieved): the position ("{kind}" is the unit's type word), the role, and the team's
# agencies whose member takes the seat by default. The chair is the commune's chair or vice-chair.
_SEATS: tuple[tuple[str, str, tuple[Sector, ...]], ...] = (
    ("Công chức Văn hóa - Xã hội", ROLE_STANDING, (Sector.LABOUR_SOCIAL_AFFAIRS, Sector.CULTURE)),
    ("Trưởng Công an {kind}", ROLE_MEMBER, (Sector.POLICE,)),
    ("Công chức Tư pháp - Hộ tịch", ROLE_MEMBER, (Sector.JUSTICE,)),
    ("Trạm trưởng Trạm Y tế {kind}", ROLE_MEMBER, (Sector.HEALTH,)),
    ("Hiệu trưởng Trường Trung học cơ sở", ROLE_MEMBER, (Sector.EDUCATION,)),
    ("Hiệu trưởng Trường Tiểu học", ROLE_MEMBER, (Sector.EDUCATION,)),
    ("Hiệu trưởng Trường Mầm non", ROLE_MEMBER, (Sector.EDUCATION,)),
)
# What names each seat in a position as typed (compared without diacritics or case): a seat is
# taken when a member's position names it, whatever else the position says.
_SEAT_WORDS = ("văn hóa", "công an", "tư pháp", "y tế", "trung học cơ sở", "tiểu học", "mầm non")


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


def ended_with_districts(repo: Repository, year: int, fallback: UnitContext | None = None) -> bool:
    """Whether evaluation year `year` ended while districts still existed: the unit list in force on
    its last day names districts (a list from 1 July 2025 names none). Data, not a date in code:
    the unit lists say when the units changed. With no list in force then, the assessment's own
    unit (`fallback`) decides: it has a district or not."""
    listing = repo.unit_list_valid_on(period(year)[1])
    if listing is not None:
        return listing.district_count > 0
    return fallback is not None and bool(fallback.district_name)


def _type_word(unit_type: UnitType) -> str:
    return labels.unit_type(unit_type, PAPER).lower()


def _member_position(agency: str) -> str:
    try:
        return f"Cán bộ {labels.sector(Sector(agency), PAPER)}"
    except ValueError:
        return ""


@dataclass(frozen=True)
class _Council:
    chair: str
    secretary: str
    members: tuple[CouncilMemberDetails, ...]


def _default_council(repo: Repository, row: AssessmentRecord, kind: str) -> _Council:
    """The standard's seats, each taken by the first team member of its agencies (a seat nobody
    takes stays with an empty name: the dialog shows it to be filled, saving drops it); the
    team's member of the commune committee chairs; the team's secretary is the secretary; the
    other team members follow as members."""
    team = list(repo.team_members(row.id))
    chair = next((m for m in team if m.agency == Sector.COMMUNE_COMMITTEE), None)
    left = [m for m in team if m is not chair]
    members: list[CouncilMemberDetails] = []
    for position, role, agencies in _SEATS:
        taker = next((m for m in left if m.agency in agencies), None)
        if taker is not None:
            left.remove(taker)
            if taker.role == MemberRole.SECRETARY:
                role = ROLE_SECRETARY
        name = taker.name if taker is not None else ""
        members.append(CouncilMemberDetails(name, position.format(kind=kind), role))
    for member in left:
        role = ROLE_SECRETARY if member.role == MemberRole.SECRETARY else ROLE_MEMBER
        members.append(CouncilMemberDetails(member.name, _member_position(member.agency), role))
    secretary = next((m.name for m in members if m.role == ROLE_SECRETARY), "")
    return _Council(chair.name if chair is not None else "", secretary, tuple(members))


def _defaults(repo: Repository, row: AssessmentRecord) -> DossierDetails:
    unit = unit_context(repo, row)
    commune = in_sentence(unit.name)
    old = ended_with_districts(repo, row.year, unit) and bool(unit.district_name)
    superior = committee_of(unit.district_name) if old else committee_of(unit.province_name)
    office = (
        f"Phòng Lao động - Thương binh và Xã hội {in_sentence(unit.district_name)}"
        if old
        else f"Sở Y tế {in_sentence(unit.province_name)}"
    )
    kind = _type_word(unit.unit_type)
    stamp = row.finalized_at or row.updated_at
    council = _default_council(repo, row, kind)
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
        issuer_parent="",  # a people's committee has no parent line (NĐ 30/2020)
        letter_number="/TTr-UBND" if row.recognized else "/BC-UBND",
        place=without_type(unit.name),
        letter_date=vietnam_time(stamp).date(),
        signer_name="",
        signer_title="Chủ tịch",
        signer_authority="TM. Ủy ban nhân dân",
        addressee=superior,
        recipients=("Như trên", office, f"Thường trực Đảng ủy {kind}", "Lưu: VT"),
        council_place=f"Hội trường Ủy ban nhân dân {commune}",
        council_number=MINUTES_NUMBER,
        council_chair=council.chair,
        council_chair_position=f"Chủ tịch Ủy ban nhân dân {kind}",
        council_secretary=council.secretary,
        council_members=council.members,
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


def set_details(
    workspace: Workspace, assessment_id: int, details: DossierDetails
) -> DossierDetails:
    """Validate and store the details (drafts and finalised assessments alike); audited on the
    assessment's chain as `set_dossier_details` with the old and new documents. Storing the same
    details again changes nothing."""

    def _work(session: WriteSession) -> DossierDetails:
        repo = Repository(session)
        row = require_assessment(repo, assessment_id)
        clean_details = normalise(details, row.year, window_of(row))
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

    return workspace.database.run_in_transaction(_work)


# --- the minutes' checks for the interfaces and the printed dossier


def window_of(row: AssessmentRecord) -> AssessmentWindow | None:
    """The assessment window of the assessment's regime and year (None: the regime's data has
    none)."""
    return window_for(row.catalogue.code, row.year)


@dataclass(frozen=True)
class MinutesContext:
    """What the checks of an assessment's details depend on besides the details: its evaluation
    year and its regime's assessment window (None: the regime's data gives none, so the meeting's
    date is not checked against one)."""

    year: int
    window: AssessmentWindow | None
    regime: str


def minutes_context(workspace: Workspace, assessment_id: int) -> MinutesContext:
    with workspace.database.reading() as session:
        row = require_assessment(Repository(session), assessment_id)
        return MinutesContext(row.year, window_of(row), _legal_number(row))


def _legal_number(row: AssessmentRecord) -> str:
    """The regime as users know it ("06/QĐ-TTg"), else the catalogue's code."""
    try:
        return clean(str(json.loads(row.catalogue.document)["legal_basis"]["number"]))
    except (KeyError, TypeError, ValueError):
        return row.catalogue.code


def vacant_seats(details: DossierDetails) -> Message | None:
    """A warning, not a refusal, when the minutes leave seats of the standard's council empty
    (no member's position names them): the council may have met without them, but the reader
    should know. None when every seat is taken or there are no minutes."""
    if not details.has_minutes:
        return None
    positions = [fold(m.position) for m in details.council_roster()]
    empty = [
        position.replace(" {kind}", "")
        for (position, _role, _agencies), words in zip(_SEATS, _SEAT_WORDS, strict=True)
        if not any(fold(words) in taken for taken in positions)
    ]
    if not empty:
        return None
    return Message(
        "COUNCIL_SEATS_EMPTY",
        N_(
            "No council member holds these seats of the standard: {seats}. The minutes print without them; add them if they took part."
        ),
        {"seats": "; ".join(empty)},
    )


def check_details(context: MinutesContext, details: DossierDetails) -> list[InputError]:
    """Every problem `set_details` would refuse (the dialog shows them next to their fields as the
    user types; `set_details` raises the first)."""
    return problems(details, context.year, context.window)


@dataclass(frozen=True)
class PrintableMinutes:
    """The details as the dossier prints the minutes: `missing` names what keeps them from
    being printed (fields, "council_held_at" first when there is no date); `window` and
    `outside` say whether the date reason is printed."""

    details: DossierDetails
    missing: tuple[str, ...]
    window: AssessmentWindow | None
    outside: bool


def printable_minutes(row: AssessmentRecord, details: DossierDetails) -> PrintableMinutes:
    window = window_of(row)
    missing = missing_from_minutes(details, row.year, window)
    return PrintableMinutes(details, missing, window, outside_window(details, window))
