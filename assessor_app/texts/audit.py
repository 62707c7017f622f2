"""Audit entries as sentences people can read: what was done, to what, from what to what.

The store records actions as stable codes with JSON before/after values (`domain/audit.py`); this
module says them in a language, for the history screen and `assessor-app assessment audit` alike.
It never changes what is shown beyond wording: an action or value it does not know is shown as
recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assessor_app.domain.audit import AuditEntry
from assessor_app.domain.text import nfc
from assessor_app.i18n import gettext_in
from assessor_app.texts import dates, labels, numbers, values

EMPTY = values.NONE
ARROW = " → "


class AuditTexts:
    """Renders the entries of one trail in `language`; knows the member names and evidence files
    it mentions."""

    def __init__(
        self,
        entries: list[AuditEntry],
        language: str,
        members: Mapping[int, str] | None = None,
        evidence: Mapping[int, str] | None = None,
    ) -> None:
        self.language = language
        self.members: dict[int, str] = dict(members or {})
        self.evidence: dict[int, str] = dict(evidence or {})
        for entry in entries:  # names of people removed since are still in the trail
            kind, _sep, key = entry.target.partition(":")
            if kind == "member" and key.isdigit():
                record = entry.new if isinstance(entry.new, dict) else entry.old
                if isinstance(record, dict) and isinstance(record.get("name"), str):
                    self.members.setdefault(int(key), record["name"])

    # --- columns
    def time(self, entry: AuditEntry) -> str:
        return dates.stamp(entry.at)

    def action(self, entry: AuditEntry) -> str:
        if entry.action == "follow_up" and entry.new is False:
            return labels.follow_up_removed(self.language)
        return labels.audit_action(entry.action, self.language)

    def target(self, entry: AuditEntry) -> str:
        kind, _sep, key = entry.target.partition(":")
        if kind in ("indicator", "criterion", "unit", "catalogue"):
            return key
        if kind == "assessment":
            return gettext_in("the assessment", self.language)
        if kind == "member" and key.isdigit():
            return self.members.get(int(key), entry.target)
        if kind == "evidence" and key.isdigit():
            return self.evidence.get(
                int(key), gettext_in("evidence no. {number}", self.language).format(number=key)
            )
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
            return self._answer(entry.old) + ARROW + self._answer(entry.new)
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
        if isinstance(raw, dict):
            if "filename" in raw:
                caption = raw.get("caption") or ""
                return nfc(raw["filename"] + (f" ({caption})" if caption else ""))
            if "name" in raw and not {"numerator", "points"} & raw.keys():
                role = raw.get("role")
                suffix = (
                    f" ({labels.member_role(role, self.language)})" if isinstance(role, str) else ""
                )
                return nfc(raw["name"] + suffix)
        return values.stored(raw, self.language)

    def _answer(self, raw: Any) -> str:
        return labels.yes_no(bool(raw), self.language)

    def _status(self, raw: Any) -> str:
        return (
            labels.assessment_status(raw, self.language)
            if isinstance(raw, str)
            else self.value(raw)
        )

    def _quoted(self, raw: Any) -> str:
        return f"“{nfc(raw)}”" if isinstance(raw, str) and raw else EMPTY

    def _assignee(self, raw: Any) -> str:
        if raw is None:
            return gettext_in("default by sector", self.language)
        if isinstance(raw, int) and not isinstance(raw, bool):
            return self.members.get(
                raw, gettext_in("member no. {number}", self.language).format(number=raw)
            )
        return self.value(raw)

    def _created(self, raw: Any) -> str:
        if isinstance(raw, dict) and "commune" in raw and "year" in raw:
            return gettext_in("commune {commune}, evaluation year {year}", self.language).format(
                commune=raw["commune"], year=raw["year"]
            )
        return self.value(raw)

    def _finalised(self, raw: Any) -> str:
        if isinstance(raw, dict) and isinstance(raw.get("total"), int):
            total = numbers.number(raw["total"], self.language)
            if raw.get("recognized"):
                return gettext_in("total {total} points, recognised", self.language).format(
                    total=total
                )
            return gettext_in("total {total} points, not recognised", self.language).format(
                total=total
            )
        return self.value(raw)
