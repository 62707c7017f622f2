"""What services/appraisals.py hands to the CLI and the appraisal screen: plain records, no rows.

`AppraisalItem` is a line of the list of appraisals (`waiting`); `AppraisalView` is one appraisal
with its comparison, indicator by indicator (`show`): the submitted figures and points beside the
office's, whether they differ, and the office's comments on its own assessment (a returned one's
comments per indicator).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assessor_app.domain.appraisal import AppraisalState, AppraisalStep
from assessor_app.domain.assessment import AssessmentKind


@dataclass(frozen=True)
class AppraisalItem:
    """One assessment submitted to the office, and where its appraisal stands."""

    assessment_id: int  # the submitted assessment (the commune's own, or the team's)
    assessment_uid: str
    review_id: int | None  # the office's own assessment (kind review), once started
    commune_code: str
    commune_name: str
    year: int
    kind: AssessmentKind  # of the submitted assessment
    state: AppraisalState
    round: int  # 1, then one more each time a returned assessment comes back corrected
    since: str  # UTC time it reached this state (submitted: when it was imported)
    days: int  # whole days since then, by Vietnam's calendar
    submitted_total: int
    appraised_total: int | None  # the office's total (None before the appraisal started)
    demo: bool = False

    @property
    def waiting_on_office(self) -> bool:
        """Submitted or under appraisal: the office has to act (returned: the team has)."""
        return self.state in (AppraisalState.SUBMITTED, AppraisalState.UNDER_APPRAISAL)


@dataclass(frozen=True)
class ComparedIndicator:
    """One indicator of the comparison: the submitted figure and points beside the office's."""

    indicator: str
    criterion: str
    title_vi: str
    max_points: int
    submitted_value: Any  # the JSON form (domain/values.py `to_json`), None when not entered
    submitted_points: int | None
    appraised_value: Any
    appraised_points: int | None  # None before the appraisal started, or not entered
    comments: tuple[str, ...] = ()  # the office's comments on this indicator (a return's)
    title_en: str = ""  # the catalogue's English title, when it gives one (screens in English)

    @property
    def differs(self) -> bool:
        """The office's figure is not the submitted one (only once the office has its own)."""
        if self.appraised_points is None and self.appraised_value is None:
            return False
        return (self.submitted_value, self.submitted_points) != (
            self.appraised_value,
            self.appraised_points,
        )


@dataclass(frozen=True)
class AppraisalView:
    """One appraisal: its line, the comparison, the totals and verdicts, what may be done next."""

    item: AppraisalItem
    rows: tuple[ComparedIndicator, ...]
    submitted_recognized: bool
    appraised_recognized: bool | None
    steps: tuple[AppraisalStep, ...]  # the office's steps allowed now (domain/appraisal.py)
    reason: str = ""  # the reason of the last return or undo, as the office wrote it

    @property
    def differences(self) -> int:
        return sum(1 for row in self.rows if row.differs)
