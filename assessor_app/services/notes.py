"""Per-indicator comments, follow-up flags and evidence files; every change audited."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from assessor_app.domain.assessment import optional_reason
from assessor_app.domain.errors import N_, InputError, NotFoundError
from assessor_app.domain.text import CAPTION, COMMENT, checked_clean, clean
from assessor_app.services.records import CommentRecord, EvidenceRecord
from assessor_app.services.team import editable_row
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.evidence import StoredBlob
from assessor_app.storage.records import AssessmentRecord
from assessor_app.storage.repository import Repository


def _indicator(workspace: Workspace, row: AssessmentRecord, code: str) -> str:
    return workspace.catalogue_of(row.catalogue).require_indicator(clean(code)).code


def add_comment(
    workspace: Workspace, assessment_id: int, indicator: str, text: str
) -> CommentRecord:
    text = checked_clean(text, COMMENT)
    if not text:
        raise InputError("COMMENT_EMPTY", N_("The comment is empty."))

    def _work(session: WriteSession) -> CommentRecord:
        repo = Repository(session)
        row = editable_row(repo, assessment_id)
        code = _indicator(workspace, row, indicator)
        now = workspace.clock()
        comment = repo.add_comment(row.id, str(uuid.uuid4()), code, text, workspace.actor, now)
        repo.append_audit(
            row.uid,
            now,
            workspace.actor,
            "comment",
            f"indicator:{code}",
            None,
            text,
            assessment=row,
        )
        return CommentRecord(comment.id, code, text, workspace.actor, now)

    return workspace.database.run_in_transaction(_work)


def set_follow_up(
    workspace: Workspace, assessment_id: int, indicator: str, follow_up: bool
) -> None:
    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        row = editable_row(repo, assessment_id)
        code = _indicator(workspace, row, indicator)
        old = repo.flags(row.id).get(code, False)
        if old == follow_up:
            return
        repo.set_flag(row.id, code, follow_up)
        repo.append_audit(
            row.uid,
            workspace.clock(),
            workspace.actor,
            "follow_up",
            f"indicator:{code}",
            old,
            follow_up,
            assessment=row,
        )

    workspace.database.run_in_transaction(_work)


def attach_evidence(
    workspace: Workspace,
    assessment_id: int,
    indicator: str,
    path: str | Path,
    caption: str = "",
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> EvidenceRecord:
    """Copy a file into the evidence store (once per content) and link it to an indicator."""
    caption = checked_clean(caption, CAPTION)  # before copying a large file for nothing
    source = Path(path)
    if source.is_dir():  # typed on the command line: "does not exist" would mislead
        raise InputError("FILE_IS_FOLDER", N_("{path} is a folder, not a file."), path=str(path))
    if not source.is_file():
        raise InputError("FILE_NOT_FOUND", N_("The file {path} does not exist."), path=str(path))
    with workspace.database.reading() as session:  # check before copying a large file for nothing
        row = editable_row(Repository(session), assessment_id)
        code = _indicator(workspace, row, indicator)
    try:
        blob: StoredBlob = workspace.evidence.put_file(
            source, progress=progress, cancelled=cancelled
        )
    except PermissionError:
        raise InputError(
            "FILE_NOT_READABLE",
            N_("The file {path} cannot be read (permission denied)."),
            path=str(path),
        ) from None
    try:

        def _work(session: WriteSession) -> EvidenceRecord:
            repo = Repository(session)
            row = editable_row(repo, assessment_id)
            now = workspace.clock()
            repo.ensure_blob(blob.sha256, blob.size, now)
            link = repo.add_evidence_link(
                row.id,
                str(uuid.uuid4()),
                code,
                blob.sha256,
                clean(source.name),
                caption,
                workspace.actor,
                now,
            )
            repo.append_audit(
                row.uid,
                now,
                workspace.actor,
                "attach_evidence",
                f"indicator:{code}",
                None,
                {"sha256": blob.sha256, "filename": link.filename, "caption": link.caption},
                assessment=row,
            )
            return EvidenceRecord(
                link.id,
                code,
                blob.sha256,
                blob.size,
                link.filename,
                link.caption,
                link.added_by,
                now,
            )

        return workspace.database.run_in_transaction(_work)
    except BaseException:
        if blob.created:  # leave the disk as it was
            workspace.evidence.discard(blob.sha256)
        raise


def remove_evidence(
    workspace: Workspace, assessment_id: int, link_id: int, reason: str = ""
) -> None:
    """Unlink evidence (the file stays: another link or a sent bundle may still need it); audited."""
    reason = optional_reason(reason)

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        row = editable_row(repo, assessment_id)
        link = next((e for e in repo.evidence_links(row.id) if e.id == link_id), None)
        if link is None:
            raise NotFoundError(
                "EVIDENCE_NOT_FOUND", N_("There is no evidence {evidence}."), evidence=link_id
            )
        now = workspace.clock()
        repo.mark_evidence_removed(link.id, now)
        repo.append_audit(
            row.uid,
            now,
            workspace.actor,
            "remove_evidence",
            f"indicator:{link.indicator}",
            {"sha256": link.sha256, "filename": link.filename},
            None,
            reason,
            assessment=row,
        )

    workspace.database.run_in_transaction(_work)


def set_caption(workspace: Workspace, assessment_id: int, link_id: int, caption: str) -> None:
    caption = checked_clean(caption, CAPTION)

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        row = editable_row(repo, assessment_id)
        link = next((e for e in repo.evidence_links(row.id) if e.id == link_id), None)
        if link is None:
            raise NotFoundError(
                "EVIDENCE_NOT_FOUND", N_("There is no evidence {evidence}."), evidence=link_id
            )
        old = link.caption
        repo.set_evidence_caption(link.id, caption)
        repo.append_audit(
            row.uid,
            workspace.clock(),
            workspace.actor,
            "caption_evidence",
            f"evidence:{link.id}",
            old,
            caption,
            assessment=row,
        )

    workspace.database.run_in_transaction(_work)
