"""The path code with the paths officials' laptops have: Windows drive letters and backslashes,
Vietnamese user names, Documents redirected to OneDrive, a data folder moved to another drive.
Pure paths, so these cases run on any system."""

from __future__ import annotations

from pathlib import PurePath, PurePosixPath, PureWindowsPath

import pytest

from assessor_app.paths import from_stored_form, stored_form
from assessor_app.ui.evidence.viewing import safe_filename

HOME = PureWindowsPath(r"C:\Users\Nguyễn Thị Hương\AppData\Local\assessor-app")
ONEDRIVE = PureWindowsPath(r"C:\Users\Lò Văn Páo\OneDrive - UBND tỉnh Lạng Sơn\Tài liệu\Đánh giá")


@pytest.mark.parametrize(
    ("path", "home", "stored"),
    [
        (HOME / "quarantine" / "gói-06385.ldbundle", HOME, "quarantine/gói-06385.ldbundle"),
        (  # Windows names ignore case: the same folder typed another way
            PureWindowsPath(
                r"c:\users\nguyễn thị hương\appdata\local\assessor-app\receipts\r.json"
            ),
            HOME,
            "receipts/r.json",
        ),
        (ONEDRIVE / "quarantine" / "a.ldbundle", ONEDRIVE, "quarantine/a.ldbundle"),
        (  # outside the data home (a USB stick): kept absolute, as given
            PureWindowsPath(r"E:\Gửi tỉnh\hồ-sơ.ldbundle"),
            HOME,
            r"E:\Gửi tỉnh\hồ-sơ.ldbundle",
        ),
        (
            PurePosixPath("/home/huong/.local/share/assessor-app/quarantine/a.ldbundle"),
            PurePosixPath("/home/huong/.local/share/assessor-app"),
            "quarantine/a.ldbundle",
        ),
    ],
)
def test_paths_inside_the_data_home_are_stored_relative(
    path: PurePath, home: PurePath, stored: str
) -> None:
    assert stored_form(path, home) == stored


def test_a_moved_data_folder_still_finds_its_files() -> None:
    stored = stored_form(HOME / "quarantine" / "gói.ldbundle", HOME)
    moved = PureWindowsPath(r"D:\Dữ liệu\assessor-app")
    assert from_stored_form(stored, moved) == moved / "quarantine" / "gói.ldbundle"
    assert (
        str(from_stored_form(stored, moved)) == r"D:\Dữ liệu\assessor-app\quarantine\gói.ldbundle"
    )
    outside = r"E:\Gửi tỉnh\hồ-sơ.ldbundle"
    assert from_stored_form(outside, moved) == PureWindowsPath(outside)


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("Biên bản: họp/hội đồng?.pdf", "Biên bản_ họp_hội đồng_.pdf"),
        ("CON.txt", "evidence-CON.txt"),
        ("lpt1", "evidence-lpt1"),
        ("ảnh chụp. ", "ảnh chụp"),
        ('a<b>c|d*e"f', "a_b_c_d_e_f"),
    ],
)
def test_file_names_are_safe_on_windows(name: str, safe: str) -> None:
    assert safe_filename(name) == safe
