"""Signed PDF documents (issue 15): sign a PDF with a certificate file or a USB token, and check a
PDF's signatures (services/pdf_signing.py, services/pdf_signatures.py)."""
