"""Shaping the printed documents' input from plain values, without the store: the council's minutes
and the letters' frames, the scope a summary covers, which assessment counts for a commune and
why one is left out, the criteria communes fall short on, and the wording of units and dates these
need. services/report_data.py reads the store and calls these; every function here is pure.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Generic, TypeVar

from assessor_app.bundles import peek
from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus
from assessor_app.domain.catalogue import Catalogue, Sector
from assessor_app.domain.errors import N_, InputError, NotFoundError
from assessor_app.domain.evaluation import period
from assessor_app.domain.exchange import QuarantineRecord
from assessor_app.domain.text import clean, nfc
from assessor_app.i18n import gettext_in
from assessor_app.reports.model import CouncilMember, CouncilMinutes, IssuingBody, Letter, Signature
from assessor_app.reports.summary_model import ExclusionReason, Scope, ScopeLevel
from assessor_app.services.dossier_checks import AssessmentWindow, outside_window
from assessor_app.services.dossier_document import (
    ROLE_CHAIR,
    ROLE_SECRETARY,
    DossierDetails,
)
from assessor_app.services.exchange_store import exchange
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import Repository
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, dates, labels
from assessor_app.texts.documents import in_sentence

DISTRICT_CODE_LENGTH = 3

_KIND_RANK = {AssessmentKind.REVIEW.value: 0, AssessmentKind.TEAM.value: 1, "self": 2}
_FINALIZED = AssessmentStatus.FINALIZED.value


# --- units and dates


def vietnam_time(stamp: str) -> datetime:
    """A stored UTC time stamp ("2026-11-28T20:47:03Z") as naive Vietnam local time (the text
    layer's clock rule); ValueError for text that is not a time stamp."""
    moment = dates.parse_stamp(stamp)
    if moment is None:
        raise ValueError(f"not a time stamp: {stamp!r}")
    return dates.local(moment)


def without_type(name: str) -> str:
    """A unit's name without its type word: "Xã Hữu Liên" → "Hữu Liên", "Thành phố Lạng Sơn" →
    "Lạng Sơn" (the địa danh of a place-and-date line)."""
    name = clean(name)
    for prefix in ("Thị trấn ", "Thành phố ", "Thị xã ", "Xã ", "Phường ", "Huyện ", "Tỉnh "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def agency_text(agency: str) -> str:
    """An agency as a document names it: a sector's code as the profile and keys store it
    ("labour_social_affairs") in words ("Ngành Lao động - Thương binh và Xã hội"), any other text
    as it is ("Ủy ban nhân dân xã Hữu Liên")."""
    try:
        sector = Sector(agency.strip())
    except ValueError:
        return clean(agency)
    words = labels.sector(sector, PAPER)
    return words if sector is Sector.COMMUNE_COMMITTEE else f"Ngành {words}"


def committee_of(unit_name: str) -> str:
    """ "Huyện Hữu Lũng" → "Ủy ban nhân dân huyện Hữu Lũng"."""
    return f"Ủy ban nhân dân {in_sentence(unit_name)}"


# --- the dossier: minutes and letter


def minutes_of(
    details: DossierDetails, window: AssessmentWindow | None = None
) -> CouncilMinutes | None:
    """The council's minutes as the dossier prints them: the roster (the chair first, the secretary
    added when not among the members: `DossierDetails.council_roster`), the vote counts, and the
    window with the reason when the council met outside it; None when the council has not met."""
    held = details.council_held_at
    if held is None:
        return None
    members = tuple(
        CouncilMember(m.name, m.position, m.role, m.present) for m in details.council_roster()
    )
    late = outside_window(details, window) and window is not None
    return CouncilMinutes(
        held_at=held,
        place=details.council_place,
        members=members,
        chair=Signature(ROLE_CHAIR, details.council_chair),
        secretary=Signature(ROLE_SECRETARY, details.secretary_name),
        content=details.council_content,
        conclusion=details.council_conclusion,
        votes_for=details.council_votes_for,
        votes_against=details.council_votes_against,
        ended_at=details.council_ended_at,
        number=details.council_number,
        window_start=window.start if late and window else None,
        window_end=window.end if late and window else None,
        date_reason=details.council_date_reason if late else "",
    )


_COMMITTEE = "ủy ban nhân dân"


def letter_of(details: DossierDetails, recognized: bool, year: int) -> Letter:
    """The frame of the dossier's first document as the commune gave it, with three corrections
    that keep it official: a people's committee prints no parent line (it has no cơ quan chủ quản
    in the document system: "ỦY BAN NHÂN DÂN / XÃ …"); a number still to be written in takes the
    symbol of the document's kind ("/TTr-UBND" for a tờ trình, "/BC-UBND" for a báo cáo); and a
    date nobody gave (the details were never saved) is left blank to be written in at signing,
    in the evaluation year `year`, rather than a day the software chose."""
    parent = "" if clean(details.issuer).lower().startswith(_COMMITTEE) else details.issuer_parent
    number = clean(details.letter_number)
    if number.startswith(("/TTr-", "/BC-")):
        symbol = "TTr" if recognized else "BC"
        number = f"/{symbol}-{number.split('-', 1)[1]}"
    return Letter(
        issuer=IssuingBody(details.issuer, parent),
        number=number,
        place=details.place,
        date=details.letter_date if details.stored else date(year, 11, 30),
        signature=Signature(details.signer_title, details.signer_name, details.signer_authority),
        recipients=details.recipients,
        addressee=details.addressee,
        dated=details.stored,
    )


def document_moment(details: DossierDetails, finalized_at: str | None, updated_at: str) -> datetime:
    """The time a dossier is dated by, from the data (a reprint of the same data gives the same
    bytes, whenever it is made): the letter's date when the commune gave it, else the time the
    assessment was finalised, else its last change (Vietnam time)."""
    if details.stored:
        return datetime.combine(details.letter_date, datetime.min.time())
    return vietnam_time(finalized_at or updated_at)


# --- the summary: scope


@dataclass(frozen=True)
class ListInfo:
    """What a summary needs of a unit list: its identity, its province and its districts."""

    list_id: int
    list_code: str
    province_code: str
    province_name: str
    districts: dict[str, str] = field(default_factory=dict)  # code → name


def list_info(list_id: int, list_code: str, document_json: str) -> ListInfo:
    """The province and the districts named by a stored unit list's document."""
    document = json.loads(document_json)
    province = document.get("province") or {}
    districts = {
        str(d["code"]): clean(str(d["name"]))
        for d in document.get("districts") or []
        if isinstance(d, dict) and "code" in d and "name" in d
    }
    return ListInfo(
        list_id,
        list_code,
        str(province.get("code", "")),
        clean(str(province.get("name", ""))),
        districts,
    )


def no_list(year: int) -> NotFoundError:
    return NotFoundError(
        "UNITS_NONE_ON_DATE",
        N_("No unit list is valid on {day}."),
        day=period(year)[1].isoformat(),
    )


def _district_scope(info: ListInfo, code: str, year: int) -> Scope:
    if not info.districts:
        raise InputError(
            "REPORT_NO_DISTRICTS",
            N_(
                "The unit list in force at the end of the evaluation year {year} ({unit_list}) has no districts (they were abolished on 1 July 2025): there is no district report. Use the province code {province}."
            ),
            year=year,
            unit_list=info.list_code,
            province=info.province_code,
        )
    name = info.districts.get(code)
    if name is None:
        raise NotFoundError(
            "REPORT_UNKNOWN_DISTRICT",
            N_("There is no district {code} in the unit list of {year} ({unit_list})."),
            code=code,
            year=year,
            unit_list=info.list_code,
        )
    return Scope(ScopeLevel.DISTRICT, name, code, province=info.province_name)


def scope_named(info: ListInfo, unit_code: str, year: int) -> Scope:
    """The district or the province named by `unit_code` in the unit list of evaluation year
    `year` (`info`)."""
    code = clean(unit_code)
    if code == info.province_code:
        return Scope(ScopeLevel.PROVINCE, info.province_name, code)
    if len(code) == DISTRICT_CODE_LENGTH and code.isdigit():
        return _district_scope(info, code, year)
    raise InputError(
        "REPORT_BAD_UNIT",
        N_(
            "'{code}' is not a unit to report on: give the province code {province} or, for evaluation years up to 2024, a district code of 3 digits."
        ),
        code=unit_code,
        province=info.province_code,
    )


def scopes_of(info: ListInfo) -> tuple[Scope, ...]:
    """What a summary can cover with the unit list `info` (the one in force at the end of the
    year), exactly as `scope_named` accepts it: the province, then the districts the list names by
    code (a list from 1 July 2025 names none)."""
    province = Scope(ScopeLevel.PROVINCE, info.province_name, info.province_code)
    if not info.districts:
        return (province,)
    districts = (
        Scope(ScopeLevel.DISTRICT, name, code, province=info.province_name)
        for code, name in sorted(info.districts.items())
    )
    return (province, *districts)


def scope_exists(info: ListInfo, scope: Scope) -> bool:
    """The scope is in the unit list `info` (a district only when the list names districts)."""
    if scope.level is ScopeLevel.DISTRICT:
        return scope.code in info.districts
    return scope.code == info.province_code


# --- the summary: which assessment counts


@dataclass(frozen=True)
class Candidate:
    """What choosing the assessment that counts reads of an assessment."""

    id: int
    kind: str
    status: str
    revision: int
    finalized_at: str | None


T = TypeVar("T")


@dataclass(frozen=True)
class Choice(Generic[T]):
    """The assessment that counts for one commune, or why the commune is left out."""

    counted: T | None
    reason: ExclusionReason | None = None
    detail: str = ""
    held: tuple[str, ...] = ()  # held bundles concerning the commune


def _kinds_text(rows: Iterable[Candidate]) -> str:
    kinds = sorted({r.kind for r in rows}, key=lambda k: _KIND_RANK.get(k, 9))
    return labels.assessment_kinds(kinds, PAPER)


def not_assessed_detail() -> str:
    """Why a commune without any assessment is left out (the detail of "not finalised")."""
    return gettext_in("no assessment at all", PAPER)


def _left_out(rows: Sequence[Candidate], reviewed_only: bool) -> tuple[ExclusionReason, str]:
    """Why a commune none of whose assessments counts is left out (no bundle is held)."""
    finalised = [r for r in rows if r.status == _FINALIZED]
    drafts = [r for r in rows if r.status != _FINALIZED]
    if reviewed_only and finalised:
        if any(r.kind == AssessmentKind.REVIEW.value for r in drafts):
            return ExclusionReason.NOT_FINALISED, gettext_in("the review is still a draft", PAPER)
        detail = gettext_in("finalised: {kinds}", PAPER).format(kinds=_kinds_text(finalised))
        return ExclusionReason.NOT_REVIEWED, detail
    if drafts:
        detail = gettext_in("still drafts: {kinds}", PAPER).format(kinds=_kinds_text(drafts))
        return ExclusionReason.NOT_FINALISED, detail
    # Not assessed: the renderer's reasons have no "not assessed"; it is "not finalised" with
    # the detail saying there is no assessment at all (docs/reports.md).
    return ExclusionReason.NOT_FINALISED, not_assessed_detail()


def choose(
    rows: Sequence[T],
    facts: Callable[[T], Candidate],
    held: Sequence[str],
    reviewed_only: bool = False,
) -> Choice[T]:
    """Prefer a finalised review, then a finalised team inspection, then a finalised
    self-assessment (with `reviewed_only`, reviews only); the newest revision of the kind.
    `facts` says what the choice reads of each of `rows`."""
    candidates = [(facts(row), row) for row in rows]
    eligible = [
        (c, row)
        for c, row in candidates
        if c.status == _FINALIZED and (not reviewed_only or c.kind == AssessmentKind.REVIEW.value)
    ]
    if eligible:
        _best, row = max(eligible, key=lambda item: _preference(item[0]))
        return Choice(row, held=tuple(held))
    if held:
        return Choice(None, ExclusionReason.QUARANTINED, "; ".join(held), tuple(held))
    reason, detail = _left_out([c for c, _row in candidates], reviewed_only)
    return Choice(None, reason, detail)


def demo_only(choice: Choice[T], had_demo: bool) -> Choice[T]:
    """A commune left out whose only assessments were demo data (dropped from a real store's
    summary) is left out for that, and the summary says so."""
    if choice.counted is not None or not had_demo or choice.held:
        return choice
    return Choice(None, ExclusionReason.DEMO)


def _preference(c: Candidate) -> tuple[int, int, str, int]:
    """The order of preference among finalised assessments: by kind, then the newest."""
    return -_KIND_RANK.get(c.kind, 9), c.revision, c.finalized_at or "", c.id


def status_text(kind: str, status: str, held: Sequence[str]) -> str:
    """The status of the assessment that counts, with a note when a bundle concerning it is
    held in quarantine."""
    words = labels.review_status(kind, status, PAPER)
    if not held:
        return words
    return gettext_in("{status}; a bundle concerning it is held in quarantine", PAPER).format(
        status=words
    )


# --- the summary: quarantine


def held_reason(bundle_id: str, reasons: Sequence[Any]) -> str:
    """Why a bundle is held, in words: "gói dữ liệu 1a2b3c4d: …"."""
    codes = [str(r.get("code", "")) for r in reasons if isinstance(r, dict)]
    words = list(dict.fromkeys(labels.hold_reason(code, PAPER) for code in codes if code))
    head = gettext_in("bundle {bundle}", PAPER).format(bundle=bundle_id[:8])
    return f"{head}: {'; '.join(words)}" if words else head


def held_communes(details: Mapping[str, Any]) -> list[tuple[str, int]]:
    """(commune code, year) of each assessment a quarantine record's details name; empty when
    they name none or cannot be read."""
    try:
        items = details.get("assessments") or []
        return [(str(a["commune"]["code"]), int(a["year"])) for a in items]
    except (AttributeError, KeyError, TypeError, ValueError):
        return []


# --- the summary: criteria and letter


def criterion_title(catalogue: Catalogue, code: str) -> str:
    criterion = catalogue.criterion(code)
    return nfc(criterion.title_vi) if criterion is not None else code


def summary_letter(scope: Scope, with_districts: bool, day: date) -> Letter:
    """The report's frame: a district's people's committee (while districts existed) reports to
    the province; the province's department to its ministry: labour while the year ended with
    districts (until 2024), health after (`with_districts`: the unit list in force at the end of the
    year names districts)."""
    if scope.level is ScopeLevel.DISTRICT:
        province = in_sentence(scope.province)
        return Letter(
            issuer=IssuingBody(f"Ủy ban nhân dân\n{in_sentence(scope.name)}"),
            number="/BC-UBND",
            place=without_type(scope.name),
            date=day,
            signature=Signature("Chủ tịch", "", "TM. Ủy ban nhân dân"),
            recipients=(
                "Như trên",
                f"Sở Lao động - Thương binh và Xã hội {province}",
                "Lưu: VT, LĐTBXH",
            ),
            addressee=f"Ủy ban nhân dân {province}",
        )
    province = in_sentence(scope.name)
    if with_districts:
        issuer, number, ministry = (
            "Sở Lao động - Thương binh và Xã hội",
            "/BC-SLĐTBXH",
            "Bộ Lao động - Thương binh và Xã hội",
        )
    else:
        issuer, number, ministry = "Sở Y tế", "/BC-SYT", "Bộ Y tế"
    return Letter(
        issuer=IssuingBody(issuer, parent=f"Ủy ban nhân dân {province}"),
        number=number,
        place=without_type(scope.name),
        date=day,
        signature=Signature("Giám đốc", ""),
        recipients=("Như trên", f"Ủy ban nhân dân {province} (b/c)", "Lưu: VT"),
        addressee=ministry,
    )


# --- the summary: quarantine


def _kept_file(workspace: Workspace, row: QuarantineRecord) -> Path:
    """A path to read a held bundle's kept copy from (a missing one is read as unreadable)."""
    if row.content_sha256 is None:
        return row.stored_path or Path()
    try:
        return workspace.evidence.readable_path(row.content_sha256)
    except (OSError, ValueError):
        return Path()


def quarantine_map(workspace: Workspace, repo: Repository) -> dict[tuple[str, int], list[str]]:
    """(commune code, year) → why each held bundle concerning it is held. A held bundle whose
    communes cannot be told (no details, unreadable file) concerns none."""
    held: dict[tuple[str, int], list[str]] = {}
    for row in exchange(workspace, repo).held_quarantine():
        reason = held_reason(row.bundle_id, row.reasons)
        # A record that does not name its communes: read them from the kept file, untrusted.
        communes = held_communes(row.details) or peek.assessed_communes(_kept_file(workspace, row))
        for key in dict.fromkeys(communes):
            held.setdefault(key, []).append(reason)
    return held
