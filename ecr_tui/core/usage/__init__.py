"""What runs each image, where: ECS services and tasks and Lambda functions of every
(profile, region) in scope, matched to a repository's images (`matching`) and scanned across
the scope (`scan`). The records others read are the shared `ecr_tui.core.usage_records`.
It may import `ecr_tui.core`, `store` and `fleet`."""

ALLOWED_IMPORTS = (
    "ecr_tui.core",
    "ecr_tui.core.store",
    "ecr_tui.core.fleet",
)
"""The packages this one may import (tests/unit/test_layering.py checks it)."""
