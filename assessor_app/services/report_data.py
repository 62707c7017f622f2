"""From the store to the printed documents' input: `dossier_data` fills `DossierData` for one
assessment, `summary_data` fills `SummaryData` for a district or the province and one evaluation
year (docs/reports.md, "Where the data comes from"). The renderers in `assessor_app.reports` do the
rest; `services/reports.py` writes the files.

Everything here reads one snapshot of the store and is deterministic: the same store and the same
`created` give the same data (no clock is read when `created` is given, nothing iterates over an
unordered collection).
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from assessor_app.bundles.keys import format_fingerprint
from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus
from assessor_app.domain.catalogue import Catalogue, UnitCategory
from assessor_app.domain.errors import N_, InputError, NotFoundError
from assessor_app.domain.evaluation import catalogue_for_year, check_year, period
from assessor_app.domain.scoring import ScoreResult, score
from assessor_app.domain.text import clean, nfc
from assessor_app.domain.units import UnitType
from assessor_app.domain.values import Value, parse_json
from assessor_app.i18n import gettext_in
from assessor_app.reports import describe
from assessor_app.reports.model import (
    CatalogueInfo,
    Commune,
    CouncilMember,
    CouncilMinutes,
    DossierData,
    EvidenceItem,
    IssuingBody,
    Letter,
    Provenance,
    Signature,
)
from assessor_app.reports.summary import (
    PLAN_TARGETS,
    CommuneResult,
    Exclusion,
    ExclusionReason,
    Scope,
    ScopeLevel,
    Shortfall,
    SummaryData,
    Target,
    TrendPoint,
)
from assessor_app.services import keys
from assessor_app.services.assessments import assessment_row
from assessor_app.services.dossier_details import (
    ROLE_CHAIR,
    ROLE_MEMBER,
    ROLE_SECRETARY,
    DossierDetails,
    before_reform,
    details_in,
    unit_context,
    vietnam_time,
    without_type,
)
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import Repository
from assessor_app.storage.schema import AssessmentRow, QuarantineRow, UnitListRow
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER
from assessor_app.texts import labels
from assessor_app.texts.documents import in_sentence

META_TARGETS = "plan_targets"  # JSON list of {"year": int, "percent": number}, set by the province
PROVINCE_CODE_LENGTH = 2
DISTRICT_CODE_LENGTH = 3
MAX_BUNDLE_JSON = 8 * 1024 * 1024  # reading a quarantined bundle's assessment documents

_KIND_RANK = {AssessmentKind.REVIEW.value: 0, AssessmentKind.TEAM.value: 1, "self": 2}
_FINALIZED = AssessmentStatus.FINALIZED.value


def now_in_vietnam(workspace: Workspace) -> datetime:
    return vietnam_time(workspace.clock())


# --- values and scores


def _values(catalogue: Catalogue, repo: Repository, row: AssessmentRow) -> dict[str, Value]:
    values: dict[str, Value] = {}
    for code, value_row in sorted(repo.values(row.id).items()):
        indicator = catalogue.indicator(code)
        if indicator is not None:
            values[code] = parse_json(indicator, json.loads(value_row.value_json))
    return values


def _scored(
    workspace: Workspace, repo: Repository, row: AssessmentRow
) -> tuple[Catalogue, dict[str, Value], ScoreResult]:
    catalogue = workspace.catalogue_of(row.catalogue)
    values = _values(catalogue, repo, row)
    return catalogue, values, score(catalogue, UnitCategory(row.category), values)


# --- the dossier


def _minutes(details: DossierDetails) -> CouncilMinutes | None:
    held = details.council_held_at
    if held is None:
        return None
    chair = details.council_chair
    members = [CouncilMember(chair, details.council_chair_position, ROLE_CHAIR)]
    members += [
        CouncilMember(m.name, m.position, m.role or ROLE_MEMBER, m.present)
        for m in details.council_members
        if m.name != chair
    ]
    secretary = details.council_secretary or next(
        (m.name for m in details.council_members if m.role == ROLE_SECRETARY), ""
    )
    if secretary and all(m.name != secretary for m in members):
        members.append(CouncilMember(secretary, "", ROLE_SECRETARY))
    return CouncilMinutes(
        held_at=held,
        place=details.council_place,
        members=tuple(members),
        chair=Signature(ROLE_CHAIR, chair),
        secretary=Signature(ROLE_SECRETARY, secretary),
        content=details.council_content,
        conclusion=details.council_conclusion,
        votes=details.council_votes,
        ended_at=details.council_ended_at,
        number=details.council_number,
    )


def letter_of(details: DossierDetails) -> Letter:
    return Letter(
        issuer=IssuingBody(details.issuer, details.issuer_parent),
        number=details.letter_number,
        place=details.place,
        date=details.letter_date,
        signature=Signature(details.signer_title, details.signer_name, details.signer_authority),
        recipients=details.recipients,
        addressee=details.addressee,
    )


def _key_at(repo: Repository, moment: str) -> str:
    """This installation's signing key at `moment` (rotations change it): the new key of the last
    rotation made at or before `moment`, else the first key."""
    rotations = sorted(keys.rotations_in(repo), key=lambda r: str(r.get("created", "")))
    current = repo.meta(keys.META_FINGERPRINT) or ""
    if not rotations:
        return current
    chosen = str(rotations[0].get("old_fingerprint", "")) or current
    for statement in rotations:
        if str(statement.get("created", "")) <= moment:
            chosen = str(statement.get("new_fingerprint", "")) or chosen
    return chosen


def provenance_in(repo: Repository, row: AssessmentRow) -> Provenance:
    """Where the assessment's data came from (docs/reports.md, "Where the data comes from")."""
    status = labels.review_status(row.kind, row.status, PAPER)
    imports = [e for e in repo.audit_entries(row.uid) if e.action == "import"]
    if imports:
        entry = imports[-1]
        bundle = str(entry.new.get("bundle", "")) if isinstance(entry.new, dict) else ""
        seen = repo.seen_bundle(bundle) if bundle else None
        fingerprint = seen.key_fingerprint if seen is not None else ""
        key = repo.trusted_key(fingerprint) if fingerprint else None
        return Provenance(
            bundle_id=bundle,
            manifest_hash=seen.manifest_hash if seen is not None else "",
            signer_name=key.owner if key is not None else "",
            signer_agency=key.agency if key is not None else "",
            key_fingerprint=format_fingerprint(fingerprint) if fingerprint else "",
            review_status=status,
            imported=vietnam_time(entry.at).date(),
        )
    for sent in reversed(repo.sent_bundles()):
        if sent.manifest_hash and row.uid in json.loads(sent.assessment_uids):
            fingerprint = _key_at(repo, sent.created_at)
            return Provenance(
                bundle_id=sent.bundle_id,
                manifest_hash=sent.manifest_hash,
                signer_name=repo.meta(keys.META_OWNER) or "",
                signer_agency=repo.meta(keys.META_AGENCY) or "",
                key_fingerprint=format_fingerprint(fingerprint) if fingerprint else "",
                review_status=status,
            )
    return Provenance(review_status=status)


def dossier_data(
    workspace: Workspace, assessment_id: int, created: datetime | None = None
) -> DossierData:
    """Everything the dossier of one assessment prints, from one snapshot of the store.

    `created` is the dossier's date (the PDF's creation date): None takes the workspace's clock
    (Vietnam time); give it to get the same bytes again."""
    moment = created if created is not None else now_in_vietnam(workspace)
    with workspace.database.reading() as session:
        repo = Repository(session)
        row = assessment_row(repo, assessment_id)
        catalogue, values, result = _scored(workspace, repo, row)
        category = UnitCategory(row.category)
        unit = unit_context(repo, row)
        details = details_in(repo, row)
        comments: dict[str, list[str]] = {}
        for comment in repo.comments(row.id):
            comments.setdefault(comment.indicator_code, []).append(comment.text)
        evidence = tuple(
            EvidenceItem(e.filename, e.caption, e.sha256, e.indicator_code)
            for e in repo.evidence(row.id)
        )
        provenance = provenance_in(repo, row)
        demo = repo.meta("demo") == "1"
        start, end = period(row.year)
        return DossierData(
            commune=Commune(
                code=row.commune_code,
                name=unit.name,
                unit_type=labels.unit_type(unit.unit_type, PAPER),
                province=unit.province_name,
                district=unit.district_name if before_reform(row.year) else "",
                category=describe.category_text(category),
            ),
            year=row.year,
            period_start=start,
            period_end=end,
            catalogue=describe.catalogue_info(catalogue),
            letter=letter_of(details),
            criteria=describe.criterion_rows(catalogue, values, result),
            total=result.total,
            max_total=result.max_total,
            threshold=describe.threshold_for(catalogue, category),
            recognized=result.recognized,
            reasons=describe.reasons_text(result),
            explanations=describe.explanations(catalogue, values, None, comments),
            minutes=_minutes(details),
            evidence=evidence,
            provenance=provenance,
            assessment_uid=row.uid,
            created=moment,
            assessment_kind=labels.assessment_kind(row.kind, PAPER),
            demo=demo,
        )


# --- plan targets


def stored_targets(repo: Repository) -> dict[int, float]:
    raw = repo.meta(META_TARGETS)
    if not raw:
        return {}
    try:
        items = json.loads(raw)
        return {int(item["year"]): float(item["percent"]) for item in items}
    except (KeyError, TypeError, ValueError):
        return {}


def targets_in(repo: Repository) -> tuple[Target, ...]:
    """The plan's targets (`PLAN_TARGETS`) and the later ones set in this store, by year."""
    merged = {t.year: t for t in PLAN_TARGETS}
    for year, percent in stored_targets(repo).items():
        merged[year] = Target(year, int(percent) if percent == int(percent) else percent)
    return tuple(merged[year] for year in sorted(merged))


# --- the summary: scope and units


@dataclass(frozen=True)
class _ListInfo:
    row: UnitListRow
    province_code: str
    province_name: str
    districts: dict[str, str]  # code → name


def _list_valid_on(repo: Repository, day: date) -> UnitListRow | None:
    chosen = None
    for listing in repo.unit_lists():  # ordered by valid_from: the newest valid list wins
        start = date.fromisoformat(listing.valid_from)
        end = date.fromisoformat(listing.valid_to) if listing.valid_to else None
        if start <= day and (end is None or day <= end):
            chosen = listing
    return chosen


def _list_info(repo: Repository, year: int) -> _ListInfo | None:
    """The unit list of a year: the one valid on 31 October, the last day of the year."""
    listing = _list_valid_on(repo, period(year)[1])
    if listing is None:
        return None
    document = json.loads(listing.document)
    province = document.get("province") or {}
    districts = {
        str(d["code"]): clean(str(d["name"]))
        for d in document.get("districts") or []
        if isinstance(d, dict) and "code" in d and "name" in d
    }
    return _ListInfo(
        listing, str(province.get("code", "")), clean(str(province.get("name", ""))), districts
    )


def _no_list(year: int) -> NotFoundError:
    return NotFoundError(
        "UNITS_NONE_ON_DATE",
        N_("No unit list is valid on {day}."),
        day=period(year)[1].isoformat(),
    )


def resolve_scope(repo: Repository, unit_code: str, year: int) -> Scope:
    """The district or the province named by `unit_code` for evaluation year `year`."""
    check_year(year)
    code = clean(unit_code)
    info = _list_info(repo, year)
    if info is None:
        raise _no_list(year)
    if code == info.province_code:
        return Scope(ScopeLevel.PROVINCE, info.province_name, code)
    if len(code) == DISTRICT_CODE_LENGTH and code.isdigit():
        if not before_reform(year):
            raise InputError(
                "REPORT_NO_DISTRICTS",
                N_(
                    "Districts were abolished on 1 July 2025: there is no district report for the evaluation year {year}. Use the province code {province}."
                ),
                year=year,
                province=info.province_code,
            )
        name = info.districts.get(code)
        if name is None:
            raise NotFoundError(
                "REPORT_UNKNOWN_DISTRICT",
                N_("There is no district {code} in the unit list of {year} ({unit_list})."),
                code=code,
                year=year,
                unit_list=info.row.code,
            )
        return Scope(ScopeLevel.DISTRICT, name, code, province=info.province_name)
    raise InputError(
        "REPORT_BAD_UNIT",
        N_(
            "'{code}' is not a unit to report on: give the province code {province} or, for evaluation years up to 2024, a district code of 3 digits."
        ),
        code=unit_code,
        province=info.province_code,
    )


def scopes_in(repo: Repository, year: int) -> tuple[Scope, ...]:
    """What a summary of evaluation year `year` can cover, exactly as `resolve_scope` accepts it:
    the province of the unit list valid at the year's end, then that list's districts by code
    when the year ended before districts were abolished (a list from 1 July 2025 has none).
    UNITS_NONE_ON_DATE when no unit list is valid then."""
    check_year(year)
    info = _list_info(repo, year)
    if info is None:
        raise _no_list(year)
    province = Scope(ScopeLevel.PROVINCE, info.province_name, info.province_code)
    if not before_reform(year):
        return (province,)
    districts = (
        Scope(ScopeLevel.DISTRICT, name, code, province=info.province_name)
        for code, name in sorted(info.districts.items())
    )
    return (province, *districts)


@dataclass(frozen=True)
class _Unit:
    code: str
    name: str
    unit_type: UnitType
    district_name: str


def _units_in_scope(repo: Repository, scope: Scope, year: int) -> list[_Unit] | None:
    """The communes of the scope in the list of `year`; None when the scope does not exist then."""
    info = _list_info(repo, year)
    if info is None:
        return None
    if scope.level is ScopeLevel.DISTRICT:
        if not before_reform(year) or scope.code not in info.districts:
            return None
    elif scope.code != info.province_code:
        return None
    return [
        _Unit(u.code, u.name, UnitType(u.unit_type), u.district_name)
        for u in repo.units_of(info.row.id)
        if scope.level is ScopeLevel.PROVINCE or u.district_code == scope.code
    ]


# --- the summary: quarantine


def _bundle_communes(path: Path) -> list[tuple[str, int]]:
    """(commune code, year) of each assessment in a kept bundle file, read without trusting it
    (only to say which commune a held bundle concerns); empty when it cannot be read."""
    found: list[tuple[str, int]] = []

    def read(archive: zipfile.ZipFile, name: str) -> Any:
        if archive.getinfo(name).file_size > MAX_BUNDLE_JSON:
            raise ValueError(name)
        return json.loads(archive.read(name).decode("utf-8"))

    try:
        with zipfile.ZipFile(path) as archive:
            index = read(archive, "bundle/data/bundle.json")
            for uid in index["assessments"]:
                document = read(archive, f"bundle/data/assessments/{uid}.json")
                found.append((str(document["commune_code"]), int(document["year"])))
    except (OSError, zipfile.BadZipFile, KeyError, TypeError, ValueError, UnicodeDecodeError):
        return []
    return found


def _held_communes(row: QuarantineRow) -> list[tuple[str, int]]:
    try:
        details = json.loads(row.details_json)
        items = details.get("assessments") or []
        found = [(str(a["commune"]["code"]), int(a["year"])) for a in items]
    except (AttributeError, KeyError, TypeError, ValueError):
        found = []
    return found or _bundle_communes(Path(row.stored_path))


def _held_reason(row: QuarantineRow) -> str:
    try:
        codes = [str(r.get("code", "")) for r in json.loads(row.reasons_json)]
    except (AttributeError, TypeError, ValueError):
        codes = []
    words = list(dict.fromkeys(labels.hold_reason(code, PAPER) for code in codes if code))
    head = gettext_in("bundle {bundle}", PAPER).format(bundle=row.bundle_id[:8])
    return f"{head}: {'; '.join(words)}" if words else head


def quarantine_map(repo: Repository) -> dict[tuple[str, int], list[str]]:
    """(commune code, year) → why each held bundle concerning it is held. A held bundle whose
    communes cannot be told (no details, unreadable file) concerns none."""
    held: dict[tuple[str, int], list[str]] = {}
    for row in repo.held_quarantine():
        reason = _held_reason(row)
        for key in dict.fromkeys(_held_communes(row)):
            held.setdefault(key, []).append(reason)
    return held


# --- the summary: which assessment counts


@dataclass(frozen=True)
class Choice:
    """The assessment that counts for one commune, or why the commune is left out."""

    counted: AssessmentRow | None
    reason: ExclusionReason | None = None
    detail: str = ""
    held: tuple[str, ...] = ()  # held bundles concerning the commune


def _kinds_text(rows: Iterable[AssessmentRow]) -> str:
    kinds = sorted({r.kind for r in rows}, key=lambda k: _KIND_RANK.get(k, 9))
    return labels.assessment_kinds(kinds, PAPER)


def not_assessed_detail() -> str:
    """Why a commune without any assessment is left out (the detail of "not finalised")."""
    return gettext_in("no assessment at all", PAPER)


def choose(
    rows: Sequence[AssessmentRow], held: Sequence[str], reviewed_only: bool = False
) -> Choice:
    """Prefer a finalised review, then a finalised team inspection, then a finalised
    self-assessment (with `reviewed_only`, reviews only); the newest revision of the kind."""
    finalised = [r for r in rows if r.status == _FINALIZED]
    eligible = [r for r in finalised if not reviewed_only or r.kind == AssessmentKind.REVIEW.value]
    if eligible:
        best = max(
            eligible,
            key=lambda r: (-_KIND_RANK.get(r.kind, 9), r.revision, r.finalized_at or "", r.id),
        )
        return Choice(best, held=tuple(held))
    if held:
        return Choice(None, ExclusionReason.QUARANTINED, "; ".join(held), tuple(held))
    drafts = [r for r in rows if r.status != _FINALIZED]
    if reviewed_only and finalised:
        if any(r.kind == AssessmentKind.REVIEW.value for r in drafts):
            detail = gettext_in("the review is still a draft", PAPER)
            return Choice(None, ExclusionReason.NOT_FINALISED, detail)
        detail = gettext_in("finalised: {kinds}", PAPER).format(kinds=_kinds_text(finalised))
        return Choice(None, ExclusionReason.NOT_REVIEWED, detail)
    if drafts:
        detail = gettext_in("still drafts: {kinds}", PAPER).format(kinds=_kinds_text(drafts))
        return Choice(None, ExclusionReason.NOT_FINALISED, detail)
    # Not assessed: the renderer's reasons have no "not assessed"; it is "not finalised" with
    # the detail saying there is no assessment at all (docs/reports.md).
    return Choice(None, ExclusionReason.NOT_FINALISED, not_assessed_detail())


def _by_commune(rows: Iterable[AssessmentRow]) -> dict[str, list[AssessmentRow]]:
    grouped: dict[str, list[AssessmentRow]] = {}
    for row in rows:
        grouped.setdefault(row.commune_code, []).append(row)
    return grouped


def _status_text(row: AssessmentRow, held: Sequence[str]) -> str:
    status = labels.review_status(row.kind, row.status, PAPER)
    if not held:
        return status
    return gettext_in("{status}; a bundle concerning it is held in quarantine", PAPER).format(
        status=status
    )


# --- the summary: catalogue, letter


def _summary_catalogue(
    workspace: Workspace, repo: Repository, counted: Sequence[AssessmentRow], year: int
) -> CatalogueInfo:
    """The catalogue most counted assessments used (else the one in force for the year), with
    the provisional parts of every catalogue used."""
    used: dict[str, Catalogue] = {}
    uses: dict[str, int] = {}
    for row in counted:
        catalogue = workspace.catalogue_of(row.catalogue)
        used.setdefault(catalogue.content_hash, catalogue)
        uses[catalogue.content_hash] = uses.get(catalogue.content_hash, 0) + 1
    if used:
        order = list(used)
        main = used[max(order, key=lambda h: (uses[h], -order.index(h)))]
    else:
        latest: dict[str, Catalogue] = {}
        for catalogue_row in repo.catalogues():  # by code and id: the newest of each code wins
            latest[catalogue_row.code] = workspace.catalogue_of(catalogue_row)
        main = catalogue_for_year(list(latest.values()), year)
    info = describe.catalogue_info(main)
    parts = list(info.provisional_parts)
    for catalogue in used.values():
        parts += [p for p in catalogue.provisional_parts() if p not in parts]
    return CatalogueInfo(
        info.code,
        info.version,
        info.title,
        info.legal_basis,
        tuple(parts),
        info.content_hash,
    )


def summary_letter(scope: Scope, year: int, day: date) -> Letter:
    """The report's frame: a district's people's committee (until 30/6/2025) reports to the
    province; the province's department (labour until 2024, health after) to its ministry."""
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
    if before_reform(year):
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


# --- the summary


@dataclass(frozen=True)
class _YearResult:
    units: list[_Unit]
    choices: dict[str, Choice]  # commune code → choice, in unit order


def _year_result(
    repo: Repository,
    scope: Scope,
    year: int,
    held: Mapping[tuple[str, int], list[str]],
    reviewed_only: bool,
) -> _YearResult | None:
    units = _units_in_scope(repo, scope, year)
    if units is None:
        return None
    rows = _by_commune(repo.assessments_of_year(year))
    choices = {
        u.code: choose(rows.get(u.code, []), held.get((u.code, year), []), reviewed_only)
        for u in units
    }
    return _YearResult(units, choices)


def summary_data(
    workspace: Workspace,
    unit_code: str,
    year: int,
    created: datetime | None = None,
    reviewed_only: bool = False,
) -> SummaryData:
    """The summary of a district (evaluation years up to 2024) or the province for `year`.

    `unit_code`: a district's 3-digit code or the province's ("20"). Communes in scope: the unit
    list valid on 31 October of `year`. Per commune the assessment that counts is chosen by
    `choose`; with `reviewed_only`, only finalised reviews count and the other communes are left
    out as not reviewed. `created`: the report's date (None: the clock, Vietnam time)."""
    moment = created if created is not None else now_in_vietnam(workspace)
    with workspace.database.reading() as session:
        repo = Repository(session)
        scope = resolve_scope(repo, unit_code, year)
        held = quarantine_map(repo)
        current = _year_result(repo, scope, year, held, reviewed_only)
        assert current is not None  # resolve_scope checked the scope exists this year
        with_district = scope.level is ScopeLevel.PROVINCE and before_reform(year)
        communes: list[CommuneResult] = []
        excluded: list[Exclusion] = []
        counted: list[AssessmentRow] = []
        shortfall_counts: dict[str, int] = {}
        shortfall_titles: dict[str, str] = {}
        for unit in current.units:
            choice = current.choices[unit.code]
            row = choice.counted
            if row is None:
                assert choice.reason is not None
                excluded.append(Exclusion(unit.code, unit.name, choice.reason, choice.detail))
                continue
            counted.append(row)
            catalogue, _, result = _scored(workspace, repo, row)
            communes.append(
                CommuneResult(
                    code=unit.code,
                    name=unit.name,
                    unit_type=labels.unit_type(unit.unit_type, PAPER),
                    total=result.total,
                    recognized=result.recognized,
                    status=_status_text(row, choice.held),
                    district=unit.district_name if with_district else "",
                )
            )
            for criterion in result.criteria:
                shortfall_titles.setdefault(
                    criterion.code, _criterion_title(catalogue, criterion.code)
                )
                shortfall_counts.setdefault(criterion.code, 0)
                if criterion.points < criterion.max_points:
                    shortfall_counts[criterion.code] += 1
        order = list(shortfall_counts)
        shortfalls = tuple(
            Shortfall(code, shortfall_titles[code], shortfall_counts[code])
            for code in sorted(order, key=lambda c: (-shortfall_counts[c], order.index(c)))
            if shortfall_counts[code] > 0
        )
        trend: list[TrendPoint] = []
        for trend_year in repo.assessment_years():
            if trend_year == year:
                continue
            outcome = _year_result(repo, scope, trend_year, held, reviewed_only)
            if outcome is None or not any(
                r.commune_code in outcome.choices for r in repo.assessments_of_year(trend_year)
            ):
                continue  # the scope did not exist, or none of its communes was assessed
            chosen = [c.counted for c in outcome.choices.values() if c.counted is not None]
            trend.append(
                TrendPoint(
                    trend_year,
                    len(outcome.units),
                    len(chosen),
                    sum(1 for r in chosen if r.recognized),
                )
            )
        trend.append(
            TrendPoint(year, len(current.units), len(communes), sum(c.recognized for c in communes))
        )
        trend.sort(key=lambda point: point.year)
        return SummaryData(
            scope=scope,
            year=year,
            units_total=len(current.units),
            communes=tuple(communes),
            shortfalls=shortfalls,
            targets=targets_in(repo),
            trend=tuple(trend),
            excluded=tuple(excluded),
            catalogue=_summary_catalogue(workspace, repo, counted, year),
            letter=summary_letter(scope, year, moment.date()),
            created=moment,
            demo=repo.meta("demo") == "1",
        )


def _criterion_title(catalogue: Catalogue, code: str) -> str:
    criterion = catalogue.criterion(code)
    return nfc(criterion.title_vi) if criterion is not None else code
