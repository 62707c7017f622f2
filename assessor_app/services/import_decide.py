"""Importing a bundle, step 2 of 4: decide — accepted, held in quarantine, or rejected.

A damaged, tampered or badly signed file, or one whose payload is unusable, is rejected; so is an
authentic bundle from a key revoked for its number. An untrusted signer, a replayed or forked
sequence, a conflicting edit, a finalised assessment the bundle changes or a broken audit chain
hold it in quarantine (services/quarantine.py); everything else is accepted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assessor_app.bundles.bundle_file import BundleInfo, OpenedBundle
from assessor_app.core.messages import Nn_
from assessor_app.domain.errors import N_
from assessor_app.domain.exchange import BundleOutcome
from assessor_app.services import trust
from assessor_app.services.import_verify import REJECTING, Checked
from assessor_app.services.merge import AssessmentPlan, IndicatorMerge, Reason
from assessor_app.storage.repositories.exchange import ExchangeRepository

ACCEPTED, QUARANTINED, REJECTED = BundleOutcome

# Authentic, but refused for its signer: never imported, never held for a person to wave through.
REFUSED_SIGNERS = ("BUNDLE_REVOKED_SIGNER",)
# Holds a person may settle with `resolve` (choices and a reason); the others need `retry`
# (after enrolling a key, updating the app) or `reject`.
RESOLVABLE = (
    "IMPORT_CONFLICT",
    "IMPORT_ASSESSMENT_LOCKED",
    "BUNDLE_REPLAYED",
    "BUNDLE_UNKNOWN_DEVICE",
    "BUNDLE_REVOKED_UNSEEN",
)


@dataclass(frozen=True)
class Decision:
    outcome: BundleOutcome
    already: bool  # the same bundle was received before: nothing would change
    reasons: list[Reason]  # why quarantined or rejected


def replay_of(keys: ExchangeRepository, info: BundleInfo) -> Reason | None:
    """The trust store's replay and fork rules for a bundle seen before (held in quarantine)."""
    problem = trust.sequence_problem(keys, info)
    return None if problem is None else Reason(problem.code, problem.template, problem.params)


def id_reused(keys: ExchangeRepository, opened: OpenedBundle) -> bool:
    """A bundle id already seen with other content (a forgery, or an altered copy)."""
    seen = keys.seen_bundle(opened.info.bundle_id)
    return seen is not None and seen.manifest_hash != opened.manifest_hash


CONFLICT_FORMS = Nn_(
    "{count} indicator was changed both here and in the bundle: {indicators}. Choose one side, with a reason.",
    "{count} indicators were changed both here and in the bundle: {indicators}. Choose one side for each, with a reason.",
)
# How the conflict reason was worded before it had a plural form (kept in quarantine rows).
_LEGACY_TEMPLATES = {
    "{count} indicator(s) were changed both here and in the bundle: {indicators}. Choose one side for each, with a reason.": CONFLICT_FORMS,
}


def _conflict_reason(conflicts: list[IndicatorMerge]) -> Reason:
    return Reason.counted(
        "IMPORT_CONFLICT",
        CONFLICT_FORMS,
        len(conflicts),
        indicators=", ".join(c.indicator for c in conflicts),
    )


def stored_reason(data: Mapping[str, Any]) -> Reason:
    """A reason as a quarantine row keeps it; one stored before the reason had a plural form
    is read with both forms (so that it is translated)."""
    reason = Reason.from_json(data)
    forms = _LEGACY_TEMPLATES.get(reason.template)
    if forms is None or reason.plural is not None:
        return reason
    return Reason(reason.code, forms[0], reason.params, forms[1])


def _signer_reasons(
    keys: ExchangeRepository, checked: Checked, held: bool, choices: Mapping[str, str] | None
) -> list[Reason]:
    """What the trust store holds the bundle for: its signer, a reused id, or (retried from
    quarantine, without choices) a replay that arose meanwhile."""
    report, verdict, opened = checked.report, checked.verdict, checked.opened
    assert verdict is not None
    assert opened is not None
    reasons: list[Reason] = []
    if not verdict.trusted:
        reasons.append(Reason(report.code, report.template, report.params))
        if id_reused(keys, opened):
            reasons.append(
                Reason(
                    "BUNDLE_ID_REUSED",
                    N_(
                        "Another bundle with the id {bundle} was received before: this one can only be rejected."
                    ),
                    {"bundle": opened.info.bundle_id},
                )
            )
    elif held:
        replay = replay_of(keys, opened.info)
        if replay is not None and choices is None:
            reasons.append(replay)
    return reasons


def decide(
    keys: ExchangeRepository,
    checked: Checked,
    plans: tuple[AssessmentPlan, ...],
    held: bool,
    choices: Mapping[str, str] | None,
) -> Decision:
    """The outcome of importing a checked bundle with these merge plans; `held`: it is imported
    again from quarantine, `choices`: with a person's choices for its conflicts."""
    report = checked.report
    if report.already_seen and not held:
        return Decision(report.seen_outcome or ACCEPTED, True, [])
    if checked.payload is None or report.code in (*REJECTING, *REFUSED_SIGNERS):
        return Decision(REJECTED, False, [Reason(report.code, report.template, report.params)])
    reasons = _signer_reasons(keys, checked, held, choices)
    for plan in plans:
        reasons.extend(plan.holds)
    conflicts = [c for p in plans for c in p.conflicts if not c.locked]
    if conflicts:
        reasons.append(_conflict_reason(conflicts))
    if choices is not None:
        reasons = [r for r in reasons if r.code not in RESOLVABLE]
    return Decision(QUARANTINED if reasons else ACCEPTED, False, reasons)
