"""The AWS config and credentials files: read with botocore's own loader (`files`) and turned
into typed profiles (`config`). It may import only `ecr_tui.core`'s shared modules."""

ALLOWED_IMPORTS = (
    "ecr_tui.core",
)
"""The packages this one may import (tests/unit/test_layering.py checks it)."""
