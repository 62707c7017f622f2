"""The office's records (issues 12 and 14): recognition decisions and revocations, commendations,
appraisals, the plan's planned communes and budget, the province's word on the procedure and on
the table of unit merges. Same base and conventions as storage/schema.py, which imports this
module so that its metadata holds every table."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from assessor_app.storage.schema import Base, one_of

DECISION_SCOPES = ("district", "province")
DECISION_KINDS = ("recognition", "revocation")


class RecognitionDecisionRow(Base):
    """A recognition decision (Quyết định công nhận) as recorded by the office: its number, date,
    signer and authority, the evaluation year and scope, and in `document_json` the communes it
    recognises and those it does not with the reasons (services/decisions.py). Audited on the store
    chain. `kind` "revocation" (migration 0015): a later decision revoking the recognition of some
    communes for the year, citing the decision revoked in `document_json` (services/revocations.py);
    the revoked decision stays as it was. One table, so a number is taken once per scope and year
    whatever the kind."""

    __tablename__ = "recognition_decisions"
    __table_args__ = (
        UniqueConstraint("scope_code", "year", "number"),
        one_of("scope_level", DECISION_SCOPES),
        one_of("kind", DECISION_KINDS),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), server_default="recognition")
    number: Mapped[str] = mapped_column(String(64))
    decided_on: Mapped[str] = mapped_column(String(10))  # ISO date
    year: Mapped[int] = mapped_column(Integer, index=True)
    scope_level: Mapped[str] = mapped_column(String(16))
    scope_code: Mapped[str] = mapped_column(String(16))
    scope_name: Mapped[str] = mapped_column(Text)
    authority: Mapped[str] = mapped_column(Text)
    signer_name: Mapped[str] = mapped_column(Text)
    signer_position: Mapped[str] = mapped_column(Text)
    signer_authority: Mapped[str] = mapped_column(Text)
    document_json: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[str] = mapped_column(String(32))
    recorded_by: Mapped[str] = mapped_column(Text)


BUDGET_FUNDS = ("central", "local", "other")


class PlannedCommuneRow(Base):
    """A commune a unit (a district before the 2025 reform, the province) planned to bring to the
    standard in an evaluation year (services/plan_entries.py). `source` names the document the
    entry comes from; empty when entered here. Audited on the store chain."""

    __tablename__ = "plan_communes"
    __table_args__ = (UniqueConstraint("unit_code", "year", "commune_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(16))
    year: Mapped[int] = mapped_column(Integer, index=True)
    commune_code: Mapped[str] = mapped_column(String(16))
    commune_name: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[str] = mapped_column(String(32))
    recorded_by: Mapped[str] = mapped_column(Text)


class BudgetLineRow(Base):
    """A line of the plan's budget: a unit's funds from one source (central, local, other) for an
    evaluation year, or for the whole plan when `year` is None (the seed plan's 2.5 billion đồng:
    1.2 central, 1.3 local, shipped by migration 0016 with `source` "plan"). Amounts in whole đồng;
    None when not known. Audited on the store chain."""

    __tablename__ = "plan_budget"
    __table_args__ = (one_of("fund", BUDGET_FUNDS),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(16))
    year: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    fund: Mapped[str] = mapped_column(String(16))
    planned: Mapped[int | None] = mapped_column(Integer, nullable=True)
    spent: Mapped[int | None] = mapped_column(Integer, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[str] = mapped_column(String(32))
    recorded_by: Mapped[str] = mapped_column(Text)


class CommendationRow(Base):
    """A commendation (khen thưởng) as the plan provides for units and people with outstanding
    results: its decision (number, date, authority, signer), the form ("Bằng khen", "Giấy khen"),
    the year it rewards, the reason, and in `recipients_json` the communes (by code) and people
    (name, position, unit) it commends (services/commendations.py). Audited on the store chain."""

    __tablename__ = "commendations"
    __table_args__ = (UniqueConstraint("authority", "year", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64))
    decided_on: Mapped[str] = mapped_column(String(10))  # ISO date
    year: Mapped[int] = mapped_column(Integer, index=True)
    authority: Mapped[str] = mapped_column(Text)
    form: Mapped[str] = mapped_column(Text)
    signer_name: Mapped[str] = mapped_column(Text)
    signer_position: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    recipients_json: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[str] = mapped_column(String(32))
    recorded_by: Mapped[str] = mapped_column(Text)


APPRAISAL_STATES = (  # domain.appraisal.AppraisalState
    "submitted",
    "under_appraisal",
    "returned",
    "appraised",
    "recognised",
    "not_recognised",
)


class AppraisalRow(Base):
    """The office's appraisal of a submitted assessment: its REVIEW assessment (`review_id`, the
    office's own figures), the uid of the assessment it appraises, the state and the round (a new
    round each time a returned assessment comes back corrected). Each transition is an entry on
    the review's audit chain, so the state travels in bundles with the review (issue 14)."""

    __tablename__ = "appraisals"
    __table_args__ = (one_of("state", APPRAISAL_STATES),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="RESTRICT"), unique=True
    )
    appraises_uid: Mapped[str] = mapped_column(String(36), index=True)
    state: Mapped[str] = mapped_column(String(24))
    round: Mapped[int] = mapped_column(Integer, default=1)
    since: Mapped[str] = mapped_column(String(32))  # UTC time of the last transition


UNIT_MERGE_REVIEWS = ("confirmed", "corrected")  # domain.unit_merges.ReviewStatus (not unverified)


class UnitMergeReviewRow(Base):
    """A person's word on a row of the shipped table of unit merges (domain/unit_merges.py):
    confirmed as shipped, or corrected (the old commune's code, the unit it went into). A row
    without one is unverified. Audited on the store chain (services/unit_merges.py)."""

    __tablename__ = "unit_merge_reviews"
    __table_args__ = (one_of("status", UNIT_MERGE_REVIEWS),)
    row_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    corrected_old: Mapped[str | None] = mapped_column(String(8), nullable=True)
    corrected_new: Mapped[str | None] = mapped_column(String(8), nullable=True)
    reason: Mapped[str] = mapped_column(Text)
    reviewed_by: Mapped[str] = mapped_column(Text)
    reviewed_at: Mapped[str] = mapped_column(String(32))


PROCEDURE_FIELDS = ("actor", "due")


class ProcedureOverrideRow(Base):
    """A value of the shipped procedure the province set (services/procedures.py): who acts at a
    step (`item` the step's code) or the day a report is due (`item` the deadline's code, `value`
    MM-DD), for the period of the regime starting `period_from`, with the reason. Audited on the
    store chain."""

    __tablename__ = "procedure_overrides"
    __table_args__ = (one_of("field", PROCEDURE_FIELDS),)
    regime: Mapped[str] = mapped_column(String(32), primary_key=True)
    item: Mapped[str] = mapped_column(String(32), primary_key=True)
    period_from: Mapped[str] = mapped_column(String(10), primary_key=True)  # ISO date
    field: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    set_at: Mapped[str] = mapped_column(String(32))
    set_by: Mapped[str] = mapped_column(Text)
