"""AwsBackend's profiles and regions: what its ProfileBook says, passed on."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecr_tui.core.aws.profile_book import ProfileBook
    from ecr_tui.core.models import DiscoveryReport, Profile, Region


class AwsProfiles:
    """The Backend's profile and region calls, mixed into AwsBackend."""

    if TYPE_CHECKING:  # AwsBackend's own, used here
        _book: ProfileBook

    def profiles(self, *, discovered: bool = True) -> list[Profile]:
        return self._book.profiles(discovered=discovered)

    def discover_profiles(self, *, refresh: bool = False) -> DiscoveryReport:
        return self._book.discover(refresh=refresh)

    def discovery_is_fresh(self) -> bool:
        return self._book.is_fresh()

    def profile(self, name: str) -> Profile:
        return self._book.get(name)

    def default_profile(self) -> str:
        return self._book.default_profile()

    def default_region(self, profile: str) -> str | None:
        return self._book.default_region(profile)

    def require_region(self, profile: str, region: str | None = None) -> str:
        return self._book.require_region(profile, region)

    def regions(self, profile: str) -> list[Region]:
        return self._book.regions(profile)
