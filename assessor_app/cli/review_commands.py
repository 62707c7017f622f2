"""`review …` (docs/cli.md, "Appraisal"): the office's appraisal of submitted assessments.

- `review list [--all]`: what waits on this office (submitted, under appraisal), longest first;
- `review show ID`: the submitted figures and points beside the office's, indicator by indicator;
- `review start ID`, `review points ID IND N --reason TEXT`, `review return ID --comment IND:TEXT
  … --reason TEXT`, `review appraise ID`, `review undo ID --reason TEXT`: the steps
  (domain/appraisal.py), each audited on the office's own assessment.

ID is the submitted assessment's id (as `review list` shows it) or the office's appraisal's.
"""

from __future__ import annotations

import argparse
from typing import Any

from assessor_app import i18n
from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line
from assessor_app.cli.opening import prepared_workspace
from assessor_app.domain.appraisal import AppraisalState
from assessor_app.domain.errors import N_, InputError
from assessor_app.i18n import _, ngettext
from assessor_app.services import appraisals
from assessor_app.services.appraisal_records import AppraisalItem, AppraisalView
from assessor_app.services.workspace import Workspace
from assessor_app.texts import dates, labels, numbers, values


def _item_json(item: AppraisalItem) -> dict[str, Any]:
    return {
        "id": item.assessment_id,
        "uid": item.assessment_uid,
        "review_id": item.review_id,
        "commune": item.commune_code,
        "commune_name": item.commune_name,
        "year": item.year,
        "kind": item.kind.value,
        "state": item.state.value,
        "round": item.round,
        "since": item.since,
        "days": item.days,
        "submitted_total": item.submitted_total,
        "appraised_total": item.appraised_total,
        "demo": item.demo,
    }


def _view_json(view: AppraisalView) -> dict[str, Any]:
    return {
        **_item_json(view.item),
        "submitted_recognized": view.submitted_recognized,
        "appraised_recognized": view.appraised_recognized,
        "differences": view.differences,
        "steps": [step.value for step in view.steps],
        "reason": view.reason,
        "indicators": [
            {
                "indicator": row.indicator,
                "criterion": row.criterion,
                "max_points": row.max_points,
                "submitted_value": row.submitted_value,
                "submitted_points": row.submitted_points,
                "appraised_value": row.appraised_value,
                "appraised_points": row.appraised_points,
                "differs": row.differs,
                "comments": list(row.comments),
            }
            for row in view.rows
        ],
    }


def _item_line(item: AppraisalItem) -> str:
    language = i18n.language()
    waited = ngettext("{days} day", "{days} days", item.days).format(
        days=numbers.number(item.days, language)
    )
    state = labels.appraisal_state(item.state, language)
    if item.round > 1:
        state += " " + _("(round {round})").format(round=item.round)
    demo = "  DEMO" if item.demo else ""
    return (
        f"{item.assessment_id}  {item.commune_code}  {item.commune_name}  {item.year}  "
        f"{labels.assessment_kind(item.kind, language)}  {state}  "
        f"{dates.stamp_day(item.since)}  {waited}{demo}"
    )


def _points(points: int | None) -> str:
    return values.NONE if points is None else numbers.number(points, i18n.language())


def _view_text(view: AppraisalView) -> None:
    language = i18n.language()
    line(_item_line(view.item))
    totals = _("Total: submitted {submitted}, appraised {appraised}").format(
        submitted=numbers.number(view.item.submitted_total, language),
        appraised=_points(view.item.appraised_total),
    )
    line(totals)
    if view.reason:
        line(_("Reason: {reason}").format(reason=view.reason))
    line(
        ngettext(
            "{count} indicator differs.", "{count} indicators differ.", view.differences
        ).format(count=view.differences)
    )
    for row in view.rows:
        mark = "≠" if row.differs else " "
        line(
            f"{mark} {row.indicator:<7} {values.stored(row.submitted_value, language)} "
            f"({_points(row.submitted_points)})  →  "
            f"{values.stored(row.appraised_value, language)} ({_points(row.appraised_points)})"
        )
        for comment in row.comments:
            line("    " + _("Comment: {text}").format(text=comment))
    if view.item.state is AppraisalState.RETURNED:
        line(_("Waiting for the team's corrected assessment, in a bundle."))
    if view.steps:
        steps = ", ".join(labels.appraisal_step(step, language) for step in view.steps)
        line(_("Next: {steps}").format(steps=steps))


def _comments(items: list[str] | None) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in items or []:
        code, sep, text = item.partition(":")
        if not sep or not code.strip():
            raise InputError(
                "APPRAISAL_BAD_COMMENT",
                N_("Write a comment on an indicator as IND:TEXT, not '{text}'."),
                text=item,
            )
        found[code.strip()] = text.strip()
    return found


def _step(args: argparse.Namespace, workspace: Workspace) -> AppraisalView:
    if args.action == "show":
        return appraisals.show(workspace, args.id)
    if args.action == "start":
        return appraisals.start(workspace, args.id)
    if args.action == "points":
        return appraisals.set_point(workspace, args.id, args.indicator, args.value, args.reason)
    if args.action == "return":
        return appraisals.return_(workspace, args.id, _comments(args.comment), args.reason)
    if args.action == "appraise":
        return appraisals.appraise(workspace, args.id)
    return appraisals.undo(workspace, args.id, args.reason)


def cmd_review(args: argparse.Namespace) -> int:
    workspace = prepared_workspace(args)
    try:
        if args.action == "list":
            items = appraisals.waiting(workspace, include_all=args.all)
            if args.json:
                emit_json([_item_json(item) for item in items])
            elif not items:
                line(_("Nothing is waiting on this office."))
            for item in [] if args.json else items:
                line(_item_line(item))
            return OK
        view = _step(args, workspace)
        if args.json:
            emit_json(_view_json(view))
        else:
            _view_text(view)
        return OK
    finally:
        workspace.close()
