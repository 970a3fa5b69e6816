"""IAM Identity Center: the `aws sso login` commands (`commands`), cached access tokens
(`tokens`), the portal API under one limiter (`portal`) that every process of the user shares
(`shared_limiter`), discovery of every (account, role) a session reaches (`discovery`) and its
24 h cache (`cache`). It may import `ecr_tui.core`,
`store`, `profiles` and `login` (for the shared rate limiter of `login.tokens`)."""

ALLOWED_IMPORTS = (
    "ecr_tui.core",
    "ecr_tui.core.store",
    "ecr_tui.core.profiles",
    "ecr_tui.core.login",
)
"""The packages this one may import (tests/unit/test_layering.py checks it)."""
