"""`catalogue export-xlsx` and `catalogue import-xlsx`: the catalogue as a table officials edit.
Apart from reference_commands so that `catalogue list` does not load openpyxl."""

from __future__ import annotations

import argparse

from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line, provisional_warning
from assessor_app.cli.opening import prepared_workspace
from assessor_app.i18n import _
from assessor_app.services import catalogue_xlsx, serialize


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
    catalogue = catalogue_xlsx.import_xlsx(args.file, args.out)
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
