"""The offline demo backend behind `--demo`: deterministic data, no network, no subprocess."""
