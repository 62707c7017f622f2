"""Exit codes of the command line (documented in docs/cli.md)."""

from __future__ import annotations

from assessor_app.domain.errors import AssessorError

OK = 0
UNEXPECTED = 1
USAGE = 2
INVALID_INPUT = 3
NOT_FOUND = 4
STATE = 5
STORE = 6
AUDIT_BROKEN = 7

BY_KIND = {"input": INVALID_INPUT, "not_found": NOT_FOUND, "state": STATE, "store": STORE}


def for_error(error: AssessorError) -> int:
    return BY_KIND.get(error.kind, INVALID_INPUT)
