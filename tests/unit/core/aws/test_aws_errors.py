"""Every botocore failure becomes one line with its fix (real exception instances)."""

from __future__ import annotations

import pytest
from botocore import exceptions as bx

from ecr_tui.core.aws.errors import translate
from ecr_tui.core.errors import (
    AccessDeniedError,
    ConfigError,
    CredentialsError,
    EcrTuiError,
    NetworkError,
)
from ecr_tui.core.models import ENV_PROFILE


def _client_error(code: str, message: str = "msg", op: str = "DescribeImages") -> bx.ClientError:
    return bx.ClientError({"Error": {"Code": code, "Message": message}}, op)


def _t(exc: BaseException, profile: str = "dev", env: dict | None = None) -> EcrTuiError:
    return translate(exc, profile=profile, region="eu-west-1", environ=env or {})


def test_sso_never_logged_in_and_expired_give_the_exact_command() -> None:
    never = _t(bx.SSOTokenLoadError(error_msg="x"))
    expired = _t(bx.UnauthorizedSSOTokenError())
    retrieval = _t(bx.TokenRetrievalError(provider="sso", error_msg="expired"))
    for err in (never, expired, retrieval):
        assert isinstance(err, CredentialsError)
        assert err.fix == "aws sso login --profile dev"
    assert "expired" in expired.message and "no SSO login" in never.message


def test_sso_fix_over_ssh_uses_device_code() -> None:
    err = _t(bx.SSOTokenLoadError(error_msg="x"), env={"SSH_CONNECTION": "1 2 3 4"})
    assert err.fix == "aws sso login --profile dev --use-device-code"


@pytest.mark.parametrize("code", ["ExpiredToken", "ExpiredTokenException", "RequestExpired"])
def test_expired_sts_credentials(code: str) -> None:
    err = _t(_client_error(code))
    assert isinstance(err, CredentialsError) and "expired" in err.message


def test_access_denied_names_the_permission() -> None:
    err = _t(_client_error("AccessDeniedException", "not authorized", "DescribeImages"))
    assert isinstance(err, AccessDeniedError)
    assert (
        "ecr:DescribeImages" in err.message
        and err.fix == "grant ecr:DescribeImages to this identity"
    )


def test_credential_process_failure_keeps_its_first_stderr_line() -> None:
    exc = bx.CredentialRetrievalError(
        provider="custom-process", error_msg="boom: broker down\nstack trace\n"
    )
    err = _t(exc)
    assert isinstance(err, CredentialsError)
    assert "boom: broker down" in err.message and "stack" not in err.message


def test_misc_mappings() -> None:
    assert isinstance(_t(bx.ProfileNotFound(profile="dev")), ConfigError)
    no_creds = _t(bx.NoCredentialsError(), profile=ENV_PROFILE)
    assert isinstance(no_creds, CredentialsError) and "aws configure" in (no_creds.fix or "")
    net = _t(bx.EndpointConnectionError(endpoint_url="https://api.ecr.eu-west-1.amazonaws.com"))
    assert isinstance(net, NetworkError) and "eu-west-1" in net.message
    other = _t(_client_error("RepositoryNotFoundException", "The repository x does not exist"))
    assert "does not exist" in str(other)
    unknown = _t(RuntimeError("line one\nline two"))
    assert "line one" in str(unknown) and "\n" not in str(unknown)


def test_timeouts_and_dns_failures_are_network_errors_with_the_fix() -> None:
    url = "https://api.ecr.eu-west-1.amazonaws.com"
    for exc in (
        bx.ConnectTimeoutError(endpoint_url=url),
        bx.ReadTimeoutError(endpoint_url=url),
        bx.EndpointConnectionError(endpoint_url=url, error="Name or service not known"),
    ):
        err = _t(exc)
        assert isinstance(err, NetworkError)
        assert err.fix == "check network, VPN or HTTPS_PROXY, then retry"
        assert "\n" not in str(err)
