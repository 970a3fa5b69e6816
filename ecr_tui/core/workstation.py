"""This machine outside AWS and outside our caches: the files ecr-tui writes for the user
(docker's credHelpers, login sets in config.toml, remembered.json) and the commands it hands the
terminal to (`aws sso login`). Every such change goes through a `Workstation`, which the backend
hands out: the AWS backend's acts; the demo's (ecr_tui/demo/workstation.py) says what it would
do and changes nothing, which is how the demo keeps its promise in one place.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from ecr_tui.core.frozen import frozen_record

if TYPE_CHECKING:
    from ecr_tui.core.store.memory import MemoryStore
    from ecr_tui.core.store.settings import ProfileRegion

TerminalRunner = Callable[[list[str]], int]
"""Runs an argv in the user's terminal (handed over by the TUI) and returns its exit status."""


@frozen_record
class TerminalRun:
    """What came of a command for the terminal: its exit status, or None when it was not run
    (then `said` is the line telling the user what would have run)."""

    status: int | None
    said: str = ""


class Workstation(Protocol):
    def memory(self) -> MemoryStore:
        """Favourites, recents and the palette theme for this run (persisted or not)."""
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


class LocalWorkstation:
    """The real machine: files written, commands run."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._environ: Mapping[str, str] = os.environ if environ is None else environ

    def memory(self) -> MemoryStore:
        from ecr_tui.core.store.memory import MemoryStore

        return MemoryStore(persist=True, environ=self._environ)

    def save_login_set(self, name: str, pairs: Sequence[ProfileRegion]) -> str:
        from ecr_tui.core.store.settings import save_login_set

        path = save_login_set(name, pairs, self._environ)
        return (f"login set {name} ({len(pairs)} pairs) saved in {path}; "
                f"`ecr-tui login --set {name}` logs them in")

    def route_registries(self, hosts: Sequence[str]) -> list[str]:
        from ecr_tui.core.login import docker_config

        change = docker_config.install(hosts, self._environ)
        return docker_config.change_lines(change, install=True, hosts=hosts)

    def unroute_registries(self, hosts: Sequence[str] | None) -> list[str]:
        from ecr_tui.core.login import docker_config

        return docker_config.change_lines(docker_config.uninstall(hosts, self._environ),
                                          install=False)

    def run_in_terminal(self, argv: list[str], runner: TerminalRunner) -> TerminalRun:
        return TerminalRun(runner(argv))
