"""Many accounts and places at once: the fleet of (profile, region) pairs (`runner`), find by
name, glob, digest or reference (`find`), futures in the order they finish (`completions`)
and the `:` jump's ranking of places (`jump`). It may import `ecr_tui.core` and `store`."""

ALLOWED_IMPORTS = (
    "ecr_tui.core",
    "ecr_tui.core.store",
)
"""The packages this one may import (tests/unit/test_layering.py checks it)."""
