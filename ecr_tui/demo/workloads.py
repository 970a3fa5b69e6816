"""The demo's ECS services, standalone tasks and Lambda functions: what runs which demo image.

Every state "In use where" can show is here: services naming an image by digest and by tag, a
service whose tag moved after it started (drift), one mid-rollout on two digests, one scaled to
0, a standalone task, image-based functions, services in one account running another account's
image, and one pair whose role may not read ECS (an AccessDenied line).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from ecr_tui.core.errors import AccessDeniedError
from ecr_tui.core.models import TagRow
from ecr_tui.core.usage.models import WorkloadImage, WorkloadKind
from ecr_tui.demo.data import BIG_REPOSITORY, registry_host
from ecr_tui.demo.profiles import BY_NAME

Naming = Literal["digest", "tag", "latest", "unresolved"]
"""How the workload names its image: by digest; by its own tag (the service reports the digest
it runs); by `latest`, which has moved on if the image is not the newest (drift); by a tag with
no digest reported (nothing running)."""

DEFAULT, PROD, DEV, ANALYTICS = "111122223333", "444455556666", "777788889999", "333344445555"
DENIED_PAIR = ("ci-process", "ap-southeast-2")
"""The pair whose role may not call ECS: the scan says so in one line and goes on."""
_SHARED = ("base/python", "base/node", BIG_REPOSITORY)
"""Repositories every demo registry has (the others are drawn per account and region)."""


@dataclass(frozen=True, slots=True)
class Plan:
    """One container of one workload, before its image is resolved against the demo's tags."""

    kind: WorkloadKind
    cluster: str
    name: str
    task_definition: str
    container: str
    repository: str
    image: int
    """Which image of the repository (0 is the newest)."""
    naming: Naming = "tag"
    running: int | None = 1
    desired: int | None = 1
    registry: tuple[str, str] | None = None
    """(account, region) of the image's registry when it is another pair's."""


def _service(cluster: str, name: str, repository: str, image: int, naming: Naming = "tag",
             running: int = 2, desired: int | None = None,
             registry: tuple[str, str] | None = None) -> Plan:
    family = name.replace("/", "-")
    return Plan("ecs-service", cluster, name, f"{family}:{7 + 3 * len(name)}", "app",
                repository, image, naming, running, running if desired is None else desired,
                registry)


def _function(name: str, repository: str, image: int, naming: Naming = "tag",
              registry: tuple[str, str] | None = None) -> Plan:
    return Plan("lambda", "", name, "", "", repository, image, naming, None, None, registry)


def _task(cluster: str, family: str, repository: str, image: int,
          registry: tuple[str, str] | None = None) -> Plan:
    task_id = hashlib.sha256(f"task/{cluster}/{family}".encode()).hexdigest()[:32]
    return Plan("ecs-task", cluster, task_id, f"{family}:41", family.split("-")[-1],
                repository, image, "tag", 1, 1, registry)


_API = BIG_REPOSITORY
_HOME = (DEFAULT, "us-east-1")

PLANS: dict[tuple[str, str], tuple[Plan, ...]] = {
    _HOME: (
        _service("prod", "api", _API, 0, "digest", running=6),
        _service("prod", "api-worker", _API, 0, running=4),
        _service("prod", "api-legacy", _API, 1, "latest", running=2),
        # A rollout under a tag that moved: the old tasks still run the previous build.
        _service("prod", "web", _API, 0, "latest", running=3, desired=4),
        _service("prod", "web", _API, 1, "latest", running=1, desired=4),
        _service("prod", "reindex-nightly", _API, 3, "unresolved", running=0, desired=0),
        _service("prod", "frontend", "base/node", 0, running=3),
        _task("batch", "db-migrate", _API, 2),
        _function("thumbnailer", "base/python", 0),
        _function("api-warmer", _API, 2, "digest"),
    ),
    (PROD, "eu-west-1"): (
        _service("prod-eu", "api-eu", _API, 0, "digest", running=4, registry=_HOME),
        _service("prod-eu", "api-eu-worker", _API, 1, "latest", running=2, registry=_HOME),
        _service("prod-eu", "ledger", "base/python", 0, running=3),
        _function("eu-exporter", "base/python", 1),
    ),
    (DEV, "us-west-2"): (
        _service("dev", "api-dev", _API, 4, running=1, registry=_HOME),
        _service("dev", "storybook", "base/node", 0, running=1),
        _task("dev", "seed-fixtures", "base/python", 0),
    ),
    (ANALYTICS, "ap-northeast-1"): (
        _function("etl-loader", "base/python", 0),
        _function("report-builder", "base/python", 2, "digest"),
    ),
}
"""The hand-made part of the world; every discovered account adds a few of its own below."""


def _drawn_plans(account: str, repositories: Sequence[str]) -> tuple[Plan, ...]:
    """A discovered account's services and functions, from its own repositories."""
    rng = random.Random(f"workloads/{account}")
    own = [name for name in repositories if name not in (*_SHARED, "bench/huge")]
    plans: list[Plan] = []
    for n in range(rng.randint(2, 5)):
        repository = rng.choice(own) if own else "base/python"
        name = repository.split("/")[-1] + ("" if n == 0 else f"-{n}")
        if rng.random() < 0.25:
            plans.append(_function(name, repository, rng.randint(0, 1)))
        else:
            naming: Naming = rng.choice(("tag", "tag", "digest", "latest"))
            image = rng.randint(0, 1) + (naming == "latest")  # a `latest` one drifts
            plans.append(_service("main", name, repository, image, naming,
                                  running=rng.randint(1, 6)))
    if account == BY_NAME["shared-services/ReadOnlyAccess"].account_id:  # a cross-account one
        plans.append(_service("main", "sidecar-python", "base/python", 0, registry=_HOME))
    return tuple(plans)


def _images(rows: list[TagRow]) -> list[tuple[str, str]]:
    """(digest, the tag to name it by) of each image, newest first."""
    seen: dict[str, str] = {}
    for row in rows:
        if row.digest and row.tag != "latest":
            seen.setdefault(row.digest, row.tag)
    return list(seen.items())


def resolve(plan: Plan, account: str, region: str, profile: str,
            tag_rows: Callable[[str], list[TagRow]]) -> WorkloadImage | None:
    """The record a scan of the workload's pair reads; None when the repository has no such
    image (a small demo repository)."""
    images = _images(tag_rows(plan.repository))
    if plan.image >= len(images):
        return None
    digest, tag = images[plan.image]
    registry_account, registry_region = plan.registry or (account, region)
    where = f"{registry_host(registry_account, registry_region)}/{plan.repository}"
    named = {"digest": f"{where}@{digest}", "latest": f"{where}:latest"}.get(
        plan.naming, f"{where}:{tag}")
    running = "" if plan.naming == "unresolved" else digest
    return WorkloadImage(profile, account, region, plan.kind, plan.cluster, plan.name,
                         plan.task_definition, plan.container, named, running, plan.running,
                         plan.desired)


def workloads(profile: str, account: str, region: str, home_region: str, discovered: bool,
              repositories: Callable[[], Sequence[str]],
              tag_rows: Callable[[str], list[TagRow]]) -> list[WorkloadImage]:
    """What a scan of (profile, region) reads: ECS and Lambda of the pair's account there."""
    if (profile, region) == DENIED_PAIR:
        raise AccessDeniedError(
            f"User: arn:aws:sts::{account}:assumed-role/ci/runner is not authorized to perform: "
            f"ecs:ListClusters on resource: *",
            fix="allow ecs:List*, ecs:Describe*, lambda:ListFunctions and lambda:GetFunction",
        )
    plans = PLANS.get((account, region), ())
    if not plans and discovered and region == home_region:
        plans = _drawn_plans(account, repositories())
    found = (resolve(plan, account, region, profile, tag_rows) for plan in plans)
    return [record for record in found if record is not None]
