"""Is a PDF ready to be signed? Read before signing, so that a signature never goes silently on a
document that is not final or onto another person's signer block.

Two concerns, read from the document's own text (pypdf):
- not final: it still carries a mark the app prints on what is not yet an official document: the
  "DỰ THẢO" label of a draft (reports/layout_pages.py), the banner of a catalogue with provisional
  content (reports/layout.py), the note of a decision whose authority is not verified
  (services/decision_documents.py), the DEMO banner of demo data;
- another signer: the certificate's common name is not the name printed in the signer block the
  signature goes into (the last one not yet stamped; services/pdf_appearance.py finds it).

The signer may go on anyway (GUI: "Vẫn ký"; CLI: `sign --force`); otherwise nothing is signed.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from assessor_app.domain.errors import N_, StateError
from assessor_app.domain.text import nfc
from assessor_app.reports.layout import DEMO_BANNER, PROVISIONAL_BANNER
from assessor_app.reports.layout_pages import DRAFT_LABEL

# the words each mark prints, as they come out of the page's text (spaces squeezed)
DRAFT = "draft"
PROVISIONAL = "provisional"
UNVERIFIED = "unverified"
DEMO = "demo"
MARKS: tuple[tuple[str, str], ...] = (
    (DRAFT, DRAFT_LABEL),
    (DRAFT, "BẢN NHÁP"),
    (PROVISIONAL, PROVISIONAL_BANNER.split(",")[0]),  # "Bộ tiêu chí có nội dung TẠM TÍNH"
    (UNVERIFIED, "cần kiểm tra trước khi ký"),
    (DEMO, DEMO_BANNER.split("—")[0].strip()),  # "DEMO"
)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Concerns:
    """What the signer should know before signing; empty when the document is ready."""

    marks: tuple[str, ...]  # DRAFT, PROVISIONAL, UNVERIFIED, DEMO found in the text, in that order
    certificate_signer: str  # the certificate's common name
    printed_signer: str  # the name in the signer block the signature goes into; "" when none

    @property
    def other_signer(self) -> bool:
        return bool(self.printed_signer) and not same_person(
            self.certificate_signer, self.printed_signer
        )

    def __bool__(self) -> bool:
        return bool(self.marks) or self.other_signer


class NotReadyToSign(StateError):
    """Signing refused until the signer confirms (`force`); `concerns` says why."""

    def __init__(self, concerns: Concerns) -> None:
        if concerns.marks:
            super().__init__(
                "PDF_SIGN_NOT_FINAL",
                N_(
                    "The document is not final (it still carries a draft, provisional or unverified mark): it is not signed. Sign it anyway with --force."
                ),
            )
        else:
            super().__init__(
                "PDF_SIGN_SIGNER_MISMATCH",
                N_(
                    "The signer on the certificate ({certificate}) is not the signer printed on the document ({printed}): it is not signed. Sign it anyway with --force."
                ),
                certificate=concerns.certificate_signer,
                printed=concerns.printed_signer,
            )
        self.concerns = concerns


def _squeezed(text: str) -> str:
    return _SPACES.sub(" ", nfc(text)).strip()


def same_person(certificate: str, printed: str) -> bool:
    """The certificate's name and the printed one name the same person: equal ignoring case and
    spacing, or one holds the other (a CN may add the office: "Nguyễn Văn A - UBND tỉnh")."""
    one, other = _squeezed(certificate).casefold(), _squeezed(printed).casefold()
    return bool(one) and (one in other or other in one)


def marks_in(text: str) -> tuple[str, ...]:
    """The marks of a document not final found in its text."""
    squeezed = _squeezed(text)
    found = []
    for mark, words in MARKS:
        if mark not in found and re.search(rf"(?<!\w){re.escape(words)}(?!\w)", squeezed):
            found.append(mark)
    return tuple(found)


def document_text(raw: bytes) -> str:
    """Every page's text; "" when pypdf cannot read it (then no mark is found)."""
    from pypdf import PdfReader

    try:
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(raw)).pages)
    except Exception:  # a PDF pypdf cannot read: pyHanko signs it or refuses it on its own
        return ""


def concerns(raw: bytes, certificate_signer: str, printed_signer: str) -> Concerns:
    return Concerns(marks_in(document_text(raw)), nfc(certificate_signer), nfc(printed_signer))
