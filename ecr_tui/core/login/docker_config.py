"""docker's config.json: route registries to `docker-credential-ecr-tui` (credHelpers) and back.

Every change keeps the rest of the file as it is, copies the file aside first and replaces it
in one rename; a file that is not valid JSON is refused, never rewritten.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecr_tui.core.errors import ConfigError
from ecr_tui.core.login.engine import docker_config_path
from ecr_tui.core.store.paths import atomic_write_text

HELPER = "ecr-tui"
"""What credHelpers names: docker runs `docker-credential-` + this."""


@dataclass(frozen=True, slots=True)
class ConfigChange:
    path: Path
    changed: tuple[str, ...]
    """Hosts added (install) or removed (uninstall)."""
    backup: Path | None
    """The copy made before writing; None when nothing was written."""


def _read(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}", fix="repair or move the file") from None
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"{path} is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno}); "
            "left unchanged",
            fix="repair the file, then run this again",
        ) from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path} is not a JSON object; left unchanged", fix="repair the file")
    helpers = data.get("credHelpers")
    if helpers is not None and not isinstance(helpers, dict):
        raise ConfigError(f"credHelpers in {path} is not an object; left unchanged",
                          fix="repair the file")
    return data


def routed_hosts(environ: Mapping[str, str]) -> list[str]:
    """Hosts docker sends to docker-credential-ecr-tui; [] when the file is missing or broken."""
    try:
        helpers = _read(docker_config_path(environ)).get("credHelpers") or {}
    except ConfigError:
        return []
    return sorted(host for host, name in helpers.items() if name == HELPER)


def _write(path: Path, data: dict[str, Any]) -> Path | None:
    """Back the old file up beside it, then replace it in one rename, keeping its mode."""
    backup = None
    mode = 0o600
    if path.exists():
        mode = path.stat().st_mode & 0o777
        backup = path.with_name(path.name + ".ecr-tui.bak")
        shutil.copy2(path, backup)
    atomic_write_text(path, json.dumps(data, indent="\t") + "\n")
    if mode != 0o600:
        os.chmod(path, mode)
    return backup


def install(hosts: Iterable[str], environ: Mapping[str, str], *, write: bool = True
            ) -> ConfigChange:
    """Route `hosts` to the helper; `write` False only works out what would change."""
    path = docker_config_path(environ)
    data = _read(path)
    helpers = dict(data.get("credHelpers") or {})
    added = tuple(h for h in dict.fromkeys(hosts) if helpers.get(h) != HELPER)
    if not added or not write:
        return ConfigChange(path, added, None)
    helpers.update(dict.fromkeys(added, HELPER))
    data["credHelpers"] = helpers
    return ConfigChange(path, added, _write(path, data))


def uninstall(hosts: Iterable[str] | None, environ: Mapping[str, str], *, write: bool = True
              ) -> ConfigChange:
    """Remove our credHelpers entries (only `hosts`, when given); other helpers stay.
    `write` False only works out what would change."""
    path = docker_config_path(environ)
    data = _read(path)
    helpers = dict(data.get("credHelpers") or {})
    wanted = None if hosts is None else set(hosts)
    removed = tuple(
        h for h, name in helpers.items() if name == HELPER and (wanted is None or h in wanted)
    )
    if not removed or not write:
        return ConfigChange(path, removed, None)
    for host in removed:
        del helpers[host]
    if helpers:
        data["credHelpers"] = helpers
    else:
        data.pop("credHelpers", None)
    return ConfigChange(path, removed, _write(path, data))


def change_lines(change: ConfigChange, *, install: bool, hosts: Iterable[str] = (),
                 written: bool = True) -> list[str]:
    """What `ecr-tui helper install|uninstall` says, one line each; `written` False: what it
    would have done."""
    name = f"docker-credential-{HELPER}"
    if not change.changed:
        if install:
            return [f"already routed to {name} in {change.path}: {', '.join(hosts)}"]
        return [f"no registry is routed to {name} in {change.path}"]
    if install:
        done = f"routed to {name} in {change.path}" if written else (
            f"would be routed to {name} in {change.path}")
    else:
        done = f"no longer routed to {name}" if written else f"would no longer be routed to {name}"
    lines = [f"{host}: {done}" for host in change.changed]
    if change.backup:
        lines.append(f"previous file kept as {change.backup}")
    return lines
