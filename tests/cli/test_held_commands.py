"""`assessment set --based-on` and `assessment held list|apply|discard` (issue 16): a figure entered
on a revision the assessment has left is held, not written; a person applies or discards it."""

from __future__ import annotations

import pytest

from tests.cli.conftest import Result, Runner


@pytest.fixture
def draft(cli: Runner) -> str:
    created = cli("assessment", "new", "--commune", "06400", "--year", "2026")
    assert created.code == 0, created.err
    return created.out.strip()


def _revision(cli: Runner, assessment: str) -> int:
    shown = cli("assessment", "show", assessment, "--json")
    assert shown.code == 0, shown.err
    revision = shown.json()["revision"]
    assert isinstance(revision, int)
    text = cli("assessment", "show", assessment)
    assert f"Revision {revision} (for set --based-on)" in text.out
    return revision


def _figure(cli: Runner, assessment: str, indicator: str) -> str:
    values = cli("assessment", "show", assessment, "--json").json()["values"]
    return str(values[indicator]["value"])


def _held(cli: Runner, draft: str) -> tuple[int, Result]:
    """Two officers read revision 0; the first stores 49/50, the second's 20/50 is held."""
    seen = _revision(cli, draft)
    first = cli("assessment", "set", draft, "TC2.1", "49/50", "--based-on", str(seen))
    assert first.code == 0, first.err
    assert f"revision {seen + 1}" in first.out
    second = cli("assessment", "set", draft, "TC2.1", "20/50", "--based-on", str(seen))
    listed = cli("assessment", "held", "list", draft, "--json")
    assert listed.code == 0, listed.err
    (held,) = listed.json()
    return held["id"], second


def test_a_stale_figure_is_held_and_said(cli: Runner, draft: str) -> None:
    held_id, second = _held(cli, draft)
    assert second.code == 6  # a store conflict, as other store errors
    assert "[STORE_CONFLICT]" in second.err
    assert "Traceback" not in second.err
    assert "49/50" in second.err
    assert "20/50" in second.err
    assert second.out == ""
    assert "49" in _figure(cli, draft, "TC2.1")
    (held,) = cli("assessment", "held", "list", "--json").json()
    assert held["id"] == held_id
    assert held["assessment"] == int(draft)
    assert held["indicator"] == "TC2.1"
    assert held["held_value"] == {"numerator": 20, "denominator": 50}
    assert held["stored_value"] == {"numerator": 49, "denominator": 50}
    assert (held["based_on_revision"], held["found_revision"]) == (0, 1)
    text = cli("assessment", "held", "list")
    assert text.code == 0
    assert f"#{draft} TC2.1: held 20/50" in text.out
    assert "stored 49/50" in text.out


def test_held_apply(cli: Runner, draft: str) -> None:
    held_id, _second = _held(cli, draft)
    applied = cli("assessment", "held", "apply", str(held_id), "--reason", "đã đối chiếu")
    assert applied.code == 0, applied.err
    assert "revision 2" in applied.out
    assert "20" in _figure(cli, draft, "TC2.1")
    assert cli("assessment", "held", "list", draft, "--json").json() == []
    assert cli("assessment", "held", "list", draft).out.strip() == "No held changes."
    again = cli("assessment", "held", "apply", str(held_id), "--reason", "lần nữa")
    assert again.code == 5
    assert "[HELD_RESOLVED]" in again.err
    audit = cli("assessment", "audit", draft, "--verify")
    assert audit.code == 0, audit.out


def test_held_discard(cli: Runner, draft: str) -> None:
    held_id, _second = _held(cli, draft)
    discarded = cli("assessment", "held", "discard", str(held_id), "--reason", "số cũ")
    assert discarded.code == 0, discarded.err
    assert "49" in _figure(cli, draft, "TC2.1")
    assert cli("assessment", "held", "list", "--json").json() == []


def test_refusals(cli: Runner, draft: str) -> None:
    missing = cli("assessment", "held", "apply", "99", "--reason", "x")
    assert missing.code == 4
    assert "[HELD_NOT_FOUND]" in missing.err
    no_reason = cli("assessment", "held", "discard", "1")
    assert no_reason.code == 2  # usage: the reason is required
    bad = cli("assessment", "set", draft, "TC2.1", "60/50", "--based-on", "0")
    assert bad.code == 3  # the figure is checked first: nothing is held
    assert cli("assessment", "held", "list", "--json").json() == []
    finalised = cli("assessment", "finalize", draft)
    assert finalised.code == 0, finalised.err
    late = cli("assessment", "set", draft, "TC2.1", "1/50", "--based-on", "0")
    assert late.code == 5
    assert "[ASSESSMENT_FINALIZED]" in late.err


def test_vietnamese_messages(cli: Runner, draft: str) -> None:
    cli("assessment", "set", draft, "TC2.1", "49/50", "--based-on", "0", lang="vi")
    second = cli("assessment", "set", draft, "TC2.1", "20/50", "--based-on", "0", lang="vi")
    assert second.code == 6
    assert "giữ lại" in second.err
    listed = cli("assessment", "held", "list", lang="vi")
    assert "20/50" in listed.out
