"""The one-folder build's program: `assessor-app` as `pip install` makes it (assessor_app.app)."""

import sys

from assessor_app.app import main

if __name__ == "__main__":
    sys.exit(main())
