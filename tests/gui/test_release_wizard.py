"""The import wizard and a catalogue release of the province (issue 15): the file goes to the
release pages, is checked (signer enrolled as the province's), imported on "Import", and the
version in force is said; a release from a key not enrolled is refused in plain words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assessor_app.services import catalogue_in_force
from assessor_app.ui.bundles.import_wizard import PAGE_RELEASE, PAGE_RELEASE_DONE, ImportWizard
from tests.gui.conftest import save_screenshot
from tests.gui.screen_text import says, visible_texts
from tests.gui.test_bundles_support import Site, site_factory, wait_task
from tests.integration.test_catalogue_release_attacks import province_site, release
from tests.integration.test_import import enrol


@pytest.fixture
def sites(tmp_path: Path, qapp: QApplication) -> Iterator[Site]:
    yield from site_factory(tmp_path)


@pytest.fixture
def release_file(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    province = province_site(tmp_path / "province")
    path = release(province, tmp_path / "USB-bo-tieu-chi.ldbundle", "2026-01-01")
    cards = tmp_path / "cards"
    yield path, cards
    province.close()


def _open(qtbot: QtBot, context: object, path: Path) -> ImportWizard:
    wizard = ImportWizard(context)  # type: ignore[arg-type]
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.choose_file = lambda: str(path)
    wizard.choose()
    wizard.next()
    assert wizard.currentId() == PAGE_RELEASE
    wait_task(qtbot, wizard.release_page.latest)
    return wizard


def test_a_release_is_checked_imported_and_its_version_shown(
    qtbot: QtBot, sites: Site, release_file: tuple[Path, Path], tmp_path: Path
) -> None:
    path, _cards = release_file
    team = sites("team", "Hoàng Thị Lan", passphrase="mật khẩu của đoàn kiểm tra")
    from assessor_app.services.workspace import open_workspace

    province = open_workspace(tmp_path / "province")
    try:
        enrol(team.workspace, province, tmp_path / "cards")
    finally:
        province.close()
    wizard = _open(qtbot, team, path)
    page = wizard.release_page
    assert page.isComplete()
    assert page.banner.kind == "ok"
    assert "QD06-2019" in page.catalogue.text()
    assert "01/01/2026" in page.catalogue.text()
    says(wizard, "Tệp:", "Bộ tiêu chí áp dụng: QD06-2019 phiên bản 2027.1")
    assert not [t for _w, t in visible_texts(wizard) if "Bộ tiêu chí: Bộ tiêu chí" in t]
    # Made from the shipped text, it keeps provisional parts: said in words, not codes.
    warned = page.provisional.text()
    assert "QD06-2019 phiên bản 2027.1 vẫn còn phần tạm tính" in warned
    assert "tiêu chí " in warned
    assert "TC" not in warned
    save_screenshot(wizard, "release-wizard-check")
    wizard.next()  # "Import"
    assert wizard.currentId() == PAGE_RELEASE_DONE
    done = wizard.currentPage().banner.text()
    assert "vẫn còn phần tạm tính" in done
    assert "giữ phiên bản bộ tiêu chí" in done
    assert "“Chuyển sang phiên bản bộ tiêu chí khác…”" in done
    save_screenshot(wizard, "release-wizard-done")
    assert [f.code for f in catalogue_in_force.in_force(team.workspace)] == ["QD06-2019"]


def test_a_release_from_a_key_not_enrolled_is_refused(
    qtbot: QtBot, sites: Site, release_file: tuple[Path, Path]
) -> None:
    path, _cards = release_file
    team = sites("team", "Hoàng Thị Lan", passphrase="mật khẩu của đoàn kiểm tra")
    wizard = _open(qtbot, team, path)
    page = wizard.release_page
    assert not page.isComplete()
    assert page.banner.kind == "error"
    # Said as a release of the province, the code in the tooltip, not in the text.
    assert "[BUNDLE_UNKNOWN_SIGNER]" not in page.banner.text()
    assert "BUNDLE_UNKNOWN_SIGNER" in page.banner.toolTip()
    assert (
        "Tệp phát hành bộ tiêu chí không do khóa của cơ quan cấp tỉnh đã đăng ký tại đây ký; "
        "hãy đăng ký thẻ khóa của Sở với vai trò cơ quan cấp tỉnh." in page.banner.text()
    )
    assert "Gói hồ sơ" not in page.banner.text()
    save_screenshot(wizard, "release-wizard-refused")
    assert catalogue_in_force.in_force(team.workspace) == []


def test_the_version_in_force_is_shown_in_the_list_and_the_new_assessment_dialog(
    qtbot: QtBot, sites: Site, release_file: tuple[Path, Path], tmp_path: Path
) -> None:
    from assessor_app.services.catalogue_release_import import import_release
    from assessor_app.services.workspace import open_workspace
    from assessor_app.ui.assessments.list_view import AssessmentsView
    from assessor_app.ui.assessments.new_assessment_dialog import NewAssessmentDialog

    path, _cards = release_file
    team = sites("team", "Hoàng Thị Lan", passphrase="mật khẩu của đoàn kiểm tra")
    empty = NewAssessmentDialog(team)
    qtbot.addWidget(empty)
    assert not empty.in_force.isVisibleTo(empty)  # nothing released yet: no line
    province = open_workspace(tmp_path / "province")
    try:
        enrol(team.workspace, province, tmp_path / "cards")
    finally:
        province.close()
    import_release(team.workspace, path)
    expected = "Bộ tiêu chí áp dụng: QD06-2019 phiên bản 2027.1 (áp dụng từ 01/01/2026, do Sở Y tế tỉnh Lạng Sơn ban hành)"
    dialog = NewAssessmentDialog(team)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.in_force.text() == expected
    offered = [dialog.catalogue.itemText(i) for i in range(dialog.catalogue.count())]
    assert "QD06-2019, phiên bản 2027.1 — áp dụng từ 01/01/2026, đang áp dụng" in offered
    assert "QD34-2014, phiên bản tạm thời 2014.1" in offered  # never released: no day
    save_screenshot(dialog, "release-new-assessment")
    from assessor_app.services import assessments

    assessments.create(team.workspace, "06385", 2026)
    view = AssessmentsView(team)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.in_force_label.text() == expected, timeout=30000)
    assert view.in_force_label.isVisible()
    # The list names the version each assessment is scored on.
    qtbot.waitUntil(lambda: view.proxy.rowCount() == 1, timeout=30000)
    from assessor_app.ui.assessments.list_model import Column

    shown = view.proxy.index(0, Column.CATALOGUE).data()
    assert shown == "QD06-2019 2027.1"
    save_screenshot(view, "release-assessments-list")
