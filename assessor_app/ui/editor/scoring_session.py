"""What the editor knows about its assessment, without any widget: the detail read from the
services, the stored figures, and the live preview of the score with one typed figure laid over them.

Saves run on the write queue (off the GUI thread), so a figure has three states: `stored` (the store
confirmed it), `pending` (sent, not yet confirmed; the latest per indicator, with its ticket) and
`unsaved` (refused because the store was busy or full: kept, and sent again at the next edit or
flush). The screen shows the newest of the three.
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
    sources: dict[str, str] = field(default_factory=dict)  # indicator → data source
    pending: dict[str, Value | None] = field(default_factory=dict)
    tickets: dict[str, int] = field(default_factory=dict)  # the latest save sent per indicator
    unsaved: dict[str, Value | None] = field(default_factory=dict)
    _last_preview: tuple[object, ScoreResult] | None = field(default=None, repr=False)

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
            sources=dict(detail.sources),
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

    def value_of(self, code: str) -> Value | None:
        """What the screen shows for `code`: the unsaved, else the pending, else the stored figure."""
        for layer in (self.unsaved, self.pending):
            if code in layer:
                return layer[code]
        return self.stored.get(code)

    def current_values(self) -> dict[str, Value]:
        values = dict(self.stored)
        for layer in (self.pending, self.unsaved):
            for code, value in layer.items():
                if value is None:
                    values.pop(code, None)
                else:
                    values[code] = value
        return values

    # --- scores
    def preview(self, code: str | None = None, value: Value | None = None) -> ScoreResult:
        """The score of the figures shown (stored, pending or unsaved), with `value` for `code`
        instead (None: as if `code` had no figure)."""
        values = self.current_values()
        if code is not None:
            if value is None:
                values.pop(code, None)
            else:
                values[code] = value
        # One keystroke asks for the same score several times (the panel, the tree, the header,
        # the verdict, then the save): the last one is kept and reused while nothing changed.
        key = (self.catalogue.content_hash, self.category, tuple(sorted(values.items())))
        if self._last_preview is None or self._last_preview[0] != key:
            result = assessments.preview_score(self.catalogue, self.category, values)
            self._last_preview = (key, result)
        return self._last_preview[1]

    @staticmethod
    def indicator_score(result: ScoreResult, code: str) -> IndicatorScore:
        return next(s for s in result.indicators if s.code == code)

    # --- saving
    def send(self, code: str, value: Value | None, ticket: int) -> None:
        """`value` was put on the write queue as save number `ticket`."""
        self.unsaved.pop(code, None)
        self.pending[code] = value
        self.tickets[code] = ticket

    def settle(self, code: str, ticket: int) -> bool:
        """Save `ticket` of `code` finished; True when it was the latest one sent for `code`."""
        if self.tickets.get(code) != ticket:
            return False
        del self.tickets[code]
        self.pending.pop(code, None)
        return True

    def carry_over(self, old: ScoringSession) -> None:
        """A reload replaces the session: saves still on the queue and unsaved figures stay."""
        self.pending, self.tickets = old.pending, old.tickets
        if self.editable:
            self.unsaved = old.unsaved

    # --- after a change was stored
    def stored_value(self, code: str, value: Value | None, summary: AssessmentSummary) -> None:
        if value is None:
            self.stored.pop(code, None)
        else:
            self.stored[code] = value
        self.detail = replace(self.detail, summary=summary)

    def set_summary(self, summary: AssessmentSummary) -> None:
        self.detail = replace(self.detail, summary=summary)
