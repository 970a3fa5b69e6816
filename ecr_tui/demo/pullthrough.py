"""Demo pull-through-cache rules and the repositories they created, as an organisation has them."""

from __future__ import annotations

from datetime import datetime, timedelta

from ecr_tui.core.models import PullThroughRule, Repository
from ecr_tui.demo.data import registry_host

# (prefix, upstream URL, ECR's upstream kind, upstream prefix, needs a secret, age in days)
RULES = (
    ("docker-hub", "registry-1.docker.io", "docker-hub", "ROOT", True, 410),
    ("ecr-public", "public.ecr.aws", "ecr-public", "ROOT", False, 530),
    ("ghcr", "ghcr.io", "github-container-registry", "ROOT", True, 200),
    ("k8s", "registry.k8s.io", "k8s", "ROOT", False, 320),
    ("quay", "quay.io", "quay", "ROOT", False, 95),
)
# repositories the rules created on first pull: prefix -> upstream repositories
CACHED = {
    "docker-hub": ("library/nginx", "library/redis", "library/postgres", "grafana/grafana"),
    "ecr-public": ("docker/library/python", "aws-observability/aws-otel-collector"),
    "ghcr": ("external-secrets/external-secrets", "fluxcd/source-controller"),
    "k8s": ("ingress-nginx/controller", "pause"),
    "quay": ("prometheus/node-exporter", "jetstack/cert-manager-controller"),
}


def rules(account: str, region: str, epoch: datetime) -> list[PullThroughRule]:
    found = []
    for prefix, url, kind, upstream_prefix, secret, age in RULES:
        arn = (
            f"arn:aws:secretsmanager:{region}:{account}:secret:ecr-pullthroughcache/{prefix}-AbCd12"
            if secret else None
        )
        created = epoch - timedelta(days=age, hours=3)
        found.append(PullThroughRule(
            prefix, url, kind, upstream_prefix, arn, created,
            created + timedelta(days=age // 3) if secret else created, account,
        ))
    return found


def cached_repositories(account: str, region: str, epoch: datetime) -> list[Repository]:
    host = registry_host(account, region)
    repos = []
    for index, (prefix, names) in enumerate(CACHED.items()):
        for offset, upstream in enumerate(names):
            name = f"{prefix}/{upstream}"
            repos.append(Repository(
                name=name,
                uri=f"{host}/{name}",
                registry_id=account,
                arn=f"arn:aws:ecr:{region}:{account}:repository/{name}",
                created_at=epoch - timedelta(days=60 + 17 * index + 5 * offset, hours=offset),
                tag_mutability="MUTABLE",
                scan_on_push=False,
                encryption="AES256",
            ))
    return repos
