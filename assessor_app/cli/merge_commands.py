"""`units merges list|confirm|correct` (arguments in cli/parser_merges.py): the table of unit
merges, and a person's word on each row (services/unit_merges.py; audited there)."""

from __future__ import annotations

import argparse
from typing import Any

from assessor_app import i18n
from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line
from assessor_app.cli.opening import prepared_workspace
from assessor_app.domain.unit_merges import ReviewedRow
from assessor_app.i18n import _
from assessor_app.services import unit_merges
from assessor_app.texts import values
from assessor_app.texts.unit_merges import match_kind, merge_review, merge_round_day, source_flag


def row_json(row: ReviewedRow, names: dict[str, dict[str, str]]) -> dict[str, Any]:
    old_name, new_name = unit_merges.names_of(row, names)
    review = row.review
    return {
        "id": row.row.row_id,
        "round": row.row.round.value,
        "item": row.row.item,
        "source_name": row.row.old_name,
        "district": row.row.district,
        "district_doubtful": row.row.district_doubtful,
        "old_code": row.old_code,
        "old_name": old_name if row.old_code else None,
        "match": row.row.match.value,
        "same_name_elsewhere": list(row.row.candidates),
        "new_code": row.new_code,
        "new_name": new_name if row.new_code else None,
        "partial": row.row.partial,
        "source_flag": row.row.source_flag.value,
        "source": row.row.source,
        "note": row.row.note or None,
        "status": row.status.value,
        "verified": row.verified,
        "reason": review.reason if review else None,
        "reviewed_by": review.by if review else None,
        "reviewed_at": review.at if review else None,
    }


def _row_text(row: ReviewedRow, names: dict[str, dict[str, str]]) -> str:
    language = i18n.language()
    old_name, new_name = unit_merges.names_of(row, names)
    old = f"{row.old_code} {old_name}" if row.old_code else f"? {row.row.old_name}"
    new = f"{row.new_code} {new_name}" if row.new_code else "?"
    said = f"{row.row.row_id}  {merge_round_day(row.row.round.value)}  {old}"
    said += f" ({row.row.district}) → {new}  [{merge_review(row.status.value, language)}]"
    if row.row.partial:
        said += " " + _("(part of the commune)")
    return said


def _row_details(row: ReviewedRow) -> list[str]:
    language = i18n.language()
    details = []
    if row.old_code is None:
        details.append(match_kind(row.row.match.value, language))
        if row.row.candidates:
            details.append(
                _("same name elsewhere: {codes}").format(codes=", ".join(row.row.candidates))
            )
    if row.row.district_doubtful:
        details.append(_("the source's district label is doubtful"))
    if row.row.source_flag.value != "unverified":
        details.append(source_flag(row.row.source_flag.value, language))
    return details


def _list(
    args: argparse.Namespace, rows: list[ReviewedRow], names: dict[str, dict[str, str]]
) -> None:
    if args.json:
        emit_json([row_json(r, names) for r in rows])
        return
    for row in rows:
        line(_row_text(row, names))
        for detail in _row_details(row):
            line(f"    {detail}")
    unverified = sum(not r.verified for r in rows)
    line(
        _("{count} rows, {unverified} not verified.").format(count=len(rows), unverified=unverified)
    )
    if not rows:
        line(values.NONE)


def cmd_merges(args: argparse.Namespace) -> int:
    workspace = prepared_workspace(args)
    try:
        if args.merges_action == "list":
            rows = unit_merges.merge_rows(workspace, args.unverified, args.search)
            _list(args, rows, unit_merges.unit_names(workspace))
            return OK
        if args.merges_action == "confirm":
            row = unit_merges.confirm_row(workspace, args.row, args.reason)
        else:
            row = unit_merges.correct_row(workspace, args.row, args.reason, args.to, args.old)
        line(_row_text(row, unit_merges.unit_names(workspace)))
        return OK
    finally:
        workspace.close()
