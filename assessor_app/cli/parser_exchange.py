"""The arguments of `verify`, `import` and `quarantine` (handled in cli/import_commands.py and
cli/quarantine_commands.py).

Only argparse and the translations: building the parser loads no command's code, so a command
imports only what it runs (cli/main.py)."""

from __future__ import annotations

from typing import Any

from assessor_app.cli.arguments import whole_number
from assessor_app.i18n import _


def add_import_parsers(commands: Any, command: Any) -> None:
    """Add `verify`, `import` and `quarantine` to the parser (cli/parser.py calls this)."""
    verify = command(
        commands, "verify", _("check a bundle file and its signer; changes nothing (exit 0, 20–26)")
    )
    verify.add_argument("file", metavar="FILE")
    verify.add_argument("--json", action="store_true", help=_("print JSON"))

    load = command(
        commands, "import", _("import a bundle file: merge it, or hold it in quarantine")
    )
    load.add_argument("file", metavar="FILE")
    load.add_argument(
        "--dry-run", action="store_true", help=_("show what would happen; change nothing")
    )
    load.add_argument(
        "--receipt-dir",
        metavar="DIR",
        help=_("where to write the receipt (default: receipts/ in the data folder)"),
    )
    load.add_argument(
        "--accept-demo",
        action="store_true",
        help=_("import a bundle of demo data (into a demo store only; refused otherwise)"),
    )
    load.add_argument("--json", action="store_true", help=_("print JSON"))

    held = command(commands, "quarantine", _("bundles held in quarantine"))
    q_cmds = held.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = command(q_cmds, "list", _("list the bundles ever held"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    show = command(q_cmds, "show", _("show why a bundle is held, with its conflicts"))
    show.add_argument("id", type=whole_number, metavar="ID")
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    resolve = command(
        q_cmds, "resolve", _("settle conflicts: choose a side per indicator, with a reason")
    )
    resolve.add_argument("id", type=whole_number, metavar="ID")
    resolve.add_argument(
        "--take",
        action="append",
        default=[],
        metavar="INDICATOR=local|incoming",
        help=_("the side to keep for a conflicting indicator (repeat for each)"),
    )
    resolve.add_argument("--reason", required=True, metavar="TEXT")
    resolve.add_argument("--json", action="store_true", help=_("print JSON"))
    retry = command(
        q_cmds, "retry", _("import a held bundle again (e.g. after enrolling its signer's key)")
    )
    retry.add_argument("id", type=whole_number, metavar="ID")
    retry.add_argument("--json", action="store_true", help=_("print JSON"))
    reject = command(q_cmds, "reject", _("close a held bundle without importing it"))
    reject.add_argument("id", type=whole_number, metavar="ID")
    reject.add_argument("--reason", required=True, metavar="TEXT")
