"""Expected errors of the bundle library: a stable code, a category, and an English template.

The code is what the command line maps to an exit status and what a receipt records; the category
groups codes for callers that only need to know what kind of failure it was:

| category | codes |
|---|---|
| `corrupt` | `BUNDLE_CORRUPT` (not a ZIP, unsafe, too large, not one bag, malformed JSON...), `BUNDLE_EXPORT_TOO_LARGE`, `RECEIPT_INVALID` (malformed) |
| `format_version` | `BUNDLE_FORMAT_VERSION` |
| `tampered` | `BUNDLE_TAMPERED` (a hash differs, a file is missing or extra) |
| `bad_signature` | `BUNDLE_BAD_SIGNATURE`, `RECEIPT_INVALID` (signature does not verify) |
| `key` | `KEY_PASSPHRASE_EMPTY`, `KEY_BAD_PASSPHRASE`, `KEY_FILE_INVALID`, `KEY_CARD_INVALID`, `KEY_CARD_TOO_LONG`, `KEY_FINGERPRINT_INVALID`, `ROTATION_INVALID` |

Templates are written where the error is raised (`N_("...")`, so the message extractor finds them);
the helpers below only attach the code and the category.
"""

from __future__ import annotations

from typing import Any, Literal

from assessor_app.domain.errors import InputError

Category = Literal["corrupt", "format_version", "tampered", "bad_signature", "key"]

BUNDLE_CORRUPT = "BUNDLE_CORRUPT"
BUNDLE_TAMPERED = "BUNDLE_TAMPERED"
BUNDLE_BAD_SIGNATURE = "BUNDLE_BAD_SIGNATURE"
BUNDLE_EXPORT_TOO_LARGE = "BUNDLE_EXPORT_TOO_LARGE"
KEY_PASSPHRASE_EMPTY = "KEY_PASSPHRASE_EMPTY"
KEY_BAD_PASSPHRASE = "KEY_BAD_PASSPHRASE"
KEY_FILE_INVALID = "KEY_FILE_INVALID"
KEY_CARD_INVALID = "KEY_CARD_INVALID"
KEY_CARD_TOO_LONG = "KEY_CARD_TOO_LONG"
KEY_FINGERPRINT_INVALID = "KEY_FINGERPRINT_INVALID"
ROTATION_INVALID = "ROTATION_INVALID"
RECEIPT_INVALID = "RECEIPT_INVALID"


class BundleError(InputError):
    """An expected failure while making, reading or verifying bundles, keys, cards or receipts."""

    def __init__(self, code: str, template: str, /, *, category: Category, **params: Any) -> None:
        self.category: Category = category
        super().__init__(code, template, **params)


def corrupt(template: str, **params: Any) -> BundleError:
    return BundleError(BUNDLE_CORRUPT, template, category="corrupt", **params)


def format_version(template: str, **params: Any) -> BundleError:
    return BundleError("BUNDLE_FORMAT_VERSION", template, category="format_version", **params)


def tampered(template: str, **params: Any) -> BundleError:
    return BundleError(BUNDLE_TAMPERED, template, category="tampered", **params)


def bad_signature(template: str, **params: Any) -> BundleError:
    return BundleError(BUNDLE_BAD_SIGNATURE, template, category="bad_signature", **params)


def key_error(code: str, template: str, **params: Any) -> BundleError:
    return BundleError(code, template, category="key", **params)
