"""Words of the catalogue in force (issue 15, review): the publisher inside a sentence is not
capitalised as a unit's bare name ("do Tỉnh Lạng Sơn ban hành")."""

from __future__ import annotations

from datetime import date

from assessor_app.texts import releases


def test_a_bare_province_name_reads_in_lower_case_inside_the_sentence() -> None:
    text = releases.in_force_line("QD06-2019", "2027.1", date(2026, 1, 1), "Tỉnh Lạng Sơn", "vi")
    assert "do tỉnh Lạng Sơn ban hành" in text
    office = releases.in_force_line(
        "QD06-2019", "2027.1", date(2026, 1, 1), "Sở Y tế tỉnh Lạng Sơn", "vi"
    )
    assert "do Sở Y tế tỉnh Lạng Sơn ban hành" in office
