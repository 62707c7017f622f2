"""The one-folder build's windowed program: the desktop app (`assessor-app gui`), with the file it
was asked to open (a double-clicked .ldbundle) passed on."""

import sys

from assessor_app.app import main

if __name__ == "__main__":
    sys.exit(main(["gui", *sys.argv[1:]]))
