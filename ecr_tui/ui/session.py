"""What the user has chosen and what the backend has told us, shared by screens and palette."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.models import Target

if TYPE_CHECKING:
    from ecr_tui.core.fleet.runner import FleetRow
    from ecr_tui.core.models import LoginRecord, Profile, PullThroughRule, Region, Repository, Token
    from ecr_tui.core.usage.scan import ScopeUsage


@dataclass
class Session:
    profiles: dict[str, Profile] = field(default_factory=dict)
    profile: str | None = None
    region: str | None = None
    regions: list[Region] = field(default_factory=list)
    accounts: dict[Target, str] = field(default_factory=dict)
    repositories: list[Repository] = field(default_factory=list)
    failures: dict[str, EcrTuiError] = field(default_factory=dict)
    """profile name -> the credentials error its last call raised."""
    tokens: list[Token] = field(default_factory=list)
    logins: list[LoginRecord] = field(default_factory=list)
    rules: dict[Target, list[PullThroughRule]] = field(default_factory=dict)
    """Pull-through-cache rules per registry, as last loaded."""
    fleet: dict[Target, FleetRow] = field(default_factory=dict)
    """Fleet rows fetched in this session: coming back to the Fleet screen is instant."""
    fleet_marked: set[Target] = field(default_factory=set)
    usage_scope: str = ""
    """The pairs the last usage scan covered, in words (the help screen says it)."""
    scope_usage: ScopeUsage | None = None
    """The scope's in-use counts per repository, as the Fleet or Find last scanned them."""

    @property
    def target(self) -> Target | None:
        if self.profile is None or self.region is None:
            return None
        return Target(self.profile, self.region)

    def current_profile(self) -> Profile | None:
        return self.profiles.get(self.profile or "")

    def token_for(self, target: Target | None) -> Token | None:
        for token in self.tokens:
            if target and (token.profile, token.region) == (target.profile, target.region):
                return token
        return None
