"""The preflight's outside facts, wired to the real sources: what runs the repository's
images ("In use where", scanned over the write's own (profile, region))."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecr_tui.core.writes.plan import Checks

if TYPE_CHECKING:
    from ecr_tui.core.backend import Backend
    from ecr_tui.core.usage.models import UsageReport


def default_checks(backend: Backend) -> Checks:
    def usage(profile: str, region: str, account_id: str, repository: str
              ) -> UsageReport | None:
        return None  # wired to usage_of once "In use where" lands (u1-usage-core)

    return Checks(usage=usage)
