"""While an appraisal is under way, the office's figures change in the assessment editor only with
a reason, as `review points` requires: the editor asks for it, the audit entry keeps it, a
cancelled question stores nothing; the service refuses a change without one, whoever calls it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from assessor_app.domain.errors import InputError
from assessor_app.domain.values import RateValue
from assessor_app.services import appraisal_reasons, appraisals, assessments
from assessor_app.ui.context import UiContext
from assessor_app.ui.editor import saving
from assessor_app.ui.editor.editor_view import DEBOUNCE_MS
from tests.gui.conftest import save_screenshot
from tests.gui.test_editor_support import open_editor, rate_input, select, stored
from tests.gui.test_review_screen import _submit, stores
from tests.integration.test_reports import fill

__all__ = ["stores"]  # the fixture, used by name


def _under_appraisal(office: UiContext, team: UiContext, tmp_path: Path) -> int:
    """The office's review (its own figures) of a team's assessment under appraisal."""
    own = fill(team.workspace, "06400", 2026, kind="team")
    _submit(office, team, tmp_path / "check.ldbundle", own)
    (item,) = appraisals.waiting(office.workspace)
    view = appraisals.start(office.workspace, item.assessment_id)
    assert view.item.review_id is not None
    return view.item.review_id


def _last_audit(context: UiContext, review: int) -> tuple[str, object, object, str]:
    entry = assessments.audit(context.workspace, review).entries[-1]
    return entry.action, entry.old, entry.new, entry.reason


def test_the_editor_asks_the_reason_during_an_appraisal(
    qtbot: QtBot,
    stores: tuple[UiContext, UiContext],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    office, team = stores
    review = _under_appraisal(office, team, tmp_path)
    assert appraisal_reasons.needs_change_reason(office.workspace, review)
    before = stored(office, review)["TC2.1"]
    answers: list[str | None] = [None, "Số liệu của Trạm Y tế xã, đối chiếu ngày 02/12"]
    asked: list[str] = []

    def ask(_editor: object, code: str) -> str | None:
        asked.append(code)
        return answers.pop(0)

    monkeypatch.setattr(saving, "ask_reason", ask)
    editor = open_editor(qtbot, office, review)
    select(editor, "TC2.1")
    rate = rate_input(editor)
    rate.numerator.clear()
    qtbot.keyClicks(rate.numerator, "40")
    qtbot.waitUntil(lambda: asked == ["TC2.1"], timeout=DEBOUNCE_MS * 6)
    office.writes.wait_idle()
    assert stored(office, review)["TC2.1"] == before  # cancelled: nothing stored
    assert rate_input(editor).numerator.text() == str(before.numerator)  # the stored one shown

    rate = rate_input(editor)
    rate.numerator.clear()
    qtbot.keyClicks(rate.numerator, "40")
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=DEBOUNCE_MS * 6)
    qtbot.waitUntil(
        lambda: stored(office, review)["TC2.1"] == RateValue(40, before.denominator),
        timeout=10000,
    )
    action, _old, _new, reason = _last_audit(office, review)
    assert (action, reason) == ("set_value", "Số liệu của Trạm Y tế xã, đối chiếu ngày 02/12")
    save_screenshot(editor, "editor-review-reason")


def test_the_service_refuses_a_change_without_a_reason(
    stores: tuple[UiContext, UiContext], tmp_path: Path
) -> None:
    office, team = stores
    review = _under_appraisal(office, team, tmp_path)
    with pytest.raises(InputError) as refused:
        assessments.set_value(office.workspace, review, "TC2.1", "40/50")
    assert refused.value.code == "REASON_REQUIRED"
    with pytest.raises(InputError):
        assessments.set_value_object(office.workspace, review, "TC2.1", RateValue(40, 50), " ")
    assessments.set_value(office.workspace, review, "TC2.1", "40/50", "Số liệu của xã")
    assert _last_audit(office, review)[3] == "Số liệu của xã"
    # a team's own assessment needs none, as before
    own = assessments.create(team.workspace, "06385", 2026, kind="team")
    assert not appraisal_reasons.needs_change_reason(team.workspace, own.id)
    assessments.set_value(team.workspace, own.id, "TC2.1", "40/50")
