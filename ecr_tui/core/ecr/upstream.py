"""Does a pull-through cache still hold what its upstream calls a tag? The cached image's
digest (DescribeImages: not a pull) against the upstream's, read anonymously with a HEAD of
its manifest (Docker-Content-Digest; a HEAD is not counted as a pull on Docker Hub or ECR
Public). Blocking: the UI calls it from a worker."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ecr_tui.core.backend import Backend
from ecr_tui.core.ecr.pullthrough import rule_for_repository, upstream_host
from ecr_tui.core.errors import EcrTuiError, NotFoundError
from ecr_tui.core.models import ROOT_PREFIX, PullThroughRule

SAME, MOVED, NOT_CACHED = "same", "upstream moved", "not cached"
NOT_UPSTREAM, UNREACHABLE = "not upstream", "unreachable"


@dataclass(frozen=True, slots=True)
class UpstreamCheck:
    repository: str
    tag: str
    upstream: str
    """The upstream image, `host/repository:tag`."""
    status: str
    """SAME, MOVED, NOT_CACHED (not in the cache yet), NOT_UPSTREAM (the upstream has no such
    tag) or UNREACHABLE."""
    cached_digest: str = ""
    upstream_digest: str = ""
    reason: str = ""
    """Why the upstream could not be asked (UNREACHABLE), one line."""

    def line(self) -> str:
        """The answer in one line, for a notification."""
        cached = f"{self.repository}:{self.tag}"
        if self.status == SAME:
            return f"{cached} matches upstream {self.upstream} ({self.cached_digest[:19]})"
        if self.status == MOVED:
            return (f"{cached}: upstream moved — cached {self.cached_digest[:19]}, "
                    f"{self.upstream} is now {self.upstream_digest[:19]}")
        if self.status == NOT_CACHED:
            return (f"{cached}: not cached yet; upstream {self.upstream} is "
                    f"{self.upstream_digest[:19]}")
        if self.status == NOT_UPSTREAM:
            return f"{cached}: upstream {self.upstream} has no such tag ({self.reason})"
        return f"{cached}: upstream {self.upstream} unreachable anonymously: {self.reason}"


def upstream_image(repository: str, rules: Iterable[PullThroughRule]) -> tuple[str, str] | None:
    """(upstream host, upstream repository) of a cached repository; None when no rule made it."""
    rule = rule_for_repository(repository, rules)
    if rule is None:
        return None
    path = repository[len(rule.prefix) + 1:]
    prefix = rule.upstream_repository_prefix
    return upstream_host(rule.upstream_registry_url), (
        path if prefix == ROOT_PREFIX else f"{prefix}/{path}")


def check_upstream(
    backend: Backend, profile: str, region: str, repository: str, tag: str,
    rules: list[PullThroughRule] | None = None,
) -> UpstreamCheck:
    """The cached tag against the upstream's; EcrTuiError when no rule made the repository."""
    rules = backend.pull_through_cache_rules(profile, region) if rules is None else rules
    found = upstream_image(repository, rules)
    if found is None:
        raise EcrTuiError(f"{repository} is not a pull-through-cache repository in {region}",
                          fix="see `ecr-tui rules` for the prefixes this registry caches")
    host, upstream_repository = found
    upstream = f"{host}/{upstream_repository}:{tag}"
    cached = backend.image(profile, region, repository, tag)
    try:
        upstream_digest = backend.anonymous_registry(host).digest(upstream_repository, tag)
    except EcrTuiError as exc:
        status = NOT_UPSTREAM if isinstance(exc, NotFoundError) else UNREACHABLE
        return UpstreamCheck(repository, tag, upstream, status,
                             cached.digest if cached else "", reason=str(exc))
    if cached is None:
        return UpstreamCheck(repository, tag, upstream, NOT_CACHED, "", upstream_digest)
    status = SAME if cached.digest == upstream_digest else MOVED
    return UpstreamCheck(repository, tag, upstream, status, cached.digest, upstream_digest)
