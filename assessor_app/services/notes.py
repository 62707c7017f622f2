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
from assessor_app.storage.evidence import StoredBlob
from assessor_app.storage.repository import Repository
from assessor_app.storage.schema import (
    AssessmentRow,
    EvidenceBlobRow,
    EvidenceLinkRow,
    IndicatorCommentRow,
    IndicatorFlagRow,
)


def _indicator(workspace: Workspace, row: AssessmentRow, code: str) -> str:
    return workspace.catalogue_of(row.catalogue).require_indicator(clean(code)).code


def add_comment(
    workspace: Workspace, assessment_id: int, indicator: str, text: str
) -> CommentRecord:
    text = checked_clean(text, COMMENT)
    if not text:
        raise InputError("COMMENT_EMPTY", N_("The comment is empty."))
    with workspace.database.transaction() as session:
        repo = Repository(session)
        row = editable_row(repo, assessment_id)
        code = _indicator(workspace, row, indicator)
        now = workspace.clock()
        comment = IndicatorCommentRow(
            uid=str(uuid.uuid4()),
            assessment_id=row.id,
            indicator_code=code,
            text=text,
            author=workspace.actor,
            at=now,
        )
        session.add(comment)
        session.flush()
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


def set_follow_up(
    workspace: Workspace, assessment_id: int, indicator: str, follow_up: bool
) -> None:
    with workspace.database.transaction() as session:
        repo = Repository(session)
        row = editable_row(repo, assessment_id)
        code = _indicator(workspace, row, indicator)
        flag = repo.flag(row.id, code)
        old = flag.follow_up if flag else False
        if old == follow_up:
            return
        if flag is None:
            session.add(
                IndicatorFlagRow(assessment_id=row.id, indicator_code=code, follow_up=follow_up)
            )
        else:
            flag.follow_up = follow_up
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
        with workspace.database.transaction() as session:
            repo = Repository(session)
            row = editable_row(repo, assessment_id)
            now = workspace.clock()
            if repo.blob(blob.sha256) is None:
                session.add(EvidenceBlobRow(sha256=blob.sha256, size=blob.size, stored_at=now))
            link = EvidenceLinkRow(
                uid=str(uuid.uuid4()),
                assessment_id=row.id,
                indicator_code=code,
                sha256=blob.sha256,
                filename=clean(source.name),
                caption=caption,
                added_by=workspace.actor,
                added_at=now,
                removed_at=None,
            )
            session.add(link)
            session.flush()
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
    except BaseException:
        if blob.created:  # leave the disk as it was
            workspace.evidence.discard(blob.sha256)
        raise


def remove_evidence(
    workspace: Workspace, assessment_id: int, link_id: int, reason: str = ""
) -> None:
    """Unlink evidence (the file stays: another link or a sent bundle may still need it); audited."""
    reason = optional_reason(reason)
    with workspace.database.transaction() as session:
        repo = Repository(session)
        row = editable_row(repo, assessment_id)
        link = next((e for e in repo.evidence(row.id) if e.id == link_id), None)
        if link is None:
            raise NotFoundError(
                "EVIDENCE_NOT_FOUND", N_("There is no evidence {evidence}."), evidence=link_id
            )
        now = workspace.clock()
        link.removed_at = now
        repo.append_audit(
            row.uid,
            now,
            workspace.actor,
            "remove_evidence",
            f"indicator:{link.indicator_code}",
            {"sha256": link.sha256, "filename": link.filename},
            None,
            reason,
            assessment=row,
        )


def set_caption(workspace: Workspace, assessment_id: int, link_id: int, caption: str) -> None:
    caption = checked_clean(caption, CAPTION)
    with workspace.database.transaction() as session:
        repo = Repository(session)
        row = editable_row(repo, assessment_id)
        link = next((e for e in repo.evidence(row.id) if e.id == link_id), None)
        if link is None:
            raise NotFoundError(
                "EVIDENCE_NOT_FOUND", N_("There is no evidence {evidence}."), evidence=link_id
            )
        old, link.caption = link.caption, caption
        repo.append_audit(
            row.uid,
            workspace.clock(),
            workspace.actor,
            "caption_evidence",
            f"evidence:{link.id}",
            old,
            link.caption,
            assessment=row,
        )
