"""The one way long operations report progress and learn that the user cancelled.

A long operation takes `progress(done, total)` and `cancelled()` callables; when `cancelled()`
says yes it undoes what it started and raises `OperationCancelled`.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class OperationCancelled(Exception):
    """The user cancelled a long operation; whatever it started has been undone."""
