"""Thumbnails of evidence images, read on worker threads and cached by content hash.

Evidence files are named by their SHA-256, so a thumbnail never goes stale: the cache is keyed by
hash. Images are decoded at thumbnail size where the format allows it (`QImageReader.setScaledSize`,
which JPEG decodes cheaply), always off the GUI thread, so a 40-megapixel photo never freezes the UI.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QMimeDatabase, QObject, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from assessor_app.core.progress import Cancelled, Progress
from assessor_app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

THUMBNAIL_EDGE = 64  # logical pixels
MAX_BYTES = 512 * 1024 * 1024  # larger "images" are not decoded at all (fallback icon)


def read_thumbnail(path: Path, edge: int) -> QImage | None:
    """The image at `path` scaled to fit `edge`×`edge`, or None when it is not a readable image.

    Safe on any thread (QImage and QImageReader are reentrant; QPixmap is not, so none is made here).
    """
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
    except OSError:
        return None
    reader = QImageReader(str(path))
    reader.setDecideFormatFromContent(True)  # stored files have no extension
    reader.setAutoTransform(True)  # phone photos: honour the EXIF orientation
    if not reader.canRead():
        return None
    size = reader.size()
    if size.isValid() and (size.width() > edge or size.height() > edge):
        reader.setScaledSize(size.scaled(edge, edge, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        log.info("no thumbnail for %s: %s", path.name, reader.errorString())
        return None
    if image.width() > edge or image.height() > edge:  # a format that cannot scale while reading
        image = image.scaled(
            edge,
            edge,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return image


class ThumbnailLoader(QObject):
    """Loads thumbnails on demand; `ready(sha256)` fires on the GUI thread when one is known."""

    ready = Signal(str)

    def __init__(self, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.edge = THUMBNAIL_EDGE
        self._cache: dict[str, QPixmap | None] = {}  # None: known not to be an image
        self._pending: set[str] = set()

    def known(self, sha256: str) -> bool:
        return sha256 in self._cache

    def thumbnail(self, sha256: str) -> QPixmap | None:
        return self._cache.get(sha256)

    def request(
        self, sha256: str, path: Path | Callable[[], Path], device_pixel_ratio: float = 1.0
    ) -> None:
        """Start loading unless it is cached or on its way; never blocks. `path` may be a function
        giving it, called on the worker (a server store's file is fetched into the cache first)."""
        if sha256 in self._cache or sha256 in self._pending:
            return
        self._pending.add(sha256)
        ratio = max(device_pixel_ratio, 1.0)
        edge = round(self.edge * ratio)  # text-layer: pixels, not a number shown

        def work(progress: Progress, cancelled: Cancelled) -> QImage | None:
            if cancelled():
                return None
            return read_thumbnail(path() if callable(path) else path, edge)

        def done(image: QImage | None) -> None:
            if not shiboken6.isValid(self):  # the panel went away meanwhile
                return
            self._pending.discard(sha256)
            if image is None:
                self._cache[sha256] = None
            else:
                pixmap = QPixmap.fromImage(image)
                pixmap.setDevicePixelRatio(ratio)
                self._cache[sha256] = pixmap
            self.ready.emit(sha256)

        def failed(error: BaseException) -> None:  # a thumbnail is not worth an error dialog
            log.warning("thumbnail of %s failed: %r", sha256, error)
            if shiboken6.isValid(self):
                self._pending.discard(sha256)
                self._cache[sha256] = None
                self.ready.emit(sha256)

        self.tasks.run(work, done, on_error=failed)


def file_icon(filename: str) -> QIcon:
    """An icon for a file that has no thumbnail: the theme's icon for its type, else a plain file."""
    mime = QMimeDatabase().mimeTypeForFile(filename, QMimeDatabase.MatchMode.MatchExtension)
    style = QApplication.style()
    fallback = style.standardIcon(QStyle.StandardPixmap.SP_FileIcon)
    icon = QIcon.fromTheme(mime.iconName(), QIcon.fromTheme(mime.genericIconName(), fallback))
    return icon if not icon.isNull() else fallback


def thumbnail_size() -> QSize:
    return QSize(THUMBNAIL_EDGE, THUMBNAIL_EDGE)
