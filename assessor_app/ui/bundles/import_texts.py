"""What the import wizard's pages say: the verdict of a verification, the preview of a plan, the
result of an import and its receipt, each in plain words with the code."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assessor_app import i18n
from assessor_app.domain.catalogue import Sector
from assessor_app.i18n import _, ngettext
from assessor_app.services import bundle_import, reference_data
from assessor_app.services.bundle_import import ImportPlan, ImportResult, VerifyReport
from assessor_app.services.merge_model import AssessmentPlan
from assessor_app.services.summary_shaping import standard_of
from assessor_app.services.workspace import Workspace
from assessor_app.texts import labels
from assessor_app.ui.bundles.texts import (
    reason_lines,
    reason_text,
    receipt_note_text,
)

ZIP_START = b"PK\x03\x04"  # a bundle is a ZIP archive (docs/bundle-format.md)


def agency_name(agency: str) -> str:
    """An agency as people name it: a sector's code ("health") by its label, a name as given."""
    try:
        return labels.sector(Sector(agency), i18n.language())
    except ValueError:
        return agency


def file_problem(path: Path) -> str | None:
    """Why the file chosen for import cannot be read, in plain words; None when it can (whether
    it is a good bundle is the next page's check)."""
    if not path.exists():
        return _(
            "There is no file {path}. Check that the USB stick is plugged in and choose the file again."
        ).format(path=path)
    if not path.is_file():
        return _("{path} is a folder, not a bundle file: choose the .ldbundle file in it.").format(
            path=path
        )
    try:
        with path.open("rb") as file:
            start = file.read(4)
    except OSError:
        return _(
            "The file {path} cannot be opened (no permission, or the USB stick was removed)."
        ).format(path=path)
    if start != ZIP_START:
        return _(
            "{path} is not a dossier bundle (an .ldbundle file made by this app): choose another file."
        ).format(path=path)
    return None


def standard_names(workspace: Workspace) -> dict[str, str]:
    """Catalogue code → the standard as officials name it ("QĐ 06/QĐ-TTg")."""
    return {c.code: standard_of(c) for c in reference_data.catalogues(workspace)}


def verdict(report: VerifyReport) -> tuple[str, str]:
    """(banner kind, text) for a verification report, in plain words with the code."""
    if report.already_seen:
        return "info", _(
            "This bundle was received before ({outcome}). Importing it again changes nothing."
        ).format(outcome=labels.import_outcome(report.seen_outcome or "", i18n.language()))
    if report.ok:
        lines = [_("The bundle is intact and signed by an enrolled key."), reason_text(report)]
        lines += [
            ngettext(
                "Assessment {assessment}: {count} audit entry after the last signed head is not signed.",
                "Assessment {assessment}: {count} audit entries after the last signed head are not signed.",
                count,
            ).format(assessment=uid, count=count)
            for uid, count in report.unsigned
        ]
        return "ok", "\n".join(lines)
    if report.code == "BUNDLE_UNKNOWN_SIGNER":
        return "warn", "\n".join(
            [
                _("Unknown signer: this key is not enrolled here."),
                _(
                    "You can still import it: it will be held in quarantine until you enrol the sender's key card (menu Dossiers → Trusted keys), then press “Retry” in the quarantine list."
                ),
                reason_text(report),
            ]
        )
    if report.code in bundle_import.REFUSED_SIGNERS:
        return "error", _(
            "The bundle is intact, but its signing key is revoked for it: importing it will reject it."
        ) + "\n" + reason_text(report)
    if report.code in bundle_import.TRUST_CODES:
        return "warn", _(
            "The bundle is intact, but it will be held in quarantine:"
        ) + "\n" + reason_text(report)
    return "error", _(
        "This file cannot be used: importing it will reject it."
    ) + "\n" + reason_text(report)


def preview_text(plan: ImportPlan) -> tuple[str, str]:
    if plan.already:
        return "info", _("This bundle was received before; importing it again changes nothing.")
    if plan.outcome == bundle_import.ACCEPTED:
        tally = dict.fromkeys(("new", "updated", "same"), 0)
        for item in plan.assessments:
            # A copy following a migration is updated too; the line below names its catalogue.
            action = "updated" if item.action == "migrated" else item.action
            tally[action] = tally.get(action, 0) + 1
        text = ngettext(
            "The bundle can be imported ({count} assessment): {new} new, {updated} updated, {same} unchanged.",
            "The bundle can be imported ({count} assessments): {new} new, {updated} updated, {same} unchanged.",
            len(plan.assessments),
        ).format(count=len(plan.assessments), **tally)
        return "ok", "\n".join([text, *migrated_lines(plan.assessments)])
    if plan.outcome == bundle_import.QUARANTINED:
        return "warn", _(
            "The bundle will be held in quarantine; nothing in the store changes until someone decides. Why:"
        ) + "\n" + reason_lines(plan.reasons)
    return "error", _(
        "The bundle will be rejected; nothing in the store changes. Why:"
    ) + "\n" + reason_lines(plan.reasons)


def migrated_lines(planned: Sequence[AssessmentPlan]) -> list[str]:
    """One line per assessment that follows a migration made where it was sent from."""
    return [
        _("{commune} ({year}): moved to catalogue {catalogue}").format(
            commune=p.commune_name,
            year=p.year,
            catalogue=f"{p.migration.to_code} {p.migration.to_version}",
        )
        for p in planned
        if p.migration is not None
    ]


def result_text(result: ImportResult) -> tuple[str, str]:
    if result.already:
        return "info", _("This bundle was received before ({outcome}); nothing changed.").format(
            outcome=labels.import_outcome(result.outcome, i18n.language())
        )
    if result.outcome == bundle_import.ACCEPTED:
        names = [
            f"{p.commune_name} ({p.year})"
            for p in result.plan.assessments
            if p.action not in ("same", "migrated")  # a migrated one has its own line below
        ]
        imported = len(result.assessment_ids)
        text = ngettext(
            "Imported: {count} assessment added or updated.",
            "Imported: {count} assessments added or updated.",
            imported,
        ).format(count=imported)
        moved = migrated_lines(result.plan.assessments)
        return "ok", "\n".join([text, *([", ".join(names)] if names else []), *moved])
    if result.outcome == bundle_import.QUARANTINED:
        return "warn", _(
            "The bundle is held in quarantine. Nothing in the store changed; the reasons are below."
        )
    return "error", _(
        "The bundle was rejected. Nothing in the store changed; the reasons are below."
    )


def receipt_text(result: ImportResult) -> str:
    if result.receipt_path is not None:
        return _(
            "The receipt was written to:\n{path}\nCopy this file to the USB stick and give it back to the team: it tells them the bundle arrived."
        ).format(path=result.receipt_path)
    if result.receipt_note is not None:
        return receipt_note_text(result.receipt_note)
    return _("No receipt was written.")
