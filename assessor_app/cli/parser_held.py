"""The arguments of `assessment held list|apply|discard` and of `assessment set --expect-previous`
(handled in cli/held_commands.py): figures kept aside because another officer changed the
same figure first (services/held_changes.py).

Only argparse and the translations: building the parser loads no command's code."""

from __future__ import annotations

from typing import Any

from assessor_app.cli.arguments import whole_number
from assessor_app.i18n import _


def add_expect_previous(set_cmd: Any) -> None:
    set_cmd.add_argument(
        "--expect-previous",
        metavar="VALUE",
        help=_(
            'the figure you read for this indicator (as assessment show prints it; "" for none); if another officer changed it since, your figure is held, not written (exit 6)'
        ),
    )


def add_held_parsers(actions: Any, command: Any) -> None:
    """Add `assessment held` and its actions (cli/parser.py calls this)."""
    held = command(
        actions, "held", _("figures held because another officer changed the same figure first")
    )
    held_actions = held.add_subparsers(dest="held_action", metavar="ACTION", required=True)
    listing = command(held_actions, "list", _("the held figures waiting for a decision"))
    listing.add_argument(
        "id", type=whole_number, nargs="?", metavar="ID", help=_("one assessment (default: all)")
    )
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    apply = command(held_actions, "apply", _("enter a held figure over the stored one"))
    apply.add_argument("held", type=whole_number, metavar="HELD")
    apply.add_argument("--reason", required=True, metavar="TEXT")
    discard = command(held_actions, "discard", _("keep the stored figure; the held one is closed"))
    discard.add_argument("held", type=whole_number, metavar="HELD")
    discard.add_argument("--reason", required=True, metavar="TEXT")
