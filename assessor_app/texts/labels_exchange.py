"""The words for the codes of bundles, keys and quarantine: import outcomes, quarantine and sent
statuses, import plan actions, merge kinds, how a key was enrolled and its role, why a bundle is
held and why a receipt is refused. Part of the label layer (`texts.labels`, which re-exports every
name here); the same rules apply: gettext with a context naming the kind, an explicit language, a
code without a label shown as recorded.
"""

from __future__ import annotations

from assessor_app.domain.versions import MergeKind
from assessor_app.i18n import pgettext
from assessor_app.texts.lookup import label_or_code as _pick


def import_outcome(outcome: str, language: str) -> str:
    """What became of a received bundle ("accepted", "quarantined", "rejected")."""
    return _pick(
        {
            "accepted": pgettext("import outcome", "Accepted into the store", language),
            "quarantined": pgettext("import outcome", "Held in quarantine", language),
            "rejected": pgettext("import outcome", "Rejected", language),
        },
        outcome,
    )


QUARANTINE_STATUSES = ("held", "resolved", "rejected")


def quarantine_status(status: str, language: str) -> str:
    """Where a held bundle stands ("held", "resolved", "rejected")."""
    return _pick(
        {
            "held": pgettext("quarantine status", "Waiting for a decision", language),
            "resolved": pgettext("quarantine status", "Imported", language),
            "rejected": pgettext("quarantine status", "Rejected", language),
        },
        status,
    )


def sent_status(status: str, language: str) -> str:
    """Where a bundle exported from here stands ("reserved", "sent", "burnt")."""
    return _pick(
        {
            "reserved": pgettext("sent bundle status", "Being written", language),
            "sent": pgettext("sent bundle status", "Sent", language),
            "burnt": pgettext("sent bundle status", "Number used up (no file left)", language),
        },
        status,
    )


def plan_action(action: str, language: str) -> str:
    """What importing a bundle does to one assessment ("new", "updated", "same", "migrated")."""
    return _pick(
        {
            "new": pgettext("import plan", "New", language),
            "updated": pgettext("import plan", "Updated", language),
            "same": pgettext("import plan", "Unchanged", language),
            "migrated": pgettext(
                "import plan", "Updated, moved to another catalogue version", language
            ),
        },
        action,
    )


def merge_kind(kind: MergeKind | str, language: str) -> str:
    """What importing a bundle does to one indicator."""
    return _pick(
        {
            MergeKind.SAME: pgettext("merge", "Same on both sides", language),
            MergeKind.TAKE_INCOMING: pgettext("merge", "Taken from the bundle", language),
            MergeKind.KEEP_LOCAL: pgettext("merge", "Kept (newer here)", language),
            MergeKind.CONFLICT: pgettext("merge", "Changed on both sides", language),
        },
        kind,
    )


def key_enrolment(via: str, language: str) -> str:
    """How a trusted key came to be trusted ("card", "rotation", "own")."""
    return _pick(
        {
            "card": pgettext("key enrolment", "key card, checked in person", language),
            "rotation": pgettext(
                "key enrolment", "announced by the owner's previous key", language
            ),
            "own": pgettext("key enrolment", "this computer's own key", language),
        },
        via,
    )


def key_role(role: str, language: str) -> str:
    """What a key may do here: a team's key signs bundles; an office's also signs receipts."""
    return _pick(
        {
            "team": pgettext("key role", "an inspection team's key", language),
            "office": pgettext(
                "key role", "a reviewing office's key (its receipts acknowledge bundles)", language
            ),
            "province": pgettext(
                "key role",
                "the province office's key (an office's, and it publishes catalogue releases)",
                language,
            ),
            "": pgettext(
                "key role", "role not chosen yet (enrol its card again to choose)", language
            ),
        },
        role,
    )


HOLD_REASON_CODES = (
    "BUNDLE_UNKNOWN_SIGNER",
    "BUNDLE_REVOKED_SIGNER",
    "BUNDLE_REPLAYED",
    "BUNDLE_ID_REUSED",
    "IMPORT_CONFLICT",
    "IMPORT_ASSESSMENT_LOCKED",
    "IMPORT_UNKNOWN_UNIT",
    "AUDIT_CHAIN_BROKEN",
    "IMPORT_APPRAISAL_NOT_OFFICE",
    "IMPORT_APPRAISAL_FORGED",
    "IMPORT_CATALOGUE_NOT_MIGRATED",
    "IMPORT_MIGRATION_MISMATCH",
    "IMPORT_MIGRATION_CONFLICT",
)


def hold_reason(code: str, language: str) -> str:
    """A few words for why a bundle is held (a table column, the summary's list of communes left
    out); the details say more."""
    return _pick(
        {
            "BUNDLE_UNKNOWN_SIGNER": pgettext("hold reason", "Key not enrolled", language),
            "BUNDLE_REVOKED_SIGNER": pgettext("hold reason", "Key revoked", language),
            "BUNDLE_REPLAYED": pgettext("hold reason", "Bundle number already used", language),
            "BUNDLE_ID_REUSED": pgettext("hold reason", "Bundle id used twice", language),
            "IMPORT_CONFLICT": pgettext("hold reason", "Changed on both sides", language),
            "IMPORT_ASSESSMENT_LOCKED": pgettext(
                "hold reason", "Changes a finalised assessment", language
            ),
            "IMPORT_UNKNOWN_UNIT": pgettext(
                "hold reason", "Commune not in the unit list", language
            ),
            "AUDIT_CHAIN_BROKEN": pgettext("hold reason", "History does not verify", language),
            "IMPORT_APPRAISAL_NOT_OFFICE": pgettext(
                "hold reason", "Appraisal not signed by an office", language
            ),
            "IMPORT_APPRAISAL_FORGED": pgettext(
                "hold reason", "Appraisal not in its history", language
            ),
            "IMPORT_CATALOGUE_NOT_MIGRATED": pgettext(
                "hold reason", "Catalogue changed without a migration", language
            ),
            "IMPORT_MIGRATION_MISMATCH": pgettext(
                "hold reason", "Migration not from the version here", language
            ),
            "IMPORT_MIGRATION_CONFLICT": pgettext(
                "hold reason", "Taken-out figures changed here", language
            ),
        },
        code,
    )


RECEIPT_REASON_CODES = (
    "BUNDLE_CORRUPT",
    "BUNDLE_FORMAT_VERSION",
    "BUNDLE_TAMPERED",
    "BUNDLE_BAD_SIGNATURE",
    *HOLD_REASON_CODES,
    "QUARANTINE_REJECTED",
)


def receipt_reason(code: str, language: str) -> str:
    """What a reason code on a receipt means, said to its sender; "" for a code it does not know
    (a receipt carries codes only)."""
    return {
        "BUNDLE_CORRUPT": pgettext(
            "receipt reason", "The file was damaged or is not a bundle.", language
        ),
        "BUNDLE_FORMAT_VERSION": pgettext(
            "receipt reason", "The bundle was made by a newer version of the app.", language
        ),
        "BUNDLE_TAMPERED": pgettext(
            "receipt reason", "The file was changed after it was signed.", language
        ),
        "BUNDLE_BAD_SIGNATURE": pgettext(
            "receipt reason", "The signature does not match the file.", language
        ),
        "BUNDLE_UNKNOWN_SIGNER": pgettext(
            "receipt reason", "The office has not enrolled your key card yet.", language
        ),
        "BUNDLE_REVOKED_SIGNER": pgettext(
            "receipt reason", "Your key is revoked at the office for this bundle number.", language
        ),
        "BUNDLE_REPLAYED": pgettext(
            "receipt reason",
            "The office already received another bundle with this number.",
            language,
        ),
        "BUNDLE_ID_REUSED": pgettext(
            "receipt reason", "The office received another bundle with the same id.", language
        ),
        "IMPORT_CONFLICT": pgettext(
            "receipt reason",
            "Some indicators were changed both at the office and in the bundle.",
            language,
        ),
        "IMPORT_ASSESSMENT_LOCKED": pgettext(
            "receipt reason",
            "The office had already finalised an assessment in the bundle.",
            language,
        ),
        "IMPORT_UNKNOWN_UNIT": pgettext(
            "receipt reason",
            "The office's unit list does not have a commune of the bundle.",
            language,
        ),
        "AUDIT_CHAIN_BROKEN": pgettext(
            "receipt reason", "An assessment's history in the bundle does not verify.", language
        ),
        "IMPORT_APPRAISAL_NOT_OFFICE": pgettext(
            "receipt reason",
            "The bundle carries an appraisal, but it is not signed by an office's key.",
            language,
        ),
        "IMPORT_APPRAISAL_FORGED": pgettext(
            "receipt reason",
            "An appraisal in the bundle is not the one its office's history records.",
            language,
        ),
        "IMPORT_CATALOGUE_NOT_MIGRATED": pgettext(
            "receipt reason",
            "An assessment in the bundle is pinned to another catalogue version than the office's copy, and its history records no move to it.",
            language,
        ),
        "IMPORT_MIGRATION_MISMATCH": pgettext(
            "receipt reason",
            "An assessment in the bundle was moved to another catalogue version, but not from the version of the office's copy.",
            language,
        ),
        "IMPORT_MIGRATION_CONFLICT": pgettext(
            "receipt reason",
            "An assessment in the bundle was moved to another catalogue version, and the office had changed figures the move took out.",
            language,
        ),
        "QUARANTINE_REJECTED": pgettext(
            "receipt reason", "The office looked at the bundle and rejected it.", language
        ),
    }.get(code, "")
