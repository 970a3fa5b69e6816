"""Find repositories and images across the fleet: by name, part of a name, glob, digest, or a
full image reference (which goes straight to its account and region)."""

from __future__ import annotations

import enum
import fnmatch
import re
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any, Protocol

from ecr_tui.core.completions import Completions
from ecr_tui.core.errors import ConfigError, EcrTuiError
from ecr_tui.core.hosts import parse_registry_host
from ecr_tui.core.models import ImageDetail, Profile, Repository, Target

_DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")


class QueryKind(str, enum.Enum):
    NAME = "name"
    GLOB = "glob"
    DIGEST = "digest"
    REFERENCE = "reference"


@dataclass(frozen=True, slots=True)
class FindQuery:
    text: str
    kind: QueryKind
    repository: str = ""
    """REFERENCE: the repository of the reference."""
    tag: str = ""
    digest: str = ""
    account_id: str = ""
    region: str = ""

    def matches_name(self, name: str) -> bool:
        if self.kind is QueryKind.GLOB:
            return fnmatch.fnmatchcase(name, self.text)
        if self.kind is QueryKind.NAME:
            return self.text.lower() in name.lower()
        if self.kind is QueryKind.REFERENCE:
            return name == self.repository
        return True

    @property
    def needs_images(self) -> bool:
        return self.kind in (QueryKind.DIGEST, QueryKind.REFERENCE)


@dataclass(frozen=True, slots=True)
class FindHit:
    profile: str
    account_id: str
    region: str
    repository: str
    tag: str | None = None
    digest: str | None = None


def parse_query(text: str) -> FindQuery:
    query = text.strip()
    if _DIGEST.match(query):
        return FindQuery(query, QueryKind.DIGEST, digest=query)
    head, slash, rest = query.partition("/")
    host = parse_registry_host(head) if slash else None
    if host is not None and not host.public and rest:
        repo, at, digest = rest.partition("@")
        tag = ""
        if not at:
            repo, colon, tag = repo.rpartition(":") if ":" in repo else (repo, "", "")
        return FindQuery(query, QueryKind.REFERENCE, repository=repo, tag=tag, digest=digest,
                         account_id=host.account_id, region=host.region)
    if any(c in query for c in "*?["):
        return FindQuery(query, QueryKind.GLOB)
    return FindQuery(query, QueryKind.NAME)


@dataclass(frozen=True, slots=True)
class PairFindResult:
    """What one (profile, region) gave: its hits, how many repositories it has, or its error."""

    target: Target
    hits: tuple[FindHit, ...] = ()
    repositories_searched: int = 0
    error: str | None = None


class FindSource(Protocol):
    def repositories(self, profile: str, region: str) -> list[Repository]: ...
    def images(self, profile: str, region: str, repository: str) -> list[ImageDetail]: ...
    def executor(self) -> Executor: ...


def _image_hits(
    query: FindQuery, target: Target, repo: Repository, images: list[ImageDetail]
) -> list[FindHit]:
    if query.digest:
        images = [i for i in images if i.digest == query.digest]
    hits = []
    for image in images:
        for tag in image.tags or (None,):
            if query.tag and tag != query.tag:
                continue
            hits.append(FindHit(target.profile, repo.registry_id, target.region, repo.name, tag,
                                image.digest))
    return hits


def find_across(
    backend: FindSource, pairs: Sequence[Target], query: FindQuery,
    *, cancelled: Callable[[], bool] = lambda: False,
) -> Iterator[PairFindResult]:
    """One result per pair as soon as it is complete. Repository lists run side by side; for a
    digest or reference, DescribeImages of each matching repository too (on the same pool)."""
    calls: Completions[tuple[Target, Repository | None]] = Completions(backend.executor())
    for t in pairs:
        calls.submit((t, None), backend.repositories, t.profile, t.region)
    state: dict[Target, dict[str, Any]] = {t: {"open": 1, "hits": [], "n": 0} for t in pairs}
    # Several profiles may reach one account: its images are read once per region.
    claimed: set[tuple[str, str, str]] = set()
    try:
        while calls:
            (target, repo), future = calls.next()
            if cancelled():
                return
            st = state[target]
            st["open"] -= 1
            try:
                value = future.result()
            except EcrTuiError as exc:
                st.setdefault("error", exc.message)
                value = []
            if repo is None:
                st["n"] = len(value)
                for r in (x for x in value if query.matches_name(x.name)):
                    if query.needs_images:
                        key = (r.registry_id, target.region, r.name)
                        if key in claimed:
                            continue
                        claimed.add(key)
                        st["open"] += 1
                        calls.submit((target, r), backend.images, target.profile, target.region,
                                     r.name)
                    else:
                        st["hits"].append(
                            FindHit(target.profile, r.registry_id, target.region, r.name)
                        )
            else:
                st["hits"] += _image_hits(query, target, repo, value)
            if st["open"] == 0:
                yield PairFindResult(target, tuple(st["hits"]), st["n"], st.get("error"))
    finally:
        calls.cancel()


class ReferenceSource(Protocol):
    def profiles(self, *, discovered: bool = True) -> list[Profile]: ...
    def profile(self, name: str) -> Profile: ...
    def account_id(self, profile: str, region: str) -> str: ...
    def executor(self) -> Executor: ...


def reference_pair(backend: ReferenceSource, query: FindQuery, names: Sequence[str] = ()) -> Target:
    """The one pair an image reference names: its region, with a profile reaching its account
    (one that says so, else the first whose GetCallerIdentity does)."""
    candidates = [backend.profile(n) for n in names] or backend.profiles()
    known = [p for p in candidates if p.account_id == query.account_id]
    if not known:
        pool = backend.executor()
        futures = [(p, pool.submit(backend.account_id, p.name, query.region))
                   for p in candidates if not p.account_id and not p.mfa_serial]
        for p, future in futures:
            try:
                if future.result() == query.account_id:
                    known.append(p)
                    break
            except EcrTuiError:
                continue
    if not known:
        raise ConfigError(f"no profile reaches account {query.account_id}",
                          fix="configure or discover a profile of that account, or pass --profile")
    return Target(known[0].name, query.region)
