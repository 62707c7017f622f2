"""Some pages of a PDF, as a PDF: what printing a page range to a file writes.

The pages are copied as they are (text, fonts and drawings stay vector, the file stays the size of
its pages), with pypdf, rather than rendered to pictures; the document's information (title,
author, dates) goes with them.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter


def page_range(pdf: bytes, first: int, last: int) -> bytes:
    """Pages `first` to `last` (1-based, inclusive; clipped to the document) of `pdf`."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    count = len(reader.pages)
    for index in range(max(first, 1) - 1, min(last, count)):
        writer.add_page(reader.pages[index])
    if reader.metadata:
        writer.add_metadata(dict(reader.metadata))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
