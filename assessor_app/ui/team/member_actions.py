"""Pieces of the team view's member form: the selected member's role, the question before a team
gets a new leader, and Enter in any field of the add form adding the member."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTableView,
    QWidget,
)

from assessor_app import i18n
from assessor_app.domain.assessment import MemberRole
from assessor_app.domain.errors import AssessorError
from assessor_app.i18n import _
from assessor_app.services.records import MemberRecord
from assessor_app.texts import labels

LEAD_TAKEN = "TEAM_LEAD_TAKEN"


def team_table(view: QTableView, name: str) -> QTableView:
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setHighlightSections(False)
    return view


def lead_taken(error: BaseException) -> str | None:
    """The current leader's name when `error` refused a second leader, else None."""
    if isinstance(error, AssessorError) and error.code == LEAD_TAKEN:
        return str(error.params.get("lead", ""))
    return None


def ask_replace_lead(parent: QWidget, lead: str, newcomer: str) -> bool:
    """Ask before a team gets a new leader; True: replace (the former leader stays a member)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("One leader per team"))
    box.setText(
        _("{lead} already leads this team. Make {name} the leader instead?").format(
            lead=lead, name=newcomer
        )
    )
    box.setInformativeText(_("{lead} stays on the team as a member.").format(lead=lead))
    replace = box.addButton(_("&Replace the leader"), QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton(
        _("&Keep {lead} as leader").format(lead=lead), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is replace


class RoleEditor(QWidget):
    """The selected member's role, editable: choosing another emits `role_chosen(member, role)`."""

    role_chosen = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.member: MemberRecord | None = None
        self.combo = QComboBox()
        self.combo.setAccessibleName(_("Role of the selected member"))
        for role in MemberRole:
            self.combo.addItem(labels.member_role(role, i18n.language()), role.value)
        self.combo.activated.connect(self._activated)
        label = QLabel(_("R&ole:"))
        label.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.combo)

    def show_member(self, member: MemberRecord | None) -> None:
        """Show `member`'s stored role (none selected: disabled)."""
        self.member = member
        self.combo.setEnabled(member is not None)
        role = member.role if member is not None else MemberRole.MEMBER
        self.combo.setCurrentIndex(self.combo.findData(role.value))

    def _activated(self, _index: int) -> None:
        chosen = str(self.combo.currentData())
        if self.member is not None and chosen != self.member.role.value:
            self.role_chosen.emit(self.member.id, chosen)


class EnterAdds(QObject):
    """Enter or Return in a watched widget (the add form's lists) calls `add`, as in the name."""

    def __init__(self, add: Callable[[], None], watched: list[QWidget]) -> None:
        super().__init__(watched[0])
        self._add = add
        for widget in watched:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not (isinstance(watched, QComboBox) and watched.view().isVisible())
        ):
            self._add()
            return True
        return False
