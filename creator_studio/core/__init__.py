"""Pure-Python core: no Qt import anywhere below this package (enforced by tests/test_layers.py)."""
