"""Entry point of the command line: parse, run, and turn expected errors into one clear line."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence

from assessor_app import i18n
from assessor_app.cli.exit_codes import STORE, UNEXPECTED, USAGE, for_error
from assessor_app.cli.parser import build_parser
from assessor_app.domain.errors import AssessorError
from assessor_app.logs import configure_logging
from assessor_app.paths import data_home

log = logging.getLogger(__name__)

# command → (module of cli/, function). Imported when the command runs, not before: a command pays
# only for what it uses (`catalogue list` loads neither reportlab nor openpyxl).
HANDLERS: dict[str, tuple[str, str]] = {
    "init": ("reference_commands", "cmd_init"),
    "catalogue": ("reference_commands", "cmd_catalogue"),
    "units": ("reference_commands", "cmd_units"),
    "assessment": ("commands", "cmd_assessment"),
    "score": ("commands", "cmd_score"),
    "evidence": ("record_commands", "cmd_evidence"),
    "team": ("record_commands", "cmd_team"),
    "comment": ("record_commands", "cmd_comment"),
    "flag": ("record_commands", "cmd_flag"),
    "source": ("record_commands", "cmd_source"),
    "keys": ("key_commands", "cmd_keys"),
    "export": ("key_commands", "cmd_export"),
    "receipt": ("key_commands", "cmd_receipt"),
    "verify": ("import_commands", "cmd_verify"),
    "import": ("import_commands", "cmd_import"),
    "quarantine": ("quarantine_commands", "cmd_quarantine"),
    "report": ("report_commands", "cmd_report"),
    "dossier": ("report_commands", "cmd_dossier"),
    "decision": ("decision_commands", "cmd_decision"),
    "commendation": ("commendation_commands", "cmd_commendation"),
    "plan": ("plan_commands", "cmd_plan"),
    "review": ("review_commands", "cmd_review"),
    "procedure": ("procedure_commands", "cmd_procedure"),
    "audit": ("commands", "cmd_audit"),
    "store": ("store_commands", "cmd_store"),
    "sign": ("pdf_commands", "cmd_sign"),
    "verify-pdf": ("pdf_commands", "cmd_verify_pdf"),
    "profile": ("profile_commands", "cmd_profile"),
}


def handler_of(command: str) -> Callable[[argparse.Namespace], int] | None:
    """The function that runs `command`, its module imported now; None for no such command."""
    where = HANDLERS.get(command)
    if where is None:
        return None
    module = importlib.import_module(f"assessor_app.cli.{where[0]}")
    function: Callable[[argparse.Namespace], int] = getattr(module, where[1])
    return function


def _language_from(argv: Sequence[str]) -> str | None:
    """--lang must take effect before the parser (and its help texts) are built."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def run(argv: Sequence[str]) -> int:
    i18n.set_language(_language_from(argv))
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse prints its own message (usage errors, --help)
        return int(exit_.code or 0) if exit_.code in (0, None) else USAGE
    handler = handler_of(args.command or "")
    if handler is None:
        parser.print_help()
        return USAGE
    log_file = configure_logging(data_home(getattr(args, "home", None)).logs)
    try:
        return handler(args)
    except AssessorError as error:
        sys.stderr.write(f"assessor-app: {i18n.render(error)} [{error.code}]\n")
        return for_error(error)
    except BrokenPipeError:  # output piped into `head`: not an error
        sys.stderr.close()
        return 0
    except OSError as error:  # the environment's fault: disk full, read-only stick...
        sys.stderr.write(f"assessor-app: {error.strerror or error} ({error.filename or ''})\n")
        return STORE
    except Exception:
        log.exception("unexpected error in %s", args.command)
        message = i18n._("Unexpected error; this is a bug. Details are in the log: {path}")
        sys.stderr.write("assessor-app: " + message.format(path=log_file) + "\n")
        return UNEXPECTED
