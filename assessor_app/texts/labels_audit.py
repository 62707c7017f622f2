"""The audit trail's actions as a person reads them in the history (re-exported by
texts/labels.py: read them as `labels.audit_action`)."""

from __future__ import annotations

from assessor_app.i18n import pgettext
from assessor_app.texts.labels_appraisal import APPRAISAL_AUDIT_ACTIONS, appraisal_audit_actions
from assessor_app.texts.lookup import label_or_code as _pick

AUDIT_ACTIONS = (
    "create",
    "set_value",
    "clear_value",
    "finalize",
    "reopen",
    "delete",
    "attach_evidence",
    "remove_evidence",
    "caption_evidence",
    "comment",
    "follow_up",
    "set_source",
    "add_member",
    "remove_member",
    "set_member_role",
    "assign",
    "import_catalogue",
    "migrate_catalogue",
    "new_catalogue_draft",
    "save_catalogue_draft",
    "publish_catalogue",
    "delete_catalogue_draft",
    "set_unit_category",
    "confirm_unit_merge",
    "correct_unit_merge",
    "set_profile",
    "profile",
    "set_target",
    "set_dossier_details",
    "record_decision",
    "revoke_decision",
    "record_commendation",
    "set_report_details",
    "set_procedure_actor",
    "set_procedure_deadline",
    "unset_procedure_actor",
    "unset_procedure_deadline",
    "export",
    "export_burnt",
    "import",
    "merge",
    "resolve",
    "reject_bundle",
    "receipt",
    "key_init",
    "key_rotate",
    "key_enrol",
    "key_role",
    "key_revoke",
    "set_planned_communes",
    "set_budget_line",
    "publish_release",
    "import_release",
    "hold_change",
    "apply_held_change",
    "discard_held_change",
    *APPRAISAL_AUDIT_ACTIONS,
)


def audit_action(action: str, language: str) -> str:
    """A short phrase for an audit action code ("set_value" → "Entered a figure")."""
    return _pick(
        {
            "create": pgettext("audit action", "Created the assessment", language),
            "set_value": pgettext("audit action", "Entered a figure", language),
            "clear_value": pgettext("audit action", "Cleared a figure", language),
            "finalize": pgettext("audit action", "Finalised", language),
            "reopen": pgettext("audit action", "Reopened", language),
            "delete": pgettext("audit action", "Deleted the assessment", language),
            "attach_evidence": pgettext("audit action", "Added evidence", language),
            "remove_evidence": pgettext("audit action", "Removed evidence", language),
            "caption_evidence": pgettext("audit action", "Changed an evidence caption", language),
            "comment": pgettext("audit action", "Added a comment", language),
            "follow_up": pgettext("audit action", "Marked for follow-up", language),
            "set_source": pgettext("audit action", "Changed a data source", language),
            "add_member": pgettext("audit action", "Added a team member", language),
            "remove_member": pgettext("audit action", "Removed a team member", language),
            "set_member_role": pgettext("audit action", "Changed a team member's role", language),
            "assign": pgettext("audit action", "Assigned a criterion", language),
            "import_catalogue": pgettext("audit action", "Imported a criteria catalogue", language),
            "migrate_catalogue": pgettext(
                "audit action", "Moved to another catalogue version", language
            ),
            "new_catalogue_draft": pgettext(
                "audit action", "Started a draft of a criteria catalogue", language
            ),
            "save_catalogue_draft": pgettext(
                "audit action", "Saved a draft of a criteria catalogue", language
            ),
            "publish_catalogue": pgettext(
                "audit action", "Published a criteria catalogue", language
            ),
            "delete_catalogue_draft": pgettext(
                "audit action", "Deleted a draft of a criteria catalogue", language
            ),
            "set_unit_category": pgettext("audit action", "Changed a unit's category", language),
            "confirm_unit_merge": pgettext(
                "audit action", "Confirmed a row of the merge table", language
            ),
            "correct_unit_merge": pgettext(
                "audit action", "Corrected a row of the merge table", language
            ),
            "set_profile": pgettext("audit action", "Changed the profile", language),
            "profile": pgettext("audit action", "Changed the profile", language),
            "set_target": pgettext("audit action", "Set a target of the plan", language),
            "set_dossier_details": pgettext(
                "audit action", "Changed the dossier's letter or minutes", language
            ),
            "record_decision": pgettext(
                "audit action", "Recorded a recognition decision", language
            ),
            "revoke_decision": pgettext(
                "audit action", "Recorded a decision revoking a recognition", language
            ),
            "record_commendation": pgettext("audit action", "Recorded a commendation", language),
            "set_report_details": pgettext(
                "audit action", "Changed a summary report's details", language
            ),
            "set_procedure_actor": pgettext(
                "audit action", "Set who acts at a step of the procedure", language
            ),
            "set_procedure_deadline": pgettext(
                "audit action", "Set the day a report of the procedure is due", language
            ),
            "unset_procedure_actor": pgettext(
                "audit action",
                "Removed who the province set to act at a step of the procedure",
                language,
            ),
            "unset_procedure_deadline": pgettext(
                "audit action",
                "Removed the day the province set for a report of the procedure",
                language,
            ),
            "export": pgettext("audit action", "Exported in a bundle", language),
            "export_burnt": pgettext("audit action", "Bundle number used up", language),
            "import": pgettext("audit action", "Imported from a bundle", language),
            "merge": pgettext("audit action", "Merged a bundle's changes", language),
            "resolve": pgettext("audit action", "Settled conflicts of a bundle", language),
            "reject_bundle": pgettext("audit action", "Rejected a bundle", language),
            "receipt": pgettext("audit action", "Received a receipt", language),
            "key_init": pgettext("audit action", "Created the signing key", language),
            "key_rotate": pgettext("audit action", "Replaced the signing key", language),
            "key_enrol": pgettext("audit action", "Enrolled a key", language),
            "key_role": pgettext("audit action", "Changed a key's role", language),
            "key_revoke": pgettext("audit action", "Revoked a key", language),
            "set_planned_communes": pgettext(
                "audit action", "Set the communes planned for a year", language
            ),
            "set_budget_line": pgettext("audit action", "Changed a line of the budget", language),
            "publish_release": pgettext(
                "audit action", "Published a signed catalogue release", language
            ),
            "import_release": pgettext(
                "audit action", "Imported a catalogue release of the province", language
            ),
            "hold_change": pgettext(
                "audit action", "Held a figure that met another officer's change", language
            ),
            "apply_held_change": pgettext("audit action", "Applied a held figure", language),
            "discard_held_change": pgettext("audit action", "Discarded a held figure", language),
            **appraisal_audit_actions(language),
        },
        action,
    )


def follow_up_removed(language: str) -> str:
    """The `follow_up` action when it took the mark away."""
    return pgettext("audit action", "Follow-up mark removed", language)
