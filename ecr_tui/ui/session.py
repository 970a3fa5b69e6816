"""What the user has chosen and what the backend has told us, shared by screens and palette."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecr_tui.core.errors import EcrTuiError
from ecr_tui.core.models import Target

if TYPE_CHECKING:
    from ecr_tui.core.fleet.runner import FleetRow
    from ecr_tui.core.models import LoginRecord, Profile, PullThroughRule, Region, Repository, Token
    from ecr_tui.core.usage.scan import ScopeUsage


class Session:
    """A plain class, not a dataclass: it is built before the first frame, where dataclass()
    would compile `__init__`, `__repr__` and `__eq__` (~5 M instructions) nobody uses."""

    def __init__(self) -> None:
        self.profiles: dict[str, Profile] = {}
        self.profile: str | None = None
        self.region: str | None = None
        self.regions: list[Region] = []
        self.accounts: dict[Target, str] = {}
        self.repositories: list[Repository] = []
        self.failures: dict[str, EcrTuiError] = {}
        """profile name -> the credentials error its last call raised."""
        self.tokens: list[Token] = []
        self.logins: list[LoginRecord] = []
        self.rules: dict[Target, list[PullThroughRule]] = {}
        """Pull-through-cache rules per registry, as last loaded."""
        self.fleet: dict[Target, FleetRow] = {}
        """Fleet rows fetched in this session: coming back to the Fleet screen is instant."""
        self.fleet_marked: set[Target] = set()
        self.usage_scope = ""
        """The pairs the last usage scan covered, in words (the help screen says it)."""
        self.scope_usage: ScopeUsage | None = None
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
