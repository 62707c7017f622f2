"""`assessor-app check-gui [--home DIR]`: open the main window on the store and close it at once.

For installers and support ("does the window work on this laptop?") and for the one-folder build's
smoke test: it loads Qt, the bundled fonts, the translations (Qt's too) and every feature view, shows
the window, waits until it is attached to the store, and closes it. Exit 0 when all of that worked;
1 with the reason otherwise. Runs offscreen with QT_QPA_PLATFORM=offscreen. Never shows a dialog.

`until="painted"` stops at the window's first paint (the benchmark of start-up measures that).
"""

from __future__ import annotations

import sys
from typing import Literal

from PySide6.QtCore import QEventLoop, QTimer

from assessor_app import i18n
from assessor_app.logs import log_file, start_logging
from assessor_app.paths import data_home
from assessor_app.services.settings import AppSettings
from assessor_app.ui.application import make_application, open_main_window, set_language
from assessor_app.ui.errors import ErrorReporter

TIMEOUT_MS = 120_000  # a store being upgraded can take a while; a hung start must not hang a script


def check_gui(
    home_override: str | None = None,
    language: str | None = None,
    until: Literal["painted", "ready"] = "ready",
) -> int:
    app = make_application(sys.argv[:1])
    set_language(app, language or "vi")
    home = data_home(home_override)
    start_logging()
    errors = ErrorReporter(log_file(home.logs))
    errors.modal = False  # collect what would have been shown; nobody is there to click
    settings = AppSettings(home=str(home.root), first_start_done=True)
    loop = QEventLoop()
    window = open_main_window(None, home.root, settings, errors, loop.quit)
    (window.first_painted if until == "painted" else window.ready).connect(loop.quit)
    QTimer.singleShot(TIMEOUT_MS, loop.quit)
    loop.exec()
    shown = window.isVisible() and bool(window.windowTitle())
    reached = window.attached or (until == "painted" and shown)
    window.close()
    app.processEvents()
    if window.attached:
        window.context.workspace.close()
    if not shown or not reached or errors.shown:
        reasons = "; ".join(text for _kind, text in errors.shown) or "the window did not show"
        print(f"check-gui: {reasons}", file=sys.stderr)  # noqa: T201 (the command's output)
        return 1
    print(i18n._("The main window opened and closed: the desktop app works here."))  # noqa: T201
    return 0
