"""DescribePullThroughCacheRules for moto (which does not implement it), paged like ECR.

:func:`patch` adds the operation to moto's ECR responses; the rules are the world's, seeded for
:data:`tests.harness.seed.ACCOUNT_ID` in :data:`tests.harness.seed.REGION` (other regions and
accounts have none). ``ecrRepositoryPrefixes`` filters, and an unknown prefix is
PullThroughCacheRuleNotFoundException, as on ECR.
"""

from __future__ import annotations

import json
from typing import Any

from tests.harness.seed import ACCOUNT_ID, BASE_TIME, REGION

UPSTREAM_ECR_ACCOUNT = "444455556666"
SECRET_ARN = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT_ID}:secret:ecr-pullthroughcache/{{}}-Ab12"

# (prefix, upstream URL, ECR's upstream kind, upstream repository prefix, secret name or None)
RULES: tuple[tuple[str, str, str, str, str | None], ...] = (
    ("docker-hub", "registry-1.docker.io", "docker-hub", "ROOT", "docker-hub"),
    ("ecr-public", "public.ecr.aws", "ecr-public", "ROOT", None),
    ("ghcr", "ghcr.io", "github-container-registry", "ROOT", "ghcr"),
    ("quay", "quay.io", "quay", "ROOT", None),
    ("k8s", "registry.k8s.io", "k8s", "ROOT", None),
    ("ghcr-my-org", "ghcr.io", "github-container-registry", "my-org", "ghcr"),
    ("ROOT", f"{UPSTREAM_ECR_ACCOUNT}.dkr.ecr.us-west-2.amazonaws.com", "ecr", "ROOT", None),
)


def rule_items(account: str, region: str) -> list[dict[str, Any]]:
    """The rules as DescribePullThroughCacheRules returns them (JSON, epoch timestamps)."""
    if (account, region) != (ACCOUNT_ID, REGION):
        return []
    items = []
    for index, (prefix, url, kind, upstream_prefix, secret) in enumerate(RULES):
        item: dict[str, Any] = {
            "ecrRepositoryPrefix": prefix,
            "upstreamRegistryUrl": url,
            "upstreamRegistry": kind,
            "upstreamRepositoryPrefix": upstream_prefix,
            "registryId": account,
            "createdAt": BASE_TIME - 86400 * (100 - index),
            "updatedAt": BASE_TIME - 86400 * (50 - index),
        }
        if secret:
            item["credentialArn"] = SECRET_ARN.format(secret)
        items.append(item)
    return items


def patch() -> None:
    from moto.ecr.responses import ECRResponse

    from tests.harness.moto_launcher import paginate

    def describe_pull_through_cache_rules(self: Any) -> str:
        account = self._get_param("registryId") or self.current_account
        items = rule_items(account, self.region)
        wanted = self._get_param("ecrRepositoryPrefixes")
        if wanted:
            known = {i["ecrRepositoryPrefix"] for i in items}
            missing = [p for p in wanted if p not in known]
            if missing:
                raise _not_found(missing[0], account)
            items = [i for i in items if i["ecrRepositoryPrefix"] in wanted]
        page, token = paginate(
            items, self._get_param("maxResults"), self._get_param("nextToken"),
            "DescribePullThroughCacheRules",
        )
        result: dict[str, Any] = {"pullThroughCacheRules": page}
        if token:
            result["nextToken"] = token
        return json.dumps(result)

    ECRResponse.describe_pull_through_cache_rules = (  # type: ignore[attr-defined]
        describe_pull_through_cache_rules
    )


def _not_found(prefix: str, account: str) -> Exception:
    from moto.core.exceptions import JsonRESTError

    return JsonRESTError(
        "PullThroughCacheRuleNotFoundException",
        f"The pull through cache rule with the prefix '{prefix}' does not exist in the "
        f"registry with id '{account}'",
    )
