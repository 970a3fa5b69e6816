"""Getting a container client logged in: ECR tokens and their cache (`tokens`), `docker login`
and friends with the password on stdin only (`engine`), docker's config.json
(`docker_config`), the credential helper's routes (`helper_routes`), the clipboard
(`clipboard`) and MFA codes from the terminal (`terminal_mfa`). It may import
`ecr_tui.core` and `store`."""

ALLOWED_IMPORTS = (
    "ecr_tui.core",
    "ecr_tui.core.store",
)
"""The packages this one may import (tests/unit/test_layering.py checks it)."""
