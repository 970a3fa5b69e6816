"""botocore exceptions → one clear line with the fix. The only place that knows them."""

from __future__ import annotations

from collections.abc import Mapping

from ecr_tui.core.errors import (
    AccessDeniedError,
    ConfigError,
    CredentialsError,
    EcrTuiError,
    NetworkError,
)
from ecr_tui.core.models import ENV_PROFILE
from ecr_tui.core.sso.commands import sso_login_command

__all__ = ["no_credentials", "sso_login_command", "translate"]

_EXPIRED_CODES = {"ExpiredToken", "ExpiredTokenException", "RequestExpired"}
_DENIED_CODES = {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation"}
_BAD_KEY_CODES = {"UnrecognizedClientException", "InvalidClientTokenId", "SignatureDoesNotMatch"}


def _first_line(text: str) -> str:
    for line in str(text).splitlines():
        if line.strip():
            return " ".join(line.split())[:200]
    return ""


def translate(
    exc: BaseException,
    *,
    profile: str,
    region: str | None = None,
    operation: str = "",
    environ: Mapping[str, str],
) -> EcrTuiError:
    """Map a boto3/botocore failure to an EcrTuiError; unknown ones keep their first line."""
    if isinstance(exc, EcrTuiError):
        return exc
    name = type(exc).__name__
    who = "the environment credentials" if profile == ENV_PROFILE else f"profile {profile}"
    sso_fix = sso_login_command(profile, environ)
    if name == "ProfileNotFound":
        return ConfigError(
            f"unknown profile {profile!r}", fix="check `aws configure list-profiles` or AWS_PROFILE"
        )
    if name == "SSOTokenLoadError":
        return CredentialsError(f"{who} has no SSO login yet", fix=sso_fix)
    if name in (
        "UnauthorizedSSOTokenError",
        "TokenRetrievalError",
        "PendingAuthorizationExpiredError",
    ):
        return CredentialsError(f"the SSO session of {who} has expired", fix=sso_fix)
    if name == "NoCredentialsError":
        if profile == ENV_PROFILE:
            return no_credentials()
        fix = f"run `aws configure --profile {profile}` or add credentials to it"
        return CredentialsError(f"no AWS credentials found for {who}", fix=fix)
    if name == "PartialCredentialsError":
        return CredentialsError(
            f"incomplete credentials for {who}: {_first_line(exc)}",
            fix="set both the access key id and the secret key",
        )
    if name == "CredentialRetrievalError":
        detail = getattr(exc, "kwargs", {}).get("error_msg", "") or str(exc)
        return CredentialsError(
            f"credential_process of {who} failed: {_first_line(detail)}",
            fix="run the credential_process command by hand to see why",
        )
    if name in ("InvalidConfigError", "ConfigParseError", "InvalidRegionError"):
        return ConfigError(_first_line(exc), fix="check the AWS config file")
    if name == "ParamValidationError" and "mfa" in str(exc).lower():
        return CredentialsError(
            f"MFA code rejected for {who}", fix="enter the current 6-digit code"
        )
    if name in (
        "EndpointConnectionError",
        "ConnectTimeoutError",
        "ReadTimeoutError",
        "ConnectionClosedError",
        "ProxyConnectionError",
        "SSLError",
    ):
        where = f"AWS in {region}" if region else "AWS"
        return NetworkError(
            f"cannot reach {where}: {_first_line(exc)}",
            fix="check network, VPN or HTTPS_PROXY, then retry",
        )
    # A modeled error (ECS's AccessDeniedException, ecr-public's RepositoryNotFoundException…)
    # is a ClientError subclass of its own name.
    if any(cls.__name__ == "ClientError" for cls in type(exc).__mro__):
        return _client_error(
            exc, who=who, profile=profile, region=region, operation=operation, sso_fix=sso_fix
        )
    return EcrTuiError(f"{operation or 'AWS call'} failed for {who}: {_first_line(exc) or name}")


def no_credentials() -> CredentialsError:
    """Nothing configured at all: say so first, and how to get credentials."""
    return CredentialsError(
        "no AWS credentials: no profile in the AWS config or credentials file, no "
        "AWS_ACCESS_KEY_ID in the environment and no instance role answered",
        fix="run `aws configure` (access keys) or `aws configure sso`, or export "
        "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION",
    )


def _service_of(operation: str) -> str:
    """The service an allowlisted operation belongs to (ecr, ecs, lambda, sts...), for the fix."""
    from ecr_tui.core.aws.allowlist import READ_OPERATIONS

    if operation == "AssumeRole":
        return "sts"
    return next((s for s, ops in READ_OPERATIONS.items() if operation in ops), "ecr")


def _client_error(
    exc: BaseException, *, who: str, profile: str, region: str | None, operation: str, sso_fix: str
) -> EcrTuiError:
    error = getattr(exc, "response", {}).get("Error", {})
    code = error.get("Code", "")
    message = _first_line(error.get("Message", "")) or code
    op = getattr(exc, "operation_name", "") or operation
    if code in _EXPIRED_CODES:
        fix = sso_fix if "sso" in message.lower() else "refresh these credentials and retry"
        return CredentialsError(f"the credentials of {who} have expired ({code})", fix=fix)
    if code in _BAD_KEY_CODES:
        return CredentialsError(
            f"AWS rejected the credentials of {who} ({code})",
            fix="check the access key, or refresh temporary credentials",
        )
    if code in _DENIED_CODES and operation.startswith("ecr-public:"):
        return _public_denied(who, op, message)
    if code == "RepositoryNotFoundException" and operation.startswith("ecr-public:"):
        return EcrTuiError(message, fix="check the name: `ecr-tui repos --public` lists them")
    if code in _DENIED_CODES:
        service = _service_of(op)
        return AccessDeniedError(
            f"access denied: {service}:{op} for {who} in {region or '?'}",
            fix=f"grant {service}:{op} to this identity",
        )
    if code == "RepositoryNotFoundException":
        return EcrTuiError(f"{message} (region {region})", fix="check the name, profile and region")
    return EcrTuiError(f"{op or 'AWS call'} failed for {who} in {region or '?'}: {code}: {message}")


_PUBLIC_POLICY = "the AWS managed policy AmazonElasticContainerRegistryPublicReadOnly has them all"


def _public_denied(who: str, op: str, message: str) -> AccessDeniedError:
    """ECR Public's token needs two permissions; AWS's message names the one missing."""
    if "GetServiceBearerToken" in message:
        return AccessDeniedError(
            f"access denied: sts:GetServiceBearerToken for {who} (ECR Public's token needs it)",
            fix=f"grant ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken; "
            f"{_PUBLIC_POLICY}",
        )
    also = " and sts:GetServiceBearerToken" if op == "GetAuthorizationToken" else ""
    return AccessDeniedError(
        f"access denied: ecr-public:{op} for {who}",
        fix=f"grant ecr-public:{op}{also}; {_PUBLIC_POLICY}",
    )
