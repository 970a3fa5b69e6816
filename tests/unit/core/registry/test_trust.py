"""Small trust properties: read-only audit checker, log redaction, private files, settings."""

from __future__ import annotations

import io
import logging
import os
from pathlib import Path

import pytest

from ecr_tui.cli.main import main
from ecr_tui.core.errors import ConfigError
from ecr_tui.core.login import clipboard
from ecr_tui.core.logsetup import enable_debug, redact
from tests.harness import readonly_audit

PASSWORD = "eyJwYXlsb2FkIjoiQUJDREVGIn0" * 8


# -- the read-only audit ------------------------------------------------------------------------
def test_audit_checker_accepts_reads_and_credential_resolution() -> None:
    lines = ["ecr.DescribeRepositories", "ecr.DescribeImages", "ecr.ListImages",
             "ecr.GetAuthorizationToken", "ecr.BatchCheckLayerAvailability",
             "ecr.GetDownloadUrlForLayer", "sts.GetCallerIdentity", "sts.AssumeRole",
             "sso.GetRoleCredentials", "", "  "]
    assert readonly_audit.violations(lines) == []


@pytest.mark.parametrize("line", [
    "ecr.PutImage", "ecr.DeleteRepository", "ecr.BatchDeleteImage", "ecr.CreateRepository",
    "ecr.SetRepositoryPolicy", "ecr.InitiateLayerUpload", "ecr.TagResource", "ecr.?",
    "sts.AssumeRoleWithWebIdentity", "sts.GetSessionToken", "iam.CreateAccessKey",
    "s3.PutObject", "ecr", "ecr.",
])
def test_audit_checker_flags_every_write(line: str) -> None:
    assert readonly_audit.violations(["ecr.DescribeImages", line]) == [line]


def test_audit_check_files_reports_file_and_operation(tmp_path: Path) -> None:
    audit = tmp_path / "audit.log"
    audit.write_text("ecr.DescribeImages\necr.PutImage\n")
    found = readonly_audit.check_files([audit, tmp_path / "missing.log"])
    assert found == [f"{audit}: ecr.PutImage"]


# -- debug logs --
@pytest.mark.parametrize("text", [
    f"Authorization: Basic {PASSWORD}",
    f"authorization: Bearer {PASSWORD}",
    f"{{'Authorization': 'Basic {PASSWORD}'}}",
    f'"authorizationToken": "{PASSWORD}"',
    f"password={PASSWORD}",
    f"X-Amz-Security-Token: {PASSWORD}",
])
def test_redact_hides_authorization_headers_and_tokens(text: str) -> None:
    out = redact(text)
    assert PASSWORD not in out and "[redacted]" in out


def test_debug_log_file_is_private_and_redacted(tmp_path: Path) -> None:
    path = tmp_path / "debug.log"
    logger = logging.getLogger("ecr_tui")
    before = list(logger.handlers)
    try:
        enable_debug(path=path)
        logger.debug("GET /v2/ headers={'Authorization': 'Basic %s'}", PASSWORD)
        for handler in logger.handlers:
            handler.flush()
    finally:
        for handler in [h for h in logger.handlers if h not in before]:
            logger.removeHandler(handler)
            handler.close()
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    text = path.read_text()
    assert "[redacted]" in text and PASSWORD not in text


def test_debug_stream_keeps_library_loggers_quiet() -> None:
    logger = logging.getLogger("ecr_tui")
    before = list(logger.handlers)
    stream = io.StringIO()
    try:
        enable_debug(stream=stream)
        assert logging.getLogger("botocore").getEffectiveLevel() >= logging.WARNING
    finally:
        for handler in [h for h in logger.handlers if h not in before]:
            logger.removeHandler(handler)


# -- clipboard clear setting --
def test_clear_delay_default_env_and_flag() -> None:
    assert clipboard.clear_delay({}) == 60
    assert clipboard.clear_delay({clipboard.CLEAR_ENV: "15"}) == 15
    assert clipboard.clear_delay({clipboard.CLEAR_ENV: "0"}) == 0
    assert clipboard.clear_delay({clipboard.CLEAR_ENV: "15"}, "2.5") == 2.5


@pytest.mark.parametrize("raw", ["soon", "-1", "nan", "inf"])
def test_clear_delay_rejects_nonsense(raw: str) -> None:
    with pytest.raises(ConfigError, match="number of seconds"):
        clipboard.clear_delay({clipboard.CLEAR_ENV: raw})
    with pytest.raises(ConfigError, match="--clipboard-clear"):
        clipboard.clear_delay({}, raw)


def test_clipboard_clear_flag_reaches_the_tui(monkeypatch: pytest.MonkeyPatch) -> None:
    import ecr_tui.ui.app as ui_app

    seen: dict[str, object] = {}

    class Stub:
        def run(self) -> None:
            seen["ran"] = True

    def fake_make_app(backend: object, **kwargs: object) -> Stub:
        seen.update(kwargs)
        return Stub()

    monkeypatch.setattr(ui_app, "make_app", fake_make_app)
    monkeypatch.setenv(clipboard.CLEAR_ENV, "30")
    assert main(["--demo", "--clipboard-clear", "7"]) == 0
    assert seen["clipboard_clear"] == 7 and seen["ran"]
    assert main(["--demo"]) == 0
    assert seen["clipboard_clear"] == 30


def test_bad_clipboard_clear_flag_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--demo", "--clipboard-clear", "later"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ecr-tui: error: --clipboard-clear") and err.count("\n") == 1


# -- the CLI's MFA prompt --
def test_cli_mfa_prompt_without_a_terminal_is_a_credentials_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ecr_tui.cli import main as cli
    from ecr_tui.core.errors import CredentialsError

    def no_tty(*_: object) -> int:
        raise OSError(6, "No such device or address")

    monkeypatch.setattr(os, "open", no_tty)
    with pytest.raises(CredentialsError, match="no terminal to ask on"):
        cli._terminal_mfa_prompt("role-mfa", "arn:aws:iam::1:mfa/x")
