"""From the store to the printed documents' input: `dossier_data` fills `DossierData` for one
assessment, `summary_data` fills `SummaryData` for a district or the province and one evaluation
year (docs/reports.md, "Where the data comes from"). The renderers in `assessor_app.reports` do the
rest; `services/reports.py` writes the files.

Everything here reads one snapshot of the store and is deterministic: the same store and the same
`created` give the same data (no clock is read when `created` is given, nothing iterates over an
unordered collection).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus
from assessor_app.domain.catalogue import Catalogue, UnitCategory
from assessor_app.domain.evaluation import catalogue_for_year, check_year, period
from assessor_app.domain.scoring import ScoreResult, score
from assessor_app.domain.units import UnitType
from assessor_app.domain.values import Value, parse_json
from assessor_app.reports import describe
from assessor_app.reports.model import (
    CatalogueInfo,
    Commune,
    DossierData,
    EvidenceItem,
    Letter,
)
from assessor_app.reports.summary_model import (
    CommuneResult,
    Exclusion,
    Scope,
    ScopeLevel,
    SummaryData,
    TrendPoint,
)
from assessor_app.services.assessments import require_assessment
from assessor_app.services.catalogue_preference import ranked_latest
from assessor_app.services.demo import assessment_is_demo, store_is_demo
from assessor_app.services.dossier_details import (
    details_in,
    ended_with_districts,
    printable_minutes,
    unit_context,
)
from assessor_app.services.dossier_provenance import provenance_in
from assessor_app.services.offices import issued_by, office_for_area
from assessor_app.services.recognition import revoked_codes
from assessor_app.services.report_details import details_in as report_details_in
from assessor_app.services.report_shaping import (
    Candidate,
    Choice,
    ListInfo,
    choose,
    demo_only,
    document_moment,
    letter_of,
    list_info,
    minutes_of,
    no_list,
    quarantine_map,
    scope_exists,
    scope_named,
    scopes_of,
    status_text,
    summary_letter,
)
from assessor_app.services.report_targets import targets_in
from assessor_app.services.summary_shaping import (
    cited_decision,
    cited_revocation,
    letter_with,
    plan_of,
    shortfall_rule,
    shortfalls_of,
    standard_in,
    summary_moment,
)
from assessor_app.services.workspace import Workspace
from assessor_app.storage.records import AssessmentRecord, StoredValue
from assessor_app.storage.repository import Repository
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, labels, provisional

# --- values and scores


def _values(catalogue: Catalogue, stored: Mapping[str, StoredValue]) -> dict[str, Value]:
    values: dict[str, Value] = {}
    for code, value in sorted(stored.items()):
        indicator = catalogue.indicator(code)
        if indicator is not None:
            values[code] = parse_json(indicator, value.value)
    return values


def _scored(
    workspace: Workspace,
    repo: Repository,
    row: AssessmentRecord,
    stored: Mapping[str, StoredValue] | None = None,
) -> tuple[Catalogue, dict[str, Value], ScoreResult]:
    """The assessment scored from its stored values (read here unless given: a summary reads
    every commune's at once)."""
    catalogue = workspace.catalogue_of(row.catalogue)
    values = _values(catalogue, repo.stored_values(row.id) if stored is None else stored)
    return catalogue, values, score(catalogue, UnitCategory(row.category), values)


# --- the dossier


def _appraisal(workspace: Workspace, repo: Repository, row: AssessmentRecord) -> ScoreResult | None:
    """The office's appraisal of the assessment: the last assessment of kind "review" of the same
    commune and year with the same catalogue (finalised ones first); None for a review itself."""
    if row.kind is AssessmentKind.REVIEW:
        return None
    reviews = [
        r
        for r in repo.assessment_records(year=row.year)
        if r.kind is AssessmentKind.REVIEW
        and r.commune_code == row.commune_code
        and r.catalogue.content_hash == row.catalogue.content_hash
    ]
    if not reviews:
        return None
    chosen = max(reviews, key=lambda r: (r.status is AssessmentStatus.FINALIZED, r.id))
    return _scored(workspace, repo, chosen)[2]


def dossier_data(
    workspace: Workspace, assessment_id: int, created: datetime | None = None
) -> DossierData:
    """Everything the dossier of one assessment prints, from one snapshot of the store.

    `created` is the dossier's date (the PDF's creation date): None takes it from the data (the
    letter's date, else the assessment's finalisation or last change: `document_moment`), so a
    reprint of the same data gives the same bytes."""
    with workspace.database.reading() as session:
        repo = Repository(session)
        row = require_assessment(repo, assessment_id)
        catalogue, values, result = _scored(workspace, repo, row)
        category = UnitCategory(row.category)
        unit = unit_context(repo, row)
        details = details_in(repo, row)
        minutes = printable_minutes(row, details)
        comments: dict[str, list[str]] = {}
        for comment in repo.comment_records(row.id):
            comments.setdefault(comment.indicator, []).append(comment.text)
        evidence = tuple(
            EvidenceItem(e.filename, e.caption, e.sha256, e.indicator)
            for e in repo.evidence_links(row.id)
        )
        provenance = provenance_in(repo, row)
        demo = assessment_is_demo(repo, row)
        sources = {code: s.text for code, s in repo.sources(row.id).items()}
        appraisal = _appraisal(workspace, repo, row)
        moment = created or document_moment(details, row.finalized_at, row.updated_at)
        start, end = period(row.year)
        return DossierData(
            commune=Commune(
                code=row.commune_code,
                name=unit.name,
                unit_type=labels.unit_type(unit.unit_type, PAPER),
                province=unit.province_name,
                district=unit.district_name if ended_with_districts(repo, row.year, unit) else "",
                category=describe.category_text(category),
            ),
            year=row.year,
            period_start=start,
            period_end=end,
            catalogue=describe.catalogue_info(catalogue),
            letter=letter_of(details, result.recognized and not minutes.missing, row.year),
            criteria=describe.criterion_rows(
                catalogue, values, result, sources, appraisal, comments
            ),
            total=result.total,
            max_total=result.max_total,
            threshold=describe.threshold_for(catalogue, category),
            recognized=result.recognized,
            reasons=describe.reasons_text(result),
            explanations=describe.explanations(catalogue, values, sources, comments),
            minutes=None if minutes.missing else minutes_of(details, minutes.window),
            evidence=evidence,
            provenance=provenance,
            assessment_uid=row.uid,
            created=moment,
            assessment_kind=labels.assessment_kind(row.kind, PAPER),
            demo=demo,
            minutes_missing=minutes.missing,
            appraised_total=appraisal.total if appraisal is not None else None,
            draft=row.status != AssessmentStatus.FINALIZED,
        )


# --- the summary: scope and units


def _list_info(repo: Repository, year: int) -> ListInfo | None:
    """The unit list of a year: the one valid on 31 October, the last day of the year."""
    listing = repo.unit_list_valid_on(period(year)[1])
    if listing is None:
        return None
    return list_info(listing.id, listing.code, repo.unit_list_document(listing.code) or "{}")


def resolve_scope(repo: Repository, unit_code: str, year: int) -> Scope:
    """The district or the province named by `unit_code` for evaluation year `year`."""
    check_year(year)
    info = _list_info(repo, year)
    if info is None:
        raise no_list(year)
    return scope_named(info, unit_code, year)


def scopes_in(repo: Repository, year: int) -> tuple[Scope, ...]:
    """What a summary of evaluation year `year` can cover, exactly as `resolve_scope` accepts it:
    the province of the unit list valid at the year's end, then that list's districts by code
    when the year ended before districts were abolished (a list from 1 July 2025 has none).
    UNITS_NONE_ON_DATE when no unit list is valid then."""
    check_year(year)
    info = _list_info(repo, year)
    if info is None:
        raise no_list(year)
    return scopes_of(info)


@dataclass(frozen=True)
class _Unit:
    code: str
    name: str
    unit_type: UnitType
    district_name: str


def _units_in_scope(
    repo: Repository, scope: Scope, year: int, lists: dict[int, list[_Unit]] | None = None
) -> list[_Unit] | None:
    """The communes of the scope in the list of `year`; None when the scope does not exist then.
    `lists` keeps each list's communes by list id: a trend reads the same list for many years."""
    info = _list_info(repo, year)
    if info is None or not scope_exists(info, scope):
        return None
    if lists is not None and info.list_id in lists:
        return lists[info.list_id]
    units = [
        _Unit(u.code, u.name, UnitType(u.unit_type), u.district_name)
        for u in repo.units_in_list(info.list_code)
        if scope.level is ScopeLevel.PROVINCE or u.district_code == scope.code
    ]
    if lists is not None:
        lists[info.list_id] = units
    return units


def communes_by_year(
    repo: Repository, scope: Scope, years: Iterable[int]
) -> dict[int, frozenset[str]]:
    """The codes of the scope's communes in the unit list of each year, as the summary counts
    them (none in a year the scope did not exist)."""
    lists: dict[int, list[_Unit]] = {}
    found: dict[int, frozenset[str]] = {}
    for year in years:
        units = _units_in_scope(repo, scope, year, lists)
        found[year] = frozenset(unit.code for unit in units or ())
    return found


# --- the summary: which assessment counts


def _facts(row: AssessmentRecord) -> Candidate:
    return Candidate(row.id, row.kind.value, row.status.value, row.revision, row.finalized_at)


def _by_commune(rows: Iterable[AssessmentRecord]) -> dict[str, list[AssessmentRecord]]:
    grouped: dict[str, list[AssessmentRecord]] = {}
    for row in rows:
        grouped.setdefault(row.commune_code, []).append(row)
    return grouped


# --- the summary: catalogue


def _summary_catalogue(
    workspace: Workspace, repo: Repository, counted: Sequence[AssessmentRecord], year: int
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
        main = catalogue_for_year(_latest_catalogues(workspace, repo), year)
    info = describe.catalogue_info(main)
    parts = list(info.provisional_parts)
    for catalogue in used.values():
        named = provisional.part_names(catalogue, PAPER)
        parts += [p for p in named if p not in parts]
    return CatalogueInfo(
        info.code,
        info.version,
        info.title,
        info.legal_basis,
        tuple(parts),
        info.content_hash,
    )


# --- the summary


@dataclass(frozen=True)
class _YearResult:
    units: list[_Unit]
    choices: dict[str, Choice[AssessmentRecord]]  # commune code → choice, in unit order
    assessed: bool  # some commune of the scope has an assessment that year


def _year_result(
    repo: Repository,
    scope: Scope,
    year: int,
    held: Mapping[tuple[str, int], list[str]],
    reviewed_only: bool,
    lists: dict[int, list[_Unit]] | None = None,
) -> _YearResult | None:
    units = _units_in_scope(repo, scope, year, lists)
    if units is None:
        return None
    records = repo.assessment_records(include_deleted=True, year=year)
    # A real store never counts demo data, however it got there (defence in depth: export and
    # import refuse it); a commune with only demo data says so. A demo store counts its own.
    real = not store_is_demo(repo)
    sample = {r.commune_code for r in records if r.demo and real}
    rows = _by_commune([r for r in records if not (r.demo and real)])
    choices = {
        u.code: demo_only(
            choose(rows.get(u.code, []), _facts, held.get((u.code, year), []), reviewed_only),
            u.code in sample,
        )
        for u in units
    }
    return _YearResult(units, choices, any(u.code in rows for u in units))


def _latest_catalogues(workspace: Workspace, repo: Repository) -> list[Catalogue]:
    """The catalogue of each code that speaks for it, most preferred first (a tie of dates goes
    to the first: services/catalogue_preference.py)."""
    return ranked_latest(workspace, repo.catalogue_records())


def _trend(
    repo: Repository,
    scope: Scope,
    held: Mapping[tuple[str, int], list[str]],
    reviewed_only: bool,
    catalogues: Sequence[Catalogue],
    current: TrendPoint,
) -> tuple[TrendPoint, ...]:
    """Every year with an assessment of a commune of the scope (which existed then), and the
    report's own year; each with the standard in force for it, so the series can be told apart."""
    trend = [current]
    lists: dict[int, list[_Unit]] = {}
    for trend_year in repo.assessment_years():
        if trend_year == current.year:
            continue
        outcome = _year_result(repo, scope, trend_year, held, reviewed_only, lists)
        if outcome is None or not outcome.assessed:
            continue  # the scope did not exist, or none of its communes was assessed
        chosen = [c.counted for c in outcome.choices.values() if c.counted is not None]
        revoked = revoked_codes(repo, trend_year)
        trend.append(
            TrendPoint(
                trend_year,
                len(outcome.units),
                len(chosen),
                sum(1 for r in chosen if r.recognized and r.commune_code not in revoked),
                standard_in(catalogues, trend_year),
            )
        )
    return tuple(sorted(trend, key=lambda point: point.year))


def _issued(repo: Repository, scope: Scope, with_districts: bool, day: date) -> Letter:
    """The summary's default frame, in the name of this installation's office when the profile
    says it is the office of the scope (services/offices.py)."""
    default = summary_letter(scope, with_districts, day)
    return issued_by(default, office_for_area(repo, scope.name))


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
    out as not reviewed. `created`: the report's date (None: the date the office entered, else the day the report is
    due: `summary_shaping.summary_moment`, never the day it is printed). What the
    office set for this scope and year (services/report_details.py) goes over the defaults."""
    with workspace.database.reading() as session:
        repo = Repository(session)
        scope = resolve_scope(repo, unit_code, year)
        details = report_details_in(repo, scope.code, year)
        moment = created or summary_moment(scope.level, year, details, workspace.today())
        held = quarantine_map(workspace, repo)
        current = _year_result(repo, scope, year, held, reviewed_only)
        assert current is not None  # resolve_scope checked the scope exists this year
        with_districts = ended_with_districts(repo, year)
        with_district = scope.level is ScopeLevel.PROVINCE and with_districts
        communes: list[CommuneResult] = []
        excluded: list[Exclusion] = []
        counted: list[AssessmentRecord] = []
        revoked = revoked_codes(repo, year)  # a revoked recognition does not count
        scored: list[tuple[Catalogue, ScoreResult]] = []
        stored = repo.stored_values_of(
            c.counted.id for c in current.choices.values() if c.counted is not None
        )
        for unit in current.units:
            choice = current.choices[unit.code]
            row = choice.counted
            district = unit.district_name if with_district else ""
            if row is None:
                assert choice.reason is not None
                excluded.append(
                    Exclusion(unit.code, unit.name, choice.reason, choice.detail, district)
                )
                continue
            counted.append(row)
            catalogue, _, result = _scored(workspace, repo, row, stored[row.id])
            scored.append((catalogue, result))
            withdrawn = revoked.get(unit.code)
            communes.append(
                CommuneResult(
                    code=unit.code,
                    name=unit.name,
                    unit_type=labels.unit_type(unit.unit_type, PAPER),
                    total=result.total,
                    recognized=result.recognized and withdrawn is None,
                    status=status_text(row.kind.value, row.status.value, choice.held),
                    district=district,
                    revoked_by=cited_revocation(withdrawn),
                )
            )
        catalogues = _latest_catalogues(workspace, repo)
        this_year = TrendPoint(
            year,
            len(current.units),
            len(communes),
            sum(c.recognized for c in communes),
            standard_in([c for c, _ in scored] or catalogues, year),
        )
        return SummaryData(
            scope=scope,
            year=year,
            units_total=len(current.units),
            communes=tuple(communes),
            shortfalls=shortfalls_of(scored),
            targets=targets_in(repo),
            trend=_trend(repo, scope, held, reviewed_only, catalogues, this_year),
            excluded=tuple(excluded),
            catalogue=_summary_catalogue(workspace, repo, counted, year),
            letter=letter_with(_issued(repo, scope, with_districts, moment.date()), details),
            created=moment,
            demo=repo.meta("demo") == "1",
            plan=plan_of(scope, year, details),
            narrative=details.narrative,
            shortfall_rule=shortfall_rule([c for c, _ in scored] or catalogues),
            decision=cited_decision(repo, year, scope.code),
        )
