"""What runs where in the many-account world (issue 18): ECS services, tasks and image Lambda
functions of every SSO account and region, seeded in moto by :mod:`tests.harness.moto_workloads`.

Every (account, region): service `api` (cluster `main`, one task) and function `fn` running the
account's own `team-NNN/svc-0:v1`; every other pair also a standalone task (`cron`). Then, all on
account 0's `team-000/svc-0` (us-east-1), the cases the issue names:

* us-east-1 `web-drift`: started on `prod` = OLD, then `prod` moved to NEW (drift, 2 tasks);
* eu-west-1 `web-rollout`: ACTIVE deployment on `v1` (1 task); PRIMARY on `prod`, one task started
  on NEW, then `prod` moved to NEWER, two more tasks: one row per digest;
* us-east-1 `idle`: desired 0, pinned `@V1` (account 0's v1 digest);
* us-west-2 `by-tag`: desired 1, no task yet: matched by tag;
* us-east-1 standalone task (cluster `batch`) and function `resize` on `v1`;
* account 1 us-east-1 `uses-a0`: runs account 0's `prod` (cross-account); account 1 eu-west-1
  function `dualstack` names OLD through the dual-stack host;
* account 2 eu-west-1 answers AccessDenied to ECS; image UNUSED (tag `unused`) runs nowhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.harness.seed import sha256_digest
from tests.harness.sso_world import SSO_REGIONS, SsoAccount

REPO = "team-000/svc-0"
REGION = "us-east-1"


def _manifest(label: str) -> str:
    config = {"mediaType": "application/vnd.oci.image.config.v1+json", "size": 2,
              "digest": sha256_digest(f"usage-{label}".encode())}
    manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "config": config, "layers": []}
    return json.dumps(manifest, sort_keys=True)


MANIFESTS = {label: _manifest(label) for label in ("old", "new", "newer", "unused")}
DIGESTS = {label: sha256_digest(text.encode()) for label, text in MANIFESTS.items()}


@dataclass(frozen=True)
class UsageWorld:
    """The names and digests tests check the scan against."""

    accounts: tuple[SsoAccount, ...]

    @property
    def owner(self) -> SsoAccount:
        return self.accounts[0]

    @property
    def host(self) -> str:
        return f"{self.owner.account_id}.dkr.ecr.{REGION}.amazonaws.com"

    @property
    def v1(self) -> str:
        return self.owner.images[0][3]

    old = DIGESTS["old"]
    new = DIGESTS["new"]
    newer = DIGESTS["newer"]
    unused = DIGESTS["unused"]

    @property
    def denied(self) -> tuple[str, str]:
        """The (account, region) whose ECS answers AccessDenied."""
        return self.accounts[2].account_id, "eu-west-1"

    def workload_count(self) -> int:
        pairs = len(self.accounts) * len(SSO_REGIONS)
        standalone = sum(1 for i in range(len(self.accounts)) for k in range(len(SSO_REGIONS))
                         if (i + k) % 2 == 0)
        return 2 * pairs + standalone + 8


def _image(account: str, label: str, tag: str) -> dict[str, Any]:
    return {"kind": "image", "account": account, "region": REGION, "repository": REPO,
            "manifest": MANIFESTS[label], "tag": tag, "digest": DIGESTS[label]}


def steps(accounts: tuple[SsoAccount, ...]) -> list[dict[str, Any]]:
    """The seed steps, in order (tags move between them)."""
    world = UsageWorld(accounts)
    a0, a1 = accounts[0].account_id, accounts[1].account_id
    image = f"{world.host}/{REPO}"
    out: list[dict[str, Any]] = []
    for i, account in enumerate(accounts):
        own = (f"{account.account_id}.dkr.ecr.{REGION}.amazonaws.com/"
               f"{account.images[0][1]}:v1")
        for k, region in enumerate(SSO_REGIONS):
            where = {"account": account.account_id, "region": region}
            out.append({"kind": "service", **where, "cluster": "main", "name": "api",
                        "family": "api", "desired": 1,
                        "deployments": [{"image": own, "batches": [{"tasks": 1}]}]})
            out.append({"kind": "lambda", **where, "name": "fn", "image": own})
            if (i + k) % 2 == 0:
                out.append({"kind": "task", **where, "cluster": "main", "family": "cron",
                            "image": own, "group": ""})
    out += [_image(a0, "old", "prod"), _image(a0, "unused", "unused")]
    home = {"account": a0, "region": REGION}
    out.append({"kind": "service", **home, "cluster": "main", "name": "web-drift",
                "family": "web-drift", "desired": 2, "deployments": [{
                    "image": f"{image}:prod",
                    "batches": [{"tasks": 2, "then": [_image(a0, "new", "prod")]}]}]})
    out.append({"kind": "service", "account": a0, "region": "eu-west-1", "cluster": "main",
                "name": "web-rollout", "family": "web-rollout", "desired": 3, "deployments": [
                    {"image": f"{image}:v1", "desired": 0, "batches": [{"tasks": 1}]},
                    {"image": f"{image}:prod", "batches": [
                        {"tasks": 1, "then": [_image(a0, "newer", "prod")]}, {"tasks": 2}]}]})
    out.append({"kind": "service", **home, "cluster": "main", "name": "idle", "family": "idle",
                "desired": 0, "deployments": [{"image": f"{image}@{world.v1}"}]})
    out.append({"kind": "service", "account": a0, "region": "us-west-2", "cluster": "main",
                "name": "by-tag", "family": "by-tag", "desired": 1,
                "deployments": [{"image": f"{image}:v1"}]})
    out.append({"kind": "task", **home, "cluster": "batch", "family": "job",
                "image": f"{image}:v1", "group": ""})
    out.append({"kind": "lambda", **home, "name": "resize", "image": f"{image}:v1"})
    out.append({"kind": "service", "account": a1, "region": REGION, "cluster": "main",
                "name": "uses-a0", "family": "uses-a0", "desired": 1,
                "deployments": [{"image": f"{image}:prod", "batches": [{"tasks": 1}]}]})
    dualstack = f"{a0}.dkr-ecr.{REGION}.on.aws/{REPO}@{world.old}"
    out.append({"kind": "lambda", "account": a1, "region": "eu-west-1", "name": "dualstack",
                "image": dualstack})
    return out


def extend_moto_seed(seed_file: Path, accounts: tuple[SsoAccount, ...]) -> None:
    """Add the `workloads` section the launcher seeds (needs 3 accounts or more)."""
    if len(accounts) < 3:
        return
    data = json.loads(seed_file.read_text(encoding="utf-8"))
    data["workloads"] = {"steps": steps(accounts),
                         "deny_ecs": [list(UsageWorld(accounts).denied)]}
    seed_file.write_text(json.dumps(data), encoding="utf-8")
