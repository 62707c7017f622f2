"""The words for the office's appraisal (domain/appraisal.py): its states, its steps and the audit
actions of its steps. Part of the label layer (`texts.labels` re-exports every name here); the same
rules apply: gettext with a context naming the kind, an explicit language, a code without a label
shown as recorded.
"""

from __future__ import annotations

from assessor_app.domain.appraisal import AppraisalState, AppraisalStep
from assessor_app.i18n import pgettext
from assessor_app.texts.lookup import label_or_code as _pick


def appraisal_state(state: AppraisalState | str, language: str) -> str:
    """Where an assessment submitted to the office stands."""
    return _pick(
        {
            AppraisalState.SUBMITTED: pgettext("appraisal state", "Submitted", language),
            AppraisalState.UNDER_APPRAISAL: pgettext(
                "appraisal state", "Under appraisal", language
            ),
            AppraisalState.RETURNED: pgettext(
                "appraisal state", "Returned for completion", language
            ),
            AppraisalState.APPRAISED: pgettext("appraisal state", "Appraised", language),
            AppraisalState.RECOGNISED: pgettext("appraisal state", "Recognised", language),
            AppraisalState.NOT_RECOGNISED: pgettext("appraisal state", "Not recognised", language),
        },
        state,
    )


def appraisal_step(step: AppraisalStep | str, language: str) -> str:
    """A step of the appraisal, as a button or a menu entry names it."""
    return _pick(
        {
            AppraisalStep.START: pgettext("appraisal step", "Start the appraisal", language),
            AppraisalStep.SET_POINT: pgettext(
                "appraisal step", "Enter the office's figure", language
            ),
            AppraisalStep.RETURN: pgettext("appraisal step", "Return to the team", language),
            AppraisalStep.RESUBMIT: pgettext(
                "appraisal step", "Take the corrected assessment", language
            ),
            AppraisalStep.APPRAISE: pgettext("appraisal step", "Close the appraisal", language),
            AppraisalStep.UNDO: pgettext("appraisal step", "Take the appraisal back", language),
            AppraisalStep.RECOGNISE: pgettext("appraisal step", "Recognise", language),
            AppraisalStep.NOT_RECOGNISE: pgettext("appraisal step", "Do not recognise", language),
        },
        step,
    )


APPRAISAL_AUDIT_ACTIONS = (
    "appraisal_start",
    "appraisal_return",
    "appraisal_appraise",
    "appraisal_undo",
    "appraisal_resubmit",
    "appraisal_decide",
)


def appraisal_audit_actions(language: str) -> dict[str, str]:
    """The audit actions of the appraisal's steps (texts.labels.audit_action says them)."""
    return {
        "appraisal_start": pgettext("audit action", "Started the appraisal", language),
        "appraisal_return": pgettext(
            "audit action", "Returned the assessment to its team", language
        ),
        "appraisal_appraise": pgettext("audit action", "Closed the appraisal", language),
        "appraisal_undo": pgettext("audit action", "Took the appraisal back", language),
        "appraisal_resubmit": pgettext(
            "audit action", "Received the corrected assessment", language
        ),
        "appraisal_decide": pgettext(
            "audit action", "Recorded the recognition decision on the appraisal", language
        ),
    }
