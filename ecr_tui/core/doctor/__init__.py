"""Why can't it pull? From a pasted error message (or an image reference) to the cause and the
fix: the first ECR image reference, platform and HTTP status a message names (`extract`), an
IAM policy evaluator for the repository and registry policies (`iam`), the eight checks in
order over a Backend (`checks`, `access`), their records and the verdict (`records`), and the
run that calls them one after another (`run`). It may import `ecr_tui.core`, `store` (login
records), `login` (docker's config path), `fleet` (the profile that reaches an account),
`ecr` (pull-through-cache rules), `images` (image status) and `lifecycle` (why a tag went)."""

ALLOWED_IMPORTS = (
    "ecr_tui.core",
    "ecr_tui.core.store",
    "ecr_tui.core.login",
    "ecr_tui.core.fleet",
    "ecr_tui.core.ecr",
    "ecr_tui.core.images",
    "ecr_tui.core.lifecycle",
)
"""The packages this one may import (tests/unit/test_import_graph.py checks it)."""
