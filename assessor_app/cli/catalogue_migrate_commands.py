"""`catalogue migrate ASSESSMENT --to CATALOGUE [--apply --reason TEXT]`: show, indicator by
indicator, what moving an assessment to another catalogue version does; with --apply, do it."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import Any

from assessor_app import i18n
from assessor_app.cli import exit_codes
from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line
from assessor_app.cli.opening import prepared_workspace
from assessor_app.domain.catalogue_migration import IndicatorMigration, MigrationPlan, Outcome
from assessor_app.domain.scoring import ScoreResult
from assessor_app.i18n import _
from assessor_app.services import catalogue_migration
from assessor_app.services.catalogue_migration import MigrationPreview
from assessor_app.texts import labels, messages, numbers


def cmd_catalogue_migrate(args: argparse.Namespace) -> int:
    workspace = prepared_workspace(args)
    try:
        if args.apply:
            done = catalogue_migration.migrate(
                workspace, args.id, args.to, args.reason, anyway=args.anyway
            )
        else:
            done = catalogue_migration.preview(workspace, args.id, args.to)
    finally:
        workspace.close()
    status = OK if done.refused is None else exit_codes.for_error(done.refused)
    if args.json:
        emit_json(_json(done, args.apply))
        return status
    if done.refused is not None:
        # The refusal first: an official must not read the table as something that will happen.
        line(_("It cannot be applied now: {why}").format(why=i18n.render(done.refused)))
        line("")
    _table(done)
    if done.warning is not None and not args.apply:
        line(i18n.render(done.warning))
    if args.apply:
        line(
            _("Assessment {assessment} now uses catalogue {code} {version}.").format(
                assessment=done.assessment_id,
                code=done.plan.new.code,
                version=labels.catalogue_version(done.plan.new.version, i18n.language()),
            )
        )
    elif done.refused is not None:
        line(_("Nothing was changed."))
    elif done.warning is not None:
        line(_("Nothing was changed. To apply anyway: add --apply --anyway --reason TEXT."))
    else:
        line(_("Nothing was changed. To apply: add --apply --reason TEXT."))
    return status


def _named(code: str, version: str) -> str:
    """A catalogue version as an official reads it: "QD06-2019, phiên bản tạm thời 2019.1"."""
    return f"{code}, {labels.catalogue_version(version, i18n.language())}"


def _points(value: int | None) -> str:
    return "—" if value is None else numbers.number(value, i18n.language())


def _row(item: IndicatorMigration) -> str:
    language = i18n.language()
    why = labels.migration_why(item.why, language)
    outcome = labels.migration_outcome(item.outcome, language) + (f" ({why})" if why else "")
    if not item.had_value and item.outcome is Outcome.CARRIED:
        outcome = _("Not entered")
    change = f"{_points(item.old_points)} → {_points(item.new_points)}"
    return f"  {item.code:<8} {change:<12} {outcome}"


def _verdict(title: str, result: ScoreResult) -> None:
    language = i18n.language()
    line(
        title.format(
            points=numbers.points_of(result.total, result.max_total, language),
            verdict=labels.verdict(result.recognized, language),
        )
    )
    for reason in result.reasons:
        line(f"    - {messages.reason(reason, language)}")


def _table(done: MigrationPreview) -> None:
    migration = done.plan
    line(
        _("Assessment {assessment} ({commune} {year}): {old} → {new}").format(
            assessment=done.assessment_id,
            commune=done.commune_name,
            year=done.year,
            old=_named(migration.old.code, migration.old.version),
            new=_named(migration.new.code, migration.new.version),
        )
    )
    for item in migration.items:
        line(_row(item))
    line(labels.migration_counts(migration.counts(), i18n.language()))
    _verdict(_("Before: {points}, {verdict}"), migration.before)
    _verdict(_("After: {points}, {verdict}"), migration.after)
    if not migration.complete:
        line(
            _("The verdict after is incomplete until these indicators are entered: {codes}").format(
                codes=", ".join(migration.to_enter)
            )
        )
    sys.stdout.flush()


def _side(result: ScoreResult, plan: MigrationPlan, old: bool) -> dict[str, Any]:
    catalogue = plan.old if old else plan.new
    return {
        "catalogue": catalogue.code,
        "version": catalogue.version,
        "hash": catalogue.content_hash,
        "total": result.total,
        "max_total": result.max_total,
        "recognized": result.recognized,
        "reasons": [reason.code for reason in result.reasons],
    }


def _json(done: MigrationPreview, applied: bool) -> dict[str, Any]:
    migration = done.plan
    return {
        "assessment": done.assessment_id,
        "uid": done.assessment_uid,
        "applied": applied,
        "refusal": done.refusal.code if done.refusal else None,
        "warning": done.warning.code if done.warning else None,
        "counts": asdict(migration.counts()),
        "before": _side(migration.before, migration, True),
        "after": {**_side(migration.after, migration, False), "complete": migration.complete},
        "to_enter": list(migration.to_enter),
        "indicators": [
            {
                "code": i.code,
                "criterion": i.criterion,
                "outcome": i.outcome.value,
                "why": i.why.value if i.why else None,
                "had_value": i.had_value,
                "old_points": i.old_points,
                "new_points": i.new_points,
            }
            for i in migration.items
        ],
    }
