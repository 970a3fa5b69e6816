"""The AWS implementation of the Backend protocol (`backend`, with its per-domain calls in
mixins beside it: `backend_profiles`, `backend_images`, `backend_login`, `backend_usage`,
`backend_anonymous`, `backend_writes`, `backend_lifecycle`, `backend_looking`,
`backend_doctor`, `backend_public`, `backend_copy`) and what only it needs:
botocore sessions and clients (`session`) with the allowlist they carry (`allowlist`), its
profiles and regions (`profile_book`), discovered SSO accounts as profiles (`accounts`) and
botocore errors as one line (`errors`). The top of the core: it may import every other core
package, and none of them imports it (nor does the UI)."""

ALLOWED_IMPORTS = (
    "ecr_tui.core",
    "ecr_tui.core.store",
    "ecr_tui.core.profiles",
    "ecr_tui.core.sso",
    "ecr_tui.core.registry",
    "ecr_tui.core.images",
    "ecr_tui.core.login",
    "ecr_tui.core.fleet",
    "ecr_tui.core.ecr",
    "ecr_tui.core.writes",
    "ecr_tui.core.lifecycle",
    "ecr_tui.core.copy",
)
"""The packages this one may import (tests/unit/test_layering.py checks it)."""
