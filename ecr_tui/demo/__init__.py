"""The offline demo backend behind `--demo`: deterministic data, no network, no subprocess, no
file written (its Workstation only says what the real one would do)."""
