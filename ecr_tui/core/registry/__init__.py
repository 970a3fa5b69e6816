"""The Docker Registry HTTP API v2 of one ECR (or ECR-like) endpoint: the client (`client`),
httpx set up once with TLS trust (`http_setup`), paging (`links`), retries
(`retry_after`), payload parsing (`manifests`, `referrers`), tags as they arrive
(`tag_stream`, `tags`), other accounts' registries with the same token
(`cross_account`), and how a request is authorised (`auth`): an ECR token, or anonymous
bearer tokens from the registry's token service (`challenge`, `bearer`, `anonymous`). It
may import only `ecr_tui.core`'s shared modules."""

ALLOWED_IMPORTS = (
    "ecr_tui.core",
)
"""The packages this one may import (tests/unit/test_layering.py checks it)."""
