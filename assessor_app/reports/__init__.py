"""Printed dossiers and reports (reportlab); imports no Qt."""
