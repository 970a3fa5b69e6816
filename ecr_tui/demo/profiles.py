"""The demo's AWS profiles: one of each kind, and how each one fails (if it does)."""

from __future__ import annotations

from datetime import datetime, timedelta

from ecr_tui.core.errors import AccessDeniedError, CredentialsError, EcrTuiError, NetworkError
from ecr_tui.core.frozen import frozen_record
from ecr_tui.core.models import ENV_PROFILE, Profile, ProfileKind


@frozen_record
class DemoProfile:
    """One demo profile: what `profile` makes of it at the demo's start."""

    name: str
    kind: ProfileKind
    region: str
    account_id: str
    detail: str
    expires_in: timedelta | None = None
    """Credential or SSO session time left at the demo's start (negative: expired)."""
    account_name: str = ""
    role: str = ""
    sso_session: str = ""

    def profile(self, epoch: datetime) -> Profile:
        expires = epoch + self.expires_in if self.expires_in is not None else None
        discovered = self.kind is ProfileKind.SSO_DISCOVERED
        return Profile(
            name=self.name,
            kind=self.kind,
            region=self.region,
            expires_at=expires,
            account_id=self.account_id if discovered else None,
            detail=self.detail,
            account_name=self.account_name,
            role=self.role,
            sso_session=self.sso_session,
        )


DEMO_PROFILES: tuple[DemoProfile, ...] = (
    DemoProfile("default", ProfileKind.STATIC, "us-east-1", "111122223333",
                "static keys in ~/.aws/credentials"),
    DemoProfile("prod-admin", ProfileKind.ASSUME_ROLE, "eu-west-1", "444455556666",
                "role arn:aws:iam::444455556666:role/OrganizationAdmin",
                timedelta(minutes=52)),
    DemoProfile("dev-sso", ProfileKind.SSO, "us-west-2", "777788889999",
                "sso https://example.awsapps.com/start (Developer)",
                timedelta(hours=3, minutes=17)),
    DemoProfile("staging-sso", ProfileKind.SSO, "eu-central-1", "222233334444",
                "sso https://example.awsapps.com/start (Staging)",
                timedelta(hours=-2, minutes=-11)),
    DemoProfile("analytics", ProfileKind.LEGACY_SSO, "ap-northeast-1", "333344445555",
                "legacy sso https://analytics.awsapps.com/start", timedelta(hours=6)),
    DemoProfile("ci-process", ProfileKind.PROCESS, "ap-southeast-2", "555566667777",
                "credential_process /usr/local/bin/ci-creds"),
    DemoProfile(ENV_PROFILE, ProfileKind.ENV, "us-east-1", "999900001111",
                "AWS_ACCESS_KEY_ID from the environment"),
)

_ACCOUNT_NAMES = (
    "payments-prod", "payments-staging", "search-prod", "search-dev", "identity-prod",
    "data-lake", "ml-training", "mobile-backend", "shared-services", "security-tooling",
    "billing-prod", "edge-cdn",
)
_ROLES = ("ReadOnlyAccess", "AdministratorAccess")
_DISCOVERED_REGIONS = ("us-west-2", "us-west-2", "eu-west-1", "us-east-1")

DISCOVERED_PROFILES: tuple[DemoProfile, ...] = tuple(
    DemoProfile(
        f"{name}/{role}", ProfileKind.SSO_DISCOVERED,
        _DISCOVERED_REGIONS[i % len(_DISCOVERED_REGIONS)], f"{600000000000 + i * 1011:012d}",
        f"sso-session example: {600000000000 + i * 1011:012d} aws+{name}@example.com",
        timedelta(hours=3, minutes=17), account_name=name, role=role, sso_session="example",
    )
    for i, name in enumerate(_ACCOUNT_NAMES)
    for role in _ROLES
)
"""What the demo's `example` SSO session reaches through the portal: 12 accounts, 2 roles each."""

BY_NAME: dict[str, DemoProfile] = {p.name: p for p in DEMO_PROFILES + DISCOVERED_PROFILES}
ALIASES: dict[str, str] = {f"{p.account_id}/{p.role}": p.name for p in DISCOVERED_PROFILES}

UNREACHABLE_REGION = "me-central-1"
"""Calls to this region fail with a NetworkError, so the retry hint can be seen."""


def failure(name: str, region: str | None, call: str, now: datetime, epoch: datetime) -> (
    EcrTuiError | None
):
    """The error a call would raise for this profile and region, or None when it works."""
    spec = BY_NAME.get(name)
    if spec is None:
        return CredentialsError(f"The config profile ({name}) could not be found")
    if spec.expires_in is not None and spec.kind in (ProfileKind.SSO, ProfileKind.LEGACY_SSO):
        if epoch + spec.expires_in <= now:
            return CredentialsError(
                f"The SSO session for profile {name} has expired",
                fix=f"aws sso login --profile {name}",
            )
    if region == UNREACHABLE_REGION:
        return NetworkError(
            f"Could not connect to the endpoint URL: https://api.ecr.{region}.amazonaws.com/"
        )
    if name == "ci-process" and call == "repositories" and region != spec.region:
        return AccessDeniedError(
            f"User: arn:aws:sts::{spec.account_id}:assumed-role/ci/runner is not authorized "
            f"to perform: ecr:DescribeRepositories on resource: [{region}/*]"
        )
    return None
