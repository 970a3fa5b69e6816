"""Read-only ECR API calls on a boto3 client, as typed records (`api`), and pull-through-cache
rules with the references that pull through them (`pullthrough`). It may import
`ecr_tui.core` and `images` (scan findings)."""

ALLOWED_IMPORTS = (
    "ecr_tui.core",
    "ecr_tui.core.images",
)
"""The packages this one may import (tests/unit/test_layering.py checks it)."""
