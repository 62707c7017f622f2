"""The arguments of `sign` and `verify-pdf` (handled in cli/pdf_commands.py): signed PDF documents.
Only argparse and the translations."""

from __future__ import annotations

from typing import Any

from assessor_app.i18n import _


def add_pdf_parsers(commands: Any, command: Any) -> None:
    """`sign FILE.pdf …` and `verify-pdf FILE.pdf …` (called by cli/parser.py)."""
    sign = command(
        commands,
        "sign",
        _(
            "sign a PDF document (PAdES) with a certificate file or a USB token; the passphrase or PIN is asked, or read from $ASSESSOR_CERTIFICATE_PASSPHRASE / $ASSESSOR_TOKEN_PIN"
        ),
    )
    sign.add_argument("file", metavar="FILE.pdf")
    key = sign.add_mutually_exclusive_group(required=True)
    key.add_argument("--pkcs12", metavar="FILE", help=_("certificate file (.p12, .pfx)"))
    key.add_argument(
        "--pkcs11-module",
        metavar="LIB",
        help=_("the token's PKCS#11 driver (.dll, .so), from the token's maker"),
    )
    sign.add_argument(
        "--token", metavar="LABEL", help=_("label of the token (with --pkcs11-module)")
    )
    sign.add_argument(
        "--key-label",
        default="",
        metavar="LABEL",
        help=_("the key on the token (default: its only key)"),
    )
    sign.add_argument(
        "--out", metavar="FILE", help=_("signed copy (default: FILE-da-ky.pdf beside the file)")
    )
    sign.add_argument("--reason", default="", metavar="TEXT", help=_("e.g. Phê duyệt"))
    sign.add_argument("--location", default="", metavar="TEXT", help=_("e.g. Phủ Lý, Hà Nam"))
    sign.add_argument(
        "--visible",
        action="store_true",
        help=_(
            "show the signature on the page: a box with the signer, the date and the organisation, in the space of the signer block"
        ),
    )
    sign.add_argument(
        "--force",
        action="store_true",
        help=_(
            "sign even a document still marked as a draft, provisional or unverified, or printed for another signer"
        ),
    )
    sign.add_argument("--json", action="store_true", help=_("print JSON"))
    verify = command(
        commands,
        "verify-pdf",
        _(
            "check the digital signatures of a PDF document: intact, valid, trusted, who signed and when"
        ),
    )
    verify.add_argument("file", metavar="FILE.pdf")
    verify.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="CERT",
        help=_(
            "a certificate to trust (PEM or DER; repeatable), besides those in the data folder's trusted-certificates"
        ),
    )
    verify.add_argument("--json", action="store_true", help=_("print JSON"))
