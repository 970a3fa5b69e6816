"""Copying an image between registries (issue 21's `ecr-tui copy`): what a copy will send,
read from both registries before anything is written (`reading`), sending it (`engine`:
blobs streamed, mounted or skipped, then manifests children first), the write's preview and
preflight (`preview`) and running it audited (`run`). The records are in `core.copy_records`.
It may import `ecr_tui.core`, `registry` (the Registry API client and its writes) and
`writes` (the preflight, the audit)."""

ALLOWED_IMPORTS = (
    "ecr_tui.core",
    "ecr_tui.core.registry",
    "ecr_tui.core.writes",
)
"""The packages this one may import (tests/unit/test_layering.py checks it)."""
