"""Issue 12, printing a dossier from the store: a reprint of the same data gives the same bytes
(nothing of the printing's own time gets in), the file is readable by colleagues, its default
name says the commune and year, and the store's state decides the draft mark and the letter."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from assessor_app.services import demo, reference_data, reports
from assessor_app.services.report_data import dossier_data
from assessor_app.services.report_shaping import agency_text
from assessor_app.services.workspace import open_workspace
from tests.cli.conftest import Runner
from tests.unit.reports.fixtures import flat, pdftotext

SETUP_TIME = "2026-11-28T01:00:00Z"  # the demo is made (and its assessment finalised) then


@pytest.fixture
def past_demo(home: Path) -> list[int]:
    """The demo store, made at a fixed time in the past: any later print is on another day."""
    ws = open_workspace(home, actor="Nguyễn Thị Test", clock=lambda: SETUP_TIME)
    try:
        reference_data.initialise(ws)
        return demo.create_demo(ws)
    finally:
        ws.close()


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def creation_date(pdf: bytes) -> str:
    found = re.search(rb"/CreationDate \(([^)]*)\)", pdf)
    assert found is not None
    return found.group(1).decode()


def test_a_reprint_gives_the_same_bytes(cli: Runner, past_demo: list[int], tmp_path: Path) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert cli("report", "dossier", str(past_demo[0]), "--out", str(first)).code == 0
    assert cli("report", "dossier", str(past_demo[0]), "--out", str(second)).code == 0
    assert first.read_bytes() == second.read_bytes()
    # Dated by the data (the finalisation, 08:00 in Vietnam), not by the moment of printing.
    assert creation_date(first.read_bytes()) == "D:20261128080000+07'00'"


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_a_saved_document_is_readable_by_colleagues(
    cli: Runner, past_demo: list[int], tmp_path: Path, umask_022: None
) -> None:
    pdf, book = tmp_path / "ho-so.pdf", tmp_path / "tinh.xlsx"
    assert cli("report", "dossier", str(past_demo[0]), "--out", str(pdf)).code == 0
    assert cli("report", "summary", "--unit", "20", "--year", "2026", "--out", str(book)).code == 0
    for path in (pdf, book):
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


def test_the_default_file_name_says_commune_and_year(home: Path, past_demo: list[int]) -> None:
    ws = open_workspace(home, actor="Nguyễn Thị Test")
    try:
        assert reports.dossier_file_name(ws, past_demo[0]) == "ho-so-xa-huu-lien-2026.pdf"
        assert reports.dossier_file_name(ws, past_demo[2]) == "ho-so-thi-tran-huu-lung-2016.pdf"
    finally:
        ws.close()


def test_the_store_decides_draft_kind_header_and_date(
    home: Path, past_demo: list[int], tmp_path: Path
) -> None:
    complete, partial, old = past_demo
    ws = open_workspace(home, actor="Nguyễn Thị Test")
    try:
        final = dossier_data(ws, complete)
        assert not final.draft
        assert final.letter.issuer.parent == ""  # "ỦY BAN NHÂN DÂN / XÃ HỮU LIÊN", no parent
        assert not final.letter.dated  # nobody gave the letter's date: left blank, not invented
        assert dossier_data(ws, partial).draft
        earlier = dossier_data(ws, old)
        assert earlier.draft
        assert not earlier.recognized
        assert earlier.letter.number == "/BC-UBND"
        assert earlier.letter.date.year == 2016  # the evaluation year, not the year of printing
        pdf = tmp_path / "old.pdf"
        reports.write_dossier(ws, old, pdf)
        first = flat(pdftotext(pdf, 1))
        assert "DỰ THẢO" in first
        assert "BÁO CÁO" in first
        assert re.search(r"ngày\s+tháng\s+năm 2016", pdftotext(pdf, 1))
    finally:
        ws.close()


def test_agencies_are_named_in_words() -> None:
    # The profile and the keys store a sector's code; the provenance page names it in words.
    assert agency_text("labour_social_affairs") == "Ngành Lao động - Thương binh và Xã hội"
    assert agency_text("commune_committee") == "Ủy ban nhân dân cấp xã"
    assert agency_text("Ủy ban nhân dân xã Hữu Liên") == "Ủy ban nhân dân xã Hữu Liên"
