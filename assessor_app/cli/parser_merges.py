"""The arguments of `units merges` (handled in cli/merge_commands.py): the table of unit merges
across the 2024 and 2025 reforms, and a person's word on each row. Only argparse and the
translations."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from assessor_app.i18n import _

Command = Callable[[Any, str, str], argparse.ArgumentParser]


def add_merge_parsers(unit_cmds: Any, command: Command) -> None:
    """`units merges list|confirm|correct` (called by cli/parser.py)."""
    merges = command(unit_cmds, "merges", _("which old commune went into which unit (2024, 2025)"))
    m_cmds = merges.add_subparsers(dest="merges_action", metavar="ACTION", required=True)
    listing = command(m_cmds, "list", _("the rows of the merge table and whether each is verified"))
    listing.add_argument(
        "--unverified", action="store_true", help=_("only the rows nobody has verified")
    )
    listing.add_argument(
        "--search", metavar="TEXT", default="", help=_("with or without diacritics")
    )
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    confirm = command(m_cmds, "confirm", _("confirm a row as shipped, after checking it"))
    confirm.add_argument("row", metavar="ROW", help=_("e.g. 2025-33.1"))
    confirm.add_argument("--reason", required=True, metavar="TEXT")
    correct = command(m_cmds, "correct", _("correct a row: the unit it went into, or its commune"))
    correct.add_argument("row", metavar="ROW", help=_("e.g. 2025-27.3"))
    correct.add_argument(
        "--to", metavar="CODE", help=_("the code of the unit the commune went into")
    )
    correct.add_argument(
        "--from",
        dest="old",
        metavar="CODE",
        help=_("the old commune's code, when the row's name matched none"),
    )
    correct.add_argument("--reason", required=True, metavar="TEXT")
