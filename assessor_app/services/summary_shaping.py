"""Shaping the summary report's input from plain values, without the store: which criteria a
commune does not meet (below the pass level the catalogue's recognition conditions set, not below
the maximum), what that means in words, the standard a year was assessed against, the plan the
report answers to, and the office's own number, date, signer and recipients over the defaults.
services/report_data.py reads the store and calls these; every function here is pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, time

from assessor_app.domain.catalogue import Catalogue, ConditionKind
from assessor_app.domain.errors import NotFoundError
from assessor_app.domain.evaluation import catalogue_for_year
from assessor_app.domain.scoring import ScoreResult
from assessor_app.domain.text import nfc
from assessor_app.reports.model import Letter, Signature
from assessor_app.reports.summary_model import (
    LATER_PLAN,
    SEED_PLAN,
    CitedDecision,
    PlanInfo,
    Scope,
    ScopeLevel,
    Shortfall,
)
from assessor_app.services.recognition import (
    RECOGNITION,
    REVOKED,
    Recognition,
    recognitions_in,
)
from assessor_app.services.report_details import ReportDetails
from assessor_app.services.report_shaping import criterion_title
from assessor_app.storage.repository import Repository
from assessor_app.texts import dates
from assessor_app.texts.documents import in_sentence

# The seed plan's targets run to 2020: later years answer to a later plan of the province.
SEED_PLAN_LAST_YEAR = 2020

# What each criterion-level recognition condition makes "not met", in words.
_RULE_WORDS = {
    ConditionKind.NO_CRITERION_ZERO: "bị 0 điểm",
    ConditionKind.ALL_INDICATORS_ASSESSED: "chưa được đánh giá đủ các chỉ tiêu",
    ConditionKind.CRITERION_MIN_POINTS: "có số điểm dưới mức tối thiểu quy định cho tiêu chí đó",
}


def not_met(catalogue: Catalogue, result: ScoreResult) -> set[str]:
    """The criteria a scored commune does not meet: each fails a recognition condition of the
    catalogue that bears on a criterion (no criterion at 0, every indicator assessed, a
    criterion's minimum)."""
    kinds = {c.kind for c in catalogue.conditions}
    minimum = {
        c.criterion: c.min_points
        for c in catalogue.conditions
        if c.kind is ConditionKind.CRITERION_MIN_POINTS
    }
    failed = set()
    for criterion in result.criteria:
        if (
            (ConditionKind.NO_CRITERION_ZERO in kinds and criterion.points == 0)
            or (ConditionKind.ALL_INDICATORS_ASSESSED in kinds and not criterion.complete)
            or criterion.points < minimum.get(criterion.code, 0)
        ):
            failed.add(criterion.code)
    return failed


def shortfalls_of(scored: Iterable[tuple[Catalogue, ScoreResult]]) -> tuple[Shortfall, ...]:
    """Per criterion, how many counted communes do not meet it and how many lost points on it;
    most often not met first (then most often below the maximum, then catalogue order); criteria
    nobody lost points on are omitted."""
    counts: dict[str, int] = {}
    below: dict[str, int] = {}
    titles: dict[str, str] = {}
    for catalogue, result in scored:
        failed = not_met(catalogue, result)
        for criterion in result.criteria:
            titles.setdefault(criterion.code, criterion_title(catalogue, criterion.code))
            counts.setdefault(criterion.code, 0)
            below.setdefault(criterion.code, 0)
            counts[criterion.code] += criterion.code in failed
            below[criterion.code] += criterion.points < criterion.max_points
    order = list(counts)
    return tuple(
        Shortfall(code, titles[code], counts[code], below[code])
        for code in sorted(order, key=lambda c: (-counts[c], -below[c], order.index(c)))
        if counts[code] or below[code]
    )


def shortfall_rule(catalogues: Sequence[Catalogue]) -> str:
    """What "not met" means for the catalogues used, in words ("bị 0 điểm hoặc chưa được đánh giá
    đủ các chỉ tiêu")."""
    kinds = [
        k for k in _RULE_WORDS if any(c.kind is k for cat in catalogues for c in cat.conditions)
    ]
    if not kinds:
        return "không đáp ứng một điều kiện công nhận đặt riêng cho tiêu chí (bộ tiêu chí không có điều kiện nào như vậy)"
    return " hoặc ".join(_RULE_WORDS[k] for k in kinds)


def standard_of(catalogue: Catalogue) -> str:
    """The standard as officials abbreviate it: "QĐ 34/2014/QĐ-TTg", "QĐ 06/QĐ-TTg"."""
    return f"QĐ {nfc(catalogue.legal_basis.number).strip()}"


def standard_in(catalogues: Sequence[Catalogue], year: int) -> str:
    """The standard in force for a year, abbreviated ("QĐ 06/QĐ-TTg"); empty when none is."""
    try:
        return standard_of(catalogue_for_year(catalogues, year))
    except NotFoundError:
        return ""


def plan_of(scope: Scope, year: int, details: ReportDetails) -> PlanInfo:
    """The plan the report answers to: the province's plan implementing QĐ 34/2014 (the seed
    plan; its copy carries no number or date) for years up to 2020, a later plan of the province
    after; the office's number, date and title over those."""
    province = in_sentence(scope.province or scope.name)
    default = SEED_PLAN if year <= SEED_PLAN_LAST_YEAR else LATER_PLAN
    title = details.plan_title or default.format(province=province)
    return PlanInfo(title, f"Ủy ban nhân dân {province}", details.plan_number, details.plan_date)


def cited_decision(repo: Repository, year: int, scope_code: str) -> CitedDecision | None:
    """The latest recognition decision recorded for the scope and year (services/decisions.py
    records them), as the summary cites it, with how many of its communes later decisions
    revoked (services/recognition.py)."""
    found = [r for r in repo.decision_records(year, scope_code) if r.kind == RECOGNITION]
    if not found:
        return None
    latest = found[-1]
    standing = recognitions_in(repo, year)
    named = [str(c["code"]) for c in latest.document.get("recognised", [])]
    revoked = sum(1 for code in named if _revoked_from(standing.get(code), latest.id))
    return CitedDecision(
        number=latest.number,
        day=date.fromisoformat(latest.decided_on),
        issuer=nfc(latest.authority),
        recognised=len(named),
        revoked=revoked,
    )


def _revoked_from(recognition: Recognition | None, decision_id: int) -> bool:
    """The recognition `decision_id` gave stands revoked."""
    if recognition is None or recognition.status != REVOKED or recognition.decision is None:
        return False
    return recognition.decision.id == decision_id


def cited_revocation(recognition: Recognition | None) -> str:
    """The decision that revoked a commune's recognition, as a document cites it ("Quyết định số
    130/QĐ-UBND ngày 20/12/2026"); empty when not revoked."""
    if recognition is None or recognition.revoked_by is None:
        return ""
    by = recognition.revoked_by
    return f"Quyết định số {by.number} ngày {dates.day(by.decided_on)}"


def letter_with(letter: Letter, details: ReportDetails) -> Letter:
    """The default frame with what the office set over it."""
    signature = Signature(
        details.signer_position or letter.signature.position,
        details.signer_name or letter.signature.name,
        details.signer_authority or letter.signature.authority,
    )
    return replace(
        letter,
        number=details.number or letter.number,
        date=details.day or letter.date,
        signature=signature,
        addressee=details.addressee or letter.addressee,
        recipients=details.recipients or letter.recipients,
    )


# Lạng Sơn's plan: districts report to the province by 30 November, the province to the ministry
# by 10 December.
DISTRICT_DEADLINE = (11, 30)
PROVINCE_DEADLINE = (12, 10)
REPORT_HOUR = time(8, 0)  # a document's date has no hour; the PDF's creation time needs one


def report_deadline(level: ScopeLevel, year: int) -> date:
    month, day = DISTRICT_DEADLINE if level is ScopeLevel.DISTRICT else PROVINCE_DEADLINE
    return date(year, month, day)


def summary_moment(level: ScopeLevel, year: int, details: ReportDetails, today: date) -> datetime:
    """The report's own date: the one the office entered, else the day it is due under the plan
    (or today, while that day is still ahead: a report is not dated in the future). A report of
    2016 printed in 2026 is dated in 2016, and a reprint after the due day gives the same bytes."""
    day = details.day or min(report_deadline(level, year), today)
    return datetime.combine(day, REPORT_HOUR)
