"""Pull-through-cache rules from the harness's moto (which lacks the API natively)."""

from __future__ import annotations

import boto3

from tests.harness import pull_through
from tests.harness.world import World
from tests.integration.test_cli_e2e import ecr_tui, ok_json, one_line_error


def test_the_launcher_pages_rules_like_ecr(world: World) -> None:
    client = boto3.client("ecr", region_name=world.region, endpoint_url=world.moto_url,
                          aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="x")
    pages = list(client.get_paginator("describe_pull_through_cache_rules").paginate(
        PaginationConfig={"PageSize": 2}))
    assert len(pages) == (len(pull_through.RULES) + 1) // 2
    prefixes = [r["ecrRepositoryPrefix"] for page in pages for r in page["pullThroughCacheRules"]]
    assert sorted(prefixes) == sorted(rule[0] for rule in pull_through.RULES)


def test_rules_json_rows(world: World) -> None:
    rows = ok_json(["rules"], world.env)
    assert [r["prefix"] for r in rows] == sorted(rule[0] for rule in pull_through.RULES)
    hub = next(r for r in rows if r["prefix"] == "docker-hub")
    assert set(hub) == {"prefix", "upstream_registry_url", "upstream_registry",
                        "upstream_repository_prefix", "credential_arn", "created_at",
                        "updated_at"}
    assert hub["upstream_registry_url"] == "registry-1.docker.io"
    assert hub["upstream_registry"] == "docker-hub" and hub["credential_arn"].startswith("arn:")
    assert hub["created_at"].endswith("+00:00")
    assert next(r for r in rows if r["prefix"] == "quay")["credential_arn"] is None
    assert ok_json(["rules", "--region", world.other_region], world.env) == []


def test_rules_table(world: World) -> None:
    result = ecr_tui(["rules"], world.env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["PREFIX", "UPSTREAM"] and len(lines) == 1 + len(
        pull_through.RULES)


def test_pull_uri_prints_the_uri_alone(world: World) -> None:
    host = f"{world.account_id}.dkr.ecr.{world.region}.amazonaws.com"
    for image, repository in (
        ("docker.io/library/nginx:1.27", "docker-hub/library/nginx:1.27"),
        ("nginx:1.27", "docker-hub/library/nginx:1.27"),
        ("ghcr.io/org/app:tag", "ghcr/org/app:tag"),
        ("ghcr.io/my-org/app:tag", "ghcr-my-org/app:tag"),
        ("quay.io/prometheus/node-exporter:v1.8.0", "quay/prometheus/node-exporter:v1.8.0"),
        ("public.ecr.aws/docker/library/python:3.12", "ecr-public/docker/library/python:3.12"),
    ):
        result = ecr_tui(["rules", "--pull-uri", image], world.env)
        assert (result.returncode, result.stdout, result.stderr) == (
            0, f"{host}/{repository}\n", ""), image


def test_an_image_no_rule_covers_is_one_error_line(world: World) -> None:
    err = one_line_error(ecr_tui(["rules", "--pull-uri", "gcr.io/distroless/static"], world.env))
    assert "no pull-through-cache rule" in err and "gcr.io/distroless/static" in err
