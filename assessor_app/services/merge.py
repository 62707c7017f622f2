"""Merging one incoming assessment document into the store (docs/bundle-format.md, "Merging").

`check_document` refuses a document that is not internally consistent (signed or not, a document is
never trusted; merge_check.py); `plan_assessment` works out, without writing anything, what merging
it would do (merge_plan.py); `apply_assessment` does it inside the importer's transaction
(merge_apply.py). Per indicator the decision is the three-way merge of `domain.versions.decide` over
the union of both histories; members, comments and evidence links merge as unions by uid (a removal
mark on either side wins); follow-up flags merge as a union; an explicit assignment is taken only
where the local side has none. The plan's data types are in merge_model.py.
"""

from __future__ import annotations

from assessor_app.services.merge_apply import ApplyContext, apply_assessment
from assessor_app.services.merge_check import check_document
from assessor_app.services.merge_model import (
    CONFLICT,
    INCOMING,
    KEEP,
    LOCAL,
    TAKE,
    AssessmentPlan,
    IndicatorMerge,
    Reason,
    Side,
    corrupt,
)
from assessor_app.services.merge_plan import plan_assessment

__all__ = [
    "CONFLICT",
    "INCOMING",
    "KEEP",
    "LOCAL",
    "TAKE",
    "ApplyContext",
    "AssessmentPlan",
    "IndicatorMerge",
    "Reason",
    "Side",
    "apply_assessment",
    "check_document",
    "corrupt",
    "plan_assessment",
]
