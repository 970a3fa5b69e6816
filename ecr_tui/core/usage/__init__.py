"""What runs each image, where: ECS services and tasks and Lambda functions of every
(profile, region) in scope (`models` holds the records every other package reads). It may
import `ecr_tui.core`, `store` and `fleet`."""

ALLOWED_IMPORTS = (
    "ecr_tui.core",
    "ecr_tui.core.store",
    "ecr_tui.core.fleet",
)
"""The packages this one may import (tests/unit/test_layering.py checks it)."""
