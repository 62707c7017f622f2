"""Every page of the sample documents as PNG under test-artifacts/reports/, for people to look at,
with the checks a machine can do: one image per page, ink on every page, nothing in the side
margins (a table or a line running off the text area)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageOps

from assessor_app.reports.dossier import render_dossier
from assessor_app.reports.layout import MARGIN_LEFT, MARGIN_RIGHT, PAGE_WIDTH
from assessor_app.reports.summary import render_summary
from tests.unit.reports import fixtures

DPI = 60
POINTS_PER_INCH = 72

SAMPLES: dict[str, Callable[[], bytes]] = {
    "dossier-qd06-huu-lien-2026": lambda: render_dossier(fixtures.dossier_qd06()),
    "dossier-qd34-yen-binh-2016": lambda: render_dossier(fixtures.dossier_qd34()),
    "dossier-qd06-demo": lambda: render_dossier(fixtures.dossier_qd06(demo=True)),
    "dossier-qd06-draft": lambda: render_dossier(replace(fixtures.dossier_qd06(), draft=True)),
    "summary-province-2026-demo": lambda: render_summary(fixtures.summary_province_2026(True)),
    "summary-huu-lung-2016": lambda: render_summary(fixtures.summary_district_2016()),
}


def pixels(points: float) -> int:
    return round(points * DPI / POINTS_PER_INCH)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_pages_rendered_for_review(name: str) -> None:
    pdf = fixtures.ARTIFACTS / f"{name}.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(SAMPLES[name]())
    images = fixtures.render_pages(pdf, fixtures.ARTIFACTS, name, DPI)
    assert len(images) == fixtures.page_count(pdf)
    demo = "demo" in name or "draft" in name  # their diagonal marks cross the margins
    for path in images:
        with Image.open(path) as image:
            gray = ImageOps.grayscale(image)
            assert gray.getbbox() is not None
            assert ImageOps.invert(gray).getbbox() is not None, f"{path.name} is blank"
            if demo:  # the DEMO mark crosses the margins on purpose
                continue
            width, height = gray.size
            left = gray.crop((0, 0, pixels(MARGIN_LEFT) - 3, height))
            right = gray.crop((pixels(PAGE_WIDTH - MARGIN_RIGHT) + 3, 0, width, height))
            for side, strip in (("left", left), ("right", right)):
                darkest = strip.getextrema()[0]
                assert isinstance(darkest, int | float)
                assert darkest > 200, f"{path.name}: ink in the {side} margin"


def test_artifacts_are_where_the_docs_say() -> None:
    assert Path(fixtures.ROOT) / "test-artifacts" / "reports" == fixtures.ARTIFACTS
