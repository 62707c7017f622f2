"""Signing a PDF document (PAdES B-B, with pyHanko) by a certificate file or a USB token.

Vietnamese officials sign with a certificate from a licensed CA, kept either in a PKCS#12 file
(.p12/.pfx, protected by a passphrase) or on a USB token reached through the token maker's PKCS#11
driver (protected by a PIN). Both give the same signature: a PAdES baseline B-B signature
(/ETSI.CAdES.detached, SHA-256, signing time in /M). B-T and above need a time-stamping authority
or OCSP, which an offline app does not have.

pyHanko is imported only here and in services/pdf_signatures.py, when a document is signed or
checked, so that neither the window nor the other commands pay for it at start-up.

The signed copy is written beside its target as a temporary file, fsynced and renamed; the input is
never overwritten unless the caller asks for it. On any refusal (wrong passphrase or PIN, no such
token, not a PDF) nothing is written.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assessor_app.core.files import write_atomic
from assessor_app.core.progress import OperationCancelled
from assessor_app.domain.errors import N_, InputError, NotFoundError, StateError
from assessor_app.domain.text import nfc

MAX_PDF_BYTES = 200 * 1024 * 1024  # a dossier with its photos is a few MB; refuse the absurd
SIGNED_SUFFIX = "-da-ky"  # report.pdf -> report-da-ky.pdf ("đã ký": signed), when no --out


@dataclass(frozen=True)
class CertificateFile:
    """A PKCS#12 file (.p12, .pfx) holding the signer's key and certificate."""

    path: Path
    passphrase: str


@dataclass(frozen=True)
class Token:
    """A USB token (or smart card) reached through its maker's PKCS#11 driver (`module`)."""

    module: Path
    label: str
    pin: str
    key_label: str = ""  # the key to sign with; "" when the token holds one key only


SigningKey = CertificateFile | Token


def signed_name(source: Path) -> Path:
    """Where the signed copy of `source` goes when no name is given: beside it, `-da-ky.pdf`."""
    return source.with_name(f"{source.stem}{SIGNED_SUFFIX}{source.suffix or '.pdf'}")


def read_pdf(path: Path) -> bytes:
    """The bytes of a PDF the user names, with coded errors for a missing file or another kind."""
    try:
        if path.stat().st_size > MAX_PDF_BYTES:
            raise InputError("FILE_TOO_LARGE", N_("The file {path} is too large."), path=str(path))
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            "FILE_NOT_FOUND", N_("The file {path} does not exist."), path=str(path)
        ) from None
    except IsADirectoryError:
        raise InputError(
            "FILE_IS_FOLDER", N_("{path} is a folder, not a file."), path=str(path)
        ) from None
    except PermissionError:
        raise InputError(
            "FILE_NOT_READABLE",
            N_("The file {path} cannot be read (permission denied)."),
            path=str(path),
        ) from None
    if not raw.lstrip()[:5] == b"%PDF-":
        raise not_a_pdf(path)
    return raw


def not_a_pdf(path: Path) -> InputError:
    return InputError(
        "PDF_NOT_PDF", N_("The file {path} is not a PDF document or is damaged."), path=str(path)
    )


@dataclass(frozen=True)
class Signed:
    path: Path  # the signed copy
    drawn: bool  # the signature has a stamp box on a page (asked with `visible`, and room found)


def sign(
    source: Path,
    target: Path | None,
    key: SigningKey,
    *,
    reason: str = "",
    location: str = "",
    replace_input: bool = False,
    visible: bool = False,
    force: bool = False,
) -> Path:
    """`sign_document`, saying only where the signed copy was written."""
    return sign_document(
        source,
        target,
        key,
        reason=reason,
        location=location,
        replace_input=replace_input,
        visible=visible,
        force=force,
    ).path


def sign_document(
    source: Path,
    target: Path | None,
    key: SigningKey,
    *,
    reason: str = "",
    location: str = "",
    replace_input: bool = False,
    visible: bool = False,
    cancelled: Callable[[], bool] | None = None,
    force: bool = False,
) -> Signed:
    """Sign the PDF `source` with `key` and write the signed copy to `target` (default: beside
    the source, see `signed_name`); return where it was written. `visible`: a stamp box over the
    signer block (services/pdf_appearance.py). `cancelled` is asked once the signature is made,
    before anything is written: a cancelled signing writes nothing. Unless `force`, a document
    that is not final or whose printed signer is not the certificate's is refused
    (`pdf_finality.NotReadyToSign`, naming each concern) before anything is signed."""
    out = target if target is not None else signed_name(source)
    if _same_file(source, out) and not replace_input:
        raise StateError(
            "PDF_SIGN_SAME_FILE",
            N_(
                "The signed copy would replace {path}; give another output file name, the original stays as it is."
            ),
            path=str(source),
        )
    raw = read_pdf(source)
    text = Meta(nfc(reason.strip()), nfc(location.strip()), visible, force)
    signed, drawn = _signed_bytes(raw, source, key, text)
    if cancelled is not None and cancelled():
        raise OperationCancelled()
    write_atomic(out, signed)
    return Signed(out, drawn)


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False


@dataclass(frozen=True)
class Meta:
    reason: str
    location: str
    visible: bool
    force: bool = False  # sign even a document not final, or printed for another signer


def _signed_bytes(raw: bytes, source: Path, key: SigningKey, meta: Meta) -> tuple[bytes, bool]:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError

    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(raw), strict=False)
        taken = len(writer.prev.embedded_signatures)
    except (PdfError, ValueError, KeyError, TypeError):
        raise not_a_pdf(source) from None
    from assessor_app.services import pdf_appearance

    try:
        found = pdf_appearance.placement(raw)
    except Exception:  # pypdf cannot read the text: sign without the stamp rather than fail
        found = None
    printed = found.signer if found is not None else ""
    at = found if meta.visible else None

    def ready(certificate: Any) -> None:
        if meta.force:
            return
        from assessor_app.services import pdf_finality

        concerns = pdf_finality.concerns(
            raw, pdf_appearance.text_params(certificate)["signer"], printed
        )
        if concerns:
            raise pdf_finality.NotReadyToSign(concerns)

    if isinstance(key, CertificateFile):
        return _sign_with(writer, _file_signer(key), taken, meta, at, ready), at is not None
    return _sign_on_token(writer, key, taken, meta, at, ready), at is not None


def _sign_with(
    writer: Any, signer: Any, taken: int, text: Meta, at: Any, ready: Callable[[Any], None]
) -> bytes:
    from pyhanko.sign import fields, signers

    ready(signer.signing_cert)  # before anything is signed

    name = f"ChuKySo{taken + 1}"  # a new field each time: a document may be co-signed
    meta = signers.PdfSignatureMetadata(
        field_name=name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=text.reason or None,
        location=text.location or None,
    )
    out = io.BytesIO()
    if at is None:
        signers.sign_pdf(writer, meta, signer=signer, output=out)
        return out.getvalue()
    from assessor_app.services import pdf_appearance

    params = pdf_appearance.text_params(signer.signing_cert)
    box, size = pdf_appearance.fitted(at, params)  # the box sized to the signer's own words
    pdf_signer = signers.PdfSigner(
        meta,
        signer=signer,
        stamp_style=pdf_appearance.stamp_style(size, pdf_appearance.stamp_template(params)),
        new_field_spec=fields.SigFieldSpec(sig_field_name=name, on_page=at.page, box=box),
    )
    pdf_signer.sign_pdf(writer, output=out, appearance_text_params=params)
    return out.getvalue()


def _file_signer(key: CertificateFile) -> Any:
    from pyhanko.sign import signers

    try:
        data = key.path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            "FILE_NOT_FOUND", N_("The file {path} does not exist."), path=str(key.path)
        ) from None
    except OSError:
        raise InputError(
            "FILE_NOT_READABLE",
            N_("The file {path} cannot be read (permission denied)."),
            path=str(key.path),
        ) from None
    try:
        return signers.SimpleSigner.load_pkcs12_data(
            data, other_certs=(), passphrase=key.passphrase.encode("utf-8") or None
        )
    except (ValueError, TypeError):
        # cryptography says the same for a wrong passphrase and for a file of another kind
        raise InputError(
            "PDF_SIGN_BAD_PASSPHRASE",
            N_(
                "The certificate file {path} cannot be opened: the passphrase is wrong, or it is not a PKCS#12 (.p12, .pfx) file."
            ),
            path=str(key.path),
        ) from None


def _sign_on_token(
    writer: Any, key: Token, taken: int, meta: Meta, at: Any, ready: Callable[[Any], None]
) -> bytes:
    import pkcs11.exceptions as token_errors
    from pyhanko.sign import pkcs11 as signing_token

    session = _open_session(key)
    try:
        label = key.key_label or _only_key_label(session, key)
        signer = signing_token.PKCS11Signer(
            session,
            cert_label=label,
            key_label=label,
            # hash on the computer, sign the digest on the token: every token has the raw
            # mechanisms (SoftHSM has no CKM_ECDSA_SHA256; many CA tokens lack one or another)
            use_raw_mechanism=True,
        )
        try:
            return _sign_with(writer, signer, taken, meta, at, ready)
        except token_errors.PKCS11Error:
            raise NotFoundError(
                "PDF_TOKEN_NO_KEY",
                N_("The token {token} has no key and certificate labelled {key}."),
                token=key.label,
                key=label,
            ) from None
    finally:
        session.close()


def _open_session(key: Token) -> Any:
    import pkcs11
    import pkcs11.exceptions as token_errors
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign import pkcs11 as signing_token

    try:
        pkcs11.lib(str(key.module))  # loaded once per process; a bad driver fails here, alone
    except (OSError, RuntimeError):
        raise _bad_module(key) from None
    try:
        return signing_token.open_pkcs11_session(
            str(key.module), token_criteria=TokenCriteria(label=key.label), user_pin=key.pin
        )
    except (token_errors.PinIncorrect, token_errors.PinInvalid, token_errors.PinLenRange):
        raise InputError(
            "PDF_TOKEN_BAD_PIN", N_("The PIN of the token {token} is wrong."), token=key.label
        ) from None
    except token_errors.PinLocked:
        raise StateError(
            "PDF_TOKEN_LOCKED",
            N_(
                "The token {token} is locked after too many wrong PINs; ask its issuer to unlock it."
            ),
            token=key.label,
        ) from None
    except token_errors.PKCS11Error:
        raise NotFoundError(
            "PDF_TOKEN_NOT_FOUND", N_("No token labelled {token} is plugged in."), token=key.label
        ) from None


def _bad_module(key: Token) -> InputError:
    return InputError(
        "PDF_TOKEN_MODULE",
        N_("The token driver {path} does not exist or cannot be loaded."),
        path=str(key.module),
    )


def _only_key_label(session: Any, key: Token) -> str:
    """The label of the token's one private key; a coded error when it has none or several."""
    from pkcs11 import Attribute, ObjectClass

    labels = sorted(
        str(found[Attribute.LABEL])
        for found in session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})
    )
    if len(labels) == 1:
        return labels[0]
    if not labels:
        raise NotFoundError(
            "PDF_TOKEN_NO_KEY",
            N_("The token {token} has no key and certificate labelled {key}."),
            token=key.label,
            key="*",
        )
    raise InputError(
        "PDF_TOKEN_WHICH_KEY",
        N_("The token {token} holds several keys ({labels}); say which one to sign with."),
        token=key.label,
        labels=", ".join(labels),
    )
