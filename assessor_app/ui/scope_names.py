"""The items of a scope picker (which province or district a report, the dashboard or the plan
covers): by name, as an official names the area ("Tỉnh Lạng Sơn", "Huyện Hữu Lũng"); the
statistics code follows a name only when two choices share it, the one case where a reader needs
it. The code stays the item's data: it is what the services take."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtWidgets import QComboBox

from assessor_app.domain.text import nfc


class Scope(Protocol):
    """What a picker reads of the services' scope: its name and its code."""

    @property
    def name(self) -> str: ...

    @property
    def code(self) -> str: ...


def scope_labels(scopes: Sequence[Scope]) -> list[str]:
    """One label per scope, in order: its name, with "(code)" where the name is not unique."""

    def key(scope: Scope) -> str:
        return nfc(scope.name).strip().casefold()

    counts = Counter(key(scope) for scope in scopes)
    return [
        f"{scope.name} ({scope.code})" if counts[key(scope)] > 1 else scope.name for scope in scopes
    ]


def add_scopes(box: QComboBox, scopes: Sequence[Scope]) -> None:
    for scope, label in zip(scopes, scope_labels(scopes), strict=True):
        box.addItem(label, scope.code)
