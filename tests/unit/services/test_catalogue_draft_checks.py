"""Live validation of a catalogue draft (services/catalogue_draft_checks.py): the loader's
messages, each with where it is, several at once when several criteria are wrong."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assessor_app.i18n import language, set_language
from assessor_app.services.catalogue_draft_checks import DraftProblem, check_draft

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def document() -> Iterator[dict[str, Any]]:
    before = language()
    set_language("en")
    loaded: dict[str, Any] = json.loads(
        (ROOT / "resources" / "catalogues" / "qd06-2019.json").read_text("utf-8")
    )
    yield loaded
    set_language(before)


def test_a_valid_catalogue_has_no_problem(document: dict[str, Any]) -> None:
    assert check_draft(document) == []


def test_each_wrong_criterion_is_named_with_its_place(document: dict[str, Any]) -> None:
    broken = copy.deepcopy(document)
    broken["criteria"][3]["indicators"][0]["bands"] = []
    broken["criteria"][5]["sector"] = "x"
    broken["criteria"][6]["indicators"][0]["max_points"] = True
    tc4, tc6, tc7 = (broken["criteria"][i]["code"] for i in (3, 5, 6))
    tc41, tc72 = (
        broken["criteria"][3]["indicators"][0]["code"],
        broken["criteria"][6]["indicators"][0]["code"],
    )
    assert check_draft(broken) == [
        DraftProblem("CAT_FIELD", "Field 'bands' must be a non-empty list.", f"{tc4} / {tc41}"),
        DraftProblem(
            "CAT_FIELD",
            "Field 'sector' is 'x'; expected one of: commune_committee, labour_social_affairs, "
            "justice, police, health, education, culture, youth_union, women_union.",
            tc6,
        ),
        DraftProblem("CAT_FIELD", "Field 'max_points' must be a whole number.", f"{tc7} / {tc72}"),
    ]


def test_a_problem_of_the_whole_catalogue_has_no_place_inside(document: dict[str, Any]) -> None:
    broken = dict(document, max_total=5)
    assert check_draft(broken) == [
        DraftProblem("CAT_TOTAL", "The criteria add up to 1000 points but 'max_total' is 5.", "")
    ]
    assert [p.code for p in check_draft({"format": "x"})] == ["CAT_FORMAT"]
    assert [p.code for p in check_draft(dict(document, criteria="none"))] == ["CAT_FIELD"]


def test_messages_come_in_the_app_language(document: dict[str, Any]) -> None:
    set_language("vi")
    (problem,) = check_draft(dict(document, max_total=5))
    assert problem.message == "Tổng điểm các tiêu chí là 1000 nhưng 'max_total' là 5."
