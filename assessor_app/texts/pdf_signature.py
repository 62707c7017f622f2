"""How the state of a PDF document's digital signature is said, on screen and in the command line
(services/pdf_signatures.py judges it; here it is only put into words). Each state is one short
phrase an official reads next to the signer's name: intact or changed, valid or not, trusted or
not."""

from __future__ import annotations

from assessor_app.i18n import pgettext


def integrity(intact: bool, whole_file: bool, language: str) -> str:
    """Whether the document is as it was signed."""
    if not intact:
        return pgettext("pdf signature", "changed after signing", language)
    if not whole_file:
        return pgettext("pdf signature", "intact, but content was added after signing", language)
    return pgettext("pdf signature", "intact", language)


def validity(valid: bool, language: str) -> str:
    """Whether the signature checks with the signer's certificate."""
    if valid:
        return pgettext("pdf signature", "valid signature", language)
    return pgettext("pdf signature", "invalid signature", language)


def trust(trusted: bool, language: str, broken: bool = False) -> str:
    """Whether the signer's certificate comes from an authority the user trusts. Not said of a
    broken signature (changed, or not valid): who issued the certificate of a signature that no
    longer holds says nothing about the document, and "not trusted" would mislead."""
    if broken:
        return pgettext(
            "pdf signature", "trust not considered: the signature is no longer intact", language
        )
    if trusted:
        return pgettext("pdf signature", "trusted certificate", language)
    return pgettext("pdf signature", "certificate not from a trusted authority", language)


def concerns(marks: tuple[str, ...], certificate: str, printed: str, language: str) -> list[str]:
    """One sentence for each reason not to sign yet (services/pdf_finality.py finds them): the
    marks of a document not final ("draft", "provisional", "unverified", "demo") and, when
    `printed` is given, another signer printed on the document than the certificate's."""
    said = {
        "draft": pgettext(
            "pdf signing concern", "The document still carries the DRAFT mark (DỰ THẢO).", language
        ),
        "provisional": pgettext(
            "pdf signing concern",
            "The document still carries the banner of a catalogue with PROVISIONAL content (TẠM TÍNH): it is not an official document yet.",
            language,
        ),
        "unverified": pgettext(
            "pdf signing concern",
            "The document still says its content must be checked before signing (cần kiểm tra trước khi ký).",
            language,
        ),
        "demo": pgettext(
            "pdf signing concern",
            "The document was printed from demo data (DEMO): it has no legal value.",
            language,
        ),
    }
    lines = [said[mark] for mark in marks if mark in said]
    if printed:
        lines.append(
            pgettext(
                "pdf signing concern",
                "The signer on the certificate ({certificate}) is not the signer printed on the document ({printed}).",
                language,
            ).format(certificate=certificate, printed=printed)
        )
    return lines
