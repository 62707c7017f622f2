"""Make the pictures of the user guide (resources/help/LANG/images/) from the real windows:

    QT_QPA_PLATFORM=offscreen python docs/make_help_images.py [PICTURE…]   # all, or those named
    python packaging/build_help_pdf.py      # then the PDFs, which carry the same pictures

Opens a fresh demo store (the three sample assessments), shows each screen the guide pictures as
tests/gui/walk_screens.py builds it (the main window at 1366×768), in Vietnamese and in English,
and saves it scaled to 800 pixels wide with 256 colours (a few dozen kB each). Run it after a
screen the guide shows changes, and commit the images and the PDFs.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402 (the repository's root first)
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from assessor_app import i18n  # noqa: E402
from assessor_app.services import demo, profile, reference_data  # noqa: E402
from assessor_app.services.settings import AppSettings  # noqa: E402
from assessor_app.services.workspace import open_workspace  # noqa: E402
from assessor_app.ui import fonts, qt_translations  # noqa: E402
from assessor_app.ui.context import UiContext  # noqa: E402
from assessor_app.ui.errors import ErrorReporter  # noqa: E402
from tests.gui import walk_screens  # noqa: E402

WIDTH = 800
# picture of the guide → the screen of the walk it shows
PICTURES = {
    "assessments": "main-list",
    "editor": "main-editor",
    "export": "export",
    "import": "import-1-choose",
    "report": "dossier-preview",
    "review": "review",
    "dashboard": "dashboard",
    "decisions": "decisions",
    "unit-merges": "unit-merges",
    "settings-store": "settings",
}
# pictures of a part of a screen, as the guide describes it: picture → the widget to save
PARTS: dict[str, Callable[[QWidget, str], QWidget]] = {}
ACTOR = "Hoàng Thị Lan"


def demo_context(home: Path) -> UiContext:
    workspace = open_workspace(home, actor=ACTOR)
    reference_data.initialise(workspace)
    demo.create_demo(workspace)
    profile.save_profile(workspace, "team", ACTOR, "labour_social_affairs", "LS-2025-07")
    errors = ErrorReporter(log_file=home / "logs" / "assessor-app.log")
    errors.modal = False
    return UiContext(workspace, AppSettings(home=str(home), first_start_done=True), errors)


def settings_store_box(dialog: QWidget, language: str) -> QWidget:
    """Settings → "Data store" with a server chosen and filled in as the guide's examples."""
    from assessor_app.ui.settings_dialog import SettingsDialog

    assert isinstance(dialog, SettingsDialog)
    box = dialog.store
    box.server.setChecked(True)
    box.host.setText("maychu" if language == "vi" else "server")
    box.database.setText("assessor")
    box.user.setText("nva")
    dialog.scroll_area.ensureWidgetVisible(box)
    return box


PARTS["settings-store"] = settings_store_box


def wait(condition: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("a screen did not finish loading")
        QApplication.processEvents()
        time.sleep(0.01)


def small_png(widget: QWidget) -> bytes:
    """The widget as it is on screen, 800 pixels wide, in 256 colours."""
    picture = widget.grab().toImage()
    if picture.width() > WIDTH:
        picture = picture.scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    picture.save(buffer, "PNG")
    image = Image.open(io.BytesIO(bytes(data.data()))).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=256, dither=Image.Dither.NONE).save(out, "PNG", optimize=True)
    return out.getvalue()


def main(only: Sequence[str] = ()) -> int:
    """Make every picture, or only those named (e.g. `settings-store`)."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    fonts.install(app)
    fonts.install_remaining()
    for language in ("vi", "en"):
        i18n.set_language(language)
        qt_translations.install(app, language)
        target = ROOT / "resources" / "help" / language / "images"
        target.mkdir(parents=True, exist_ok=True)
        for name, screen in PICTURES.items():
            if only and name not in only:
                continue
            with tempfile.TemporaryDirectory() as scratch:
                context = demo_context(Path(scratch) / "home")
                walk = walk_screens.Walk(context, Path(scratch), wait)
                try:
                    window = walk_screens.SCREENS[screen](walk)
                    if name in PARTS:
                        window = PARTS[name](window, language)
                    walk_screens.settle()
                    path = target / f"{name}.png"
                    path.write_bytes(small_png(window))
                    print(path, path.stat().st_size)  # noqa: T201 (the script's output)
                finally:
                    walk.close()
                    context.workspace.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
