"""Undoable changes of a stored figure.

A `SetValueCommand` is pushed when the editor sends the new value to the write queue, so its first
`redo` does nothing; later undo/redo send the old/new value again through the editor (which queues
`services.assessments.set_value_object` after the saves before it, shows the indicator and its new
figures at once, and announces the change once stored). If `apply_value` refuses at once, the
command removes itself from the stack; if the store refuses later (e.g. the assessment was
finalised meanwhile), the editor clears the stack, since it no longer matches what is stored.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from assessor_app.domain.values import Value
from assessor_app.i18n import _

UNDO_REASON = "undo"
REDO_REASON = "redo"


class ValueStore(Protocol):
    def apply_value(self, code: str, value: Value | None, reason: str) -> bool:
        """Store `value` (None clears it) for indicator `code`; False when it was refused."""
        ...


class SetValueCommand(QUndoCommand):
    def __init__(
        self,
        store: ValueStore,
        code: str,
        old: Value | None,
        new: Value | None,
        *,
        already_done: bool = True,
    ) -> None:
        if new is None:
            text = _("Clear {indicator}").format(indicator=code)
        else:
            text = _("Change {indicator}").format(indicator=code)
        super().__init__(text)
        self.store, self.code, self.old, self.new = store, code, old, new
        self._skip_first_redo = already_done

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        if not self.store.apply_value(self.code, self.new, REDO_REASON):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self.store.apply_value(self.code, self.old, UNDO_REASON):
            self.setObsolete(True)
