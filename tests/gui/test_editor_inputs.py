"""Bad input in each field: an inline (red, accessible) message under the field, and nothing stored."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from assessor_app import i18n
from assessor_app.domain.errors import InputError
from assessor_app.domain.values import RateValue
from assessor_app.services import assessments
from assessor_app.ui.context import UiContext
from assessor_app.ui.editor.editor_view import DEBOUNCE_MS, AssessmentEditor
from assessor_app.ui.editor.field_message import ERROR_COLOUR, FieldMessage
from assessor_app.ui.editor.value_inputs import CountInput, ManualInput, RateInput
from tests.gui.test_editor_support import (
    count_input,
    manual_input,
    open_editor,
    rate_input,
    select,
    stored,
    type_text,
)

Typing = Callable[[QtBot, AssessmentEditor], tuple[QWidget, FieldMessage]]


def _letters_in_numerator(qtbot: QtBot, editor: AssessmentEditor) -> tuple[QWidget, FieldMessage]:
    rate = rate_input(editor)
    qtbot.keyClicks(rate.numerator, "4a")
    qtbot.keyClicks(rate.denominator, "50")
    return rate.numerator, rate.messages["numerator"]


def _letters_in_denominator(qtbot: QtBot, editor: AssessmentEditor) -> tuple[QWidget, FieldMessage]:
    rate = rate_input(editor)
    qtbot.keyClicks(rate.numerator, "45")
    type_text(rate.denominator, "năm")
    return rate.denominator, rate.messages["denominator"]


def _numerator_above_denominator(
    qtbot: QtBot, editor: AssessmentEditor
) -> tuple[QWidget, FieldMessage]:
    rate = rate_input(editor)
    qtbot.keyClicks(rate.numerator, "51")
    qtbot.keyClicks(rate.denominator, "50")
    return rate.denominator, rate.messages["denominator"]


def _zero_denominator(qtbot: QtBot, editor: AssessmentEditor) -> tuple[QWidget, FieldMessage]:
    rate = rate_input(editor)  # births: the figure must exist
    qtbot.keyClicks(rate.numerator, "0")
    qtbot.keyClicks(rate.denominator, "0")
    return rate.denominator, rate.messages["denominator"]


def _spaces_inside_a_number(qtbot: QtBot, editor: AssessmentEditor) -> tuple[QWidget, FieldMessage]:
    rate = rate_input(editor)
    qtbot.keyClicks(rate.numerator, "4 5")
    qtbot.keyClicks(rate.denominator, "50")
    return rate.numerator, rate.messages["numerator"]


def _negative_count(qtbot: QtBot, editor: AssessmentEditor) -> tuple[QWidget, FieldMessage]:
    count = count_input(editor)
    qtbot.keyClicks(count.count, "-2")
    return count.count, count.messages["count"]


def _letters_in_count(qtbot: QtBot, editor: AssessmentEditor) -> tuple[QWidget, FieldMessage]:
    count = count_input(editor)
    qtbot.keyClicks(count.count, "hai")
    return count.count, count.messages["count"]


def _points_above_max(qtbot: QtBot, editor: AssessmentEditor) -> tuple[QWidget, FieldMessage]:
    manual = manual_input(editor)
    type_text(manual.justification, "Đã kiểm tra hồ sơ diễn đàn trẻ em")
    qtbot.keyClicks(manual.points, "80")
    return manual.points, manual.messages["points"]


def _missing_justification(qtbot: QtBot, editor: AssessmentEditor) -> tuple[QWidget, FieldMessage]:
    manual = manual_input(editor)
    qtbot.keyClicks(manual.points, "60")
    return manual.justification, manual.messages["justification"]


def _letters_in_points(qtbot: QtBot, editor: AssessmentEditor) -> tuple[QWidget, FieldMessage]:
    manual = manual_input(editor)
    type_text(manual.justification, "Có điểm vui chơi")
    qtbot.keyClicks(manual.points, "sixty")
    return manual.points, manual.messages["points"]


QD06 = ("06400", 2026)
QD34 = ("06385", 2016)
CASES = [
    pytest.param(QD06, "TC2.1", _letters_in_numerator, "VAL_NOT_A_NUMBER", id="letters-numerator"),
    pytest.param(
        QD06, "TC2.1", _letters_in_denominator, "VAL_NOT_A_NUMBER", id="letters-denominator"
    ),
    pytest.param(
        QD06,
        "TC2.1",
        _numerator_above_denominator,
        "VAL_NUMERATOR_ABOVE_DENOMINATOR",
        id="numerator-above-denominator",
    ),
    pytest.param(QD06, "TC2.1", _zero_denominator, "VAL_ZERO_DENOMINATOR", id="zero-denominator"),
    pytest.param(QD06, "TC2.1", _spaces_inside_a_number, "", id="space-inside-number"),
    pytest.param(QD34, "TC4.1", _negative_count, "VAL_NEGATIVE", id="negative-count"),
    pytest.param(QD34, "TC4.1", _letters_in_count, "VAL_NOT_A_NUMBER", id="letters-count"),
    pytest.param(
        QD06, "TC11.1", _points_above_max, "VAL_POINTS_OUT_OF_RANGE", id="points-above-max"
    ),
    pytest.param(
        QD06,
        "TC11.1",
        _missing_justification,
        "VAL_JUSTIFICATION_REQUIRED",
        id="missing-justification",
    ),
    pytest.param(QD06, "TC11.1", _letters_in_points, "VAL_NOT_A_NUMBER", id="letters-points"),
]


def _service_error(editor: AssessmentEditor, code: str) -> InputError:
    """What `parse_value` says about the figures now in the widgets."""
    value_input = editor.panel.input
    text, justification = "", ""
    if isinstance(value_input, RateInput):
        text = f"{value_input.numerator.text()}/{value_input.denominator.text()}"
    elif isinstance(value_input, CountInput):
        text = value_input.count.text()
    else:
        assert isinstance(value_input, ManualInput)
        text = f"points={value_input.points.text()}"
        justification = value_input.justification.toPlainText()
    with pytest.raises(InputError) as caught:
        assessments.parse_value(editor.session.catalogue, code, text, justification)
    return caught.value


@pytest.mark.parametrize(("unit", "code", "typing", "error_code"), CASES)
def test_bad_input_shows_an_inline_message_and_stores_nothing(
    qtbot: QtBot,
    ui_context: UiContext,
    unit: tuple[str, int],
    code: str,
    typing: Typing,
    error_code: str,
) -> None:
    created = assessments.create(ui_context.workspace, *unit)
    editor = open_editor(qtbot, ui_context, created.id)
    select(editor, code)
    field, message = typing(qtbot, editor)
    assert message.isVisible()
    assert message.kind == "error"
    assert ERROR_COLOUR in message.styleSheet()
    assert message.text()
    assert field.accessibleDescription() == message.text()  # announced by screen readers
    if error_code:  # the service's own message, in the user's language
        error = _service_error(editor, code)
        assert error.code == error_code
        assert i18n.render(error) in message.text()
    assert "—" in editor.panel.points_label.text()  # no points for an invalid figure
    qtbot.wait(DEBOUNCE_MS + 200)  # the pause that would store a valid figure
    editor.flush()
    editor.commit_current()
    assert stored(ui_context, created.id) == {}
    assert [e.action for e in assessments.audit(ui_context.workspace, created.id).entries] == [
        "create",
        "add_member",  # its creator joined its team (services/team.py)
    ]
    assert editor.undo_stack.count() == 0
    assert ui_context.errors.shown == []


def test_bad_input_keeps_the_stored_value_and_correcting_it_stores(
    qtbot: QtBot, ui_context: UiContext
) -> None:
    created = assessments.create(ui_context.workspace, "06400", 2026)
    assessments.set_value(ui_context.workspace, created.id, "TC2.1", "45/50")
    editor = open_editor(qtbot, ui_context, created.id)
    select(editor, "TC2.1")
    rate = rate_input(editor)
    assert (rate.numerator.text(), rate.denominator.text()) == ("45", "50")
    rate.numerator.selectAll()
    qtbot.keyClicks(rate.numerator, "x")
    assert rate.messages["numerator"].isVisible()
    assert (
        "45 / 1.000 điểm" in editor.header.score_label.text()
    )  # the verdict uses the stored figure
    editor.flush()
    assert stored(ui_context, created.id) == {"TC2.1": RateValue(45, 50)}
    select(editor, "TC2")  # leaving the bad input: not stored, and the header says so
    assert editor.header.invalid_label.isVisible()
    assert editor.header.invalid_label.text() == ("Chưa lưu: số liệu nhập cho TC2.1 không hợp lệ.")
    assert stored(ui_context, created.id) == {"TC2.1": RateValue(45, 50)}
    select(editor, "TC2.1")
    rate = rate_input(editor)
    assert rate.numerator.text() == "x"  # what was typed, not silently dropped
    assert rate.messages["numerator"].isVisible()
    assert rate.messages["numerator"].kind == "error"
    assert "—" in editor.panel.points_label.text()
    rate.numerator.selectAll()
    qtbot.keyClicks(rate.numerator, "49")
    assert not rate.messages["numerator"].isVisible()
    assert rate.numerator.accessibleDescription() == ""
    assert not editor.header.invalid_label.isVisible()  # corrected: no longer said
    editor.flush()
    assert stored(ui_context, created.id) == {"TC2.1": RateValue(49, 50)}


def test_letters_in_a_numerator_are_flagged_before_the_denominator(
    qtbot: QtBot, ui_context: UiContext
) -> None:
    created = assessments.create(ui_context.workspace, "06400", 2026)
    editor = open_editor(qtbot, ui_context, created.id)
    select(editor, "TC2.1")
    rate = rate_input(editor)
    qtbot.keyClicks(rate.numerator, "4a")
    message = rate.messages["numerator"]
    assert message.isVisible()
    assert message.kind == "error"
    assert "tử số" in message.text()
    assert "'4a'" in message.text()
    assert not rate.messages["denominator"].isVisible()
    assert "—" in editor.panel.points_label.text()
    rate.numerator.clear()
    qtbot.keyClicks(rate.numerator, "4")  # a good figure alone: the calm hint again
    assert not message.isVisible()
    assert rate.messages["denominator"].kind == "hint"
    rate.numerator.clear()
    qtbot.keyClicks(rate.denominator, "5 0")  # the denominator alone, likewise
    assert rate.messages["denominator"].kind == "error"
    editor.flush()
    assert stored(ui_context, created.id) == {}


def test_the_header_message_clears_when_bad_input_is_taken_back_or_replaced(
    qtbot: QtBot, ui_context: UiContext
) -> None:
    created = assessments.create(ui_context.workspace, "06400", 2026)
    assessments.set_value(ui_context.workspace, created.id, "TC2.1", "45/50")
    editor = open_editor(qtbot, ui_context, created.id)
    select(editor, "TC2.1")
    rate = rate_input(editor)
    rate.numerator.selectAll()
    qtbot.keyClicks(rate.numerator, "4x")
    select(editor, "TC3.1")
    assert editor.header.invalid_label.isVisible()
    select(editor, "TC2.1")
    rate = rate_input(editor)
    rate.numerator.selectAll()
    qtbot.keyClicks(rate.numerator, "45")  # back to the stored figure: nothing to say
    select(editor, "TC3.1")
    assert not editor.header.invalid_label.isVisible()
    assert rate_input(editor) is not rate
    # Bad input replaced by a stored change (here: made by the command line meanwhile).
    select(editor, "TC2.1")
    rate = rate_input(editor)
    rate.numerator.selectAll()
    qtbot.keyClicks(rate.numerator, "4x")
    select(editor, "TC3.1")
    assert editor.header.invalid_label.isVisible()
    assessments.set_value(ui_context.workspace, created.id, "TC2.1", "48/50")
    ui_context.assessment_changed.emit(created.id)
    assert not editor.header.invalid_label.isVisible()
    select(editor, "TC2.1")
    assert rate_input(editor).numerator.text() == "48"


def test_half_typed_rate_is_a_hint_not_an_error(qtbot: QtBot, ui_context: UiContext) -> None:
    created = assessments.create(ui_context.workspace, "06400", 2026)
    editor = open_editor(qtbot, ui_context, created.id)
    select(editor, "TC2.1")
    rate = rate_input(editor)
    qtbot.keyClicks(rate.numerator, "49")
    message = rate.messages["denominator"]
    assert message.isVisible()
    assert message.kind == "hint"
    assert ERROR_COLOUR not in message.styleSheet()
    editor.flush()
    assert stored(ui_context, created.id) == {}
