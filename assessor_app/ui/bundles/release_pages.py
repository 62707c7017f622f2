"""The import wizard's pages for a catalogue release of the province (issue 15): when the chosen
file is a release (services/catalogue_release_import.py `is_release`), the wizard checks it here
instead of the dossier pages — same checks as any bundle, and the signer must be enrolled with
the province's role — then imports it on "Import" and says which version is now in force. A
refused release is said in plain words with its code; nothing changes."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QVBoxLayout, QWizardPage

from assessor_app import i18n
from assessor_app.core.progress import Cancelled, Progress
from assessor_app.i18n import _, render
from assessor_app.services.catalogue_release_import import (
    ReleaseRefused,
    ReleaseResult,
    import_release,
    verify_release,
)
from assessor_app.texts import dates, provisional, releases
from assessor_app.ui.bundles.import_pages import _TaskPage
from assessor_app.ui.bundles.texts import EMPTY
from assessor_app.ui.bundles.widgets import Banner, error_text, is_expected, wrapped
from assessor_app.ui.errors import code_detail
from assessor_app.ui.tasks import Task, Work

if TYPE_CHECKING:
    from assessor_app.ui.bundles.import_wizard import ImportWizard


def _in_force_lines(result: ReleaseResult) -> str:
    manifest = result.manifest
    return "\n".join(
        releases.in_force_line(
            item.code,
            item.version,
            date.fromisoformat(manifest.in_force_from),
            manifest.publisher,
            i18n.language(),
        )
        for item in manifest.catalogues
    )


def provisional_lines(result: ReleaseResult) -> list[str]:
    """Which parts of each released catalogue are still provisional, in words (not its codes)."""
    language = i18n.language()
    found = []
    for catalogue in result.catalogues:
        parts = provisional.part_names(catalogue, language)
        if parts:
            found.append(
                _(
                    "{code} version {version} still has provisional parts (not the official values): {parts}."
                ).format(
                    code=catalogue.code,
                    version=catalogue.version,
                    parts=provisional.joined(parts),
                )
            )
    return found


def refusal_text(error: ReleaseRefused) -> str:
    """What the official reads; the code goes in the banner's tooltip (`show_refusal`)."""
    return "\n".join([_("The catalogue release is refused; nothing was changed."), render(error)])


def show_refusal(banner: Banner, error: ReleaseRefused) -> None:
    banner.show_text("error", refusal_text(error))
    banner.setToolTip(code_detail(error.code))


class ReleasePage(_TaskPage):
    """Check the release (nothing changes); "Import" imports it."""

    def __init__(self, owner: ImportWizard) -> None:
        super().__init__(owner)
        self.label = _("Checking the catalogue release…")
        self.setTitle(_("A criteria catalogue released by the province"))
        self.setCommitPage(True)
        self.result: ReleaseResult | None = None
        self.banner = Banner(_("Result of the check"))
        self.file = wrapped(name=_("File"))
        self.catalogue = wrapped(name=_("Catalogue"))
        self.provisional = wrapped(name=_("Provisional parts"))
        self.signer = wrapped(name=_("Signer"))
        self.published = wrapped(name=_("Published"))
        form = QFormLayout()
        form.addRow(_("File:"), self.file)
        form.addRow(self.catalogue)  # the sentence says "Catalogue in force: …" itself
        form.addRow(self.provisional)
        form.addRow(_("Signed by:"), self.signer)
        form.addRow(_("Published:"), self.published)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.again)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.start()

    def start(self) -> Task | None:
        if self.task is None:
            self.result = None
            self.banner.clear_banner()
            self.banner.setToolTip("")
            path = self.owner.path
            self.file.setText(str(path) if path else EMPTY)
            for label in (self.signer, self.published):
                label.setText(EMPTY)
            self.catalogue.setText("")  # a sentence without a row label: no lone dash
            self.provisional.setText("")
        return super().start()

    def isComplete(self) -> bool:
        return self.task is None and self.result is not None and not self.result.already

    def work(self) -> Work:
        workspace, path = self.owner.context.workspace, self.owner.path
        assert path is not None

        def work(_progress: Progress, _cancelled: Cancelled) -> ReleaseResult | ReleaseRefused:
            try:
                return verify_release(workspace, path)
            except ReleaseRefused as refused:
                return refused

        return work

    def succeeded(self, outcome: ReleaseResult | ReleaseRefused) -> None:
        if isinstance(outcome, ReleaseRefused):
            show_refusal(self.banner, outcome)
            return
        self.result = outcome
        manifest = outcome.manifest
        self.catalogue.setText(_in_force_lines(outcome))
        self.provisional.setText("\n".join(provisional_lines(outcome)))
        self.signer.setText(f"{outcome.signer_owner} — {outcome.signer}")
        self.published.setText(
            _("{office}, by {person}, on {when}").format(
                office=manifest.publisher,
                person=manifest.published_by,
                when=dates.stamp(manifest.published_at),
            )
        )
        if outcome.already:
            self.banner.show_text(
                "info", _("This release was imported before; importing it again changes nothing.")
            )
        else:
            self.banner.show_text(
                "ok",
                _(
                    "The release is intact and signed by the key enrolled here as the province office's. Press “Import” to take it."
                ),
            )

    def validatePage(self) -> bool:
        """Import (a few small files: done at once, in one transaction)."""
        path = self.owner.path
        assert path is not None
        try:
            self.owner.release_result = import_release(self.owner.context.workspace, path)
        except ReleaseRefused as refused:
            show_refusal(self.banner, refused)
            return False
        except Exception as error:
            if not is_expected(error):
                raise
            self.banner.show_text("error", error_text(error))
            return False
        self.owner.context.assessments_changed.emit()  # the list's line of the version in force
        return True


class ReleaseDonePage(QWizardPage):
    def __init__(self, owner: ImportWizard) -> None:
        super().__init__()
        self.owner = owner
        self.setTitle(_("Result"))
        self.setFinalPage(True)
        self.banner = Banner(_("Result of the import"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addStretch(1)

    def initializePage(self) -> None:
        result = self.owner.release_result
        if result is None:
            return
        lines = [_("The catalogue release was imported."), _in_force_lines(result)]
        lines += provisional_lines(result)
        if result.procedure_items:
            lines.append(
                _("Procedure values applied: {count}").format(count=result.procedure_items)
            )
        lines.append(
            _(
                "Assessments begun before stay on the catalogue version they were scored with. To move one, open it and choose “{action}” in the Assessment menu."
            ).format(action=_("Move to another catalogue &version…").replace("&", ""))
        )
        self.banner.show_text("ok", "\n".join(lines))
