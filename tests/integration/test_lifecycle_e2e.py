"""`ecr-tui lifecycle` and the lifecycle reads against moto: the policy GetLifecyclePolicy
returns, evaluated on images with the push and pull times of the documentation's examples;
ECR's own preview (GetLifecyclePolicyPreview) read, never started."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_tui.core.aws.backend import AwsBackend
from tests.harness import moto_lifecycle as seeded
from tests.harness.seed import REGION
from tests.harness.world import World
from tests.integration.test_cli_e2e import ecr_tui, ok_json, one_line_error

pytestmark = pytest.mark.integration
KEYS = {"repository", "policy_source", "rules", "images", "summary"}
IMAGE_KEYS = {"digest", "tags", "pushed_at", "last_pulled_at", "image_status", "action", "rule",
              "in_use"}


def test_lifecycle_json_says_what_the_repository_policy_would_do_now(world: World) -> None:
    data = ok_json(["lifecycle", seeded.REPO], world.env)
    assert set(data) == KEYS
    assert (data["repository"], data["policy_source"]) == (seeded.REPO, "repository")
    assert [r["priority"] for r in data["rules"]] == [1, 2, 3, 4]
    assert data["rules"][0] == {"priority": 1, "description": "Keep 2 prod",
                                "summary": "keep the 2 newest images tagged prod*"}
    assert data["rules"][2]["summary"] == "archive images not pulled for 90 days"
    names = {seeded.digest_of(n): n for n, *_ in seeded.IMAGES}
    for row in data["images"]:
        assert set(row) == IMAGE_KEYS
    got = {names[r["digest"]]: (r["action"], r["rule"]) for r in data["images"]}
    assert got == seeded.EXPECTED
    by_name = {names[r["digest"]]: r for r in data["images"]}
    assert by_name["G"]["image_status"] == "ARCHIVED"
    assert by_name["D"]["last_pulled_at"] is None and by_name["C"]["last_pulled_at"]
    assert all(r["in_use"] == 0 for r in data["images"])  # moto runs no ECS service or function
    assert data["summary"] == {"expire": 3, "transition": 1, "keep": 4}


def test_lifecycle_of_a_draft_file_and_of_a_repository_without_policy(
        world: World, tmp_path: Path) -> None:
    draft = tmp_path / "draft.json"
    draft.write_text(json.dumps({"rules": [{
        "rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan",
                                         "countNumber": 1},
        "action": {"type": "expire"}}]}))
    data = ok_json(["lifecycle", seeded.REPO, "--policy", str(draft)], world.env)
    assert data["policy_source"] == "file"
    assert data["summary"] == {"expire": 6, "transition": 0, "keep": 2}  # G is archived
    none = ok_json(["lifecycle", "team-01/service-001"], world.env)
    assert (none["policy_source"], none["rules"]) == ("none", [])
    assert {r["action"] for r in none["images"]} == {"keep"}
    human = ecr_tui(["lifecycle", seeded.REPO], world.env)
    assert human.returncode == 0, human.stderr
    assert "rule 3: archive images not pulled for 90 days" in human.stdout


def test_an_invalid_draft_is_one_line_naming_the_rule_and_property(
        world: World, tmp_path: Path) -> None:
    draft = tmp_path / "draft.json"
    draft.write_text(json.dumps({"rules": [{
        "rulePriority": 4, "selection": {"tagStatus": "any", "countType": "sinceImagePulled",
                                         "countNumber": 30, "countUnit": "days"},
        "action": {"type": "expire"}}]}))
    line = one_line_error(ecr_tui(["lifecycle", seeded.REPO, "--policy", str(draft)], world.env))
    assert "rule 4: action.type must be transition for sinceImagePulled" in line


def test_the_backend_reads_the_policy_and_ecrs_own_preview(
        world: World, process_env: dict[str, str]) -> None:
    backend = AwsBackend(environ=process_env)
    try:
        assert json.loads(backend.lifecycle_policy("default", REGION, seeded.REPO) or "") == \
            seeded.POLICY
        assert backend.lifecycle_policy("default", REGION, "team-01/service-001") is None
        preview = backend.lifecycle_preview("default", REGION, seeded.REPO)
        assert preview is not None and preview.status == "COMPLETE"
        names = {seeded.digest_of(n): n for n, *_ in seeded.IMAGES}
        acted = {n: a for n, a in seeded.EXPECTED.items() if a[0] != "keep"}
        assert {names[r.digest]: (r.action, r.rule) for r in preview.results} == acted
        assert (preview.expiring, preview.transitioning) == (3, 1)
        assert backend.lifecycle_preview("default", REGION, "team-01/service-001") is None
    finally:
        backend.close()
