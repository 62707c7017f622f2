"""The arguments of `profile show` and `profile set` (handled in cli/profile_commands.py). Only
argparse and the translations."""

from __future__ import annotations

from typing import Any

from assessor_app.i18n import _

# services/profile.py ProfileKind and domain/catalogue.py Sector, spelled out: building the
# parser imports no service (cli/main.py); `profile set` checks them again (PROFILE_BAD_FIELD).
KINDS = ("team", "commune", "office", "province")
AGENCIES = (
    "commune_committee",
    "labour_social_affairs",
    "justice",
    "police",
    "health",
    "education",
    "culture",
    "youth_union",
    "women_union",
)


def add_profile_parsers(commands: Any, command: Any) -> None:
    """Add `profile` to the parser (cli/parser.py calls this)."""
    profile = command(commands, "profile", _("who uses this installation: kind, name, office"))
    p_cmds = profile.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = command(p_cmds, "show", _("show the profile"))
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    put = command(p_cmds, "set", _("set the profile, as Settings → Profile does (audited)"))
    put.add_argument("--kind", required=True, choices=KINDS)
    put.add_argument("--name", required=True, metavar="NAME", help=_("the person's full name"))
    put.add_argument("--agency", required=True, choices=AGENCIES)
    put.add_argument(
        "--office",
        default="",
        metavar="CODE",
        help=_("the unit code of the office this installation is (none for a team's laptop)"),
    )
    put.add_argument(
        "--unit-list", metavar="CODE", help=_("the unit list (default: the one in force)")
    )
    put.add_argument("--json", action="store_true", help=_("print JSON"))
