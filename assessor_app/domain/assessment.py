"""Assessment kinds, statuses and the rules that govern changes."""

from __future__ import annotations

import enum

from assessor_app.domain.errors import N_, InputError, StateError
from assessor_app.domain.text import REASON, checked_clean


class AssessmentKind(enum.StrEnum):
    SELF = "self"  # tự đánh giá, by the commune
    TEAM = "team"  # kiểm tra của đoàn liên ngành
    REVIEW = "review"  # thẩm định, by the reviewing office


class AssessmentStatus(enum.StrEnum):
    DRAFT = "draft"
    FINALIZED = "finalized"


class MemberRole(enum.StrEnum):
    LEAD = "lead"
    MEMBER = "member"
    SECRETARY = "secretary"


def require_editable(status: AssessmentStatus, assessment: int | str) -> None:
    """A finalised assessment is locked: changing it needs a reopen with a reason."""
    if status is AssessmentStatus.FINALIZED:
        raise StateError(
            "ASSESSMENT_FINALIZED",
            N_("Assessment {assessment} is finalised; reopen it with a reason before changing it."),
            assessment=assessment,
        )


def optional_reason(reason: str | None) -> str:
    """A reason that may be empty, cleaned and within the limit on reasons (TEXT_TOO_LONG)."""
    return checked_clean(reason or "", REASON)


def require_reason(reason: str | None) -> str:
    """A reason that must be given, cleaned and within the limit on reasons."""
    text = optional_reason(reason)
    if not text:
        raise InputError("REASON_REQUIRED", N_("A reason is required."))
    return text
