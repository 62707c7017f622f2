"""From the store to the appraisal report (reports/appraisal.py): per commune of an evaluation year,
the commune's own assessment (kind "self") beside the office's (kind "review"; the team's
inspection, kind "team", when there is no review, and the report says so).

Of each kind the assessment chosen is a finalised one before a draft, then the highest revision,
then the latest made. Every commune of the report must belong to one appraising body: before the
2025 reform one district (its labour office appraises), after it the province.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus
from assessor_app.domain.catalogue import Catalogue, UnitCategory
from assessor_app.domain.errors import N_, InputError, NotFoundError
from assessor_app.domain.evaluation import check_year, period
from assessor_app.domain.scoring import ScoreResult, score
from assessor_app.domain.text import clean
from assessor_app.domain.values import Value, parse_json
from assessor_app.reports import describe
from assessor_app.reports.appraisal import AppraisalData, AppraisedCommune, ComparedCriterion
from assessor_app.reports.model import IssuingBody, Letter, Signature
from assessor_app.reports.summary_model import ScopeLevel
from assessor_app.services.demo import store_is_demo
from assessor_app.services.dossier_details import ended_with_districts
from assessor_app.services.offices import issued_by, office_for_area
from assessor_app.services.procedures import regimes_in
from assessor_app.services.recognition_authorities import effective_authorities, standard_bases
from assessor_app.services.report_data import resolve_scope, scopes_in
from assessor_app.services.report_shaping import no_list, vietnam_time, without_type
from assessor_app.services.workspace import Workspace
from assessor_app.storage.records import AssessmentRecord, StoredUnit
from assessor_app.storage.repository import Repository
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, labels


@dataclass(frozen=True)
class Pair:
    """A commune's two assessments of a year: its own, and the one the office appraised with."""

    unit: StoredUnit
    own: AssessmentRecord | None
    appraised: AssessmentRecord


def _preference(row: AssessmentRecord) -> tuple[bool, int, int]:
    return (row.status is AssessmentStatus.FINALIZED, row.revision, row.id)


def pick(rows: Sequence[AssessmentRecord], kind: AssessmentKind) -> AssessmentRecord | None:
    """The assessment of `kind` that counts: finalised first, then the highest revision."""
    candidates = [row for row in rows if row.kind is kind]
    return max(candidates, key=_preference) if candidates else None


def _units_of_year(repo: Repository, year: int) -> list[StoredUnit]:
    listing = repo.unit_list_valid_on(period(year)[1])
    if listing is None:
        raise no_list(year)
    return repo.units_in_list(listing.code)


def _chosen_units(
    repo: Repository, year: int, communes: Sequence[str], unit: str | None
) -> tuple[list[StoredUnit], bool]:
    """The units of the report, and whether they were named one by one (then each must have an
    appraised assessment) or by their district or province (then those without are left out)."""
    units = _units_of_year(repo, year)
    if unit:
        scope = resolve_scope(repo, unit, year)
        if scope.level is ScopeLevel.DISTRICT:
            return [u for u in units if u.district_code == scope.code], False
        return units, False
    by_code = {u.code: u for u in units}
    chosen: list[StoredUnit] = []
    for code in dict.fromkeys(clean(c) for c in communes):
        if code not in by_code:
            raise NotFoundError(
                "APPRAISAL_UNKNOWN_COMMUNE",
                N_("There is no commune {code} in the unit list of {year}."),
                code=code,
                year=year,
            )
        chosen.append(by_code[code])
    if not chosen:
        raise InputError(
            "APPRAISAL_NO_COMMUNE", N_("Name at least one commune, or a district or the province.")
        )
    return chosen, True


def pairs_in(
    repo: Repository, year: int, communes: Sequence[str] = (), unit: str | None = None
) -> list[Pair]:
    """Each commune's own and appraised assessments of `year` (inside the caller's session)."""
    check_year(year)
    units, named = _chosen_units(repo, year, communes, unit)
    rows: dict[str, list[AssessmentRecord]] = {}
    for row in repo.assessment_records(year=year):
        rows.setdefault(row.commune_code, []).append(row)
    pairs: list[Pair] = []
    for stored in units:
        mine = rows.get(stored.code, [])
        appraised = pick(mine, AssessmentKind.REVIEW) or pick(mine, AssessmentKind.TEAM)
        if appraised is None:
            if named:
                raise NotFoundError(
                    "APPRAISAL_NOT_APPRAISED",
                    N_(
                        "{name} has no review or team inspection for {year}: there is nothing to appraise."
                    ),
                    name=stored.name,
                    year=year,
                )
            continue
        pairs.append(Pair(stored, pick(mine, AssessmentKind.SELF), appraised))
    if not pairs:
        raise NotFoundError(
            "APPRAISAL_NOTHING",
            N_("No commune there has a review or team inspection for {year}."),
            year=year,
        )
    return pairs


def scored(workspace: Workspace, repo: Repository, row: AssessmentRecord) -> ScoreResult:
    catalogue = workspace.catalogue_of(row.catalogue)
    values: dict[str, Value] = {}
    for code, value in sorted(repo.stored_values(row.id).items()):
        indicator = catalogue.indicator(code)
        if indicator is not None:
            values[code] = parse_json(indicator, value.value)
    return score(catalogue, UnitCategory(row.category), values)


def _title(catalogue: Catalogue, code: str) -> str:
    criterion = catalogue.criterion(code)
    return criterion.title_vi if criterion is not None else code


def _source_note(row: AssessmentRecord) -> str:
    state = labels.assessment_status(row.status, PAPER).lower()
    if row.kind is AssessmentKind.REVIEW:
        return f"Điểm thẩm định: kết quả thẩm định của cơ quan thẩm định ({state})."
    return (
        "Chưa có kết quả thẩm định: điểm thẩm định là kết quả kiểm tra của đoàn liên ngành "
        f"({state})."
    )


def _commune(workspace: Workspace, repo: Repository, pair: Pair, district: str) -> AppraisedCommune:
    appraised = scored(workspace, repo, pair.appraised)
    catalogue = workspace.catalogue_of(pair.appraised.catalogue)
    own = scored(workspace, repo, pair.own) if pair.own is not None else None
    own_points = {c.code: c.points for c in own.criteria} if own is not None else {}
    criteria = tuple(
        ComparedCriterion(
            code=c.code,
            title=_title(catalogue, c.code),
            max_points=c.max_points,
            self_points=own_points.get(c.code) if own is not None else None,
            appraised_points=c.points,
        )
        for c in appraised.criteria
    )
    return AppraisedCommune(
        code=pair.unit.code,
        name=pair.unit.name,
        district=district,
        source_note=_source_note(pair.appraised),
        criteria=criteria,
        self_total=own.total if own is not None else None,
        appraised_total=appraised.total,
        max_total=appraised.max_total,
        threshold=describe.threshold_for(catalogue, UnitCategory(pair.appraised.category)),
        recognized=appraised.recognized,
        reasons=describe.reasons_text(appraised),
    )


def _area(pairs: Sequence[Pair], with_districts: bool, province: str) -> str:
    """The one district of the communes (before the reform), else the province."""
    if not with_districts:
        return province
    districts = sorted({p.unit.district_name for p in pairs})
    if len(districts) > 1:
        raise InputError(
            "APPRAISAL_SEVERAL_DISTRICTS",
            N_(
                "The communes belong to several districts ({districts}); each district's office appraises its own: make one report per district."
            ),
            districts=", ".join(districts),
        )
    return districts[0]


def province_name(repo: Repository, year: int) -> str:
    return scopes_in(repo, year)[0].name


def appraisal_data(
    workspace: Workspace,
    year: int,
    communes: Sequence[str] = (),
    unit: str | None = None,
    number: str = "",
    day: date | None = None,
    signer: str = "",
    created: datetime | None = None,
) -> AppraisalData:
    """The appraisal report of `communes` (codes), or of every appraised commune of `unit` (a
    district's or the province's code), for evaluation year `year`. `number` ("12/BC-LĐTBXH";
    default the symbol alone, to be numbered when registered), `day` (default `created`'s day),
    `signer`: the report's frame; `created`: the PDF's date (None: `day`, else the time the last
    of the appraisals was finalised (or changed): a reprint of the same data gives the same bytes,
    and a past year's report is never dated the day it is printed)."""
    with workspace.database.reading() as session:
        repo = Repository(session)
        pairs = pairs_in(repo, year, communes, unit)
        moment = created or (
            datetime.combine(day, datetime.min.time())
            if day is not None
            else max(
                vietnam_time(p.appraised.finalized_at or p.appraised.updated_at) for p in pairs
            )
        )
        with_districts = ended_with_districts(repo, year)
        province = province_name(repo, year)
        area = _area(pairs, with_districts, province)
        district = area if with_districts else ""
        authorities = effective_authorities(regimes_in(repo), year, district, province)
        commune_rows = tuple(
            _commune(workspace, repo, pair, pair.unit.district_name if with_districts else "")
            for pair in pairs
        )
        catalogue = workspace.catalogue_of(pairs[0].appraised.catalogue)
        # In the name of this installation's office when the profile says it is the area's.
        office = office_for_area(repo, area)
        letter = Letter(
            issuer=IssuingBody(authorities.appraiser, parent=authorities.appraiser_parent),
            number=clean(number) or f"/{authorities.appraiser_symbol}",
            place=without_type(area),
            date=day or moment.date(),
            signature=Signature(authorities.appraiser_signer, clean(signer)),
            recipients=("Như trên", "Lưu: VT"),
            addressee=authorities.issuer,
        )
        if office is not None:
            letter = issued_by(letter, office)
            letter = replace(letter, number=clean(number) or letter.number)
        return AppraisalData(
            letter=letter,
            year=year,
            area=area,
            catalogue=describe.catalogue_info(catalogue),
            communes=commune_rows,
            created=moment,
            bases=standard_bases(catalogue.code),
            demo=store_is_demo(repo) or any(pair.appraised.demo for pair in pairs),
        )
