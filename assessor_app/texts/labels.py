"""The words for codes: one function per kind of label, each taking the code and a language.

Every label goes through gettext with a context naming its kind (`pgettext("unit type",
"Commune")`), so a label never shares a translation with the same English words used elsewhere
(the "Commune" column title). Codes stored as plain strings (audit actions, quarantine statuses,
reason codes) are accepted as strings as well as enums; a code without a label is shown as
recorded, never hidden.

To add a label: add its line to the function of its kind (or a new function with a new context),
run the translation workflow (docs/translations.md) and give it its Vietnamese; the enum test
(tests/unit/texts/test_labels.py) fails for an enum member that has no label in both languages.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from assessor_app.domain.appraisal import AppraisalState, AppraisalStep
from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus, MemberRole
from assessor_app.domain.backups import BackupKind
from assessor_app.domain.catalogue import (
    ConditionKind,
    Direction,
    RuleKind,
    Sector,
    Status,
    UnitCategory,
)
from assessor_app.domain.catalogue_migration import Outcome, Why
from assessor_app.domain.exchange import (
    BundleOutcome,
    KeyRole,
    KeyVia,
    QuarantineStatus,
    SentStatus,
)
from assessor_app.domain.officer_roles import Duty
from assessor_app.domain.text import nfc
from assessor_app.domain.unit_merges import MatchKind, MergeRound, ReviewStatus, SourceFlag
from assessor_app.domain.units import UnitType
from assessor_app.domain.versions import MergeKind
from assessor_app.i18n import pgettext
from assessor_app.texts import unit_merges

# Re-exported (`name as name`): every label is read as `labels.<name>`, wherever it is defined.
from assessor_app.texts.labels_appraisal import (
    APPRAISAL_AUDIT_ACTIONS as APPRAISAL_AUDIT_ACTIONS,
    appraisal_audit_actions as appraisal_audit_actions,
    appraisal_state as appraisal_state,
    appraisal_step as appraisal_step,
)
from assessor_app.texts.labels_audit import (
    AUDIT_ACTIONS as AUDIT_ACTIONS,
    audit_action as audit_action,
    follow_up_removed as follow_up_removed,
)
from assessor_app.texts.labels_exchange import (
    HOLD_REASON_CODES as HOLD_REASON_CODES,
    QUARANTINE_STATUSES as QUARANTINE_STATUSES,
    RECEIPT_REASON_CODES as RECEIPT_REASON_CODES,
    hold_reason as hold_reason,
    import_outcome as import_outcome,
    key_enrolment as key_enrolment,
    key_role as key_role,
    merge_kind as merge_kind,
    plan_action as plan_action,
    quarantine_status as quarantine_status,
    receipt_reason as receipt_reason,
    sent_status as sent_status,
)
from assessor_app.texts.labels_migration import (
    migration_counts as migration_counts,
    migration_outcome as migration_outcome,
    migration_why as migration_why,
)
from assessor_app.texts.lookup import label_or_code as _pick

# --- assessments


def assessment_status(status: AssessmentStatus | str, language: str) -> str:
    return _pick(
        {
            # TRANSLATORS: an assessment that can still be changed
            AssessmentStatus.DRAFT: pgettext("assessment status", "Draft", language),
            # TRANSLATORS: an assessment whose figures are locked
            AssessmentStatus.FINALIZED: pgettext("assessment status", "Finalised", language),
        },
        status,
    )


def review_status(kind: AssessmentKind | str, status: AssessmentStatus | str, language: str) -> str:
    """Where an assessment stands towards recognition, as the dossier and the summary print it: a
    draft is a draft; a finalised review is reviewed; any other finalised kind awaits review."""
    if status != AssessmentStatus.FINALIZED:
        return assessment_status(AssessmentStatus.DRAFT, language)
    if kind == AssessmentKind.REVIEW:
        return pgettext("review status", "Reviewed", language)
    return pgettext("review status", "Finalised, not reviewed", language)


def assessment_kind(kind: AssessmentKind | str, language: str) -> str:
    return _pick(
        {
            AssessmentKind.SELF: pgettext(
                "assessment kind", "Self-assessment by the commune", language
            ),
            AssessmentKind.TEAM: pgettext(
                "assessment kind", "Inter-sector team inspection", language
            ),
            AssessmentKind.REVIEW: pgettext("assessment kind", "Review", language),
        },
        kind,
    )


def assessment_kinds(kinds: Iterable[AssessmentKind | str], language: str) -> str:
    """Several kinds inside a sentence: "self-assessment by the commune, review"."""
    return ", ".join(assessment_kind(kind, language).lower() for kind in kinds)


def member_role(role: MemberRole | str, language: str) -> str:
    """A team member's role in the inspection team."""
    return _pick(
        {
            MemberRole.LEAD: pgettext("team role", "Team lead", language),
            MemberRole.MEMBER: pgettext("team role", "Member", language),
            MemberRole.SECRETARY: pgettext("team role", "Secretary", language),
        },
        role,
    )


def verdict(recognized: bool, language: str) -> str:
    """Whether the commune meets the standard (what the dossier prints as "Đạt" / "Chưa đạt")."""
    if recognized:
        return pgettext("verdict", "Recognised", language)
    return pgettext("verdict", "Not recognised", language)


def yes_no(answer: bool, language: str) -> str:
    return pgettext("answer", "Yes", language) if answer else pgettext("answer", "No", language)


# --- the catalogue and units


def sector(value: Sector | str, language: str) -> str:
    """The agency answering for a criterion's figures (also a member's or a key owner's agency)."""
    return _pick(
        {
            Sector.COMMUNE_COMMITTEE: pgettext("sector", "Commune people's committee", language),
            Sector.LABOUR_SOCIAL_AFFAIRS: pgettext(
                "sector", "Labour, invalids and social affairs", language
            ),
            Sector.JUSTICE: pgettext("sector", "Justice and civil status", language),
            Sector.POLICE: pgettext("sector", "Police", language),
            Sector.HEALTH: pgettext("sector", "Health", language),
            Sector.EDUCATION: pgettext("sector", "Education", language),
            Sector.CULTURE: pgettext("sector", "Culture and information", language),
            Sector.YOUTH_UNION: pgettext("sector", "Youth Union", language),
            Sector.WOMEN_UNION: pgettext("sector", "Women's Union", language),
        },
        value,
    )


def unit_category(category: UnitCategory | str, language: str) -> str:
    """The category the recognition thresholds distinguish; in Vietnamese the wording of QĐ
    06/2019, which the dossier prints."""
    return _pick(
        {
            UnitCategory.WARD_CENTRAL_CITY: pgettext(
                "unit category", "Ward of a centrally-run city", language
            ),
            UnitCategory.MOUNTAIN_ISLAND_DIFFICULT: pgettext(
                "unit category", "Mountain, island or especially difficult commune", language
            ),
            UnitCategory.OTHER: pgettext("unit category", "Other commune, ward or town", language),
        },
        category,
    )


def unit_type(value: UnitType | str, language: str) -> str:
    return _pick(
        {
            UnitType.COMMUNE: pgettext("unit type", "Commune", language),
            UnitType.WARD: pgettext("unit type", "Ward", language),
            UnitType.TOWNSHIP: pgettext("unit type", "Township", language),
        },
        value,
    )


def catalogue_status(status: Status | str, language: str) -> str:
    """How far a catalogue part is known to match the legal text."""
    return _pick(
        {
            Status.EXACT: pgettext("catalogue status", "exact (legal text)", language),
            Status.SECONDARY: pgettext("catalogue status", "secondary source", language),
            Status.PROVISIONAL: pgettext("catalogue status", "provisional", language),
        },
        status,
    )


def catalogue_status_meaning(status: Status | str, language: str) -> str:
    """What a catalogue part's status means for the person scoring with it, in one sentence."""
    return _pick(
        {
            Status.EXACT: pgettext(
                "catalogue status meaning", "Taken word for word from the legal text.", language
            ),
            Status.SECONDARY: pgettext(
                "catalogue status meaning",
                "Taken from a secondary source (a guide or an article), not yet checked against the legal text.",
                language,
            ),
            Status.PROVISIONAL: pgettext(
                "catalogue status meaning",
                "Provisional: this is the app's reading, the legal text could not be checked; use the points with care.",
                language,
            ),
        },
        status,
    )


def empty_denominator(choice: str, language: str) -> str:
    """What a rate indicator gives when its denominator is 0, in words (the catalogue's
    `empty_denominator`: "error", "max", "zero")."""
    return {
        "error": pgettext("empty denominator", "refuse the figure", language),
        "max": pgettext("empty denominator", "full points", language),
        "zero": pgettext("empty denominator", "0 points", language),
    }.get(choice, choice)


def catalogue_version(version: str, language: str) -> str:
    """A catalogue's version in words for a screen: "2019.1-provisional" → "phiên bản tạm thời
    2019.1" / "provisional version 2019.1"; "2019.2" → "phiên bản 2019.2". (Documents say it with
    `documents.version_words`.)"""
    number, _dash, state = version.strip().partition("-")
    if state == "provisional":
        return pgettext("catalogue version", "provisional version {number}", language).format(
            number=number
        )
    if state == "draft":
        return pgettext("catalogue version", "draft version {number}", language).format(
            number=number
        )
    return pgettext("catalogue version", "version {number}", language).format(
        number=version.strip()
    )


class _Titled(Protocol):
    @property
    def title_vi(self) -> str: ...

    @property
    def title_en(self) -> str: ...


def part_title(part: _Titled, language: str) -> str:
    """A catalogue's, criterion's or indicator's title on screen: its English title in English
    when the catalogue gives one, else the official Vietnamese wording (documents always print
    the Vietnamese: they are official)."""
    if language != "vi" and part.title_en:
        return nfc(part.title_en)
    return nfc(part.title_vi)


def rule_kind(kind: RuleKind | str, language: str) -> str:
    return _pick(
        {
            RuleKind.RATE: pgettext("rule kind", "Rate from two figures", language),
            RuleKind.YES_NO: pgettext("rule kind", "Yes or no", language),
            RuleKind.COUNT: pgettext("rule kind", "Number of cases", language),
            RuleKind.MANUAL: pgettext("rule kind", "Points judged by the team", language),
        },
        kind,
    )


def direction(value: Direction | str, language: str) -> str:
    return _pick(
        {
            Direction.HIGHER_IS_BETTER: pgettext("rule direction", "Higher is better", language),
            Direction.LOWER_IS_BETTER: pgettext("rule direction", "Lower is better", language),
        },
        value,
    )


def condition_kind(kind: ConditionKind | str, language: str) -> str:
    """A kind of recognition condition."""
    return _pick(
        {
            ConditionKind.MIN_TOTAL_BY_CATEGORY: pgettext(
                "recognition condition", "Minimum total for the category of unit", language
            ),
            ConditionKind.NO_CRITERION_ZERO: pgettext(
                "recognition condition", "No criterion at zero points", language
            ),
            ConditionKind.ALL_INDICATORS_ASSESSED: pgettext(
                "recognition condition", "Every indicator assessed", language
            ),
            ConditionKind.CRITERION_MIN_POINTS: pgettext(
                "recognition condition", "Minimum points of a criterion", language
            ),
        },
        kind,
    )


# --- copies of the store


def officer_duty(duty: Duty | str, language: str) -> str:
    """An officer's duty on a shared store (its PostgreSQL group role: domain/officer_roles.py)."""
    return _pick(
        {
            Duty.IMPORT.value: pgettext("officer duty", "Importer", language),
            Duty.APPRAISE.value: pgettext("officer duty", "Appraiser", language),
            Duty.DECIDE.value: pgettext("officer duty", "Decider", language),
            Duty.PUBLISH.value: pgettext("officer duty", "Publisher", language),
        },
        duty.value if isinstance(duty, Duty) else duty,
    )


def backup_kind(kind: BackupKind | str, language: str) -> str:
    """Why a copy of the store was made."""
    return _pick(
        {
            BackupKind.UPGRADE: pgettext("backup kind", "Before an upgrade", language),
            BackupKind.DAILY: pgettext("backup kind", "Daily", language),
            BackupKind.IMPORT: pgettext("backup kind", "Before an import", language),
            BackupKind.RESTORE: pgettext("backup kind", "Before a restore", language),
            BackupKind.MANUAL: pgettext("backup kind", "Made by hand", language),
        },
        kind,
    )


# --- the summary report


def exclusion_reason(code: str, language: str) -> str:
    """Why a commune is left out of a summary ("not_finalised", "quarantined", "not_reviewed",
    "demo")."""
    return _pick(
        {
            "not_finalised": pgettext("exclusion reason", "Assessment not finalised", language),
            "quarantined": pgettext(
                "exclusion reason",
                "Bundle held in quarantine (its signature or content could not be checked)",
                language,
            ),
            "not_reviewed": pgettext("exclusion reason", "Not reviewed yet", language),
            "demo": pgettext(
                "exclusion reason", "Demo data only (sample assessments, not counted)", language
            ),
        },
        code,
    )


# The label function of every enum of the domain (tests/unit/texts/test_labels.py checks that each
# enum has one and that each member reads as words in both languages).
ENUM_LABELS: dict[type[enum.Enum], Callable[[Any, str], str]] = {
    AssessmentStatus: assessment_status,
    Duty: officer_duty,
    AssessmentKind: assessment_kind,
    MemberRole: member_role,
    Sector: sector,
    UnitCategory: unit_category,
    UnitType: unit_type,
    Status: catalogue_status,
    RuleKind: rule_kind,
    Direction: direction,
    ConditionKind: condition_kind,
    MergeKind: merge_kind,
    BundleOutcome: import_outcome,
    QuarantineStatus: quarantine_status,
    SentStatus: sent_status,
    KeyVia: key_enrolment,
    KeyRole: key_role,
    BackupKind: backup_kind,
    AppraisalState: appraisal_state,
    AppraisalStep: appraisal_step,
    MergeRound: unit_merges.merge_round,
    MatchKind: unit_merges.match_kind,
    ReviewStatus: unit_merges.merge_review,
    SourceFlag: unit_merges.source_flag,
    Outcome: migration_outcome,
    Why: migration_why,
}

# Codes stored as strings, and their label functions (the same test).
CODE_LABELS: dict[str, tuple[tuple[str, ...], Callable[[str, str], str]]] = {
    "audit action": (AUDIT_ACTIONS, audit_action),
    "import outcome": (("accepted", "quarantined", "rejected"), import_outcome),
    "quarantine status": (QUARANTINE_STATUSES, quarantine_status),
    "import plan": (("new", "updated", "same", "migrated"), plan_action),
    "key enrolment": (("card", "rotation", "own"), key_enrolment),
    "key role": (("team", "office", "province", ""), key_role),
    "sent bundle status": (("reserved", "sent", "burnt"), sent_status),
    "hold reason": (HOLD_REASON_CODES, hold_reason),
    "receipt reason": (RECEIPT_REASON_CODES, receipt_reason),
    "exclusion reason": (
        ("not_finalised", "quarantined", "not_reviewed", "demo"),
        exclusion_reason,
    ),
}
