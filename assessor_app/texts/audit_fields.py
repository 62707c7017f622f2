"""The fields of an audited record, each with its name and its value in words.

An audit entry stores the old and new state of what it changed as JSON (a member, the dossier's
letter and minutes, a key, a bundle...). `changes` compares the two field by field and says each
field that differs as "name: old → new"; `fields` says every field of a record that was added or
removed. Codes become labels (an agency, a role, a status), dates read as dates, fingerprints and
bundle numbers are shortened, and bookkeeping that means nothing to a reader (hashes, format
versions) is left out. A field this module does not know keeps a generic name: it is never
printed as its JSON key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from assessor_app.domain.text import nfc
from assessor_app.i18n import gettext_in, pgettext
from assessor_app.texts import dates, labels, numbers, values

SHORT = 60  # characters of a free text shown in the table; the tooltip has it all
ELLIPSIS = "…"

# Bookkeeping: written so that the store can check or replay itself, not for a reader.
HIDDEN = frozenset(
    {
        "format",
        "version",
        "revision",
        "vid",
        "sha256",
        "content_hash",
        "manifest_hash",
        "hashes",  # a catalogue release's catalogues, by content hash (issue 15)
        "catalogue",
        "device",
        "path",
        "authorities_version",
        "authority_status",
        "appraises",  # the uid of the appraised assessment: the entry's target names it
        "draft",  # the id of a catalogue draft: the entry says the catalogue and its version
        "based_on",  # the content hash a catalogue draft started from
    }
)


def shorten(text: str, limit: int = SHORT) -> str:
    """`text` on one line, cut at a word before `limit` characters with "…" when longer."""
    flat = " ".join(nfc(text).split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + ELLIPSIS


def field_label(key: str, language: str) -> str:
    """The name of a field ("letter.number" → "Số văn bản")."""
    path_labels = _path_labels(language)
    if key in path_labels:
        return path_labels[key]
    leaf = key.rpartition(".")[2]
    return _leaf_labels(language).get(leaf, pgettext("audit field", "Other detail", language))


def known_fields() -> frozenset[str]:
    """Every field name that has its own label (for the tests)."""
    return frozenset(_path_labels("en")) | frozenset(_leaf_labels("en")) | HIDDEN


def _path_labels(language: str) -> dict[str, str]:
    return {
        "letter.number": pgettext("audit field", "Number of the letter", language),
        "letter.date": pgettext("audit field", "Date of the letter", language),
        "letter.place": pgettext("audit field", "Place of the letter", language),
        "letter.recipients": pgettext("audit field", "Recipients of the letter", language),
        "council.number": pgettext("audit field", "Number of the minutes", language),
        "council.place": pgettext("audit field", "Place of the council meeting", language),
        "council.members": pgettext("audit field", "Council members", language),
        "appraisal.number": pgettext("audit field", "Number of the appraisal", language),
        "appraisal.date": pgettext("audit field", "Date of the appraisal", language),
        "revokes.id": pgettext("audit field", "Decision revoked (no. in the store)", language),
        "revokes.number": pgettext("audit field", "Number of the decision revoked", language),
        "revokes.date": pgettext("audit field", "Date of the decision revoked", language),
        "revokes.authority": pgettext("audit field", "Authority of the decision revoked", language),
    }


def _leaf_labels(language: str) -> dict[str, str]:
    return {
        "commune": pgettext("audit field", "Commune", language),
        # A catalogue migration (services/catalogue_migration.py).
        "complete": pgettext("audit field", "Every indicator entered", language),
        "why": pgettext("audit field", "Why", language),
        "old_points": pgettext("audit field", "Points before", language),
        "new_points": pgettext("audit field", "Points after", language),
        "evidence": pgettext("audit field", "Evidence", language),
        "source": pgettext("audit field", "Data source", language),
        "year": pgettext("audit field", "Evaluation year", language),
        "kind": pgettext("audit field", "Kind", language),
        "category": pgettext("audit field", "Category of the unit", language),
        "status": pgettext("audit field", "Status", language),
        "old_code": pgettext("audit field", "Old commune's code", language),
        "new_code": pgettext("audit field", "Code of the unit it went into", language),
        "total": pgettext("audit field", "Total", language),
        "recognized": pgettext("audit field", "Verdict", language),
        "deleted_at": pgettext("audit field", "Deleted at", language),
        "filename": pgettext("audit field", "File", language),
        "caption": pgettext("audit field", "Caption", language),
        "name": pgettext("audit field", "Name", language),
        "agency": pgettext("audit field", "Agency", language),
        "role": pgettext("audit field", "Role", language),
        "person_name": pgettext("audit field", "Name", language),
        "person_agency": pgettext("audit field", "Agency", language),
        "profile_kind": pgettext("audit field", "Kind of installation", language),
        "unit_list": pgettext("audit field", "Unit list", language),
        "demo": pgettext("audit field", "Demo data", language),
        "issuer": pgettext("audit field", "Issuing body", language),
        "issuer_parent": pgettext("audit field", "Governing body", language),
        "number": pgettext("audit field", "Number", language),
        "place": pgettext("audit field", "Place", language),
        "date": pgettext("audit field", "Date", language),
        "day": pgettext("audit field", "Date", language),
        "signer_name": pgettext("audit field", "Signer's name", language),
        "signer_title": pgettext("audit field", "Signer's title", language),
        "signer_position": pgettext("audit field", "Signer's title", language),
        "signer_authority": pgettext("audit field", "Signing on behalf of", language),
        "addressee": pgettext("audit field", "Addressed to", language),
        "recipients": pgettext("audit field", "Recipients", language),
        "held_at": pgettext("audit field", "Council met at", language),
        "ended_at": pgettext("audit field", "Council ended at", language),
        "chair": pgettext("audit field", "Chair", language),
        "chair_position": pgettext("audit field", "Chair's position", language),
        "secretary": pgettext("audit field", "Secretary", language),
        "members": pgettext("audit field", "Members", language),
        "content": pgettext("audit field", "Content of the meeting", language),
        "conclusion": pgettext("audit field", "Conclusion", language),
        "votes_for": pgettext("audit field", "Votes for", language),
        "votes_against": pgettext("audit field", "Votes against", language),
        "date_reason": pgettext(
            "audit field", "Why the council met outside the assessment period", language
        ),
        "plan_number": pgettext("audit field", "Number of the plan", language),
        "plan_date": pgettext("audit field", "Date of the plan", language),
        "plan_title": pgettext("audit field", "Subject of the plan", language),
        "general": pgettext("audit field", "General assessment", language),
        "shortcomings": pgettext("audit field", "Shortcomings", language),
        "causes": pgettext("audit field", "Causes", language),
        "directions": pgettext("audit field", "Directions", language),
        "proposals": pgettext("audit field", "Proposals", language),
        "scope": pgettext("audit field", "Area", language),
        "decider": pgettext("audit field", "Decided by", language),
        "recognised": pgettext("audit field", "Communes recognised", language),
        "not_recognised": pgettext("audit field", "Communes not recognised", language),
        "revoked": pgettext("audit field", "Communes whose recognition is revoked", language),
        "form": pgettext("audit field", "Form of commendation", language),
        "units": pgettext("audit field", "Units commended", language),
        "people": pgettext("audit field", "People commended", language),
        "bundle": pgettext("audit field", "Bundle", language),
        "state": pgettext("audit field", "State of the appraisal", language),
        "round": pgettext("audit field", "Round of the appraisal", language),
        "comments": pgettext("audit field", "Indicators commented on", language),
        "decision": pgettext("audit field", "Decision", language),
        "sequence": pgettext("audit field", "Bundle number", language),
        "contains_drafts": pgettext("audit field", "Contains drafts", language),
        "action": pgettext("audit field", "Effect", language),
        "indicators": pgettext("audit field", "Indicators taken from the bundle", language),
        "resolved": pgettext("audit field", "Conflicts settled", language),
        "members_added": pgettext("audit field", "Members added", language),
        "comments_added": pgettext("audit field", "Comments added", language),
        "evidence_added": pgettext("audit field", "Evidence added", language),
        "outcome": pgettext("audit field", "Outcome", language),
        "receipt": pgettext("audit field", "Receipt", language),
        "signer": pgettext("audit field", "Signed with key", language),
        "at": pgettext("audit field", "Received at", language),
        "fingerprint": pgettext("audit field", "Key", language),
        "old_fingerprint": pgettext("audit field", "Previous key", language),
        "owner": pgettext("audit field", "Owner", language),
        "via": pgettext("audit field", "How it was enrolled", language),
        "revoked_above_seq": pgettext("audit field", "Bundles refused from number", language),
        "choice": pgettext("audit field", "Choice", language),
        "value": pgettext("audit field", "Figures", language),
        "local": pgettext("audit field", "Figures here", language),
        "incoming": pgettext("audit field", "Figures in the bundle", language),
        "code": pgettext("audit field", "Code", language),
        "district": pgettext("audit field", "District", language),
        "reason": pgettext("audit field", "Reason", language),
        "position": pgettext("audit field", "Position", language),
        "present": pgettext("audit field", "Present", language),
        "communes": pgettext("audit field", "Communes", language),
        "planned": pgettext("audit field", "Amount planned", language),
        "spent": pgettext("audit field", "Amount spent", language),
        "note": pgettext("audit field", "Note", language),
        # catalogue releases (issue 15)
        "catalogues": pgettext("audit field", "Criteria catalogues", language),
        "in_force_from": pgettext("audit field", "In force from", language),
        "publisher": pgettext("audit field", "Published by", language),
        "procedure_items": pgettext("audit field", "Procedure values", language),
    }


# --- values


def short_id(raw: str) -> str:
    """A bundle's or receipt's id as people can read it over the phone: its first 8 characters."""
    return raw[:8] if len(raw) > 8 else raw


def fingerprint(raw: str) -> str:
    """A key fingerprint's first 16 hex digits in groups of four ("1A2B 3C4D 5E6F 7A8B…")."""
    head = raw.replace(" ", "").upper()[:16]
    groups = " ".join(head[i : i + 4] for i in range(0, len(head), 4))
    return groups + (ELLIPSIS if len(raw.replace(" ", "")) > 16 else "")


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _text(raw: str, language: str) -> str:
    """A stored string: a date or moment as one, else the words as written."""
    if _ISO_DAY.match(raw):
        return dates.day(date.fromisoformat(raw))
    if _ISO_MOMENT.match(raw):
        if raw.endswith("Z") or "+" in raw[10:]:
            return dates.stamp(raw)
        try:  # a moment already in Vietnam time (the council's meeting)
            return dates.moment(datetime.fromisoformat(raw), seconds=False)
        except ValueError:
            return nfc(raw)
    return nfc(raw)


def _choice(raw: str, language: str) -> str:
    return {
        "local": pgettext("merge choice", "kept the figures here", language),
        "incoming": pgettext("merge choice", "took the figures in the bundle", language),
    }.get(raw, raw)


def _profile_kind(raw: str, language: str) -> str:
    return {
        "team": pgettext("profile kind", "inspection team", language),
        "office": pgettext("profile kind", "reviewing office", language),
    }.get(raw, raw)


def _status(raw: str, language: str) -> str:
    """A status of an assessment, a sent bundle or a held bundle (their codes do not overlap)."""
    if raw in ("reserved", "sent", "burnt"):
        return labels.sent_status(raw, language)
    if raw in ("held", "resolved", "rejected"):
        return labels.quarantine_status(raw, language)
    return labels.assessment_status(raw, language)


# How the value of a field with a code is said, by field name; `role` depends on the record.
_CODED: dict[str, Callable[[str, str], str]] = {
    "agency": labels.sector,
    "person_agency": labels.sector,
    "kind": labels.assessment_kind,
    "category": labels.unit_category,
    "status": _status,
    "outcome": labels.import_outcome,
    "via": labels.key_enrolment,
    "action": labels.plan_action,
    "choice": _choice,
    "profile_kind": _profile_kind,
    "fingerprint": lambda raw, _language: fingerprint(raw),
    "old_fingerprint": lambda raw, _language: fingerprint(raw),
    "signer": lambda raw, _language: fingerprint(raw),
    "bundle": lambda raw, _language: short_id(raw),
    "receipt": lambda raw, _language: short_id(raw),
}


class FieldValues:
    """Says the value of a field; `key_roles` tells a key's role ("team", "office") from a team
    member's ("lead", "member")."""

    def __init__(self, language: str, key_roles: bool = False) -> None:
        self.language = language
        self.key_roles = key_roles

    def say(self, key: str, raw: Any) -> str:
        leaf = key.rpartition(".")[2]
        if raw is None or raw == "" or raw == [] or raw == {}:
            return values.NONE
        if isinstance(raw, bool):
            if leaf == "recognized":
                return labels.verdict(raw, self.language)
            return labels.yes_no(raw, self.language)
        if isinstance(raw, str):
            return self._string(leaf, raw)
        if isinstance(raw, int) and leaf in ("year", "sequence", "revoked_above_seq"):
            return str(raw)  # a year or a number in a series, never grouped ("2.026")
        if isinstance(raw, int | float):
            return numbers.plain(raw, self.language, max_places=4)
        if isinstance(raw, list):
            return "; ".join(self.item(leaf, item) for item in raw)
        if isinstance(raw, dict) and leaf == "resolved":
            return "; ".join(f"{k}: {_choice(str(v), self.language)}" for k, v in raw.items())
        if isinstance(raw, dict):
            return self.record(raw)
        return nfc(str(raw))

    def _string(self, leaf: str, raw: str) -> str:
        if leaf == "role":
            return (
                labels.key_role(raw, self.language)
                if self.key_roles
                else labels.member_role(raw, self.language)
            )
        coded = _CODED.get(leaf)
        return coded(raw, self.language) if coded else _text(raw, self.language)

    def item(self, leaf: str, raw: Any) -> str:
        """One item of a list: a commune or a council member by its name, a figure, a text."""
        if isinstance(raw, dict) and isinstance(raw.get("name"), str):
            return nfc(raw["name"])
        if isinstance(raw, dict):
            return self.record(raw)
        return self.say(leaf, raw)

    def record(self, raw: Mapping[str, Any]) -> str:
        """A small record inline: a figure ("49/50"), else "name: value, …"."""
        if "points" in raw:
            return manual_value(raw, self.language)
        figure = values.stored(raw, self.language)
        if not figure.startswith("{"):
            return figure
        return ", ".join(
            f"{field_label(k, self.language)}: {self.say(k, v)}"
            for k, v in sorted(raw.items())
            if k not in HIDDEN
        )


def manual_value(raw: Mapping[str, Any], language: str, limit: int | None = SHORT) -> str:
    """Points given by judgement with their justification: "60 điểm — giải trình: “…”"."""
    points = raw.get("points")
    said = numbers.points(points, language) if isinstance(points, int) else values.NONE
    justification = raw.get("justification")
    if not isinstance(justification, str) or not justification.strip():
        return said
    text = shorten(justification, limit) if limit else nfc(justification).strip()
    return gettext_in("{points} — justification: {text}", language).format(
        points=said, text=f"“{text}”"
    )


# --- records


def flatten(raw: Any, prefix: str = "") -> dict[str, Any]:
    """A record's fields by dotted path ("letter.number"); lists and plain values are leaves."""
    if not isinstance(raw, dict):
        return {prefix: raw} if prefix else {}
    flat: dict[str, Any] = {}
    for key, value in raw.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict) and key not in ("value", "local", "incoming", "resolved"):
            flat.update(flatten(value, path))
        else:
            flat[path] = value
    return flat


def _shown(path: str) -> bool:
    return path.rpartition(".")[2] not in HIDDEN


def changes(
    old: Any, new: Any, said: FieldValues, limit: int | None = SHORT
) -> list[tuple[str, str, str]]:
    """(field name, old value, new value) of every field that differs, in the record's order."""
    before, after = flatten(old), flatten(new)
    paths = list(dict.fromkeys([*before, *after]))
    rows = []
    for path in paths:
        if not _shown(path) or before.get(path) == after.get(path):
            continue
        rows.append(
            (
                field_label(path, said.language),
                _cut(said.say(path, before.get(path)), limit),
                _cut(said.say(path, after.get(path)), limit),
            )
        )
    return rows


def fields(record: Any, said: FieldValues, limit: int | None = SHORT) -> list[tuple[str, str]]:
    """(field name, value) of every field of a record that has a value."""
    rows = []
    for path, raw in flatten(record).items():
        if _shown(path) and raw not in (None, "", [], {}):
            rows.append((field_label(path, said.language), _cut(said.say(path, raw), limit)))
    return rows


def _cut(text: str, limit: int | None) -> str:
    return shorten(text, limit) if limit else text
