"""``python -m creator_studio.server [--config FILE] [--host H] [--port N] [--workers N]``."""

from __future__ import annotations

import sys

from creator_studio.server.main import main

sys.exit(main())
