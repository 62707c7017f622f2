"""`sign` and `verify-pdf`: signed PDF documents (docs/cli.md, "Signed PDF documents").

The certificate file's passphrase and the token's PIN are never typed on the command line (the
shell history keeps it): they are asked without echo, or read from $ASSESSOR_CERTIFICATE_PASSPHRASE
and $ASSESSOR_TOKEN_PIN (scripts, tests)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from assessor_app import i18n
from assessor_app.cli.exit_codes import (
    BUNDLE_BAD_SIGNATURE,
    BUNDLE_TAMPERED,
    BUNDLE_UNKNOWN_SIGNER,
    OK,
)
from assessor_app.cli.formatting import emit_json, line, problem
from assessor_app.cli.passphrase import read_secret
from assessor_app.domain.errors import N_, InputError
from assessor_app.i18n import _
from assessor_app.paths import data_home
from assessor_app.services import pdf_signatures, pdf_signing
from assessor_app.services.pdf_signatures import PdfSignature
from assessor_app.texts import dates, pdf_signature

CERTIFICATE_PASSPHRASE_ENV = "ASSESSOR_CERTIFICATE_PASSPHRASE"
TOKEN_PIN_ENV = "ASSESSOR_TOKEN_PIN"


def _key(args: argparse.Namespace) -> pdf_signing.SigningKey:
    if args.pkcs12:
        secret = read_secret(CERTIFICATE_PASSPHRASE_ENV, _("Passphrase of the certificate file: "))
        return pdf_signing.CertificateFile(Path(args.pkcs12), secret)
    if not args.token:
        raise InputError(
            "PDF_TOKEN_LABEL_REQUIRED",
            N_(
                "Say which token to sign with: --token LABEL (the label printed by the token's tool)."
            ),
        )
    pin = read_secret(TOKEN_PIN_ENV, _("PIN of the token: "))
    return pdf_signing.Token(Path(args.pkcs11_module), args.token, pin, args.key_label)


def cmd_sign(args: argparse.Namespace) -> int:
    from assessor_app.services.pdf_finality import NotReadyToSign  # reads reportlab's layout

    key = _key(args)
    try:
        signed = pdf_signing.sign_document(
            Path(args.file),
            Path(args.out) if args.out else None,
            key,
            reason=args.reason,
            location=args.location,
            visible=args.visible,
            force=args.force,
        )
    except NotReadyToSign as refused:  # each concern on its own line, then the coded refusal
        found = refused.concerns
        printed = found.printed_signer if found.other_signer else ""
        for said in pdf_signature.concerns(
            found.marks, found.certificate_signer, printed, i18n.language()
        ):
            problem(said)
        raise
    if args.json:
        emit_json({"file": str(signed.path), "drawn": signed.drawn})
    else:
        line(_("Signed copy written to {path}").format(path=signed.path))
        if args.visible and not signed.drawn:
            line(
                _(
                    "No free space was found on the page for the signature box: the signature is in the file, but not drawn."
                )
            )
    return OK


def cmd_verify_pdf(args: argparse.Namespace) -> int:
    home = data_home(getattr(args, "home", None))
    roots = pdf_signatures.trust_roots([Path(p) for p in args.trust], home)
    found = pdf_signatures.verify(Path(args.file), roots)
    if args.json:
        emit_json({"file": args.file, "signatures": [_json(s) for s in found]})
    else:
        for number, signature in enumerate(found, start=1):
            _print(number, signature)
        line(_("Revocation is not checked: the app works offline."))
    return exit_code(found)


def exit_code(found: list[PdfSignature]) -> int:
    """22 when a signature no longer covers the document as it is, else 23 for an invalid one,
    else 24 for an untrusted signer; 0 when every signature is good (docs/cli.md)."""
    if any(s.modified_after_signing for s in found):
        return BUNDLE_TAMPERED
    if not all(s.valid for s in found):
        return BUNDLE_BAD_SIGNATURE
    if not all(s.trusted for s in found):
        return BUNDLE_UNKNOWN_SIGNER
    return OK


def _json(signature: PdfSignature) -> dict[str, Any]:
    return {
        "field": signature.field,
        "intact": signature.intact,
        "valid": signature.valid,
        "trusted": None if signature.broken else signature.trusted,  # not judged when broken
        "whole_file": signature.whole_file,
        "signer": signature.signer,
        "organisation": signature.organisation,
        "signed_at": signature.signed_at.isoformat() if signature.signed_at else None,
    }


def _print(number: int, signature: PdfSignature) -> None:
    language = i18n.language()
    signer = signature.signer or "—"
    if signature.organisation:
        signer = f"{signer} ({signature.organisation})"
    when = dates.moment(dates.local(signature.signed_at)) if signature.signed_at else "—"
    line(
        _("Signature {number}: {signer}, signed at {time}").format(
            number=number, signer=signer, time=when
        )
    )
    line(
        "  "
        + "; ".join(
            (
                pdf_signature.integrity(signature.intact, signature.whole_file, language),
                pdf_signature.validity(signature.valid, language),
                pdf_signature.trust(signature.trusted, language, signature.broken),
            )
        )
    )
