"""`report …` and `dossier …`: printed documents and the paperwork around an assessment
(docs/cli.md, "Reports").

- `report dossier ID --out FILE.pdf`: the dossier requesting recognition of one commune;
- `report summary --unit CODE --year YYYY --out FILE.pdf|FILE.xlsx [--reviewed-only] [--number …]
  [--date …] [--signer "Position|Name|Authority"] [--recipient …] [--plan-number …] [--general …]
  [--text-file causes=FILE] …`: the yearly report of a district (years up to 2024) or the
  province; the details given are kept for the scope and year (audited) and printed again next time;
- `report targets [--json]`, `report target --year YYYY (--percent N | --clear)`: the plan's
  targets the summary measures against;
- `dossier show ID [--json]`, `dossier set ID [--letter-number …] [--council-member "Name|Position"]
  [--votes-for N --votes-against N] [--council-date-reason TEXT] …`: the request letter's frame and
  the council's minutes, refused when inconsistent (services/dossier_checks.py, the dialog's checks).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from assessor_app import i18n
from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line, problem
from assessor_app.cli.opening import prepared_workspace
from assessor_app.cli.parser_reports import NARRATIVE_OPTIONS
from assessor_app.domain.errors import N_, InputError
from assessor_app.i18n import _, ngettext, render
from assessor_app.services import dossier_details, report_details, reports
from assessor_app.services.dossier_details import CouncilMemberDetails, DossierDetails
from assessor_app.texts import dates, numbers

Command = Callable[[Any, str, str], argparse.ArgumentParser]

ABSENT_WORDS = {"absent", "vắng", "vắng mặt", "vang", "vang mat"}


# --- parsers


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            "BAD_DATE", N_("'{text}' is not a date written YYYY-MM-DD."), text=text
        ) from None


def _time(text: str) -> time:
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            "BAD_TIME", N_("'{text}' is not a time written HH:MM."), text=text
        ) from None


def _member(text: str) -> CouncilMemberDetails:
    parts = [p.strip() for p in text.split("|")]
    present = True
    if len(parts) > 2 and parts[-1].casefold() in ABSENT_WORDS:
        present = False
        parts = parts[:-1]
    if len(parts) not in (2, 3) or not parts[0]:
        raise InputError(
            "DOSSIER_BAD_MEMBER",
            N_(
                'Write a council member as "Name|Position", optionally "|Role" and "|absent", not \'{text}\'.'
            ),
            text=text,
        )
    role = parts[2] if len(parts) == 3 and parts[2] else dossier_details.ROLE_MEMBER
    return CouncilMemberDetails(parts[0], parts[1], role, present)


def _multiline(text: str) -> str:
    """ "\\n" typed on the command line (two characters) chooses a line break."""
    return text.replace("\\n", "\n")


# Options that replace one text of the details as typed: option → attribute.
_TEXT_OPTIONS = {
    "issuer": "issuer",
    "issuer_parent": "issuer_parent",
    "letter_number": "letter_number",
    "place": "place",
    "signer_name": "signer_name",
    "signer_title": "signer_title",
    "signer_authority": "signer_authority",
    "addressee": "addressee",
    "council_place": "council_place",
    "council_number": "council_number",
    "chair": "council_chair",
    "chair_position": "council_chair_position",
    "secretary": "council_secretary",
    "conclusion": "council_conclusion",
    "council_date_reason": "council_date_reason",
}


def _no_council_date() -> InputError:
    return InputError(
        "DOSSIER_COUNCIL_DATE_REQUIRED",
        N_("Give the day of the council's meeting with --council-date YYYY-MM-DD."),
    )


def _letter_changes(args: argparse.Namespace) -> dict[str, Any]:
    """What the options change besides the council's times."""
    changes: dict[str, Any] = {}
    for option, attribute in _TEXT_OPTIONS.items():
        value = getattr(args, option)
        if value is not None:
            changes[attribute] = _multiline(value) if option.startswith("issuer") else value
    lists: dict[str, tuple[Any, Callable[[Any], Any]]] = {
        "letter_date": (args.letter_date, _date),
        "recipients": (args.recipient, tuple),
        "council_members": (args.council_member, lambda ms: tuple(_member(m) for m in ms)),
        "council_content": (args.content, tuple),
        "council_votes_for": (args.votes_for, int),
        "council_votes_against": (args.votes_against, int),
    }
    for attribute, (value, convert) in lists.items():
        if value is not None:
            changes[attribute] = convert(value)
    return changes


def _council_start(held: datetime | None, args: argparse.Namespace) -> datetime | None:
    """When the meeting opened, with --council-date and --council-time applied to what is stored
    (a new meeting starts at 08:00 unless a time is given)."""
    if args.council_date is None and args.council_time is None:
        return held
    if args.council_date is not None:
        day = _date(args.council_date)
    elif held is not None:
        day = held.date()
    else:
        raise _no_council_date()
    if args.council_time is not None:
        start = _time(args.council_time)
    else:
        start = held.time() if held is not None else time(8, 0)
    return datetime.combine(day, start)


def _changed(details: DossierDetails, args: argparse.Namespace) -> DossierDetails:
    changes = _letter_changes(args)
    if args.no_council:
        changes["council_held_at"] = None
        changes["council_ended_at"] = None
        return replace(details, **changes)
    held = _council_start(details.council_held_at, args)
    if held != details.council_held_at:
        changes["council_held_at"] = held
    if args.council_end is not None:
        if held is None:
            raise _no_council_date()
        changes["council_ended_at"] = datetime.combine(held.date(), _time(args.council_end))
    return replace(details, **changes)


# --- the summary's details

_DETAIL_TEXTS = {
    "number": "number",
    "addressee": "addressee",
    "plan_number": "plan_number",
    "plan_title": "plan_title",
    **{name: name for name in NARRATIVE_OPTIONS},
}


def _signer(text: str) -> dict[str, str]:
    parts = [p.strip() for p in text.split("|")]
    if not text.strip():
        return {"signer_position": "", "signer_name": "", "signer_authority": ""}
    if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
        raise InputError(
            "REPORT_BAD_SIGNER",
            N_('Write the signer as "Position|Name", optionally "|Authority", not \'{text}\'.'),
            text=text,
        )
    authority = parts[2] if len(parts) == 3 else ""
    return {"signer_position": parts[0], "signer_name": parts[1], "signer_authority": authority}


def _text_file(item: str) -> tuple[str, str]:
    section, _sep, name = item.partition("=")
    if section not in NARRATIVE_OPTIONS or not name:
        raise InputError(
            "REPORT_BAD_TEXT_FILE",
            N_("Write a section's file as SECTION=FILE, SECTION one of {sections}, not '{text}'."),
            sections=", ".join(NARRATIVE_OPTIONS),
            text=item,
        )
    try:
        return section, Path(name).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            "REPORT_TEXT_FILE_UNREADABLE",
            N_("Cannot read {path} as UTF-8 text: {reason}."),
            path=name,
            reason=getattr(error, "strerror", None) or str(error),
        ) from None


def _detail_changes(args: argparse.Namespace) -> dict[str, Any]:
    """What the options of `report summary` change in the report's details."""
    changes: dict[str, Any] = {
        attribute: _multiline(value) if option in NARRATIVE_OPTIONS else value
        for option, attribute in _DETAIL_TEXTS.items()
        if (value := getattr(args, option, None)) is not None
    }
    if args.date is not None:
        changes["day"] = _date(args.date) if args.date.strip() else None
    if args.plan_date is not None:
        changes["plan_date"] = _date(args.plan_date) if args.plan_date.strip() else None
    if args.signer is not None:
        changes.update(_signer(args.signer))
    if args.recipient is not None:
        changes["recipients"] = tuple(r for r in args.recipient if r.strip())
    for item in args.text_file or ():
        section, text = _text_file(item)
        changes[section] = text
    return changes


def _write_summary(workspace: Any, args: argparse.Namespace) -> int:
    out = Path(args.out)
    reports.check_summary_target(out)  # before anything is stored
    changes = _detail_changes(args)
    if changes:
        details = report_details.get_details(workspace, args.unit, args.year)
        report_details.set_details(workspace, args.unit, args.year, replace(details, **changes))
    summary = reports.write_summary(
        workspace, args.unit, args.year, out, reviewed_only=args.reviewed_only
    )
    line(_("Report written: {path}").format(path=args.out))
    line(
        ngettext(
            "{scope}, {year}: {counted} of {units} commune summarised, {recognised} recognised; {excluded} left out.",
            "{scope}, {year}: {counted} of {units} communes summarised, {recognised} recognised; {excluded} left out.",
            summary.units_total,
        ).format(
            scope=summary.scope.name,
            year=summary.year,
            counted=len(summary.communes),
            units=summary.units_total,
            recognised=summary.recognized,
            excluded=len(summary.excluded),
        )
    )
    deadline = reports.report_deadline(summary.scope.level, summary.year)
    line(_("The plan's deadline for this report: {date}.").format(date=dates.day(deadline)))
    drafted = [name for name in NARRATIVE_OPTIONS if not getattr(summary.narrative, name)]
    if drafted:
        line(
            _(
                "Note: these sections are drafted from the data; write them with --{first} or --text-file: {sections}."
            ).format(first=drafted[0], sections=", ".join(drafted))
        )
    return OK


# --- output


def _show(details: DossierDetails) -> None:
    document = dossier_details.to_json(details)
    for section in ("letter", "council"):
        for key, value in document[section].items():
            if key == "members":
                line(f"{section}.{key}:")
                for member in value:
                    absent = "" if member["present"] else " |absent"
                    line(f"  - {member['name']} | {member['position']} | {member['role']}{absent}")
            elif isinstance(value, list):
                line(f"{section}.{key}:")
                for item in value:
                    line(f"  - {item}")
            else:
                shown = "" if value is None else str(value).replace("\n", "\\n")
                line(f"{section}.{key}: {shown}")
    if details.stored:
        line(
            _("Saved by {actor} at {at}.").format(
                actor=details.updated_by, at=dates.stamp(details.updated_at)
            )
        )
    else:
        line(_("Defaults derived from the data: nothing saved yet."))


def _window_note(workspace: Any, assessment_id: int, details: DossierDetails) -> None:
    """Say when the meeting's date could not be checked: the regime's data has no window."""
    context = dossier_details.minutes_context(workspace, assessment_id)
    if details.has_minutes and context.window is None:
        line(
            _(
                "Note: the data of the regime {regime} gives no assessment window; the meeting's date is checked only against the evaluation year and the letter."
            ).format(regime=context.regime)
        )


def _details_json(details: DossierDetails) -> dict[str, Any]:
    document = dossier_details.to_json(details)
    document["stored"] = details.stored
    document["updated_at"] = details.updated_at or None
    document["updated_by"] = details.updated_by or None
    return document


def targets_json(items: list[reports.PlanTarget]) -> list[dict[str, Any]]:
    return [{"year": t.year, "percent": t.percent, "source": t.source} for t in items]


def targets_text(items: list[reports.PlanTarget]) -> None:
    for item in items:
        percent = numbers.percent(item.percent, i18n.language(), None)
        line(f"{item.year}  {percent:>7}  {item.source}")


# --- commands


def cmd_report(args: argparse.Namespace) -> int:
    workspace = prepared_workspace(args)
    try:
        if args.action == "appraisal":  # cli/decision_commands.py
            from assessor_app.cli.decision_commands import cmd_appraisal

            return cmd_appraisal(args, workspace)
        if args.action == "yearly":  # cli/plan_entry_commands.py
            from assessor_app.cli.plan_entry_commands import cmd_yearly_report

            return cmd_yearly_report(args, workspace)
        if args.action == "dossier":
            data = reports.write_dossier(workspace, args.id, Path(args.out))
            line(_("Dossier written: {path}").format(path=args.out))
            if not dossier_details.get_details(workspace, args.id).stored:
                line(
                    _(
                        "Note: the letter and the minutes use defaults; set them with 'dossier set {id}'."
                    ).format(id=args.id)
                )
            if data.catalogue.provisional_parts:
                line(_("Warning: the catalogue has provisional parts; every page says so."))
            return OK
        if args.action == "summary":
            return _write_summary(workspace, args)
        if args.action == "targets":
            items = reports.targets(workspace)
        else:
            items = reports.set_target(workspace, args.year, None if args.clear else args.percent)
        if getattr(args, "json", False):
            emit_json(targets_json(items))
        else:
            targets_text(items)
        return OK
    finally:
        workspace.close()


def cmd_dossier(args: argparse.Namespace) -> int:
    workspace = prepared_workspace(args)
    try:
        details = dossier_details.get_details(workspace, args.id)
        if args.action == "set":
            details = dossier_details.set_details(workspace, args.id, _changed(details, args))
            line(_("Dossier details saved."))
            _window_note(workspace, args.id, details)
            vacant = dossier_details.vacant_seats(details)
            if vacant is not None:
                problem(_("Warning: {message}").format(message=render(vacant)))
        if getattr(args, "json", False):
            emit_json(_details_json(details))
        else:
            _show(details)
        return OK
    finally:
        workspace.close()
