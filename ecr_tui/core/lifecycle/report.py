"""What a policy would do to a repository now, as the CLI's `lifecycle` and the TUI's
Lifecycle view both show it: the rules in words, a decision per image with how many
workloads run it, the counts, and the images in use a rule would expire or archive."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Literal

from ecr_tui.core.lifecycle.evaluate import Decision, evaluate
from ecr_tui.core.lifecycle.words import describe_rule

if TYPE_CHECKING:
    from ecr_tui.core.lifecycle.policy import LifecyclePolicy
    from ecr_tui.core.lifecycle_records import LifecyclePreview
    from ecr_tui.core.models import ImageDetail

PolicySource = Literal["repository", "file", "none"]
_LONG_AGO = datetime.min.replace(tzinfo=timezone.utc)


@dataclass(frozen=True, slots=True)
class ImageVerdict:
    image: ImageDetail
    decision: Decision
    in_use: int | None
    """Workloads running the image (from "In use where"); None when not known."""


@dataclass(frozen=True, slots=True)
class RuleRisk:
    """Images in use that one rule would expire or archive."""

    priority: int
    action: str
    images: int
    workloads: int

    def sentence(self) -> str:
        verb = "expire" if self.action == "expire" else "archive"
        noun = "image" if self.images == 1 else "images"
        runs = "runs" if self.workloads == 1 else "run"
        service = "service" if self.workloads == 1 else "services"
        return (f"rule {self.priority} would {verb} {self.images} {noun} that "
                f"{self.workloads} {service} {runs}")


@dataclass(frozen=True, slots=True)
class LifecycleReport:
    repository: str
    policy_source: PolicySource
    policy: LifecyclePolicy | None
    verdicts: tuple[ImageVerdict, ...]
    preview: LifecyclePreview | None = None

    def rule_lines(self) -> list[tuple[int, str, str]]:
        """(priority, description, the rule in words)."""
        rules = self.policy.rules if self.policy else ()
        return [(r.priority, r.description, describe_rule(r)) for r in rules]

    def counts(self) -> dict[str, int]:
        found = {"expire": 0, "transition": 0, "keep": 0}
        for v in self.verdicts:
            found[v.decision.action] += 1
        return found

    def risks(self) -> list[RuleRisk]:
        """Per rule, the images in use it would act on, highest priority first."""
        by_rule: dict[int, tuple[str, int, int]] = {}
        for v in self.verdicts:
            rule = v.decision.rule
            if rule is None or not v.in_use:
                continue
            action, images, workloads = by_rule.get(rule, (v.decision.action, 0, 0))
            by_rule[rule] = (action, images + 1, workloads + v.in_use)
        return [RuleRisk(p, a, i, w) for p, (a, i, w) in sorted(by_rule.items())]


def build_report(
    repository: str, source: PolicySource, policy: LifecyclePolicy | None,
    images: Sequence[ImageDetail], now: datetime, *,
    in_use: Callable[[str], int] | None = None, preview: LifecyclePreview | None = None,
) -> LifecycleReport:
    """Evaluated in the order DescribeImages gave; shown newest push first."""
    decisions = (evaluate(policy, images, now) if policy is not None
                 else [Decision(i.digest, "keep", None) for i in images])
    verdicts = sorted(
        (ImageVerdict(i, d, in_use(i.digest) if in_use is not None else None)
         for i, d in zip(images, decisions, strict=True)),
        key=lambda v: v.image.pushed_at or _LONG_AGO, reverse=True,
    )
    return LifecycleReport(repository, source, policy, tuple(verdicts), preview)
