"""The same value reads the same on screen, in the command line and on paper (issue 9), without Qt.

A table of tricky values goes through the three paths a person reads them by:

- the screen: the text layer in the interface's language (`i18n.language()`), called as the
  screens call it (the editor's rate label, the history's entries, the targets);
- the command line: `assessor-app …` run in-process, its output;
- paper: the generated PDF (dossier, summary), its text extracted with pdftotext; always
  Vietnamese.

The values: a rate of exactly 97.85 % (a float reads it as 97.8499…), 0.25 % (half up: "0,3", where
round() says 0.2), 0.5 %, 2.5 % and 2.5 ‰, 0.05 ‰, zero, figures in the millions, targets of 62.5 %
and 97.85 %, a change made at 23:30 UTC (already the next day in Vietnam), and numbers no target can
be (negative, 1,234,567.891) as the refusal states them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from fractions import Fraction
from pathlib import Path

import pytest

from assessor_app import i18n
from assessor_app.domain.catalogue import RateRule
from assessor_app.reports.dossier import render_dossier
from assessor_app.services import assessments, report_data, reports, startup
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.texts import numbers
from assessor_app.texts.audit import AuditTexts
from tests.cli.conftest import Runner
from tests.unit.reports.fixtures import flat, pdftotext

LATE_EVENING_UTC = "2026-11-28T23:30:00Z"  # 06:30 on 29/11/2026 in Vietnam

# indicator → (entered, what it reads in Vietnamese, in English)
FIGURES = {
    "TC2.1": ("1957/2000", "1.957/2.000 = 97,9 %", "1,957/2,000 = 97.9 %"),
    "TC8.1": ("1/400", "1/400 = 0,3 %", "1/400 = 0.3 %"),  # 0.25: half up
    "TC8.2": ("1/200", "1/200 = 0,5 %", "1/200 = 0.5 %"),
    "TC9.1": ("5/200", "5/200 = 2,5 %", "5/200 = 2.5 %"),
    "TC4.1": ("25/10000", "25/10.000 = 2,5 ‰", "25/10,000 = 2.5 ‰"),
    "TC3.1": ("1/20000", "1/20.000 = 0,1 ‰", "1/20,000 = 0.1 ‰"),
    "TC6.2": ("0/50", "0/50 = 0,0 %", "0/50 = 0.0 %"),
    "TC7.1": ("1207654/1234567", "1.207.654/1.234.567 = 97,8 %", "1,207,654/1,234,567 = 97.8 %"),
}
MOMENT = "29/11/2026 06:30:00"
LANGUAGES = ("vi", "en")


def read(figures: tuple[str, str, str], language: str) -> str:
    return figures[1] if language == "vi" else figures[2]


@pytest.fixture
def workspace(home: Path) -> Iterator[Workspace]:
    workspace = open_workspace(None, None)
    startup.prepare(workspace)
    workspace.clock = lambda: LATE_EVENING_UTC
    yield workspace
    workspace.close()
    i18n.set_language("vi")


@pytest.fixture
def assessment(workspace: Workspace) -> int:
    created = assessments.create(workspace, "06385", 2026)
    for code, (entered, _vi, _en) in FIGURES.items():
        assessments.set_value(workspace, created.id, code, entered)
    return created.id


def screen_rates(workspace: Workspace, assessment: int) -> dict[str, str]:
    """Each rate as the editor's rate label writes it (ui/editor/value_inputs.py)."""
    detail = assessments.detail(workspace, assessment)
    shown: dict[str, str] = {}
    for score in detail.score.indicators:
        indicator = detail.catalogue.indicator(score.code)
        if score.code in FIGURES and score.rate is not None and indicator is not None:
            rule = indicator.rule
            assert isinstance(rule, RateRule)
            thresholds = [band.threshold for band in rule.bands]
            shown[score.code] = numbers.rate(score.rate, rule.scale, i18n.language(), thresholds)
    return shown


def screen_history(workspace: Workspace, assessment: int) -> list[tuple[str, str]]:
    """(time, change) of each entry, as the history screen writes them (AuditModel)."""
    report = assessments.audit(workspace, assessment)
    texts = AuditTexts(report.entries, i18n.language())
    return [(texts.time(e), texts.change(e)) for e in report.entries]


def pdf_text(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return flat(pdftotext(path))


@pytest.mark.parametrize("language", LANGUAGES)
def test_figures_read_the_same_on_screen_and_in_the_command_line(
    cli: Runner, workspace: Workspace, assessment: int, language: str
) -> None:
    i18n.set_language(language)
    rates = screen_rates(workspace, assessment)
    changes = {change for _time, change in screen_history(workspace, assessment)}
    shown = cli("assessment", "show", str(assessment), lang=language)
    assert shown.code == 0, shown.err
    for code, figures in FIGURES.items():
        expected = read(figures, language)
        assert expected.endswith(" = " + rates[code]), (code, rates[code])
        assert expected.split(" = ")[0] in changes, code
        assert expected in shown.out, (code, expected)


def test_figures_read_the_same_on_paper(
    tmp_path: Path, workspace: Workspace, assessment: int
) -> None:
    i18n.set_language("en")  # whatever the screen speaks, paper is Vietnamese
    data = report_data.dossier_data(workspace, assessment)
    printed = {line.code: line.figures for row in data.criteria for line in row.indicators}
    text = pdf_text(tmp_path, "dossier.pdf", render_dossier(data))
    for code, figures in FIGURES.items():
        assert printed[code] == figures[1], code
        assert figures[1] in text, code


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_late_evening_change_is_dated_the_next_day_everywhere(
    tmp_path: Path, cli: Runner, workspace: Workspace, assessment: int, language: str
) -> None:
    i18n.set_language(language)
    assert {moment for moment, _change in screen_history(workspace, assessment)} == {MOMENT}
    trail = cli("assessment", "audit", str(assessment), lang=language)
    assert MOMENT in trail.out
    data = report_data.dossier_data(workspace, assessment)  # dated by the data: the change
    assert data.created == datetime(2026, 11, 29, 6, 30)
    text = pdf_text(tmp_path, "dossier.pdf", render_dossier(data))
    assert "Ngày lập hồ sơ 29/11/2026" in text
    # The letter's date was never given: day and month left blank, never "today" (issue 12).
    assert "ngày tháng năm 2026" in text


TARGETS = {2021: (62.5, "62,5 %", "62.5 %"), 2026: (97.85, "97,85 %", "97.85 %")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_targets_read_the_same_on_screen_in_the_command_line_and_on_paper(
    tmp_path: Path, cli: Runner, workspace: Workspace, language: str
) -> None:
    for year, (percent, _vi, _en) in TARGETS.items():
        result = cli("report", "target", "--year", str(year), "--percent", str(percent))
        assert result.code == 0, result.err
    i18n.set_language(language)
    screen = {
        t.year: numbers.percent(t.percent, i18n.language(), None)
        for t in reports.targets(workspace)
    }
    listed = cli("report", "targets", lang=language).out
    text = pdf_text(tmp_path, "summary.pdf", reports.summary_bytes(workspace, "20", 2026))
    for year, (_percent, vi, en) in TARGETS.items():
        expected = vi if language == "vi" else en
        assert screen[year] == expected
        assert f"{year}  {expected:>7}" in listed
    assert TARGETS[2026][1] in text


# A number no target can be, as the refusal (REPORT_TARGET_BAD_PERCENT) states it: the screen
# renders the same message with the same text layer.
REFUSED = {
    "-2.5": ("-2,5", "-2.5"),
    "0": ("0", "0"),
    "1234567.891": ("1.234.567,89", "1,234,567.89"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refused_target_states_the_number_as_the_text_layer_does(
    cli: Runner, language: str
) -> None:
    for typed, (vi, en) in REFUSED.items():
        result = cli("report", "target", "--year", "2026", "--percent", typed, lang=language)
        assert "[REPORT_TARGET_BAD_PERCENT]" in result.err, result.err
        expected = vi if language == "vi" else en
        assert expected == numbers.plain(Fraction(typed), language)
        assert expected in result.err, (typed, result.err)
