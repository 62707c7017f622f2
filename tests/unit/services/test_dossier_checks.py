"""The minutes' consistency checks (services/dossier_checks.py), one row per case: what the dialog
shows next to a field, what `dossier set` refuses, what the dossier says the minutes lack."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

import pytest

from assessor_app.services.dossier_checks import (
    missing_from_minutes,
    normalise,
    present_count,
    problems,
    window_for,
)
from assessor_app.services.dossier_document import (
    ROLE_CHAIR,
    ROLE_SECRETARY,
    ROLE_STANDING,
    CouncilMemberDetails,
    DossierDetails,
    from_json,
    to_json,
)

YEAR = 2016  # QĐ 34/2014: the council assesses in November 2016
WINDOW = window_for("QD34-2014", YEAR)
SECRETARY = CouncilMemberDetails("Lộc Thị Hằng", "Hiệu trưởng Trường Mầm non", ROLE_SECRETARY)
MEMBERS = (
    CouncilMemberDetails("Lương Thị Hoa", "Công chức Văn hóa - Xã hội", ROLE_STANDING),
    CouncilMemberDetails("Triệu Văn Minh", "Hiệu trưởng Trường Tiểu học", present=False),
    SECRETARY,
)
BASE = DossierDetails(
    issuer="Ủy ban nhân dân\nxã Hữu Liên",
    issuer_parent="Ủy ban nhân dân huyện Hữu Lũng",
    letter_number="/TTr-UBND",
    place="Hữu Liên",
    letter_date=date(2016, 11, 28),
    signer_name="Hoàng Văn Thắng",
    signer_title="Chủ tịch",
    signer_authority="TM. Ủy ban nhân dân",
    addressee="Ủy ban nhân dân huyện Hữu Lũng",
    recipients=("Như trên", "Lưu: VT"),
    council_held_at=datetime(2016, 11, 20, 8, 0),
    council_ended_at=datetime(2016, 11, 20, 11, 0),
    council_place="Hội trường Ủy ban nhân dân xã Hữu Liên",
    council_number="/BB-HĐĐG",
    council_chair="Hoàng Văn Thắng",
    council_chair_position="Chủ tịch Ủy ban nhân dân xã",
    council_secretary="Lộc Thị Hằng",
    council_members=MEMBERS,
    council_votes_for=3,
    council_votes_against=0,
)


def test_the_window_comes_from_the_regime() -> None:
    assert WINDOW is not None
    assert (WINDOW.start, WINDOW.end) == (date(2016, 11, 1), date(2016, 11, 30))
    assert "34/2014" in WINDOW.source
    assert window_for("QD06-2019", 2026) is None  # no window in the regime's data: not checked


def test_the_roster_counts_who_was_present() -> None:
    # chair + 3 members (the secretary among them), one absent: "Có mặt 3/4"
    assert present_count(BASE) == (3, 4)
    roster = BASE.council_roster()
    assert roster[0].role == ROLE_CHAIR
    assert roster[0].present
    assert [m.name for m in roster].count("Lộc Thị Hằng") == 1
    alone = replace(BASE, council_secretary="Nông Văn Tư", council_members=MEMBERS[:2])
    assert present_count(alone) == (3, 4)  # the secretary not among the members is added


CASES: list[tuple[str, dict[str, Any], list[tuple[str, str]]]] = [
    ("consistent", {}, []),
    ("all present vote", {"council_votes_for": 2, "council_votes_against": 1}, []),
    (
        "votes above those present",
        {"council_votes_for": 3, "council_votes_against": 1},
        [("DOSSIER_COUNCIL_VOTES", "council_votes")],
    ),
    (
        "votes above the members",
        {"council_votes_for": 5},
        [("DOSSIER_COUNCIL_VOTES", "council_votes")],
    ),
    ("negative vote", {"council_votes_against": -1}, [("DOSSIER_COUNCIL_VOTES", "council_votes")]),
    ("no vote recorded", {"council_votes_for": None, "council_votes_against": None}, []),
    ("chair missing", {"council_chair": " "}, [("DOSSIER_FIELD_REQUIRED", "council_chair")]),
    (
        "secretary missing",
        {"council_secretary": "", "council_members": MEMBERS[:2], "council_votes_for": 2},
        [("DOSSIER_FIELD_REQUIRED", "council_secretary")],
    ),
    ("secretary named by the members' roles", {"council_secretary": ""}, []),
    (
        "two secretaries",
        {"council_secretary": "Nông Văn Tư"},
        [("DOSSIER_COUNCIL_ROLE_CONFLICT", "council_members")],
    ),
    (
        "two chairs",
        {"council_members": (*MEMBERS, CouncilMemberDetails("Vi Văn Đức", "", ROLE_CHAIR))},
        [("DOSSIER_COUNCIL_ROLE_CONFLICT", "council_members")],
    ),
    (
        "the secretary absent",
        {
            "council_members": (*MEMBERS[:2], replace(SECRETARY, present=False)),
            "council_votes_for": 2,
        },
        [("DOSSIER_COUNCIL_SIGNER_ABSENT", "council_members")],
    ),
    (
        "the chair absent",
        {
            "council_members": (
                *MEMBERS,
                CouncilMemberDetails("Hoàng Văn Thắng", "", ROLE_CHAIR, present=False),
            )
        },
        [("DOSSIER_COUNCIL_SIGNER_ABSENT", "council_members")],
    ),
    ("no place", {"council_place": ""}, [("DOSSIER_FIELD_REQUIRED", "council_place")]),
    (
        "an empty seat of the defaults",
        {"council_members": (*MEMBERS, CouncilMemberDetails("", "Trưởng Công an xã"))},
        [],
    ),
    (
        "outside the window",
        {"council_held_at": datetime(2016, 10, 20, 8, 0), "council_ended_at": None},
        [("DOSSIER_COUNCIL_OUTSIDE_WINDOW", "council_date_reason")],
    ),
    (
        "outside the window, with the reason",
        {
            "council_held_at": datetime(2016, 12, 2, 8, 0),
            "council_ended_at": None,
            "letter_date": date(2016, 12, 5),
            "council_date_reason": "Bão số 7 làm chậm việc tổng hợp số liệu",
        },
        [],
    ),
    (
        "before the evaluation year",
        {"council_held_at": datetime(2015, 10, 1, 8, 0), "council_ended_at": None},
        [
            ("DOSSIER_BAD_DATE", "council_held_at"),
            ("DOSSIER_COUNCIL_OUTSIDE_WINDOW", "council_date_reason"),
        ],
    ),
    (
        "after the letter",
        {"council_held_at": datetime(2016, 11, 29, 8, 0), "council_ended_at": None},
        [("DOSSIER_BAD_DATE", "council_held_at")],
    ),
    (
        "ends before it starts",
        {"council_ended_at": datetime(2016, 11, 20, 7, 0)},
        [("DOSSIER_BAD_DATE", "council_ended_at")],
    ),
    (
        "no meeting yet: the minutes are not checked",
        {"council_held_at": None, "council_ended_at": None, "council_chair": ""},
        [],
    ),
    (
        "an end without a start",
        {"council_held_at": None},
        [("DOSSIER_FIELD_REQUIRED", "council_held_at")],
    ),
    (
        "several at once, in the form's order",
        {"signer_name": "", "council_chair": "", "council_votes_for": 9},
        [
            ("DOSSIER_FIELD_REQUIRED", "signer_name"),
            ("DOSSIER_FIELD_REQUIRED", "council_chair"),
            ("DOSSIER_COUNCIL_VOTES", "council_votes"),
        ],
    ),
]


@pytest.mark.parametrize(("changes", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_minutes_checks(changes: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    details = replace(BASE, **changes)
    found = problems(details, YEAR, WINDOW)
    assert [(p.code, p.params["field"]) for p in found] == expected
    if expected:
        with pytest.raises(Exception) as caught:
            normalise(details, YEAR, WINDOW)
        assert getattr(caught.value, "code", None) == expected[0][0]  # the first one is raised
    else:
        normalise(details, YEAR, WINDOW)


def test_without_a_window_the_date_is_only_checked_against_the_year_and_letter() -> None:
    october = replace(BASE, council_held_at=datetime(2016, 10, 20, 8), council_ended_at=None)
    assert problems(october, YEAR, None) == []


def test_empty_seats_are_dropped_on_saving() -> None:
    seat = CouncilMemberDetails(" ", "Trưởng Công an xã")
    saved = normalise(replace(BASE, council_members=(*MEMBERS, seat)), YEAR, WINDOW)
    assert saved.council_members == MEMBERS


@pytest.mark.parametrize(
    ("changes", "missing"),
    [
        ({}, ()),
        ({"council_held_at": None, "council_ended_at": None}, ("council_held_at",)),
        (
            {"council_held_at": None, "council_ended_at": None, "council_chair": ""},
            ("council_held_at", "council_chair"),
        ),
        ({"council_votes_for": 4}, ("council_votes",)),  # details stored before the check
        (
            {"council_secretary": "", "council_members": MEMBERS[:2], "council_votes_for": 2},
            ("council_secretary",),
        ),
        (
            {"council_held_at": datetime(2016, 10, 20, 8), "council_ended_at": None},
            ("council_date_reason",),
        ),
    ],
)
def test_what_the_dossier_says_the_minutes_lack(
    changes: dict[str, Any], missing: tuple[str, ...]
) -> None:
    assert missing_from_minutes(replace(BASE, **changes), YEAR, WINDOW) == missing


def test_the_document_keeps_the_counts_and_reads_the_old_vote_text() -> None:
    reason = replace(BASE, council_date_reason="Lý do")
    assert from_json(to_json(reason)) == reason
    old = to_json(BASE)
    for key in ("votes_for", "votes_against", "date_reason"):
        del old["council"][key]
    old["council"]["votes"] = "4/4 thành viên dự họp nhất trí"
    legacy = from_json(old)
    assert (legacy.council_votes_for, legacy.council_votes_against) == (4, None)
    old["council"]["votes"] = "nhất trí"
    assert from_json(old).council_votes_for is None
