"""The world itself is right: checked with boto3 + httpx directly, never with ecr_tui code."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from tests.harness.seed import DOCKER_MANIFEST, OCI_INDEX, OCI_MANIFEST
from tests.harness.world import World

pytestmark = pytest.mark.integration

ACCEPT = ", ".join([
    OCI_INDEX, "application/vnd.docker.distribution.manifest.list.v2+json", OCI_MANIFEST,
    DOCKER_MANIFEST,
])


def _ecr(world: World, region: str | None = None, *, validate: bool = True) -> Any:
    session = boto3.session.Session(
        aws_access_key_id="test", aws_secret_access_key="test",
        region_name=region or world.region,
    )
    config = Config(parameter_validation=validate)
    return session.client("ecr", endpoint_url=world.moto_url, config=config)


def _auth(world: World) -> dict[str, str]:
    return {"Authorization": f"Basic {world.authorization_token}"}


def _client(world: World, **kwargs: Any) -> httpx.Client:
    return httpx.Client(headers=_auth(world), timeout=30, trust_env=False, **kwargs)


def test_startup_is_fast_enough(world: World) -> None:
    assert world.startup_seconds < 20, world.startup_seconds


def test_describe_repositories_paginates_across_pages(world: World) -> None:
    assert len(world.repositories) > 1000
    paginator = _ecr(world).get_paginator("describe_repositories")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 1000}))
    assert len(pages) == 2
    assert len(pages[0]["repositories"]) == 1000
    names = [r["repositoryName"] for p in pages for r in p["repositories"]]
    assert sorted(names) == sorted(world.repositories)
    assert len(set(names)) == len(names)
    assert any("/" in n for n in names)


def test_describe_repositories_default_page_and_filter(world: World) -> None:
    ecr = _ecr(world)
    first = ecr.describe_repositories()
    assert len(first["repositories"]) == 100 and first["nextToken"]
    named = ecr.describe_repositories(repositoryNames=[world.big_repo])
    assert [r["repositoryName"] for r in named["repositories"]] == [world.big_repo]
    eu = _ecr(world, world.other_region).describe_repositories()["repositories"]
    assert sorted(r["repositoryName"] for r in eu) == sorted(world.other_region_repositories)


@pytest.mark.parametrize("operation", ["describe_repositories", "describe_images", "list_images"])
@pytest.mark.parametrize("bad", [0, 1001])
def test_max_results_out_of_range_is_rejected(world: World, operation: str, bad: int) -> None:
    kwargs: dict[str, Any] = {"maxResults": bad}
    if operation != "describe_repositories":
        kwargs["repositoryName"] = world.big_repo
    with pytest.raises(ClientError) as excinfo:
        # botocore checks the minimum itself: switch that off so the server is what answers
        getattr(_ecr(world, validate=False), operation)(**kwargs)
    assert excinfo.value.response["Error"]["Code"] == "InvalidParameterException"
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_authorization_token(world: World) -> None:
    data = _ecr(world).get_authorization_token()["authorizationData"]
    assert len(data) == 1
    item = data[0]
    user, _, password = base64.b64decode(item["authorizationToken"]).decode().partition(":")
    assert (user, password) == ("AWS", world.password)
    assert 1500 <= len(password) <= 4096 and "\n" not in password
    remaining = item["expiresAt"] - datetime.now(timezone.utc)
    assert timedelta(hours=11, minutes=55) < remaining <= timedelta(hours=12, minutes=1)
    assert item["proxyEndpoint"] == world.registry_url
    assert world.registry_host == world.registry_url.removeprefix("http://")


def _all_tags(world: World, n: int) -> tuple[list[str], int]:
    url: str | None = f"{world.registry_url}/v2/{world.big_repo}/tags/list?n={n}"
    tags: list[str] = []
    pages = 0
    with _client(world) as client:
        while url:
            response = client.get(url)
            assert response.status_code == 200, response.text
            pages += 1
            tags += response.json()["tags"]
            link = response.links.get("next")
            url = str(response.url.join(link["url"])) if link else None
            if link:
                assert link["url"].startswith(world.registry_url + "/v2/")
    return tags, pages


def test_tags_list_pages_with_link(world: World) -> None:
    tags, pages = _all_tags(world, 1000)
    assert pages == 3
    assert len(tags) == len(set(tags)) == 2345
    assert set(tags) == set(world.big_tags)
    assert tags != sorted(tags)  # not lexical, like ECR


def test_tags_list_default_page_is_100(world: World) -> None:
    with _client(world) as client:
        response = client.get(f"{world.registry_url}/v2/{world.big_repo}/tags/list")
    assert response.status_code == 200
    assert len(response.json()["tags"]) == 100
    assert 'rel="next"' in response.headers["Link"]
    _, pages = _all_tags(world, 100)
    assert pages == 24


def test_tags_list_errors(world: World) -> None:
    url = f"{world.registry_url}/v2/{world.big_repo}/tags/list"
    with _client(world) as client:
        too_many = client.get(url, params={"n": 1001})
        bad_last = client.get(url, params={"n": 10, "last": "v1.0.0"})
    assert too_many.status_code == 400
    assert too_many.json()["errors"][0]["code"] == "PAGINATION_NUMBER_INVALID"
    assert bad_last.status_code == 400
    with httpx.Client(trust_env=False) as anonymous:
        no_auth = anonymous.get(url)
        wrong = anonymous.get(url, auth=("AWS", world.password[:-1] + "x"))
        truncated = anonymous.get(url, auth=("AWS", world.password[:100]))
        right = anonymous.get(url, auth=("AWS", world.password))
    for response in (no_auth, wrong, truncated):
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"].startswith("Basic ")
    assert right.status_code == 200


def test_small_repository_tags(world: World) -> None:
    repo = "team-01/service-001"
    with _client(world) as client:
        response = client.get(f"{world.registry_url}/v2/{repo}/tags/list")
        assert sorted(response.json()["tags"]) == sorted(world.tags[repo])
        http_repo, http_tag = world.http_pushed
        head = client.head(
            f"{world.registry_url}/v2/{http_repo}/manifests/{http_tag}", headers={"Accept": ACCEPT}
        )
    assert head.status_code == 200
    assert head.headers["Docker-Content-Digest"] == world.tags[http_repo][http_tag]


def test_index_manifest_and_children(world: World) -> None:
    index = world.image(world.big_repo, world.index_tag)
    with _client(world) as client:
        response = client.get(
            f"{world.registry_url}/v2/{world.big_repo}/manifests/{world.index_tag}",
            headers={"Accept": ACCEPT},
        )
        assert response.status_code == 200
        assert response.headers["Content-Type"] == OCI_INDEX
        assert response.headers["Docker-Content-Digest"] == index.digest
        assert "sha256:" + hashlib.sha256(response.content).hexdigest() == index.digest
        body = response.json()
        platforms = [f"{m['platform']['os']}/{m['platform']['architecture']}"
                     for m in body["manifests"]]
        assert platforms == ["linux/amd64", "linux/arm64"] == list(index.platforms)
        for child in body["manifests"]:
            got = client.get(
                f"{world.registry_url}/v2/{world.big_repo}/manifests/{child['digest']}",
                headers={"Accept": ACCEPT},
            )
            assert got.status_code == 200
            assert got.headers["Content-Type"] == OCI_MANIFEST
        schema2 = client.get(
            f"{world.registry_url}/v2/{world.big_repo}/manifests/{world.schema2_tag}",
            headers={"Accept": ACCEPT},
        )
    assert schema2.headers["Content-Type"] == DOCKER_MANIFEST
    assert schema2.headers["Docker-Content-Digest"] == world.big_tags[world.schema2_tag]


def test_blob_redirects_to_another_origin(world: World) -> None:
    image = world.images[f"{world.big_repo}@{world.image(world.big_repo, 'multiarch').children[1]}"]
    assert image.config_digest
    url = f"{world.registry_url}/v2/{world.big_repo}/blobs/{image.config_digest}"
    with _client(world) as client:
        first = client.get(url)
        assert first.status_code == 307
        location = first.headers["Location"]
        assert location.startswith("http://localhost:") and "X-Amz-Signature=" in location
        double_auth = client.get(location)  # S3 rejects a second auth mechanism
        assert double_auth.status_code == 400
    with _client(world, follow_redirects=True) as client:
        followed = client.get(url)
    assert followed.status_code == 200
    assert "sha256:" + hashlib.sha256(followed.content).hexdigest() == image.config_digest
    config = json.loads(followed.content)
    assert config["architecture"] == image.architecture == "arm64"
    assert config["os"] == "linux" and config["created"] == image.created
    assert config["config"]["Labels"] == image.labels
    with httpx.Client(trust_env=False) as anonymous:
        assert anonymous.get(url).status_code == 401


def test_describe_images_matches_registry(world: World) -> None:
    ecr = _ecr(world)
    paginator = ecr.get_paginator("describe_images")
    pages = list(paginator.paginate(
        repositoryName=world.big_repo, PaginationConfig={"PageSize": 1000}
    ))
    assert len(pages) == 3
    details = [d for p in pages for d in p["imageDetails"]]
    by_tag = {t: d["imageDigest"] for d in details for t in d.get("imageTags", [])}
    assert by_tag == dict(world.big_tags)
    untagged = [d for d in details if not d.get("imageTags")]
    assert {d["imageDigest"] for d in untagged} == set(
        world.image(world.big_repo, world.index_tag).children
    )
    sizes = {d["imageDigest"]: d["imageSizeInBytes"] for d in details}
    index = world.image(world.big_repo, world.index_tag)
    assert sizes[index.digest] == index.size == max(sizes[c] for c in index.children) > 0
    assert all(sizes[d] == world.images[f"{world.big_repo}@{d}"].size for d in sizes)
    assert all(d["imagePushedAt"] for d in details)
    media = {d["imageDigest"]: d["imageManifestMediaType"] for d in details}
    assert media[world.big_tags[world.index_tag]] == OCI_INDEX
    assert media[world.big_tags[world.schema2_tag]] == DOCKER_MANIFEST
    listed = ecr.get_paginator("list_images").paginate(
        repositoryName=world.big_repo, PaginationConfig={"PageSize": 1000}
    )
    ids = [i for p in listed for i in p["imageIds"]]
    assert {i["imageTag"]: i["imageDigest"] for i in ids if i.get("imageTag")} == by_tag
    one = ecr.describe_images(
        repositoryName=world.big_repo, imageIds=[{"imageTag": world.schema2_tag}]
    )["imageDetails"]
    assert [d["imageDigest"] for d in one] == [world.big_tags[world.schema2_tag]]
    http_repo, http_tag = world.http_pushed
    pushed = ecr.describe_images(repositoryName=http_repo, imageIds=[{"imageTag": http_tag}])
    assert pushed["imageDetails"][0]["imageDigest"] == world.tags[http_repo][http_tag]


def test_audit_file_records_operations(world: World) -> None:
    before = len(world.audit_lines())
    _ecr(world).list_images(repositoryName="team-01/service-002", maxResults=5)
    session = boto3.session.Session(
        aws_access_key_id="test", aws_secret_access_key="test", region_name=world.region
    )
    session.client("sts", endpoint_url=world.moto_url).get_caller_identity()
    new = world.audit_lines()[before:]
    assert "ecr.ListImages" in new and "sts.GetCallerIdentity" in new


def test_world_env_is_isolated(world: World, world_env: dict[str, str]) -> None:
    assert world_env["HOME"] == str(world.home)
    assert world_env["AWS_ENDPOINT_URL"] == world.moto_url
    assert "AWS_PROFILE" not in world_env
    assert world_env["DOCKER_CONFIG"] != world.env["DOCKER_CONFIG"]
    for key in ("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "DOCKER_CONFIG",
                "REGISTRY_AUTH_FILE", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_RUNTIME_DIR",
                "XDG_CACHE_HOME"):
        path = Path(world_env[key])
        assert path.is_absolute() and path.parent.is_dir(), key
        assert not path.is_relative_to(Path.home()), key  # never the real user's files
    assert (Path(world_env["XDG_RUNTIME_DIR"]).stat().st_mode & 0o777) == 0o700


@pytest.mark.parametrize("profile", ["default", "static-eu", "role", "proc"])
def test_profiles_resolve_against_moto(
    world: World, world_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, profile: str
) -> None:
    for key in [k for k in list(os.environ) if k.startswith("AWS_")]:
        monkeypatch.delenv(key)
    for key, value in world_env.items():
        if key.startswith("AWS_") or key == "HOME":
            monkeypatch.setenv(key, value)
    session = boto3.session.Session(profile_name=profile)
    assert session.region_name == ("eu-west-1" if profile == "static-eu" else "us-east-1")
    identity = session.client("sts").get_caller_identity()
    other = profile == "static-eu"
    assert identity["Account"] == (world.other_account_id if other else world.account_id)
    token = session.client("ecr").get_authorization_token()["authorizationData"][0]
    password = base64.b64decode(token["authorizationToken"]).decode().partition(":")[2]
    assert (password == world.password) is not other
    with httpx.Client(trust_env=False) as client:
        status = client.get(f"{world.registry_url}/v2/", auth=("AWS", password)).status_code
    assert status == (401 if other else 200)


def test_sso_cache_files(world: World) -> None:
    cache = world.home / ".aws" / "sso" / "cache"
    corp = json.loads((cache / (hashlib.sha1(b"corp").hexdigest() + ".json")).read_text())
    expires = datetime.strptime(corp["expiresAt"], "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=timezone.utc
    )
    assert timedelta(hours=7) < expires - datetime.now(timezone.utc) <= timedelta(hours=8)
    old = json.loads((cache / (hashlib.sha1(b"old").hexdigest() + ".json")).read_text())
    assert old["expiresAt"] < corp["expiresAt"]
    assert not (cache / (hashlib.sha1(b"never").hexdigest() + ".json")).exists()


def test_proc_fail_profile_fails(world: World) -> None:
    script = world.home / "bin" / "cred-proc-fail"
    result = subprocess.run([str(script)], capture_output=True, text=True, env=dict(world.env))
    assert result.returncode == 1
    assert "boom: token broker unreachable" in result.stderr


def _login(args: list[str], world: World, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*args, "--username", "AWS", "--password-stdin", world.registry_host],
        input=world.password + "\n", capture_output=True, text=True, env=env, timeout=60,
    )


def _need(tool: str) -> None:
    if shutil.which(tool) is None:
        reason = f"no {tool} client on PATH (.ci/install-test-deps installs it)"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)


def test_docker_login(world: World, world_env: dict[str, str]) -> None:
    """docker 28's CLI logs in without a daemon: it tries https, then falls back to http."""
    _need("docker")
    result = _login(["docker", "login"], world, world_env)
    assert result.returncode == 0, result.stderr
    assert "Login Succeeded" in result.stdout
    config = json.loads(
        (Path(world_env["DOCKER_CONFIG"]) / "config.json").read_text()
    )
    auth = base64.b64decode(config["auths"][world.registry_host]["auth"]).decode()
    assert auth == f"AWS:{world.password}"


def test_podman_login(world: World, world_env: dict[str, str]) -> None:
    _need("podman")
    result = _login(["podman", "login", "--tls-verify=false"], world, world_env)
    assert result.returncode == 0, result.stderr
    config = json.loads(
        Path(world_env["REGISTRY_AUTH_FILE"]).read_text()
    )
    auth = base64.b64decode(config["auths"][world.registry_host]["auth"]).decode()
    assert auth == f"AWS:{world.password}"
