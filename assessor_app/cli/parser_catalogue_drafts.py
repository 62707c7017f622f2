"""The arguments of `catalogue draft` (handled in cli/catalogue_draft_commands.py): catalogue
drafts and their publishing. Only argparse and the translations."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from assessor_app.cli.arguments import whole_number
from assessor_app.i18n import _

Command = Callable[[Any, str, str], argparse.ArgumentParser]


def add_catalogue_draft_parsers(catalogue_cmds: Any, command: Command) -> None:
    """`catalogue draft new|list|show|import-xlsx|export-xlsx|publish|delete`."""
    draft = command(catalogue_cmds, "draft", _("drafts of catalogues, and publishing them"))
    d_cmds = draft.add_subparsers(dest="draft_action", metavar="ACTION", required=True)
    new = command(d_cmds, "new", _("start a draft from a stored catalogue, with a new version"))
    new.add_argument("code", metavar="CODE", help=_("the catalogue's code or content hash"))
    new.add_argument("--version", required=True, metavar="V", help=_("the new version"))
    listing = command(d_cmds, "list", _("list the drafts and whether each is valid"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    show = command(d_cmds, "show", _("show a draft and what still keeps it from being valid"))
    show.add_argument("id", metavar="ID", type=whole_number)
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    from_sheet = command(d_cmds, "import-xlsx", _("start a draft from an XLSX table"))
    from_sheet.add_argument("file", metavar="FILE.xlsx")
    to_sheet = command(d_cmds, "export-xlsx", _("write a valid draft as an XLSX table"))
    to_sheet.add_argument("id", metavar="ID", type=whole_number)
    to_sheet.add_argument("--out", metavar="FILE.xlsx", required=True)
    publish = command(
        d_cmds, "publish", _("publish a valid draft as a new catalogue (province office only)")
    )
    publish.add_argument("id", metavar="ID", type=whole_number)
    delete = command(d_cmds, "delete", _("delete a draft"))
    delete.add_argument("id", metavar="ID", type=whole_number)
