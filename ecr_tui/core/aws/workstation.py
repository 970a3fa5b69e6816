"""The real machine as a `Workstation`: files written, commands run in the terminal."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from ecr_tui.core.identity import ProfileRegion
from ecr_tui.core.workstation import TerminalRun, TerminalRunner


class LocalWorkstation:
    """The real machine: files written, commands run."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._environ: Mapping[str, str] = os.environ if environ is None else environ

    def keeps_memory(self) -> bool:
        return True

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
