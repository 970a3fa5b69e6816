"""Regions where the account has repositories, found against moto across the partition's ECR
regions, cached per account for a day; the repository-name cache that completion reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_tui.core.aws.backend import AwsBackend
from ecr_tui.core.store import caches
from tests.harness.world import World

pytestmark = pytest.mark.integration


def audit_lines(world: World) -> list[str]:
    return world.audit_file.read_text().splitlines() if world.audit_file.exists() else []


def test_scan_finds_the_seeded_regions_and_the_next_call_reads_the_cache(
    world: World, process_env: dict[str, str], tmp_path: Path,
) -> None:
    env = {**process_env, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    backend = AwsBackend(environ=env)
    try:
        found = backend.regions_with_repositories("default", world.region)
        assert set(found) == {world.region, world.other_region}
        cache = json.loads(caches.regions_cache_path(env).read_text())
        assert cache[world.account_id]["regions"] == sorted(found)
        assert "token" not in json.dumps(cache).lower()  # no secret, only names and a time
        before = len(audit_lines(world))
        assert AwsBackend(environ=env).regions_with_repositories("default", world.region) == sorted(
            found)
        scans = [x for x in audit_lines(world)[before:] if "DescribeRepositories" in x]
        assert scans == []  # a day-old answer is reused

        backend.repositories("default", world.region)
        names = caches.cached_repository_names("default", world.region, env)
        assert names == sorted(world.repositories)
    finally:
        backend.close()
