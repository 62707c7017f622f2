"""The one canonical JSON: the same bytes as every encoder it replaced, for the data they wrote.

Audit-entry hashes, value-version ids and catalogue content hashes are stored (and pinned by
assessments and signatures): switching their encoder must not change one of them. The expected
values below were computed with the encoders of the previous release.
"""

from __future__ import annotations

import json
import math
import unicodedata

import pytest
from hypothesis import given, strategies as st

from assessor_app.core.canonical import canonical_json, canonical_sha256, canonical_text
from assessor_app.domain.audit import entry_hash
from assessor_app.domain.catalogue_format import content_hash
from assessor_app.domain.versions import value_vid
from assessor_app.storage.repository import dumps


def test_stored_hashes_are_unchanged() -> None:
    assert (
        entry_hash(
            "uid-1",
            3,
            "2026-11-02T01:02:03Z",
            "Hoàng Thị Lan",
            "set_value",
            "indicator:TC2.1",
            {"numerator": 45, "denominator": 50},
            {"numerator": 49, "denominator": 50, "x": [1.5, True, None]},
            "Đối chiếu sổ hộ tịch",
            "0" * 64,
        )
        == "8248e1a46488063754eacd328c6635090ec0cd96d81ff40faddd95c20035eea7"
    )
    assert (
        value_vid(
            "uid-1",
            "TC2.1",
            {"numerator": 49, "denominator": 50},
            "Lý Thị Mai",
            "2026-11-02T01:02:03Z",
            "",
        )
        == "5f17180f8822cfb19bafb785ea00d8f95ea9c2475c3575ddd61abd8393e823d7"
    )
    assert (
        content_hash({"code": "X", "title_vi": "Tiêu chí trẻ em", "n": [1, 2.25, {"ả": "ê"}]})
        == "8b64215b68de66375a7de4127ac8656d564afcbb6ab71b3926eb14e6014206e9"
    )
    assert dumps({"b": 1, "a": "Xã Hữu Liên"}) == '{"a":"Xã Hữu Liên","b":1}'


def test_the_form_does_not_depend_on_the_keyboard() -> None:
    precomposed = {"tên": "Hữu Lũng"}
    combining = {
        unicodedata.normalize("NFD", k): unicodedata.normalize("NFD", v)
        for k, v in precomposed.items()
    }
    assert canonical_json(combining) == canonical_json(precomposed)
    assert canonical_sha256(combining) == canonical_sha256(precomposed)


@pytest.mark.parametrize(
    "value",
    [math.nan, math.inf, {1: "a"}, {"a": object()}, {"ả": 1, unicodedata.normalize("NFD", "ả"): 2}],
)
def test_what_json_cannot_hold_is_refused(value: object) -> None:
    with pytest.raises(ValueError):
        canonical_json(value)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values)
def test_the_canonical_form_is_stable(value: object) -> None:
    """Read back and written again, a canonical text is the same bytes (one form per value)."""
    try:
        text = canonical_text(value)
    except ValueError:
        return  # two keys equal after NFC
    assert canonical_text(json.loads(text)) == text
    assert canonical_json(value) == text.encode("utf-8")
