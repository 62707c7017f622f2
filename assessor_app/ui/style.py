"""Small helpers for widget style sheets."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def set_style(widget: QWidget, style: str) -> None:
    """Set `widget`'s style sheet unless it already has it: setting one re-polishes the widget
    and its children, which labels updated at every keystroke would pay each time."""
    if widget.styleSheet() != style:
        widget.setStyleSheet(style)
