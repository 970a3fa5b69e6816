"""`ecr-tui config path | show [--defaults] | check`: the settings file from the command line."""

from __future__ import annotations

import argparse
from typing import TextIO

from ecr_tui.core.store.settings import Settings


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    text = "the settings file: its path, the settings in force, or a check (exit 1 on a problem)"
    config = sub.add_parser("config", help=text, description=text)
    config.add_argument("action", choices=("path", "show", "check"))
    config.add_argument("--defaults", action="store_true",
                        help="show: print a commented example config instead")
    return config


def problems(settings: Settings) -> list[str]:
    """Every problem: the file's, and what the TUI cannot use (unknown key ids, clashes, an
    unknown theme), checked by the same functions the TUI runs at start."""
    from ecr_tui.ui.keymap import check_keymap  # loads the key table (textual's Binding)
    from ecr_tui.ui.theme_check import theme_problem

    _keymap, key_warnings = check_keymap(settings.keys, f"{settings.path}: keys")
    theme = theme_problem(settings.theme, settings.path)
    return [*settings.warnings, *key_warnings, *([theme] if theme else [])]


def run(args: argparse.Namespace, settings: Settings, out: TextIO, err: TextIO) -> int:
    if args.action == "path":
        out.write(f"{settings.path}\n")
        return 0
    if args.action == "show":
        from ecr_tui.core.store.settings_example import EXAMPLE, render

        out.write(EXAMPLE if args.defaults else render(settings))
        return 0
    found = problems(settings)
    for line in found:
        err.write(f"ecr-tui: {line}\n")
    if found:
        return 1
    exists = "" if settings.path.exists() else " (no file: every default)"
    out.write(f"{settings.path}: ok{exists}\n")
    return 0
