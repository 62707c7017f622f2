"""Make the small page images of docs/reports.md ("What the documents look like"):

    python docs/make_document_images.py

Builds every kind of document from real stores (tests/document_gallery.py, the same ones the test
suite renders under test-artifacts/documents/) and writes the first page of each, at 40 dpi, to
docs/img/NAME.png. Run it after changing how a document looks, and commit the images.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.document_gallery import every_document  # noqa: E402 (the repository's root first)

DPI = 40


def main() -> int:
    out = ROOT / "docs" / "img"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for name, data in every_document(folder / "stores").items():
            pdf = folder / f"{name}.pdf"
            pdf.write_bytes(data)
            subprocess.run(
                ["pdftoppm", "-r", str(DPI), "-png", "-f", "1", "-l", "1", "-singlefile",
                 str(pdf), str(out / name)],
                check=True,
            )  # fmt: skip
            print(out / f"{name}.png")  # noqa: T201 (the script's output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
