"""Audit entries as sentences people can read: what was done, to what, from what to what.

The store records actions as stable codes with JSON before/after values (`domain/audit.py`); this
module turns them into the user's language. It never changes what is shown beyond wording: an
action or value it does not know is shown as recorded.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTimeZone

from assessor_app.domain.audit import AuditEntry
from assessor_app.domain.text import nfc
from assessor_app.i18n import _

TIME_FORMAT = "dd/MM/yyyy HH:mm:ss"  # day first, as Vietnamese documents write dates
EMPTY = "—"
ARROW = " → "


def local_time(stamp: str) -> str:
    """A stored UTC time (ISO 8601, `…Z`) in the computer's local time; unparseable text as is."""
    moment = QDateTime.fromString(stamp, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return stamp
    if moment.timeSpec() == Qt.TimeSpec.LocalTime and not stamp.endswith(("Z", "z")):
        moment.setTimeZone(QTimeZone.utc())  # the store writes UTC even when the Z is missing
    return moment.toLocalTime().toString(TIME_FORMAT)


def action_text(action: str) -> str:
    """A short phrase for an audit action code ("set_value" → "Entered a figure")."""
    phrases = {
        "create": _("Created the assessment"),
        "set_value": _("Entered a figure"),
        "clear_value": _("Cleared a figure"),
        "finalize": _("Finalised"),
        "reopen": _("Reopened"),
        "attach_evidence": _("Added evidence"),
        "remove_evidence": _("Removed evidence"),
        "caption_evidence": _("Changed an evidence caption"),
        "comment": _("Added a comment"),
        "follow_up": _("Marked for follow-up"),
        "add_member": _("Added a team member"),
        "remove_member": _("Removed a team member"),
        "assign": _("Assigned a criterion"),
        "import_catalogue": _("Imported a criteria catalogue"),
        "set_unit_category": _("Changed a unit's category"),
        "set_profile": _("Changed the profile"),
        "profile": _("Changed the profile"),
    }
    return phrases.get(action, action)


def status_text(status: str) -> str:
    return {"draft": _("Draft"), "finalized": _("Finalised")}.get(status, status)


def role_text(role: str) -> str:
    return {"lead": _("team lead"), "member": _("member"), "secretary": _("secretary")}.get(
        role, role
    )


def yes_no(answer: bool) -> str:
    return _("Yes") if answer else _("No")


class AuditTexts:
    """Renders the entries of one trail; knows the member names and evidence files it mentions."""

    def __init__(
        self,
        entries: list[AuditEntry],
        members: Mapping[int, str] | None = None,
        evidence: Mapping[int, str] | None = None,
    ) -> None:
        self.members: dict[int, str] = dict(members or {})
        self.evidence: dict[int, str] = dict(evidence or {})
        for entry in entries:  # names of people removed since are still in the trail
            kind, _sep, key = entry.target.partition(":")
            if kind == "member" and key.isdigit():
                record = entry.new if isinstance(entry.new, dict) else entry.old
                if isinstance(record, dict) and isinstance(record.get("name"), str):
                    self.members.setdefault(int(key), record["name"])

    # --- columns
    def action(self, entry: AuditEntry) -> str:
        if entry.action == "follow_up" and entry.new is False:
            return _("Follow-up mark removed")
        return action_text(entry.action)

    def target(self, entry: AuditEntry) -> str:
        kind, _sep, key = entry.target.partition(":")
        if kind in ("indicator", "criterion", "unit", "catalogue"):
            return key
        if kind == "assessment":
            return _("the assessment")
        if kind == "member" and key.isdigit():
            return self.members.get(int(key), entry.target)
        if kind == "evidence" and key.isdigit():
            return self.evidence.get(int(key), _("evidence no. {number}").format(number=key))
        return entry.target

    def change(self, entry: AuditEntry) -> str:
        """Old → new, readably; only the side that exists for additions and removals."""
        action = entry.action
        if action == "create":
            return self._created(entry.new)
        if action == "finalize":
            return self._finalised(entry.new)
        if action == "reopen":
            return self._status(entry.old) + ARROW + self._status(entry.new)
        if action == "follow_up":
            return yes_no(bool(entry.old)) + ARROW + yes_no(bool(entry.new))
        if action == "caption_evidence":
            return self._quoted(entry.old) + ARROW + self._quoted(entry.new)
        if action == "assign":
            return self._assignee(entry.old) + ARROW + self._assignee(entry.new)
        old, new = self.value(entry.old), self.value(entry.new)
        if entry.old is None:
            return new
        if entry.new is None:
            return old if action.startswith("remove") else old + ARROW + EMPTY
        return old + ARROW + new

    # --- values
    def value(self, raw: Any) -> str:
        """A stored JSON value as people write it: 49/50, Có/Không, 60 points, a file name."""
        if raw is None:
            return EMPTY
        if isinstance(raw, bool):
            return yes_no(raw)
        if isinstance(raw, int | float):
            return str(raw)
        if isinstance(raw, str):
            return nfc(raw)
        if isinstance(raw, dict):
            if {"numerator", "denominator"} <= raw.keys():
                return f"{raw['numerator']}/{raw['denominator']}"
            if "points" in raw:
                return _("{points} points").format(points=raw["points"])
            if "filename" in raw:
                caption = raw.get("caption") or ""
                return nfc(raw["filename"] + (f" ({caption})" if caption else ""))
            if "name" in raw:
                role = raw.get("role")
                return nfc(raw["name"] + (f" ({role_text(role)})" if isinstance(role, str) else ""))
        return nfc(json.dumps(raw, ensure_ascii=False, sort_keys=True))

    def _status(self, raw: Any) -> str:
        return status_text(raw) if isinstance(raw, str) else self.value(raw)

    def _quoted(self, raw: Any) -> str:
        return f"“{nfc(raw)}”" if isinstance(raw, str) and raw else EMPTY

    def _assignee(self, raw: Any) -> str:
        if raw is None:
            return _("default by sector")
        if isinstance(raw, int) and not isinstance(raw, bool):
            return self.members.get(raw, _("member no. {number}").format(number=raw))
        return self.value(raw)

    def _created(self, raw: Any) -> str:
        if isinstance(raw, dict) and "commune" in raw and "year" in raw:
            return _("commune {commune}, evaluation year {year}").format(
                commune=raw["commune"], year=raw["year"]
            )
        return self.value(raw)

    def _finalised(self, raw: Any) -> str:
        if isinstance(raw, dict) and "total" in raw:
            verdict = _("recognised") if raw.get("recognized") else _("not recognised")
            return _("total {total} points, {verdict}").format(total=raw["total"], verdict=verdict)
        return self.value(raw)
