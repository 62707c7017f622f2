"""Editor measures (issue 11): a keystroke in a figure until the verdict is repainted, and how long
one saved edit holds the GUI thread.

Runs in one process on the demo store (its draft QĐ 06 assessment), in the real editor widget at
1366×768, offscreen:

- keystroke: one key typed into the numerator of TC2.1 (through Qt's key events, so the input's
  own parsing, the inline message, the live score of the tree, header and verdict all run), until
  the event loop has repainted what changed. Baseline: the verdict alone repainted. Goals: median
  ≤ 8 ms, worst ≤ 16 ms.
- save: the GUI thread's share of storing one edit: putting it on the write queue, then handling
  the store's answer when it comes back (the write itself runs on a worker thread and is not
  counted). Goal ≤ 5 ms.

    python bench/measure_editor.py [--keys N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import Result  # bench/ is not a package: its folder is on the path


def _ms(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _editor(home: Path) -> tuple[Any, Any]:
    from PySide6.QtWidgets import QApplication

    from assessor_app import i18n
    from assessor_app.logs import configure_logging
    from assessor_app.services import demo
    from assessor_app.services.settings import AppSettings
    from assessor_app.services.workspace import open_workspace
    from assessor_app.ui import fonts
    from assessor_app.ui.context import UiContext
    from assessor_app.ui.editor.editor_view import AssessmentEditor
    from assessor_app.ui.errors import ErrorReporter

    app = QApplication.instance() or QApplication(sys.argv[:1])
    fonts.install(app)  # type: ignore[arg-type]
    i18n.set_language("vi")
    workspace = open_workspace(home, actor="Benchmark")
    demo.create_demo(workspace)
    errors = ErrorReporter(configure_logging(home / "logs"))
    errors.modal = False
    context = UiContext(workspace, AppSettings(home=str(home), first_start_done=True), errors)
    editor = AssessmentEditor(context, 2)  # the demo's draft QĐ 06 assessment
    editor.resize(1366, 768)
    editor.show()
    for _ in range(5):
        app.processEvents()
    return app, editor


def keystrokes(editor: Any, app: Any, keys: int) -> tuple[list[float], list[float]]:
    """Times of `keys` keys typed (a digit, then Backspace, alternately) and of bare repaints."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    editor._select("TC2.1")
    app.processEvents()
    field = editor.panel.input.focus_chain()[0]
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, "40")
    app.processEvents()
    typed, bare = [], []
    for index in range(keys):
        key = Qt.Key.Key_Backspace if index % 2 else Qt.Key.Key_1

        def press(key: Qt.Key = key) -> None:
            QTest.keyClick(field, key)
            app.processEvents()  # the updates it asked for: what changed is repainted

        def nothing() -> None:
            editor.verdict.update()  # the verdict alone asks to be repainted
            app.processEvents()

        typed.append(_ms(press))
        bare.append(_ms(nothing))
    editor._save_timer.stop()
    return typed, bare


def saves(editor: Any, app: Any, count: int) -> list[float]:
    """The GUI thread's time per saved edit: queueing it, and handling the store's answer."""
    from assessor_app.domain.values import RateValue

    handled: list[float] = []
    original = editor._stored

    def timed_stored(*args: Any) -> None:
        handled.append(_ms(lambda: original(*args)))

    editor._stored = timed_stored
    queued = []
    for index in range(count):
        editor.panel.input.show_value(RateValue(30 + index % 20, 50))
        editor._input_edited()
        queued.append(_ms(editor.commit_current))
        editor.context.writes.wait_idle()
        app.processEvents()
    return [q + h for q, h in zip(queued, handled, strict=False)]


def measures(pairs: int = 5, keys: int = 41) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="bench-editor-") as folder:
        app, editor = _editor(Path(folder))
        try:
            typed, bare = keystrokes(editor, app, keys)
            saved = saves(editor, app, max(pairs, 5) * 2)
        finally:
            editor.context.writes.wait_idle()
            editor.context.tasks.wait_idle()
            editor.close()
            editor.context.workspace.close()
    repaint = statistics.median(bare)
    return [
        Result(
            "editor: keystroke → verdict repainted (median)",
            "verdict repainted alone",
            statistics.median(typed),
            repaint,
            "≤ 8 ms",
        ),
        Result(
            "editor: keystroke → verdict repainted (worst)",
            "verdict repainted alone",
            max(typed),
            repaint,
            "≤ 16 ms",
        ),
        Result(
            "editor: a saved edit holds the GUI thread (median)",
            "verdict repainted alone",
            statistics.median(saved),
            repaint,
            "≤ 5 ms",
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=41)
    args = parser.parse_args()
    for result in measures(keys=args.keys):
        print(
            f"{result.measure}: {result.median_s * 1000:.1f} ms "
            f"(baseline {result.baseline_median_s * 1000:.1f} ms, goal {result.goal})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
