"""The demo's stand-in for this machine: it reads what the real change would touch (so the
same mistakes are reported), then says what it would do. It writes no file and runs nothing;
favourites and recents live in memory for the run."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from ecr_tui.core.identity import ProfileRegion
from ecr_tui.core.workstation import TerminalRun, TerminalRunner

NOTHING_WRITTEN = "demo mode: nothing was written"


class DemoWorkstation:
    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._environ: Mapping[str, str] = os.environ if environ is None else environ

    def keeps_memory(self) -> bool:
        return False  # the demo's accounts are not the user's: never mixed in the file

    def save_login_set(self, name: str, pairs: Sequence[ProfileRegion]) -> str:
        from ecr_tui.core.store.settings import save_login_set

        path = save_login_set(name, pairs, self._environ, write=False)
        return f"demo mode: login set {name} ({len(pairs)} pairs) would be saved in {path}; " \
            "nothing was written"

    def route_registries(self, hosts: Sequence[str]) -> list[str]:
        from ecr_tui.core.login import docker_config

        change = docker_config.install(hosts, self._environ, write=False)
        lines = docker_config.change_lines(change, install=True, hosts=hosts, written=False)
        return [*lines, NOTHING_WRITTEN]

    def unroute_registries(self, hosts: Sequence[str] | None) -> list[str]:
        from ecr_tui.core.login import docker_config

        change = docker_config.uninstall(hosts, self._environ, write=False)
        lines = docker_config.change_lines(change, install=False, written=False)
        return [*lines, NOTHING_WRITTEN]

    def run_in_terminal(self, argv: list[str], runner: TerminalRunner) -> TerminalRun:
        import shlex  # only when a command would run: not on the first frame

        return TerminalRun(None, f"demo mode: `{shlex.join(argv)}` would run here, in this "
                                 "terminal; nothing was run")
