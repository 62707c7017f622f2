"""`python -m assessor_app` runs the same entry point as the `assessor-app` command."""

import sys

from assessor_app.app import main

sys.exit(main())
