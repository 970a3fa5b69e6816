"""What ECR's own lifecycle policy preview found (GetLifecyclePolicyPreview): the records the
Backend protocol returns, shared by the core, the CLI and the UI. The evaluator and the policy
records live in `ecr_tui.core.lifecycle`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class PreviewResult:
    """One image ECR's preview would act on."""

    digest: str
    tags: tuple[str, ...]
    pushed_at: datetime | None
    action: str
    """`expire` or `transition` (ECR says EXPIRE / TRANSITION)."""
    rule: int | None
    """The appliedRulePriority."""
    storage_class: str = ""
    """`standard` or `archive`: where the image is now."""


@dataclass(frozen=True, slots=True)
class LifecyclePreview:
    """The last preview ECR ran for a repository (started by someone, somewhere: starting one
    is a write ecr-tui never makes)."""

    status: str
    """IN_PROGRESS, COMPLETE, EXPIRED or FAILED."""
    policy_text: str
    results: tuple[PreviewResult, ...]
    expiring: int = 0
    transitioning: int = 0

    def by_digest(self) -> dict[str, PreviewResult]:
        return {r.digest: r for r in self.results}
