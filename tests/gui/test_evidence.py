"""The evidence panel: attach (button, drag and drop) on a worker thread, thumbnails, captions,
removal with a reason, cancel, opening a copy, and the read-only state of a finalised assessment."""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QIcon, QImage, QPainter, QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from assessor_app.services import assessments, notes
from assessor_app.services.records import EvidenceRecord
from assessor_app.ui.context import UiContext
from assessor_app.ui.evidence.evidence_panel import AttachOutcome, EvidencePanel
from assessor_app.ui.evidence.remove_dialog import RemoveEvidenceDialog
from assessor_app.ui.evidence.thumbnails import THUMBNAIL_EDGE, read_thumbnail
from assessor_app.ui.evidence.viewing import safe_filename
from assessor_app.ui.tasks import Task
from tests.gui.conftest import save_screenshot

INDICATOR = "TC7.1"


@pytest.fixture(autouse=True)
def _private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opened copies go to the test's own folder, not the machine's temporary folder."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))


@pytest.fixture
def draft(ui_context: UiContext) -> int:
    return assessments.create(ui_context.workspace, "06400", 2026).id


def make_png(path: Path, width: int = 1600, height: int = 1200) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#2e7d32"))
    painter = QPainter(image)
    painter.fillRect(width // 4, height // 4, width // 2, height // 2, QColor("#fdd835"))
    painter.end()
    assert image.save(str(path))
    return path


def make_pdf(path: Path, size: int = 60_000) -> Path:
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + os.urandom(size) + b"\n%%EOF\n")
    return path


def stored_files(context: UiContext) -> list[Path]:
    root = context.workspace.home.evidence
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def evidence_of(context: UiContext, assessment_id: int) -> list[EvidenceRecord]:
    detail = assessments.detail(context.workspace, assessment_id)
    return [e for e in detail.evidence if e.indicator == INDICATOR]


def make_panel(
    qtbot: QtBot, context: UiContext, assessment_id: int, editable: bool = True
) -> EvidencePanel:
    panel = EvidencePanel(context)
    qtbot.addWidget(panel)
    panel.set_target(assessment_id, INDICATOR, editable)
    return panel


def wait(qtbot: QtBot, task: Task | None) -> None:
    assert task is not None
    qtbot.waitUntil(lambda: task.done, timeout=10_000)


def attach(qtbot: QtBot, panel: EvidencePanel, *paths: Path) -> None:
    with qtbot.waitSignal(panel.context.assessment_changed, timeout=10_000):
        task = panel.attach_files(list(paths))
        wait(qtbot, task)


def test_attach_lists_files_with_a_thumbnail_and_stores_content_once(
    qtbot: QtBot, ui_context: UiContext, draft: int, tmp_path: Path
) -> None:
    png = make_png(tmp_path / "Ảnh sổ tiêm chủng.png")
    pdf = make_pdf(tmp_path / "Biên bản kiểm tra.pdf")
    panel = make_panel(qtbot, ui_context, draft)
    panel.show()
    assert panel.model.rowCount() == 0
    assert panel.stack.currentWidget() is panel.placeholder

    attach(qtbot, panel, png, pdf)
    assert ui_context.errors.shown == []
    model = panel.model
    assert [r.filename for r in model.records] == ["Ảnh sổ tiêm chủng.png", "Biên bản kiểm tra.pdf"]
    assert panel.stack.currentWidget() is panel.list
    assert [r.filename for r in evidence_of(ui_context, draft)] == [
        "Ảnh sổ tiêm chủng.png",
        "Biên bản kiểm tra.pdf",
    ]
    assert len(stored_files(ui_context)) == 2
    image, document = model.records
    assert image.size == png.stat().st_size

    for row in range(2):  # what a view does when it paints: asks for the decoration
        model.data(model.index(row, 0), Qt.ItemDataRole.DecorationRole)
    qtbot.waitUntil(
        lambda: panel.thumbnails.known(image.sha256) and panel.thumbnails.known(document.sha256)
    )
    thumbnail = model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole)
    assert isinstance(thumbnail, QPixmap)
    assert not thumbnail.isNull()
    logical = thumbnail.deviceIndependentSize()
    assert max(logical.width(), logical.height()) == pytest.approx(THUMBNAIL_EDGE, abs=1)
    assert thumbnail.toImage().pixelColor(
        thumbnail.width() // 2, thumbnail.height() // 2
    ) == QColor("#fdd835")
    assert isinstance(model.data(model.index(1, 0), Qt.ItemDataRole.DecorationRole), QIcon)
    assert panel.thumbnails.thumbnail(document.sha256) is None

    # The same content again (under another name): a second link, still one stored file.
    copy = tmp_path / "bản sao.png"
    copy.write_bytes(png.read_bytes())
    attach(qtbot, panel, copy)
    assert model.rowCount() == 3
    assert model.records[2].sha256 == image.sha256
    assert len(stored_files(ui_context)) == 2
    assert panel.current_record() == model.records[2]  # the new file is selected


def test_model_passes_the_model_tester(
    qtbot: QtBot, ui_context: UiContext, draft: int, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    panel = make_panel(qtbot, ui_context, draft)
    attach(qtbot, panel, make_png(tmp_path / "a.png", 40, 30), make_pdf(tmp_path / "b.pdf"))
    qtmodeltester.check(panel.model)  # type: ignore[no-untyped-call]


def test_caption_edited_inline_and_in_the_field_is_stored_and_audited(
    qtbot: QtBot, ui_context: UiContext, draft: int, tmp_path: Path
) -> None:
    panel = make_panel(qtbot, ui_context, draft)
    attach(qtbot, panel, make_pdf(tmp_path / "Biên bản.pdf"))
    record = panel.model.records[0]

    with qtbot.waitSignal(ui_context.assessment_changed):
        assert panel.model.setData(panel.model.index(0, 0), "  Biên bản   họp ban chỉ đạo ")
    assert evidence_of(ui_context, draft)[0].caption == "Biên bản họp ban chỉ đạo"
    assert panel.model.records[0].caption == "Biên bản họp ban chỉ đạo"
    assert panel.caption_edit.text() == "Biên bản họp ban chỉ đạo"
    entry = assessments.audit(ui_context.workspace, draft).entries[-1]
    assert (entry.action, entry.old, entry.new) == (
        "caption_evidence",
        "",
        "Biên bản họp ban chỉ đạo",
    )

    panel.show()
    panel.caption_edit.setFocus()
    panel.caption_edit.selectAll()
    panel.caption_edit.insert("Sổ theo dõi tiêm chủng")  # typed (QTest cannot type Vietnamese)
    QTest.keyClick(panel.caption_edit, Qt.Key.Key_Return)
    assert evidence_of(ui_context, draft)[0].caption == "Sổ theo dõi tiêm chủng"
    assert (
        assessments.audit(ui_context.workspace, draft).entries[-1].new == "Sổ theo dõi tiêm chủng"
    )
    assert panel.model.records[0].id == record.id


def test_remove_asks_a_reason_and_is_audited(
    qtbot: QtBot, ui_context: UiContext, draft: int, tmp_path: Path
) -> None:
    panel = make_panel(qtbot, ui_context, draft)
    attach(qtbot, panel, make_pdf(tmp_path / "một.pdf"), make_pdf(tmp_path / "hai.pdf"))
    panel.select(panel.model.records[0].id)
    asked: list[EvidenceRecord] = []

    def decline(record: EvidenceRecord) -> str | None:
        asked.append(record)
        return None

    panel.ask_removal_reason = decline
    panel.show()
    panel.list.setFocus()
    QTest.keyClick(panel.list, Qt.Key.Key_Delete)  # Delete asks; cancelling changes nothing
    assert [r.filename for r in asked] == ["một.pdf"]
    assert len(evidence_of(ui_context, draft)) == 2

    panel.ask_removal_reason = lambda record: "Ảnh chụp nhầm hồ sơ"
    with qtbot.waitSignal(ui_context.assessment_changed):
        QTest.keyClick(panel.list, Qt.Key.Key_Delete)
    assert [r.filename for r in evidence_of(ui_context, draft)] == ["hai.pdf"]
    assert [r.filename for r in panel.model.records] == ["hai.pdf"]
    entry = assessments.audit(ui_context.workspace, draft).entries[-1]
    assert entry.action == "remove_evidence"
    assert entry.reason == "Ảnh chụp nhầm hồ sơ"
    assert entry.old["filename"] == "một.pdf"
    assert len(stored_files(ui_context)) == 2  # unlinked, not deleted: history still names it
    assert panel.current_record() == panel.model.records[0]


def test_remove_dialog_requires_a_reason(qtbot: QtBot) -> None:
    record = EvidenceRecord(
        1, INDICATOR, "a" * 64, 10, "ảnh.jpg", "", "Lan", "2026-01-01T00:00:00Z"
    )
    dialog = RemoveEvidenceDialog(record)
    qtbot.addWidget(dialog)
    assert not dialog.remove_button.isEnabled()
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    dialog.reason.insert("  trùng   ảnh ")
    assert dialog.remove_button.isEnabled()
    assert dialog.reason_text() == "trùng ảnh"


def test_drag_and_drop_attaches_files(
    qtbot: QtBot, ui_context: UiContext, draft: int, tmp_path: Path
) -> None:
    photo = make_png(tmp_path / "Điểm vui chơi.png", 320, 200)
    panel = make_panel(qtbot, ui_context, draft)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo)), QUrl.fromLocalFile(str(tmp_path))])  # + a folder
    enter = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(panel, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(ui_context.assessment_changed, timeout=10_000):
        QApplication.sendEvent(panel, drop)
        assert drop.isAccepted()
        wait(qtbot, panel.attach_task)
    assert [r.filename for r in evidence_of(ui_context, draft)] == ["Điểm vui chơi.png"]
    assert panel.model.rowCount() == 1

    text_only = QMimeData()
    text_only.setText("not a file")
    refused = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        text_only,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(panel, refused)
    assert not refused.isAccepted()


def test_a_cancelled_attach_leaves_no_file_and_no_record(
    qtbot: QtBot, ui_context: UiContext, draft: int, tmp_path: Path
) -> None:
    big = make_pdf(tmp_path / "Báo cáo lớn.pdf", 3 * 1024 * 1024)
    panel = make_panel(qtbot, ui_context, draft)
    entries = len(assessments.audit(ui_context.workspace, draft).entries)

    # Cancelled before it starts.
    outcome = panel.attach_work([big])(lambda done, total: None, lambda: True)
    assert outcome == AttachOutcome(cancelled=True)

    # Cancelled in the middle of the copy (after the first megabyte).
    progressed: list[int] = []
    outcome = panel.attach_work([big])(
        lambda done, total: progressed.append(done), lambda: bool(progressed)
    )
    assert outcome.cancelled
    assert outcome.attached == []
    assert progressed
    assert stored_files(ui_context) == []  # not even a partial temporary file
    assert evidence_of(ui_context, draft) == []
    assert len(assessments.audit(ui_context.workspace, draft).entries) == entries

    # Cancelled through the task runner, as the progress dialog's Cancel button does.
    pool = ui_context.tasks.pool
    pool.setMaxThreadCount(1)
    release = threading.Event()
    ui_context.tasks.run(lambda progress, cancelled: release.wait(10))
    changes: list[int] = []
    ui_context.assessment_changed.connect(changes.append)
    task = panel.attach_files([big])
    assert task is not None
    task.cancel()
    release.set()
    wait(qtbot, task)
    assert isinstance(task.result, AttachOutcome)
    assert task.result.cancelled
    assert stored_files(ui_context) == []
    assert evidence_of(ui_context, draft) == []
    assert changes == []
    assert ui_context.errors.shown == []


def test_a_missing_file_is_reported_and_the_others_attached(
    qtbot: QtBot, ui_context: UiContext, draft: int, tmp_path: Path
) -> None:
    panel = make_panel(qtbot, ui_context, draft)
    attach(qtbot, panel, tmp_path / "không có.pdf", make_pdf(tmp_path / "có.pdf"))
    assert [r.filename for r in panel.model.records] == ["có.pdf"]
    assert len(ui_context.errors.shown) == 1
    kind, text = ui_context.errors.shown[0]
    assert kind == "expected"
    assert "không có.pdf" in text


def test_open_shows_a_read_only_copy_under_the_original_name(
    qtbot: QtBot, ui_context: UiContext, draft: int, tmp_path: Path
) -> None:
    name = "Biên bản: họp?.pdf" if os.name != "nt" else "Biên bản họp.pdf"
    pdf = make_pdf(tmp_path / name)
    panel = make_panel(qtbot, ui_context, draft)
    attach(qtbot, panel, pdf)
    opened: list[QUrl] = []

    def viewer(url: QUrl) -> bool:
        opened.append(url)
        return True

    panel.open_url = viewer
    panel.show()
    panel.list.setFocus()
    QTest.keyClick(panel.list, Qt.Key.Key_Return)  # Enter opens
    qtbot.waitUntil(lambda: bool(opened))
    copy = Path(opened[0].toLocalFile())
    assert copy.name == safe_filename(pdf.name)
    assert copy.read_bytes() == pdf.read_bytes()
    assert copy.stat().st_mode & 0o222 == 0  # read-only: edits to the copy would be lost
    assert copy.is_relative_to(tempfile.gettempdir())

    panel.open_url = lambda url: False  # no program for this type
    wait(qtbot, panel.open_selected())
    assert "EVIDENCE_NO_VIEWER" in ui_context.errors.shown[-1][1]


def test_a_file_is_fetched_from_the_store_on_a_worker_never_on_the_gui_thread(
    qtbot: QtBot,
    ui_context: UiContext,
    draft: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a server store, `readable_path` brings the file over the network into the cache: a
    thumbnail or an opened file must never freeze the window while it comes."""
    evidence = ui_context.workspace.evidence
    fetch = evidence.readable_path
    on_gui_thread: list[str] = []

    def watched(sha256: str) -> Path:
        if threading.current_thread() is threading.main_thread():
            on_gui_thread.append(sha256)
        return fetch(sha256)

    monkeypatch.setattr(evidence, "readable_path", watched)
    panel = make_panel(qtbot, ui_context, draft)
    panel.open_url = lambda url: True
    attach(qtbot, panel, make_png(tmp_path / "ảnh.png"))
    model = panel.model
    model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole)
    qtbot.waitUntil(lambda: panel.thumbnails.known(model.records[0].sha256))
    assert isinstance(model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole), QPixmap)
    panel.list.setCurrentIndex(model.index(0, 0))
    wait(qtbot, panel.open_selected())
    assert ui_context.errors.shown == []
    assert on_gui_thread == []


def test_read_only_when_not_editable_or_finalised(
    qtbot: QtBot, ui_context: UiContext, draft: int, tmp_path: Path
) -> None:
    photo = make_png(tmp_path / "ảnh.png", 200, 100)
    notes.attach_evidence(ui_context.workspace, draft, INDICATOR, photo, caption="Ảnh trạm y tế")
    for editable, finalise in ((False, False), (True, True)):
        if finalise:
            assessments.finalize(ui_context.workspace, draft)
        panel = make_panel(qtbot, ui_context, draft, editable=editable)
        panel.show()
        assert not panel.can_edit()
        assert panel.model.rowCount() == 1
        assert not panel.attach_button.isEnabled()
        assert not panel.remove_button.isEnabled()
        assert panel.open_button.isEnabled()
        assert panel.caption_edit.isReadOnly()
        assert panel.readonly_note.isVisible()
        assert not panel.model.flags(panel.model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
        assert not panel.model.setData(panel.model.index(0, 0), "khác")
        assert panel.attach_files([photo]) is None
        panel.ask_removal_reason = lambda record: "lý do"
        assert not panel.remove_selected()
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(photo))])
        enter = QDragEnterEvent(
            QPoint(5, 5),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(panel, enter)
        assert not enter.isAccepted()
        assert evidence_of(ui_context, draft)[0].caption == "Ảnh trạm y tế"
    qtbot.waitUntil(lambda: panel.thumbnails.known(panel.model.records[0].sha256))
    save_screenshot(panel, "evidence-panel-read-only")


def test_sha256_on_demand_and_copy(
    qtbot: QtBot, ui_context: UiContext, draft: int, tmp_path: Path
) -> None:
    panel = make_panel(qtbot, ui_context, draft)
    attach(qtbot, panel, make_pdf(tmp_path / "x.pdf"))
    panel.show()
    assert not panel.sha_label.isVisible()
    panel.sha_toggle.click()
    assert panel.sha_label.isVisible()
    sha = panel.model.records[0].sha256
    assert panel.sha_label.text().replace("\n", "") == sha
    panel.sha_copy.click()
    assert QApplication.clipboard().text() == sha


def test_refreshes_when_another_view_changes_the_assessment(
    qtbot: QtBot, ui_context: UiContext, draft: int, tmp_path: Path
) -> None:
    panel = make_panel(qtbot, ui_context, draft)
    notes.attach_evidence(ui_context.workspace, draft, INDICATOR, make_pdf(tmp_path / "p.pdf"))
    notes.attach_evidence(ui_context.workspace, draft, "TC2.1", make_pdf(tmp_path / "q.pdf"))
    ui_context.assessment_changed.emit(draft)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert panel.model.records[0].filename == "p.pdf"  # only this indicator's files


def test_thumbnail_reader_handles_non_images(tmp_path: Path) -> None:
    assert read_thumbnail(make_pdf(tmp_path / "x.pdf"), 64) is None
    assert read_thumbnail(tmp_path / "missing", 64) is None
    image = read_thumbnail(make_png(tmp_path / "tall.png", 100, 400), 64)
    assert image is not None
    assert (image.width(), image.height()) == (16, 64)
    assert safe_filename("a:b?.pdf") == "a_b_.pdf"
    assert safe_filename("CON.txt") == "evidence-CON.txt"
    assert safe_filename("...") == "evidence"


def test_screenshot(qtbot: QtBot, ui_context: UiContext, draft: int, tmp_path: Path) -> None:
    panel = make_panel(qtbot, ui_context, draft)
    attach(
        qtbot,
        panel,
        make_png(tmp_path / "Ảnh sổ tiêm chủng trạm y tế xã.png"),
        make_pdf(tmp_path / "Biên bản kiểm tra liên ngành.pdf"),
        make_png(tmp_path / "Điểm vui chơi thôn Nà Lừa.png", 900, 1400),
    )
    panel.set_caption(panel.model.records[0].id, "Sổ tiêm chủng mở rộng năm 2026, trang 12–13")
    panel.set_caption(panel.model.records[2].id, "Khu vui chơi tại nhà văn hóa thôn")
    panel.resize(460, 600)
    panel.show()
    qtbot.waitExposed(panel)
    images = [r.sha256 for r in panel.model.records if r.filename.endswith(".png")]
    qtbot.waitUntil(lambda: all(panel.thumbnails.known(sha) for sha in images))
    panel.select(panel.model.records[0].id)
    panel.sha_toggle.setChecked(True)
    qtbot.wait(20)
    save_screenshot(panel, "evidence-panel")

    empty = make_panel(qtbot, ui_context, draft)
    empty.set_target(draft, "TC2.1", True)
    empty.resize(460, 360)
    empty.show()
    qtbot.waitExposed(empty)
    save_screenshot(empty, "evidence-panel-empty")
