"""What every view is given: the open workspace, the user's settings and profile, the task runner,
the error reporter, and the signals that tell views what changed (no global state anywhere)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from assessor_app.services.profile import Profile, load_profile
from assessor_app.services.settings import AppSettings
from assessor_app.services.workspace import Workspace
from assessor_app.ui.errors import ErrorReporter
from assessor_app.ui.tasks import TaskRunner


class UiContext(QObject):
    assessment_changed = Signal(int)  # one assessment's figures, status, team, notes or evidence
    assessments_changed = Signal()  # an assessment was added or removed
    profile_changed = Signal()

    def __init__(
        self,
        workspace: Workspace,
        settings: AppSettings,
        errors: ErrorReporter,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.settings = settings
        self.errors = errors
        self.tasks = TaskRunner(errors.report, self)
        # Store writes (saves, undo/redo, notes, team changes): one at a time, in the order made.
        self.writes = TaskRunner(errors.report, self, serial=True)
        self.profile: Profile = load_profile(workspace)
        if self.profile.name:
            workspace.actor = self.profile.name

    def reload_profile(self) -> None:
        self.profile = load_profile(self.workspace)
        if self.profile.name:
            self.workspace.actor = self.profile.name
        self.profile_changed.emit()
