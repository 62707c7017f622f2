"""Importing a bundle, step 3 of 4: plan — what merging each assessment would change.

`preview` verifies, plans and decides without changing anything; `normalise_choices` reads the
choices a person typed for the conflicts of a held bundle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.errors import N_, InputError
from assessor_app.domain.exchange import BundleOutcome
from assessor_app.services import appraisal_exchange, demo, keys
from assessor_app.services.exchange_store import exchange
from assessor_app.services.import_decide import decide
from assessor_app.services.import_verify import Checked, VerifyReport, check, unpack_folder
from assessor_app.services.merge import (
    CONFLICT,
    INCOMING,
    LOCAL,
    AssessmentPlan,
    IndicatorMerge,
    Reason,
    plan_assessment,
)
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import Repository


@dataclass(frozen=True)
class ImportPlan:
    """What `apply` would do with a bundle (`preview`), or did (`ImportResult.plan`)."""

    report: VerifyReport
    outcome: BundleOutcome
    already: bool  # the same bundle was received before: nothing would change
    reasons: tuple[Reason, ...]  # why quarantined or rejected
    assessments: tuple[AssessmentPlan, ...] = ()

    @property
    def conflicts(self) -> list[IndicatorMerge]:
        return [c for a in self.assessments for c in a.conflicts]


def plans(repo: Repository, checked: Checked) -> tuple[AssessmentPlan, ...]:
    """The merge plan of every assessment of a readable bundle (none for an unreadable one)."""
    if checked.payload is None:
        return ()
    own_device = repo.meta(keys.META_DEVICE) or ""
    opened = checked.opened
    signer, device = (opened.key_fingerprint, opened.info.device_id) if opened else ("", "")
    planned = []
    for doc in checked.payload.docs:
        plan = plan_assessment(repo, doc, own_device, True, checked.payload.catalogues)
        # An appraisal is taken only from an office's key, as its audit log records it.
        extra = appraisal_exchange.holds(repo, doc, signer, device)
        planned.append(replace(plan, holds=(*plan.holds, *extra)) if extra else plan)
    return tuple(planned)


def preview(
    workspace: Workspace,
    path: str | Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    accept_demo: bool = False,
) -> ImportPlan:
    """What importing the bundle would do; changes nothing. A bundle of demo data is refused as
    `apply` refuses it (services/demo.py `check_import`)."""
    with unpack_folder(workspace) as folder, workspace.database.reading() as session:
        repo = Repository(session)
        checked = check(workspace, repo, Path(path), folder, progress, cancelled)
        if checked.payload is not None:
            demo.check_import(repo, checked.payload.holds_demo(), accept_demo)
        planned = plans(repo, checked)
        decision = decide(exchange(workspace, repo), checked, planned, False, None)
        return ImportPlan(
            checked.report, decision.outcome, decision.already, tuple(decision.reasons), planned
        )


def check_choices(planned: tuple[AssessmentPlan, ...], choices: Mapping[str, str]) -> None:
    """Every conflicting indicator needs a choice."""
    conflicts = [c for p in planned for c in p.conflicts]
    missing = [c.indicator for c in conflicts if c.key not in choices]
    if missing:
        raise InputError(
            "RESOLVE_CHOICE_MISSING",
            N_("Choose local or incoming for every conflicting indicator; missing: {indicators}."),
            indicators=", ".join(missing),
        )


def _choice(typed: str, choice: str) -> str:
    value = choice.strip().lower()
    if value not in (LOCAL, INCOMING):
        raise InputError(
            "RESOLVE_BAD_CHOICE",
            N_("Choose 'local' or 'incoming' for {indicator}, not '{choice}'."),
            indicator=typed,
            choice=choice,
        )
    return value


def _conflict_named(
    typed: str, conflicts: list[IndicatorMerge], local_ids: Mapping[str, int | None]
) -> IndicatorMerge:
    """The one conflict `typed` names: `INDICATOR`, `UID:INDICATOR` or `ID:INDICATOR`."""
    name = typed.strip()
    prefix, _sep, code = name.rpartition(":")
    matches = [
        c
        for c in conflicts
        if c.indicator == (code if prefix else name)
        and (not prefix or prefix in (c.assessment_uid, str(local_ids.get(c.assessment_uid))))
    ]
    if not matches:
        raise InputError(
            "RESOLVE_UNKNOWN_INDICATOR",
            N_("{indicator} is not one of the conflicting indicators of this bundle ({known})."),
            indicator=typed,
            known=", ".join(c.indicator for c in conflicts) or "-",
        )
    if len(matches) > 1:
        raise InputError(
            "RESOLVE_AMBIGUOUS",
            N_(
                "{indicator} conflicts in several assessments of this bundle; write ASSESSMENT-ID:{indicator}."
            ),
            indicator=typed,
        )
    return matches[0]


def normalise_choices(
    planned: tuple[AssessmentPlan, ...], raw: Mapping[str, str]
) -> dict[str, str]:
    """Choices typed as `INDICATOR`, `UID:INDICATOR` or `ID:INDICATOR` → keyed by `UID:INDICATOR`."""
    conflicts = [c for p in planned for c in p.indicators if c.kind == CONFLICT]
    local_ids = {p.uid: p.local_id for p in planned}
    result: dict[str, str] = {}
    for typed, choice in raw.items():
        value = _choice(typed, choice)
        result[_conflict_named(typed, conflicts, local_ids).key] = value
    return result
