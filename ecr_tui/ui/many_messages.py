"""Typed messages of the many-account screens; each carries what it belongs to."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from ecr_tui.core.fleet.find import PairFindResult
from ecr_tui.core.fleet.runner import FleetRow
from ecr_tui.core.models import Target


@dataclass
class ProfilesDiscovered(Message):
    problems: tuple[str, ...]


@dataclass
class FleetPairsChosen(Message):
    pairs: list[Target]


@dataclass
class FleetRowLoaded(Message):
    row: FleetRow


@dataclass
class FleetLoginsDone(Message):
    logged_in: int
    failed: list[tuple[Target, str]]


@dataclass
class FindPairDone(Message):
    query: str
    result: PairFindResult


@dataclass
class FindPairsChosen(Message):
    query: str
    pairs: int
    """How many (profile, region) pairs the query searches."""
