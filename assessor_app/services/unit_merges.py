"""The shipped table of unit merges and people's word on each row (`units merges`, the
"Sáp nhập đơn vị hành chính" screen): list, confirm, correct; audited on the store chain.

The table (resources/units/merges/LS-merges.json) is secondary and unverified row by row: a row is
trusted only after a person confirms it or corrects it with a reason. The CLI and the screen both
call these functions, so they refuse the same things the same way."""

from __future__ import annotations

import csv
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assessor_app.domain.assessment import require_reason
from assessor_app.domain.errors import N_, InputError, NotFoundError
from assessor_app.domain.text import clean, fold
from assessor_app.domain.unit_merge_build import KNOWN_2024, build_document
from assessor_app.domain.unit_merges import (
    MergeRound,
    MergeRow,
    MergeTable,
    Review,
    ReviewedRow,
    ReviewStatus,
    apply_reviews,
    parse_merge_table,
)
from assessor_app.domain.units import parse_unit_list
from assessor_app.paths import resource
from assessor_app.services.files import read_json
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repository import STORE_CHAIN, Repository

MERGES_FILE = "LS-merges.json"
MERGES_SOURCE_CSV = "lang-son-2025-merges-secondary.csv"
MERGES_VERSION = "2026-12-07"
CURRENT_LIST = "LS-2025-07"
# the unit list before and after each round: a correction names codes of these lists
LISTS_OF_ROUND = {
    MergeRound.DEC_2024: ("LS-2020", "LS-2025-01"),
    MergeRound.JUL_2025: ("LS-2025-01", "LS-2025-07"),
}


@functools.cache
def shipped_merge_table() -> MergeTable:
    return parse_merge_table(read_json(resource("units", "merges", MERGES_FILE)))


def build_shipped_document() -> dict[str, Any]:
    """What packaging/build_unit_merges.py writes to resources/units/merges/ (and a test checks)."""
    with resource("units", "merges", MERGES_SOURCE_CSV).open(encoding="utf-8", newline="") as f:
        lines = list(csv.DictReader(f))
    lists = {}
    for path in sorted(resource("units").glob("*.json")):
        unit_list = parse_unit_list(read_json(path))
        lists[unit_list.code] = unit_list
    return build_document(MERGES_VERSION, lines, lists, KNOWN_2024)


def _matches(row: ReviewedRow, words: Sequence[str]) -> bool:
    key = fold(
        " ".join(
            (
                row.row.row_id,
                row.row.old_name,
                row.row.district_label,
                row.row.new_name,
                row.old_code or "",
                row.new_code or "",
            )
        )
    )
    return all(w in key for w in words)


def merge_rows(
    workspace: Workspace, unverified_only: bool = False, text: str = ""
) -> list[ReviewedRow]:
    """The table with the reviews applied; `text` filters with or without diacritics."""
    with workspace.database.reading() as session:
        reviews = Repository(session).unit_merge_reviews()
    rows = apply_reviews(shipped_merge_table().rows, reviews)
    words = fold(text).split()
    return [
        r
        for r in rows
        if (not unverified_only or not r.verified) and (not words or _matches(r, words))
    ]


def _row(row_id: str) -> MergeRow:
    row = shipped_merge_table().row(clean(row_id))
    if row is None:
        raise NotFoundError(
            "MERGE_ROW_NOT_FOUND",
            N_("There is no row '{row}' in the table of merges (e.g. 2025-33.1)."),
            row=clean(row_id),
        )
    return row


def _unit_codes(repo: Repository, list_code: str) -> set[str]:
    return {u.code for u in repo.units_in_list(list_code)}


def _check_code(repo: Repository, code: str, list_code: str, error: str) -> str:
    code = clean(code)
    if code not in _unit_codes(repo, list_code):
        raise InputError(
            error,
            N_("'{code}' is not a commune code of the unit list {list}."),
            code=code,
            list=list_code,
        )
    return code


def _state(row: ReviewedRow) -> dict[str, Any]:
    return {"status": row.status.value, "old_code": row.old_code, "new_code": row.new_code}


@dataclass(frozen=True)
class _Change:
    status: ReviewStatus
    old_code: str | None = None
    new_code: str | None = None


def _review(workspace: Workspace, row_id: str, reason: str, change: _Change) -> ReviewedRow:
    row = _row(row_id)
    reason = require_reason(reason)
    before_list, after_list = LISTS_OF_ROUND[row.round]
    now = workspace.clock()

    def _work(session: WriteSession) -> ReviewedRow:
        repo = Repository(session)
        old_code = (
            _check_code(repo, change.old_code, before_list, "MERGE_BAD_OLD_CODE")
            if change.old_code
            else None
        )
        new_code = (
            _check_code(repo, change.new_code, after_list, "MERGE_BAD_TARGET")
            if change.new_code
            else None
        )
        before = ReviewedRow(row, repo.unit_merge_reviews().get(row.row_id))
        review = Review(row.row_id, change.status, reason, workspace.actor, now, old_code, new_code)
        after = ReviewedRow(row, review)
        if after.old_code is None or after.new_code is None:
            raise InputError(
                "MERGE_ROW_UNRESOLVED",
                N_(
                    "Row {row} does not say which commune went where: correct it with the "
                    "commune's code and the unit it went into."
                ),
                row=row.row_id,
            )
        repo.set_unit_merge_review(review)
        action = (
            "confirm_unit_merge"
            if change.status is ReviewStatus.CONFIRMED
            else "correct_unit_merge"
        )
        repo.append_audit(
            STORE_CHAIN,
            now,
            workspace.actor,
            action,
            f"unit_merge:{row.row_id}",
            _state(before),
            _state(after),
            reason,
        )
        return after

    return workspace.database.run_in_transaction(_work)


def confirm_row(workspace: Workspace, row_id: str, reason: str) -> ReviewedRow:
    """A person checked the row against the resolution and it is right as shipped."""
    return _review(workspace, row_id, reason, _Change(ReviewStatus.CONFIRMED))


def correct_row(
    workspace: Workspace,
    row_id: str,
    reason: str,
    to: str | None = None,
    old: str | None = None,
) -> ReviewedRow:
    """The row is wrong: the old commune went into `to` (a code of the list after the round),
    and/or the row's commune is `old` (a code of the list before it)."""
    if not (to or "").strip() and not (old or "").strip():
        raise InputError(
            "MERGE_CORRECTION_EMPTY",
            N_("Say what is corrected: the unit the commune went into, or the commune's code."),
        )
    return _review(workspace, row_id, reason, _Change(ReviewStatus.CORRECTED, old, to))


def unit_names(workspace: Workspace) -> dict[str, dict[str, str]]:
    """The communes' names by list and code, for the lists the rounds name (a corrected row
    names a code the shipped row did not)."""
    wanted = {code for pair in LISTS_OF_ROUND.values() for code in pair}
    with workspace.database.reading() as session:
        repo = Repository(session)
        return {code: {u.code: u.name for u in repo.units_in_list(code)} for code in wanted}


def names_of(row: ReviewedRow, names: dict[str, dict[str, str]]) -> tuple[str, str]:
    """(the old commune's name, the unit's name) as the row stands after its review."""
    before, after = LISTS_OF_ROUND[row.row.round]
    old = names.get(before, {}).get(
        row.old_code or "", row.row.old_name_in_list or row.row.old_name
    )
    new = names.get(after, {}).get(row.new_code or "", row.row.new_name)
    return old, new
