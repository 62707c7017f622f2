"""The catalogue editor's nodes: a loader message's place selects the most precise part it
names; structural edits keep codes unique."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assessor_app.ui.catalogues import document_nodes
from assessor_app.ui.catalogues.validation import problems_of

QD06 = Path(__file__).resolve().parents[2] / "resources" / "catalogues" / "qd06-2019.json"


@pytest.fixture
def document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(QD06.read_text(encoding="utf-8"))
    return loaded


@pytest.mark.parametrize(
    ("message", "node"),
    [
        ("QD06-2019 / TC2 / TC2.1 / band 2: …", ("indicator", 1, 0)),
        ("TC2 / TC2.1: …", ("indicator", 1, 0)),
        ("TC8: …", ("criterion", 7)),
        ("QD06-2019 / TC2 / indicator: …", ("criterion", 1)),
        ("QD06-2019 / DK3 / other: …", ("condition", 2)),
        ("QD06-2019 / recognition 4: …", ("conditions",)),
        ("QD06-2019 / legal_basis: …", ("general",)),
        ("Catalogue format version 2 is not supported", ("general",)),
    ],
)
def test_a_place_selects_its_node(
    document: dict[str, Any], message: str, node: tuple[Any, ...]
) -> None:
    assert document_nodes.locate(document, message) == node


def test_every_criterion_s_problem_is_listed_at_its_node(document: dict[str, Any]) -> None:
    document["criteria"][1]["max_points"] = 80  # TC2
    document["criteria"][7]["indicators"][1]["bands"][0]["points"] = 1  # TC8.2
    problems = problems_of(document)
    assert [(p.code, p.node) for p in problems] == [
        ("CAT_POINTS_SUM", ("criterion", 1)),
        ("CAT_BAND_POINTS", ("indicator", 7, 1)),
    ]
    assert problems[0].message.startswith("TC2: ")


def test_new_parts_get_free_codes(document: dict[str, Any]) -> None:
    assert document_nodes.add_criterion(document, None) == ("criterion", 13)
    assert document["criteria"][13]["code"] == "TC14"
    assert document["criteria"][13]["indicators"][0]["code"] == "TC14.1"
    assert document_nodes.add_indicator(document, 0, 0) == ("indicator", 0, 1)
    assert document["criteria"][0]["indicators"][1]["code"] == "TC1.5"  # TC1.2 … TC1.4 taken
    assert document_nodes.add_condition(document) == ("condition", 3)
    assert document["recognition"][3]["id"] == "DK4"
    assert document_nodes.remove(document, ("condition", 3)) == ("condition", 2)
    assert document_nodes.move(document, ("criterion", 0), -1) == ("criterion", 0)
