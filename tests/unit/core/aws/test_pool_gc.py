"""A fleet's clients are frozen out of the collector's generations; garbage is never frozen."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from ecr_tui.core.aws.session import FREEZE_FROM_CLIENTS, SessionPool

REGIONS = ("us-east-1", "eu-west-1", "ap-southeast-2")


def _role() -> dict[str, str]:
    raise AssertionError("no request is made: clients fetch credentials when they sign")


@pytest.fixture()
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


def test_a_few_clients_freeze_nothing_a_fleet_freezes_and_collects(tmp_path, unfrozen) -> None:
    pool = SessionPool({"HOME": str(tmp_path)})
    made = 0
    for account in range(FREEZE_FROM_CLIENTS):
        pool.register_role(f"a{account}", _role)
        for region in REGIONS:
            if made == FREEZE_FROM_CLIENTS - 1:
                assert gc.get_freeze_count() == 0  # a TUI on a few profiles is left alone
            pool.client(f"a{account}", region)
            made += 1
    assert gc.get_freeze_count() > 0
    garbage = _Node()
    gone = weakref.ref(garbage)
    del garbage
    pool.register_role("last", _role)
    pool.client("last", "us-east-1")
    assert gone() is None  # collected before the freeze, not frozen with the new client
