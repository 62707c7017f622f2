"""The command line's exit statuses for bundle codes (docs/cli.md): the numbers stay as documented."""

from __future__ import annotations

from assessor_app.cli import exit_codes
from assessor_app.services import bundle_import


def test_every_code_a_report_can_have_has_its_documented_status() -> None:
    assert {code: exit_codes.for_bundle_code(code) for code in bundle_import.VERIFY_CODES} == {
        "BUNDLE_CORRUPT": 20,
        "BUNDLE_FORMAT_VERSION": 21,
        "BUNDLE_TAMPERED": 22,
        "BUNDLE_BAD_SIGNATURE": 23,
        "BUNDLE_UNKNOWN_SIGNER": 24,
        "BUNDLE_UNKNOWN_DEVICE": 24,
        "BUNDLE_REVOKED_SIGNER": 25,
        "BUNDLE_REVOKED_UNSEEN": 25,
        "BUNDLE_REPLAYED": 26,
    }
    assert exit_codes.for_bundle_code("") == exit_codes.OK


def test_an_import_exits_with_the_lowest_bundle_status_else_state() -> None:
    assert (
        exit_codes.for_import(["IMPORT_CONFLICT", "BUNDLE_REPLAYED", "BUNDLE_UNKNOWN_SIGNER"]) == 24
    )
    assert exit_codes.for_import(["IMPORT_CONFLICT"]) == exit_codes.STATE
    assert exit_codes.for_import([]) == exit_codes.STATE
