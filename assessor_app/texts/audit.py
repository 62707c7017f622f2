"""Audit entries as sentences people can read: what was done, to what, from what to what, why.

The store records actions as stable codes with JSON before/after values (`domain/audit.py`); this
module says them in a language, for the history screen and `assessor-app assessment audit` alike.
Every field that changed is said as "name: old → new" (a justification too, not only the points),
long texts are shortened in `change` and given whole by `change(entry, full=True)`, and the
changes the editor's undo and redo stored are named as such. An action or value it does not know
is shown as recorded, never hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from assessor_app.domain.audit import AuditEntry
from assessor_app.domain.catalogue_migration import MigrationCounts
from assessor_app.domain.text import nfc
from assessor_app.i18n import gettext_in
from assessor_app.texts import dates, labels, labels_procedure, numbers, plan_words, values
from assessor_app.texts.audit_fields import (
    SHORT,
    FieldValues,
    changes,
    fields,
    fingerprint,
    manual_value,
    short_id,
    shorten,
)
from assessor_app.texts.unit_merges import merge_review

EMPTY = values.NONE
ARROW = " → "
# The reasons the editor stores with a figure it sets back (ui/editor/undo_commands.py).
UNDO_REASON = "undo"
REDO_REASON = "redo"
# Actions on keys: a "role" in their records is a key's role, not a team member's.
KEY_ACTIONS = ("key_init", "key_rotate", "key_enrol", "key_role", "key_revoke")


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
        """What was done; a figure set back by undo or redo says so ("Hoàn tác: …")."""
        if entry.action == "follow_up" and entry.new is False:
            said = labels.follow_up_removed(self.language)
        else:
            said = labels.audit_action(entry.action, self.language)
        if entry.reason == UNDO_REASON:
            return gettext_in("Undo: {action}", self.language).format(action=said)
        if entry.reason == REDO_REASON:
            return gettext_in("Redo: {action}", self.language).format(action=said)
        return said

    def reason(self, entry: AuditEntry) -> str:
        """Why, as the person wrote it; nothing for undo and redo (the action says them)."""
        if entry.reason in (UNDO_REASON, REDO_REASON):
            return ""
        return nfc(entry.reason)

    def target(self, entry: AuditEntry) -> str:
        kind, _sep, key = entry.target.partition(":")
        said = self._targets().get(kind)
        return said(key) if said is not None else entry.target

    def _targets(self) -> dict[str, Callable[[str], str]]:
        language = self.language

        return {
            "indicator": lambda key: key,
            "criterion": lambda key: key,
            "unit": lambda key: key,
            "catalogue": lambda key: key,
            "assessment": lambda _key: gettext_in("the assessment", language),
            "dossier": lambda _key: gettext_in("the dossier's letter and minutes", language),
            "profile": lambda _key: gettext_in("the profile of this computer", language),
            "member": self._member_target,
            "evidence": self._evidence_target,
            "bundle": lambda key: gettext_in("bundle {key}", language).format(key=short_id(key)),
            "release": lambda key: gettext_in("catalogue release {key}", language).format(
                key=short_id(key)
            ),
            "key": lambda key: gettext_in("key {key}", language).format(key=fingerprint(key)),
            "decision": lambda key: gettext_in("decision no. {key} in the store", language).format(
                key=key
            ),
            "commendation": lambda key: gettext_in(
                "commendation no. {key} in the store", language
            ).format(key=key),
            "target": lambda key: gettext_in("target of the plan for {key}", language).format(
                key=key
            ),
            "report": self._report_target,
            "plan": lambda key: plan_words.plan_target(key, language),
            "budget": lambda key: plan_words.budget_target(key, language),
            "appraisal": lambda _key: gettext_in("the appraisal", language),
            "unit_merge": lambda key: gettext_in("row {key} of the merge table", language).format(
                key=key
            ),
            "procedure": self._procedure_target,
        }

    def _procedure_target(self, key: str) -> str:
        """ "QD06-2019:appraisal:2025-07-01" → the regime, the step or report, the period."""
        regime, _sep, rest = key.partition(":")
        item, _sep, start = rest.partition(":")
        try:
            since = dates.day(date.fromisoformat(start))
        except ValueError:
            since = start
        return gettext_in("{item} of the procedure {regime}, from {day}", self.language).format(
            item=labels_procedure.item(item, self.language), regime=regime, day=since
        )

    def _member_target(self, key: str) -> str:
        if key.isdigit() and int(key) in self.members:
            return self.members[int(key)]
        return gettext_in("member no. {number}", self.language).format(number=key)

    def _evidence_target(self, key: str) -> str:
        if key.isdigit() and int(key) in self.evidence:
            return self.evidence[int(key)]
        return gettext_in("evidence no. {number}", self.language).format(number=key)

    def _report_target(self, key: str) -> str:
        scope, _sep, year = key.rpartition(":")
        return gettext_in("summary report of {scope} for {year}", self.language).format(
            scope=scope or EMPTY, year=year
        )

    def change(self, entry: AuditEntry, full: bool = False) -> str:
        """Old → new, readably: only the side that exists for additions and removals, each field
        that changed of a record. Long texts are shortened unless `full` (for a tooltip), where
        each field is on its own line."""
        limit = None if full else SHORT
        special = self._special(entry, limit)
        if special is not None:
            return special
        said = FieldValues(self.language, key_roles=entry.action in KEY_ACTIONS)
        separator = "\n" if full else "; "
        if isinstance(entry.old, dict) or isinstance(entry.new, dict):
            return self._record_change(entry, said, limit, separator)
        old, new = self._plain(entry.old, limit), self._plain(entry.new, limit)
        if entry.old is None:
            return new
        if entry.new is None:
            return old if entry.action.startswith("remove") else old + ARROW + EMPTY
        return old + ARROW + new

    def _special(self, entry: AuditEntry, limit: int | None) -> str | None:
        """The actions with a form of their own (None: the general form)."""
        form = self._forms(entry).get(entry.action)
        return form(entry.old, entry.new, limit) if form is not None else None

    def _forms(self, entry: AuditEntry) -> dict[str, Callable[[Any, Any, int | None], str | None]]:
        def status(old: Any, new: Any, _limit: int | None) -> str | None:
            return self._status(old) + ARROW + self._status(new) if isinstance(old, str) else None

        def text(old: Any, new: Any, limit: int | None) -> str:
            if old is None:
                return self._quoted(new, limit)
            return self._quoted(old, limit) + ARROW + self._quoted(new, limit)

        def one(old: Any, new: Any, limit: int | None) -> str:
            """An addition or removal: the record added or removed."""
            return self._plain(new if old is None else old, limit)

        def figures(old: Any, new: Any, limit: int | None) -> str:
            return self._figures(old, new, limit, entry.reason)

        def both(say: Callable[[Any], str]) -> Callable[[Any, Any, int | None], str]:
            return lambda old, new, _limit: say(old) + ARROW + say(new)

        return {
            "create": lambda _old, new, _limit: self._created(new),
            "finalize": lambda _old, new, _limit: self._finalised(new),
            "reopen": status,
            "reject_bundle": status,
            "export_burnt": status,
            "follow_up": both(self._answer),
            "caption_evidence": text,
            "set_source": text,
            "comment": lambda _old, new, limit: self._plain(new, limit),
            "attach_evidence": one,
            "remove_evidence": one,
            "add_member": one,
            "remove_member": one,
            "assign": both(self._assignee),
            "set_value": figures,
            "clear_value": figures,
            "merge": figures,
            "set_target": both(self._percent),
            "set_unit_category": both(self._category),
            "confirm_unit_merge": both(self._merge_row),
            "correct_unit_merge": both(self._merge_row),
            "import_catalogue": lambda _old, new, _limit: self._catalogue(new),
            "migrate_catalogue": lambda old, new, _limit: self._migrated(old, new),
            "new_catalogue_draft": lambda _old, new, _limit: self._catalogue(new),
            "save_catalogue_draft": lambda _old, new, _limit: self._catalogue(new),
            "publish_catalogue": lambda _old, new, _limit: self._catalogue(new),
            "delete_catalogue_draft": lambda old, _new, _limit: self._catalogue(old),
            "resolve": self._resolved,
            **dict.fromkeys(labels.APPRAISAL_AUDIT_ACTIONS, self._appraisal),
        }

    def _record_change(
        self, entry: AuditEntry, said: FieldValues, limit: int | None, separator: str
    ) -> str:
        if entry.old is None or entry.new is None:
            rows = fields(entry.new if entry.old is None else entry.old, said, limit)
            return separator.join(f"{name}: {value}" for name, value in rows) or EMPTY
        if not isinstance(entry.old, dict) or not isinstance(entry.new, dict):
            return said.say("", entry.old) + ARROW + said.say("", entry.new)
        diff = changes(entry.old, entry.new, said, limit)
        if not diff:
            return gettext_in("no field changed", self.language)
        return separator.join(f"{name}: {old}{ARROW}{new}" for name, old, new in diff)

    # --- values
    def value(self, raw: Any) -> str:
        """A stored JSON value as people write it: 49/50, Có/Không, 60 points, a file name."""
        return self._plain(raw, SHORT)

    def _plain(self, raw: Any, limit: int | None) -> str:
        if isinstance(raw, dict):
            if "filename" in raw:
                caption = raw.get("caption") or ""
                return nfc(raw["filename"] + (f" ({caption})" if caption else ""))
            if "name" in raw and not {"numerator", "points"} & raw.keys():
                return self._member(raw)
            if "points" in raw:
                return manual_value(raw, self.language, limit)
        if isinstance(raw, str) and limit is not None:
            return shorten(raw, limit)
        return values.stored(raw, self.language)

    def _member(self, raw: Mapping[str, Any]) -> str:
        details = []
        if isinstance(raw.get("role"), str):
            details.append(labels.member_role(raw["role"], self.language))
        if isinstance(raw.get("agency"), str):
            details.append(labels.sector(raw["agency"], self.language))
        suffix = f" ({', '.join(details)})" if details else ""
        return nfc(raw["name"] + suffix)

    def _figures(self, old: Any, new: Any, limit: int | None, reason: str = "") -> str:
        """A figure changed. For points given by judgement, the points and the justification are
        each said only when they changed, so an edited justification does not read as "60 điểm →
        60 điểm"; a first justification that is also the entry's reason is left to the reason."""
        if isinstance(old, dict) and isinstance(new, dict) and "points" in old and "points" in new:
            parts = []
            if old.get("points") != new.get("points"):
                parts.append(
                    self._plain({"points": old.get("points")}, limit)
                    + ARROW
                    + self._plain({"points": new.get("points")}, limit)
                )
            before, after = old.get("justification") or "", new.get("justification") or ""
            if before != after:
                parts.append(
                    gettext_in("justification: {old} → {new}", self.language).format(
                        old=self._quoted(before, limit), new=self._quoted(after, limit)
                    )
                )
            return "; ".join(parts) or self._plain(new, limit)
        if old is None and isinstance(new, dict) and new.get("justification") == reason:
            return self._plain({"points": new.get("points")}, limit)
        if old is None:
            return self._plain(new, limit)
        return self._plain(old, limit) + ARROW + self._plain(new, limit)

    def _answer(self, raw: Any) -> str:
        return labels.yes_no(bool(raw), self.language)

    def _status(self, raw: Any) -> str:
        if isinstance(raw, dict):
            raw = raw.get("status")
        if isinstance(raw, str):
            return FieldValues(self.language).say("status", raw)
        return self.value(raw)

    def _quoted(self, raw: Any, limit: int | None = SHORT) -> str:
        if not isinstance(raw, str) or not raw:
            return EMPTY
        text = shorten(raw, limit) if limit else nfc(raw).strip()
        return f"“{text}”"

    def _assignee(self, raw: Any) -> str:
        if raw is None:
            return gettext_in("default by sector", self.language)
        if isinstance(raw, int) and not isinstance(raw, bool):
            return self.members.get(
                raw, gettext_in("member no. {number}", self.language).format(number=raw)
            )
        return self.value(raw)

    def _percent(self, raw: Any) -> str:
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return numbers.percent(raw, self.language, places=None)
        return EMPTY

    def _catalogue(self, raw: Any) -> str | None:
        if isinstance(raw, dict) and isinstance(raw.get("version"), str):
            return gettext_in("version {version}", self.language).format(version=raw["version"])
        return None

    def _migrated(self, old: Any, new: Any) -> str | None:
        """A catalogue migration: from which version to which, and how many figures carried."""
        if not isinstance(old, dict) or not isinstance(new, dict):
            return None
        items = [i for i in (new.get("indicators") or {}).values() if isinstance(i, dict)]
        outcomes = [i.get("outcome") for i in items]
        # Entries written before "had_value" was recorded: no old points means no figure.
        empty = [
            i.get("outcome") == "carried"
            and not i.get("had_value", i.get("old_points") is not None)
            for i in items
        ]
        counts = MigrationCounts(
            carried=sum(
                1
                for o, e in zip(outcomes, empty, strict=True)
                if o in ("carried", "carried_changed") and not e
            ),
            not_entered=sum(empty),
            reenter=outcomes.count("reenter"),
            dropped=outcomes.count("dropped"),
        )
        return gettext_in("{old} → {new}: {counts}", self.language).format(
            old=f"{old.get('code', '')} {old.get('version', '')}",
            new=f"{new.get('code', '')} {new.get('version', '')}",
            counts=labels.migration_counts(counts, self.language),
        )

    def _resolved(self, old: Any, new: Any, limit: int | None) -> str | None:
        """A conflict settled: which figures were kept, and the two it was between."""
        if not isinstance(old, dict) or not isinstance(new, dict):
            return None
        said = FieldValues(self.language)
        return gettext_in(
            "{choice} ({value}); here: {local}, in the bundle: {incoming}", self.language
        ).format(
            choice=said.say("choice", new.get("choice")),
            value=self._plain(new.get("value"), limit),
            local=self._plain(old.get("local"), limit),
            incoming=self._plain(old.get("incoming"), limit),
        )

    def _appraisal(self, old: Any, new: Any, _limit: int | None) -> str | None:
        """A step of the appraisal: its state before and after, the round after the first, the
        decision that settled it."""
        if not isinstance(new, dict) or not isinstance(new.get("state"), str):
            return None
        language = self.language
        said = labels.appraisal_state(new["state"], language)
        if isinstance(old, str):
            said = labels.appraisal_state(old, language) + ARROW + said
        round_ = new.get("round")
        if isinstance(round_, int) and not isinstance(round_, bool) and round_ > 1:
            said += "; " + gettext_in("round {round}", language).format(
                round=numbers.number(round_, language)
            )
        if isinstance(new.get("decision"), str):
            said += "; " + gettext_in("decision no. {number}", language).format(
                number=new["decision"]
            )
        return said

    def _merge_row(self, raw: Any) -> str:
        """A row of the merge table: "06544 vào 06529 (chưa xác minh)"."""
        if not isinstance(raw, dict):
            return EMPTY
        return gettext_in("{old} into {new} ({status})", self.language).format(
            old=raw.get("old_code") or EMPTY,
            new=raw.get("new_code") or EMPTY,
            status=merge_review(str(raw.get("status")), self.language).lower(),
        )

    def _category(self, raw: Any) -> str:
        return labels.unit_category(raw, self.language) if isinstance(raw, str) else EMPTY

    def _created(self, raw: Any) -> str:
        if isinstance(raw, dict) and "commune" in raw and "year" in raw:
            said = gettext_in("commune {commune}, evaluation year {year}", self.language).format(
                commune=raw["commune"], year=raw["year"]
            )
            if isinstance(raw.get("kind"), str):
                said += ", " + labels.assessment_kind(raw["kind"], self.language).lower()
            return said
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

    # --- the whole entry
    def sentence(self, entry: AuditEntry, full: bool = True) -> str:
        """The entry as one paragraph: who, when, what, to what, the change and why."""
        said = gettext_in("{time}, {actor}: {action} — {target}", self.language).format(
            time=self.time(entry),
            actor=entry.actor or EMPTY,
            action=self.action(entry),
            target=self.target(entry),
        )
        change = self.change(entry, full=full)
        if change and change != EMPTY:
            said += "\n" + gettext_in("Change: {change}", self.language).format(change=change)
        if self.reason(entry):
            said += "\n" + gettext_in("Reason: {reason}", self.language).format(
                reason=self.reason(entry)
            )
        return said
