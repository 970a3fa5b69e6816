"""The bench world: the test world plus big tag repositories and 30 single-account profiles."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tests.harness.seed import BENCH_TAG_REPOS
from tests.harness.world import World, running_world

QUICK_TAG_REPOS = {
    name: BENCH_TAG_REPOS[name] for name in ("bench/tags-2k", "bench/tags-5k")
}
ACCOUNTS = 30


@contextlib.contextmanager
def bench_world(*, quick: bool, tags: bool = True, accounts: bool = True) -> Iterator[World]:
    with tempfile.TemporaryDirectory(prefix="ecr-tui-bench-") as base:
        repos = (QUICK_TAG_REPOS if quick else BENCH_TAG_REPOS) if tags else None
        with running_world(
            Path(base), tag_repos=repos, bench_accounts=ACCOUNTS if accounts else 0
        ) as world:
            yield world
