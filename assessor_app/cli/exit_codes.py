"""Exit codes of the command line (documented in docs/cli.md).

The services raise errors and give reports with stable codes; which exit status each code means
is decided here, by the command line alone."""

from __future__ import annotations

from assessor_app.domain.errors import AssessorError

OK = 0
UNEXPECTED = 1
USAGE = 2
INVALID_INPUT = 3
NOT_FOUND = 4
STATE = 5
STORE = 6
AUDIT_BROKEN = 7

# Verifying and importing a bundle (docs/bundle-format.md, "Verification"): the first failure
# decides the exit status.
BUNDLE_CORRUPT = 20
BUNDLE_FORMAT_VERSION = 21
BUNDLE_TAMPERED = 22
BUNDLE_BAD_SIGNATURE = 23
BUNDLE_UNKNOWN_SIGNER = 24
BUNDLE_REVOKED = 25
BUNDLE_REPLAYED = 26

BY_KIND = {"input": INVALID_INPUT, "not_found": NOT_FOUND, "state": STATE, "store": STORE}

BY_BUNDLE_CODE = {
    "BUNDLE_CORRUPT": BUNDLE_CORRUPT,
    "BUNDLE_FORMAT_VERSION": BUNDLE_FORMAT_VERSION,
    "BUNDLE_TAMPERED": BUNDLE_TAMPERED,
    "BUNDLE_BAD_SIGNATURE": BUNDLE_BAD_SIGNATURE,
    "BUNDLE_UNKNOWN_SIGNER": BUNDLE_UNKNOWN_SIGNER,
    # an enrolled key, under a device id it was not enrolled for
    "BUNDLE_UNKNOWN_DEVICE": BUNDLE_UNKNOWN_SIGNER,
    # above the revocation threshold, or from an unknown device
    "BUNDLE_REVOKED_SIGNER": BUNDLE_REVOKED,
    # at or below it, but not received before the revocation
    "BUNDLE_REVOKED_UNSEEN": BUNDLE_REVOKED,
    "BUNDLE_REPLAYED": BUNDLE_REPLAYED,
    # catalogue releases (issue 15): signed by a key not enrolled as the province's
    "RELEASE_SIGNER_NOT_PROVINCE": BUNDLE_UNKNOWN_SIGNER,
    # validly signed, but a catalogue is not the one its manifest names
    "RELEASE_CATALOGUE_MISMATCH": BUNDLE_CORRUPT,
}


def for_error(error: AssessorError) -> int:
    return BY_KIND.get(error.kind, INVALID_INPUT)


def for_bundle_code(code: str) -> int:
    """The exit status of `verify` for a report's code: 0 when it has none (valid and trusted),
    20–26 for a refusal (an untrusted signer whose code is not known here: 24)."""
    if not code:
        return OK
    return BY_BUNDLE_CODE.get(code, BUNDLE_UNKNOWN_SIGNER)


def for_import(codes: list[str]) -> int:
    """The exit status of an import that was not accepted, from its reasons' codes: the lowest
    bundle status among them, else 5 (held for its content: a conflict, a locked assessment)."""
    found = [BY_BUNDLE_CODE[code] for code in codes if code in BY_BUNDLE_CODE]
    return min(found) if found else STATE
