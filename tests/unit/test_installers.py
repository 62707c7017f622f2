"""The installer definitions that cannot be built here (Windows) or need a desktop (Linux) are
checked as files: what they promise the user is in them."""

from __future__ import annotations

import configparser
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from assessor_app.services.import_hold import BUNDLE_SUFFIX

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
ISS = ROOT / "packaging" / "windows" / "assessor-app.iss"
MIME = "application/x-assessor-bundle"


def test_the_desktop_entry_opens_bundles_with_a_vietnamese_name() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  (keys are case-sensitive)
    entry.read(LINUX / "assessor-app.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Name"] == "Đánh giá xã phù hợp với trẻ em"
    assert desktop["Name[en]"] == "Child-friendly commune assessment"
    assert desktop["Exec"] == "assessor-app gui %f"
    assert desktop["Icon"] == "assessor-app"
    assert MIME in desktop["MimeType"].split(";")
    for size in (16, 32, 48, 256):
        assert (ROOT / "resources" / "icons" / f"assessor-app-{size}.png").is_file()


def test_the_mime_type_names_the_bundle_files() -> None:
    tree = ET.parse(LINUX / "assessor-app-bundle.xml")
    namespace = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = tree.getroot().find("m:mime-type", namespace)
    assert mime is not None
    assert mime.get("type") == MIME
    globs = [g.get("pattern") for g in mime.findall("m:glob", namespace)]
    assert globs == [f"*{BUNDLE_SUFFIX}"]


def test_the_windows_installer_is_per_user_and_leaves_the_data_folder() -> None:
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Inno Setup reads the Vietnamese names
    text = raw.decode("utf-8-sig")
    settings = dict(re.findall(r"^(\w+)=(.*)$", text, re.MULTILINE))
    assert settings["PrivilegesRequired"] == "lowest"
    assert settings["DefaultDirName"] == r"{userpf}\assessor-app"  # not the data folder
    assert settings["ChangesAssociations"] == "yes"
    assert '#define AppName "Đánh giá xã phù hợp với trẻ em"' in text
    assert r'Subkey: "Software\Classes\.ldbundle"' in text
    assert r'ValueData: """{app}\{#AppExe}"" ""%1"""' in text
    assert not re.search(r"^\[UninstallDelete\]", text, re.MULTILINE)
    assert "{userprograms}" in text  # the Start-menu shortcut
