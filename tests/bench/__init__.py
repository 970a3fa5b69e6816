"""Benchmarks against peers and the floor: `python3 -m tests.bench` (not collected by pytest)."""
