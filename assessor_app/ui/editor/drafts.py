"""Bad input the user left behind: kept on screen rather than silently dropped.

Leaving an indicator whose figures are not valid stores nothing (as always), but the typed texts
are kept here; coming back shows them again with their error, and the header lists the indicators
that hold such figures until each is corrected, cleared, or replaced by a stored change (undo, redo,
a change made elsewhere)."""

from __future__ import annotations

from assessor_app.ui.editor.field_message import InputKind
from assessor_app.ui.editor.value_inputs import ValueInput


class InvalidDrafts:
    def __init__(self) -> None:
        self.texts: dict[str, tuple[str, ...]] = {}

    def keep(self, code: str, value_input: ValueInput) -> None:
        """Remember the input's texts when they are not valid (forget them otherwise)."""
        if value_input.read().kind is InputKind.INVALID:
            self.texts[code] = value_input.raw()
        else:
            self.texts.pop(code, None)

    def restore(self, code: str, value_input: ValueInput) -> bool:
        """Show the texts kept for `code` in its input again, with their error."""
        texts = self.texts.get(code)
        if texts is None:
            return False
        value_input.show_raw(texts)
        return True

    def drop(self, code: str) -> bool:
        return self.texts.pop(code, None) is not None

    def clear(self) -> None:
        self.texts.clear()

    def codes(self) -> list[str]:
        return list(self.texts)  # in the order they were left
