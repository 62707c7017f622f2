"""The release manifest of a signed catalogue release (docs/bundle-format.md, "Catalogue
releases"): `data/release.json` in a bundle of the ordinary container and signature, beside
`data/catalogues/<hash>.json`. Written by services/catalogue_release.py, read (every field
checked, nothing trusted) by services/catalogue_release_import.py.

A bundle is a release when its payload holds `release.json`; a dossier bundle holds
`bundle.json`. The import dispatches on that (`RELEASE_FILE`), after the bundle authenticated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from assessor_app.domain.errors import N_, InputError
from assessor_app.services.merge_model import corrupt
from assessor_app.storage.repositories.procedures import StoredOverride

RELEASE_FILE = "release.json"
RELEASE_FORMAT = "assessor-catalogue-release"
RELEASE_KIND = "catalogue-release"
RELEASE_VERSION = 1
MAX_CATALOGUES = 16
MAX_PROCEDURE_ITEMS = 500
MAX_TEXT = 500

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_PROCEDURE_FIELDS = (
    "regime",
    "item",
    "period_from",
    "field",
    "value",
    "reason",
    "set_at",
    "set_by",
)


@dataclass(frozen=True)
class ReleasedCatalogue:
    code: str
    version: str
    content_hash: str

    @property
    def path(self) -> str:
        return f"catalogues/{self.content_hash}.json"


@dataclass(frozen=True)
class ReleaseManifest:
    release_id: str  # the bundle's id
    in_force_from: str  # YYYY-MM-DD
    publisher: str  # the publishing office
    publisher_code: str  # its unit code ("" when the profile names none)
    published_by: str  # the person
    published_at: str  # UTC
    catalogues: tuple[ReleasedCatalogue, ...]
    procedure: tuple[StoredOverride, ...] = ()

    def to_json(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "format": RELEASE_FORMAT,
            "kind": RELEASE_KIND,
            "version": RELEASE_VERSION,
            "release_id": self.release_id,
            "in_force_from": self.in_force_from,
            "publisher": {
                "office": self.publisher,
                "office_code": self.publisher_code,
                "person": self.published_by,
            },
            "published_at": self.published_at,
            "catalogues": [
                {"code": c.code, "version": c.version, "hash": c.content_hash}
                for c in self.catalogues
            ],
        }
        if self.procedure:
            document["procedure"] = [
                {name: getattr(item, name) for name in _PROCEDURE_FIELDS} for item in self.procedure
            ]
        return document


def _text(value: Any, where: str, allow_empty: bool = False) -> str:
    if (
        not isinstance(value, str)
        or (not value and not allow_empty)
        or len(value) > MAX_TEXT
        or any(ord(ch) < 32 for ch in value)
    ):
        raise corrupt(f"data/{RELEASE_FILE}", f"{where} is not valid text")
    return value


def _day(value: Any) -> str:
    text = _text(value, "in_force_from")
    try:
        if date.fromisoformat(text).isoformat() != text:
            raise ValueError(text)
    except ValueError:
        raise corrupt(f"data/{RELEASE_FILE}", "in_force_from is not a date YYYY-MM-DD") from None
    return text


def _catalogues(value: Any) -> tuple[ReleasedCatalogue, ...]:
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_CATALOGUES:
        raise corrupt(f"data/{RELEASE_FILE}", "the list of catalogues is not valid")
    found: list[ReleasedCatalogue] = []
    for item in value:
        if not isinstance(item, dict) or set(item) != {"code", "version", "hash"}:
            raise corrupt(f"data/{RELEASE_FILE}", "a catalogue entry is not valid")
        digest = item["hash"]
        if not isinstance(digest, str) or not _HEX64.match(digest):
            raise corrupt(f"data/{RELEASE_FILE}", "a catalogue hash is not valid")
        found.append(
            ReleasedCatalogue(
                _text(item["code"], "code"), _text(item["version"], "version"), digest
            )
        )
    if len({c.content_hash for c in found}) != len(found):
        raise corrupt(f"data/{RELEASE_FILE}", "a catalogue is listed twice")
    return tuple(found)


def _procedure(value: Any) -> tuple[StoredOverride, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > MAX_PROCEDURE_ITEMS:
        raise corrupt(f"data/{RELEASE_FILE}", "the procedure values are not valid")
    items = []
    for item in value:
        if not isinstance(item, dict) or set(item) != set(_PROCEDURE_FIELDS):
            raise corrupt(f"data/{RELEASE_FILE}", "a procedure value is not valid")
        items.append(
            StoredOverride(
                *(_text(item[name], name, name == "reason") for name in _PROCEDURE_FIELDS)
            )
        )
    return tuple(items)


def parse_manifest(document: Any) -> ReleaseManifest:
    """The checked release manifest; BUNDLE_CORRUPT for anything else, BUNDLE_FORMAT_VERSION
    for a release of a newer format."""
    if (
        not isinstance(document, dict)
        or document.get("format") != RELEASE_FORMAT
        or document.get("kind") != RELEASE_KIND
    ):
        raise corrupt(f"data/{RELEASE_FILE}", "not a catalogue release manifest")
    if document.get("version") != RELEASE_VERSION:
        raise InputError(
            "BUNDLE_FORMAT_VERSION",
            N_("The release has format version {version}; this app reads version {known}."),
            version=str(document.get("version")),
            known=RELEASE_VERSION,
        )
    publisher = document.get("publisher")
    if not isinstance(publisher, dict) or set(publisher) != {"office", "office_code", "person"}:
        raise corrupt(f"data/{RELEASE_FILE}", "the publisher is not valid")
    return ReleaseManifest(
        release_id=_text(document.get("release_id"), "release_id"),
        in_force_from=_day(document.get("in_force_from")),
        publisher=_text(publisher["office"], "publisher"),
        publisher_code=_text(publisher["office_code"], "office_code", allow_empty=True),
        published_by=_text(publisher["person"], "person"),
        published_at=_text(document.get("published_at"), "published_at"),
        catalogues=_catalogues(document.get("catalogues")),
        procedure=_procedure(document.get("procedure")),
    )
