"""Copies of the store: why each was made, and how its file is named.

A copy's name says everything a person choosing one needs, without opening it:
`assessor-upgrade-20261206T203000Z-schema-0006.sqlite3` is the store as it was before it was
upgraded from schema 0006, at 20:30:00 UTC on 6 December 2026. Each kind keeps its last few copies
(`KEEP`); copies made by hand are never removed by the app. A copy of a PostgreSQL store is a
`pg_dump` archive (custom format) named the same way with `.pgdump` at the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum


class BackupKind(StrEnum):
    UPGRADE = "upgrade"  # before a new version of the app migrated the store
    DAILY = "daily"  # the first use of the app each day
    IMPORT = "import"  # before a bundle was imported
    RESTORE = "restore"  # the store as it was before another copy was restored over it
    MANUAL = "manual"  # made by a person (`assessor-app store backup`)


KEEP: dict[BackupKind, int | None] = {
    BackupKind.UPGRADE: 5,
    BackupKind.DAILY: 7,
    BackupKind.IMPORT: 10,
    BackupKind.RESTORE: 5,
    BackupKind.MANUAL: None,  # never removed by the app
}

SUFFIX = ".sqlite3"
DUMP_SUFFIX = ".pgdump"  # a PostgreSQL store's copy: pg_dump's custom format
_NAME = re.compile(
    r"^assessor-(?P<kind>[a-z]+)-(?P<stamp>\d{8}T\d{6}Z)-schema-(?P<revision>[0-9A-Za-z_]+|none)"
    r"(?:-(?P<n>\d+))?(?P<suffix>\.sqlite3|\.pgdump)$"
)


@dataclass(frozen=True)
class BackupName:
    kind: BackupKind
    made_at: str  # UTC, as the store writes time stamps: 2026-12-06T20:30:00Z
    revision: str | None  # the schema of the copy; None for a store that had none yet
    suffix: str = SUFFIX  # SUFFIX, or DUMP_SUFFIX for a copy of a PostgreSQL store

    def file_name(self, number: int = 0) -> str:
        """The file name; `number` tells apart two copies made in the same second."""
        moment = datetime.fromisoformat(self.made_at.replace("Z", "+00:00")).astimezone(UTC)
        extra = f"-{number}" if number else ""
        revision = self.revision or "none"
        return f"assessor-{self.kind.value}-{moment:%Y%m%dT%H%M%SZ}-schema-{revision}{extra}{self.suffix}"


def parse_backup_name(name: str) -> BackupName | None:
    """What a copy's file name says, or None for a file that is not a copy of ours."""
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        kind = BackupKind(match["kind"])
        moment = datetime.strptime(match["stamp"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None
    revision = None if match["revision"] == "none" else match["revision"]
    return BackupName(kind, moment.isoformat().replace("+00:00", "Z"), revision, match["suffix"])
