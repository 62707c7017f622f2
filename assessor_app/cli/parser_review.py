"""The arguments of `review …` (handled in cli/review_commands.py): the office's appraisal of the
assessments submitted to it. Only argparse and the translations."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from assessor_app.cli.arguments import whole_number
from assessor_app.i18n import _

Command = Callable[[Any, str, str], argparse.ArgumentParser]


def _target(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "id",
        type=whole_number,
        metavar="ID",
        help=_("the submitted assessment, or the office's appraisal of it"),
    )


def add_review_parsers(commands: Any, command: Command) -> None:
    """`review list|show|start|points|return|appraise|undo` (called by cli/parser.py)."""
    review = command(commands, "review", _("the office's appraisal of submitted assessments"))
    actions = review.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = command(actions, "list", _("assessments waiting on this office, longest first"))
    listing.add_argument(
        "--all", action="store_true", help=_("every appraisal, whatever its state")
    )
    show = command(actions, "show", _("an appraisal: the two sets of figures side by side"))
    start = command(actions, "start", _("start appraising a submitted assessment"))
    points = command(actions, "points", _("enter the office's own figure for an indicator"))
    returning = command(actions, "return", _("return the assessment to its team, with comments"))
    appraise = command(actions, "appraise", _("close the appraisal: the office's figures decide"))
    undo = command(actions, "undo", _("take a closed appraisal back, with a reason"))
    for parser in (show, start, points, returning, appraise, undo):
        _target(parser)
    points.add_argument("indicator", metavar="IND")
    points.add_argument(
        "value", metavar="N", help=_("the figure as 'assessment set' takes it: 45/50, yes, 3")
    )
    points.add_argument("--reason", required=True, metavar="TEXT")
    returning.add_argument(
        "--comment",
        action="append",
        metavar="IND:TEXT",
        help=_("a comment on an indicator (repeat for several)"),
    )
    returning.add_argument("--reason", required=True, metavar="TEXT")
    undo.add_argument("--reason", required=True, metavar="TEXT")
    for parser in (listing, show, start, points, returning, appraise, undo):
        parser.add_argument("--json", action="store_true", help=_("print JSON"))
