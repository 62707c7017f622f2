"""Finalise and reopen from the editor: ask in a dialog, then change the status on the write queue
(after every save still on it), so the GUI never waits for the store or for signing. And the
changes held after another officer's (ui/editor/held_dialog.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtWidgets import QDialog

from assessor_app import i18n
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.errors import AssessorError
from assessor_app.services import assessments, held_changes, keys
from assessor_app.services.records import AssessmentDetail
from assessor_app.texts import labels
from assessor_app.ui.editor.finalize_dialogs import FinaliseDialog, ReopenDialog

if TYPE_CHECKING:
    from assessor_app.ui.editor.editor_view import AssessmentEditor

DialogRunner = Callable[[QDialog], int]


def exec_dialog(dialog: QDialog) -> int:
    return dialog.exec()


def _accepted(result: int) -> bool:
    return int(result) == QDialog.DialogCode.Accepted.value


def follow_ups(editor: AssessmentEditor) -> list[str]:
    """The indicators still marked "needs follow-up", in catalogue order, with their titles."""
    session = editor.session
    return [
        f"{indicator.code}  {labels.part_title(indicator, i18n.language())}"
        for criterion in session.catalogue.criteria
        for indicator in criterion.indicators
        if session.follow_up.get(indicator.code, False)
    ]


def build_finalise_dialog(editor: AssessmentEditor) -> FinaliseDialog:
    signing = keys.key_info(editor.context.workspace) is not None
    return FinaliseDialog(
        editor.title, editor.session.preview(), editor, signing, follow_ups(editor)
    )


def finalise(editor: AssessmentEditor) -> None:
    """Show the verdict with every reason; finalise when the user confirms."""
    editor.flush()
    editor.context.writes.wait_idle()  # the verdict shown is the one of the stored figures
    if not editor.session.editable:
        return
    dialog = editor.build_finalise_dialog()
    try:
        confirmed = _accepted(editor.run_dialog(dialog))
        passphrase = dialog.typed_passphrase()
    finally:
        dialog.deleteLater()
    if confirmed:
        workspace, assessment_id = editor.context.workspace, editor.assessment_id
        _change_status(editor, lambda: assessments.finalize(workspace, assessment_id, passphrase))


def reopen(editor: AssessmentEditor) -> None:
    """Ask for the reason (required) and reopen a finalised assessment."""
    if editor.session.editable:
        return
    dialog = ReopenDialog(editor.title, editor)
    try:
        confirmed = _accepted(editor.run_dialog(dialog))
        reason = dialog.reason()
    finally:
        dialog.deleteLater()
    if confirmed:
        workspace, assessment_id = editor.context.workspace, editor.assessment_id
        _change_status(editor, lambda: assessments.reopen(workspace, assessment_id, reason))


def _change_status(editor: AssessmentEditor, change: Callable[[], AssessmentDetail]) -> None:
    def work(_progress: Progress, _cancelled: Cancelled) -> AssessmentDetail:
        return change()

    context = editor.context

    def failed(error: BaseException) -> None:
        if not shiboken6.isValid(editor):  # the tab was closed meanwhile
            context.errors.report(None, error)
            return
        editor.context.errors.report(editor, error)
        editor.reload()

    def done(detail: Any) -> None:
        assert isinstance(detail, AssessmentDetail)
        if shiboken6.isValid(editor):
            editor.after_status_change(detail)

    editor.header.finalise_button.setEnabled(False)  # busy: no second click meanwhile
    editor.header.reopen_button.setEnabled(False)
    editor.context.writes.run(work, done, parent=editor, on_error=failed, busy=editor)


def show_held(editor: AssessmentEditor) -> None:
    """The header's notice of the assessment's held changes."""
    try:
        count = len(held_changes.list_held(editor.context.workspace, editor.assessment_id))
    except AssessorError:  # the store is busy: the notice waits for the next reload
        return
    editor.header.show_held(count)


def open_held(editor: AssessmentEditor) -> None:
    """The held changes of the assessment, to apply or discard."""
    from assessor_app.ui.editor.held_dialog import HeldChangesDialog  # opened rarely

    dialog = HeldChangesDialog(editor.context, editor.assessment_id, editor.title, editor)
    try:
        editor.run_dialog(dialog)
    finally:
        dialog.deleteLater()
    editor.reload()
    editor.show_held()
