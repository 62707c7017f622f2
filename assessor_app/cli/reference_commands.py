"""`init`, `catalogue` and `units`: the reference data. Kept apart from the other commands so
that they load only what they use (no keys, bundles or audit code)."""

from __future__ import annotations

import argparse
import importlib

from assessor_app import i18n
from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line, provisional_warning, status_label
from assessor_app.cli.opening import parse_date, prepared_workspace, swept_workspace
from assessor_app.i18n import _, ngettext
from assessor_app.services import (
    catalogue_in_force,
    catalogue_preference,
    reference_data,
    serialize,
)
from assessor_app.services.workspace import Workspace
from assessor_app.texts import catalogue_words, dates, labels, numbers, releases


def cmd_init(args: argparse.Namespace) -> int:
    workspace = swept_workspace(args)
    try:
        report = reference_data.initialise(workspace)
    finally:
        workspace.close()
    line(_("Store: {path}").format(path=report.database))
    line(
        _("Catalogues added: {items}").format(
            items=", ".join(report.catalogues_added) or _("none (already loaded)")
        )
    )
    line(
        _("Unit lists added: {items}").format(
            items=", ".join(report.unit_lists_added) or _("none (already loaded)")
        )
    )
    return OK


# `catalogue` actions handled in other modules, imported when run (xlsx loads openpyxl, releases
# the bundle code): (module of cli/, function).
_ELSEWHERE = {
    "export-xlsx": ("catalogue_xlsx_commands", "cmd_catalogue_xlsx"),
    "import-xlsx": ("catalogue_xlsx_commands", "cmd_catalogue_xlsx"),
    "draft": ("catalogue_draft_commands", "cmd_catalogue_draft"),
    "migrate": ("catalogue_migrate_commands", "cmd_catalogue_migrate"),
    "publish": ("release_commands", "cmd_publish"),  # issue 15: catalogue releases
    "in-force": ("release_commands", "cmd_in_force"),
}


def cmd_catalogue(args: argparse.Namespace) -> int:
    elsewhere = _ELSEWHERE.get(args.action)
    if elsewhere is not None:
        module, name = elsewhere
        handler = getattr(importlib.import_module(f"assessor_app.cli.{module}"), name)
        return int(handler(args))
    if args.action == "validate":
        return _validate(args)
    workspace = prepared_workspace(args)
    try:
        if args.action == "import":
            catalogue, added = reference_data.import_catalogue(workspace, args.file)
            message = (
                _("Catalogue {code} {version} added.")
                if added
                else _("Catalogue {code} {version} was already in the store.")
            )
            line(message.format(code=catalogue.code, version=catalogue.version))
            return OK
        if args.action == "list":
            return _list(workspace, args.json)
        catalogue = reference_data.catalogue(workspace, args.code)
        if args.json:
            emit_json(serialize.catalogue_full(catalogue))
            return OK
        language = i18n.language()
        line(f"{catalogue.code} {catalogue.version} — {catalogue.title_vi}")
        line(f"{catalogue.legal_basis.number}; {numbers.points(catalogue.max_total, language)}")
        provisional_warning(catalogue)
        for crit in catalogue.criteria:
            points = numbers.number(crit.max_points, language)
            line(
                f"{crit.code:<6} {points:>5}  [{status_label(crit.effective_status)}] {crit.title_vi}"
            )
            for ind in crit.indicators:
                kind = labels.rule_kind(ind.kind, language)
                points = numbers.number(ind.max_points, language)
                line(
                    f"    {ind.code:<8} {points:>5}  {kind} [{status_label(ind.effective_status)}] {ind.title_vi}"
                )
        return OK
    finally:
        workspace.close()


def _list(workspace: Workspace, as_json: bool) -> int:
    """`catalogue list`: each stored catalogue, its dates, total, status, where it came from and,
    for a version the province released, since when it applies and whether it is in force."""
    items = catalogue_preference.stored_with_origin(workspace)
    standing = catalogue_in_force.standings(workspace)
    language = i18n.language()
    if as_json:
        emit_json(
            [
                {
                    **serialize.catalogue_summary(c),
                    "origin": o,
                    "applied_from": _applied(standing.get(c.content_hash)),
                    "in_force": _current(standing.get(c.content_hash)),
                }
                for c, o in items
            ]
        )
        return OK
    for c, origin in items:
        start = dates.day(c.effective_from)
        to = dates.day(c.effective_to) if c.effective_to else "…"
        total = numbers.number(c.max_total, language)
        came = catalogue_words.catalogue_origin(origin, language)
        text = f"{c.code:<12} {c.version:<22} {start} → {to}  {total:>5}  {status_label(c.status)}  {c.legal_basis.number}  ({came})"
        held = standing.get(c.content_hash)
        if held is not None and held.since is not None:
            text += "  " + catalogue_words.applied_from(held.since, language)
            if held.in_force:
                text += ", " + catalogue_words.in_force_mark(language).upper()
        line(text)
    for item in catalogue_in_force.in_force(workspace):  # released by the province (issue 15)
        line(releases.in_force_line(item.code, item.version, item.since, item.publisher, language))
    return OK


def _applied(held: catalogue_in_force.Standing | None) -> str | None:
    return held.since.isoformat() if held is not None and held.since is not None else None


def _current(held: catalogue_in_force.Standing | None) -> bool:
    return held is not None and held.in_force


def _validate(args: argparse.Namespace) -> int:
    catalogue = reference_data.load_catalogue_file(args.file)
    if args.json:
        emit_json({"valid": True, **serialize.catalogue_summary(catalogue)})
    else:
        count = len(catalogue.criteria)
        line(
            ngettext(
                "Valid catalogue {code} {version}: {count} criterion, {points}, hash {hash}.",
                "Valid catalogue {code} {version}: {count} criteria, {points}, hash {hash}.",
                count,
            ).format(
                code=catalogue.code,
                version=catalogue.version,
                count=count,
                points=numbers.points(catalogue.max_total, i18n.language()),
                hash=catalogue.content_hash,
            )
        )
        provisional_warning(catalogue)
    return OK


def cmd_units(args: argparse.Namespace) -> int:
    if args.action == "merges":
        from assessor_app.cli.merge_commands import cmd_merges  # loaded only for this command

        return cmd_merges(args)
    workspace = prepared_workspace(args)
    try:
        if args.action == "list":
            records = reference_data.units_on(workspace, parse_date(args.date, workspace))
        elif args.action == "search":
            records = reference_data.search_units(
                workspace, args.text, parse_date(args.date, workspace), args.all
            )
        elif args.action == "set-category":
            record = reference_data.set_unit_category(
                workspace, args.code, args.category, args.reason
            )
            line(
                _("{code} {name}: category {category}.").format(
                    code=record.code,
                    name=record.name,
                    category=labels.unit_category(record.category, i18n.language()),
                )
            )
            return OK
        else:
            records = reference_data.unit_history(workspace, args.code)
            if args.json:
                emit_json(
                    {
                        "code": records[-1].code,
                        "name": records[-1].name,
                        "category": records[-1].category.value,
                        "history": [serialize.unit(r) for r in records],
                    }
                )
                return OK
        if args.json:
            emit_json([serialize.unit(r) for r in records])
            return OK
        if args.action == "search" and not records:
            line(_("No unit matches '{text}'.").format(text=args.text))
        for r in records:
            period = f"{dates.day(r.valid_from)}→{dates.day(r.valid_to) if r.valid_to else ''}"
            district = f"  ({r.district_name})" if r.district_name else ""
            category = labels.unit_category(r.category, i18n.language())
            line(f"{r.code}  {r.name}{district}  [{category}]  {r.list_code} {period}")
        return OK
    finally:
        workspace.close()
