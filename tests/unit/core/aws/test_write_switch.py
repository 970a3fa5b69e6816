"""The writes switch: a second list of operations, opened only for clients of a pool made with
writes on; with writes off a write command exits 2 and not one botocore call leaves."""

from __future__ import annotations

import io
from pathlib import Path

import botocore.session
import pytest
from botocore.stub import Stubber

from ecr_tui.core.aws.allowlist import (
    READ_OPERATIONS,
    WRITE_OPERATIONS,
    ReadOnlyViolation,
    is_allowed,
)
from ecr_tui.core.aws.session import SessionPool

DIGEST = "sha256:" + "ab" * 32


def test_the_write_list_is_exactly_the_operations_used_and_apart_from_the_reads() -> None:
    assert WRITE_OPERATIONS == {"ecr": {"BatchGetImage", "PutImage", "BatchDeleteImage"}}
    assert not WRITE_OPERATIONS["ecr"] & READ_OPERATIONS["ecr"]
    for operation in WRITE_OPERATIONS["ecr"]:
        assert not is_allowed("ecr", operation)
        assert is_allowed("ecr", operation, writes=True)
    assert not is_allowed("ecr", "DeleteRepository", writes=True)


def _pool(tmp_path: Path, *, writes: bool) -> object:
    pool = SessionPool({"HOME": str(tmp_path)}, writes=writes)
    session = botocore.session.Session()
    session.set_credentials("a", "b")
    pool._sessions["x"] = session
    return pool.client("x", "eu-west-1")


def test_clients_made_with_writes_off_refuse_every_write_before_sending(tmp_path: Path) -> None:
    client = _pool(tmp_path, writes=False)
    with Stubber(client):  # nothing queued: a call that got past the guard would fail otherwise
        with pytest.raises(ReadOnlyViolation, match="ecr:PutImage"):
            client.put_image(repositoryName="a", imageManifest="{}", imageTag="t")
        with pytest.raises(ReadOnlyViolation, match="ecr:BatchGetImage"):
            client.batch_get_image(repositoryName="a", imageIds=[{"imageTag": "t"}])
        with pytest.raises(ReadOnlyViolation, match="ecr:BatchDeleteImage"):
            client.batch_delete_image(repositoryName="a", imageIds=[{"imageTag": "t"}])


def test_clients_made_with_writes_on_carry_the_write_list_and_nothing_more(tmp_path: Path) -> None:
    client = _pool(tmp_path, writes=True)
    with Stubber(client) as stub:
        stub.add_response("batch_delete_image", {"imageIds": [{"imageTag": "t"}], "failures": []})
        client.batch_delete_image(repositoryName="team/a", imageIds=[{"imageTag": "t"}])
        with pytest.raises(ReadOnlyViolation, match="ecr:DeleteRepository"):
            client.delete_repository(repositoryName="a")


@pytest.fixture
def spied(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """Every botocore API call made and every request sent, wherever it comes from."""
    from botocore.client import BaseClient
    from botocore.endpoint import Endpoint

    seen: list[str] = []
    made = BaseClient._make_api_call

    def make_api_call(self: object, name: str, params: dict) -> object:
        seen.append(f"call {name}")
        return made(self, name, params)

    def make_request(self: object, model: object, request: dict) -> object:
        from botocore.exceptions import EndpointConnectionError

        seen.append(f"sent {getattr(model, 'name', '?')}")
        raise EndpointConnectionError(endpoint_url="spy")  # recorded, never sent

    monkeypatch.setattr(BaseClient, "_make_api_call", make_api_call)
    monkeypatch.setattr(Endpoint, "make_request", make_request)
    config = tmp_path / "config"
    config.write_text("[default]\nregion = eu-west-1\n")
    for key in ("AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-a-secret")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.delenv("ECR_TUI_CONFIG", raising=False)
    return seen


@pytest.mark.parametrize("argv", [
    ["tag", "team/api@" + DIGEST, "prod"],
    ["untag", "team/api:old"],
    ["delete", "team/api:old", "--with-referrers", "--yes", "--force"],
    ["tag", "team/api:v1", "prod", "--yes", "--json"],
])
def test_writes_off_exit_2_with_one_line_and_not_one_call(
    spied: list[str], argv: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    from ecr_tui.cli.main import main

    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["ecr-tui: error: writes are off: add --allow-writes to the command, or set "
                   "`writes = true` in config.toml"]
    assert spied == []
    audit = (tmp_path / "state" / "ecr-tui" / "audit.log").read_text()
    assert audit.count("\n") == 1 and '"result":"refused: writes are off' in audit


def test_the_aws_backend_refuses_a_write_itself_when_off(spied: list[str]) -> None:
    from ecr_tui.core.aws.backend import AwsBackend
    from ecr_tui.core.errors import WritesOff

    backend = AwsBackend()
    with pytest.raises(WritesOff):
        backend.put_tag("(env)", "eu-west-1", "team/api", DIGEST, "prod")
    with pytest.raises(WritesOff):
        backend.delete_images("(env)", "eu-west-1", "team/api", [DIGEST])
    with pytest.raises(WritesOff):
        backend.write_target("(env)", "eu-west-1", "team/api", "prod")
    assert spied == []


def test_writes_true_in_config_turns_them_on(
    spied: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from ecr_tui.cli.main import main

    config = tmp_path / "ecr.toml"
    config.write_text("writes = true\n")
    monkeypatch.setenv("ECR_TUI_CONFIG", str(config))
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    main(["untag", "team/api:old", "--region", "eu-west-1"])  # on: it reads (the spy fails it)
    assert "writes are off" not in capsys.readouterr().err
    assert spied[:2] == ["call DescribeRepositories", "sent DescribeRepositories"]
