"""Pieces of the DOCX importer (package access, styles, numbering, body walking)."""
