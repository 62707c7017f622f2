"""Tables of the local store. Rows only: the domain types stay free of SQLAlchemy.

Timestamps are ISO 8601 UTC strings ("2026-11-28T20:47:03Z"): sortable, readable in any SQLite
browser, and identical once exported in a bundle.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints, so that Alembic batch migrations can alter them on SQLite.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def one_of(column: str, values: tuple[str, ...], nullable: bool = False) -> CheckConstraint:
    """A CHECK that `column` holds one of `values` (named after the column; migration 0007)."""
    listed = ", ".join(f"'{value}'" for value in values)
    condition = f"{column} IN ({listed})"
    if nullable:
        condition = f"{column} IS NULL OR {condition}"
    return CheckConstraint(condition, name=column)


# Every value the app writes into each state column (db/migrations/versions/0007 checks them).
ASSESSMENT_KINDS = ("self", "team", "review")  # domain.assessment.AssessmentKind
ASSESSMENT_STATUSES = ("draft", "finalized")  # domain.assessment.AssessmentStatus
MEMBER_ROLES = ("lead", "member", "secretary", "")  # MemberRole; "" from old bundles
KEY_VIAS = ("card", "rotation", "own")
KEY_ROLES = ("team", "office", "province", "")  # "": enrolled before roles existed
BUNDLE_OUTCOMES = ("accepted", "quarantined", "rejected")
SENT_STATUSES = ("reserved", "sent", "burnt")
QUARANTINE_STATUSES = ("held", "resolved", "rejected")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Meta(Base):
    """Store-wide settings: device id, the person using this installation..."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CatalogueRow(Base):
    __tablename__ = "catalogues"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[str] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title_vi: Mapped[str] = mapped_column(Text)
    document: Mapped[str] = mapped_column(Text)  # canonical JSON, hashed as is
    origin: Mapped[str] = mapped_column(String(16))  # shipped | imported | published
    loaded_at: Mapped[str] = mapped_column(String(32))


class UnitListRow(Base):
    __tablename__ = "unit_lists"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    title_vi: Mapped[str] = mapped_column(Text)
    valid_from: Mapped[str] = mapped_column(String(10))
    valid_to: Mapped[str | None] = mapped_column(String(10))
    content_hash: Mapped[str] = mapped_column(String(64))
    document: Mapped[str] = mapped_column(Text)
    loaded_at: Mapped[str] = mapped_column(String(32))
    units: Mapped[list[UnitRow]] = relationship(back_populates="unit_list")


class UnitRow(Base):
    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("list_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("unit_lists.id", ondelete="RESTRICT"))
    code: Mapped[str] = mapped_column(String(8), index=True)
    name: Mapped[str] = mapped_column(Text)
    search_key: Mapped[str] = mapped_column(Text)
    unit_type: Mapped[str] = mapped_column(String(16))
    district_code: Mapped[str] = mapped_column(String(8))
    district_name: Mapped[str] = mapped_column(Text)
    default_category: Mapped[str] = mapped_column(String(32))
    unit_list: Mapped[UnitListRow] = relationship(back_populates="units")


class UnitCategoryRow(Base):
    """A category corrected by the user for a commune code (codes survive renames)."""

    __tablename__ = "unit_categories"
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    category: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)
    set_by: Mapped[str] = mapped_column(Text)
    set_at: Mapped[str] = mapped_column(String(32))


class AssessmentRow(Base):
    __tablename__ = "assessments"
    __table_args__ = (one_of("kind", ASSESSMENT_KINDS), one_of("status", ASSESSMENT_STATUSES))
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)  # global id, used in bundles
    commune_code: Mapped[str] = mapped_column(String(8), index=True)
    commune_name: Mapped[str] = mapped_column(Text)
    unit_list_code: Mapped[str] = mapped_column(String(32))
    year: Mapped[int] = mapped_column(Integer, index=True)
    catalogue_id: Mapped[int] = mapped_column(ForeignKey("catalogues.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    category: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[str] = mapped_column(String(32))
    finalized_at: Mapped[str | None] = mapped_column(String(32))
    # Deleting only marks the row: its figures and audit chain stay in the store (nothing lost).
    deleted_at: Mapped[str | None] = mapped_column(String(32))
    revision: Mapped[int] = mapped_column(Integer, default=0)
    # Derived from the values, refreshed in the same transaction as every change: lists of a
    # province's ten years of assessments need them without rescoring each one.
    total: Mapped[int] = mapped_column(Integer, default=0)
    recognized: Mapped[bool] = mapped_column(Boolean, default=False)
    audit_count: Mapped[int] = mapped_column(Integer, default=0)
    audit_head: Mapped[str] = mapped_column(String(64))
    # Sample data (the demo store's, or a demo bundle's): never an official record. The mark is
    # per assessment, so it travels in bundles and documents; the store's meta "demo" says the
    # same of a whole demo store (services/demo.py decides from both).
    demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    catalogue: Mapped[CatalogueRow] = relationship()
    values: Mapped[list[IndicatorValueRow]] = relationship(back_populates="assessment")
    members: Mapped[list[TeamMemberRow]] = relationship(back_populates="assessment")


class TeamMemberRow(Base):
    __tablename__ = "team_members"
    __table_args__ = (one_of("role", MEMBER_ROLES),)
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)  # the same member in every store
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="RESTRICT"), index=True
    )
    name: Mapped[str] = mapped_column(Text)
    agency: Mapped[str] = mapped_column(String(32))
    role: Mapped[str] = mapped_column(String(16))
    added_at: Mapped[str] = mapped_column(String(32))
    removed_at: Mapped[str | None] = mapped_column(String(32))  # a mark, so removals merge too
    assessment: Mapped[AssessmentRow] = relationship(back_populates="members")


class IndicatorValueRow(Base):
    __tablename__ = "indicator_values"
    __table_args__ = (UniqueConstraint("assessment_id", "indicator_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="RESTRICT"))
    indicator_code: Mapped[str] = mapped_column(String(32))
    value_json: Mapped[str] = mapped_column(Text)
    entered_by: Mapped[str] = mapped_column(Text)
    entered_at: Mapped[str] = mapped_column(String(32))
    vid: Mapped[str] = mapped_column(String(64))  # the version this value is (value_versions)
    assessment: Mapped[AssessmentRow] = relationship(back_populates="values")


class IndicatorCommentRow(Base):
    __tablename__ = "indicator_comments"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="RESTRICT"), index=True
    )
    indicator_code: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(Text)
    at: Mapped[str] = mapped_column(String(32))


class IndicatorFlagRow(Base):
    """Follow-up flag per indicator ("cần theo dõi thêm")."""

    __tablename__ = "indicator_flags"
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="RESTRICT"), primary_key=True
    )
    indicator_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    follow_up: Mapped[bool] = mapped_column(Boolean)


class IndicatorSourceRow(Base):
    """Where an indicator's figures come from ("Sổ đăng ký khai sinh của UBND xã năm 2026"),
    entered with the figure; printed in the dossier's table and explanations."""

    __tablename__ = "indicator_sources"
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="RESTRICT"), primary_key=True
    )
    indicator_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    entered_by: Mapped[str] = mapped_column(Text)
    entered_at: Mapped[str] = mapped_column(String(32))


class EvidenceBlobRow(Base):
    """One stored file, named by its SHA-256: the same photo attached twice is stored once."""

    __tablename__ = "evidence_blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    stored_at: Mapped[str] = mapped_column(String(32))


class EvidenceLinkRow(Base):
    __tablename__ = "evidence_links"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="RESTRICT"), index=True
    )
    indicator_code: Mapped[str] = mapped_column(String(32))
    sha256: Mapped[str] = mapped_column(
        ForeignKey("evidence_blobs.sha256", ondelete="RESTRICT"), index=True
    )
    filename: Mapped[str] = mapped_column(Text)
    caption: Mapped[str] = mapped_column(Text)
    added_by: Mapped[str] = mapped_column(Text)
    added_at: Mapped[str] = mapped_column(String(32))
    removed_at: Mapped[str | None] = mapped_column(String(32))
    blob: Mapped[EvidenceBlobRow] = relationship()


class AuditRow(Base):
    """Append-only: the store never updates or deletes these rows (see domain/audit.py)."""

    __tablename__ = "audit_log"
    __table_args__ = (UniqueConstraint("chain", "seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    chain: Mapped[str] = mapped_column(String(80))  # uid, "store", or uid@device (0022)
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(Text)
    old_json: Mapped[str] = mapped_column(Text)
    new_json: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class CriterionAssignmentRow(Base):
    """Which team member answers for a criterion (overrides the default: the member whose agency
    is the criterion's sector)."""

    __tablename__ = "criterion_assignments"
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="RESTRICT"), primary_key=True
    )
    criterion_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("team_members.id", ondelete="RESTRICT"))


class ValueVersionRow(Base):
    """Every value an indicator ever had, with its version id and parent (domain/versions.py).
    Append-only; the head is in `indicator_heads`."""

    __tablename__ = "value_versions"
    __table_args__ = (UniqueConstraint("assessment_id", "indicator_code", "vid"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="RESTRICT"), index=True
    )
    indicator_code: Mapped[str] = mapped_column(String(32))
    vid: Mapped[str] = mapped_column(String(64))
    parent_vid: Mapped[str] = mapped_column(String(64))
    value_json: Mapped[str] = mapped_column(Text)  # "null" when the value was cleared
    author: Mapped[str] = mapped_column(Text)
    at: Mapped[str] = mapped_column(String(32))


class IndicatorHeadRow(Base):
    """The current version of each indicator (also when cleared: then no indicator_values row)."""

    __tablename__ = "indicator_heads"
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="RESTRICT"), primary_key=True
    )
    indicator_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    vid: Mapped[str] = mapped_column(String(64))


class TrustedKeyRow(Base):
    """The trust store: keys enrolled after an in-person fingerprint check (or by a rotation
    statement signed by an enrolled key), with their revocation threshold."""

    __tablename__ = "trusted_keys"
    __table_args__ = (one_of("via", KEY_VIAS), one_of("role", KEY_ROLES))
    fingerprint: Mapped[str] = mapped_column(String(64), primary_key=True)
    public_key: Mapped[str] = mapped_column(Text)  # base64 of the 32 raw bytes
    owner: Mapped[str] = mapped_column(Text)
    agency: Mapped[str] = mapped_column(Text)
    enrolled_at: Mapped[str] = mapped_column(String(32))
    enrolled_by: Mapped[str] = mapped_column(Text)
    via: Mapped[str] = mapped_column(String(16))  # card | rotation | own
    replaced_by: Mapped[str | None] = mapped_column(String(64))
    revoked_above_seq: Mapped[int | None] = mapped_column(Integer)
    revoked_at: Mapped[str | None] = mapped_column(String(32))
    revoked_reason: Mapped[str | None] = mapped_column(Text)
    # team | office, chosen at enrolment (only an office's key signs receipts that count);
    # "" for a key enrolled before roles existed.
    role: Mapped[str] = mapped_column(String(16), default="", server_default="")
    # The installation holding the key (from its card): bundles under another device id are held.
    device_id: Mapped[str | None] = mapped_column(String(36), default=None)
    # What the office had received from the key when it was revoked (JSON: "devices", "bundles"):
    # a device id or a bundle chosen by the signer afterwards cannot pass for an earlier one.
    revoked_snapshot: Mapped[str | None] = mapped_column(Text, default=None)


class SeenBundleRow(Base):
    """Every bundle this store has verified: its device, sequence and outcome (replay detection)."""

    __tablename__ = "seen_bundles"
    __table_args__ = (one_of("outcome", BUNDLE_OUTCOMES),)
    bundle_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    key_fingerprint: Mapped[str] = mapped_column(String(64))
    manifest_hash: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))  # accepted | quarantined | rejected
    received_at: Mapped[str] = mapped_column(String(32))
    receipt_path: Mapped[str | None] = mapped_column(Text)  # relative to the data home


class SentBundleRow(Base):
    """Bundles this store exported, until a receipt acknowledges them."""

    __tablename__ = "sent_bundles"
    __table_args__ = (
        one_of("status", SENT_STATUSES),
        one_of("receipt_outcome", BUNDLE_OUTCOMES, nullable=True),
    )
    bundle_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sequence: Mapped[int] = mapped_column(Integer, unique=True)
    created_at: Mapped[str] = mapped_column(String(32))
    path: Mapped[str] = mapped_column(Text)
    manifest_hash: Mapped[str | None] = mapped_column(String(64))  # None while reserved
    # reserved (number taken, file being written) | sent | burnt (a crash left no file: the
    # number is never used again)
    status: Mapped[str] = mapped_column(String(16), default="sent", server_default="sent")
    assessment_uids: Mapped[str] = mapped_column(Text)  # JSON list
    contains_drafts: Mapped[bool] = mapped_column(Boolean)
    acknowledged_at: Mapped[str | None] = mapped_column(String(32))
    receipt_outcome: Mapped[str | None] = mapped_column(String(16))
    receipt_reasons: Mapped[str | None] = mapped_column(Text)  # JSON list


class QuarantineRow(Base):
    """A bundle held instead of imported: kept whole, never dropped. Its bytes are in the store's
    evidence store, named by `content_sha256` (migration 0026: every officer of a server store
    reaches them); rows held before keep `stored_path` to a file in the data home's quarantine/."""

    __tablename__ = "quarantine"
    __table_args__ = (one_of("status", QUARANTINE_STATUSES),)
    id: Mapped[int] = mapped_column(primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String(36), index=True)
    stored_path: Mapped[str | None] = mapped_column(Text)  # before 0026; relative to the data home
    content_sha256: Mapped[str | None] = mapped_column(String(64))  # in the evidence store
    received_at: Mapped[str] = mapped_column(String(32))
    device_id: Mapped[str] = mapped_column(String(36))
    sequence: Mapped[int] = mapped_column(Integer)
    key_fingerprint: Mapped[str] = mapped_column(String(64))
    reasons_json: Mapped[str] = mapped_column(Text)  # [{"code", "params"}]
    details_json: Mapped[str] = mapped_column(Text)  # conflicts and other data for resolving
    status: Mapped[str] = mapped_column(String(16))  # held | resolved | rejected
    resolved_at: Mapped[str | None] = mapped_column(String(32))
    resolved_by: Mapped[str | None] = mapped_column(Text)
    resolution: Mapped[str | None] = mapped_column(Text)


class DossierDetailsRow(Base):
    """The paperwork around an assessment, entered by the commune, the team or the office: the
    request letter's frame and the council's minutes (services/dossier_details.py). One JSON
    document per assessment; absent until someone edits it (defaults come from the data)."""

    __tablename__ = "dossier_details"
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="RESTRICT"), primary_key=True
    )
    document_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[str] = mapped_column(String(32))
    updated_by: Mapped[str] = mapped_column(Text)


class ReportDetailsRow(Base):
    """The paperwork of a summary report, kept per scope and evaluation year so the next print
    keeps it: number, date, signer, recipients, the plan it answers to and the narrative
    (services/report_details.py). One JSON document; absent until someone sets it."""

    __tablename__ = "report_details"
    scope_code: Mapped[str] = mapped_column(String(8), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[str] = mapped_column(String(32))
    updated_by: Mapped[str] = mapped_column(Text)


class SignedHeadRow(Base):
    """A signature over the head of an audit chain (services/audit_heads.py): made at finalise and
    export by this installation's key, or received in a bundle. Append-only."""

    __tablename__ = "signed_heads"
    __table_args__ = (UniqueConstraint("chain", "seq", "key_fingerprint"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    chain: Mapped[str] = mapped_column(String(80), index=True)  # as stored here: uid or uid@device
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    key_fingerprint: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[str] = mapped_column(String(32))
    document: Mapped[str] = mapped_column(Text)  # the signed JSON document, as signed


# The office's tables live in their own module; importing it here registers them on `Base`, so
# whoever imports this module (Alembic's env, create_all, the drift test) sees every table.
# Likewise the catalogue drafts and the catalogue releases (issue 15), and evidence kept in the
# store (issue 16).
from assessor_app.storage import (  # noqa: E402, F401
    schema_catalogue_drafts,
    schema_evidence,
    schema_held,
    schema_office,
    schema_release,
)
