"""What one image is made of, as `inspect` and the detail tabs show it: tags grouped by digest
(`groups`), layers matched to history (`layers`), scan findings (`findings`) and the whole
inspection through the Backend (`inspect`). It may import `ecr_tui.core` and `registry`."""

ALLOWED_IMPORTS = (
    "ecr_tui.core",
    "ecr_tui.core.registry",
)
"""The packages this one may import (tests/unit/test_layering.py checks it)."""
