"""The per-indicator three-way merge, on hand-built histories."""

from __future__ import annotations

import pytest

from assessor_app.domain.versions import ROOT, MergeKind, ancestors, decide, value_vid

#   a ── b ── c          (local head c)
#         \
#          d ── e        (incoming head e): conflict with base b
PARENTS = {"a": ROOT, "b": "a", "c": "b", "d": "b", "e": "d"}
VALUES = {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}


@pytest.mark.parametrize(
    ("local", "incoming", "kind", "base"),
    [
        ("c", "c", MergeKind.SAME, "c"),
        ("", "c", MergeKind.TAKE_INCOMING, ROOT),
        ("c", "", MergeKind.SAME, "c"),
        ("b", "c", MergeKind.TAKE_INCOMING, "b"),  # fast-forward
        ("a", "e", MergeKind.TAKE_INCOMING, "a"),
        ("c", "b", MergeKind.KEEP_LOCAL, "b"),  # the bundle is older for this indicator
        ("c", "e", MergeKind.CONFLICT, "b"),
        ("e", "c", MergeKind.CONFLICT, "b"),
    ],
)
def test_decisions(local: str, incoming: str, kind: MergeKind, base: str) -> None:
    decision = decide("TC2.1", local, incoming, PARENTS, VALUES)
    assert (decision.kind, decision.base) == (kind, base)


def test_both_sides_reaching_the_same_value_is_not_a_conflict() -> None:
    values = {**VALUES, "e": 3}
    assert decide("TC2.1", "c", "e", PARENTS, values).kind is MergeKind.KEEP_LOCAL


def test_unrelated_histories_conflict_with_no_base() -> None:
    parents = {"x": ROOT, "y": ROOT}
    decision = decide("TC2.1", "x", "y", parents, {"x": 1, "y": 2})
    assert decision.kind is MergeKind.CONFLICT
    assert decision.base == ROOT


def test_ancestors_stop_at_cycles_and_unknown_parents() -> None:
    assert ancestors("e", PARENTS) == ["e", "d", "b", "a"]
    assert ancestors("z", {"z": "q"}) == ["z", "q"]
    assert ancestors("p", {"p": "q", "q": "p"}) == ["p", "q"]


def test_vid_depends_on_every_field() -> None:
    base = value_vid(
        "u", "TC2.1", {"numerator": 49, "denominator": 50}, "Lan", "2026-11-01T00:00:00Z", ""
    )
    assert len(base) == 64
    variants = [
        value_vid(
            "u2", "TC2.1", {"numerator": 49, "denominator": 50}, "Lan", "2026-11-01T00:00:00Z", ""
        ),
        value_vid(
            "u", "TC2.2", {"numerator": 49, "denominator": 50}, "Lan", "2026-11-01T00:00:00Z", ""
        ),
        value_vid(
            "u", "TC2.1", {"numerator": 48, "denominator": 50}, "Lan", "2026-11-01T00:00:00Z", ""
        ),
        value_vid(
            "u", "TC2.1", {"numerator": 49, "denominator": 50}, "Minh", "2026-11-01T00:00:00Z", ""
        ),
        value_vid(
            "u", "TC2.1", {"numerator": 49, "denominator": 50}, "Lan", "2026-11-01T00:00:01Z", ""
        ),
        value_vid(
            "u", "TC2.1", {"numerator": 49, "denominator": 50}, "Lan", "2026-11-01T00:00:00Z", "p"
        ),
        value_vid("u", "TC2.1", None, "Lan", "2026-11-01T00:00:00Z", ""),
    ]
    assert len({base, *variants}) == 8
