"""Issue 16: find by digest spends its DescribeImages as soon as a pair's list is in (not after
every other pair's list, queued first come first served on the pool), and no more than
PAIR_IMAGE_CALLS of one pair at once (one account of a thousand repositories must not take
every thread while it waits for its rate). A synchronous executor makes the order exact."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any

from ecr_tui.core.fleet.completions import MAX_WORKERS
from ecr_tui.core.fleet.find import PAIR_IMAGE_CALLS, find_across
from ecr_tui.core.fleet.find_query import parse_query
from ecr_tui.core.models import ImageDetail, Profile, ProfileKind, Repository, Target

DIGEST = "sha256:" + "ab" * 32
BIG = Target("big/ReadOnly", "us-east-1")
OTHERS = [Target(f"p{i:02d}/ReadOnly", "us-east-1") for i in range(MAX_WORKERS + 8)]


class Synchronous(Executor):
    """Runs each call as it is submitted: the order of calls is the order of submissions."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


class Recorder:
    """BIG has 20 repositories, every other pair none; records ("list"|"image", profile)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self._pool = Synchronous()

    def profile(self, name: str) -> Profile:
        return Profile(name, ProfileKind.SSO_DISCOVERED, role="ReadOnly")

    def repositories(self, profile: str, region: str) -> list[Repository]:
        self.calls.append(("list", profile))
        count = 20 if profile == BIG.profile else 0
        account = str(100000000000 + len(self.calls))
        return [Repository(f"{profile}/r{j}", "arn", "uri", None, account) for j in range(count)]

    def image(self, profile: str, region: str, repository: str,
              reference: str) -> ImageDetail | None:
        self.calls.append(("image", profile))
        return None

    def images(self, profile: str, region: str, repository: str) -> list[ImageDetail]:
        raise AssertionError("a digest is looked up, never listed")

    def executor(self) -> Executor:
        return self._pool


def test_a_pairs_describe_images_go_before_the_lists_still_waiting() -> None:
    backend = Recorder()
    results = list(find_across(backend, [BIG, *OTHERS], parse_query(DIGEST)))
    assert len(results) == 1 + len(OTHERS)
    calls = backend.calls
    first_image = calls.index(("image", BIG.profile))
    last_list = calls.index(("list", OTHERS[-1].profile))
    assert first_image < last_list, "BIG's DescribeImages waited behind every pair's list"


def test_one_pair_has_at_most_its_share_of_the_pool_at_once() -> None:
    backend = Recorder()
    list(find_across(backend, [BIG, *OTHERS], parse_query(DIGEST)))
    big_images = [i for i, call in enumerate(backend.calls) if call == ("image", BIG.profile)]
    assert len(big_images) == 20
    last_list = backend.calls.index(("list", OTHERS[-1].profile))
    # The lists still waiting got the threads BIG's calls beyond its share would have held.
    assert big_images[PAIR_IMAGE_CALLS - 1] < last_list < big_images[PAIR_IMAGE_CALLS]
