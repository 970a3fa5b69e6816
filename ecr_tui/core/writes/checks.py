"""The preflight's outside facts, wired to the real sources: what runs the repository's images
("In use where", `usage_of` over the write's scope) and what the repository's lifecycle policy
would do to the image a tag write leaves (the lifecycle evaluator)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.identity import Target, utcnow
from ecr_tui.core.writes import preflight
from ecr_tui.core.writes.plan import Checks

if TYPE_CHECKING:
    from ecr_tui.core.backend import Backend
    from ecr_tui.core.records import ImageDetail
    from ecr_tui.core.usage_records import UsageReport


def write_scope(pairs: Sequence[Target], profile: str, region: str) -> list[Target]:
    """The pairs scanned for workloads: the ones chosen (every account the profiles reach),
    each of their profiles in the write's region too (a workload mostly pulls from its own
    region), and the write's own pair, in that order without repeats."""
    profiles = dict.fromkeys(p.profile for p in pairs)
    wanted = [Target(profile, region), *pairs, *(Target(p, region) for p in profiles)]
    return list(dict.fromkeys(Target(p.profile, p.region) for p in wanted))


def default_checks(
    backend: Backend, scope: Callable[[], Sequence[Target]] = tuple, *,
    clock: Callable[[], datetime] = utcnow,
) -> Checks:
    """`scope()`: the pairs whose workloads count (write_scope adds the write's own pair);
    asked only when a check needs it (a new tag needs none)."""

    def usage(profile: str, region: str, account_id: str, repository: str) -> UsageReport:
        from ecr_tui.core.usage.scan import usage_of

        pairs = write_scope(scope(), profile, region)
        images = backend.images(profile, region, repository)
        return usage_of(backend, pairs, account_id, region, repository, images=images)

    def expiry(profile: str, region: str, repository: str, tagged: ImageDetail) -> str | None:
        return lifecycle_warning(backend, profile, region, repository, tagged, clock())

    return Checks(usage=usage, expiry=expiry)


def lifecycle_warning(
    backend: Backend, profile: str, region: str, repository: str, tagged: ImageDetail,
    now: datetime,
) -> str | None:
    """The warning when the repository's policy, evaluated now over its images with `tagged`
    as the write leaves it, expires (or archives) that image at its next run."""
    from ecr_tui.core.lifecycle.evaluate import evaluate
    from ecr_tui.core.lifecycle.parse import parse_policy

    try:
        text = backend.lifecycle_policy(profile, region, repository)
        if not text:
            return None
        policy = parse_policy(text)
        images = [tagged if i.digest == tagged.digest
                  # the tag moves: the image it named loses it
                  else replace(i, tags=tuple(t for t in i.tags if t not in tagged.tags))
                  for i in backend.images(profile, region, repository)]
    except EcrTuiError as exc:
        return f"could not check the lifecycle policy of {repository}: {exc.message}"
    if all(i.digest != tagged.digest for i in images):
        images.append(tagged)
    decision = next(d for d in evaluate(policy, images, now) if d.digest == tagged.digest)
    if decision.action == "keep":
        return None
    # plan_tag puts the tag written last
    return preflight.lifecycle_acts(tagged.tags[-1], decision.action, str(decision.rule))
