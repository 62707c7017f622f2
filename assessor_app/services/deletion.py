"""Deleting an assessment: refused while a bundle that carries it is not yet acknowledged by the
office (bundle_export.require_deletable). Deleting only marks the row, audited with its reason:
figures, evidence and the audit chain stay in the store, so nothing is lost."""

from __future__ import annotations

from dataclasses import replace

from assessor_app.domain.assessment import require_reason
from assessor_app.services.assessments import require_assessment
from assessor_app.services.bundle_export import require_deletable
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repository import Repository


def delete_assessment(workspace: Workspace, assessment_id: int, reason: str) -> None:
    reason = require_reason(reason)

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        row = require_assessment(repo, assessment_id)
        require_deletable(repo, row.uid, assessment_id)
        now = workspace.clock()
        row = repo.save_assessment(replace(row, deleted_at=now, updated_at=now))
        repo.append_audit(
            row.uid,
            now,
            workspace.actor,
            "delete",
            f"assessment:{row.uid}",
            None,
            {"deleted_at": now},
            reason,
            assessment=row,
        )

    workspace.database.run_in_transaction(_work)
