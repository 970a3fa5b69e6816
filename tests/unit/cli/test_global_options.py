"""Every command takes the global options (`--demo`, `--profile`, `--region`, `--debug`) after
its name, as the README says: no command is a usage error for them."""

from __future__ import annotations

import argparse
import contextlib
import io
from collections.abc import Iterator

import pytest

from ecr_tui.cli.completion import _subparsers  # the one walk of argparse's tree
from ecr_tui.cli.parser import build_parser

GLOBAL = ["--demo", "--debug", "--profile", "p", "--region", "eu-west-1"]


def _positionals(parser: argparse.ArgumentParser) -> list[str]:
    return [
        str(next(iter(a.choices))) if a.choices else "x"
        for a in parser._actions
        if not a.option_strings and not isinstance(a, argparse._SubParsersAction)
    ]


def _commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], list[argparse.ArgumentParser]]]:
    """Every command line to a leaf, with the parsers along it (the root excluded)."""
    for name, child in _subparsers(parser).items():
        if name.startswith("_"):
            continue
        below = list(_commands(child, (*path, name)))
        if below:
            yield from ((p, [child, *chain]) for p, chain in below)
        else:
            yield (*path, name), [child]


COMMANDS = sorted(_commands(build_parser()), key=lambda item: item[0])


def test_every_command_is_walked() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"config", "completion", "helper install", "tags", "login", "find"} <= names


@pytest.mark.parametrize(("path", "chain"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
@pytest.mark.parametrize("where", ["after the command", "at the end"])
def test_every_command_takes_the_global_options(
    path: tuple[str, ...], chain: list[argparse.ArgumentParser], where: str
) -> None:
    positionals = [word for parser in chain for word in _positionals(parser)]
    if where == "at the end":
        argv = [*path, *positionals, *GLOBAL]
    else:  # right after the first word: `helper --demo install`, `config --demo path`
        argv = [path[0], *GLOBAL, *path[1:], *positionals]
    with contextlib.redirect_stderr(io.StringIO()) as err:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit:
            pytest.fail(f"`ecr-tui {' '.join(argv)}` is a usage error: {err.getvalue()}")
    assert args.demo is True and args.debug is True
    profile = getattr(args, "profile", None) or (getattr(args, "profiles", None) or [None])[0]
    region = getattr(args, "region", None) or (getattr(args, "region_list", None) or [None])[0]
    assert (profile, region) == ("p", "eu-west-1")
