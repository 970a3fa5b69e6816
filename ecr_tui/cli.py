"""`ecr-tui`: the TUI with no subcommand, its scriptable twin with one.

Imports stay inside the commands: `ecr-tui password` must start as fast as a bare boto3
script, and no CLI path may import textual.
"""

from __future__ import annotations

import os
import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, NoReturn

from ecr_tui import __version__
from ecr_tui.core.terminal_mfa import terminal_mfa_prompt as _terminal_mfa_prompt

if TYPE_CHECKING:
    import argparse

    from ecr_tui.core.settings import Settings

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
MANY_ACCOUNT_COMMANDS = ("profiles", "fleet", "find", "login")


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
_TUI_FLAGS = {"--demo": "demo", "--debug": "debug"}


def _parse_tui_args(argv: list[str]) -> SimpleNamespace | None:
    """The TUI's options as `build_parser` reads them (`--profile P`, `--profile=P`, `--demo`,
    ...), without argparse: it is 1.3 ms of the first frame. None when `argv` holds anything
    else (a command, --help, --version, an abbreviation, a mistake): the whole parser reads
    those, and says what is wrong."""
    found: dict[str, Any] = {"profile": None, "region": None, "demo": False, "debug": False,
                             "clipboard_clear": None}
    items = iter(argv)
    for item in items:
        name, equals, value = item.partition("=")
        if name in _TUI_FLAGS and not equals:
            found[_TUI_FLAGS[name]] = True
        elif name in _TUI_VALUES:
            if not equals:
                value = next(items, "-")
                if value.startswith("-"):
                    return None  # a missing value, or one argparse reads its own way
            found[_TUI_VALUES[name]] = value
        else:
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
    tags.add_argument("repository", help="repository name, e.g. team/api")
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
    from ecr_tui.helper_command import add_parser as add_helper_parser

    add_helper_parser(sub, lambda p: _common(p, suppress=True))
    from ecr_tui import config_cli
    from ecr_tui.completion import SHELLS

    config_cli.add_parser(sub)
    completion = sub.add_parser("completion", help="print a shell completion script",
                                description='bash: eval "$(ecr-tui completion bash)"; zsh: the '
                                'same with zsh; fish: ecr-tui completion fish | source')
    completion.add_argument("shell", choices=SHELLS)
    from ecr_tui import many_cli

    many_cli.add_arguments(sub, command)

    from ecr_tui.inspect_cli import add_commands

    add_commands(command)
    return parser


def _backend(args: argparse.Namespace) -> Any:
    if args.demo:
        from ecr_tui.demo.backend import DemoBackend

        return DemoBackend()
    from ecr_tui.core.aws import AwsBackend

    backend = AwsBackend(profile=args.profile, region=args.region)
    if args.command:  # the TUI installs its own in-app prompt
        backend.set_mfa_prompt(_terminal_mfa_prompt)
    return backend


def _target(backend: Any, args: argparse.Namespace) -> tuple[str, str]:
    profile = args.profile or backend.default_profile()
    return profile, backend.require_region(profile, args.region)


def _run_command(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "config":
        from ecr_tui import config_cli

        return config_cli.run(args, settings, sys.stdout, sys.stderr)
    if args.command == "completion":
        from ecr_tui.completion import script

        sys.stdout.write(script(args.shell))
        return EXIT_OK
    for warning in settings.warnings:
        sys.stderr.write(f"ecr-tui: warning: {warning}\n")
    out = sys.stdout
    backend = _backend(args)
    if args.command == "password":
        # The password alone, like `aws ecr get-login-password`, for `| docker login ...`;
        # before the imports the other commands need (tables, JSON): ~20 ms.
        profile, region = _target(backend, args)
        out.write(backend.token(profile, region).password + "\n")
        return EXIT_OK
    from ecr_tui import output
    from ecr_tui.core.models import utcnow

    now = utcnow()
    if args.command in MANY_ACCOUNT_COMMANDS:
        from ecr_tui import many_cli

        if args.command == "login":
            args.engine = args.engine or settings.engine
        run = {
            "profiles": many_cli.run_profiles, "fleet": many_cli.run_fleet,
            "find": many_cli.run_find, "login": many_cli.run_login,
        }[args.command]
        return run(backend, args, out)
    if args.command == "regions":
        profile = args.profile or backend.default_profile()
        found = backend.regions(profile)
        if args.json:
            output.to_json(found, out)
        else:
            output.table(("REGION", "PARTITION", "NAME"), output.region_rows(found), out)
        return EXIT_OK
    if args.command == "repos":
        profile, region = _target(backend, args)
        repos = backend.repositories(profile, region)
        if args.json:
            output.to_json(repos, out)
        else:
            output.table(
                ("REPOSITORY", "URI", "CREATED", "TAG MUTABILITY", "SCAN ON PUSH"),
                output.repo_rows(repos),
                out,
            )
        return EXIT_OK
    if args.command == "tags":
        profile, region = _target(backend, args)
        listing = backend.tag_listing(profile, region, args.repository)
        rows, warnings = listing.rows, listing.warnings
        for warning in warnings:
            sys.stderr.write(f"ecr-tui: warning: {warning}\n")
        if args.json:
            output.to_json(output.tag_json(rows), out)
        else:
            output.table(
                ("TAG", "DIGEST", "PUSHED", "SIZE", "PLATFORMS", "SCAN"), output.tag_rows(rows), out
            )
        return EXIT_OK
    if args.command in ("inspect", "findings"):
        from ecr_tui.inspect_cli import run

        run(args, backend, _target(backend, args), out)
        return EXIT_OK
    if args.command == "rules":
        from ecr_tui import rules_command

        profile, region = _target(backend, args)
        rules_command.run(
            backend, profile, region, as_json=args.json, pull_uri=args.pull_uri, out=out
        )
        return EXIT_OK
    if args.command == "helper":
        from ecr_tui import helper_command

        return helper_command.run(args, backend, out)
    if args.command == "status":
        from ecr_tui.helper_command import helper_routes, helper_rows

        profiles = backend.profiles()
        logins = backend.recorded_logins()
        routes = helper_routes(backend, os.environ)
        if args.json:
            output.to_json(
                {
                    "profiles": output.profile_json(profiles, now),
                    "logins": output.login_json(logins, now),
                    "helper": routes,
                },
                out,
            )
        else:
            output.table(
                ("PROFILE", "KIND", "REGION", "EXPIRES IN", "SOURCE"),
                output.profile_rows(profiles, now),
                out,
            )
            out.write("\n")
            output.table(
                ("PROFILE", "REGION", "REGISTRY", "ENGINE", "TOKEN LEFT", "LOGGED IN"),
                output.login_rows(logins, now),
                out,
            )
            if routes:
                out.write("\n")
                output.table(("ROUTED TO HELPER", "PROFILE", "VIA"), helper_rows(routes), out)
        return EXIT_OK
    raise AssertionError(args.command)


def _clear_seconds(args: argparse.Namespace, settings: Settings) -> float:
    """--clipboard-clear, then the environment, then config.toml, then the built-in 60 s."""
    from ecr_tui.core.clipboard import CLEAR_ENV, clear_delay

    configured = settings.clipboard_clear_seconds
    unset = args.clipboard_clear is None and not os.environ.get(CLEAR_ENV, "").strip()
    if unset and configured is not None:
        return configured
    return clear_delay(os.environ, args.clipboard_clear)


def _run_tui(args: argparse.Namespace, settings: Settings) -> int:
    from ecr_tui.ui.gc_tuning import pause_until_first_frame

    pause_until_first_frame()  # Textual's imports and the first screen: objects for good
    from ecr_tui.core.memory import MemoryStore

    clipboard_clear = _clear_seconds(args, settings)
    if args.debug:
        from pathlib import Path

        from ecr_tui.core.logsetup import enable_debug

        state = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
        (state / "ecr-tui").mkdir(parents=True, exist_ok=True, mode=0o700)
        enable_debug(path=state / "ecr-tui" / "debug.log")
    from ecr_tui.ui.app import make_app

    make_app(
        _backend(args), profile=args.profile, region=args.region, clipboard_clear=clipboard_clear,
        settings=settings, memory=MemoryStore(persist=True),
    ).run()
    return EXIT_OK


def entry() -> NoReturn:
    """The `ecr-tui` console script: `main`, then out without Python's shutdown."""
    from ecr_tui.leave import run_and_leave

    run_and_leave(main)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["__complete"]:
        from ecr_tui.completion import complete

        return complete(argv[1:])
    args = _parse_tui_args(argv) or build_parser().parse_args(argv)
    from ecr_tui.core.settings import load_settings

    settings = load_settings()  # the one place settings are read
    if args.debug and args.command:
        from ecr_tui.core.logsetup import enable_debug

        enable_debug(stream=sys.stderr)
    try:
        return _run_command(args, settings) if args.command else _run_tui(args, settings)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - one line for the user, details with --debug
        from ecr_tui.core.errors import EcrTuiError

        if args.debug:
            import logging

            logging.getLogger("ecr_tui").debug("command failed", exc_info=True)
        text = str(exc) if isinstance(exc, EcrTuiError) else f"unexpected {type(exc).__name__}"
        if not isinstance(exc, EcrTuiError) and not args.debug:
            text += " (run with --debug for details)"
        sys.stderr.write(f"ecr-tui: error: {text}\n")
        return EXIT_ERROR
