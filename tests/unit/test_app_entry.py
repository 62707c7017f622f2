"""`assessor-app` with no command opens the GUI; any command goes to the command line."""

from __future__ import annotations

import pytest

from assessor_app.app import GuiRequest, _gui_request


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], GuiRequest()),
        (["gui"], GuiRequest()),
        (["--home", "/tmp/x"], GuiRequest("/tmp/x")),
        (["gui", "--lang", "en", "--home=/d"], GuiRequest("/d", "en")),
        (["--lang", "en", "gui"], GuiRequest(None, "en")),
        (["E:\\Gửi tỉnh\\Hữu Liên.ldbundle"], GuiRequest(bundle="E:\\Gửi tỉnh\\Hữu Liên.ldbundle")),
        (
            ["gui", "/media/usb/A.LDBUNDLE", "--lang", "vi"],
            GuiRequest(None, "vi", "/media/usb/A.LDBUNDLE"),
        ),
        (["init"], None),
        (["import", "a.ldbundle"], None),
        (["a.ldbundle", "b.ldbundle"], None),
        (["--lang", "en", "assessment", "list"], None),
        (["--help"], None),
        (["--home"], None),
    ],
)
def test_gui_or_command_line(argv: list[str], expected: GuiRequest | None) -> None:
    assert _gui_request(argv) == expected
