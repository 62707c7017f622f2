"""The arguments of `keys`, `export` and `receipt` (handled in cli/key_commands.py).

Only argparse and the translations: building the parser loads no command's code, so a command
imports only what it runs (cli/main.py)."""

from __future__ import annotations

from typing import Any

from assessor_app.cli.arguments import sequence_number, whole_number
from assessor_app.i18n import _


def add_key_parsers(commands: Any, command: Any) -> None:
    """Add `keys`, `export` and `receipt` to the parser (cli/parser.py calls this)."""
    keys_parser = command(commands, "keys", _("signing keys and the keys trusted here"))
    k_cmds = keys_parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    init = command(k_cmds, "init", _("create this installation's signing key"))
    init.add_argument("--name", required=True, metavar="NAME", help=_("the key owner's name"))
    init.add_argument("--agency", required=True, metavar="AGENCY", help=_("the key owner's agency"))
    init.add_argument(
        "--role",
        choices=["team", "office", "province"],
        help=_("an inspection team's key or a reviewing office's (default: the profile's)"),
    )
    show = command(k_cmds, "show", _("show this installation's key and its fingerprint"))
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    card = command(k_cmds, "card", _("write the key card (JSON) and its QR code (FILE.png)"))
    card.add_argument("--out", required=True, metavar="FILE")
    enrol = command(
        k_cmds, "enrol", _("trust the key on a card, after checking its fingerprint in person")
    )
    enrol.add_argument("card", metavar="CARD")
    enrol.add_argument(
        "--fingerprint",
        required=True,
        metavar="FP",
        help=_(
            "what the owner read out, in person or by phone: the fingerprint, its six groups of digits or its eight words (accents optional)"
        ),
    )
    enrol.add_argument(
        "--role",
        required=True,
        choices=["team", "office", "province"],
        help=_(
            "what the key is here: a team's (signs bundles) or an office's (also signs receipts); must match the card"
        ),
    )
    set_role = command(
        k_cmds,
        "set-role",
        _("give this installation's key the province's role (the province office only)"),
    )
    set_role.add_argument("role", choices=["province"], metavar="province")
    revoke = command(
        k_cmds, "revoke", _("refuse a key's bundles numbered above N (0: all of them)")
    )
    revoke.add_argument("fingerprint", metavar="FP")
    revoke.add_argument("--above-seq", required=True, type=sequence_number, metavar="N")
    revoke.add_argument("--reason", default="", metavar="TEXT")
    listing = command(k_cmds, "list", _("list the keys trusted here"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    command(k_cmds, "rotate", _("replace the signing key; offices trusting the old one follow"))

    export = command(commands, "export", _("write assessments to a signed bundle file"))
    export.add_argument("ids", nargs="+", type=whole_number, metavar="ID")
    export.add_argument("--out", required=True, metavar="FILE")
    export.add_argument(
        "--drafts", action="store_true", help=_("also export drafts (the bundle says so)")
    )
    export.add_argument("--overwrite", action="store_true", help=_("replace FILE if it exists"))
    export.add_argument(
        "--demo",
        action="store_true",
        help=_("export demo data as a demo bundle (marked and signed as such; offices refuse it)"),
    )
    export.add_argument("--json", action="store_true", help=_("print JSON"))

    receipt = command(commands, "receipt", _("receipts from the reviewing office"))
    r_cmds = receipt.add_subparsers(dest="action", metavar="ACTION", required=True)
    load = command(r_cmds, "import", _("import a receipt: mark the bundle acknowledged"))
    load.add_argument("file", metavar="FILE")
    load.add_argument("--json", action="store_true", help=_("print JSON"))
