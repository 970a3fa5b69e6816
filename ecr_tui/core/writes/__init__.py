"""Writes to ECR, off unless the user turns them on: what a write would do (`plan`, read
through the Backend), the checks that refuse or warn before it (`preflight`), running it
(`run`) and the record of every write attempted (`audit`). The records are in `core.write_records`.
It may import `ecr_tui.core`, `store` (the audit file's place), `usage` (what runs an
image) and `lifecycle` (what a policy would expire)."""

ALLOWED_IMPORTS = (
    "ecr_tui.core",
    "ecr_tui.core.store",
    "ecr_tui.core.usage",
    "ecr_tui.core.lifecycle",
)
"""The packages this one may import (tests/unit/test_layering.py checks it)."""
