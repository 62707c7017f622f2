"""`assessor-app` with no command opens the GUI; any command goes to the command line."""

from __future__ import annotations

import pytest

from assessor_app.app import _gui_request


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (True, None, None)),
        (["gui"], (True, None, None)),
        (["--home", "/tmp/x"], (True, "/tmp/x", None)),
        (["gui", "--lang", "en", "--home=/d"], (True, "/d", "en")),
        (["--lang", "en", "gui"], (True, None, "en")),
        (["init"], (False, None, None)),
        (["--lang", "en", "assessment", "list"], (False, None, None)),
        (["--help"], (False, None, None)),
        (["--home"], (False, None, None)),
    ],
)
def test_gui_or_command_line(
    argv: list[str], expected: tuple[bool, str | None, str | None]
) -> None:
    assert _gui_request(argv) == expected
