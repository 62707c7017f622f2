"""`assessment set --expect-previous` and `assessment held list|apply|discard` (issue 16): a figure
entered over one another officer changed since it was read is held, not written; a person applies
or discards it. Other indicators changed meanwhile are no conflict."""

from __future__ import annotations

import json

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
    assert f"Revision {revision}" in text.out
    return revision


def _figure(cli: Runner, assessment: str, indicator: str) -> str:
    values = cli("assessment", "show", assessment, "--json").json()["values"]
    return str(values[indicator]["value"])


def _held(cli: Runner, draft: str) -> tuple[int, Result]:
    """Two officers read TC2.1 empty; the first stores 49/50, the second's 20/50 is held."""
    seen = _revision(cli, draft)
    first = cli("assessment", "set", draft, "TC2.1", "49/50", "--expect-previous", "")
    assert first.code == 0, first.err
    assert f"revision {seen + 1}" in first.out
    second = cli("assessment", "set", draft, "TC2.1", "20/50", "--expect-previous", "")
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
    assert held["found_revision"] == 1
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
    bad = cli("assessment", "set", draft, "TC2.1", "60/50", "--expect-previous", "")
    assert bad.code == 3  # the figure is checked first: nothing is held
    assert cli("assessment", "held", "list", "--json").json() == []
    finalised = cli("assessment", "finalize", draft)
    assert finalised.code == 0, finalised.err
    late = cli("assessment", "set", draft, "TC2.1", "1/50", "--expect-previous", "")
    assert late.code == 5
    assert "[ASSESSMENT_FINALIZED]" in late.err


def test_vietnamese_messages(cli: Runner, draft: str) -> None:
    cli("assessment", "set", draft, "TC2.1", "49/50", "--expect-previous", "", lang="vi")
    second = cli("assessment", "set", draft, "TC2.1", "20/50", "--expect-previous", "", lang="vi")
    assert second.code == 6
    assert "giữ lại" in second.err
    listed = cli("assessment", "held", "list", lang="vi")
    assert "20/50" in listed.out


def test_other_indicators_and_the_figure_read(cli: Runner, draft: str) -> None:
    """A script passes the figure it read (as `assessment show` prints it): another officer's
    figure on another indicator is no conflict; the same figure entered twice is none either."""
    first = cli("assessment", "set", draft, "TC2.1", "49/50", "--expect-previous", "")
    assert first.code == 0, first.err
    other = cli("assessment", "set", draft, "TC1.1", "có", "--expect-previous", "")
    assert other.code == 0, other.err
    shown = _figure_text(cli, draft, "TC2.1")
    changed = cli("assessment", "set", draft, "TC2.1", "45/50", "--expect-previous", shown)
    assert changed.code == 0, changed.err
    same = cli("assessment", "set", draft, "TC2.1", "45/50", "--expect-previous", "49/50")
    assert same.code == 0, same.err  # already that figure: nothing written, nothing held
    stale = cli("assessment", "set", draft, "TC2.1", "40/50", "--expect-previous", "49/50")
    assert stale.code == 6
    assert "[STORE_CONFLICT]" in stale.err
    assert "45/50" in stale.err
    assert len(cli("assessment", "held", "list", "--json").json()) == 1
    as_json = json.dumps(
        cli("assessment", "show", draft, "--json").json()["values"]["TC2.1"]["value"]
    )
    again = cli("assessment", "set", draft, "TC2.1", "44/50", "--expect-previous", as_json)
    assert again.code == 0, again.err  # the JSON form of `assessment show --json` works too
    plain = cli("assessment", "set", draft, "TC2.1", "30/50")  # no option: the last write wins
    assert plain.code == 0, plain.err
    assert "30" in _figure(cli, draft, "TC2.1")


def _figure_text(cli: Runner, assessment: str, indicator: str) -> str:
    """The figure as the text of `assessment show` prints it on the indicator's line."""
    text = cli("assessment", "show", assessment).out
    (row,) = [r for r in text.splitlines() if r.strip().startswith(indicator)]
    return next(word for word in row.split() if "/" in word)


def test_a_manual_figure_read_is_given_whole(cli: Runner, draft: str) -> None:
    """`points=N` would compare the points only and overwrite another officer's justification:
    refused, asking for the JSON form, with which the whole figure is compared."""
    catalogue = cli("assessment", "show", draft, "--json").json()["catalogue"]
    shown = cli("catalogue", "show", catalogue["code"], "--json").json()
    manual = next(
        i["code"] for c in shown["criteria"] for i in c["indicators"] if i["kind"] == "manual"
    )
    first = cli("assessment", "set", draft, manual, "points=10", "--reason", "Biên bản ngày 3/3")
    assert first.code == 0, first.err
    read = json.dumps(cli("assessment", "show", draft, "--json").json()["values"][manual]["value"])
    typed = ("assessment", "set", draft, manual, "points=12", "--reason", "Đã đối chiếu")
    refused = cli(*typed, "--expect-previous", "points=10")
    assert refused.code == 3
    assert "HELD_EXPECT_MANUAL_JSON" in refused.err
    assert "assessment show --json" in refused.err
    again = cli("assessment", "set", draft, manual, "points=10", "--reason", "Biên bản ngày 5/3")
    assert again.code == 0, again.err
    held = cli(*typed, "--expect-previous", read)
    assert held.code == 6
    assert "STORE_CONFLICT" in held.err
