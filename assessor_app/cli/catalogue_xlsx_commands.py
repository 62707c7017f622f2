"""`catalogue export-xlsx` and `catalogue import-xlsx`: the catalogue as a table officials edit.
Apart from reference_commands so that `catalogue list` does not load openpyxl."""

from __future__ import annotations

import argparse
import sys

from assessor_app import i18n
from assessor_app.cli import exit_codes
from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line, provisional_warning
from assessor_app.cli.opening import prepared_workspace
from assessor_app.i18n import _
from assessor_app.services import catalogue_xlsx, serialize
from assessor_app.services.catalogue_sheet_reading import MAX_ERRORS, CellErrors


def report_cell_errors(errors: CellErrors) -> int:
    """Every cell that could not be read, one line each (sheet, row, column); the first one's
    exit status."""
    for error in errors.errors:
        sys.stderr.write(f"assessor-app: {i18n.render(error)} [{error.code}]\n")
    if len(errors.errors) >= MAX_ERRORS:
        sys.stderr.write(
            "assessor-app: "
            + _("Only the first {count} mistakes are listed; fix them and import again.").format(
                count=MAX_ERRORS
            )
            + "\n"
        )
    return exit_codes.for_error(errors)


def cmd_catalogue_xlsx(args: argparse.Namespace) -> int:
    if args.action == "export-xlsx":
        workspace = prepared_workspace(args)
        try:
            catalogue = catalogue_xlsx.export_xlsx(args.out, workspace=workspace, code=args.code)
        finally:
            workspace.close()
        line(
            _("Catalogue {code} {version} written to {path}.").format(
                code=catalogue.code, version=catalogue.version, path=args.out
            )
        )
        return OK
    try:
        catalogue = catalogue_xlsx.import_xlsx(args.file, args.out)
    except CellErrors as errors:
        return report_cell_errors(errors)
    if args.json:
        emit_json({"written": str(args.out), **serialize.catalogue_summary(catalogue)})
        return OK
    line(
        _("Valid catalogue {code} {version} written to {path}, hash {hash}.").format(
            code=catalogue.code,
            version=catalogue.version,
            path=args.out,
            hash=catalogue.content_hash,
        )
    )
    provisional_warning(catalogue)
    return OK
