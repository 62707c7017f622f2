"""Scope pickers name the areas; the code shows only where two areas share a name."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from assessor_app.ui.scope_names import add_scopes, scope_labels


@dataclass(frozen=True)
class _Scope:
    name: str
    code: str


def test_names_only_when_unique() -> None:
    scopes = [_Scope("Tỉnh Lạng Sơn", "20"), _Scope("Huyện Hữu Lũng", "186")]
    assert scope_labels(scopes) == ["Tỉnh Lạng Sơn", "Huyện Hữu Lũng"]


def test_code_where_a_name_repeats() -> None:
    # e.g. a district and a town of the same name in two provinces' merged list
    scopes = [
        _Scope("Tỉnh Thử Nghiệm", "99"),
        _Scope("Huyện Yên Bình", "101"),
        _Scope("huyện Yên Bình", "202"),
    ]
    assert scope_labels(scopes) == [
        "Tỉnh Thử Nghiệm",
        "Huyện Yên Bình (101)",
        "huyện Yên Bình (202)",
    ]


def test_items_carry_the_code(qtbot: QtBot) -> None:
    box = QComboBox()
    qtbot.addWidget(box)
    add_scopes(box, [_Scope("Tỉnh Lạng Sơn", "20")])
    assert (box.itemText(0), box.itemData(0)) == ("Tỉnh Lạng Sơn", "20")
