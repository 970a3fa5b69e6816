"""Find repositories and images across the fleet: by name, part of a name, glob, digest, an image
`REPO:TAG` / `REPO@sha256:…` (that repository in every pair), or a full image reference (which
goes straight to its account and region). An image is looked up with one DescribeImages by tag
or digest per repository, never by listing the repository's images."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any, Protocol

from ecr_tui.core.errors import ConfigError, EcrTuiError
from ecr_tui.core.fleet.completions import MAX_WORKERS, Completions
from ecr_tui.core.fleet.find_query import FindQuery
from ecr_tui.core.models import ImageDetail, Profile, Repository, Target, utcnow
from ecr_tui.core.role_choice import read_rank

PAIR_IMAGE_CALLS = 8
"""DescribeImages of one pair in the pool at once: 50 a second (the pair's rate) at up to
160 ms a call; a call waiting for its rate holds a thread."""


@dataclass(frozen=True, slots=True)
class FindHit:
    profile: str
    account_id: str
    region: str
    repository: str
    tag: str | None = None
    digest: str | None = None
    role: str = ""
    """The role the profile acts as, where the config or the portal names it."""


@dataclass(frozen=True, slots=True)
class PairFindResult:
    """What one (profile, region) gave: its hits, how many repositories it has, or its error."""

    target: Target
    hits: tuple[FindHit, ...] = ()
    repositories_searched: int = 0
    error: str | None = None


class FindSource(Protocol):
    def repositories(self, profile: str, region: str) -> list[Repository]: ...
    def image(
        self, profile: str, region: str, repository: str, reference: str
    ) -> ImageDetail | None: ...
    def images(self, profile: str, region: str, repository: str) -> list[ImageDetail]: ...
    def profile(self, name: str) -> Profile: ...
    def executor(self) -> Executor: ...


def _images_of(
    backend: FindSource, target: Target, repository: str, reference: str
) -> list[ImageDetail]:
    """The image a tag or digest names (one call), or every image when the query names none."""
    if not reference:
        return backend.images(target.profile, target.region, repository)
    found = backend.image(target.profile, target.region, repository, reference)
    return [found] if found is not None else []


def _image_hits(
    query: FindQuery, target: Target, role: str, repo: Repository, images: list[ImageDetail]
) -> list[FindHit]:
    return [
        FindHit(target.profile, repo.registry_id, target.region, repo.name, tag, image.digest,
                role)
        for image in images if not query.digest or image.digest == query.digest
        for tag in image.tags or (None,)
        if not query.tag or tag == query.tag
    ]


def _role(backend: FindSource, name: str) -> str:
    try:
        return backend.profile(name).role
    except EcrTuiError:
        return ""


def find_across(
    backend: FindSource, pairs: Sequence[Target], query: FindQuery,
    *, cancelled: Callable[[], bool] = lambda: False,
) -> Iterator[PairFindResult]:
    """One result per pair as soon as it is complete. Repository lists run side by side; for a
    digest or an image, one DescribeImages by that digest or tag of each matching repository
    too, on the same pool: a pair's DescribeImages go before the lists still waiting (its result
    is then complete), at most PAIR_IMAGE_CALLS of a pair at once (each within the pair's rate)
    so one account of a thousand repositories leaves the pool to the other pairs."""
    calls: Completions[tuple[Target, Repository | None]] = Completions(
        backend.executor(), width=MAX_WORKERS
    )
    roles = {name: _role(backend, name) for name in {t.profile for t in pairs}}
    for t in pairs:
        calls.submit((t, None), backend.repositories, t.profile, t.region)
    state: dict[Target, dict[str, Any]] = {t: {"open": 1, "hits": [], "n": 0} for t in pairs}
    waiting: dict[Target, deque[Repository]] = {t: deque() for t in pairs}

    def start_images(target: Target) -> None:
        queued, st = waiting[target], state[target]
        while queued and st["running"] < PAIR_IMAGE_CALLS:
            repo = queued.popleft()
            st["running"] += 1
            calls.submit((target, repo), _images_of, backend, target, repo.name,
                         query.image_reference, urgent=True)

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
                st["running"] = 0
                for r in (x for x in value if query.matches_name(x.name)):
                    if query.needs_images:
                        key = (r.registry_id, target.region, r.name)
                        if key in claimed:
                            continue
                        claimed.add(key)
                        st["open"] += 1
                        waiting[target].append(r)
                    else:
                        st["hits"].append(FindHit(target.profile, r.registry_id, target.region,
                                                  r.name, role=roles[target.profile]))
            else:
                st["running"] -= 1
                st["hits"] += _image_hits(query, target, roles[target.profile], repo, value)
            start_images(target)
            if st["open"] == 0:
                yield PairFindResult(target, tuple(st["hits"]), st["n"], st.get("error"))
    finally:
        calls.cancel()


def summary(query: FindQuery, hits: int, pairs: int, repositories: int, failed: int) -> str:
    """One line after a search; with nothing found, what was searched and the other forms."""
    text = f"{hits} found"
    if not hits:
        text += f": no {query.searched()}"
    text += f"; searched {pairs} (profile, region) pairs and {repositories} repositories"
    if failed:
        text += f"; {failed} failed"
    if not hits:
        text += f"; try {query.other_forms()}"
    return text


class ReferenceSource(Protocol):
    def profiles(self, *, discovered: bool = True) -> list[Profile]: ...
    def profile(self, name: str) -> Profile: ...
    def account_id(self, profile: str, region: str) -> str: ...
    def executor(self) -> Executor: ...


def reference_pair(
    backend: ReferenceSource, query: FindQuery, names: Sequence[str] = (),
    preference: Sequence[str] = (),
) -> Target:
    """The one pair an image reference names: its region, with a profile reaching its account
    (of those that say so, one that can answer now with a read-only role first; else the first
    whose GetCallerIdentity does)."""
    candidates = [backend.profile(n) for n in names] or backend.profiles()
    now = utcnow()
    known = sorted((p for p in candidates if p.account_id == query.account_id),
                   key=lambda p: read_rank(p, now, preference))
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
