"""The arguments of `catalogue publish` and `catalogue in-force` (handled in
cli/release_commands.py). Only argparse and the translations."""

from __future__ import annotations

from typing import Any

from assessor_app.i18n import _


def add_release_parsers(catalogue_cmds: Any, command: Any) -> None:
    """Add `publish` and `in-force` to `catalogue` (cli/parser.py calls this)."""
    publish = command(
        catalogue_cmds,
        "publish",
        _("sign a catalogue into a release file for the teams (the province office only)"),
    )
    publish.add_argument("code", metavar="CODE[@VERSION]")
    publish.add_argument("--out", required=True, metavar="FILE")
    publish.add_argument(
        "--in-force-from", metavar="YYYY-MM-DD", help=_("the day it applies from (default: today)")
    )
    publish.add_argument(
        "--with-procedure",
        action="store_true",
        help=_(
            "also carry the procedure values the province set (procedure set-actor|set-deadline)"
        ),
    )
    publish.add_argument("--overwrite", action="store_true", help=_("replace FILE if it exists"))
    publish.add_argument("--json", action="store_true", help=_("print JSON"))
    in_force = command(
        catalogue_cmds,
        "in-force",
        _("which catalogue version the province released is in force, since when"),
    )
    in_force.add_argument("--date", metavar="YYYY-MM-DD", help=_("default: today"))
    in_force.add_argument("--json", action="store_true", help=_("print JSON"))
