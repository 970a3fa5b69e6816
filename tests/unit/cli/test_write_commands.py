"""`ecr-tui tag/untag/delete/audit` on the demo and the audit file: confirmation never implied
without a terminal, JSON results, one audit line per write attempted, never a secret."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest

from ecr_tui.cli.main import main
from ecr_tui.cli.parser import build_parser
from ecr_tui.cli.writes import run_write
from ecr_tui.core.write_records import AuditEntry
from ecr_tui.core.writes.audit import FileAuditLog
from ecr_tui.demo.backend import DemoBackend


@pytest.fixture(autouse=True)
def _dirs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("ECR_TUI_CONFIG", str(tmp_path / "none.toml"))


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run(argv: list[str], stdin: io.StringIO, backend: DemoBackend) -> tuple[int, str, str]:
    args = build_parser().parse_args(argv)
    out, err = io.StringIO(), io.StringIO()
    return run_write(args, backend, out, stdin, err), out.getvalue(), err.getvalue()


def test_no_terminal_and_no_yes_refuses_and_writes_nothing() -> None:
    backend = DemoBackend(allow_writes=True)
    status, out, err = _run(["tag", "base/python:latest", "stable", "--json"],
                            io.StringIO("y\n"), backend)
    assert status == 2 and json.loads(out)["result"] == "declined"
    assert err.splitlines()[-1] == ("ecr-tui: error: declined: stdin is not a terminal to ask "
                                    "on: add --yes to confirm")
    assert backend.image("default", "us-east-1", "base/python", "stable") is None
    assert [e.result for e in backend.audit_log().entries()] == [
        "declined: stdin is not a terminal to ask on: add --yes to confirm"]


def test_the_terminal_is_asked_and_no_means_no() -> None:
    backend = DemoBackend(allow_writes=True)
    status, _out, err = _run(["tag", "base/python:latest", "stable"], Tty("n\n"), backend)
    assert status == 1 and "Proceed? [y/N]" in err
    assert backend.image("default", "us-east-1", "base/python", "stable") is None


def test_retag_on_the_demo_keeps_the_digest_and_answers_json() -> None:
    backend = DemoBackend(allow_writes=True)
    source = backend.image("default", "us-east-1", "base/python", "latest")
    status, out, err = _run(["tag", "base/python:latest", "stable", "--yes", "--json"],
                            io.StringIO(), backend)
    assert status == 0, err
    assert json.loads(out) == {
        "operation": "tag", "account_id": "111122223333", "region": "us-east-1",
        "repository": "base/python", "tag": "stable", "digest": source.digest, "result": "done"}
    moved = backend.image("default", "us-east-1", "base/python", "stable")
    assert moved is not None and moved.digest == source.digest
    assert "ecr:BatchGetImage" in err and "stable now  (new tag)" in err


def test_a_write_needs_a_tag_or_digest_written_out(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["delete", "base/python", "--demo", "--allow-writes", "--yes"]) == 1
    assert "not an image reference: 'base/python' (fix: write REPO:TAG or REPO@sha256:...)" in (
        capsys.readouterr().err)


def test_the_audit_file_is_private_json_lines_and_the_command_lists_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = FileAuditLog()
    entry = AuditEntry("2026-01-01T00:00:00+00:00", "prod", "111122223333", "eu-west-1", "delete",
                       "team/api", "", "sha256:" + "a" * 64, "done", True)
    log.append(entry)
    log.append(entry)
    assert stat.S_IMODE(log.path.stat().st_mode) == 0o600
    assert log.path == tmp_path / "state" / "ecr-tui" / "audit.log"
    assert main(["audit", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [entry.as_json(), entry.as_json()]
    assert main(["audit"]) == 0
    assert "forced done" in capsys.readouterr().out


def test_delete_of_what_a_service_runs_names_it_and_force_is_audited() -> None:
    backend = DemoBackend(allow_writes=True)
    newest = backend.images("default", "us-east-1", "base/node")[0]
    argv = ["delete", f"base/node@{newest.digest}", "--profile", "default", "--region",
            "us-east-1", "--yes", "--json"]
    status, out, err = _run(argv, io.StringIO(), backend)
    assert status == 1 and json.loads(out)["result"] == "refused"
    assert "is in use by ecs-service prod/frontend (3/3 running) in 111122223333" in err
    status, out, err = _run([*argv, "--force"], io.StringIO(), backend)
    assert status == 0, err
    assert [(e.result.split(":")[0], e.forced) for e in backend.audit_log().entries()] == [
        ("refused", False), ("done", True)]


def test_the_scope_options_widen_the_scan_and_an_unread_pair_refuses() -> None:
    backend = DemoBackend(allow_writes=True)
    oldest = backend.images("default", "us-east-1", "base/node")[-1]
    argv = ["delete", f"base/node@{oldest.digest}", "--yes", "--profile", "default",
            "--profile", "ci-process", "--regions", "us-east-1,ap-southeast-2"]
    status, _out, err = _run(argv, io.StringIO(), backend)
    assert status == 1
    assert ("could not check every workload for base/node@" in err
            and "ci-process ap-southeast-2: User: arn:aws:sts::" in err)
    assert backend.image("default", "us-east-1", "base/node", oldest.digest) is not None
    # the write's pair is the first --profile in the first region named
    assert backend.audit_log().entries()[0].region == "us-east-1"
