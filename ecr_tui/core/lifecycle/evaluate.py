"""`evaluate`: what a lifecycle policy would do to each image now, by AWS's documented evaluation
rules (Amazon ECR User Guide, "Lifecycle policy evaluation rules"):

- every rule is evaluated at once over every image, then applied by priority (1 first);
- a rule selects images by tag status, tag filters (every filter matched by some tag) and
  storage class, and marks some of them: beyond the newest `countNumber` (imageCountMoreThan,
  oldest first by push time) or older than `countNumber` days (pushed, last pulled, archived);
- an image is acted on by at most one rule, and an image a rule selects can never be acted on
  by a lower-priority rule, even when that rule leaves it alone (it shields it); a lower rule
  still counts it when it keeps its newest images;
- an image a manifest list references is not acted on while the list stands.

Pure: no clock, no I/O; the caller passes `now`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ecr_tui.core.lifecycle.policy import LifecyclePolicy, Rule
    from ecr_tui.core.models import ImageDetail

Action = Literal["expire", "transition", "keep"]


@dataclass(frozen=True, slots=True)
class Decision:
    """What the policy does to one image."""

    digest: str
    action: Action
    rule: int | None
    """The rulePriority that acts on the image; None when it is kept."""
    selected_by: int | None = None
    """The highest-priority rule that selects the image (it decides, or shields it from the
    rules below); None when no rule selects it."""
    held: bool = False
    """A rule would act on it, but a manifest list references it."""


@lru_cache(maxsize=256)
def _wildcard(pattern: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in pattern.split("*")), re.DOTALL)


def matches_tags(rule: Rule, tags: Sequence[str]) -> bool:
    """The rule's tag status and filters: every filter is matched by at least one tag."""
    if rule.tag_status == "untagged":
        return not tags
    if rule.tag_status == "any":
        return True
    return bool(tags) and all(
        any(_wildcard(f).fullmatch(tag) for tag in tags) for f in rule.tag_filters
    )


def storage_class(image: ImageDetail) -> str | None:
    """`standard` or `archive`; None while an image is being restored (ACTIVATING): no rule
    selects it until it is one or the other."""
    status = image.image_status.upper()
    if status == "ARCHIVED":
        return "archive"
    return None if status == "ACTIVATING" else "standard"


def selects(rule: Rule, image: ImageDetail) -> bool:
    return storage_class(image) == rule.storage_class and matches_tags(rule, image.tags)


def _pushed(image: ImageDetail) -> datetime | None:
    """The push time ECR orders by: the restore time for an image archived and restored."""
    return image.last_activated_at or image.pushed_at


def _pulled(image: ImageDetail) -> datetime | None:
    """Last pull; an image never pulled since its restore counts from the restore, one never
    pulled at all from its push."""
    restored, pulled = image.last_activated_at, image.last_pull
    if restored is not None and (pulled is None or pulled < restored):
        return restored
    return pulled or image.pushed_at


def _age_from(rule: Rule, image: ImageDetail) -> datetime | None:
    match rule.count_type:
        case "sinceImagePushed":
            return image.pushed_at
        case "sinceImagePulled":
            return _pulled(image)
        case _:
            return image.last_archived_at


def marked(rule: Rule, selected: Sequence[ImageDetail], now: datetime) -> list[str]:
    """The digests RULE marks among the images it selects (evaluated alone)."""
    if rule.count_type == "imageCountMoreThan":
        # oldest first; ties keep the caller's order; an unknown push time counts as newest
        order = sorted(range(len(selected)), key=lambda i: (
            _pushed(selected[i]) is None, _pushed(selected[i]) or now))
        beyond = order[: max(0, len(order) - rule.count_number)]
        return [selected[i].digest for i in beyond]
    limit = now - timedelta(days=rule.count_number)
    return [i.digest for i in selected if (t := _age_from(rule, i)) is not None and t < limit]


def evaluate(
    policy: LifecyclePolicy,
    images: Sequence[ImageDetail],
    now: datetime,
    *,
    referenced: Collection[str] = (),
) -> list[Decision]:
    """One decision per image, in the order given. `referenced`: digests a manifest list
    (an index) references, which ECR does not act on while the list stands."""
    selected = {rule.priority: [n for n, i in enumerate(images) if selects(rule, i)]
                for rule in policy.rules}
    marks: dict[int, set[str]] = {}
    first: dict[int, Rule] = {}
    for rule in policy.rules:  # highest priority first: the first rule to select an image owns it
        for n in selected[rule.priority]:
            first.setdefault(n, rule)
    decisions = []
    for n, image in enumerate(images):
        owner = first.get(n)
        if owner is None:
            decisions.append(Decision(image.digest, "keep", None))
            continue
        acts = image.digest in _marks(owner, images, selected, now, marks)
        if acts and image.digest not in referenced:
            decisions.append(Decision(image.digest, owner.action, owner.priority, owner.priority))
        else:
            decisions.append(Decision(image.digest, "keep", None, owner.priority, held=acts))
    return decisions


def _marks(rule: Rule, images: Sequence[ImageDetail], selected: dict[int, list[int]],
           now: datetime, cache: dict[int, set[str]]) -> set[str]:
    if rule.priority not in cache:
        cache[rule.priority] = set(marked(rule, [images[n] for n in selected[rule.priority]], now))
    return cache[rule.priority]
