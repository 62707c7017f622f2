"""Every screen and dialog of the app, built on a real store as a user reaches it: for the walk test
(tests/gui/test_screen_walk.py) and the user guide's pictures (docs/make_help_images.py).

A builder takes a `Walk` (the demo store's context, a scratch folder, a way to wait for background
work) and returns the window, shown at the size a user sees it; the walk reads its texts and takes
its picture, then closes it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QWidget, QWizard

from assessor_app.services import assessments, bundle_export, keys, reports, team
from assessor_app.ui.context import UiContext
from tests.gui import walk_pdf_signing

SCREEN = (1366, 768)
PASSPHRASE = "mật khẩu của đoàn kiểm tra"


@dataclass
class Walk:
    context: UiContext
    scratch: Path
    wait: Callable[[Callable[[], bool]], None]  # returns once the condition holds (or fails)
    opened: list[QWidget] = field(default_factory=list)
    others: list[UiContext] = field(default_factory=list)  # stores of other sites, to close

    def show(self, widget: QWidget, size: tuple[int, int] | None = None) -> QWidget:
        self.opened.append(widget)
        if size is not None:
            widget.resize(*size)
        widget.show()
        settle()
        return widget

    def close(self) -> None:
        for widget in reversed(self.opened):
            if isinstance(widget, QDialog):
                widget.done(0)
            widget.close()
            widget.deleteLater()
        self.context.writes.wait_idle()
        self.context.tasks.wait_all()
        for other in self.others:
            other.tasks.wait_all()
            other.workspace.close()
        settle()


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


# --- the main window and an assessment
def main_window(walk: Walk) -> QWidget:
    from assessor_app.ui.main_window import MainWindow

    window = walk.show(MainWindow(walk.context), SCREEN)
    walk.wait(lambda: walk.context.tasks.wait_idle(50))
    settle()
    return window


def _editor_window(walk: Walk, tab: int, code: str = "TC2.1") -> QWidget:
    from assessor_app.ui.main_window import MainWindow

    window = main_window(walk)
    assert isinstance(window, MainWindow)
    editor = window.open_assessment(2)  # the demo's draft QĐ 06 assessment
    index = editor.tree_model.index_of(code)
    editor.tree.setCurrentIndex(index)
    editor.tabs.setCurrentIndex(tab)
    settle()
    walk.wait(lambda: walk.context.tasks.wait_idle(50))
    settle()
    return window


def editor(walk: Walk) -> QWidget:
    return _editor_window(walk, 0)


def team_tab(walk: Walk) -> QWidget:
    return _editor_window(walk, 1)


def history_tab(walk: Walk) -> QWidget:
    return _editor_window(walk, 2)


def new_assessment(walk: Walk) -> QWidget:
    from assessor_app.ui.assessments.new_assessment_dialog import NewAssessmentDialog

    return walk.show(NewAssessmentDialog(walk.context))


def finalise(walk: Walk) -> QWidget:
    from assessor_app.ui.editor.finalize_dialogs import FinaliseDialog
    from assessor_app.ui.main_window import MainWindow

    window = main_window(walk)
    assert isinstance(window, MainWindow)
    opened = window.open_assessment(2)
    return walk.show(FinaliseDialog(opened.title, opened.session.preview(), window))


def reopen(walk: Walk) -> QWidget:
    from assessor_app.ui.editor.finalize_dialogs import ReopenDialog

    return walk.show(ReopenDialog("Xã Hữu Liên – 2026"))


def held_changes(walk: Walk) -> QWidget:
    """A figure held because another officer changed the same figure first (issue 16)."""
    from assessor_app.domain.errors import StoreError
    from assessor_app.services import held_changes as held
    from assessor_app.ui.editor.held_dialog import HeldChangesDialog

    workspace = walk.context.workspace
    stale = "1/50"  # as an officer who read TC2.1 before another changed it
    with contextlib.suppress(StoreError):  # held (STORE_CONFLICT), as the walk wants
        held.set_value_expecting(workspace, 2, "TC2.1", "40/50", stale)
    return walk.show(HeldChangesDialog(walk.context, 2, "Xã Hữu Liên · 2026"), (1000, 400))


# --- tools and help
def settings(walk: Walk) -> QWidget:
    from assessor_app.ui.settings_dialog import SettingsDialog

    return walk.show(SettingsDialog(walk.context))


def backups(walk: Walk) -> QWidget:
    from assessor_app.ui.backups_dialog import BackupsDialog

    dialog = walk.show(BackupsDialog(walk.context))
    walk.wait(lambda: walk.context.tasks.wait_idle(50))
    settle()
    return dialog


def log_viewer(walk: Walk) -> QWidget:
    from assessor_app.ui.logs.log_viewer import LogViewer

    return walk.show(LogViewer(walk.context.errors.log_file))


def about(walk: Walk) -> QWidget:
    from assessor_app.ui.about_dialog import AboutDialog

    return walk.show(AboutDialog())


def user_guide(walk: Walk) -> QWidget:
    from assessor_app.ui.help.help_dialog import HelpDialog

    dialog = HelpDialog()
    walk.show(dialog)
    dialog.show_topic("editor")
    return dialog


def first_start(walk: Walk, page: int) -> QWidget:
    from assessor_app import i18n
    from assessor_app.services import reference_data
    from assessor_app.ui.first_start.wizard import FirstStartWizard

    wizard = FirstStartWizard(
        default_home=walk.scratch / "new-home",
        home_locked=False,
        store_exists=False,
        unit_lists=[
            (u.code, u.title_vi, u.valid_on_today()) for u in reference_data.unit_list_choices()
        ],
        language=i18n.language(),
        on_language=lambda language: None,
    )
    walk.show(wizard)
    for _ in range(page):
        wizard.next()
        settle()
    return wizard


# --- dossiers: keys, export, import, trust
def _with_key(walk: Walk) -> None:
    keys.init_key(walk.context.workspace, "Hoàng Thị Lan", "Sở Lao động", PASSPHRASE)


def export(walk: Walk) -> QWidget:
    from assessor_app.ui.bundles.export_dialog import ExportDialog

    dialog = walk.show(ExportDialog(walk.context))
    walk.wait(lambda: walk.context.tasks.wait_idle(50))
    settle()
    return dialog


def my_key_none(walk: Walk) -> QWidget:
    from assessor_app.ui.bundles.key_dialogs import MyKeyDialog

    return walk.show(MyKeyDialog(walk.context))


def my_key(walk: Walk) -> QWidget:
    _with_key(walk)
    return my_key_none(walk)


def passphrase(walk: Walk) -> QWidget:
    from assessor_app.i18n import _
    from assessor_app.ui.bundles.passphrase_dialog import PassphraseDialog

    # the app's own prompt (the receipt an import signs), so the walk checks its translation
    purpose = _(
        "The app signs a receipt for the sender with your key. Type the passphrase of your signing key."
    )
    return walk.show(PassphraseDialog(purpose))


def enrol(walk: Walk) -> QWidget:
    from assessor_app.ui.bundles.trust_dialogs import EnrolDialog

    return walk.show(EnrolDialog(walk.context))


def _view(walk: Walk, kind: str) -> QWidget:
    from assessor_app.i18n import _
    from assessor_app.ui.bundles.quarantine_view import QuarantineView
    from assessor_app.ui.bundles.trust_view import TrustView
    from assessor_app.ui.bundles.widgets import ViewDialog

    if kind == "trust":
        dialog = ViewDialog(_("Trusted keys"), TrustView(walk.context))
    else:
        dialog = ViewDialog(_("Quarantine"), QuarantineView(walk.context))
    walk.show(dialog)
    walk.wait(lambda: walk.context.tasks.wait_idle(50))
    settle()
    return dialog


def trusted_keys(walk: Walk) -> QWidget:
    return _view(walk, "trust")


def quarantine(walk: Walk) -> QWidget:
    _held_bundle(walk)
    return _view(walk, "quarantine")


def receipt_import(walk: Walk) -> QWidget:
    from assessor_app.ui.bundles.receipt_import import ReceiptImportDialog

    return walk.show(ReceiptImportDialog(walk.context))


def _team_bundle(walk: Walk) -> Path:
    """A bundle of a finalised assessment, signed by a team of another store."""
    from tests.gui.test_bundles_support import make_context

    sender = make_context(walk.scratch / "team-site", "team", "Nông Văn Tú")
    walk.others.append(sender)
    keys.init_key(sender.workspace, "Nông Văn Tú", "Sở Lao động", PASSPHRASE)
    created = assessments.create(sender.workspace, "06400", 2026)
    assessments.set_value(sender.workspace, created.id, "TC2.1", "49/50")
    team.add_member(sender.workspace, created.id, "Nông Văn Tú", "justice", "lead")
    assessments.finalize(sender.workspace, created.id)
    target = walk.scratch / "goi-ho-so.zip"
    bundle_export.export(sender.workspace, [created.id], target, PASSPHRASE)
    return target


def _held_bundle(walk: Walk) -> None:
    from assessor_app.services import bundle_import

    bundle = _team_bundle(walk)
    # an unknown signer: held; the walk shows the quarantine, whatever happened
    with contextlib.suppress(Exception):
        bundle_import.apply(walk.context.workspace, bundle)


def import_wizard(walk: Walk, page: int) -> QWidget:
    """The import wizard at `page` (0 choose, 1 verify, 2 preview, 3 result) with a bundle of
    another team's store, signed by a key not enrolled here."""
    from assessor_app.ui.bundles.import_wizard import PAGE_RESULT, ImportWizard

    bundle = _team_bundle(walk) if page else None
    wizard = ImportWizard(walk.context)
    walk.show(wizard)
    if bundle is None:
        return wizard
    wizard.choose_file = lambda: str(bundle)  # type: ignore[method-assign]
    wizard.ask_passphrase = lambda purpose: PASSPHRASE  # type: ignore[method-assign]
    wizard.choose()
    ready = (
        lambda: wizard.button(QWizard.WizardButton.NextButton).isEnabled(),  # checked
        lambda: wizard.button(QWizard.WizardButton.CommitButton).isEnabled(),  # previewed
        lambda: wizard.currentId() == PAGE_RESULT,  # imported (here: held)
    )
    for step in range(page):
        wizard.next()
        walk.wait(ready[step])
        settle()
    return wizard


def evidence(walk: Walk) -> QWidget:
    """The evidence of an indicator: one photo attached, as the editor shows it beside the figures."""
    from PySide6.QtGui import QColor, QImage

    from assessor_app.ui.evidence.evidence_panel import EvidencePanel

    photo = walk.scratch / "Sổ đăng ký khai sinh 2026.png"
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#c8d8e8"))
    image.save(str(photo))
    panel = EvidencePanel(walk.context)
    panel.set_target(2, "TC2.1", True)
    walk.show(panel, (460, 600))
    task = panel.attach_files([photo])
    walk.wait(lambda: task is not None and task.done)
    walk.wait(lambda: len(panel.model.records) == 1)
    settle()
    return panel


# --- reports
def dossier_preview(walk: Walk) -> QWidget:
    from assessor_app.i18n import _
    from assessor_app.ui.reports.preview_dialog import PdfPreviewDialog

    dialog = PdfPreviewDialog(
        walk.context,
        _("Dossier"),
        lambda: reports.dossier_bytes(walk.context.workspace, 1),
        "ho-so.pdf",
    )
    walk.show(dialog, (1000, 720))
    walk.wait(lambda: dialog.task.done)
    walk.wait(lambda: _has_ink(dialog.view.viewport()))  # pages are rendered on another thread
    settle()
    return dialog


def _has_ink(widget: QWidget) -> bool:
    """Something dark is painted in `widget` (a rendered page has text)."""
    QApplication.processEvents()
    image = widget.grab().toImage().scaled(80, 80)
    return any(image.pixelColor(x, y).lightness() < 128 for x in range(80) for y in range(80))


def dossier_details(walk: Walk) -> QWidget:
    from assessor_app.ui.reports.dossier_details_dialog import DossierDetailsDialog

    return walk.show(DossierDetailsDialog(walk.context, 1))


def summary(walk: Walk) -> QWidget:
    from assessor_app.ui.reports.summary_dialog import SummaryDialog

    return walk.show(SummaryDialog(walk.context))


def decision(walk: Walk) -> QWidget:
    from assessor_app.ui.reports.decision_dialog import DecisionDialog

    return walk.show(DecisionDialog(walk.context))


def yearly(walk: Walk) -> QWidget:
    from assessor_app.ui.reports.yearly_dialog import YearlyDialog

    return walk.show(YearlyDialog(walk.context))


def plan(walk: Walk) -> QWidget:
    from assessor_app.ui.plan.plan_dialog import PlanDialog

    return walk.show(PlanDialog(walk.context))


def _decided(walk: Walk) -> None:
    """The demo year's recognition decision, a later revocation and a commendation, recorded as
    an office records them (once per store: the walk opens several screens on one store)."""
    from datetime import date

    from assessor_app.services import commendations, decisions, revocations

    workspace = walk.context.workspace
    if decisions.list_decisions(workspace, 2026):
        return
    decisions.record_decision(
        workspace,
        decisions.DecisionInput(
            year=2026,
            unit="20",
            number="125/QĐ-UBND",
            decided_on=date(2026, 12, 5),
            signer_name="Đoàn Thu Hà",
        ),
    )
    revocations.revoke_decision(
        workspace,
        revocations.RevocationInput(
            year=2026,
            communes=("06400",),
            number="140/QĐ-UBND",
            decided_on=date(2026, 12, 6),
            signer_name="Đoàn Thu Hà",
            reason="Kết quả kiểm tra lại cho thấy số liệu tiêu chí 2 không đúng thực tế",
        ),
    )
    commendations.record_commendation(
        workspace,
        commendations.CommendationInput(
            year=2026,
            number="88/QĐ-UBND",
            decided_on=date(2026, 12, 6),
            form="Bằng khen",
            signer_name="Đoàn Thu Hà",
            reason="Có thành tích xuất sắc trong công tác bảo vệ, chăm sóc trẻ em",
            communes=("06385",),
            people=(
                commendations.CommendedPerson(
                    "Lý Thị Hoa", "Công chức văn hóa - xã hội", "Xã Hữu Liên"
                ),
            ),
        ),
    )


def decisions_screen(walk: Walk) -> QWidget:
    from assessor_app.ui.decisions.decisions_view import DecisionsWindow

    _decided(walk)
    window = DecisionsWindow(walk.context)
    window.year.setValue(2026)
    walk.wait(lambda: walk.context.tasks.wait_idle(50))
    settle()
    walk.wait(lambda: window.model.rowCount() == 3)
    window.table.selectRow(0)
    return walk.show(window)


def revoke(walk: Walk) -> QWidget:
    from assessor_app.services import decision_register
    from assessor_app.ui.decisions.revoke_dialog import RevokeDialog

    _decided(walk)
    entries = decision_register.register(walk.context.workspace, 2026)
    return walk.show(RevokeDialog(walk.context, 2026, entries, entries[0].id))


def commend(walk: Walk) -> QWidget:
    from assessor_app.ui.decisions.commend_dialog import CommendDialog

    return walk.show(CommendDialog(walk.context, 2026))


def dashboard(walk: Walk) -> QWidget:
    from assessor_app.services import notes
    from assessor_app.ui.dashboard.dashboard_window import DashboardWindow

    notes.set_follow_up(walk.context.workspace, 2, "TC2.1", True)  # a list with a row to read
    window = DashboardWindow(walk.context)
    walk.show(window, SCREEN)
    walk.wait(lambda: window.data is not None or window.error.isVisible())
    settle()
    return window


def unit_merges(walk: Walk) -> QWidget:
    from assessor_app.ui.units.merges_dialog import MergesDialog

    return walk.show(MergesDialog(walk.context), SCREEN)


def unit_merge_correct(walk: Walk) -> QWidget:
    from assessor_app.ui.units.merges_dialog import MergesDialog

    dialog = MergesDialog(walk.context)
    walk.show(dialog, SCREEN)
    dialog.search.setText("khanh khe")
    dialog.table.selectRow(dialog.table.rowCount() - 1)
    review = dialog.review(correcting=True)
    assert review is not None
    return walk.show(review)


def procedure(walk: Walk) -> QWidget:
    from assessor_app.ui.procedure.procedure_dialog import ProcedureDialog

    return walk.show(ProcedureDialog(walk.context), SCREEN)


def _site(root: Path, kind: str, name: str) -> UiContext:
    """Another site's store: from the test run's template, or (docs/make_help_images.py, outside
    pytest) initialised here."""
    from assessor_app.services import profile, reference_data
    from assessor_app.services.settings import AppSettings
    from assessor_app.services.workspace import open_workspace
    from assessor_app.ui.errors import ErrorReporter
    from tests import store_template

    if store_template._active:
        store_template.with_reference_data(root)
    workspace = open_workspace(root, actor=name)
    reference_data.ensure_initialised(workspace)
    profile.save_profile(workspace, kind, name, "labour_social_affairs", "LS-2025-07")
    errors = ErrorReporter(log_file=root / "logs" / "assessor-app.log")
    errors.modal = False
    return UiContext(workspace, AppSettings(home=str(root), first_start_done=True), errors)


def _office_with_submission(walk: Walk) -> UiContext:
    """An office's store holding a team's finalised check received in a signed bundle, under
    appraisal with one figure of the office's own (TC2.1, with a reason)."""
    from assessor_app.services import appraisals, bundle_import, trust

    office = _site(walk.scratch / "office-site", "office", "Lý Thị Duyệt")
    sender = _site(walk.scratch / "review-team-site", "team", "Nông Văn Tú")
    walk.others += [office, sender]
    keys.init_key(office.workspace, "Lý Thị Duyệt", "Sở Lao động", PASSPHRASE, "office")
    keys.init_key(sender.workspace, "Nông Văn Tú", "Sở Lao động", PASSPHRASE)
    card = walk.scratch / "the-team-s-card.json"
    keys.write_card(sender.workspace, card)
    info = keys.key_info(sender.workspace)
    assert info is not None
    trust.enrol_card(office.workspace, card, info.formatted)
    created = assessments.create(sender.workspace, "06400", 2026, kind="team")
    assessments.set_value(sender.workspace, created.id, "TC2.1", "49/50")
    assessments.finalize(sender.workspace, created.id)
    bundle = walk.scratch / "kiem-tra.zip"
    bundle_export.export(sender.workspace, [created.id], bundle, PASSPHRASE)
    [submitted] = bundle_import.apply(office.workspace, bundle, PASSPHRASE).assessment_ids
    appraisals.start(office.workspace, submitted)
    appraisals.set_point(office.workspace, submitted, "TC2.1", "40/50", "Sổ hộ tịch ghi 40 trẻ")
    return office


def review(walk: Walk) -> QWidget:
    from assessor_app.ui.review.review_view import ReviewWindow

    office = _office_with_submission(walk)
    window = ReviewWindow(office)
    walk.wait(lambda: office.tasks.wait_idle(50))
    settle()
    walk.wait(lambda: window.view is not None)
    return walk.show(window, SCREEN)


def review_point(walk: Walk) -> QWidget:
    from assessor_app.domain.appraisal import AppraisalStep

    window = review(walk)
    assert isinstance(window, QDialog)
    dialog = window.take(AppraisalStep.SET_POINT)  # type: ignore[attr-defined]
    assert dialog is not None
    return walk.show(dialog)


def review_return(walk: Walk) -> QWidget:
    from assessor_app.domain.appraisal import AppraisalStep

    window = review(walk)
    dialog = window.take(AppraisalStep.RETURN)  # type: ignore[attr-defined]
    assert dialog is not None
    return walk.show(dialog)


SCREENS: dict[str, Callable[[Walk], QWidget]] = {
    "main-list": main_window,
    "main-editor": editor,
    "main-team": team_tab,
    "main-history": history_tab,
    "new-assessment": new_assessment,
    "finalise": finalise,
    "reopen": reopen,
    "held-changes": held_changes,
    "settings": settings,
    "backups": backups,
    "log-viewer": log_viewer,
    "about": about,
    "user-guide": user_guide,
    "first-start-1-welcome": lambda walk: first_start(walk, 0),
    "first-start-2-data": lambda walk: first_start(walk, 1),
    "first-start-3-profile": lambda walk: first_start(walk, 2),
    "export": export,
    "my-key-none": my_key_none,
    "my-key": my_key,
    "passphrase": passphrase,
    "enrol": enrol,
    "trusted-keys": trusted_keys,
    "quarantine": quarantine,
    "receipt-import": receipt_import,
    "import-1-choose": lambda walk: import_wizard(walk, 0),
    "import-2-verify": lambda walk: import_wizard(walk, 1),
    "import-3-preview": lambda walk: import_wizard(walk, 2),
    "import-4-result": lambda walk: import_wizard(walk, 3),
    "evidence": evidence,
    "dossier-preview": dossier_preview,
    "dossier-details": dossier_details,
    "summary": summary,
    "decision": decision,
    "yearly-report": yearly,
    "plan": plan,
    "decisions": decisions_screen,
    "revoke": revoke,
    "commend": commend,
    "dashboard": dashboard,
    "unit-merges": unit_merges,
    "unit-merge-correct": unit_merge_correct,
    "procedure": procedure,
    "review": review,
    "review-point": review_point,
    "review-return": review_return,
    "pdf-sign": walk_pdf_signing.sign_pdf,  # issue 15: signed PDFs
    "pdf-verify": walk_pdf_signing.verify_pdf,
}
