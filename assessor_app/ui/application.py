"""Starting the desktop app: fonts, language, error hooks, first start, then the main window.

The window is shown and painted first (Qt, the fonts, the translations and the window's shell),
then the store is opened and the feature views are attached to it (`open_main_window`): the first
picture does not wait for SQLAlchemy, the store's checks or the feature modules, and does not grow
with the store. So the store and the services are imported where they are used, not here.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from assessor_app import i18n
from assessor_app.logs import configure_logging, log_file, start_logging
from assessor_app.paths import HOME_ENV, data_home, resource
from assessor_app.services.settings import (
    AppSettings,
    LoadedSettings,
    read_settings,
    save_settings,
)
from assessor_app.ui import fonts, qt_translations
from assessor_app.ui.errors import ErrorReporter
from assessor_app.ui.main_window import MainWindow

if TYPE_CHECKING:
    from assessor_app.services.workspace import Workspace
    from assessor_app.ui.first_start.wizard import FirstStartChoices

log = logging.getLogger(__name__)


def store_exists(home: str | os.PathLike[str] | None) -> bool:
    """Whether the data home holds a store (without loading the store's code)."""
    return Path(data_home(home).database).exists()


def set_language(app: QApplication, language: str) -> str:
    chosen = i18n.set_language(language)
    qt_translations.install(app, chosen)
    return chosen


def app_icon() -> QIcon:
    icon = QIcon()
    for path in sorted(resource("icons").glob("assessor-app-*.png")):
        icon.addFile(str(path))
    return icon


def make_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("assessor-app")
    app.setApplicationDisplayName(i18n._("Child-friendly commune assessment"))
    app.setDesktopFileName(
        "assessor-app"
    )  # Wayland and the taskbar match it to assessor-app.desktop
    app.setWindowIcon(app_icon())
    fonts.install(app)
    return app


def first_start(
    app: QApplication, settings: AppSettings, home_override: str | None
) -> FirstStartChoices | None:
    """Ask the first-start questions; None when the user cancels."""
    from assessor_app.services import reference_data
    from assessor_app.ui.first_start.wizard import FirstStartWizard

    fonts.install_remaining()  # the wizard is the first window: it has bold titles
    from assessor_app.ui.help import context_help

    context_help.install(app)  # F1: the guide, from the first window on
    fixed_home = home_override or os.environ.get(HOME_ENV)
    default_home = data_home(fixed_home or settings.home or None).root
    wizard = FirstStartWizard(
        default_home=default_home,
        home_locked=bool(fixed_home),
        store_exists=store_exists(default_home),
        unit_lists=[
            (u.code, u.title_vi, u.valid_on_today()) for u in reference_data.unit_list_choices()
        ],
        language=i18n.language(),
        on_language=lambda language: set_language(app, language),
    )
    from PySide6.QtWidgets import QDialog  # Qt classes cost start-up time: here, when asked

    if wizard.exec() != QDialog.DialogCode.Accepted:
        return None
    return wizard.choices()


def open_for_gui(
    choices: FirstStartChoices | None,
    home: Path,
    saved_store: str = "",
    use_file: bool = False,
    evidence_folder: str = "",
) -> Workspace:
    """Open the store (the data folder's file, or the PostgreSQL store chosen in Settings or named
    by $ASSESSOR_STORE; the file whatever is chosen when `use_file`); on first start fill the demo
    if asked (never on a shared server) and save the profile. `evidence_folder`: the shared
    evidence folder chosen in Settings ($ASSESSOR_EVIDENCE_FOLDER overrides it)."""
    from assessor_app.services import demo, profile, startup
    from assessor_app.services.store_choice import chosen_evidence_folder, chosen_store
    from assessor_app.services.workspace import open_workspace

    store = None if use_file else chosen_store(saved=saved_store)
    is_new = store is None and not store_exists(home)
    workspace = open_workspace(
        home, store=store, evidence_folder=chosen_evidence_folder(evidence_folder)
    )
    startup.prepare_desktop(workspace)  # leftovers of killed runs, reference data, exports, copy
    if choices is not None:
        if choices.demo and is_new:
            demo.create_demo(workspace)
        profile.save_profile(
            workspace,
            choices.kind,
            choices.name,
            choices.agency,
            choices.unit_list,
            choices.office,
        )
    return workspace


def show_main_window(window: MainWindow) -> None:
    """Large enough to work in: maximised on laptop screens (1366×768), 1280×800 on larger ones."""
    screen = window.screen().availableGeometry()
    if screen.width() < 1400 or screen.height() < 900:
        window.showMaximized()
    else:
        window.resize(1280, 800)
        window.show()
    window.raise_()
    window.activateWindow()  # after the wizard closes, the keyboard goes to the main window


def open_main_window(
    choices: FirstStartChoices | None,
    home: Path,
    settings: AppSettings,
    errors: ErrorReporter,
    on_failure: Callable[[], None],
) -> MainWindow:
    """The main window, shown now and attached to the store once it is on the screen; when the
    store cannot be opened, the reason is said over the window, which closes, and `on_failure`
    runs. The caller keeps the window (its `ready` fires once attached)."""
    window = MainWindow()
    show_main_window(window)

    def attach() -> None:
        if not window.isVisible():  # closed while it was being painted: nothing to open
            return
        from assessor_app.ui.context import UiContext

        errors.log_file = configure_logging(data_home(home).logs)  # after the first picture
        fonts.install_remaining()

        try:
            workspace = _open_asking_password(window, choices, home, settings)
        except Exception as error:  # the store cannot be opened: say why, then stop
            errors.report(window, error)
            workspace = None
        if workspace is None:  # not opened, or the person quit at the password
            window.close()
            on_failure()
            return
        try:
            window.attach(UiContext(workspace, settings, errors, window))
        except BaseException:
            workspace.close()
            raise

    # On the next turn of the event loop: the first picture is flushed to the screen first.
    window.first_painted.connect(lambda: QTimer.singleShot(0, attach))
    return window


def _open_asking_password(
    window: MainWindow, choices: FirstStartChoices | None, home: Path, settings: AppSettings
) -> Workspace | None:
    """The store opened; the server's password asked for when it wants one libpq has not got
    (kept in memory only); None when the person quits instead."""
    from assessor_app.services.store_choice import chosen_store
    from assessor_app.ui.store_password import open_asking_password

    return open_asking_password(
        window,
        chosen_store(saved=settings.store),
        lambda use_file: open_for_gui(
            choices, home, settings.store, use_file, settings.evidence_folder
        ),
    )


def tell_about_settings(loaded: LoadedSettings, errors: ErrorReporter) -> None:
    """Say once, at start, why the settings file was not used (newer app, damaged, unreadable)."""
    if loaded.notice is not None:
        errors.report(None, loaded.notice, title=i18n._("Settings"))


def keep_settings(loaded: LoadedSettings, settings: AppSettings, errors: ErrorReporter) -> None:
    """Save the first start's answers; a file left untouched (already said at start) is not
    written, and a failure to write is said but does not stop the app (the store is open)."""
    from assessor_app.domain.errors import AssessorError

    if not loaded.writable:
        return
    try:
        save_settings(settings)
    except AssessorError as error:
        errors.report(None, error, title=i18n._("Settings"))


def run_gui(
    home_override: str | None = None, language: str | None = None, bundle: str | None = None
) -> int:
    """The desktop app; `bundle`: a bundle file to import (a double-clicked .ldbundle), opened in
    the import wizard once the main window shows."""
    app = make_application(sys.argv[:1])
    loaded = read_settings()
    settings = loaded.settings
    set_language(app, language or settings.language)
    fixed_home = home_override or os.environ.get(HOME_ENV)
    home = data_home(fixed_home or settings.home or None)
    start_logging()  # to the file once the window is painted (`open_main_window`)
    errors = ErrorReporter(log_file(home.logs))
    errors.install_hooks()
    tell_about_settings(loaded, errors)

    choices: FirstStartChoices | None = None
    needs_profile = not store_exists(home.root) or not settings.first_start_done
    if needs_profile:
        choices = first_start(app, settings, home_override)
        if choices is None:
            return 0
        home = data_home(choices.home)
        errors.log_file = log_file(home.logs)
        settings = settings.with_changes(
            home="" if fixed_home else str(choices.home),
            language=i18n.language(),
            first_start_done=True,
        )
    window = open_main_window(choices, home.root, settings, errors, lambda: app.exit(6))
    if choices is not None:
        window.ready.connect(lambda: keep_settings(loaded, settings, errors))
    if bundle is not None:
        window.ready.connect(lambda: QTimer.singleShot(0, lambda: window.open_bundle(Path(bundle))))
    try:
        return app.exec()
    finally:
        if window.attached:
            window.context.workspace.close()
