"""Deterministic demo data: repositories and tags, generated from seeded random streams."""

from __future__ import annotations

import hashlib
import random
from dataclasses import replace
from datetime import datetime, timedelta

from ecr_tui.core.models import Repository, ScanSummary, TagRow

BIG_REPOSITORY = "platform/api"
BIG_TAG_COUNT = 3_500
HUGE_REPOSITORY = "bench/huge"
HUGE_TAG_COUNT = 100_000
REGIONS_WITH_REPOSITORIES = ("us-east-1", "eu-west-1", "ap-southeast-2")
"""Where the demo accounts keep most of their repositories: the regions that matter."""

OCI_INDEX = "application/vnd.oci.image.index.v1+json"
DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json"
OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json"

_TEAMS = ("payments", "search", "platform", "identity", "data", "mobile", "ml", "infra",
          "growth", "checkout", "catalog", "notifications", "billing", "edge", "ops")
_SERVICES = ("api", "worker", "web", "gateway", "scheduler", "indexer", "auth", "ingest",
             "exporter", "proxy", "migrations", "cron", "frontend", "backend", "consumer",
             "producer", "reporter", "sync", "cache", "admin")
_PLATFORM_SETS = (
    ("linux/amd64", "linux/arm64"),
    ("linux/amd64",),
    ("linux/amd64", "linux/arm64", "linux/arm/v7"),
    ("linux/arm64",),
)
_SEVERITIES = ("CRITICAL", "HIGH", "MEDIUM", "LOW")
MUTABILITY_EXCLUSIONS = {
    BIG_REPOSITORY: ("IMMUTABLE_WITH_EXCLUSION", ("latest", "main-*")),
    "base/node": ("MUTABLE_WITH_EXCLUSION", ("v*",)),
}
"""Repositories whose tag mutability has exclusion filters (set after the seeded draw, which
they leave as it was)."""


def digest_of(*parts: object) -> str:
    return "sha256:" + hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()


def registry_host(account: str, region: str) -> str:
    return f"{account}.dkr.ecr.{region}.amazonaws.com"


def repository_names(rng: random.Random, count: int) -> list[str]:
    names = {BIG_REPOSITORY, HUGE_REPOSITORY, "base/python", "base/node"}
    while len(names) < count:
        team, service = rng.choice(_TEAMS), rng.choice(_SERVICES)
        shape = rng.random()
        if shape < 0.1:
            names.add(service + "-" + team)
        elif shape < 0.25:
            names.add(f"{team}/{service}/{rng.choice(('staging', 'canary', 'tools'))}")
        else:
            names.add(f"{team}/{service}")
    return sorted(names)


def repositories(account: str, region: str, epoch: datetime) -> list[Repository]:
    rng = random.Random(f"repos/{account}/{region}")
    host = registry_host(account, region)
    result = []
    for name in repository_names(rng, rng.randint(150, 450)):
        result.append(_with_key(
            Repository(
                name=name,
                uri=f"{host}/{name}",
                registry_id=account,
                arn=f"arn:aws:ecr:{region}:{account}:repository/{name}",
                created_at=epoch
                - timedelta(days=rng.randint(1, 1500), seconds=rng.randint(0, 86399)),
                tag_mutability=rng.choice(("MUTABLE", "MUTABLE", "IMMUTABLE")),
                scan_on_push=rng.random() < 0.6,
                encryption=rng.choice(("AES256", "AES256", "KMS")),
            )
        ))
        if name in MUTABILITY_EXCLUSIONS:
            mutability, filters = MUTABILITY_EXCLUSIONS[name]
            result[-1] = replace(result[-1], tag_mutability=mutability,
                                 tag_mutability_exclusions=filters)
    return result


def _with_key(repo: Repository) -> Repository:
    """Every other KMS repository uses a customer key (the rest, AWS's own): no random draw, so
    the rest of the demo stays as it was."""
    key_id = digest_of("kms", repo.registry_id, repo.name)[7:]
    if repo.encryption != "KMS" or int(key_id[0], 16) % 2:
        return repo
    region = repo.arn.split(":")[3]
    key = f"arn:aws:kms:{region}:{repo.registry_id}:key/{key_id[:8]}-{key_id[8:12]}-{key_id[12:16]}"
    return replace(repo, kms_key=f"{key}-{key_id[16:20]}-{key_id[20:32]}")


def _tag_names(rng: random.Random, count: int) -> list[str]:
    names: list[str] = ["latest"]
    seen = {"latest"}
    major, minor, patch = 0, 1, 0
    while len(names) < count:
        roll = rng.random()
        if roll < 0.45:
            patch += 1
            if rng.random() < 0.1:
                minor, patch = minor + 1, 0
            if rng.random() < 0.02:
                major, minor, patch = major + 1, 0, 0
            name = f"{'v' if rng.random() < 0.5 else ''}{major}.{minor}.{patch}"
        elif roll < 0.75:
            name = f"{rng.getrandbits(28):07x}"
        elif roll < 0.85:
            name = f"{rng.getrandbits(160):040x}"
        elif roll < 0.95:
            name = f"main-{len(names)}"
        else:
            name = f"pr-{rng.randint(1, 9999)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _scan_pool(rng: random.Random) -> tuple[ScanSummary | None, ...]:
    pool: list[ScanSummary | None] = [None, None, None, None]
    pool += [ScanSummary(status=s) for s in ("IN_PROGRESS", "UNSUPPORTED_IMAGE")]
    for _ in range(14):
        counts = tuple((sev, rng.choice((0, 0, 1, 2, 3, 5, 8, 13))) for sev in _SEVERITIES)
        pool.append(ScanSummary(status="COMPLETE", counts=counts))
    return tuple(pool)


def tags(repository: str, epoch: datetime, count: int | None = None) -> list[TagRow]:
    """All tags of a repository, newest first; `latest` shares the newest image's digest."""
    rng = random.Random(f"tags/{repository}")
    if count is None:
        count = {BIG_REPOSITORY: BIG_TAG_COUNT, HUGE_REPOSITORY: HUGE_TAG_COUNT}.get(
            repository, rng.randint(3, 80)
        )
    names = _tag_names(rng, count)
    scans = _scan_pool(rng)
    rows: list[TagRow] = []
    pushed = epoch - timedelta(minutes=rng.randint(5, 600))
    step = 1440 if count < 1000 else 120
    rand = rng.random
    for name in reversed(names[1:]):
        platforms = _PLATFORM_SETS[int(rand() * len(_PLATFORM_SETS))]
        single = len(platforms) == 1
        media = (OCI_MANIFEST, DOCKER_V2, OCI_INDEX, DOCKER_LIST)[2 * (not single) + (rand() < 0.5)]
        rows.append(
            TagRow(
                tag=name,
                digest=f"sha256:{rng.getrandbits(256):064x}",
                pushed_at=pushed,
                size_bytes=2_000_000 + int(rand() * 900_000_000),
                platforms=platforms,
                media_type=media,
                scan=scans[int(rand() * len(scans))],
                last_pull=min(pushed + timedelta(hours=1 + int(rand() * 200)), epoch)
                if rand() < 0.7 else None,
            )
        )
        pushed -= timedelta(minutes=3 + int(rand() * step))
    if rows:
        rows.insert(1, TagRow(**{**_fields(rows[0]), "tag": "latest"}))
    return rows


def _fields(row: TagRow) -> dict[str, object]:
    return {name: getattr(row, name) for name in TagRow.__slots__}


def password(rng: random.Random) -> str:
    """A fake ~2 KB ECR password shaped like the real base64 JSON envelope."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    body = "".join(rng.choice(alphabet) for _ in range(2040))
    return "eyJwYXlsb2FkIjoi" + body + "=="
