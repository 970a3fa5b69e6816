"""Token and repository count of many (profile, region) pairs at once."""

from __future__ import annotations

from dataclasses import dataclass

from ecr_tui.core.aws import AwsBackend, outcome
from ecr_tui.core.models import Token


@dataclass(frozen=True, slots=True)
class PairStatus:
    """Token and repository count of one (profile, region), or why they are missing."""

    profile: str
    region: str
    token: Token | None = None
    repositories: int | None = None
    error: str | None = None


def survey(backend: AwsBackend, pairs: list[tuple[str, str]]) -> list[PairStatus]:
    """All pairs on the backend's bounded pool; token calls stay under the per-credential
    rate limit of the backend's token cache."""
    pool = backend.executor()
    futures = [
        (p, r, pool.submit(backend.token, p, r), pool.submit(backend.repositories, p, r))
        for p, r in pairs
    ]
    statuses = []
    for profile, region, token_f, repos_f in futures:
        token, token_err = outcome(token_f)
        repos, repos_err = outcome(repos_f)
        error = token_err or repos_err
        statuses.append(
            PairStatus(
                profile, region, token, None if repos is None else len(repos),
                error.message if error else None,
            )
        )
    return statuses
