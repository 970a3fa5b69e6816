"""The demo's repository and registry policies, as ECR returns them (JSON text): `base/python`
shares pulls with two accounts of the organisation, `platform/api` with a role of the
production account only, under an organisation condition, and refuses the CI account outright;
the default account's registry policy lets the production account replicate and pull-through."""

from __future__ import annotations

import json

PROD, CI, STAGING = "444455556666", "555566667777", "222233334444"
ORG_ID = "o-demo12345"


def _statement(sid: str, effect: str, principal: object, actions: list[str],
               condition: dict[str, object] | None = None) -> dict[str, object]:
    item: dict[str, object] = {"Sid": sid, "Effect": effect, "Principal": principal,
                               "Action": actions}
    if condition:
        item["Condition"] = condition
    return item


_PULL = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
_POLICIES: dict[str, list[dict[str, object]]] = {
    "base/python": [
        _statement("OrgPull", "Allow", {"AWS": [f"arn:aws:iam::{PROD}:root", STAGING]}, _PULL),
    ],
    "platform/api": [
        _statement("ProdTasksPull", "Allow",
                   {"AWS": f"arn:aws:iam::{PROD}:role/ecsTaskExecutionRole"}, ["ecr:BatchGet*",
                                                                               "ecr:GetDownload*"],
                   {"StringEquals": {"aws:PrincipalOrgID": ORG_ID}}),
        _statement("NoCiPull", "Deny", {"AWS": f"arn:aws:iam::{CI}:root"}, ["ecr:*"]),
    ],
}


def repository_policy(account_id: str, repository: str) -> str | None:
    statements = _POLICIES.get(repository)
    if statements is None:
        return None
    return json.dumps({"Version": "2012-10-17", "Statement": statements}, indent=2)


def registry_policy(account_id: str, region: str) -> str | None:
    if account_id != "111122223333":
        return None
    return json.dumps({"Version": "2012-10-17", "Statement": [
        _statement("ReplicateToProd", "Allow", {"AWS": f"arn:aws:iam::{PROD}:root"},
                   ["ecr:CreateRepository", "ecr:ReplicateImage"]),
        {**_statement("PullThroughFromProd", "Allow", {"AWS": f"arn:aws:iam::{PROD}:root"},
                      ["ecr:CreateRepository", "ecr:BatchImportUpstreamImage"]),
         "Resource": f"arn:aws:ecr:{region}:{account_id}:repository/docker-hub/*"},
    ]}, indent=2)
