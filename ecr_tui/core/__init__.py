"""Headless core. Never imports textual (tests/unit/test_layering.py proves it)."""
