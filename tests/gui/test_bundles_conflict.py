"""Two team laptops change the same indicator: the import wizard shows the conflict, the bundle is
held, and a person settles it in the quarantine view, indicator by indicator, with a reason. A held
bundle can also be rejected; its file stays."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assessor_app import i18n
from assessor_app.services import assessments, bundle_export, bundle_import, keys, quarantine, team
from assessor_app.services.merge import INCOMING, LOCAL, IndicatorMerge
from assessor_app.texts import labels
from assessor_app.ui.bundles.quarantine_view import QuarantineView
from assessor_app.ui.bundles.reason_dialogs import ResolveDialog
from assessor_app.ui.context import UiContext
from tests.gui.conftest import save_screenshot
from tests.gui.test_bundles_flow import apply_in_wizard, import_in_wizard
from tests.gui.test_bundles_support import (
    B_PASS,
    OFFICE_PASS,
    TEAM_PASS,
    Site,
    settle,
    site_factory,
    wait_task,
)


@pytest.fixture
def sites(tmp_path: Path, qapp: QApplication) -> Iterator[Site]:
    yield from site_factory(tmp_path)


def enrol(receiver: UiContext, sender: UiContext, folder: Path) -> None:
    from assessor_app.services import trust

    folder.mkdir(parents=True, exist_ok=True)
    card = folder / f"card-{sender.profile.name.replace(' ', '')}.json"
    keys.write_card(sender.workspace, card)
    info = keys.key_info(sender.workspace)
    assert info is not None
    trust.enrol_card(receiver.workspace, card, info.formatted)


@pytest.fixture
def conflicting(sites: Site, tmp_path: Path) -> tuple[UiContext, Path, str]:
    """(office, laptop B's bundle, uid): the office has laptop A's 45/50 for TC2.1; B says 48/50."""
    laptop_a = sites("team", "Hoàng Thị Lan", passphrase=TEAM_PASS, folder="a")
    laptop_b = sites("team", "Nông Văn Bình", passphrase=B_PASS, folder="b")
    office = sites("office", "Lý Thị Duyệt", passphrase=OFFICE_PASS, folder="office")
    cards = tmp_path / "cards"
    enrol(laptop_b, laptop_a, cards)
    enrol(office, laptop_a, cards)
    enrol(office, laptop_b, cards)
    created = assessments.create(laptop_a.workspace, "06400", 2026)
    assessments.set_value(laptop_a.workspace, created.id, "TC2.1", "40/50")
    team.add_member(laptop_a.workspace, created.id, "Hoàng Thị Lan", "justice", "lead")
    first = tmp_path / "a1.ldbundle"
    bundle_export.export(laptop_a.workspace, [created.id], first, TEAM_PASS, include_drafts=True)
    copied = bundle_import.apply(laptop_b.workspace, first, B_PASS)
    on_b = copied.assessment_ids[0]
    assessments.set_value(laptop_a.workspace, created.id, "TC2.1", "45/50")
    assessments.set_value(laptop_b.workspace, on_b, "TC2.1", "48/50")
    from_a, from_b = tmp_path / "a2.ldbundle", tmp_path / "b1.ldbundle"
    bundle_export.export(laptop_a.workspace, [created.id], from_a, TEAM_PASS, include_drafts=True)
    bundle_export.export(laptop_b.workspace, [on_b], from_b, B_PASS, include_drafts=True)
    assert bundle_import.apply(office.workspace, from_a, OFFICE_PASS).outcome == "accepted"
    return office, from_b, created.uid


def test_a_conflict_is_shown_held_and_resolved_with_a_reason(
    qtbot: QtBot, conflicting: tuple[UiContext, Path, str]
) -> None:
    office, from_b, uid = conflicting
    wizard = import_in_wizard(qtbot, office, from_b, OFFICE_PASS, shots="bundles-conflict")
    plan = wizard.plan
    assert plan is not None
    assert [c.indicator for c in plan.conflicts] == ["TC2.1"]
    page = wizard.preview_page
    assert page.conflict_table.isVisible()
    assert page.conflicts.rowCount() == 1
    assert page.conflicts.text(0, 1) == "TC2.1"
    assert page.conflicts.text(0, 2).startswith("45/50")
    assert "Hoàng Thị Lan" in page.conflicts.text(0, 2)
    assert page.conflicts.text(0, 3).startswith("48/50")
    assert "Nông Văn Bình" in page.conflicts.text(0, 3)
    assert "IMPORT_CONFLICT" in page.banner.text()
    assert page.plans.text(0, 1) == labels.plan_action("updated", i18n.language())
    apply_in_wizard(qtbot, wizard, shot="bundles-conflict-4-result")
    result = wizard.import_result
    assert result is not None
    assert result.outcome == "quarantined"
    qid = result.quarantine_id
    assert qid is not None

    # The result page opens the quarantine list on the held bundle.
    opened: list[int] = []
    wizard.open_quarantine_requested.connect(opened.append)
    wizard.result_page.open_quarantine.click()
    assert opened == [qid]

    view = QuarantineView(office)
    qtbot.addWidget(view)
    view.resize(1000, 620)
    view.show()
    assert view.select(qid)
    assert view.resolve_button.isEnabled()
    assert view.conflict_table.isVisibleTo(view)
    assert view.conflicts.rowCount() == 1
    assert view.conflicts.text(0, 1) == "TC2.1"
    assert "Xã Hữu Liên" in view.conflicts.text(0, 0)
    assert view.model.text(view.table.currentIndex().row(), 4) == labels.hold_reason(
        "IMPORT_CONFLICT", i18n.language()
    )
    assert "IMPORT_CONFLICT" in view.reasons.text()
    settle()
    save_screenshot(view, "bundles-quarantine-conflict")

    # The resolve dialog wants a side for every indicator and a reason.
    def resolve(
        conflicts: list[IndicatorMerge], labels: Mapping[str, str]
    ) -> tuple[dict[str, str], str] | None:
        dialog = ResolveDialog(conflicts, labels, view)
        qtbot.addWidget(dialog)
        dialog.show()
        settle()
        dialog.reason.setText("Đã đếm lại sổ hộ tịch với cán bộ xã")
        dialog.accept()
        assert dialog.error.isVisible()  # no side chosen yet
        assert "TC2.1" in dialog.error.text()
        [key] = dialog.groups
        dialog.choose(key, LOCAL)
        assert dialog.choices() == {key: LOCAL}
        dialog.choose(key, INCOMING)
        dialog.reason.setText("   ")
        dialog.accept()
        assert dialog.error.isVisible()  # no reason
        dialog.reason.setText("Đã đếm lại sổ hộ tịch với cán bộ xã")
        save_screenshot(dialog, "bundles-resolve-dialog")
        dialog.accept()
        assert dialog.result() == 1
        return dialog.choices(), dialog.reason_text()

    view.ask_resolution = resolve
    view.ask_passphrase = lambda purpose: OFFICE_PASS
    wait_task(qtbot, view.resolve_selected())
    assert view.banner.kind == "ok", view.banner.text()
    assert quarantine.show(office.workspace, qid).item.status == "resolved"
    here = next(a for a in assessments.list_assessments(office.workspace) if a.uid == uid)
    value = assessments.detail(office.workspace, here.id).values["TC2.1"].value
    assert (value.numerator, value.denominator) == (48, 50)  # type: ignore[union-attr]
    trail = assessments.audit(office.workspace, here.id).entries
    [resolution] = [e for e in trail if e.action == "resolve"]
    assert resolution.reason == "Đã đếm lại sổ hộ tịch với cán bộ xã"
    assert not view.resolve_button.isEnabled()
    assert view.model.text(view.table.currentIndex().row(), 5) == labels.quarantine_status(
        "resolved", i18n.language()
    )


def test_a_held_bundle_can_be_rejected_and_its_file_stays(
    qtbot: QtBot, sites: Site, tmp_path: Path
) -> None:
    sender = sites("team", "Hoàng Thị Lan", passphrase=TEAM_PASS)
    office = sites("office", "Lý Thị Duyệt")  # no key: no receipt, said so
    created = assessments.create(sender.workspace, "06400", 2026)
    assessments.finalize(sender.workspace, created.id)
    bundle = tmp_path / "x.ldbundle"
    bundle_export.export(sender.workspace, [created.id], bundle, TEAM_PASS)
    held = bundle_import.apply(office.workspace, bundle)
    assert held.outcome == "quarantined"
    assert held.quarantine_id is not None
    view = QuarantineView(office)
    qtbot.addWidget(view)
    view.show()
    asked: list[str] = []
    view.ask_passphrase = lambda purpose: asked.append(purpose) or None  # type: ignore[func-returns-value]
    view.ask_rejection = lambda item: None  # cancelled: nothing happens
    assert view.reject_selected() is None
    view.ask_rejection = lambda item: "Gói gửi nhầm"
    wait_task(qtbot, view.reject_selected())
    assert asked == []  # no key here: nothing to ask
    assert view.banner.kind == "info"
    assert "RECEIPT_NO_KEY" in view.banner.text()
    item = quarantine.show(office.workspace, held.quarantine_id).item
    assert item.status == "rejected"
    assert item.sha256 is not None  # kept in the store, never deleted
    assert office.workspace.evidence.verify(item.sha256)
    assert not view.retry_button.isEnabled()
    assert not view.reject_button.isEnabled()
    assert "Gói gửi nhầm" in view.status.text()
    view.show_closed.setChecked(False)
    assert view.model.rowCount() == 0
    assert not view.retry_button.isEnabled()
