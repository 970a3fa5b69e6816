"""What ecr-tui keeps on disk, no secret in any of it: the XDG paths and the one safe way to
write a file (`paths`), the record of past logins (`state`), rebuildable caches
(`caches`, `account_cache`), what the app remembers between runs (`memory`) and the user's
settings (`settings`, `settings_example`). It may import only `ecr_tui.core`'s shared
modules."""

ALLOWED_IMPORTS = (
    "ecr_tui.core",
)
"""The packages this one may import (tests/unit/test_layering.py checks it)."""
