"""Rules both sides of a bundle archive share: the limits a receiving office applies, and the
file names that are safe on Linux and Windows alike (bundles/archive.py reads, zip_writer.py
writes; the writer refuses what the reader would)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from assessor_app.bundles.errors import BundleError, corrupt
from assessor_app.domain.errors import N_

CHUNK = 1024 * 1024
MiB = 1024 * 1024
GiB = 1024 * MiB
MAX_NAME_CHARS = 1024
DOS_DIRECTORY = 0x10  # the MS-DOS "folder" attribute bit of a ZIP entry
_WINDOWS_FORBIDDEN = set('\\:*?"<>|')
_WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{digit}" for digit in range(1, 10)),
    *(f"LPT{digit}" for digit in range(1, 10)),
}


@dataclass(frozen=True)
class ArchiveLimits:
    """What a receiving office accepts: 4 GiB in all, 2 GiB per file, 20,000 entries, and a
    compression ratio of 200 for files and totals of at least `ratio_min_bytes` (1 MiB: below
    that a file cannot be a bomb, and small JSON files legitimately compress very well)."""

    max_total_bytes: int = 4 * GiB
    max_entries: int = 20_000
    max_ratio: int = 200
    max_entry_bytes: int = 2 * GiB
    ratio_min_bytes: int = 1 * MiB


DEFAULT_LIMITS = ArchiveLimits()


def unsafe_name(name: str) -> bool:
    """True unless `name` is a plain relative path ("a/b/c") that is safe on Linux and Windows."""
    if not name or len(name) > MAX_NAME_CHARS or name.startswith("/"):
        return True
    for char in name:
        if char in _WINDOWS_FORBIDDEN or unicodedata.category(char).startswith("C"):
            return True  # C*: control, format (bidi overrides), surrogate, private, unassigned
    for part in name.split("/"):
        if part in ("", ".", "..") or part != part.rstrip(". "):
            return True
        if len(part.encode("utf-8")) > 255:
            return True
        if part.split(".", 1)[0].rstrip(" ").upper() in _WINDOWS_RESERVED:
            return True
    return False


def fold_name(name: str) -> str:
    """The key under which two names would land on the same file on some file system."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def damaged_entry(name: str) -> BundleError:
    """An entry whose size or checksum is wrong (it inflates past, or stops short of, what it
    declares, or its header is not where the directory says)."""
    return corrupt(
        N_(
            "The file {name} in the bundle is damaged (its size or checksum is wrong). Copy the "
            "bundle again, or ask the sender for a new copy."
        ),
        name=name,
    )
