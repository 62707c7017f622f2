"""The team view: members, default assignments by sector, reassigning, removal with a reason,
read-only once finalised."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from assessor_app import i18n
from assessor_app.domain.assessment import MemberRole
from assessor_app.domain.catalogue import Sector
from assessor_app.domain.errors import StateError
from assessor_app.services import assessments, assignments, team
from assessor_app.texts import labels
from assessor_app.ui.context import UiContext
from assessor_app.ui.team.assignments_model import AssignmentColumn, AssignmentsModel
from assessor_app.ui.team.members_model import MemberColumn, default_by_sector
from assessor_app.ui.team.team_view import TeamView
from tests.gui.conftest import save_screenshot
from tests.store_template import DEMO_ACTOR


@pytest.fixture
def assessment_id(ui_context: UiContext) -> int:
    """A new assessment whose team starts empty (its creator, who joins it, has left)."""
    created = assessments.create(ui_context.workspace, "06385", 2026).id
    (creator,) = assessments.detail(ui_context.workspace, created).members
    team.remove_member(ui_context.workspace, created, creator.id, "starts empty")
    return created


@pytest.fixture
def view(qtbot: QtBot, ui_context: UiContext, assessment_id: int) -> TeamView:
    widget = TeamView(ui_context)
    qtbot.addWidget(widget)
    widget.set_assessment(assessment_id)
    widget.resize(1012, 560)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _add(view: TeamView, qtbot: QtBot, name: str, agency: Sector, role: str) -> None:
    view.new_name.setText(name)
    view.new_agency.setCurrentIndex(view.new_agency.findData(agency.value))
    view.new_role.setCurrentIndex(view.new_role.findData(role))
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    _idle(view)


def _idle(view: TeamView) -> None:
    """Wait for the write queue: team changes are stored off the GUI thread."""
    assert view.context.writes.wait_idle()


def _row_of(model: AssignmentsModel, criterion: str) -> int:
    return next(row for row in range(model.rowCount()) if model.criterion_at(row).code == criterion)


def _assignee(view: TeamView, criterion: str) -> str:
    model = view.assignments
    return str(model.index(_row_of(model, criterion), AssignmentColumn.MEMBER).data())


def test_add_members_and_default_assignments(
    view: TeamView, qtbot: QtBot, ui_context: UiContext, assessment_id: int
) -> None:
    assert view.members.rowCount() == 0
    assert view.assignments.rowCount() == 13  # QĐ 06: 13 criteria
    assert labels.sector(Sector.HEALTH, i18n.language()) in _assignee(
        view, "TC7"
    )  # nobody from health yet

    with qtbot.waitSignal(ui_context.assessment_changed) as changed:
        _add(view, qtbot, "Hoàng Thị Lan", Sector.LABOUR_SOCIAL_AFFAIRS, "lead")
    assert changed.args == [assessment_id]
    _add(view, qtbot, "Nông Văn Minh", Sector.HEALTH, "member")
    _add(view, qtbot, "Lộc Thị Hoa", Sector.JUSTICE, "secretary")

    assert view.members.rowCount() == 3
    assert view.new_name.text() == ""
    first = [view.members.index(0, c).data() for c in MemberColumn]
    assert first == [
        "Hoàng Thị Lan",
        labels.sector(Sector.LABOUR_SOCIAL_AFFAIRS, i18n.language()),
        labels.member_role(MemberRole.LEAD, i18n.language()),
    ]
    assert view.members.index(2, MemberColumn.ROLE).data() == "Thư ký"
    stored = assessments.detail(ui_context.workspace, assessment_id).members
    assert [m.name for m in stored] == ["Hoàng Thị Lan", "Nông Văn Minh", "Lộc Thị Hoa"]

    # default by sector: TC7 (health) goes to the health member, marked as the default
    assert _assignee(view, "TC7") == f"Nông Văn Minh {default_by_sector()}"
    assert _assignee(view, "TC6") == f"Hoàng Thị Lan {default_by_sector()}"
    assert _assignee(view, "TC2") == f"Lộc Thị Hoa {default_by_sector()}"
    save_screenshot(view, "team-view")


def test_empty_name_is_an_inline_error(
    view: TeamView, qtbot: QtBot, ui_context: UiContext, assessment_id: int
) -> None:
    _add(view, qtbot, "  ", Sector.HEALTH, "member")
    assert not view.add_error.isHidden()
    assert view.add_error.text() == i18n._("A team member needs a name.")
    assert ui_context.errors.shown == []
    assert assessments.detail(ui_context.workspace, assessment_id).members == []
    qtbot.keyClicks(view.new_name, "Vi Van Duc")
    assert view.add_error.isHidden()
    qtbot.keyClick(view.new_name, Qt.Key.Key_Return)  # Enter adds too
    _idle(view)
    assert view.members.rowCount() == 1


def test_reassign_and_back_to_default(
    view: TeamView, qtbot: QtBot, ui_context: UiContext, assessment_id: int
) -> None:
    _add(view, qtbot, "Hoàng Thị Lan", Sector.LABOUR_SOCIAL_AFFAIRS, "lead")
    _add(view, qtbot, "Nông Văn Minh", Sector.HEALTH, "member")
    lan = view.members.member_at(0)
    model = view.assignments
    index = model.index(_row_of(model, "TC7"), AssignmentColumn.MEMBER)
    with qtbot.waitSignal(ui_context.assessment_changed):
        assert model.setData(index, lan.id)
    assert _assignee(view, "TC7") == "Hoàng Thị Lan"
    stored = assignments.assignments(ui_context.workspace, assessment_id)["TC7"]
    assert stored.explicit
    assert stored.member is not None
    assert stored.member.id == lan.id

    assert model.setData(index, None)  # back to the default by sector
    _idle(view)
    assert _assignee(view, "TC7") == f"Nông Văn Minh {default_by_sector()}"
    assert not assignments.assignments(ui_context.workspace, assessment_id)["TC7"].explicit


def test_reassign_with_the_keyboard(
    view: TeamView, qtbot: QtBot, ui_context: UiContext, assessment_id: int
) -> None:
    _add(view, qtbot, "Hoàng Thị Lan", Sector.LABOUR_SOCIAL_AFFAIRS, "lead")
    _add(view, qtbot, "Nông Văn Minh", Sector.HEALTH, "member")
    table = view.assignments_table
    model = view.assignments
    row = _row_of(model, "TC3")  # police: nobody by default
    table.setFocus()
    table.setCurrentIndex(model.index(row, AssignmentColumn.CRITERION))
    qtbot.keyClick(table, Qt.Key.Key_Return)  # Enter opens the chooser
    editor = table.viewport().findChild(QComboBox)  # the delegate's editor
    assert isinstance(editor, QComboBox)
    assert editor.itemData(0) is None
    assert [editor.itemData(i) for i in range(1, editor.count())] == [
        m.id for m in view.members.members
    ]
    save_screenshot(view, "team-view-choosing")
    qtbot.keyClick(editor, Qt.Key.Key_Down)  # moving does not store anything yet
    assert not assignments.assignments(ui_context.workspace, assessment_id)["TC3"].explicit
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    with qtbot.waitSignal(ui_context.assessment_changed):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    stored = assignments.assignments(ui_context.workspace, assessment_id)["TC3"]
    assert stored.member is not None
    assert stored.member.name == "Nông Văn Minh"
    assert _assignee(view, "TC3") == "Nông Văn Minh"


def test_remove_member_needs_a_reason_and_is_audited(
    view: TeamView, qtbot: QtBot, ui_context: UiContext, assessment_id: int
) -> None:
    _add(view, qtbot, "Hoàng Thị Lan", Sector.LABOUR_SOCIAL_AFFAIRS, "lead")
    _add(view, qtbot, "Nông Văn Minh", Sector.HEALTH, "member")
    minh = view.members.member_at(1)
    view.assignments.setData(
        view.assignments.index(_row_of(view.assignments, "TC1"), AssignmentColumn.MEMBER),
        minh.id,
    )
    _idle(view)
    view.members_table.selectRow(1)
    assert view.remove_button.isEnabled()
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    assert view.remove_panel.isVisible()
    assert "Nông Văn Minh" in view.remove_prompt.text()
    assert view.reason.hasFocus()
    save_screenshot(view, "team-view-remove")

    qtbot.mouseClick(view.confirm_button, Qt.MouseButton.LeftButton)  # no reason yet
    assert not view.remove_error.isHidden()
    assert view.members.rowCount() == 2

    qtbot.keyClicks(view.reason, "Chuyen cong tac")
    with qtbot.waitSignal(ui_context.assessment_changed):
        qtbot.keyClick(view.reason, Qt.Key.Key_Return)
    assert view.members.rowCount() == 1
    assert not view.remove_panel.isVisible()
    entry = assessments.audit(ui_context.workspace, assessment_id).entries[-1]
    assert (entry.action, entry.reason) == ("remove_member", "Chuyen cong tac")
    assert entry.old["name"] == "Nông Văn Minh"
    # the removed member's criteria went back to the default (nobody from health now)
    assert labels.sector(Sector.HEALTH, i18n.language()) in _assignee(view, "TC7")
    assert _assignee(view, "TC1") != "Nông Văn Minh"


def test_cancel_removal(view: TeamView, qtbot: QtBot) -> None:
    _add(view, qtbot, "Hoàng Thị Lan", Sector.LABOUR_SOCIAL_AFFAIRS, "lead")
    view.members_table.setFocus()
    view.members_table.selectRow(0)
    qtbot.keyClick(view.members_table, Qt.Key.Key_Delete)  # Delete asks for the reason
    assert view.remove_panel.isVisible()
    qtbot.mouseClick(view.cancel_remove_button, Qt.MouseButton.LeftButton)
    assert not view.remove_panel.isVisible()
    assert view.members.rowCount() == 1


def test_read_only_after_finalise(
    view: TeamView, qtbot: QtBot, ui_context: UiContext, assessment_id: int
) -> None:
    _add(view, qtbot, "Hoàng Thị Lan", Sector.LABOUR_SOCIAL_AFFAIRS, "lead")
    assert view.add_form.isVisible()
    assessments.finalize(ui_context.workspace, assessment_id)
    ui_context.assessment_changed.emit(assessment_id)  # e.g. the editor finalised it
    assert view.read_only
    assert view.locked.isVisible()
    assert not view.add_form.isVisible()
    assert not view.remove_button.isVisible()
    index = view.assignments.index(0, AssignmentColumn.MEMBER)
    assert not (view.assignments.flags(index) & Qt.ItemFlag.ItemIsEditable)
    assert not view.assignments.setData(index, view.members.member_at(0).id)
    view.members_table.selectRow(0)
    view.start_remove()
    assert not view.remove_panel.isVisible()
    assert ui_context.errors.shown == []
    save_screenshot(view, "team-view-finalised")


def test_the_creator_is_on_the_team(ui_context: UiContext) -> None:
    created = assessments.create(ui_context.workspace, "06385", 2026).id
    members = assessments.detail(ui_context.workspace, created).members
    assert [(m.name, m.agency, m.role) for m in members] == [
        (DEMO_ACTOR, Sector.LABOUR_SOCIAL_AFFAIRS, MemberRole.MEMBER)
    ]
    entry = assessments.audit(ui_context.workspace, created).entries[-1]
    assert (entry.action, entry.new["name"]) == ("add_member", DEMO_ACTOR)


def test_a_second_leader_is_refused_or_replaces_the_first(
    view: TeamView, qtbot: QtBot, ui_context: UiContext, assessment_id: int
) -> None:
    _add(view, qtbot, "Hoàng Thị Lan", Sector.LABOUR_SOCIAL_AFFAIRS, "lead")
    asked: list[tuple[str, str]] = []
    answer = [False]

    def ask(_parent: object, lead: str, newcomer: str) -> bool:
        asked.append((lead, newcomer))
        return answer[0]

    view.ask_replace_lead = ask
    _add(view, qtbot, "Nông Văn Minh", Sector.HEALTH, "lead")  # the question; "keep"
    assert asked == [("Hoàng Thị Lan", "Nông Văn Minh")]
    assert [m.name for m in view.members.members] == ["Hoàng Thị Lan"]
    assert view.new_name.text() == "Nông Văn Minh"  # nothing lost: choose another role
    answer[0] = True
    _add(view, qtbot, "Nông Văn Minh", Sector.HEALTH, "lead")
    _idle(view)
    roles = {
        m.name: m.role for m in assessments.detail(ui_context.workspace, assessment_id).members
    }
    assert roles == {"Hoàng Thị Lan": MemberRole.MEMBER, "Nông Văn Minh": MemberRole.LEAD}
    assert view.members.index(0, MemberColumn.ROLE).data() == "Thành viên"
    assert view.members.index(1, MemberColumn.ROLE).data() == "Trưởng đoàn"
    actions = [e.action for e in assessments.audit(ui_context.workspace, assessment_id).entries]
    assert actions[-2:] == ["set_member_role", "add_member"]
    with pytest.raises(StateError) as refused:  # the service refuses without the question
        team.add_member(ui_context.workspace, assessment_id, "Vi Văn Đức", "police", "lead")
    assert refused.value.code == "TEAM_LEAD_TAKEN"


def test_edit_a_members_role(
    view: TeamView, qtbot: QtBot, ui_context: UiContext, assessment_id: int
) -> None:
    _add(view, qtbot, "Hoàng Thị Lan", Sector.LABOUR_SOCIAL_AFFAIRS, "lead")
    _add(view, qtbot, "Nông Văn Minh", Sector.HEALTH, "member")
    view.members_table.selectRow(1)
    combo = view.role_editor.combo
    assert combo.isEnabled()
    assert combo.currentText() == "Thành viên"
    combo.setCurrentIndex(combo.findData("secretary"))
    combo.activated.emit(combo.currentIndex())
    _idle(view)
    assert view.members.index(1, MemberColumn.ROLE).data() == "Thư ký"
    entry = assessments.audit(ui_context.workspace, assessment_id).entries[-1]
    assert (entry.action, entry.old["role"], entry.new["role"]) == (
        "set_member_role",
        "member",
        "secretary",
    )
    view.ask_replace_lead = lambda _parent, lead, name: True
    view.members_table.selectRow(1)
    combo.setCurrentIndex(combo.findData("lead"))
    combo.activated.emit(combo.currentIndex())
    _idle(view)
    _idle(view)
    roles = [m.role for m in view.members.members]
    assert roles == [MemberRole.MEMBER, MemberRole.LEAD]
    save_screenshot(view, "team-view-role")


def test_enter_in_the_lists_adds_the_member(
    view: TeamView, qtbot: QtBot, assessment_id: int
) -> None:
    qtbot.keyClicks(view.new_name, "Vi Van Duc")
    view.new_role.setFocus()
    qtbot.keyClick(view.new_role, Qt.Key.Key_Return)
    _idle(view)
    assert [m.name for m in view.members.members] == ["Vi Van Duc"]
    qtbot.keyClick(view.new_agency, Qt.Key.Key_Enter)  # an empty name: the inline error
    _idle(view)
    assert not view.add_error.isHidden()
    assert view.members.rowCount() == 1


def test_changes_elsewhere_reload_when_shown(
    view: TeamView, ui_context: UiContext, assessment_id: int
) -> None:
    view.hide()
    team.add_member(ui_context.workspace, assessment_id, "Vi Văn Đức", "police", "lead")
    ui_context.assessment_changed.emit(assessment_id)
    assert view.members.rowCount() == 0  # hidden: not reloaded yet
    view.show()
    assert view.members.rowCount() == 1
    assert _assignee(view, "TC3") == f"Vi Văn Đức {default_by_sector()}"


def test_demo_team(qtbot: QtBot, demo_context: UiContext) -> None:
    view = TeamView(demo_context)
    qtbot.addWidget(view)

    def editable() -> bool:
        index = view.assignments.index(0, AssignmentColumn.MEMBER)
        return bool(view.assignments.flags(index) & Qt.ItemFlag.ItemIsEditable)

    view.set_assessment(1)  # finalised, three members
    assert not editable()
    assert view.members.rowCount() == 3
    view.set_assessment(2)  # draft, one member
    assert editable()
    assert view.members.rowCount() == 1


def test_models_pass_the_model_tester(
    view: TeamView, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(view.members, force_py=True)
    _add(view, qtbot, "Hoàng Thị Lan", Sector.LABOUR_SOCIAL_AFFAIRS, "lead")
    _add(view, qtbot, "Nông Văn Minh", Sector.HEALTH, "member")
    view.members_table.selectRow(0)
    view.start_remove()
    view.reason.setText("test")
    view.confirm_remove()


def test_assignments_model_passes_the_model_tester(
    view: TeamView, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(view.assignments, force_py=True)
    _add(view, qtbot, "Hoàng Thị Lan", Sector.LABOUR_SOCIAL_AFFAIRS, "lead")
    model = view.assignments
    model.setData(model.index(0, AssignmentColumn.MEMBER), view.members.member_at(0).id)
    model.setData(model.index(0, AssignmentColumn.MEMBER), None)
