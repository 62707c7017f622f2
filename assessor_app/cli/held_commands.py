"""`assessment held list|apply|discard` and `assessment set --expect-previous` (docs/cli.md):
figures kept aside because another officer changed the same figure first
(services/held_changes.py)."""

from __future__ import annotations

import argparse
from typing import Any

from assessor_app import i18n
from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line
from assessor_app.i18n import _
from assessor_app.services import assessments, held_changes
from assessor_app.services.held_changes import HeldDetail
from assessor_app.services.workspace import Workspace
from assessor_app.texts import dates, numbers, values


def set_expecting(workspace: Workspace, args: argparse.Namespace) -> int:
    """`assessment set ID INDICATOR VALUE --expect-previous PREVIOUS`: entered only if the stored
    figure of the indicator is still PREVIOUS ("": none) or already VALUE; else held
    (STORE_CONFLICT, exit 6). Other indicators changed meanwhile are no conflict."""
    revision = held_changes.set_value_expecting(
        workspace, args.id, args.indicator, args.value, args.expect_previous, args.reason
    )
    detail = assessments.detail(workspace, args.id)
    code = args.indicator.strip()
    points = next((s for s in detail.score.indicators if s.code == code), None)
    language = i18n.language()
    line(
        _("{indicator}: {points}; total {total}; revision {revision}.").format(
            indicator=code,
            points=numbers.points_of(points.points, points.max_points, language) if points else "?",
            total=numbers.number(detail.score.total, language),
            revision=revision,
        )
    )
    return OK


def _json(detail: HeldDetail) -> dict[str, Any]:
    held = detail.held
    return {
        "id": held.id,
        "assessment": held.assessment_id,
        "indicator": held.indicator_code,
        "held_value": detail.yours,
        "held_by": held.held_by,
        "held_at": held.held_at,
        "reason": held.reason,
        "based_on_revision": held.based_on_revision,
        "found_revision": held.found_revision,
        "stored_value": detail.theirs,
        "stored_by": detail.theirs_by or None,
        "stored_at": detail.theirs_at or None,
    }


def _list(workspace: Workspace, args: argparse.Namespace) -> int:
    found = held_changes.held_details(workspace, args.id)
    if args.json:
        emit_json([_json(detail) for detail in found])
        return OK
    if not found:
        line(_("No held changes."))
        return OK
    language = i18n.language()
    for detail in found:
        held = detail.held
        line(
            _(
                "{held}  #{assessment} {indicator}: held {yours} ({held_by}, {held_at}); stored {theirs} ({stored_by}, {stored_at})"
            ).format(
                held=held.id,
                assessment=held.assessment_id,
                indicator=held.indicator_code,
                yours=values.stored(detail.yours, language),
                held_by=held.held_by,
                held_at=dates.stamp(held.held_at),
                theirs=values.stored(detail.theirs, language),
                stored_by=detail.theirs_by or values.NONE,
                stored_at=dates.stamp(detail.theirs_at),
            )
        )
        if held.reason:
            line(_("      reason: {reason}").format(reason=held.reason))
    return OK


def _apply(workspace: Workspace, args: argparse.Namespace) -> int:
    revision = held_changes.apply_held(workspace, args.held, args.reason)
    line(
        _("Held change {held} applied; the assessment is at revision {revision}.").format(
            held=args.held, revision=revision
        )
    )
    return OK


def _discard(workspace: Workspace, args: argparse.Namespace) -> int:
    held_changes.discard_held(workspace, args.held, args.reason)
    line(_("Held change {held} discarded; the stored figure stays.").format(held=args.held))
    return OK


def held(workspace: Workspace, args: argparse.Namespace) -> int:
    actions = {"list": _list, "apply": _apply, "discard": _discard}
    return actions[args.held_action](workspace, args)
