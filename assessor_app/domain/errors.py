"""Expected errors: each carries a stable code and parameters, never UI text.

The message templates here are English msgids; `assessor_app.i18n` translates them (Vietnamese by
default). Only bugs are raised as anything else.
"""

from __future__ import annotations

from typing import Any

from assessor_app.core.messages import N_, Message, fill
from assessor_app.core.progress import OperationCancelled

__all__ = [
    "N_",
    "AssessorError",
    "CatalogueError",
    "InputError",
    "NotFoundError",
    "OperationCancelled",
    "StateError",
    "StoreError",
]


class AssessorError(Exception):
    """Base of all expected errors. `code` is stable and documented; `params` fill the template.

    `code` and `template` are positional-only, so a template may itself use a `{code}` parameter.
    """

    kind = "input"
    template = N_("Invalid input.")

    def __init__(self, code: str, template: str | None = None, /, **params: Any) -> None:
        self.code = code
        if template is not None:
            self.template = template
        self.params = params
        super().__init__(self.english())

    def english(self) -> str:
        return fill(self.template, self.params)

    @property
    def message(self) -> Message:
        """What the error says, as the one message type (code, template, params)."""
        return Message(self.code, self.template, dict(self.params))


class InputError(AssessorError):
    """A value, file or argument supplied by the user is wrong."""

    kind = "input"


class CatalogueError(InputError):
    """A criteria catalogue is malformed or inconsistent."""


class NotFoundError(AssessorError):
    """Something named by the user does not exist."""

    kind = "not_found"


class StateError(AssessorError):
    """The operation is not allowed in the current state (e.g. editing a finalised assessment)."""

    kind = "state"


class StoreError(AssessorError):
    """The local store cannot be used (newer than the app, unreadable, disk full...)."""

    kind = "store"

    @property
    def retryable(self) -> bool:
        """Nothing was changed and the same action may succeed later (busy store, full disk):
        screens keep what the user typed instead of reloading."""
        return self.code in RETRYABLE_STORE_CODES


# Codes of StoreError after which nothing changed and trying again later may succeed.
RETRYABLE_STORE_CODES = ("STORE_BUSY", "STORE_DISK_FULL", "STORE_CONNECTION_LOST")
