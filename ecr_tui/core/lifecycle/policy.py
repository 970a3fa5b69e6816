"""A lifecycle policy as typed rules, and the error of a policy ECR would refuse."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ecr_tui.core.errors import EcrTuiError

TagStatus = Literal["tagged", "untagged", "any"]
CountType = Literal[
    "imageCountMoreThan", "sinceImagePushed", "sinceImagePulled", "sinceImageTransitioned"
]
StorageClass = Literal["standard", "archive"]
RuleAction = Literal["expire", "transition"]


class PolicyError(EcrTuiError):
    """A lifecycle policy ECR would refuse: one line naming the rule and the property."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of a policy, as ECR reads it (defaults filled in)."""

    priority: int
    tag_status: TagStatus
    count_type: CountType
    count_number: int
    action: RuleAction
    tag_prefixes: tuple[str, ...] = ()
    tag_patterns: tuple[str, ...] = ()
    storage_class: StorageClass = "standard"
    """The storage class the rule selects: `standard` unless the policy says `archive`."""
    description: str = ""

    @property
    def tag_filters(self) -> tuple[str, ...]:
        """The tag filters as wildcard patterns: a prefix `prod` is the pattern `prod*`."""
        return tuple(f"{p}*" for p in self.tag_prefixes) + self.tag_patterns


@dataclass(frozen=True, slots=True)
class LifecyclePolicy:
    """The rules of a policy, highest priority (lowest rulePriority) first."""

    rules: tuple[Rule, ...]
    text: str = ""
    """The JSON as it was read."""

    def rule(self, priority: int) -> Rule | None:
        return next((r for r in self.rules if r.priority == priority), None)
