"""Composition root: `assessor-app` starts here. Nothing imports this module.

With no command (or `gui`) it opens the desktop app; `check-gui` opens and closes its window (a
check for installers and support); any other command is the command line.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

GUI_OPTIONS = {"--home", "--lang", "--user"}
BUNDLE_SUFFIX = ".ldbundle"  # a double-clicked bundle opens the app's import wizard with it


@dataclass(frozen=True)
class GuiRequest:
    home: str | None = None
    language: str | None = None
    bundle: str | None = None  # a bundle file to import


def _is_bundle(argument: str) -> bool:
    return argument.lower().endswith(BUNDLE_SUFFIX) and not argument.startswith("-")


def _gui_request(arguments: list[str]) -> GuiRequest | None:
    """What `assessor-app [gui] [--home DIR] [--lang L] [FILE.ldbundle]` asks of the desktop app;
    None for a command of the command line."""
    rest = [a for a in arguments if a != "gui"]
    first = arguments[0] if arguments else ""
    if (
        len(rest) == len(arguments)
        and first
        and not first.startswith("--")
        and not _is_bundle(first)
    ):
        return None
    options: dict[str, str] = {}
    bundles = [a for a in rest if _is_bundle(a)]
    rest = [a for a in rest if not _is_bundle(a)]
    if len(bundles) > 1:
        return None  # one bundle at a time: the command line says what is wrong
    index = 0
    while index < len(rest):
        key, _sep, value = rest[index].partition("=")
        if key not in GUI_OPTIONS:
            return None
        if not value:
            if index + 1 >= len(rest):
                return None
            value = rest[index + 1]
            index += 1
        options[key] = value
        index += 1
    return GuiRequest(options.get("--home"), options.get("--lang"), bundles[0] if bundles else None)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["check-gui"]:  # open and close the window (installers, support)
        checked = _gui_request(arguments[1:]) or GuiRequest()
        from assessor_app.ui.check import check_gui

        return check_gui(checked.home, checked.language)
    request = _gui_request(arguments)
    if request is not None:
        from assessor_app.ui.application import run_gui  # Qt is loaded only for the GUI

        return run_gui(request.home, request.language, request.bundle)
    from assessor_app.cli.main import run  # the command line's parser: not for the GUI

    return run(arguments)


if __name__ == "__main__":
    sys.exit(main())
