"""Checking the signatures of a PDF document: intact, valid, trusted, who signed, when.

Each signature is judged on its own (a document may be co-signed):
- intact: the bytes it covers are those that were signed;
- valid: intact, and its cryptographic signature checks with the signer's certificate;
- trusted: the signer's certificate chains up to a certificate the user trusts: files given for
  this check (`--trust CA.pem`) plus those kept in the data folder's `trusted-certificates`
  (the national root CA and the licensed CAs the province uses). Nothing is fetched: the app is
  offline, so revocation is not checked (the report says so);
- covers the whole file: nothing was added after signing (an added page, an edited form field).

pyHanko is imported only when a check runs (see services/pdf_signing.py).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from assessor_app.domain.errors import N_, InputError, NotFoundError
from assessor_app.domain.text import nfc
from assessor_app.paths import DataHome
from assessor_app.services.pdf_signing import not_a_pdf, read_pdf

TRUSTED_FOLDER = "trusted-certificates"
CERTIFICATE_SUFFIXES = (".pem", ".crt", ".cer", ".der")


@dataclass(frozen=True)
class PdfSignature:
    """What one signature of a document says."""

    field: str
    intact: bool
    valid: bool
    trusted: bool
    signer: str  # the certificate's common name (CN), NFC; "" when unreadable
    organisation: str  # its organisation (O), NFC
    signed_at: datetime | None  # the time the signer's computer gave (PAdES B-B: no time-stamp)
    whole_file: bool  # the signature covers the file as it is: nothing added after it

    @property
    def modified_after_signing(self) -> bool:
        return not self.intact or not self.whole_file

    @property
    def broken(self) -> bool:
        """The signature no longer holds (bytes changed, or it does not check): its trust is
        not judged."""
        return not self.intact or not self.valid

    @property
    def good(self) -> bool:
        """Intact, valid, trusted and covering the whole file: the document is as signed."""
        return self.intact and self.valid and self.trusted and self.whole_file


def trusted_folder(home: DataHome) -> Path:
    """The folder of certificates trusted on this computer (created by the user, when needed)."""
    return home.root / TRUSTED_FOLDER


def trust_roots(files: Sequence[Path], home: DataHome | None = None) -> list[Any]:
    """The certificates given plus those in the data folder's trusted folder, as asn1crypto
    certificates; a coded error names a given file that is not a certificate (a bad file in the
    folder is skipped, so one stray file does not stop every check)."""
    roots = [_certificate(path) for path in files]
    if home is not None:
        folder = trusted_folder(home)
        kept = sorted(folder.iterdir()) if folder.is_dir() else []
        for path in kept:
            if path.suffix.lower() in CERTIFICATE_SUFFIXES:
                try:
                    roots.append(_certificate(path))
                except InputError:
                    logging.getLogger(__name__).warning("not a certificate, skipped: %s", path)
    return roots


def _certificate(path: Path) -> Any:
    from asn1crypto import pem, x509

    try:
        raw = path.read_bytes()
    except OSError:
        raise InputError(
            "FILE_NOT_FOUND", N_("The file {path} does not exist."), path=str(path)
        ) from None
    try:
        if pem.detect(raw):
            raw = pem.unarmor(raw)[2]
        certificate = x509.Certificate.load(raw)
        certificate.native  # noqa: B018 - parses it all now, so a bad file fails here
    except (ValueError, TypeError):
        raise InputError(
            "PDF_TRUST_BAD_CERT",
            N_("The file {path} is not a certificate (PEM or DER)."),
            path=str(path),
        ) from None
    return certificate


def verify(path: Path, roots: Iterable[Any] = ()) -> list[PdfSignature]:
    """The signatures of the PDF at `path`, in the order they were made."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    raw = read_pdf(path)
    try:
        found = list(PdfFileReader(io.BytesIO(raw), strict=False).embedded_signatures)
    except (PdfError, ValueError, KeyError, TypeError):
        raise not_a_pdf(path) from None
    if not found:
        raise NotFoundError(
            "PDF_NO_SIGNATURE", N_("The file {path} has no digital signature."), path=str(path)
        )
    trusted = list(roots)
    return [_checked(embedded, trusted) for embedded in found]


def _checked(embedded: Any, roots: list[Any]) -> PdfSignature:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        status = validate_pdf_signature(embedded, context)
    except (SignatureValidationError, ValueError, KeyError, TypeError):
        # the signature itself is damaged (bytes changed inside it): neither intact nor valid
        return PdfSignature(str(embedded.field_name), False, False, False, "", "", None, False)
    subject = status.signing_cert.subject.native
    return PdfSignature(
        field=str(embedded.field_name),
        intact=bool(status.intact),
        valid=bool(status.valid and status.intact),  # a changed document has no valid signature
        trusted=bool(status.trusted),
        signer=nfc(str(subject.get("common_name", ""))),
        organisation=nfc(str(subject.get("organization_name", ""))),
        signed_at=status.signer_reported_dt,
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
    )
