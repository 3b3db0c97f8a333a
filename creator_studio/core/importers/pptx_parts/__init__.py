"""Pieces of the PPTX importer that read DrawingML directly with lxml (text, charts, SmartArt,
pictures), where python-pptx has no API or crashes on real files."""
