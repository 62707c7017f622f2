"""The data source of an indicator's figures ("Sổ đăng ký khai sinh của UBND xã năm 2026"),
entered by whoever enters the figure; printed in the dossier's table and explanations. Every
change is audited like a value change (`set_source`: the old text → the new, None for none)."""

from __future__ import annotations

from assessor_app.domain.text import SOURCE, checked_clean, clean
from assessor_app.services.team import editable_row
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repository import Repository


def checked_source(text: str) -> str:
    """The source as stored: NFC, white space folded, within `SOURCE`'s limits (else
    TEXT_TOO_LONG or TEXT_CONTROL_CHARACTER). The bundle import checks with it too."""
    return checked_clean(text, SOURCE)


def set_source(workspace: Workspace, assessment_id: int, indicator: str, text: str) -> bool:
    """Store where the figures of `indicator` come from; an empty text removes the source.
    Returns False when nothing changed (no audit entry then)."""
    text = checked_source(text)

    def _work(session: WriteSession) -> bool:
        repo = Repository(session)
        row = editable_row(repo, assessment_id)
        code = workspace.catalogue_of(row.catalogue).require_indicator(clean(indicator)).code
        current = repo.sources(row.id).get(code)
        old = current.text if current is not None else None
        if (old or "") == text:
            return False
        now = workspace.clock()
        repo.set_source(row.id, code, text, workspace.actor, now)
        repo.append_audit(
            row.uid,
            now,
            workspace.actor,
            "set_source",
            f"indicator:{code}",
            old,
            text or None,
            assessment=row,
        )
        return True

    return workspace.database.run_in_transaction(_work)
