"""`assessor-app check-gui [--home DIR]`: open the main window on the store and close it at once.

For installers and support ("does the window work on this laptop?") and for the one-folder build's
smoke test: it loads Qt, the bundled fonts, the translations (Qt's too) and every feature view, shows
the window, processes its first events and closes it. Exit 0 when all of that worked; 1 with the
reason otherwise. Runs offscreen with QT_QPA_PLATFORM=offscreen. Never shows a dialog."""

from __future__ import annotations

import sys

from assessor_app import i18n
from assessor_app.logs import configure_logging
from assessor_app.paths import data_home
from assessor_app.services import startup
from assessor_app.services.settings import AppSettings
from assessor_app.services.workspace import open_workspace
from assessor_app.ui.application import make_application, set_language
from assessor_app.ui.context import UiContext
from assessor_app.ui.errors import ErrorReporter
from assessor_app.ui.main_window import MainWindow


def check_gui(home_override: str | None = None, language: str | None = None) -> int:
    app = make_application(sys.argv[:1])
    set_language(app, language or "vi")
    home = data_home(home_override)
    errors = ErrorReporter(configure_logging(home.logs))
    errors.modal = False  # collect what would have been shown; nobody is there to click
    workspace = open_workspace(home.root)
    try:
        startup.prepare_desktop(workspace)
        context = UiContext(
            workspace, AppSettings(home=str(home.root), first_start_done=True), errors
        )
        window = MainWindow(context)
        window.show()
        app.processEvents()
        shown = window.isVisible() and bool(window.windowTitle())
        window.close()
        app.processEvents()
    finally:
        workspace.close()
    if not shown or errors.shown:
        reasons = "; ".join(text for _kind, text in errors.shown) or "the window did not show"
        print(f"check-gui: {reasons}", file=sys.stderr)  # noqa: T201 (the command's output)
        return 1
    print(i18n._("The main window opened and closed: the desktop app works here."))  # noqa: T201
    return 0
