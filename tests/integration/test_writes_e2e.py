"""`ecr-tui tag/untag/delete` (issue 21), the installed command against the write world
(tests/harness/write_world.py): ECR and the registry one store, so each write is checked in
both (the manifest GET from the real registry, DescribeImages from moto), each preflight
refusal sends no write, and with writes off nothing at all is sent (moto's audit file)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.harness.seed import OCI_INDEX, OCI_MANIFEST
from tests.harness.tokens import basic_token
from tests.harness.turns import one_worker_at_a_time
from tests.harness.write_world import (
    ALPHA,
    ALPHA_KEY,
    ALPHA_SECRET,
    BETA,
    DENIED_REGION,
    REGION,
    WriteWorld,
    running_write_world,
)
from tests.integration.test_cli_e2e import ecr_tui

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("writes")]
WRITES = ("ecr.BatchGetImage", "ecr.PutImage", "ecr.BatchDeleteImage")
ON = ["--profile", "alpha", "--allow-writes", "--yes", "--json"]


@pytest.fixture(scope="module")
def ww(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WriteWorld]:
    with contextlib.ExitStack() as stack:
        with one_worker_at_a_time(tmp_path_factory, "world-start"):
            started = stack.enter_context(
                running_write_world(tmp_path_factory.mktemp("writes")))
        yield started


@pytest.fixture
def env(ww: WriteWorld, tmp_path: Path) -> dict[str, str]:
    """The world's environment with this test's own audit.log (XDG_STATE_HOME)."""
    return {**ww.env, "XDG_STATE_HOME": str(tmp_path / "state")}


def ecr(ww: WriteWorld):  # noqa: ANN201 - a boto3 client
    import boto3

    return boto3.session.Session(aws_access_key_id=ALPHA_KEY, aws_secret_access_key=ALPHA_SECRET,
                                 region_name=REGION).client("ecr", endpoint_url=ww.moto_url)


def described(ww: WriteWorld, repository: str) -> dict[str, set[str]]:
    """DescribeImages (moto): digest -> tags."""
    details = ecr(ww).describe_images(repositoryName=repository, maxResults=1000)
    return {d["imageDigest"]: set(d.get("imageTags", ())) for d in details["imageDetails"]}


def audit_since(ww: WriteWorld, start: int) -> list[str]:
    return ww.audit_lines()[start:]


def run(ww: WriteWorld, args: list[str], env: dict[str, str]):  # noqa: ANN201
    result = ecr_tui(args, env)
    assert "Traceback" not in result.stderr
    return result


def test_retag_keeps_the_manifest_byte_for_byte(ww: WriteWorld, env: dict[str, str]) -> None:
    for source, new, media in (("app:multi", "multi-again", OCI_INDEX),
                               ("app:v1", "v1-again", None)):
        before = ww.manifest(*source.split(":"))
        assert before.status_code == 200
        digest = before.headers["Docker-Content-Digest"]
        start = len(ww.audit_lines())
        result = run(ww, ["tag", source, new, *ON], env)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == {
            "operation": "tag", "account_id": ALPHA, "region": REGION, "repository": "app",
            "tag": new, "digest": digest, "result": "done"}
        after = ww.manifest("app", new)  # the registry serves the new tag: one store
        assert after.status_code == 200
        assert after.content == before.content
        assert after.headers["Docker-Content-Digest"] == digest
        assert after.headers["Content-Type"] == (media or before.headers["Content-Type"])
        assert new in described(ww, "app")[digest]
        assert [w for w in audit_since(ww, start) if w in WRITES] == [
            "ecr.BatchGetImage", "ecr.PutImage"]


def test_rollback_moves_prod_and_the_preview_names_who_runs_it(
    ww: WriteWorld, env: dict[str, str]
) -> None:
    v1, v2 = ww.digest("app:v1"), ww.digest("app:v2")
    result = run(ww, ["tag", f"app@{v1}", "prod", *ON], env)
    assert result.returncode == 0, result.stderr
    assert f"prod now  {v2}" in result.stderr
    assert f"workloads  ecs-service main/api (2/2 running) in {ALPHA} {REGION}" in result.stderr
    assert ww.manifest("app", "prod").headers["Docker-Content-Digest"] == v1
    images = described(ww, "app")
    assert "prod" in images[v1] and images[v2] == {"v2"}


def test_untag_removes_the_tag_and_keeps_the_image(ww: WriteWorld, env: dict[str, str]) -> None:
    v4 = ww.digest("app:v4")
    result = run(ww, ["untag", "app:keep", *ON], env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["result"] == "done"
    assert ww.manifest("app", "keep").status_code == 404
    assert ww.manifest("app", v4).status_code == 200
    assert described(ww, "app")[v4] == {"v4"}


def test_delete_removes_the_image_from_both_doors(ww: WriteWorld, env: dict[str, str]) -> None:
    v3 = ww.digest("app:v3")
    result = run(ww, ["delete", "app:v3", *ON], env)
    assert result.returncode == 0, result.stderr
    assert ww.manifest("app", v3).status_code == 404
    assert ww.manifest("app", "v3").status_code == 404
    assert v3 not in described(ww, "app")


def test_delete_with_referrers_takes_the_signature_with_it(
    ww: WriteWorld, env: dict[str, str]
) -> None:
    signed, signature = ww.digest("app:signed"), ww.digest("signature")
    assert ww.manifest("app", signature).status_code == 200
    result = run(ww, ["delete", "app:signed", "--with-referrers", *ON], env)
    assert result.returncode == 0, result.stderr
    assert "referrers  1 deleted with it" in result.stderr
    assert f"imageIds=[{{imageDigest: {signed}}}, {{imageDigest: {signature}}}]" in result.stderr
    assert ww.manifest("app", signed).status_code == 404
    assert ww.manifest("app", signature).status_code == 404
    assert not {signed, signature} & described(ww, "app").keys()


@pytest.mark.parametrize(("args", "line"), [
    (["tag", "locked:1.1", "1.0"],
     "tag '1.0' is immutable in locked (IMMUTABLE): it cannot be moved or removed"),
    (["untag", "locked:1.0"],
     "tag '1.0' is immutable in locked (IMMUTABLE): it cannot be moved or removed"),
    (["tag", "filtered:2.0", "1.0"],
     "tag '1.0' is immutable in filtered (IMMUTABLE_WITH_EXCLUSION (exclusions: dev-*, "
     "latest)): it cannot be moved or removed"),
    (["delete", "cold:old"], "is ARCHIVED: restore it first"),
    (["tag", "cold:old", "warm"], "is ARCHIVED: restore it first"),
], ids=["immutable", "immutable-untag", "exclusion-filter", "archived-delete", "archived-tag"])
def test_each_refusal_is_one_line_and_sends_no_write(
    ww: WriteWorld, env: dict[str, str], args: list[str], line: str
) -> None:
    start = len(ww.audit_lines())
    result = run(ww, [*args, *ON, "--force"], env)  # --force overrides none of these
    assert result.returncode == 1
    assert json.loads(result.stdout)["result"] == "refused"
    errors = [x for x in result.stderr.splitlines() if x.startswith("ecr-tui: error:")]
    assert len(errors) == 1 and line in errors[0]
    assert not [w for w in audit_since(ww, start) if w in WRITES]


def test_an_excluded_tag_moves_in_an_immutable_repository(
    ww: WriteWorld, env: dict[str, str]
) -> None:
    two = ww.digest("filtered:2.0")
    result = run(ww, ["tag", "filtered:2.0", "dev-1", *ON], env)
    assert result.returncode == 0, result.stderr
    assert ww.manifest("filtered", "dev-1").headers["Docker-Content-Digest"] == two


def test_deleting_what_another_accounts_service_runs_is_refused_then_forced_and_audited(
    ww: WriteWorld, env: dict[str, str]
) -> None:
    live = ww.digest("run:live")
    scope = ["--profile", "beta", "--regions", REGION]
    start = len(ww.audit_lines())
    refused = run(ww, ["delete", "run:live", *ON, *scope], env)
    assert refused.returncode == 1
    assert (f"run@{live} is in use by ecs-service main/web (1/1 running) in {BETA} {REGION}"
            in refused.stderr)
    assert not [w for w in audit_since(ww, start) if w in WRITES]
    assert ww.manifest("run", live).status_code == 200
    forced = run(ww, ["delete", "run:live", *ON, *scope, "--force"], env)
    assert forced.returncode == 0, forced.stderr
    assert ww.manifest("run", live).status_code == 404
    entries = json.loads(run(ww, ["audit", "--json"], env).stdout)
    assert [(e["operation"], e["result"].split(":")[0], e["forced"], e["digest"])
            for e in entries] == [("delete", "refused", False, live),
                                  ("delete", "done", True, live)]
    assert {e["profile"] for e in entries} == {"alpha"}


def test_an_unread_pair_refuses_a_delete_unless_forced(
    ww: WriteWorld, env: dict[str, str]
) -> None:
    idle = ww.digest("run:idle")
    start = len(ww.audit_lines())
    result = run(ww, ["delete", "run:idle", *ON, "--profile", "beta",
                      "--regions", f"{REGION},{DENIED_REGION}"], env)
    assert result.returncode == 1
    assert f"could not check every workload for run@{idle} (beta {DENIED_REGION}:" in (
        result.stderr)
    assert not [w for w in audit_since(ww, start) if w in WRITES]
    assert ww.manifest("run", idle).status_code == 200


@pytest.mark.parametrize("args", [
    ["tag", "app:v1", "nope"], ["untag", "app:v1"], ["delete", "app:v1"],
    ["delete", "app:v1", "--yes", "--force", "--with-referrers"],
], ids=["tag", "untag", "delete", "delete-forced"])
def test_writes_off_exit_2_and_send_nothing(
    ww: WriteWorld, env: dict[str, str], args: list[str]
) -> None:
    start = len(ww.audit_lines())
    result = run(ww, [*args, "--profile", "alpha"], env)
    assert result.returncode == 2
    assert result.stderr == ("ecr-tui: error: writes are off: add --allow-writes to the "
                             "command, or set `writes = true` in config.toml\n")
    assert audit_since(ww, start) == []  # not a write, not even a read
    entries = json.loads(run(ww, ["audit", "--json"], env).stdout)
    assert [e["result"] for e in entries] == [
        "refused: writes are off: add --allow-writes to the command, or set `writes = true` "
        "in config.toml"]


def test_a_manifest_put_through_the_registry_is_seen_by_describe_images(ww: WriteWorld) -> None:
    """The other door of the one store: a push (as `copy` will make) lands in ECR."""
    body = ww.manifest("app", "v1").content
    with httpx.Client(timeout=30, trust_env=False) as client:
        put = client.put(f"{ww.registries[ALPHA]}/v2/app/manifests/pushed", content=body,
                         headers={"Authorization": f"Basic {basic_token(ALPHA)}",
                                  "Content-Type": json.loads(body).get("mediaType",
                                                                       OCI_MANIFEST)})
    assert put.status_code == 201, put.text
    assert "pushed" in described(ww, "app")[put.headers["Docker-Content-Digest"]]
