"""`ecr-tui`'s arguments: the TUI's options read by hand (the first frame pays for no
argparse), and the whole parser for the commands, --help and anything unusual.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from ecr_tui import __version__

if TYPE_CHECKING:
    import argparse

SHELLS = ("bash", "zsh", "fish")
"""The shells `ecr-tui completion SHELL` writes a script for."""


def _common(parser: argparse.ArgumentParser, *, suppress: bool, multi: bool = False) -> None:
    import argparse

    default = argparse.SUPPRESS if suppress else None
    if multi:
        parser.add_argument("--profile", dest="profiles", action="append", metavar="PROFILE",
                            help="AWS profile or discovered ACCOUNT_ID/ROLE (repeatable)")
        parser.add_argument("--region", dest="region_list", action="append", metavar="REGION",
                            help="AWS region (repeatable)")
    else:
        parser.add_argument(
            "--profile", default=default, help="AWS profile (default: AWS_PROFILE)"
        )
        parser.add_argument(
            "--region", default=default, help="AWS region (default: AWS CLI rules)"
        )
    parser.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="use the built-in offline demo data",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="log details to stderr (TUI: to a file under $XDG_STATE_HOME/ecr-tui)",
    )
    parser.add_argument(
        "--allow-writes",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="allow writes to ECR (tag, untag, delete); also `writes = true` in config.toml",
    )


def _tui_options(parser: argparse.ArgumentParser) -> None:
    _common(parser, suppress=False)
    parser.add_argument(
        "--clipboard-clear",
        metavar="SECONDS",
        help="TUI: clear a copied password from the clipboard after this many seconds if it is "
        "still there (default: $ECR_TUI_CLIPBOARD_CLEAR_SECONDS, then clipboard_clear_seconds in "
        "config.toml, then 60; 0: never)",
    )


_TUI_VALUES = {"--profile": "profile", "--region": "region", "--clipboard-clear": "clipboard_clear"}
_TUI_FLAGS = {"--demo": "demo", "--debug": "debug", "--allow-writes": "allow_writes"}


def parse_tui_args(argv: list[str]) -> SimpleNamespace | None:
    """The TUI's options as `build_parser` reads them (`--profile P`, `--profile=P`, `--demo`,
    ...), without argparse: it is 1.3 ms of the first frame. None when `argv` holds anything
    else (a command, --help, --version, an abbreviation, a mistake): the whole parser reads
    those, and says what is wrong."""
    found = _tui_defaults()
    if _read_options(argv, found, _TUI_FLAGS, _TUI_VALUES) != len(argv):
        return None
    return SimpleNamespace(**found, command=None)


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="ecr-tui",
        description="Amazon ECR in the terminal: profiles, repositories, tags, token countdowns, "
        "one-key login. Without a command, opens the TUI.",
    )
    parser.add_argument("--version", action="version", version=f"ecr-tui {__version__}")
    _tui_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(
        name: str, help_text: str, *, json_flag: bool = True, multi: bool = False
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _common(p, suppress=True, multi=multi)
        if json_flag:
            p.add_argument("--json", action="store_true", help="print JSON")
        return p

    command("profiles", "list AWS profiles with their kind, region and expiry")
    command("regions", "list the ECR regions of the profile's partition")
    command("repos", "list the repositories of the profile and region")
    tags = command("tags", "list every tag of a repository (registry API + DescribeImages)")
    tags.add_argument("repository", help="repository name, e.g. team/api; or any registry's "
                      "public image, e.g. public.ecr.aws/docker/library/nginx (anonymously)")
    tags.add_argument(
        "--platforms", action="store_true",
        help="read the manifest of each multi-arch index not cached yet to name its platforms "
        "(ECR records each read as a pull; without it: `multi-arch`)",
    )
    command(
        "password", "print the ECR password, like `aws ecr get-login-password`", json_flag=False
    )
    login = command(
        "login", "log a container client in to one or many registries", json_flag=False,
        multi=True,
    )
    login.add_argument(
        "--engine",
        choices=("docker", "podman", "finch", "nerdctl", "helm", "oras"),
        help="client to log in (default: engine in config.toml, else the first found, docker "
        "first)",
    )
    command("status", "credential/SSO expiry per profile and recorded logins with time left")
    rules = command("rules", "list the pull-through-cache rules of the registry")
    rules.add_argument(
        "--pull-uri", metavar="IMAGE",
        help="print the reference that pulls IMAGE (e.g. nginx:1.27, ghcr.io/org/app:tag) "
        "through the cache",
    )
    from ecr_tui.cli import config, findings, helper, inspect, pairs

    helper.add_parser(sub, lambda p: _common(p, suppress=True))
    config_parser = config.add_parser(sub)
    completion = sub.add_parser("completion", help="print a shell completion script",
                                description='bash: eval "$(ecr-tui completion bash)"; zsh: the '
                                'same with zsh; fish: ecr-tui completion fish | source')
    completion.add_argument("shell", choices=SHELLS)
    for takes_the_common_options in (config_parser, completion):  # every command takes them
        _common(takes_the_common_options, suppress=True)
    pairs.add_arguments(sub, command)
    inspect.add_parser(command)
    findings.add_parser(command)
    from ecr_tui.cli import audit, writes

    writes.add_parser(command)
    audit.add_parser(command)
    from ecr_tui.cli import usage  # issue 18: In use where

    usage.add_parser(command)

    from ecr_tui.cli import lifecycle

    lifecycle.add_parser(command)
    from ecr_tui.cli import doctor  # issue 20: why can't it pull?

    doctor.add_parser(command)
    from ecr_tui.cli import upstream

    upstream.add_parser(command)
    from ecr_tui.cli import public

    public.add_options(sub.choices)
    from ecr_tui.cli import copy  # issue 21: copy between registries

    copy.add_parser(command)
    from ecr_tui.cli import agent  # the credential helper's token agent (issue 22)

    agent.add_parser(sub, lambda p: _common(p, suppress=True))
    return parser


# -- commands read without argparse too (`ecr-tui password`) ---------------------------------

QUICK_COMMANDS: dict[str, dict[str, str]] = {"password": {"--public": "public"}}
"""Commands read by hand as well, with their own flags: `ecr-tui password` is the first step
of a pipe, and the whole parser (every command's module imported) was ~100 M instructions of
its ~1,000 M, measured with callgrind."""

_COMMAND_VALUES = {"--profile": "profile", "--region": "region"}
"""The options with a value that a command takes after its name (not --clipboard-clear)."""


def _tui_defaults() -> dict[str, Any]:
    return {"profile": None, "region": None, "demo": False, "debug": False,
            "clipboard_clear": None, "allow_writes": False}


def _read_options(
    argv: list[str], found: dict[str, Any], flags: dict[str, str], values: dict[str, str]
) -> int | None:
    """Reads options into `found` up to the first word that is no option: its index (len(argv)
    when there is none); None for what argparse reads its own way (an unknown option, an
    abbreviation, a missing value, `--`)."""
    at = 0
    while at < len(argv):
        name, equals, value = argv[at].partition("=")
        if name in flags and not equals:
            found[flags[name]] = True
        elif name in values:
            if not equals:
                at += 1
                value = argv[at] if at < len(argv) else "-"
                if value.startswith("-"):
                    return None  # a missing value, or one argparse reads its own way
            found[values[name]] = value
        elif name.startswith("-") or not name:
            return None
        else:
            return at
        at += 1
    return at


def parse_quick_args(argv: list[str]) -> SimpleNamespace | None:
    """`parse_tui_args`, and a command of QUICK_COMMANDS with the options argparse would read
    the same way, before or after its name. None for anything else (the whole parser)."""
    found = _tui_defaults()
    at = _read_options(argv, found, _TUI_FLAGS, _TUI_VALUES)
    if at is None or at == len(argv):
        return None if at is None else SimpleNamespace(**found, command=None)
    own = QUICK_COMMANDS.get(argv[at])
    if own is None:
        return None
    found.update(dict.fromkeys(own.values(), False))
    rest = argv[at + 1:]
    if _read_options(rest, found, {**_TUI_FLAGS, **own}, _COMMAND_VALUES) != len(rest):
        return None
    return SimpleNamespace(**found, command=argv[at])
