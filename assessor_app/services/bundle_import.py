"""Verifying and importing signed dossier bundles (docs/bundle-format.md, "Verification" and
"Import"): the one entry point of the four steps, each in a module of its own.

1. verify (services/import_verify.py): unpack into a fresh folder under the data home's
   `incoming/` (always removed afterwards), check the file (safe extraction, hashes, signature),
   read every payload document (never trusting it), ask the trust store about the signer and the
   sequence number. `verify` writes nothing.
2. decide (import_decide.py): accepted, held in quarantine, or rejected, and why.
3. plan (import_plan.py): the merge plan of each assessment; `preview` changes nothing.
4. apply (import_apply.py): in ONE transaction, merge (accepted) or keep a copy in `quarantine/`
   with the reasons (services/quarantine.py), then write a receipt for the sender. On any error
   the store is exactly as before and the evidence files this import wrote are removed.
"""

from __future__ import annotations

from assessor_app.services.import_apply import (
    ImportResult,
    apply,
    run_held,
    unlock_for_receipt,
)
from assessor_app.services.import_decide import (
    ACCEPTED,
    QUARANTINED,
    REFUSED_SIGNERS,
    REJECTED,
    RESOLVABLE,
)
from assessor_app.services.import_hold import BUNDLE_SUFFIX, info_from_json, quarantine_dir
from assessor_app.services.import_plan import ImportPlan, normalise_choices, preview
from assessor_app.services.import_verify import (
    PAYLOAD_VERSION,
    REJECTING,
    TRUST_CODES,
    VERIFY_CODES,
    VerifyReport,
    unpack_folder,
    verify,
)
from assessor_app.services.merge import Reason

__all__ = [
    "ACCEPTED",
    "BUNDLE_SUFFIX",
    "PAYLOAD_VERSION",
    "QUARANTINED",
    "REFUSED_SIGNERS",
    "REJECTED",
    "REJECTING",
    "RESOLVABLE",
    "TRUST_CODES",
    "VERIFY_CODES",
    "ImportPlan",
    "ImportResult",
    "Reason",
    "VerifyReport",
    "apply",
    "info_from_json",
    "normalise_choices",
    "preview",
    "quarantine_dir",
    "run_held",
    "unlock_for_receipt",
    "unpack_folder",
    "verify",
]
