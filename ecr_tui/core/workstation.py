"""This machine outside AWS and outside our caches: the files ecr-tui writes for the user
(docker's credHelpers, login sets in config.toml, remembered.json) and the commands it hands the
terminal to (`aws sso login`). Every such change goes through a `Workstation`, which the backend
hands out: the AWS backend's (ecr_tui/core/aws/workstation.py) acts; the demo's
(ecr_tui/demo/workstation.py) says what it would do and changes nothing, which is how the demo
keeps its promise in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from ecr_tui.core.frozen import frozen_record
from ecr_tui.core.identity import ProfileRegion

TerminalRunner = Callable[[list[str]], int]
"""Runs an argv in the user's terminal (handed over by the TUI) and returns its exit status."""


@frozen_record
class TerminalRun:
    """What came of a command for the terminal: its exit status, or None when it was not run
    (then `said` is the line telling the user what would have run)."""

    status: int | None
    said: str = ""


class Workstation(Protocol):
    def keeps_memory(self) -> bool:
        """True: favourites, recents and the palette theme are kept in remembered.json for the
        next run; False: for this run only."""
        ...

    def save_login_set(self, name: str, pairs: Sequence[ProfileRegion]) -> str:
        """Add or replace a login set in config.toml; the line to show. ConfigError as
        settings.save_login_set raises it."""
        ...

    def route_registries(self, hosts: Sequence[str]) -> list[str]:
        """Route hosts to docker-credential-ecr-tui in docker's config.json; lines to show."""
        ...

    def unroute_registries(self, hosts: Sequence[str] | None) -> list[str]:
        """Remove those routes (all of ours when None); lines to show."""
        ...

    def run_in_terminal(self, argv: list[str], runner: TerminalRunner) -> TerminalRun:
        """Run argv with `runner` (which hands the terminal over)."""
        ...
