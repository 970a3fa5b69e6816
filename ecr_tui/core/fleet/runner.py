"""The fleet: many (profile, region) pairs at once, on one bounded pool, rows as they arrive.

Which pairs by default: for each account the config or the portal names, the profiles of its
best-ranked role (the user's `sso_role_preference`, else a read-only-looking one before others,
before ones that can write), configured profiles before discovered ones (one discovered role per
account, only where no configured profile of that rank is); profiles whose account only STS can
tell, as they are. Each in the union of the chosen profiles' regions, or every ECR region.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from ecr_tui.core.errors import ConfigError, EcrTuiError
from ecr_tui.core.fleet.completions import Completions
from ecr_tui.core.hosts import parse_registry_host
from ecr_tui.core.models import (
    ENV_PROFILE,
    Profile,
    ProfileKind,
    Region,
    Repository,
    Target,
    Token,
)
from ecr_tui.core.role_choice import role_rank

DEFAULT_REGION = "us-east-1"


@dataclass(frozen=True, slots=True)
class FleetRow:
    """One pair's account, repository count and token expiry, or its one-line error."""

    profile: str
    region: str
    account_id: str | None = None
    repositories: int | None = None
    token_expires_at: datetime | None = None
    error: str | None = None
    role: str = ""
    """The role the pair's profile acts as, where the config or the portal names it."""

    @property
    def target(self) -> Target:
        return Target(self.profile, self.region)


def one_role_per_account(profiles: Iterable[Profile], preference: Sequence[str]) -> list[Profile]:
    """For each account a profile names: its profiles of the best-ranked role, configured ones as
    they are, else one discovered role; profiles whose account is unknown, as they are."""
    ranked: dict[str, tuple[int, int]] = {}
    for p in profiles:
        if p.account_id:
            rank = role_rank(p.role, preference)
            ranked[p.account_id] = min(rank, ranked.get(p.account_id, rank))
    chosen: list[Profile] = []
    covered: set[str] = set()
    for p in profiles:  # configured first: a discovered role only where none of them is kept
        if p.kind is ProfileKind.SSO_DISCOVERED:
            continue
        if p.account_id and role_rank(p.role, preference) > ranked[p.account_id]:
            continue  # a read-only role of the same account serves every read
        chosen.append(p)
        if p.account_id:
            covered.add(p.account_id)
    for p in profiles:
        account = p.account_id or p.name
        if p.kind is not ProfileKind.SSO_DISCOVERED or account in covered:
            continue
        if not p.account_id or role_rank(p.role, preference) == ranked[p.account_id]:
            chosen.append(p)
            covered.add(account)
    return chosen


def choose_pairs(
    profiles: list[Profile],
    names: Sequence[str],
    regions: Sequence[str],
    *,
    all_regions: Callable[[Profile], list[Region]] | None,
    resolve: Callable[[str], Profile],
    preference: Sequence[str],
    region_override: str | None = None,
) -> list[Target]:
    """The (profile, region) pairs a fleet or find command covers, in a stable order."""
    if names:
        chosen = [resolve(n) for n in dict.fromkeys(names)]
    else:
        # A default survey never prompts: MFA profiles only when named.
        chosen = one_role_per_account(
            [p for p in profiles if p.kind is not ProfileKind.UNKNOWN and not p.mfa_serial],
            preference,
        )
        if any(p.kind is not ProfileKind.ENV for p in chosen):
            chosen = [p for p in chosen if p.name != ENV_PROFILE]
    if not chosen:
        raise ConfigError("no profiles to survey", fix="configure a profile or pass --profile")
    pairs: list[Target] = []
    if all_regions is not None:
        for p in chosen:
            pairs += [Target(p.name, r.name) for r in all_regions(p)]
        return pairs
    union = list(regions) or list(
        dict.fromkeys(region_override or p.region or DEFAULT_REGION for p in chosen)
    )
    return [Target(p.name, r) for p in chosen for r in union]


def answered(rows: Iterable[FleetRow]) -> bool:
    return any(r.error is None for r in rows)


class FleetSource(Protocol):
    """What the fleet runner needs of a backend (the Backend protocol has all of it)."""

    def profiles(self, *, discovered: bool = True) -> list[Profile]: ...
    def regions(self, profile: str) -> list[Region]: ...
    def profile(self, name: str) -> Profile: ...
    def token(self, profile: str, region: str, *, refresh: bool = False) -> Token: ...
    def repositories(self, profile: str, region: str) -> list[Repository]: ...
    def account_id(self, profile: str, region: str) -> str: ...
    def executor(self) -> Executor: ...


def _known_account(profile: Profile, token: Token | None, repos: list[Repository] | None) -> str:
    if profile.account_id:
        return profile.account_id
    host = parse_registry_host(token.registry) if token else None
    if host is not None and host.account_id:
        return host.account_id
    return repos[0].registry_id if repos else ""


def fleet_rows(
    backend: FleetSource, pairs: Sequence[Target], *, cancelled: Callable[[], bool] = lambda: False
) -> Iterator[FleetRow]:
    """One row per pair, each as soon as its token and repository list are in (never waiting
    for the slowest pair); token and list of a pair run side by side on the backend's pool."""
    calls: Completions[tuple[Target, str]] = Completions(backend.executor())

    def submit(target: Target, part: str, fn: Callable[[str, str], Any]) -> None:
        calls.submit((target, part), fn, target.profile, target.region)

    parts: dict[Target, dict[str, Any]] = {}
    for t in pairs:
        parts[t] = {}
        submit(t, "token", backend.token)
        submit(t, "repos", backend.repositories)
    try:
        while calls:
            (target, part), future = calls.next()
            if cancelled():
                return
            try:
                parts[target][part] = future.result()
            except EcrTuiError as exc:
                parts[target][part] = exc
            row = _row_when_complete(backend, target, parts[target], submit)
            if row is not None:
                yield row
    finally:
        calls.cancel()


def _row_when_complete(
    backend: FleetSource, target: Target, got: dict[str, Any],
    submit: Callable[[Target, str, Callable[[str, str], Any]], None],
) -> FleetRow | None:
    if "token" not in got or "repos" not in got:
        return None
    token, repos = got["token"], got["repos"]
    error = next((x for x in (token, repos) if isinstance(x, EcrTuiError)), None)
    ok_token = None if isinstance(token, EcrTuiError) else token
    ok_repos = None if isinstance(repos, EcrTuiError) else repos
    try:
        profile: Profile | None = backend.profile(target.profile)
    except EcrTuiError:
        profile = None
    account = got.get("account")
    if account is None:
        account = _known_account(profile, ok_token, ok_repos) if profile else ""
        if not account and error is None:
            submit(target, "account", backend.account_id)
            return None
    if isinstance(account, EcrTuiError):
        account = ""
    return FleetRow(
        target.profile, target.region, account or None,
        None if ok_repos is None else len(ok_repos),
        ok_token.expires_at if ok_token else None,
        error.message if error else None,
        profile.role if profile else "",
    )


def backend_pairs(
    backend: FleetSource, names: Sequence[str] = (), regions: Sequence[str] = (), *,
    all_regions: bool = False, preference: Sequence[str] = (),
) -> list[Target]:
    """choose_pairs over a backend's profiles and regions."""
    return choose_pairs(
        backend.profiles(), names, regions,
        all_regions=(lambda p: backend.regions(p.name)) if all_regions else None,
        resolve=backend.profile, preference=preference,
    )
