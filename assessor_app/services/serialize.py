"""The stable JSON forms printed by `--json` and `score` (documented in docs/cli.md).

Keys are only ever added, never renamed or removed, within a major version of the app.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from assessor_app import i18n
from assessor_app.domain.audit import ChainProblem
from assessor_app.domain.catalogue import (
    Catalogue,
    Condition,
    CountRule,
    Criterion,
    Indicator,
    ManualRule,
    RateRule,
    YesNoRule,
)
from assessor_app.domain.scoring import ScoreResult
from assessor_app.domain.values import to_json, to_text
from assessor_app.services.records import (
    AssessmentDetail,
    AssessmentSummary,
    AuditReport,
    CommentRecord,
    EvidenceRecord,
    MemberRecord,
)
from assessor_app.texts import messages

if TYPE_CHECKING:  # a command that prints a catalogue need not load assignments and audits
    from assessor_app.services.assignments import Assignment
    from assessor_app.services.audit_trail import StoreAudit
    from assessor_app.services.reference_data import UnitRecord


def number(value: Fraction) -> int | float:
    # JSON for programs, not text for people: 4 decimals of the exact value, as a number.
    return int(value) if value.denominator == 1 else round(float(value), 4)  # text-layer: JSON


def catalogue_summary(catalogue: Catalogue) -> dict[str, Any]:
    return {
        "code": catalogue.code,
        "version": catalogue.version,
        "title_vi": catalogue.title_vi,
        "legal_basis": catalogue.legal_basis.number,
        "effective_from": catalogue.effective_from.isoformat(),
        "effective_to": catalogue.effective_to.isoformat() if catalogue.effective_to else None,
        "max_total": catalogue.max_total,
        "content_hash": catalogue.content_hash,
        "status": catalogue.status.value,
        "criteria_count": len(catalogue.criteria),
        "provisional": catalogue.provisional_parts(),
    }


def rule(indicator: Indicator) -> dict[str, Any]:
    r = indicator.rule
    if isinstance(r, RateRule):
        return {
            "direction": r.direction.value,
            "scale": r.scale,
            "empty_denominator": r.empty_denominator,
            "otherwise_points": r.otherwise_points,
            "bands": [
                {
                    "threshold": number(b.threshold),
                    "inclusive": b.inclusive,
                    "points": b.points,
                    "status": b.provenance.status.value,
                }
                for b in r.bands
            ],
        }
    if isinstance(r, CountRule):
        return {
            "otherwise_points": r.otherwise_points,
            "bands": [
                {"max_count": b.max_count, "points": b.points, "status": b.provenance.status.value}
                for b in r.bands
            ],
        }
    if isinstance(r, YesNoRule):
        return {"points_yes": r.points_yes, "points_no": r.points_no}
    assert isinstance(r, ManualRule)
    return {"justification_required": True}


def indicator(item: Indicator) -> dict[str, Any]:
    return {
        "code": item.code,
        "title_vi": item.title_vi,
        "title_en": item.title_en,
        "kind": item.kind.value,
        "max_points": item.max_points,
        "status": item.effective_status.value,
        "source": item.provenance.source,
        "note": item.provenance.note,
        "rule": rule(item),
    }


def criterion(item: Criterion) -> dict[str, Any]:
    return {
        "code": item.code,
        "title_vi": item.title_vi,
        "title_en": item.title_en,
        "max_points": item.max_points,
        "sector": item.sector.value,
        "status": item.effective_status.value,
        "source": item.provenance.source,
        "note": item.provenance.note,
        "indicators": [indicator(i) for i in item.indicators],
    }


def condition(item: Condition) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item.id,
        "kind": item.kind.value,
        "title_vi": item.title_vi,
        "status": item.effective_status.value,
        "source": item.provenance.source,
    }
    if item.thresholds:
        data["thresholds"] = {
            category.value: {"min_total": value, "status": item.threshold_status[category].value}
            for category, value in item.thresholds.items()
        }
    if item.criterion:
        data["criterion"], data["min_points"] = item.criterion, item.min_points
    return data


def catalogue_full(catalogue: Catalogue) -> dict[str, Any]:
    return {
        **catalogue_summary(catalogue),
        "sources": list(catalogue.legal_basis.sources),
        "criteria": [criterion(c) for c in catalogue.criteria],
        "recognition": [condition(c) for c in catalogue.conditions],
    }


def score_result(result: ScoreResult) -> dict[str, Any]:
    return {
        "catalogue": result.catalogue,
        "catalogue_hash": result.catalogue_hash,
        "unit_category": result.category.value,
        "indicators": [
            {
                "code": s.code,
                "criterion": s.criterion,
                "points": s.points,
                "max_points": s.max_points,
                "assessed": s.assessed,
                "rate": number(s.rate) if s.rate is not None else None,
                "band": s.band,
                "status": s.status.value,
            }
            for s in result.indicators
        ],
        "criteria": [
            {
                "code": c.code,
                "points": c.points,
                "max_points": c.max_points,
                "assessed": c.assessed,
                "indicators": c.indicators,
                "status": c.status.value,
            }
            for c in result.criteria
        ],
        "total": result.total,
        "max_total": result.max_total,
        "recognized": result.recognized,
        "reasons": [
            {
                "condition": r.condition,
                "code": r.code,
                # the category in words; the JSON says "provisional" itself
                "message": messages.reason(r, i18n.language(), mark_provisional=False),
                "params": r.params,
                "provisional": r.provisional,
            }
            for r in result.reasons
        ],
        "provisional": list(result.provisional),
    }


def unit(record: UnitRecord) -> dict[str, Any]:
    return {
        "code": record.code,
        "name": record.name,
        "type": record.unit_type.value,
        "district_code": record.district_code or None,
        "district_name": record.district_name or None,
        "category": record.category.value,
        "category_is_default": record.category_is_default,
        "list": record.list_code,
        "valid_from": record.valid_from.isoformat(),
        "valid_to": record.valid_to.isoformat() if record.valid_to else None,
    }


def assessment_summary(summary: AssessmentSummary) -> dict[str, Any]:
    return {
        "id": summary.id,
        "uid": summary.uid,
        "commune": {
            "code": summary.commune_code,
            "name": summary.commune_name,
            "unit_list": summary.unit_list,
        },
        "year": summary.year,
        "kind": summary.kind.value,
        "status": summary.status.value,
        "catalogue": {
            "code": summary.catalogue_code,
            "version": summary.catalogue_version,
            "content_hash": summary.catalogue_hash,
        },
        "unit_category": summary.category.value,
        "total": summary.total,
        "recognized": summary.recognized,
        "created_at": summary.created_at,
        "created_by": summary.created_by,
        "updated_at": summary.updated_at,
        "finalized_at": summary.finalized_at,
        "revision": summary.revision,
        "demo": summary.demo,
    }


def assessment_detail(item: AssessmentDetail) -> dict[str, Any]:
    return {
        **assessment_summary(item.summary),
        "values": {
            code: {
                "value": to_json(v.value),
                "text": to_text(v.value),
                "entered_by": v.entered_by,
                "entered_at": v.entered_at,
            }
            for code, v in item.values.items()
        },
        "score": score_result(item.score),
        "members": [member(m) for m in item.members],
        "comments": [comment(c) for c in item.comments],
        "follow_up": sorted(code for code, flag in item.follow_up.items() if flag),
        "evidence": [evidence(e) for e in item.evidence],
        "sources": dict(sorted(item.sources.items())),
    }


def member(item: MemberRecord) -> dict[str, Any]:
    """A team member (`assessment show --json` members[], `team add|list --json`)."""
    return {"id": item.id, "name": item.name, "agency": str(item.agency), "role": str(item.role)}


def comment(item: CommentRecord) -> dict[str, Any]:
    return {
        "id": item.id,
        "indicator": item.indicator,
        "text": item.text,
        "author": item.author,
        "at": item.at,
    }


def evidence(item: EvidenceRecord) -> dict[str, Any]:
    """An evidence link (`assessment show --json` evidence[], `evidence add|list --json`)."""
    return {
        "id": item.id,
        "indicator": item.indicator,
        "sha256": item.sha256,
        "size": item.size,
        "filename": item.filename,
        "caption": item.caption,
        "added_by": item.added_by,
        "added_at": item.added_at,
    }


def assignment(item: Assignment) -> dict[str, Any]:
    """Who answers for a criterion (`team list --json` assignments[])."""
    return {
        "criterion": item.criterion,
        "member": item.member.id if item.member else None,
        "explicit": item.explicit,
    }


def audit_report(report: AuditReport) -> dict[str, Any]:
    return {
        "chain": report.chain,
        "intact": report.intact,
        "entries": [
            {
                "seq": e.seq,
                "at": e.at,
                "actor": e.actor,
                "action": e.action,
                "target": e.target,
                "old": e.old,
                "new": e.new,
                "reason": e.reason,
                "hash": e.hash,
            }
            for e in report.entries
        ],
        "problems": [problem_json(p) for p in report.problems],
        "signed_seq": report.signed_seq,
        "signed_by": report.signed_by or None,
        "unsigned": report.unsigned,
    }


def problem_json(problem: ChainProblem) -> dict[str, Any]:
    return {
        "seq": problem.seq,
        "code": problem.code,
        "message": i18n.render(problem),
        "params": problem.params,
    }


def store_audit(result: StoreAudit) -> dict[str, Any]:
    return {
        "intact": result.intact,
        "entries": result.entries,
        "chains": [
            {
                "chain": c.chain,
                "kind": c.kind,
                "entries": c.entries,
                "intact": c.intact,
                "problems": [problem_json(p) for p in c.problems],
                "signed_seq": c.signed_seq,
                "signed_by": c.signed_by or None,
                "unsigned": c.unsigned,
            }
            for c in result.chains
        ],
    }
