"""Number arguments of the command line (ids, years, bundle numbers, percentages).

Python's `int()` and `float()` take digits of every script ("４９", "٤٩"), underscores ("1_000"),
white space and, for `float`, "nan" and "inf". An official's keyboard may type full-width digits
without their noticing; rather than guessing, the command line accepts only the digits 0-9 (and a
point for decimals) and says so (docs/cli.md, "What the command line accepts"). A bad number is a
usage error: argparse prints it as "argument ID: …" in one line with the hint to `--help`.
"""

from __future__ import annotations

import argparse
import re

from assessor_app.domain.text import shorten
from assessor_app.i18n import _

# Ids, years and bundle numbers have at most 19 digits; 30 leaves room for a mistyped id to be
# reported as "not found" rather than refused, while keeping absurd input out of int().
MAX_DIGITS = 30
LARGEST_SEQUENCE = 2**63 - 1  # bundle numbers are SQLite integers

_WHOLE = re.compile(r"-?[0-9]+", re.ASCII)
_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?", re.ASCII)


def whole_number(text: str) -> int:
    """An argparse `type`: a whole number written with the digits 0-9 (a leading minus allowed,
    so that a negative id is reported as not found by the command, like any unknown id)."""
    if not _WHOLE.fullmatch(text):
        raise argparse.ArgumentTypeError(
            _("'{text}' is not a whole number; type it with the digits 0-9.").format(
                text=shorten(text)
            )
        )
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise argparse.ArgumentTypeError(
            _("'{text}' has more than {count} digits; check the number.").format(
                text=shorten(text), count=MAX_DIGITS
            )
        )
    return int(text)


def sequence_number(text: str) -> int:
    """An argparse `type`: a bundle number from 0 up to the largest the store can hold."""
    number = whole_number(text)
    if not 0 <= number <= LARGEST_SEQUENCE:
        raise argparse.ArgumentTypeError(
            _("'{text}' is not a bundle number; give a whole number from 0 to {largest}.").format(
                text=shorten(text), largest=LARGEST_SEQUENCE
            )
        )
    return number


def decimal_number(text: str) -> float:
    """An argparse `type`: a number with the digits 0-9 and an optional decimal point (a leading
    minus is left for the command to refuse with its own message; no exponent, "nan" or "inf")."""
    if len(text) > MAX_DIGITS or not _DECIMAL.fullmatch(text):
        raise argparse.ArgumentTypeError(
            _(
                "'{text}' is not a number; type it with the digits 0-9 and a point for decimals, e.g. 12.5."
            ).format(text=shorten(text))
        )
    return float(text)
