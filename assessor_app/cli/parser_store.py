"""The arguments of `store backups|backup|restore|migrate|grant|officers` (handled in cli/store_commands.py).

Only argparse and the translations: building the parser loads no command's code, so a command
imports only what it runs (cli/main.py)."""

from __future__ import annotations

from typing import Any

from assessor_app.i18n import _


def add_store_parsers(commands: Any, command: Any) -> None:
    """Add `store` and its actions to the parser (cli/parser.py calls this)."""
    store = command(commands, "store", _("copies of the store: list, make, restore"))
    actions = store.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = command(actions, "backups", _("list the copies of the store, newest first"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    make = command(actions, "backup", _("copy the store now (kept until you delete it)"))
    make.add_argument("--json", action="store_true", help=_("print JSON"))
    restore = command(
        actions,
        "restore",
        _("put a copy in place of the store (close the app first; the store is copied before)"),
    )
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--json", action="store_true", help=_("print JSON"))
    move = command(
        actions,
        "migrate",
        _("copy every record of this store into an empty PostgreSQL database, then check the copy"),
    )
    move.add_argument(
        "--to",
        required=True,
        metavar="URL",
        help=_("the PostgreSQL database, e.g. postgresql://user@server/database"),
    )
    move.add_argument("--json", action="store_true", help=_("print JSON"))
    grant = command(
        actions,
        "grant",
        _("give an officer (a login user of the PostgreSQL server) a role on this store"),
    )
    grant.add_argument("user", metavar="USER")
    grant.add_argument(
        "--role",
        required=True,
        metavar="ROLE",
        help=_("importer, appraiser, decider or publisher"),
    )
    grant.add_argument("--revoke", action="store_true", help=_("take the role back"))
    officers = command(actions, "officers", _("the officers of this store and their roles"))
    officers.add_argument("--json", action="store_true", help=_("print JSON"))
