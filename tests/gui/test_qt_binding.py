"""Guards against a Qt binding that corrupts reference counts.

PySide6 6.12.0 on Python 3.11 returned `None` from void methods without a new reference: every call
took one reference away, and a long session ended in "Fatal Python error: none_dealloc". The pinned
binding must not do that.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel


def test_void_and_bool_methods_keep_reference_counts(qapp: QApplication) -> None:
    label = QLabel()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(1000):
        label.setWordWrap(True)
        label.wordWrap()
    assert sys.getrefcount(None) - none_before > -100
    assert sys.getrefcount(True) - true_before > -100
