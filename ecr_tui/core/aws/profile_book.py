"""The AWS backend's profiles and regions: the files as botocore reads them, the SSO roles
discovered from them, the default profile and region, and the region a call may use."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ecr_tui.core import regions
from ecr_tui.core.errors import ConfigError, EcrTuiError
from ecr_tui.core.models import ENV_PROFILE, Profile
from ecr_tui.core.profiles import config as awsconfig

if TYPE_CHECKING:
    from ecr_tui.core.aws.accounts import DiscoveredAccounts
    from ecr_tui.core.models import DiscoveryReport, Region


class ProfileBook:
    def __init__(
        self,
        environ: Mapping[str, str],
        discovered: DiscoveredAccounts,
        *,
        profile: str | None = None,
        region: str | None = None,
    ) -> None:
        """profile, region: what --profile and --region chose, if anything."""
        self._environ = environ
        self._discovered = discovered
        self._profile_override = profile
        self._region_override = region
        self._lock = threading.Lock()
        self._profiles: dict[str, Profile] | None = None

    def profiles(self, *, discovered: bool = True) -> list[Profile]:
        """Configured profiles, then SSO-discovered ones as the cache knows them (no network)."""
        cfg = awsconfig.AwsConfig.load(self._environ)  # read once for both
        loaded = awsconfig.list_profiles(self._environ, cfg)
        if discovered:
            loaded += self._discovered.cached(cfg)
        with self._lock:
            self._profiles = {p.name: p for p in loaded}
        return loaded

    def discover(self, *, refresh: bool = False) -> DiscoveryReport:
        """List SSO accounts and roles where the cache is stale or ``refresh``; then
        profiles() includes them."""
        cfg = awsconfig.AwsConfig.load(self._environ)  # read once for both
        report = self._discovered.discover(cfg, refresh=refresh)
        configured = awsconfig.list_profiles(self._environ, cfg)
        with self._lock:
            self._profiles = {p.name: p for p in [*configured, *report.profiles]}
        return report

    def is_fresh(self) -> bool:
        return self._discovered.is_fresh()

    def get(self, name: str) -> Profile:
        """A profile by name, or a discovered one by ACCOUNT_ID/ROLE."""
        known = self._known()
        name = self._discovered.alias(name)
        if name not in known and "/" in name and not self.is_fresh():
            self.discover()  # a discovered role the cache does not know yet
            known = self._known()
            name = self._discovered.alias(name)
        if name not in known:
            raise awsconfig.unknown_profile(name, known.values())
        return known[name]

    def default_profile(self) -> str:
        return awsconfig.default_profile_name(
            list(self._known().values()), self._profile_override, self._environ
        )

    def default_region(self, profile: str) -> str | None:
        home = self.get(profile).region
        return regions.resolve_region(self._region_override, self._environ, home)

    def require_region(self, profile: str, region: str | None = None) -> str:
        chosen = region or self.default_region(profile)
        if not chosen:
            raise self._no_region(profile)
        home = self.get(profile).region
        regions.check_region(chosen, regions.partition_of(home) if home else None)
        return chosen

    def regions(self, profile: str) -> list[Region]:
        home = self.default_region(profile)
        return regions.ecr_regions(regions.partition_of(home) if home else "aws")

    def _known(self) -> dict[str, Profile]:
        if self._profiles is None:
            self.profiles()
        assert self._profiles is not None
        return self._profiles

    def _no_region(self, profile: str) -> EcrTuiError:
        """No region: when there are no credentials either, that comes first; the fix never
        names a profile that does not exist."""
        if profile != ENV_PROFILE:
            return ConfigError(
                f"no region for profile {profile}",
                fix=f"pass --region or `aws configure set region R --profile {profile}`",
            )
        if not awsconfig.environment_has_credentials(self._environ) and len(
            self._profiles or {}
        ) <= 1:
            from ecr_tui.core.aws.errors import no_credentials

            return no_credentials()
        return ConfigError(
            "no region for the environment credentials", fix="pass --region or export AWS_REGION"
        )
