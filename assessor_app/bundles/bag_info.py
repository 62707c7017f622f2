"""A bundle's description: the fields of its bag-info.txt (docs/bundle-format.md), checked both
ways, and the strict reader of BagIt tag files."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from assessor_app.bundles.errors import BundleError, corrupt
from assessor_app.domain.errors import N_
from assessor_app.domain.text import clean

BUNDLE_FORMAT_VERSION = 1

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_SEQUENCE = re.compile(r"^[1-9][0-9]{0,17}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class BundleInfo:
    """The bundle's own fields of bag-info.txt (docs/bundle-format.md).

    `supersedes` is None when the bundle replaces none (an empty `Supersedes:` in the file); the
    lists are comma-separated in the file; `created` is ISO 8601 with a time zone
    (services.clock.utc_now()); ids are canonical lower-case UUIDs; `key_id` is the signer's
    fingerprint.
    """

    bundle_id: str
    device_id: str
    key_id: str
    sequence: int
    supersedes: str | None
    catalogue_codes: tuple[str, ...]
    catalogue_hashes: tuple[str, ...]
    unit_lists: tuple[str, ...]
    created: str
    contains_drafts: bool
    organization: str
    contact: str

    def __post_init__(self) -> None:
        # Accept lists from callers; store tuples so that the info is immutable and comparable.
        for name in ("catalogue_codes", "catalogue_hashes", "unit_lists"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        if self.supersedes == "":
            object.__setattr__(self, "supersedes", None)
        # Names typed by people: NFC, one space between words, no line breaks (a tag file line).
        object.__setattr__(self, "organization", clean(self.organization))
        object.__setattr__(self, "contact", clean(self.contact))

    def invalid_field(self) -> str | None:
        """The bag-info name of the first invalid field, or None."""
        checks: list[tuple[str, bool]] = [
            ("Bundle-Id", _is_uuid(self.bundle_id)),
            ("Device-Id", _is_uuid(self.device_id)),
            ("Key-Id", bool(_HEX64.match(self.key_id))),
            ("Sequence", _SEQUENCE.match(str(self.sequence)) is not None),
            ("Supersedes", self.supersedes is None or _is_uuid(self.supersedes)),
            ("Catalogue-Code", all(_is_list_item(code) for code in self.catalogue_codes)),
            ("Catalogue-Hash", all(_HEX64.match(item) for item in self.catalogue_hashes)),
            ("Unit-List", all(_is_list_item(code) for code in self.unit_lists)),
            ("Created", _is_timestamp(self.created)),
            ("Source-Organization", _is_text(self.organization)),
            ("Contact-Name", _is_text(self.contact)),
        ]
        return next((name for name, ok in checks if not ok), None)

    def to_bag_info(self) -> dict[str, str]:
        problem = self.invalid_field()
        if problem is not None:
            raise ValueError(f"invalid bundle info field {problem}: {self!r}")
        return {
            "Bundle-Id": self.bundle_id,
            "Bundle-Format-Version": str(BUNDLE_FORMAT_VERSION),
            "Device-Id": self.device_id,
            "Key-Id": self.key_id,
            "Sequence": str(self.sequence),
            "Supersedes": self.supersedes or "",
            "Catalogue-Code": ",".join(self.catalogue_codes),
            "Catalogue-Hash": ",".join(self.catalogue_hashes),
            "Unit-List": ",".join(self.unit_lists),
            "Created": self.created,
            "Contains-Drafts": "yes" if self.contains_drafts else "no",
            "Source-Organization": self.organization,
            "Contact-Name": self.contact,
        }

    @classmethod
    def from_bag_info(cls, tags: Mapping[str, str | list[str]]) -> BundleInfo:
        """Parse bag-info fields (bagit-style: a list for a repeated field); BUNDLE_CORRUPT if bad."""

        def field(name: str) -> str:
            value = tags.get(name)
            if not isinstance(value, str):  # missing, or repeated
                raise _bad_field(name)
            return value.strip()

        def items(name: str) -> tuple[str, ...]:
            value = field(name)
            return tuple(item.strip() for item in value.split(",")) if value else ()

        version = field("Bundle-Format-Version")
        if version != str(BUNDLE_FORMAT_VERSION):
            raise _bad_field("Bundle-Format-Version")
        sequence = field("Sequence")
        drafts = field("Contains-Drafts")
        if not _SEQUENCE.match(sequence):
            raise _bad_field("Sequence")
        if drafts not in ("yes", "no"):
            raise _bad_field("Contains-Drafts")
        info = cls(
            bundle_id=field("Bundle-Id"),
            device_id=field("Device-Id"),
            key_id=field("Key-Id"),
            sequence=int(sequence),
            supersedes=field("Supersedes") or None,
            catalogue_codes=items("Catalogue-Code"),
            catalogue_hashes=items("Catalogue-Hash"),
            unit_lists=items("Unit-List"),
            created=field("Created"),
            contains_drafts=drafts == "yes",
            organization=field("Source-Organization"),
            contact=field("Contact-Name"),
        )
        problem = info.invalid_field()
        if problem is not None:
            raise _bad_field(problem)
        return info


def _bad_field(name: str) -> BundleError:
    return corrupt(
        N_(
            "The bundle's description (bag-info.txt) has a missing or invalid field {field}. "
            "Ask the sender to export the bundle again."
        ),
        field=name,
    )


def _is_uuid(text: str) -> bool:
    """A UUID in its canonical spelling (lower case, hyphens): ids are compared as strings."""
    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False


def _is_text(text: str) -> bool:
    return text == text.strip() and not _CONTROL.search(text)


def _is_list_item(text: str) -> bool:
    return bool(text) and "," not in text and _is_text(text)


def _is_timestamp(text: str) -> bool:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return False
    return moment.tzinfo is not None


def parse_tag_file(data: bytes) -> dict[str, str | list[str]]:
    """Parse a BagIt tag file ("Label: value" lines, folded continuation lines) strictly.

    A repeated label gives a list (as bagit-python does). ValueError if malformed.
    """
    text = data.decode("utf-8")
    if text.startswith("\ufeff") or "\r" in text:
        raise ValueError("byte-order mark or carriage return in a tag file")
    tags: dict[str, str | list[str]] = {}
    pairs: list[list[str]] = []
    for line in text.split("\n"):
        if not line:
            continue
        if line[0] in " \t":
            if not pairs:
                raise ValueError("continuation line without a label")
            pairs[-1][1] += " " + line.strip()
            continue
        label, colon, value = line.partition(":")
        if not colon or not label.strip():
            raise ValueError(f"not a 'Label: value' line: {line!r}")
        pairs.append([label.strip(), value.strip()])
    for label, value in pairs:
        previous = tags.get(label)
        if previous is None:
            tags[label] = value
        elif isinstance(previous, list):
            previous.append(value)
        else:
            tags[label] = [previous, value]
    return tags


def declared_format_versions(bag_info: bytes) -> list[str]:
    """Every `Bundle-Format-Version` value, read leniently (before any hash is checked).

    Only this field is read before the hashes, so that a bundle of another format version gets the
    clear "unknown format version" message rather than a confusing hash failure.
    """
    versions = []
    for line in bag_info.decode("utf-8", errors="replace").splitlines():
        label, colon, value = line.partition(":")
        if colon and label.strip() == "Bundle-Format-Version":
            versions.append(value.strip())
    return versions
