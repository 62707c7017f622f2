"""The tabs open when the window closes, and the criterion or indicator selected in each, come back
at the next start (kept in the settings file, per data folder). An assessment deleted meanwhile is
left out without a word: there is nothing to say about a tab the user did not ask for."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from assessor_app.domain.errors import AssessorError
from assessor_app.services import assessments, settings

if TYPE_CHECKING:
    from assessor_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def remember(window: MainWindow) -> None:
    editors = [window.editor_at(index) for index in range(window.tabs.count())]
    opened = [editor for editor in editors if editor is not None]
    tabs = settings.OpenTabs(
        tuple(editor.assessment_id for editor in opened),
        window.current_assessment_id(),
        {editor.assessment_id: editor.current_code for editor in opened if editor.current_code},
    )
    settings.save_open_tabs(window.context.workspace.home.root, tabs)


def restore(window: MainWindow) -> None:
    tabs = settings.read_open_tabs(window.context.workspace.home.root)
    for assessment_id in tabs.assessments:
        try:
            assessments.summary(window.context.workspace, assessment_id)  # deleted meanwhile?
        except AssessorError:
            log.info(
                "assessment %s is no longer in the store: its tab is not reopened", assessment_id
            )
            continue
        editor = window.open_assessment(assessment_id)
        code = tabs.selected.get(assessment_id)
        if code is not None:
            editor.select_code(code)
    current = window.editors.get(tabs.current) if tabs.current is not None else None
    window.tabs.setCurrentIndex(window.tabs.indexOf(current) if current is not None else 0)
