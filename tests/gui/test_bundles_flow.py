"""A bundle's whole trip through the screens: the team creates its key and exports, the office
imports it (held: unknown signer), enrols the team's card, retries from quarantine, and the team
imports the office's receipt. Then a second bundle updates the office's copy."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLabel, QWizard
from pytestqt.qtbot import QtBot

from assessor_app import i18n
from assessor_app.domain.text import fold
from assessor_app.i18n import _
from assessor_app.services import assessments, bundle_export, keys, quarantine, trust
from assessor_app.texts import fingerprint_reading, labels
from assessor_app.ui.bundles.export_dialog import ExportDialog
from assessor_app.ui.bundles.import_wizard import (
    PAGE_PREVIEW,
    PAGE_RESULT,
    PAGE_VERIFY,
    ImportWizard,
)
from assessor_app.ui.bundles.key_dialogs import MyKeyDialog
from assessor_app.ui.bundles.quarantine_view import QuarantineView
from assessor_app.ui.bundles.receipt_import import ReceiptImportDialog
from assessor_app.ui.bundles.trust_dialogs import EnrolDialog
from assessor_app.ui.bundles.trust_view import TrustView
from assessor_app.ui.context import UiContext
from tests.gui.conftest import save_screenshot
from tests.gui.test_bundles_support import (
    OFFICE_PASS,
    TEAM_PASS,
    Site,
    clipped_labels,
    finalised_assessment,
    settle,
    site_factory,
    unnamed_inputs,
    wait_task,
)


def decode_qr(label: QLabel) -> str:
    """What the QR code shown on screen says (read back the way a phone would)."""
    image = label.pixmap().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    raw = bytes(image.constBits())
    rows = b"".join(raw[y * stride : y * stride + width] for y in range(height))
    decoded = zxingcpp.read_barcode(memoryview(rows).cast("B", (height, width)))
    assert decoded is not None
    return str(decoded.text)


@pytest.fixture
def sites(tmp_path: Path, qapp: QApplication) -> Iterator[Site]:
    yield from site_factory(tmp_path)


def create_key_in_dialog(qtbot: QtBot, context: UiContext, shot: str = "") -> MyKeyDialog:
    dialog = MyKeyDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.create_form
    assert dialog.stack.currentWidget() is form
    assert form.name.text() == context.profile.name  # prefilled from the profile
    assert form.agency.text()
    form.passphrase.setText("ngắn")
    form.repeat.setText("khác")
    assert dialog.create_key() is None  # the two differ: said next to the field
    assert form.passphrase_error.isVisible()
    form.passphrase.setText("ngắn")
    form.repeat.setText("ngắn")
    wait_task(qtbot, dialog.create_key())
    assert form.passphrase_error.isVisible()  # too short: the service's rule, shown inline
    assert "8" in form.passphrase_error.text()
    if shot:
        settle()
        save_screenshot(dialog, shot + "-create")
    assert keys.key_info(context.workspace) is None
    form.passphrase.setText(TEAM_PASS)
    form.repeat.setText(TEAM_PASS)
    wait_task(qtbot, dialog.create_key())
    info = keys.key_info(context.workspace)
    assert info is not None
    assert dialog.stack.currentWidget() is dialog.card
    assert dialog.card.qr.has_image
    assert json.loads(decode_qr(dialog.card.qr))["fingerprint"] == info.fingerprint
    assert dialog.card.fingerprint.text().replace("\n", " ") == info.formatted
    assert dialog.card.words.text() == fingerprint_reading.words_text(info.words)
    assert dialog.card.digits.text() == fingerprint_reading.digits_text(info.digits)
    assert info.words[0] in fingerprint_reading.word_list()
    settle()
    if shot:
        save_screenshot(dialog, shot)
    return dialog


def save_card(dialog: MyKeyDialog, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    suggested: list[str] = []

    def choose(name: str) -> str:
        suggested.append(name)
        return str(folder / name)

    dialog.choose_card_target = choose
    card = dialog.save_card()
    assert card is not None
    assert card.is_file()
    assert keys.card_png_path(card).is_file()
    assert suggested[0].startswith("the-khoa-")
    return card


def export_in_dialog(
    qtbot: QtBot,
    context: UiContext,
    stick: Path,
    passphrase: str,
    ids: list[int],
    drafts: bool = False,
    shot: str = "",
) -> tuple[Path, str]:
    """Export `ids` through the dialog; returns the file and the name the dialog suggested."""
    dialog = ExportDialog(context)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 620)
    dialog.show()
    settle()
    model = dialog.selection
    finalised = {r.id for r in model.records if r.status.value == "finalized"}
    assert {r.id for r in model.selected()} == finalised  # finalised ones are ticked at first
    for record in model.records:
        if record.id not in finalised:
            assert not model.set_checked(record.id, True)  # drafts only on purpose
    dialog.include_drafts.setChecked(drafts)
    for record in model.records:
        model.set_checked(record.id, record.id in ids)
    assert sorted(r.id for r in model.selected()) == sorted(ids)
    chosen: list[str] = []

    def choose(suggested: str) -> str:
        chosen.append(suggested)
        return str(stick / suggested)

    dialog.choose_target = choose
    dialog.target.choose()
    assert chosen
    assert chosen[0].endswith(".ldbundle")
    dialog.passphrase.setText(passphrase)
    if shot:
        save_screenshot(dialog, shot)
    wait_task(qtbot, dialog.export())
    result = dialog.last_result
    assert result is not None, dialog.banner.text()
    assert dialog.banner.kind == "ok"
    assert result.bundle_id in dialog.banner.text()
    assert result.contains_drafts == drafts
    assert not dialog.passphrase.text()  # not kept once used
    dialog.close()
    return result.path, chosen[0]


def import_in_wizard(
    qtbot: QtBot, context: UiContext, bundle: Path, passphrase: str | None, shots: str = ""
) -> ImportWizard:
    wizard = ImportWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.choose_file = lambda: str(bundle)
    asked: list[str] = []

    def ask(purpose: str) -> str | None:
        asked.append(purpose)
        return passphrase

    wizard.ask_passphrase = ask
    wizard.choose()
    assert wizard.choose_page.isComplete()
    if shots:
        save_screenshot(wizard, f"{shots}-1-choose")
    wizard.next()
    assert wizard.currentId() == PAGE_VERIFY
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.waitUntil(next_button.isEnabled, timeout=30000)  # enabled once the check is done
    assert wizard.verify_page.isComplete()
    settle()
    if shots:
        save_screenshot(wizard, f"{shots}-2-verify")
    wizard.next()
    assert wizard.currentId() == PAGE_PREVIEW
    commit_button = wizard.button(QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(commit_button.isEnabled, timeout=30000)
    assert wizard.preview_page.isComplete()
    settle()
    if shots:
        save_screenshot(wizard, f"{shots}-3-preview")
    return wizard


def apply_in_wizard(qtbot: QtBot, wizard: ImportWizard, shot: str = "") -> None:
    wizard.next()  # "Import": asks the passphrase, then imports off the GUI thread
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_RESULT, timeout=30000)
    settle()
    if shot:
        save_screenshot(wizard, shot)


def test_export_import_enrol_retry_and_receipt(qtbot: QtBot, sites: Site, tmp_path: Path) -> None:
    team_ctx = sites("team", "Hoàng Thị Lan")
    office = sites("office", "Lý Thị Duyệt", passphrase=OFFICE_PASS)
    stick = tmp_path / "USB"
    stick.mkdir()

    # --- the team: a key made in the dialog, its card saved on the stick, a bundle exported
    key_dialog = create_key_in_dialog(qtbot, team_ctx, shot="bundles-my-key-qr")
    team_card = save_card(key_dialog, stick)
    team_key = keys.key_info(team_ctx.workspace)
    assert team_key is not None
    final = finalised_assessment(team_ctx)
    draft = finalised_assessment(team_ctx, "06040", finalise=False)
    bundle, name = export_in_dialog(
        qtbot,
        team_ctx,
        stick,
        TEAM_PASS,
        [final, draft],
        drafts=True,
        shot="bundles-export-dialog",
    )
    assert name == "LangSon-2-Xa-2026-1.ldbundle"
    sent = bundle_export.sent_bundles(team_ctx.workspace)
    assert [s.sequence for s in sent] == [1]
    assert sent[0].contains_drafts
    assert set(sent[0].assessments) == {
        assessments.detail(team_ctx.workspace, i).summary.uid for i in (final, draft)
    }

    # --- the office: unknown signer first
    changed: list[int] = []
    office.assessments_changed.connect(lambda: changed.append(0))
    wizard = import_in_wizard(qtbot, office, bundle, OFFICE_PASS, shots="bundles-import")
    report = wizard.report
    assert report is not None
    assert report.code == "BUNDLE_UNKNOWN_SIGNER"
    assert wizard.verify_page.banner.kind == "warn"
    assert _("Unknown signer: this key is not enrolled here.") in wizard.verify_page.banner.text()
    assert "BUNDLE_UNKNOWN_SIGNER" in wizard.verify_page.banner.text()
    assert wizard.verify_page.sequence.text() == "1"
    assert "Hoàng Thị Lan" in wizard.verify_page.signer.text()
    plan = wizard.plan
    assert plan is not None
    assert [p.action for p in plan.assessments] == ["new", "new"]
    assert wizard.preview_page.plans.rowCount() == 2
    assert wizard.preview_page.plans.text(0, 1) == labels.plan_action("new", i18n.language())
    assert wizard.preview_page.banner.kind == "warn"  # it will be held
    # the button and the table say so: held in quarantine, not imported
    commit = wizard.buttonText(QWizard.WizardButton.CommitButton)
    assert commit == _("Hold in &quarantine")
    assert wizard.preview_page.plan_heading.text() == _(
        "Assessments in the bundle (what it would change once accepted)"
    )
    apply_in_wizard(qtbot, wizard, shot="bundles-import-4-result-held")
    result = wizard.import_result
    assert result is not None
    assert result.outcome == "quarantined"
    assert result.quarantine_id is not None
    assert wizard.result_page.open_quarantine.isVisible()
    assert str(result.quarantine_id) in wizard.result_page.quarantine.text()
    assert result.receipt_path is not None
    assert str(result.receipt_path) in wizard.result_page.receipt.text()
    assert changed == []  # nothing imported yet
    wizard.close()

    # --- the quarantine lists it
    view = QuarantineView(office)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    assert view.model.rowCount() == 1
    assert view.current_id() == result.quarantine_id
    assert view.model.text(0, 4) == labels.hold_reason("BUNDLE_UNKNOWN_SIGNER", i18n.language())
    assert "BUNDLE_UNKNOWN_SIGNER" in view.reasons.text()
    # the sending computer by its person, its id only in the tooltip
    assert "Hoàng Thị Lan" in view.sent.text()
    assert view.sent.toolTip().split(": ")[-1] not in view.sent.text()
    # which commune, year and standard; who sent it (with the words read aloud); why it is held
    sent_by = view.model.text(0, 3).split("\n")
    assert sent_by == [
        _("{contact} (key not enrolled)").format(contact="Hoàng Thị Lan"),
        _("Key words: {words}").format(words=fingerprint_reading.words_text(list(team_key.words))),
    ]
    concerns = view.model.text(0, 1)
    assert "(06400), năm 2026" in concerns
    assert "\n" in concerns  # both assessments of the bundle, one a line
    assert view.model.text(0, 2) == "QĐ 06/QĐ-TTg"
    save_screenshot(view, "bundles-quarantine-list")
    assert view.retry_button.isEnabled()
    assert not view.resolve_button.isEnabled()  # only enrolling the key can settle this
    view.ask_passphrase = lambda purpose: OFFICE_PASS

    # --- retry before enrolling: still held
    wait_task(qtbot, view.retry_selected())
    assert view.banner.kind == "warn"
    assert quarantine.show(office.workspace, result.quarantine_id).item.status == "held"

    # --- enrol the team's card in the trust view: a wrong fingerprint is refused inline
    trust_view = TrustView(office)
    qtbot.addWidget(trust_view)
    trust_view.resize(1000, 600)
    trust_view.show()
    assert trust_view.model.rowCount() == 1  # the office's own key

    def wrong_then_right(dialog: EnrolDialog) -> int:
        dialog.show()
        dialog.choose_card = lambda: str(team_card)
        dialog.picker.choose()
        assert dialog.owner.text() == "Hoàng Thị Lan"
        assert dialog.qr.has_image
        assert json.loads(decode_qr(dialog.qr))["fingerprint"] == team_key.fingerprint
        shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
        assert team_key.formatted[:14] not in shown  # the officer must hear it, not read it
        wrong = "0" * 64
        dialog.typed.setText(wrong)
        dialog.accept()
        assert dialog.error.isVisible()
        assert "KEY_FINGERPRINT_MISMATCH" in dialog.error.toolTip()  # the code: not in the text
        assert "KEY_FINGERPRINT_MISMATCH" not in dialog.error.text()
        assert team_key.fingerprint not in dialog.error.text()  # never shows the right one
        assert trust.trusted_key(office.workspace, team_key.fingerprint) is None
        words = list(team_key.words)
        dialog.typed.setText(" ".join(reversed(words)))
        dialog.accept()
        assert "KEY_FINGERPRINT_MISMATCH" in dialog.error.toolTip()
        dialog.typed.setText(team_key.formatted.upper())
        assert dialog.role.currentData() == "team"  # what the card declares, preselected
        dialog.role.setCurrentIndex(0)
        dialog.accept()  # no role chosen: refused inline
        assert dialog.error.isVisible()
        assert trust.trusted_key(office.workspace, team_key.fingerprint) is None
        dialog.role.setCurrentIndex(dialog.role.findData("office"))
        dialog.accept()  # not what the card declares: refused
        assert "KEY_ROLE_MISMATCH" in dialog.error.toolTip()
        dialog.role.setCurrentIndex(dialog.role.findData("team"))
        settle()
        save_screenshot(dialog, "bundles-enrol-card")
        dialog.accept()
        assert not dialog.error.isVisible()
        return int(dialog.result())

    trust_view.run_enrol = wrong_then_right
    enrolled = trust_view.enrol()
    assert enrolled is not None
    assert enrolled.fingerprint == team_key.fingerprint
    assert trust_view.model.rowCount() == 2
    assert trust_view.current_key() == enrolled or trust_view.current_key() is not None
    settle()
    save_screenshot(trust_view, "bundles-trust-view")

    # --- retry: accepted now
    view.refresh()
    wait_task(qtbot, view.retry_selected())
    assert view.banner.kind == "ok", view.banner.text()
    assert changed  # the lists were told
    assert quarantine.show(office.workspace, result.quarantine_id).item.status == "resolved"
    assert sorted(a.commune_name for a in assessments.list_assessments(office.workspace)) == [
        "Xã Hữu Liên",
        "Xã Thất Khê",
    ]
    assert not view.retry_button.isEnabled()
    assert view.model.text(0, 5) == labels.quarantine_status("resolved", i18n.language())
    receipts_dir = office.workspace.home.root / "receipts"
    receipt = receipts_dir / f"{sent[0].bundle_id}.receipt.json"
    assert json.loads(receipt.read_text(encoding="utf-8"))["outcome"] == "accepted"

    # --- the team enrols the office's card (with the eight words, typed without accents) and
    # imports the receipt
    office_card = stick / "office-card.json"
    keys.write_card(office.workspace, office_card)
    office_key = keys.key_info(office.workspace)
    assert office_key is not None
    team_trust = TrustView(team_ctx)
    qtbot.addWidget(team_trust)

    def by_words(dialog: EnrolDialog) -> int:
        dialog.choose_card = lambda: str(office_card)
        dialog.picker.choose()
        dialog.typed.setText(fold("  ".join(office_key.words)).upper())
        dialog.accept()
        return int(dialog.result())

    team_trust.run_enrol = by_words
    enrolled_office = team_trust.enrol()
    assert enrolled_office is not None
    assert enrolled_office.role == "office"
    receipt_dialog = ReceiptImportDialog(team_ctx)
    qtbot.addWidget(receipt_dialog)
    receipt_dialog.show()
    receipt_dialog.choose_file = lambda: str(receipt)
    receipt_dialog.picker.choose()
    wait_task(qtbot, receipt_dialog.import_receipt())
    assert receipt_dialog.banner.kind == "ok", receipt_dialog.banner.text()
    assert receipt_dialog.result_box.isVisible()
    settle()
    save_screenshot(receipt_dialog, "bundles-receipt-import")
    [acknowledged] = bundle_export.sent_bundles(team_ctx.workspace)
    assert acknowledged.acknowledged
    assert acknowledged.receipt_outcome == "accepted"
    again = ExportDialog(team_ctx)
    qtbot.addWidget(again)
    assert _("Receipt: {outcome} ({time})").split(":")[0] in again.sent.text(0, 5)
    again.tabs.setCurrentIndex(1)
    again.resize(1000, 620)
    again.show()
    settle()
    save_screenshot(again, "bundles-export-sent")

    # --- a second bundle updates the office's copy of the draft: verified, "updated"
    assessments.set_value(team_ctx.workspace, draft, "TC2.1", "50/50")
    second, name = export_in_dialog(qtbot, team_ctx, stick, TEAM_PASS, [draft], drafts=True)
    assert name == "LangSon-XaThatKhe-2026-2.ldbundle"
    wizard = import_in_wizard(qtbot, office, second, OFFICE_PASS)
    assert wizard.report is not None
    assert wizard.report.ok
    assert wizard.verify_page.banner.kind == "ok"
    assert wizard.verify_page.signer.text() == "Hoàng Thị Lan"
    assert wizard.plan is not None
    assert [p.action for p in wizard.plan.assessments] == ["updated"]
    assert wizard.preview_page.plans.text(0, 1) == labels.plan_action("updated", i18n.language())
    assert wizard.preview_page.banner.kind == "ok", wizard.preview_page.banner.text()
    apply_in_wizard(qtbot, wizard, shot="bundles-import-4-result-accepted")
    assert wizard.import_result is not None
    assert wizard.import_result.outcome == "accepted"
    assert wizard.result_page.banner.kind == "ok"
    here = next(
        a for a in assessments.list_assessments(office.workspace) if a.commune_code == "06040"
    )
    assert (
        assessments.detail(office.workspace, here.id).values["TC2.1"].value
        == assessments.detail(team_ctx.workspace, draft).values["TC2.1"].value
    )


def test_screens_are_named_and_fit_the_smallest_window(qtbot: QtBot, sites: Site) -> None:
    office = sites("office", "Lý Thị Duyệt", passphrase=OFFICE_PASS)
    finalised_assessment(office)
    from assessor_app.ui.bundles.widgets import ViewDialog

    screens = [
        ExportDialog(office),
        ImportWizard(office),
        MyKeyDialog(office),
        ReceiptImportDialog(office),
        ViewDialog("q", QuarantineView(office)),
        ViewDialog("t", TrustView(office)),
        EnrolDialog(office),
    ]
    for screen in screens:
        qtbot.addWidget(screen)
        screen.show()
        settle()
        hint = screen.sizeHint()
        assert screen.width() <= 1024, type(screen).__name__
        assert screen.height() <= 640, type(screen).__name__
        assert screen.minimumSizeHint().height() <= 640, (type(screen).__name__, hint)
        assert unnamed_inputs(screen) == [], type(screen).__name__
        assert clipped_labels(screen) == [], type(screen).__name__
