"""Issue 13, "Vietnamese everywhere": catalogue tooltips say the rule and the status in words (no
English working notes), versions and error codes are said in words, keys show agencies by name and
computers by their owner's name, radio labels start with a capital letter."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QRadioButton
from pytestqt.qtbot import QtBot

from assessor_app import i18n
from assessor_app.domain.catalogue import Sector
from assessor_app.domain.errors import InputError
from assessor_app.texts import labels
from assessor_app.ui.bundles.texts import sequences_text
from assessor_app.ui.context import UiContext
from assessor_app.ui.editor.criteria_model import build_rows
from assessor_app.ui.editor.scoring_session import ScoringSession
from assessor_app.ui.errors import message_of
from assessor_app.ui.settings_dialog import SettingsDialog

DEVELOPER_WORDS = re.compile(
    r"otherwise_points|empty_denominator|'max'|Indicator-level|\bNOT VERIFIED"
)


def test_catalogue_tooltips_say_the_rule_in_words(demo_context: UiContext) -> None:
    session = ScoringSession.load(demo_context.workspace, 1, demo_context.profile.name)
    rows = build_rows(session.catalogue, set())
    tips = [row.details for row in rows] + [i.details for row in rows for i in row.indicators]
    assert not [tip for tip in tips if DEVELOPER_WORDS.search(tip)]
    indicator_tips = [i.details for row in rows for i in row.indicators]
    assert all(tip.startswith("Cách chấm: ") for tip in indicator_tips)
    assert any("Tạm tính: đây là cách hiểu của ứng dụng" in tip for tip in indicator_tips)
    assert any("Tỷ lệ tính từ hai số liệu; càng cao càng tốt; tối đa" in t for t in indicator_tips)


def test_a_provisional_version_is_said_in_words() -> None:
    assert labels.catalogue_version("2019.1-provisional", "vi") == "phiên bản tạm thời 2019.1"
    assert labels.catalogue_version("2019.1-provisional", "en") == "provisional version 2019.1"
    assert labels.catalogue_version("2014.2", "vi") == "phiên bản 2014.2"


def test_an_error_code_is_not_inside_the_sentence() -> None:
    text = message_of(InputError("KEY_FINGERPRINT_INVALID", "'{text}' is not a key.", text="x"))
    assert "[" not in text
    sentence, detail = text.split("\n\n")
    assert "KEY_FINGERPRINT_INVALID" not in sentence
    assert detail == "Mã lỗi: KEY_FINGERPRINT_INVALID"


def test_computers_and_agencies_by_name() -> None:
    device = "897cbd0d-1111-2222-3333-444455556666"
    other = "12345678-aaaa-bbbb-cccc-ddddeeeeffff"
    text = sequences_text({device: 3, other: 1}, device, "Hoàng Thị Lan")
    assert text.splitlines() == ["máy 12345678: số 1", "máy của Hoàng Thị Lan: số 3"]
    assert labels.sector(Sector.HEALTH.value, i18n.language()) == "Y tế"
    assert labels.sector("Sở Y tế Lạng Sơn", i18n.language()) == "Sở Y tế Lạng Sơn"  # a name


def test_radio_labels_start_with_a_capital(qtbot: QtBot, ui_context: UiContext) -> None:
    dialog = SettingsDialog(ui_context)
    qtbot.addWidget(dialog)
    texts = [button.text().replace("&", "") for button in dialog.findChildren(QRadioButton)]
    assert texts
    assert all(text[:1].isupper() for text in texts), texts
