"""The history view: every audit entry in words, the chain check banner, filtering, refresh."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from assessor_app import i18n
from assessor_app.domain.audit import AuditEntry
from assessor_app.i18n import _
from assessor_app.services import assessments, notes
from assessor_app.services.records import AuditReport
from assessor_app.services.workspace import Workspace
from assessor_app.texts import dates, labels
from assessor_app.texts.audit import AuditTexts
from assessor_app.ui.context import UiContext
from assessor_app.ui.history.audit_model import Column
from assessor_app.ui.history.history_view import HistoryView
from tests.gui.conftest import save_screenshot
from tests.gui.screen_text import says


def _view(qtbot: QtBot, context: UiContext, assessment_id: int = 1) -> HistoryView:
    """The history of `assessment_id`, shown (as when its tab is opened) and read."""
    view = HistoryView(context)
    qtbot.addWidget(view)
    view.set_assessment(assessment_id)
    view.show()
    qtbot.waitExposed(view)
    _read(view)
    return view


def _read(view: HistoryView) -> None:
    """Wait for the view's read: it runs on a worker thread."""
    assert view.context.tasks.wait_idle()
    assert not view.loading


def _row_of(view: HistoryView, seq: int) -> int:
    return next(i for i, e in enumerate(view.model.entries) if e.seq == seq)


def test_every_entry_is_listed_in_words(qtbot: QtBot, demo_context: UiContext) -> None:
    view = _view(qtbot, demo_context)
    report = assessments.audit(demo_context.workspace, 1)
    model = view.model
    assert model.rowCount() == len(report.entries) > 20
    assert view.proxy.rowCount() == len(report.entries)
    for row, entry in enumerate(report.entries):
        assert model.text(row, Column.SEQ) == str(entry.seq)
        assert model.text(row, Column.ACTOR) == entry.actor
        assert model.text(row, Column.TIME) == dates.stamp(entry.at)
        action = model.text(row, Column.ACTION)
        assert action
        assert "_" not in action  # a phrase, not the action code

    set_values = [i for i, e in enumerate(report.entries) if e.action == "set_value"]
    by_target = {model.text(i, Column.TARGET): model.text(i, Column.CHANGE) for i in set_values}
    assert by_target["TC2.1"] == "49/50"
    assert by_target["TC1.1"] == "Có"
    assert by_target["TC1.4"] == "Không"
    assert by_target["TC11.1"] == "60 điểm"
    manual = next(i for i in set_values if model.text(i, Column.TARGET) == "TC11.1")
    assert model.text(manual, Column.REASON).startswith("Có câu lạc bộ quyền trẻ em")
    assert model.text(set_values[0], Column.ACTION) == labels.audit_action(
        "set_value", i18n.language()
    )

    last = len(report.entries) - 1
    assert report.entries[last].action == "finalize"
    assert model.text(last, Column.ACTION) == labels.audit_action("finalize", i18n.language())
    assert model.text(last, Column.CHANGE).endswith(", đạt")  # "tổng 855 điểm, đạt"
    members = [i for i, e in enumerate(report.entries) if e.action == "add_member"]
    assert model.text(members[0], Column.TARGET) == "Hoàng Thị Lan"

    banner = view.banner.text()
    assert f"Chuỗi nhật ký còn nguyên vẹn ({len(report.entries)} mục)." in banner
    assert "#e3f4e1" in view.banner.styleSheet()  # green


def test_models_pass_the_model_tester(
    qtbot: QtBot, demo_context: UiContext, qtmodeltester: ModelTester
) -> None:
    view = _view(qtbot, demo_context)
    qtmodeltester.check(view.model)  # type: ignore[no-untyped-call]
    view.filter_edit.setText("TC2")
    qtmodeltester.check(view.proxy)  # type: ignore[no-untyped-call]


def test_filter_ignores_case_and_diacritics(qtbot: QtBot, demo_context: UiContext) -> None:
    view = _view(qtbot, demo_context)
    total = view.model.rowCount()
    view.filter_edit.setText("hoang thi lan")  # typed without a Vietnamese keyboard
    shown = view.proxy.rowCount()
    assert 0 < shown <= total
    for row in range(shown):
        texts = " ".join(str(view.proxy.index(row, column).data()) for column in range(len(Column)))
        assert "Hoàng Thị Lan" in texts
    view.filter_edit.setText("TC2.1 49/50")  # every word must match
    assert view.proxy.rowCount() == 1
    assert view.count_label.text().startswith("1 ")
    view.filter_edit.clear()
    assert view.proxy.rowCount() == total


def test_reopen_and_evidence_are_readable_and_refresh(
    qtbot: QtBot, demo_context: UiContext, tmp_path: Path
) -> None:
    view = _view(qtbot, demo_context)
    before = view.model.rowCount()
    workspace = demo_context.workspace
    assessments.reopen(workspace, 1, "Sửa số liệu tiêm chủng")
    photo = tmp_path / "ảnh trạm y tế.jpg"
    photo.write_bytes(b"not really a jpeg")
    record = notes.attach_evidence(workspace, 1, "TC7.1", photo, caption="Sổ tiêm chủng")
    notes.set_caption(workspace, 1, record.id, "Sổ tiêm chủng 2026")
    demo_context.assessment_changed.emit(2)  # another assessment: no refresh
    _read(view)
    assert view.model.rowCount() == before
    demo_context.assessment_changed.emit(1)
    _read(view)
    assert view.model.rowCount() == before + 3

    model = view.model
    reopen, attach, caption = before, before + 1, before + 2
    assert model.text(reopen, Column.ACTION) == labels.audit_action("reopen", i18n.language())
    assert model.text(reopen, Column.CHANGE) == "Đã hoàn tất → Đang đánh giá"
    assert model.text(reopen, Column.REASON) == "Sửa số liệu tiêm chủng"
    assert model.text(attach, Column.ACTION) == labels.audit_action(
        "attach_evidence", i18n.language()
    )
    assert model.text(attach, Column.TARGET) == "TC7.1"
    assert model.text(attach, Column.CHANGE) == "ảnh trạm y tế.jpg (Sổ tiêm chủng)"
    assert model.text(caption, Column.TARGET) == "ảnh trạm y tế.jpg"
    assert model.text(caption, Column.CHANGE) == "“Sổ tiêm chủng” → “Sổ tiêm chủng 2026”"


def test_unknown_actions_and_values_are_shown_as_recorded() -> None:
    entry = AuditEntry(
        "c", 1, "2026-01-01T00:00:00Z", "A", "teleport", "x:1", None, [1], "", "", ""
    )
    texts = AuditTexts([entry], "en")
    assert texts.action(entry) == "teleport"
    assert texts.target(entry) == "x:1"
    assert texts.change(entry) == "[1]"
    assert texts.time(entry) == "01/01/2026 07:00:00"  # Vietnam time
    assert dates.stamp("not a time") == "not a time"
    comment = AuditEntry("c", 2, "", "A", "comment", "indicator:TC1.1", None, "draft", "", "", "")
    assert texts.change(comment) == "draft"  # a word, not a status, outside reopen/finalise


def test_tampering_shows_the_problem_in_red(qtbot: QtBot, demo_context: UiContext) -> None:
    view = _view(qtbot, demo_context)
    uid = assessments.detail(demo_context.workspace, 1).summary.uid
    connection = sqlite3.connect(demo_context.workspace.home.database)
    try:
        connection.execute("DROP TRIGGER audit_log_no_update")
        connection.execute("DROP TRIGGER audit_log_no_delete")
        connection.execute(
            "UPDATE audit_log SET new_json = ? WHERE chain = ? AND seq = 3",
            ('{"denominator":50,"numerator":50}', uid),
        )
        connection.commit()
    finally:
        connection.close()

    view.refresh()
    _read(view)
    message = _("Entry {seq} was altered after it was written.").format(seq=3)
    assert message in view.banner.text()
    assert "#fde2e1" in view.banner.styleSheet()  # red
    row = _row_of(view, 3)
    assert view.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert message in str(view.model.index(row, Column.CHANGE).data(Qt.ItemDataRole.ToolTipRole))

    view.resize(1000, 560)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(50)  # row heights follow the final column widths
    save_screenshot(view, "history-view-broken")


def test_screenshot(qtbot: QtBot, demo_context: UiContext) -> None:
    view = _view(qtbot, demo_context)
    view.resize(1000, 560)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(50)  # row heights follow the final column widths
    save_screenshot(view, "history-view")
    says(view, "Người thực hiện", "Thao tác", "Hoàn tất")  # what it says, not the PNG's size


def test_a_hidden_history_is_read_only_when_shown(
    qtbot: QtBot, demo_context: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The editor's History tab is hidden while figures are typed: a save must not make it read
    and check the whole chain again (issue 11), and showing it brings it up to date."""
    reads: list[int] = []
    original = assessments.audit

    def counting(workspace: Workspace, assessment_id: int) -> AuditReport:
        reads.append(assessment_id)
        return original(workspace, assessment_id)

    monkeypatch.setattr(assessments, "audit", counting)
    view = HistoryView(demo_context)
    qtbot.addWidget(view)
    view.set_assessment(2)
    for value in ("40/50", "41/50", "42/50"):
        assessments.set_value(demo_context.workspace, 2, "TC2.1", value)
        demo_context.assessment_changed.emit(2)
    assert demo_context.tasks.wait_idle()
    assert reads == []  # never shown: never read
    view.show()
    qtbot.waitExposed(view)
    _read(view)
    assert reads == [2]  # once, when shown, with every change in it
    assert view.model.rowCount() == len(original(demo_context.workspace, 2).entries)
