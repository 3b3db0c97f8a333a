"""tests/fuzz is put on sys.path so the test modules can import `fuzz_mutate` by name."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
