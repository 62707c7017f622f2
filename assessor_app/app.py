"""Composition root: `assessor-app` starts here. Nothing imports this module.

With no command (or `gui`) it opens the desktop app; `check-gui` opens and closes its window (a
check for installers and support); any other command is the command line.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from assessor_app.cli.main import run

GUI_OPTIONS = {"--home", "--lang", "--user"}


def _gui_request(arguments: list[str]) -> tuple[bool, str | None, str | None]:
    """(is a GUI start, --home, --lang) for `assessor-app [gui] [--home DIR] [--lang L]`."""
    rest = [a for a in arguments if a != "gui"]
    if len(rest) == len(arguments) and arguments and not arguments[0].startswith("--"):
        return False, None, None
    options: dict[str, str] = {}
    index = 0
    while index < len(rest):
        key, _sep, value = rest[index].partition("=")
        if key not in GUI_OPTIONS:
            return False, None, None
        if not value:
            if index + 1 >= len(rest):
                return False, None, None
            value = rest[index + 1]
            index += 1
        options[key] = value
        index += 1
    return True, options.get("--home"), options.get("--lang")


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["check-gui"]:  # open and close the window (installers, support)
        _is_gui, home, language = _gui_request(arguments[1:])
        from assessor_app.ui.check import check_gui

        return check_gui(home, language)
    is_gui, home, language = _gui_request(arguments)
    if is_gui:
        from assessor_app.ui.application import run_gui  # Qt is loaded only for the GUI

        return run_gui(home, language)
    return run(arguments)


if __name__ == "__main__":
    sys.exit(main())
