"""`ecr-tui helper install|uninstall`: route registries to docker-credential-ecr-tui, and
what `ecr-tui status` says about those routes."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable, Mapping
from typing import Any, TextIO

from ecr_tui.credential_helper import NAME


def add_parser(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    text = "route registries to docker-credential-ecr-tui in docker's config.json (credHelpers)"
    helper = sub.add_parser("helper", help=text, description=text)
    common(helper)  # `helper --demo install` as well as `helper install --demo`
    actions = helper.add_subparsers(dest="helper_action", metavar="ACTION", required=True)
    for name, help_text in (
        ("install", "add credHelpers entries (default: every registry a profile reaches)"),
        ("uninstall", "remove ecr-tui's credHelpers entries (default: all of them)"),
    ):
        action = actions.add_parser(name, help=help_text, description=help_text)
        common(action)
        action.add_argument(
            "--registry", action="append", metavar="HOST",
            help="registry host, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com (repeatable)",
        )


def _hosts(args: argparse.Namespace) -> list[str] | None:
    if not args.registry:
        return None
    from ecr_tui.core.login.helper_routes import normal_host

    return [normal_host(h) for h in args.registry]


def run(args: argparse.Namespace, backend: Any, out: TextIO) -> int:
    from ecr_tui.core.errors import ConfigError

    machine = backend.workstation()  # the demo's changes nothing and says so
    if args.helper_action == "uninstall":
        out.writelines(f"{line}\n" for line in machine.unroute_registries(_hosts(args)))
        return 0
    hosts = _hosts(args)
    if hosts is None:
        from ecr_tui.credential_helper import list_registries

        hosts = list(list_registries(os.environ, backend))
        if not hosts:
            raise ConfigError(
                "no registry known without a network call",
                fix="pass --registry HOST, or map hosts in config.toml [registries]",
            )
    out.writelines(f"{line}\n" for line in machine.route_registries(hosts))
    if not shutil.which(NAME):
        sys.stderr.write(
            f"ecr-tui: warning: {NAME} is not on PATH: docker, podman and skopeo will not find "
            "it (install ecr-tui with pip into a directory on PATH)\n"
        )
    return 0


def helper_routes(backend: Any, environ: Mapping[str, str]) -> list[dict[str, str | None]]:
    """Registries routed to the helper and the profile each would use (no network call)."""
    from ecr_tui.core.login import docker_config
    from ecr_tui.core.login.helper_routes import route
    from ecr_tui.core.store.account_cache import AccountCache
    from ecr_tui.core.store.settings import load_settings

    routed = docker_config.routed_hosts(environ)
    if not routed:
        return []
    registries = load_settings(environ).registries
    profiles = backend.profiles()
    accounts = AccountCache(environ).accounts()
    rows: list[dict[str, str | None]] = []
    for host in routed:
        found = route(host, registries=registries, profiles=profiles, accounts=accounts,
                      preferred=environ.get("AWS_PROFILE"))
        rows.append({"registry": host, "profile": found.profile if found else None,
                     "via": found.reason if found else None})
    return rows


def helper_rows(rows: list[dict[str, str | None]]) -> list[list[str]]:
    return [
        [str(r["registry"]), r["profile"] or "(none: anonymous)", r["via"] or ""] for r in rows
    ]
