"""Printed documents as files: the dossier of one assessment (PDF), the summary of a district or the
province (PDF or Excel workbook), and the plan's targets the summary measures against.

Files are written atomically (a temporary file in the target folder, fsync, rename): a full or
read-only stick leaves no partial file, and the error (`REPORT_WRITE_FAILED`) names the folder. An
existing file of the same name is replaced. A document is written for others to read: its mode
follows the user's umask (0644 typically), unlike the store, keys and logs (0600). The same data and the same `created` give the same
bytes (`dossier_bytes` / `summary_bytes` for previews).
"""

from __future__ import annotations

import errno
import itertools
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from assessor_app import i18n, logs
from assessor_app.core.files import write_atomic
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.domain.errors import N_, InputError, OperationCancelled, StoreError
from assessor_app.domain.evaluation import check_year
from assessor_app.reports.model import DossierData
from assessor_app.reports.summary_model import (
    PLAN_TARGETS,
    Scope,
    SummaryData,
    TargetSource,
)
from assessor_app.services import report_data, report_targets
from assessor_app.services.assessments import require_assessment
from assessor_app.services.summary_shaping import report_deadline
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repository import STORE_CHAIN, Repository
from assessor_app.texts import documents, numbers

PDF, XLSX = ".pdf", ".xlsx"
DOSSIER_FORMATS = (PDF,)
SUMMARY_FORMATS = (PDF, XLSX)
STEPS = 3  # progress: data read, document rendered, file written


def render_dossier(data: DossierData) -> bytes:
    # Imported when a dossier is drawn: the desktop app's start does not pay for reportlab's
    # platypus and fonts, nor a command that prints nothing.
    from assessor_app.reports.dossier import render_dossier as render

    return render(data)


def render_summary(data: SummaryData) -> bytes:
    from assessor_app.reports.summary import render_summary as render  # reportlab: when drawn

    return render(data)


def summary_xlsx(data: SummaryData) -> bytes:
    from assessor_app.reports.xlsx import summary_xlsx as workbook  # openpyxl: when asked for

    return workbook(data)


# --- plan targets


@dataclass(frozen=True)
class PlanTarget:
    """A target: `percent` % of the communes recognised by `year`. `source` is "plan" (the
    province's plan implementing QĐ 34/2014: 20 % by 2015, 50 % by 2020), "national" (the
    national programme for children 2021–2030: 65 % by 2025, 75 % by 2030; secondary sources) or
    "store" (the province's own, set here with `set_target`; it comes before a national target of
    the same year)."""

    year: int
    percent: float
    source: str


LAST_PLAN_YEAR = max(t.year for t in PLAN_TARGETS)
TARGET_SOURCES = {  # the words `report targets` and `plan status` use for a target's source
    TargetSource.PLAN: "plan",
    TargetSource.NATIONAL: "national",
    TargetSource.PROVINCE: "store",
}


def targets(workspace: Workspace) -> list[PlanTarget]:
    with workspace.database.reading() as session:
        repo = Repository(session)
        return [
            PlanTarget(t.year, float(t.percent), TARGET_SOURCES[t.source])
            for t in report_targets.targets_in(repo)
        ]


def _percent(value: float) -> str:
    """A target's figure inside an error message ("12,5"), through the text layer in the app's
    language: the interface that shows the message speaks it (as services/serialize.py does)."""
    return numbers.plain(value, i18n.language())


def set_target(workspace: Workspace, year: int, percent: float | None) -> list[PlanTarget]:
    """Set (or with None remove) the target of a year after the plan's last (2020); audited on the
    store chain. Targets must not fall from one year to a later one (the plan asks to keep raising
    the share)."""
    check_year(year)
    if year <= LAST_PLAN_YEAR:
        raise InputError(
            "REPORT_TARGET_PLAN_YEAR",
            N_(
                "Targets up to {last} are the province's plan and cannot be changed here; set targets for later years."
            ),
            last=LAST_PLAN_YEAR,
        )
    if percent is not None and not 0 < percent <= 100:
        raise InputError(
            "REPORT_TARGET_BAD_PERCENT",
            N_("A target is a share of communes above 0 and at most 100 %, not {percent}."),
            percent=_percent(percent),
        )

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        stored = report_targets.stored_targets(repo)
        old = stored.get(year)
        if percent is None:
            stored.pop(year, None)
        else:
            stored[year] = float(percent)
        merged = {t.year: float(t.percent) for t in PLAN_TARGETS} | stored
        years = sorted(merged)
        for earlier, later in itertools.pairwise(years):
            if merged[later] < merged[earlier]:
                raise InputError(
                    "REPORT_TARGET_NOT_RISING",
                    N_(
                        "The target for {later} ({later_percent} %) would be below the target for {earlier} ({earlier_percent} %); targets must keep rising."
                    ),
                    later=later,
                    later_percent=_percent(merged[later]),
                    earlier=earlier,
                    earlier_percent=_percent(merged[earlier]),
                )
        if old != (float(percent) if percent is not None else None):
            repo.set_meta(
                report_targets.META_TARGETS,
                json.dumps(
                    [{"year": y, "percent": stored[y]} for y in sorted(stored)],
                    separators=(",", ":"),
                ),
            )
            repo.append_audit(
                STORE_CHAIN,
                workspace.clock(),
                workspace.actor,
                "set_target",
                f"target:{year}",
                old,
                float(percent) if percent is not None else None,
            )

    workspace.database.run_in_transaction(_work)
    return targets(workspace)


# --- what a summary can cover


def summary_scopes(workspace: Workspace, year: int) -> tuple[Scope, ...]:
    """The province, then (for evaluation years that ended before districts were abolished) its
    districts, from the unit list of `year`: the choices a summary of that year accepts.
    UNITS_NONE_ON_DATE when no unit list is valid at the year's end."""
    with workspace.database.reading() as session:
        return report_data.scopes_in(Repository(session), year)


# --- rendering


def dossier_file_name(workspace: Workspace, assessment_id: int) -> str:
    """The name a saved dossier is offered under: the commune and the year, ASCII with hyphens
    ("ho-so-xa-huu-lien-2026.pdf"), so colleagues can tell the files apart."""
    with workspace.database.reading() as session:
        row = require_assessment(Repository(session), assessment_id)
        return documents.file_name("ho so", row.commune_name, row.year, PDF)


def dossier_bytes(
    workspace: Workspace, assessment_id: int, created: datetime | None = None
) -> bytes:
    """The dossier's PDF (for a preview)."""
    return render_dossier(report_data.dossier_data(workspace, assessment_id, created))


def summary_bytes(
    workspace: Workspace,
    unit_code: str,
    year: int,
    fmt: str = PDF,
    created: datetime | None = None,
    reviewed_only: bool = False,
) -> bytes:
    """The summary as PDF (`fmt` ".pdf") or workbook (".xlsx") bytes."""
    fmt = _format(Path(f"report{fmt}"), SUMMARY_FORMATS)
    data = report_data.summary_data(workspace, unit_code, year, created, reviewed_only)
    return render_summary(data) if fmt == PDF else summary_xlsx(data)


# --- writing


def _format(out: Path, allowed: tuple[str, ...]) -> str:
    suffix = out.suffix.lower()
    if suffix not in allowed:
        raise InputError(
            "REPORT_BAD_FORMAT",
            N_("Cannot write {path}: the file name must end in one of: {allowed}."),
            path=str(out),
            allowed=", ".join(allowed),
        )
    return suffix


def _check_target(out: Path) -> None:
    if out.is_dir():
        raise InputError(
            "REPORT_TARGET_IS_FOLDER",
            N_("{path} is a folder; give the name of the file to write."),
            path=str(out),
        )


def _write_failed(out: Path, reason: str, full: bool = False, missing: bool = False) -> StoreError:
    folder = str(out.parent)
    if missing:
        return StoreError(
            "REPORT_WRITE_FAILED",
            N_("The report cannot be written: the folder {folder} does not exist."),
            folder=folder,
            reason=reason,
        )
    if full:
        return StoreError(
            "REPORT_WRITE_FAILED",
            N_(
                "The report cannot be written to the folder {folder}: the disk is full ({reason}). Nothing was written; free some space or choose another folder."
            ),
            folder=folder,
            reason=reason,
        )
    return StoreError(
        "REPORT_WRITE_FAILED",
        N_("The report cannot be written to the folder {folder}: {reason}. Nothing was written."),
        folder=folder,
        reason=reason,
    )


def write_file(out: Path, data: bytes) -> None:
    """Write `data` to `out` atomically; REPORT_WRITE_FAILED (naming the folder) on failure, and
    then nothing is left in the folder."""
    if not out.parent.is_dir():
        raise _write_failed(out, os.strerror(errno.ENOENT), missing=True)
    try:
        write_atomic(out, data)
    except OSError as error:
        reason = error.strerror or str(error)
        raise _write_failed(out, reason, full=error.errno == errno.ENOSPC) from None


def write_pages(out: Path, pdf: bytes, first: int, last: int) -> None:
    """Write pages `first` to `last` (1-based) of `pdf` to `out`, kept vector, as `write_file`."""
    from assessor_app.reports.pdf_pages import page_range  # pypdf: only when printing a range

    write_file(out, page_range(pdf, first, last))


def _step(progress: Progress | None, cancelled: Cancelled | None, done: int) -> None:
    if progress is not None:
        progress(done, STEPS)
    if cancelled is not None and done < STEPS and cancelled():
        raise OperationCancelled()


def write_dossier(
    workspace: Workspace,
    assessment_id: int,
    out: Path,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    created: datetime | None = None,
) -> DossierData:
    """Write the dossier of an assessment to `out` (a .pdf file); returns the data printed.

    `progress(done, total)` is called after each of the three steps; `cancelled()` is asked
    between them (OperationCancelled: nothing was written)."""
    out = Path(out)
    _format(out, DOSSIER_FORMATS)
    _check_target(out)
    _step(None, cancelled, 0)
    data = report_data.dossier_data(workspace, assessment_id, created)
    _step(progress, cancelled, 1)
    pdf = render_dossier(data)
    _step(progress, cancelled, 2)
    write_file(out, pdf)
    logs.event("report", "saved", document="dossier", assessment=assessment_id, format=PDF)
    _step(progress, cancelled, 3)
    return data


def check_summary_target(out: Path) -> None:
    """The checks `write_summary` makes on its file before reading anything (format, folder)."""
    _format(Path(out), SUMMARY_FORMATS)
    _check_target(Path(out))


def write_summary(
    workspace: Workspace,
    unit_code: str,
    year: int,
    out: Path,
    created: datetime | None = None,
    reviewed_only: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> SummaryData:
    """Write the summary of a district or the province to `out`: a PDF for ".pdf", a workbook
    for ".xlsx"; returns the data written."""
    out = Path(out)
    fmt = _format(out, SUMMARY_FORMATS)
    _check_target(out)
    _step(None, cancelled, 0)
    data = report_data.summary_data(workspace, unit_code, year, created, reviewed_only)
    _step(progress, cancelled, 1)
    content = render_summary(data) if fmt == PDF else summary_xlsx(data)
    _step(progress, cancelled, 2)
    write_file(out, content)
    logs.event("report", "saved", document="summary", unit=unit_code, year=year, format=fmt)
    _step(progress, cancelled, 3)
    return data


__all__ = [
    "DOSSIER_FORMATS",
    "PDF",
    "SUMMARY_FORMATS",
    "XLSX",
    "PlanTarget",
    "check_summary_target",
    "dossier_bytes",
    "dossier_file_name",
    "report_deadline",
    "set_target",
    "summary_bytes",
    "summary_scopes",
    "targets",
    "write_dossier",
    "write_file",
    "write_pages",
    "write_summary",
]
