"""What the editor knows about its assessment, without any widget: the detail read from the
services, the stored figures, and the live preview of the score with one typed figure laid over them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from assessor_app.domain.assessment import AssessmentStatus
from assessor_app.domain.catalogue import Catalogue, Criterion, Indicator, UnitCategory
from assessor_app.domain.scoring import IndicatorScore, ScoreResult
from assessor_app.domain.values import Value
from assessor_app.services import assessments, assignments
from assessor_app.services.records import AssessmentDetail, AssessmentSummary, CommentRecord
from assessor_app.services.workspace import Workspace


@dataclass
class ScoringSession:
    detail: AssessmentDetail
    mine: set[str]
    stored: dict[str, Value] = field(default_factory=dict)
    follow_up: dict[str, bool] = field(default_factory=dict)
    comments: list[CommentRecord] = field(default_factory=list)

    @classmethod
    def load(cls, workspace: Workspace, assessment_id: int, person: str) -> ScoringSession:
        detail = assessments.detail(workspace, assessment_id)
        mine = assignments.criteria_of(workspace, assessment_id, person) if person else set()
        return cls.from_detail(detail, mine)

    @classmethod
    def from_detail(cls, detail: AssessmentDetail, mine: set[str]) -> ScoringSession:
        return cls(
            detail=detail,
            mine=mine,
            stored={code: record.value for code, record in detail.values.items()},
            follow_up=dict(detail.follow_up),
            comments=list(detail.comments),
        )

    # --- what it is
    @property
    def summary(self) -> AssessmentSummary:
        return self.detail.summary

    @property
    def catalogue(self) -> Catalogue:
        return self.detail.catalogue

    @property
    def category(self) -> UnitCategory:
        return self.summary.category

    @property
    def editable(self) -> bool:
        return self.summary.status is AssessmentStatus.DRAFT

    def indicator(self, code: str) -> Indicator:
        found = self.catalogue.indicator(code)
        assert found is not None, code
        return found

    def criterion(self, code: str) -> Criterion:
        found = self.catalogue.criterion(code)
        assert found is not None, code
        return found

    def comments_of(self, code: str) -> list[CommentRecord]:
        return [c for c in self.comments if c.indicator == code]

    # --- scores
    def preview(self, code: str | None = None, value: Value | None = None) -> ScoreResult:
        """The score of the stored figures, with `value` for `code` instead of the stored one
        (None: as if `code` had no figure)."""
        values = dict(self.stored)
        if code is not None:
            if value is None:
                values.pop(code, None)
            else:
                values[code] = value
        return assessments.preview_score(self.catalogue, self.category, values)

    @staticmethod
    def indicator_score(result: ScoreResult, code: str) -> IndicatorScore:
        return next(s for s in result.indicators if s.code == code)

    # --- after a change was stored
    def stored_value(self, code: str, value: Value | None, summary: AssessmentSummary) -> None:
        if value is None:
            self.stored.pop(code, None)
        else:
            self.stored[code] = value
        self.detail = replace(self.detail, summary=summary)

    def set_summary(self, summary: AssessmentSummary) -> None:
        self.detail = replace(self.detail, summary=summary)
