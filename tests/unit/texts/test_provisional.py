"""A catalogue's provisional parts as an official reads them (issue 15 review): criteria by
number and short title, indicators by number under their criterion, never the codes "TC3.1"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessor_app.domain.catalogue import Catalogue
from assessor_app.domain.catalogue_format import parse_catalogue
from assessor_app.texts import provisional

CATALOGUES = Path(__file__).resolve().parents[3] / "resources" / "catalogues"


def _load(name: str) -> Catalogue:
    return parse_catalogue(json.loads((CATALOGUES / name).read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def qd06() -> Catalogue:
    return _load("qd06-2019.json")


@pytest.fixture(scope="module")
def qd34() -> Catalogue:
    return _load("qd34-2014.json")


@pytest.mark.parametrize(
    ("code", "expected"),
    [("TC3", "3"), ("TC3.2", "3.2"), ("DK1", "1"), ("C3", "3"), ("I3a", "3a"), ("X", "X")],
)
def test_number(code: str, expected: str) -> None:
    assert provisional.number(code) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Trẻ em bị xâm hại", "Trẻ em bị xâm hại"),
        # six words, but "trẻ / em" is not split
        ("Nguồn lực thực hiện quyền trẻ em", "Nguồn lực thực hiện quyền trẻ em"),
        ("Mức độ hài lòng của trẻ em và người dân", "Mức độ hài lòng của trẻ em…"),
        # the comma before the cut goes
        ("Trẻ em vi phạm pháp luật, nghiện ma túy", "Trẻ em vi phạm pháp luật…"),
        ("Có kinh phí (ngân sách) cho trẻ em", "Có kinh phí cho trẻ em"),
    ],
)
def test_short_title(title: str, expected: str) -> None:
    assert provisional.short_title(title) == expected


def test_qd06_in_vietnamese(qd06: Catalogue) -> None:
    parts = provisional.part_names(qd06, "vi")
    assert len(parts) == 13  # one phrase per criterion, not 28 codes
    # TC1 itself is official: only its indicator 1.4 is provisional
    assert parts[0] == "chỉ tiêu 1.4 thuộc tiêu chí 1 (Nguồn lực thực hiện quyền trẻ em)"
    # TC3 is provisional as a whole (its only indicator with it)
    assert parts[2] == "tiêu chí 3 (Trẻ em bị xâm hại)"
    assert parts[5] == "chỉ tiêu 6.1, 6.2 thuộc tiêu chí 6 (Trẻ em có hoàn cảnh đặc biệt…)"
    assert not any("TC" in p for p in parts)


def test_conditions_and_english(qd34: Catalogue) -> None:
    vi = provisional.part_names(qd34, "vi")
    assert vi[-2:] == ("điều kiện công nhận 1", "điều kiện công nhận 2")
    en = provisional.part_names(qd34, "en")
    # the catalogue's English title where it has one
    assert en[0] == "criterion 1 (Leadership and direction by the local…)"
    assert en[-1] == "recognition condition 2"


def test_criterion_provisional_as_a_whole(qd06: Catalogue) -> None:
    from dataclasses import replace

    from assessor_app.domain.catalogue import Status

    first = qd06.criteria[0]  # own status official, indicator 1.4 provisional
    own = replace(first, provenance=replace(first.provenance, status=Status.PROVISIONAL))
    catalogue = replace(qd06, criteria=(own, *qd06.criteria[1:]))
    phrase = provisional.part_names(catalogue, "vi")[0]
    # the criterion is provisional but only one of its four indicators
    assert phrase == "tiêu chí 1 (Nguồn lực thực hiện quyền trẻ em), chỉ tiêu 1.4"
