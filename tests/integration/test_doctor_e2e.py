"""`ecr-tui doctor` (the installed command) against a world of its own where each failure the
issue names is planted (tests/harness/doctor_world.py): the right check fails (or warns) with the
right fix, the JSON has all eight checks in order, and the exit code follows the verdict."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.harness import doctor_world as planted
from tests.harness.doctor_world import HOST, OTHER, DoctorWorld
from tests.integration.test_cli_e2e import ecr_tui

pytestmark = pytest.mark.integration
IDS = ["reference", "profile", "repository", "image", "status", "platform", "policy", "client"]


@pytest.fixture(scope="module")
def dworld(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DoctorWorld]:
    if not os.access("/usr/bin/docker-registry", os.X_OK) or not shutil.which("moto_server"):
        pytest.skip("integration stand-ins missing (docker-registry, moto_server)")
    with planted.doctor_world(tmp_path_factory.mktemp("doctor")) as world:
        yield world


def doctor(world: DoctorWorld, *args: str, docker: dict | None = None) -> tuple[int, dict]:
    world.docker_config.write_text(json.dumps(docker if docker is not None else {
        "credHelpers": {HOST: "ecr-tui"}}), encoding="utf-8")
    result = ecr_tui(["doctor", *args, "--json"], world.env)
    assert "Traceback" not in result.stderr, result.stderr
    data = json.loads(result.stdout)
    assert [c["id"] for c in data["checks"]] == IDS
    return result.returncode, data


def check(data: dict, check_id: str) -> dict:
    return next(c for c in data["checks"] if c["id"] == check_id)


def test_a_pullable_image_is_all_ok_and_exit_0(dworld: DoctorWorld) -> None:
    code, data = doctor(dworld, f"{HOST}/app/web:latest")
    assert (code, data["verdict"]) == (0, "pullable")
    assert set(data) == {"reference", "registry", "repository", "tag", "digest", "verdict",
                         "checks"}
    assert data["registry"] == {"account_id": planted.ACCOUNT, "region": planted.REGION,
                                "host": HOST}
    assert (data["repository"], data["tag"]) == ("app/web", "latest")
    assert data["digest"].startswith("sha256:")
    statuses = {c["id"]: c["status"] for c in data["checks"]}
    assert statuses == {"reference": "ok", "profile": "ok", "repository": "ok", "image": "ok",
                        "status": "ok", "platform": "skip", "policy": "skip", "client": "ok"}
    assert all(c["fix"] is None for c in data["checks"])
    assert "profile default" in check(data, "profile")["detail"]


def test_a_missing_repository_names_the_near_miss(dworld: DoctorWorld) -> None:
    code, data = doctor(dworld, f"{HOST}/app/wbe:latest")
    repo = check(data, "repository")
    assert (code, data["verdict"], repo["status"]) == (1, "not-pullable", "fail")
    assert "closest: app/web" in repo["detail"] and "did you mean app/web" in repo["fix"]
    assert check(data, "image")["status"] == "skip"


def test_a_tag_the_lifecycle_policy_expired(dworld: DoctorWorld) -> None:
    message = ('CannotPullContainerError: pull image manifest has been retried 5 time(s): failed '
               f'to resolve ref "{HOST}/app/api:release-1.3.9": {HOST}/app/api:release-1.3.9: '
               "not found")
    code, data = doctor(dworld, message)
    image = check(data, "image")
    assert (code, image["status"]) == (1, "fail")
    assert "newest release-*: release-1.4.2, release-1.4.1, release-1.4.0" in image["detail"]
    assert "lifecycle rule 1 matches tags like it: keep the 3 newest images tagged release-*" \
        in image["detail"]
    assert image["fix"].startswith("pull app/api:release-1.4.2")


def test_a_tag_pushed_minutes_ago_warns(dworld: DoctorWorld) -> None:
    code, data = doctor(dworld, f"{HOST}/app/api:hotfix")
    image = check(data, "image")
    assert image["status"] == "warn"
    assert "minutes ago" in image["detail"] or "seconds ago" in image["detail"]
    assert "pin the digest" in image["fix"]
    assert (code, data["verdict"]) == (0, "pullable")  # a warning is no failure


def test_an_archived_image_fails_status_with_the_restore_command(dworld: DoctorWorld) -> None:
    code, data = doctor(dworld, f"{HOST}/app/api:archived-1")
    status = check(data, "status")
    assert (code, status["status"]) == (1, "fail")
    assert status["detail"].startswith("ARCHIVED")
    assert "aws ecr update-image-storage-class --repository-name app/api" in status["fix"]
    assert "--target-storage-class STANDARD" in status["fix"] and "20 minutes" in status["fix"]


def test_an_index_without_linux_arm64(dworld: DoctorWorld) -> None:
    message = (f"Error response from daemon: no matching manifest for linux/arm64/v8 in the "
               f"manifest list entries (pulling {HOST}/multi/tool:2.0)")
    code, data = doctor(dworld, message)
    platform = check(data, "platform")
    assert (code, platform["status"]) == (1, "fail")
    assert "has no linux/arm64/v8; it has linux/amd64, linux/ppc64le" in platform["detail"]
    assert "counts that as a pull" in platform["detail"]
    assert "--platform linux/amd64" in platform["fix"]
    _, asked = doctor(dworld, f"{HOST}/multi/tool:2.0", "--platform", "linux/amd64")
    assert check(asked, "platform")["status"] == "ok"


def test_a_policy_that_grants_the_other_account(dworld: DoctorWorld) -> None:
    code, data = doctor(dworld, f"{HOST}/shared/base:v1", "--principal", OTHER)
    policy = check(data, "policy")
    assert (code, policy["status"]) == (0, "ok")
    assert "OtherPulls of the repository policy allows account " + OTHER in policy["detail"]
    # the profile you run as belongs to the other account: it is the puller
    _, data = doctor(dworld, f"{HOST}/shared/base:v1", "--profile", "other")
    assert check(data, "policy")["status"] == "ok"
    assert "profile default" in check(data, "profile")["detail"]


def test_a_policy_that_denies_the_other_account(dworld: DoctorWorld) -> None:
    code, data = doctor(dworld, f"{HOST}/shared/denied:v1", "--profile", "other")
    policy = check(data, "policy")
    assert (code, policy["status"]) == (1, "fail")
    assert "explicit Deny (NotOther of the repository policy)" in policy["detail"]
    assert policy["fix"] == f"remove account {OTHER} from that statement"
    _, nobody = doctor(dworld, f"{HOST}/app/web:latest", "--principal", OTHER)
    assert check(nobody, "policy")["status"] == "fail"
    assert "grants ecr:BatchGetImage, ecr:GetDownloadUrlForLayer" in check(
        nobody, "policy")["detail"]


def test_a_kms_encrypted_repository_warns(dworld: DoctorWorld) -> None:
    code, data = doctor(dworld, f"{HOST}/secure/kms:v1", "--principal", OTHER)
    policy = check(data, "policy")
    assert policy["status"] == "warn" and planted.KMS_KEY in policy["detail"]
    assert "kms:Decrypt" in policy["fix"]
    assert code == 0


def test_an_account_no_profile_reaches(dworld: DoctorWorld) -> None:
    host = f"{planted.UNREACHED}.dkr.ecr.us-east-1.amazonaws.com"
    code, data = doctor(dworld, f"{host}/app/web:latest", docker={"credHelpers": {host: "ecr-tui"}})
    profile = check(data, "profile")
    assert (code, data["verdict"], profile["status"]) == (2, "unknown", "fail")
    assert f"no profile of yours reaches account {planted.UNREACHED}" in profile["detail"]
    assert "configure a profile of that account" in profile["fix"]
    assert {c["status"] for c in data["checks"][2:7]} == {"skip"}


def test_a_pull_through_cache_prefix(dworld: DoctorWorld) -> None:
    code, data = doctor(dworld, f"{HOST}/docker-hub/library/nginx:1.27")
    repo = check(data, "repository")
    assert (code, repo["status"]) == (2, "warn")
    assert "pull-through-cache rule docker-hub (registry-1.docker.io)" in repo["detail"]
    assert "ecr:CreateRepository and ecr:BatchImportUpstreamImage" in repo["fix"]


def test_a_docker_config_without_a_route(dworld: DoctorWorld, tmp_path: Path) -> None:
    other = {"auths": {"ghcr.io": {}}, "credHelpers": {"public.ecr.aws": "ecr-login"}}
    code, data = doctor(dworld, f"{HOST}/app/web:latest", docker=other)
    client = check(data, "client")
    assert (code, client["status"]) == (1, "fail")
    assert f"has no route for {HOST}" in client["detail"]
    assert client["fix"].startswith(f"ecr-tui helper install --registry {HOST}")
    _, missing = doctor(dworld, f"{HOST}/app/web:latest",
                        docker={"credHelpers": {HOST: "no-such-helper"}})
    assert "docker-credential-no-such-helper, which is not on PATH" in check(
        missing, "client")["detail"]


def test_the_text_form_prints_each_check_and_the_verdict(dworld: DoctorWorld) -> None:
    dworld.docker_config.write_text("{}", encoding="utf-8")
    result = ecr_tui(["doctor", f"{HOST}/app/wbe:latest"], dworld.env)
    assert result.returncode == 1 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert [line.split()[1] for line in lines if not line.startswith(" ")][:-1] == IDS
    assert lines[-1] == "verdict: not-pullable"
    assert any(line.strip().startswith("fix: did you mean app/web?") for line in lines)


def test_not_ecr_and_no_reference_are_unknown(dworld: DoctorWorld) -> None:
    code, data = doctor(dworld, "Error response from daemon: manifest for ghcr.io/org/app:1 "
                        "not found: manifest unknown")
    assert (code, data["verdict"], check(data, "reference")["status"]) == (2, "unknown", "warn")
    code, data = doctor(dworld, "no basic auth credentials")
    assert (code, check(data, "reference")["status"]) == (2, "fail")
    assert data["reference"] is None and data["registry"] is None
