"""One lock for every PDFium call in the process.

PDFium is not thread-safe, not even across different documents: pypdfium2's documentation says
two threads must never be inside PDFium at the same time, or the process crashes or corrupts
memory. The studio renders slide pictures and animation layers in two threads at once, and the
server reads PDFs for contest checks on its worker threads, so each page's work (open, render,
copy the pixels out, close) holds this lock. The lock is held per page, never across a `yield`
or while waiting for LibreOffice, so other threads interleave between pages.
"""

from __future__ import annotations

import threading

PDFIUM = threading.RLock()
