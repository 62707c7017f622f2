"""Composition root: `assessor-app` starts here. Nothing imports this module."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from assessor_app.cli.main import run


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    return run(arguments)


if __name__ == "__main__":
    sys.exit(main())
