"""The editor's item models (criteria tree, rule table) and the band that applies to a figure."""

from __future__ import annotations

from fractions import Fraction

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from assessor_app.domain.catalogue import Catalogue
from assessor_app.domain.scoring import score_indicator
from assessor_app.domain.values import CountValue, RateValue, Value, YesNoValue
from assessor_app.services import assessments
from assessor_app.texts import dates, numbers
from assessor_app.ui.context import UiContext
from assessor_app.ui.editor.band_table import BandModel, band_rows, current_row
from assessor_app.ui.editor.criteria_model import (
    CODE_ROLE,
    POINTS,
    STATUS,
    TITLE,
    CriteriaModel,
    Progress,
    apply_scores,
    build_rows,
)
from assessor_app.ui.editor.scoring_session import ScoringSession
from tests.gui.test_editor_support import open_editor


def _catalogue(context: UiContext, assessment_id: int) -> Catalogue:
    return assessments.detail(context.workspace, assessment_id).catalogue


def test_criteria_model_passes_the_model_tester(
    qtmodeltester: ModelTester, demo_context: UiContext
) -> None:
    session = ScoringSession.load(demo_context.workspace, 1, demo_context.profile.name)
    model = CriteriaModel()
    model.set_rows(build_rows(session.catalogue, session.mine))
    model.update_scores(session.preview(), session.follow_up)
    qtmodeltester.check(model)
    # and while scores change under it
    model.update_scores(session.preview("TC2.1", None), session.follow_up)
    qtmodeltester.check(model)


def test_criteria_model_of_an_open_editor_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, demo_context: UiContext
) -> None:
    editor = open_editor(qtbot, demo_context, 2)
    qtmodeltester.check(editor.tree_model)


def test_tree_rows_mine_first_provisional_marked(demo_context: UiContext) -> None:
    # Demo assessment 1: Hoàng Thị Lan (the profile) answers for the labour / social affairs criteria.
    session = ScoringSession.load(demo_context.workspace, 1, demo_context.profile.name)
    assert session.mine
    model = CriteriaModel()
    model.set_rows(build_rows(session.catalogue, session.mine))
    model.update_scores(session.preview(), session.follow_up)
    first = [model.rows[i].code for i in range(len(session.mine))]
    assert set(first) == session.mine
    assert all(not row.mine for row in model.rows[len(session.mine) :])
    index = model.index(0, TITLE)
    assert model.rows[0].mine
    assert "[" in model.data(index)
    assert "\n" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    tc2 = model.index_of("TC2.1")
    assert model.data(tc2, CODE_ROLE) == "TC2.1"
    assert model.data(tc2, Qt.ItemDataRole.DecorationRole) is not None  # provisional icon
    tooltip = model.data(tc2, Qt.ItemDataRole.ToolTipRole)
    assert "tuvanmienphi" in tooltip  # the source
    tc11 = model.index_of("TC1.1")  # secondary source: no warning icon
    assert model.data(tc11, Qt.ItemDataRole.DecorationRole) is None
    assert model.data(tc2.siblingAtColumn(POINTS)) == "75 / 75"
    assert model.parent(tc2) == model.index_of("TC2")
    assert model.parent(model.index_of("TC2")) == QModelIndex()
    assert model.rowCount(tc2) == 0
    assert model.data(tc2.siblingAtColumn(STATUS))


def test_progress_of_criteria(demo_context: UiContext) -> None:
    session = ScoringSession.load(demo_context.workspace, 2, demo_context.profile.name)
    rows = build_rows(session.catalogue, set())
    apply_scores(rows, session.preview(), session.follow_up)
    by_code = {row.code: row for row in rows}
    assert by_code["TC1"].progress is Progress.IN_PROGRESS  # 2 of 4 indicators entered
    assert by_code["TC2"].progress is Progress.COMPLETE
    assert by_code["TC3"].progress is Progress.NOT_STARTED
    assert by_code["TC7"].progress is Progress.FOLLOW_UP  # flagged in the demo


def _all_values(catalogue: Catalogue) -> list[tuple[str, Value | None]]:
    samples: list[tuple[str, Value | None]] = []
    for indicator in catalogue.indicators():
        samples.append((indicator.code, None))
        if indicator.kind.value == "rate":
            samples += [(indicator.code, RateValue(n, 1000)) for n in (0, 1, 5, 800, 980, 1000)]
        elif indicator.kind.value == "count":
            samples += [(indicator.code, CountValue(n)) for n in range(5)]
        elif indicator.kind.value == "yes_no":
            samples += [(indicator.code, YesNoValue(True)), (indicator.code, YesNoValue(False))]
    return samples


@pytest.mark.parametrize("assessment_id", [1, 3])
def test_band_model_passes_the_model_tester_for_every_indicator(
    qtmodeltester: ModelTester, demo_context: UiContext, assessment_id: int
) -> None:
    catalogue = _catalogue(demo_context, assessment_id)
    model = BandModel()
    for code, value in _all_values(catalogue):
        indicator = catalogue.indicator(code)
        assert indicator is not None
        score = score_indicator(indicator, value)
        row = current_row(indicator, score, value)
        model.set_rows(band_rows(indicator), row)
        if value is None:
            assert row is None
        else:
            assert row is not None
            assert 0 <= row < model.rowCount()
            if indicator.kind.value != "manual":  # the highlighted row gives the scorer's points
                assert model.rows[row].points == str(score.points)
    qtmodeltester.check(model)


def test_band_on_the_threshold_is_the_band_the_text_intends(demo_context: UiContext) -> None:
    qd06 = _catalogue(demo_context, 1)
    birth = qd06.indicator("TC2.1")
    assert birth is not None
    rows = band_rows(birth)
    assert [r.condition for r in rows][:2] == ["≥ 98 %", "≥ 95 %"]
    assert rows[-1].condition == "< 80 %"
    value = RateValue(49, 50)  # exactly 98 %
    assert current_row(birth, score_indicator(birth, value), value) == 0
    abuse = qd06.indicator("TC3.1")  # per thousand, lower is better
    assert abuse is not None
    assert band_rows(abuse)[0].condition == "≤ 0 ‰"
    plans = qd06.indicator("TC6.2")  # no case at all: full points
    assert plans is not None
    empty = RateValue(0, 0)
    row = current_row(plans, score_indicator(plans, empty), empty)
    assert row is not None
    assert band_rows(plans)[row].points == "75"
    qd34 = _catalogue(demo_context, 3)
    work = qd34.indicator("TC3.1")  # "below 2 %": 2 % exactly is not in the top band
    assert work is not None
    assert band_rows(work)[0].condition == "< 2 %"
    two = RateValue(2, 100)
    assert current_row(work, score_indicator(work, two), two) == 1
    cases = qd34.indicator("TC4.1")
    assert cases is not None
    assert [r.condition for r in band_rows(cases)] == ["0", "1", "2", "≥ 3"]


def test_numbers_and_times_as_shown() -> None:
    # The screen says times in Vietnam time whatever zone the computer is set to.
    assert dates.stamp("2026-03-14T01:30:12Z", seconds=False) == "14/03/2026 08:30"
    assert dates.stamp("not a time") == "not a time"
    assert numbers.plain(Fraction(49 * 100, 50), "vi") == "98"
    assert numbers.plain(Fraction(4, 5), "vi") == "0,8"  # Vietnamese decimal comma
    assert numbers.rate(Fraction(1000, 1250), 1000, "vi") == "0,8 ‰"
    assert numbers.rate(Fraction(1000, 1250), 1000, "en") == "0.8 ‰"


def test_one_keystroke_scores_the_figures_once(
    qtbot: QtBot, demo_context: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing a figure asks for its score from the panel, the tree, the header, the verdict and
    the save: the figures are scored once per distinct set of figures (issue 11), and the score
    still follows every change."""
    editor = open_editor(qtbot, demo_context, 2)
    editor._select("TC2.1")
    calls: list[dict[str, Value]] = []
    original = assessments.preview_score

    def counting(catalogue: Catalogue, category: object, values: dict[str, Value]) -> object:
        calls.append(dict(values))
        return original(catalogue, category, values)  # type: ignore[arg-type]

    monkeypatch.setattr(assessments, "preview_score", counting)
    value_input = editor.panel.input
    assert value_input is not None
    value_input.show_value(RateValue(41, 50))
    editor._input_edited()
    assert len(calls) == 1
    assert calls[0]["TC2.1"] == RateValue(41, 50)
    editor.commit_current()  # the save shows the same figures: no new scoring
    assert len(calls) == 1
    value_input.show_value(RateValue(42, 50))
    editor._input_edited()
    assert len(calls) == 2
    assert (
        editor.session.preview().total
        == original(editor.session.catalogue, editor.session.category, calls[-1]).total
    )
    assert demo_context.writes.wait_idle()
