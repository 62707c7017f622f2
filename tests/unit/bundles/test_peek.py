"""Peeking into a kept bundle file: the communes and years its assessments concern, or nothing."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from assessor_app.bundles import peek

UIDS = ("a1", "b2")


def write(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(f"bundle/data/{name}", data)
    return path


def document(code: str, year: int) -> bytes:
    return json.dumps({"commune_code": code, "year": year, "uid": "x"}).encode()


def test_reads_the_communes_in_the_bundles_order(tmp_path: Path) -> None:
    path = write(
        tmp_path / "held.ldbundle",
        {
            "bundle.json": json.dumps({"assessments": list(UIDS)}).encode(),
            "assessments/a1.json": document("06400", 2026),
            "assessments/b2.json": document("06124", 2016),
        },
    )
    assert peek.assessed_communes(path) == [("06400", 2026), ("06124", 2016)]


def test_nothing_from_a_file_that_is_not_a_readable_bundle(tmp_path: Path) -> None:
    missing = tmp_path / "gone.ldbundle"
    not_zip = tmp_path / "text.ldbundle"
    not_zip.write_text("not a zip", encoding="utf-8")
    no_document = write(
        tmp_path / "partial.ldbundle",
        {"bundle.json": json.dumps({"assessments": ["a1"]}).encode()},
    )
    bad_json = write(tmp_path / "bad.ldbundle", {"bundle.json": b"{"})
    for path in (missing, not_zip, no_document, bad_json):
        assert peek.assessed_communes(path) == [], path


def test_a_document_too_large_to_peek_at_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(
        tmp_path / "large.ldbundle",
        {
            "bundle.json": json.dumps({"assessments": ["a1"]}).encode(),
            "assessments/a1.json": document("06400", 2026),
        },
    )
    monkeypatch.setattr(peek, "MAX_PEEK_JSON", 10)
    assert peek.assessed_communes(path) == []
