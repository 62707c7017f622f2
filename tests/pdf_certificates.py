"""A self-made certificate authority and a signer with a Vietnamese name, as a PKCS#12 file and on a
SoftHSM2 token, for the tests of signed PDFs (tests/integration/test_pdf_signing.py, tests/cli)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

SIGNER_NAME = "Nguyễn Thị Hường"
SIGNER_ORGANISATION = "Sở Y tế tỉnh Hà Nam"
PASSPHRASE = "mật-khẩu-chứng-thư"
TOKEN_LABEL = "tokenthu"
TOKEN_PIN = "123456"
SOFTHSM_MODULES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
)


@dataclass(frozen=True)
class Authority:
    ca_pem: Path  # the CA's certificate: what a user trusts
    signer_pem: Path
    signer_key_der: Path  # PKCS#8, unencrypted: what is written onto the token
    signer_cert_der: Path
    pkcs12: Path  # key + certificate + CA, protected by PASSPHRASE


def _name(common: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def make_authority(folder: Path, elliptic: bool = False) -> Authority:
    """A CA (EC P-256) and a signer certificate it issued (RSA-2048, or EC P-256)."""
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("CA thử nghiệm tỉnh Hà Nam", "Sở Thông tin và Truyền thông")
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_usage(signs_certificates=True), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey = (
        ec.generate_private_key(ec.SECP256R1())
        if elliptic
        else rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    signer = (
        x509.CertificateBuilder()
        .subject_name(_name(SIGNER_NAME, SIGNER_ORGANISATION))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=180))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(signs_certificates=False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    made = Authority(
        ca_pem=folder / "ca.pem",
        signer_pem=folder / "signer.pem",
        signer_key_der=folder / "signer-key.der",
        signer_cert_der=folder / "signer.der",
        pkcs12=folder / "signer.p12",
    )
    made.ca_pem.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    made.signer_pem.write_bytes(signer.public_bytes(serialization.Encoding.PEM))
    made.signer_cert_der.write_bytes(signer.public_bytes(serialization.Encoding.DER))
    made.signer_key_der.write_bytes(
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    made.pkcs12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"signer",
            key,
            signer,
            [ca],
            serialization.BestAvailableEncryption(PASSPHRASE.encode("utf-8")),
        )
    )
    return made


def _usage(signs_certificates: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not signs_certificates,
        content_commitment=not signs_certificates,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=signs_certificates,
        crl_sign=signs_certificates,
        encipher_only=False,
        decipher_only=False,
    )


def softhsm_module() -> Path:
    """SoftHSM2's PKCS#11 driver, or skip: CI installs softhsm2 and opensc (.ci/test)."""
    found = next((Path(p) for p in SOFTHSM_MODULES if Path(p).is_file()), None)
    if found is None or not shutil.which("softhsm2-util") or not shutil.which("pkcs11-tool"):
        pytest.skip("SoftHSM2 and OpenSC are not installed (apt-get install softhsm2 opensc)")
    return found


def make_token(folder: Path, authority: Authority, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A SoftHSM2 token in `folder`, labelled TOKEN_LABEL, holding the signer's key and
    certificate under the label "signer"; returns the PKCS#11 driver."""
    module = softhsm_module()
    tokens = folder / "tokens"
    tokens.mkdir(parents=True)
    config = folder / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(config))
    env = {**os.environ, "SOFTHSM2_CONF": str(config)}

    def run(*args: str) -> None:
        subprocess.run(args, check=True, capture_output=True, env=env, timeout=60)

    run(
        "softhsm2-util", "--init-token", "--free", "--label", TOKEN_LABEL,
        "--so-pin", "87654321", "--pin", TOKEN_PIN,
    )  # fmt: skip
    for kind, path in (("privkey", authority.signer_key_der), ("cert", authority.signer_cert_der)):
        run(
            "pkcs11-tool", "--module", str(module), "--token-label", TOKEN_LABEL,
            "--login", "--pin", TOKEN_PIN, "--write-object", str(path), "--type", kind,
            "--id", "01", "--label", "signer", *(["--usage-sign"] if kind == "privkey" else []),
        )  # fmt: skip
    return module


@pytest.fixture
def authority(tmp_path: Path) -> Authority:
    return make_authority(tmp_path / "ca")


@pytest.fixture
def token(tmp_path: Path, authority: Authority, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A SoftHSM2 token with the signer's key; its driver is unloaded afterwards, so that the next
    test's token (another SOFTHSM2_CONF) is read afresh: python-pkcs11 keeps a driver loaded."""
    module = make_token(tmp_path / "softhsm", authority, monkeypatch)
    yield module
    import pkcs11

    pkcs11.unload(str(module))


def sign_anyway(*args: Any, **kwargs: Any) -> Path:
    """`pdf_signing.sign` of a test document (the fixture dossier is provisional and printed for
    another signer): the readiness check is tested on its own (test_pdf_finality.py)."""
    from assessor_app.services import pdf_signing

    return pdf_signing.sign(*args, force=True, **kwargs)


def sign_document_anyway(*args: Any, **kwargs: Any) -> Any:
    """`pdf_signing.sign_document`, as `sign_anyway`."""
    from assessor_app.services import pdf_signing

    return pdf_signing.sign_document(*args, force=True, **kwargs)
