"""Printed documents in the app: preview (QtPdf), save and print; generated off the GUI thread."""
